import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { collapseSpacing, fullWidthPunctuation, normalizeInline } from '../../src/import/normalize.ts';
import { isCjk } from '../../src/cjk/chars.ts';

describe('collapseSpacing', () => {
  it('removes OCR letter-spacing and spaces between CJK and digits', () => {
    expect(collapseSpacing('好 合 作 条 约〉签 署 20 周 年 的 联 合 声 明》和')).toBe('好合作条约〉签署20周年的联合声明》和');
    expect(collapseSpacing('（新华社莫斯科 3月 21日电）')).toBe('（新华社莫斯科3月21日电）');
    expect(collapseSpacing('于 2023 年 3 月 20 日至 22 日')).toBe('于2023年3月20日至22日');
  });
  it('joins a number or an abbreviation that OCR spaced out', () => {
    expect(collapseSpacing('于 2 0 0 6 年')).toBe('于2006年');
    expect(collapseSpacing('加勒比共同体（C A R I C O M）、太平洋联盟（A P）')).toBe('加勒比共同体（CARICOM）、太平洋联盟（AP）');
    expect(collapseSpacing('共同体（CARICO M）')).toBe('共同体（CARICOM）');
    expect(collapseSpacing('USA UK and World Trade')).toBe('USA UK and World Trade');
  });
  it('keeps one space between two Latin words', () => {
    expect(collapseSpacing('在 World   Trade Organization 框架下')).toBe('在World Trade Organization框架下');
  });
});

describe('fullWidthPunctuation', () => {
  it('converts half-width marks inside Chinese text', () => {
    expect(fullWidthPunctuation('合作,密切配合,共同克服')).toBe('合作，密切配合，共同克服');
    expect(fullWidthPunctuation('为此,双方商定:')).toBe('为此，双方商定：');
    expect(fullWidthPunctuation('(上接第2版)双方')).toBe('（上接第2版）双方');
  });
  it('makes a lone bracket, an OCR full stop and straight quotes in Chinese text full-width', () => {
    expect(fullWidthPunctuation('黑瞎子岛(塔拉巴罗夫岛）地区')).toBe('黑瞎子岛（塔拉巴罗夫岛）地区');
    expect(fullWidthPunctuation('协定（草案)》文本')).toBe('协定（草案）》文本');
    expect(fullWidthPunctuation('双方反对外部势力干涉内政.')).toBe('双方反对外部势力干涉内政。');
    expect(fullWidthPunctuation('举办"未来运动会".双方')).toBe('举办“未来运动会”。双方');
    expect(fullWidthPunctuation('增长3.5%，合作...')).toBe('增长3.5%，合作...');
    expect(fullWidthPunctuation('He said "yes" twice.')).toBe('He said "yes" twice.');
  });
  it('treats parentheses around a Latin abbreviation in Chinese text as Chinese', () => {
    expect(fullWidthPunctuation('国家共同体(CELAC)、南方共同市场(MERCOSUR)、')).toBe('国家共同体（CELAC）、南方共同市场（MERCOSUR）、');
  });
  it('leaves numbers, times, ranges and Latin text alone', () => {
    expect(fullWidthPunctuation('共1,000人')).toBe('共1,000人');
    expect(fullWidthPunctuation('于10:30开幕')).toBe('于10:30开幕');
    expect(fullWidthPunctuation('2023-2027年')).toBe('2023-2027年');
    expect(fullWidthPunctuation('3.5%')).toBe('3.5%');
    expect(fullWidthPunctuation('see (ALBA), and more')).toBe('see (ALBA), and more');
  });
});

// Text made of Han characters, Chinese punctuation, digits, Latin letters and spaces.
const piece = fc.constantFrom('中', '华', '国', '联', '邦', '。', '，', '、', '“', '”', '《', '》', '2', '0', 'G', 'A', ' ', '  ', '\t', ',', '(', ')', ':');
const text = fc.array(piece, { maxLength: 80 }).map((a) => a.join(''));

describe('normalizer properties', () => {
  it('loses no CJK character that is not whitespace', () => {
    fc.assert(fc.property(text, (t) => {
      const cjk = (s: string) => [...s].filter((ch) => isCjk(ch) && !/\s/u.test(ch) && !'，：；（）？！'.includes(ch)).join('');
      // Full-width marks may be added (from half-width ones); none already there may be lost.
      expect(cjk(normalizeInline(t))).toBe(cjk(t.normalize('NFC')));
    }), { numRuns: 500 });
  });
  it('keeps every non-space character, changing only the width of punctuation', () => {
    const fold = (s: string) => s.replace(/\s/gu, '').replace(/[，：；（）？！]/gu, (c) => ({ '，': ',', '：': ':', '；': ';', '（': '(', '）': ')', '？': '?', '！': '!' })[c]!);
    fc.assert(fc.property(text, (t) => { expect(fold(normalizeInline(t))).toBe(fold(t)); }), { numRuns: 500 });
  });
  it('is idempotent', () => {
    fc.assert(fc.property(text, (t) => { expect(normalizeInline(normalizeInline(t))).toBe(normalizeInline(t)); }), { numRuns: 500 });
  });
});
