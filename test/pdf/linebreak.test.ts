// The line-breaking engine alone, with a fixed-width fake measurer (Han 1 em, ASCII ½ em):
// no fonts, no pages, no pdfkit.
import { describe, expect, it } from 'vitest';
import { paragraphItems, type Style } from '../../src/writers/pdf/items.ts';
import { breakLines } from '../../src/writers/pdf/linebreak.ts';
import { fixedMetrics } from '../../src/writers/pdf/measure.ts';
import { setLines } from '../../src/writers/pdf/setline.ts';
import { loadCorpus } from '../../src/corpus/load.ts';
import { CORPUS } from '../helpers/paths.ts';

const style: Style = { weight: 'regular', size: 10 };

function set(text: string, chars: number, indent = 0) {
  const items = paragraphItems([{ text, style }], fixedMetrics, { indent });
  const lines = setLines(items, breakLines(items, { lineWidth: () => chars * 10 }));
  return lines.map((l) => ({ text: l.glyphs.map((g) => g.text).join(''), width: l.width, last: l.last, glyphs: l.glyphs }));
}

describe('line breaking with Chinese rules', () => {
  it('never starts a line with closing punctuation, pulling a character down instead', () => {
    // Greedily the comma would start line 2.
    const lines = set('一二三四五六七八九十，甲乙丙丁', 10);
    expect(lines.map((l) => l.text[0])).not.toContain('，');
    for (const l of lines.filter((x) => !x.last)) expect(l.width).toBeCloseTo(100, 6);
  });

  it('never ends a line with opening punctuation', () => {
    const lines = set('一二三四五六七八九《十一二三》四五六七八九十', 10);
    expect(lines.map((l) => l.text.at(-1))).not.toContain('《');
  });

  it('keeps —— and …… whole, and runs of digits and Latin letters unbroken', () => {
    for (const width of [5, 6, 7, 8, 9, 11, 13]) {
      const lines = set('一二三四——五六七八……九十2023年AUKUS成员国第14届会议', width);
      expect(lines.some((l) => l.text.endsWith('—') && !l.text.endsWith('——'))).toBe(false);
      expect(lines.some((l) => l.text.startsWith('—') && !l.text.startsWith('——'))).toBe(false);
      expect(lines.every((l) => !/^(023|23|3)年|^(UKUS|KUS|US|S)成/u.test(l.text))).toBe(true);
      expect(lines.map((l) => l.text).join('')).toBe('一二三四——五六七八……九十2023年AUKUS成员国第14届会议');
    }
  });

  it('compresses adjacent marks: 。” takes 1.5 em', () => {
    const [line] = set('说：“好。”', 20);
    const at = (ch: string) => line.glyphs.find((g) => g.text === ch)!;
    // ： and 。 give up their blank halves before another mark: each pair takes 1.5 em.
    expect(at('”').x - at('。').x).toBeCloseTo(5, 6);
    expect(at('“').x + 10 - at('：').x).toBeCloseTo(15, 6);
  });

  it('sets a closing mark half-width at a line end when that saves a bad break', () => {
    // Ten characters and a comma in a 10.5-em line: the comma fits only half-width.
    const lines = set('一二三四五六七八九十，甲乙丙丁戊己', 10.5);
    expect(lines[0].text).toBe('一二三四五六七八九十，');
    expect(lines[0].width).toBeCloseTo(105, 6);
  });

  it('spreads slack over the gaps between characters, not inside Latin runs', () => {
    const lines = set('一二三四五六七八九ABCD十一二三四五六七八九十', 12);
    const first = lines[0];
    expect(first.width).toBeCloseTo(120, 6);
    const ab = first.glyphs.find((g) => g.text === 'ABCD');
    expect(ab, 'the Latin run is one glyph run on the first line').toBeDefined();
    expect(ab!.width).toBeCloseTo(20, 6);
  });

  it('leaves no single character alone on the last line', () => {
    const lines = set('一二三四五六七八九十甲。', 10);
    expect(lines.at(-1)!.text.replace(/[。，]/gu, '').length).toBeGreaterThanOrEqual(2);
  });

  it('sets the whole corpus: every non-final line exactly fills the measure, no rule broken', () => {
    const paras = loadCorpus(CORPUS).flatMap((d) => d.body.split('\n').filter((l) => l.trim() && !l.startsWith('#')));
    let lines = 0;
    for (const p of paras) {
      const set31 = set(p, 31, 2);
      expect(set31.map((l) => l.text).join('')).toBe(p);
      for (const l of set31) {
        lines++;
        if (!l.last) expect(l.width).toBeCloseTo(310, 6);
        expect('，。、；：？！）》」』〉”’').not.toContain(l.text[0]);
        expect('（《「『〈“‘').not.toContain(l.text.at(-1));
      }
    }
    expect(lines).toBeGreaterThan(900);
  });
});
