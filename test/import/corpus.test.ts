// The checked-in corpus against its witnesses: reproducible, faithful, clean, with the
// collation decisions a person checked by hand against the raw files.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importCorpus } from '../../src/import/index.ts';
import { loadCorpus } from '../../src/corpus/load.ts';
import { lintBody } from '../../src/corpus/lint.ts';
import { applyStyle } from '../../src/import/style.ts';
import { unbalancedPairs } from '../../src/cjk/brackets.ts';
import { CORPUS, SEED } from '../helpers/paths.ts';

const corpus = loadCorpus(CORPUS);
const doc = (id: string) => corpus.find((d) => d.front.id === id)!;
const raw = (file: string) => readFileSync(file, 'utf8');
/** A witness with all whitespace removed (OCR spacing and line breaks gone, characters kept), in the house style. */
const squeezed = (file: string) => applyStyle(raw(file).replace(/\s/gu, '')).text;
const paragraphs = (id: string) => doc(id).body.split('\n').filter((l) => l.trim() && !l.startsWith('#'));

describe('import', () => {
  it('reproduces the checked-in corpus byte for byte', () => {
    for (const f of importCorpus(CORPUS)) expect(readFileSync(f.path, 'utf8'), f.path).toBe(f.content);
  });

  it('establishes five documents with the gaps each really has', () => {
    expect(corpus.map((d) => [d.front.id, d.front.completeness, d.front.gaps.map((g) => g.at)])).toEqual([
      ['2023-03-21-deepening-partnership', 'complete', []],
      ['2024-05-16-75th-anniversary', 'incomplete', ['start']],
      ['2025-05-08-global-strategic-stability', 'incomplete', ['end']],
      ['2025-05-08-international-law', 'incomplete', ['end']],
      ['2025-05-08-moscow-joint-statement', 'incomplete', ['start']],
    ]);
    expect(doc('2023-03-21-deepening-partnership').front.witnesses.map((w) => [w.file, w.role, w.reliable])).toEqual([
      ['000_bc26827d51292f16.txt', 'base', true],
      ['004_670cd57cfbf4118f.txt', 'collated', true],
      ['001_ffce3baefabbf786.txt', 'collated', false],
    ]);
  });

  it('marks supplied titles and dates as supplied', () => {
    expect(doc('2025-05-08-moscow-joint-statement').front).toMatchObject({ title_supplied: true, date_supplied: false });
    expect(doc('2025-05-08-international-law').front).toMatchObject({ title_supplied: false, date_supplied: true });
    expect(doc('2023-03-21-deepening-partnership').front).toMatchObject({ title_supplied: false, title_source: '001_ffce3baefabbf786.txt' });
  });

  it('takes signatures, place, date and dateline out of the body', () => {
    for (const d of corpus) {
      expect(d.body).not.toMatch(/习近平\s*$|弗·弗·普京|新华社|〇[一二三四五六七八九〇]{3}年/u);
    }
    expect(doc('2023-03-21-deepening-partnership').front).toMatchObject({ date: '2023-03-21', place: '莫斯科', dateline: '新华社莫斯科3月21日电' });
    expect(doc('2024-05-16-75th-anniversary').front).toMatchObject({ date: '2024-05-16', place: '北京', dateline: '新华社北京5月16日电' });
  });
});

describe('faithfulness', () => {
  it('every paragraph of a single-witness document is in its witness, character for character', () => {
    const sources: Record<string, string> = {
      '2025-05-08-global-strategic-stability': squeezed(SEED.page2025),
      '2025-05-08-international-law': squeezed(SEED.page2025),
      '2025-05-08-moscow-joint-statement': squeezed(SEED.page2025),
    };
    for (const [id, text] of Object.entries(sources)) for (const p of paragraphs(id)) expect(text, `${id}: ${p.slice(0, 20)}`).toContain(p);
    // The Markdown witness has half-width punctuation: compare with it folded to full width.
    const md = applyStyle(raw(SEED.md2024).replace(/\s/gu, '').replace(/,/gu, '，').replace(/:/gu, '：').replace(/\(/gu, '（').replace(/\)/gu, '）')).text;
    for (const p of paragraphs('2024-05-16-75th-anniversary')) expect(md).toContain(p);
  });

  it('the 2023 text is the printed witness except where the apparatus records another reading', () => {
    const printed = squeezed(SEED.ocr2023);
    const d = doc('2023-03-21-deepening-partnership');
    const adoptedElsewhere = d.apparatus!.variants.filter((v) => v.adopted !== v.readings.find((r) => r.witness === '000_bc26827d51292f16.txt')?.text);
    // Only paragraph breaks were taken from another witness.
    for (const v of adoptedElsewhere) expect(v.adopted.replace(/¶/gu, '')).toBe(v.readings[0].text.replace(/¶/gu, ''));
    for (const p of paragraphs(d.front.id)) expect(printed, p.slice(0, 20)).toContain(p);
  });

  it('loses no character of the base witnesses', () => {
    const hanCount = (s: string) => (s.match(/\p{Script=Han}/gu) ?? []).length;
    const body = corpus.filter((d) => d.front.id.startsWith('2025')).map((d) => d.body + d.front.title + d.front.signatories.map((s) => s.office + s.name).join('') + (d.front.dateline ?? '')).join('');
    // The page's Han characters = the three bodies + titles + closing lines + the date line and continuation marks.
    const page = raw(SEED.page2025).replace(/[（(](上接|下转)第[^）)]*[）)]/gu, '').replace(/二〇二五年五月八日于莫斯科/u, '');
    expect(hanCount(body) - hanCount(corpus.filter((d) => d.front.id === '2025-05-08-moscow-joint-statement')[0].front.title)).toBe(hanCount(page));
  });

  it('has no paragraph with an unbalanced pair of marks, and one style of numeric range', () => {
    for (const d of corpus) expect(unbalancedPairs(d.body), d.file).toEqual([]);
    const ranges = corpus.flatMap((d) => d.body.match(/[0-9]{4}[-－–—～~][0-9]{4}/gu) ?? []);
    expect(ranges.length).toBeGreaterThanOrEqual(6);
    for (const r of ranges) expect(r).toMatch(/^[0-9]{4}—[0-9]{4}$/u);
  });

  it('joins the 2024 paragraph the Markdown witness broke inside 《…》, and records the join', () => {
    expect(raw(SEED.md2024)).toContain('博利绍伊乌苏里斯基岛)地区\n\n周围水域航行的政府间协定(草案)》');
    expect(doc('2024-05-16-75th-anniversary').body).toContain('《中俄船只在黑瞎子岛（塔拉巴罗夫岛和博利绍伊乌苏里斯基岛）地区周围水域航行的政府间协定（草案）》文本。');
    const md = doc('2024-05-16-75th-anniversary').front.witnesses[0];
    expect(md.removed).toContainEqual({ what: '成对标点之内的分段（已接排）', count: 1, examples: ['利绍伊乌苏里斯基岛)地区¶周围水域航行的政'] });
    expect(md.removed.find((r) => r.what.includes('连接号'))?.count).toBe(3);
  });

  it('leaves no hard wraps, OCR spaces, half-width punctuation, marks or markup in any body', () => {
    for (const d of corpus) expect(lintBody(d), d.file).toEqual([]);
  });
});

describe('collation decisions, checked by hand against the raw witnesses', () => {
  const d = doc('2023-03-21-deepening-partnership');
  const variant = (context: string) => d.apparatus!.variants.find((v) => v.context.endsWith(context))!;

  it('以下称 (print) over 以下简称 (the unreliable web text alone)', () => {
    expect(raw(SEED.ocr2023)).toContain('（以下称');
    expect(raw(SEED.web2023)).toContain('（以下简称');
    expect(variant('俄罗斯联邦（以下')).toMatchObject({ adopted: '', readings: [{ text: '' }, { text: '简' }] });
    expect(d.body).toContain('（以下称“双方”）');
  });

  it('以犯罪为目的使用: print and HTML agree; the unreliable web text\'s extra 的 is recorded, not followed', () => {
    expect(squeezed(SEED.ocr2023)).toContain('以犯罪为目的使用');
    expect(raw(SEED.html2023)).toContain('以犯罪为目的使用');
    expect(raw(SEED.web2023)).toContain('以犯罪为目的的使用');
    expect(variant('以犯罪为目的')).toMatchObject({ rule: '不可靠底本之异文，录而不从', adopted: '', readings: [{ text: '' }, { text: '' }, { text: '的' }] });
    expect(d.body).toContain('以犯罪为目的使用');
  });

  it('地缘政治目的的行径: print and HTML differ inside a passage the web text rewrites; the print is followed', () => {
    expect(squeezed(SEED.ocr2023)).toContain('实现地缘政治目的的行径');
    expect(raw(SEED.html2023)).toContain('实现地缘政治目的行径');
    expect(variant('实现地缘政治目的')).toMatchObject({ adopted: '的', rule: '可靠底本各执一词时，报纸印本优先于网络转载', readings: [{ text: '的' }, { text: '' }] });
  });

  it('keeps the opening parenthesis before AUKUS that the HTML repost dropped', () => {
    expect(raw(SEED.html2023)).toContain('伙伴关系”AUKUS）');
    expect(squeezed(SEED.ocr2023)).toContain('伙伴关系”（AUKUS）');
    expect(d.body).toContain('伙伴关系”（AUKUS）');
  });

  it('reads the paragraph break after 世界人权事业。 from the print\'s line lengths, as the HTML repost has it', () => {
    // The print's line is one character short of its column, and the next is short by the indent.
    expect(raw(SEED.ocr2023)).toContain('不移推进本国人权事业和世界人权事业。\n\n俄方支持中方实现中国式现代化。中方\n');
    expect(raw(SEED.html2023)).toContain('世界人权事业。</p> <p>俄方支持');
    expect(variant('和世界人权事业。')).toBeUndefined();
    expect(d.body).toContain('世界人权事业。\n\n俄方支持中方实现中国式现代化。');
  });

  it('takes a paragraph break from the HTML repost where the print\'s line lengths do not show one', () => {
    const taken = d.apparatus!.variants.filter((v) => v.rule.startsWith('分段'));
    expect(taken.length).toBeGreaterThan(0);
    for (const v of taken) {
      expect(v.adopted).toBe('¶');
      expect(v.readings.find((r) => r.witness === '004_670cd57cfbf4118f.txt')?.text).toBe('¶');
    }
  });

  it('marks the web text unreliable with its count of lone readings', () => {
    const web = d.front.witnesses.find((w) => w.file === '001_ffce3baefabbf786.txt')!;
    expect(web.lone_readings).toBeGreaterThan(30);
    expect(web.note).toMatch(/^独有异文\d+处，每千字[\d.]+处/u);
  });
});
