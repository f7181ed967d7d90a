// Display lines (titles, headings, contents entries, running heads): broken only between phrases,
// into lines of near-equal length; with a fixed-width measurer (every Han character one em).
import { describe, expect, it } from 'vitest';
import { phraseBreaks } from '../../src/cjk/phrases.ts';
import { paragraphItems, type Item } from '../../src/writers/pdf/items.ts';
import { displayBreaks } from '../../src/writers/pdf/linebreak.ts';
import { fixedMetrics } from '../../src/writers/pdf/measure.ts';
import { setLines } from '../../src/writers/pdf/setline.ts';
import { phraseBoundaries } from '../../src/writers/pdf/text.ts';

const style = { weight: 'regular' as const, size: 1 };

/** The lines of a display text set in `first` ems, then `rest` ems. */
function display(text: string, first: number, rest = first): string[] {
  const items: Item[] = paragraphItems([{ text, style }], fixedMetrics, { width: first });
  const breaks = displayBreaks(items, { first, rest, inside: phraseBoundaries(items, text) });
  return setLines(items, breaks).map((l) => l.glyphs.map((g) => g.text).join(''));
}

/** Whether every break between the lines falls where the text's phrases meet. */
function atPhrases(text: string, lines: string[]): boolean {
  const breaks = new Set(phraseBreaks(text));
  let at = 0;
  return lines.slice(0, -1).every((l) => breaks.has((at += l.length)));
}

const LONG = '中华人民共和国和俄罗斯联邦在两国建交75周年之际关于深化新时代全面战略协作伙伴关系的联合声明';

describe('display lines', () => {
  it('break only between phrases, into as few lines as fit, of near-equal length', () => {
    const lines = display(LONG, 17);
    expect(lines.join('')).toBe(LONG);
    expect(lines).toHaveLength(3);
    expect(atPhrases(LONG, lines)).toBe(true);
    const widths = lines.map((l) => fixedMetrics.advance(l, 'regular'));
    expect(Math.max(...widths) - Math.min(...widths)).toBeLessThanOrEqual(3);
    expect(widths.every((w) => w <= 17)).toBe(true);
    // Not the greedy 17/17/rest of a paragraph: 全/面, 伙/伴, 75周/年 and 深/化 never split.
    for (const word of ['全面', '伙伴关系', '75周年', '深化', '新时代', '两国']) expect(lines.some((l) => l.includes(word))).toBe(true);
  });

  it('set on one line what fits on one line', () => {
    expect(display('中华人民共和国和俄罗斯联邦联合声明', 20)).toEqual(['中华人民共和国和俄罗斯联邦联合声明']);
  });

  it('keep dates and numbers whole: 二〇二五年 is never split, even where a bracketed phrase is wider than the measure', () => {
    const text = '〔中华人民共和国和俄罗斯联邦联合声明（二〇二五年五月八日，莫斯科）〕';
    for (const width of [10, 12, 14, 16, 18, 20, 24]) {
      const lines = display(text, width);
      expect(lines.join('')).toBe(text);
      if (width >= 18) expect(atPhrases(text, lines)).toBe(true);
      expect(lines.some((l) => l.includes('二〇二五年'))).toBe(true);
      expect(lines.every((l) => fixedMetrics.advance(l, 'regular') <= width)).toBe(true);
    }
  });

  it('leave room for a hanging indent: lines after the first are set narrower', () => {
    const lines = display(LONG, 22, 20);
    expect(atPhrases(LONG, lines)).toBe(true);
    expect(lines.slice(1).every((l) => fixedMetrics.advance(l, 'regular') <= 20)).toBe(true);
  });

  it('break inside a phrase only where a phrase is wider than the measure', () => {
    const lines = display('中华人民共和国', 4);
    expect(lines.join('')).toBe('中华人民共和国');
    expect(lines.every((l) => fixedMetrics.advance(l, 'regular') <= 4)).toBe(true);
  });
});
