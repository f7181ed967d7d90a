// Properties of the line breaker on random Chinese text (with punctuation, digits, Latin words
// and spaces), at random measures of 8 to 40 ems (narrower, kinsoku alone can join marks wider
// than the measure: ，——中，中—— at 4 ems): it never throws, gives the text back whole in
// order, never starts a line with closing punctuation or ends one with opening punctuation (when
// the line holds more than that mark), and sets no line wider than the measure. Over-long runs
// (URLs, words wider than half the measure) are tested in overlong.test.ts: a run glued by
// kinsoku to the mark after it can still overflow by that mark (aaaaaaaaaa， at 5 ems).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NO_LINE_END, NO_LINE_START } from '../../src/cjk/chars.ts';
import { paragraphItems, type Style } from '../../src/writers/pdf/items.ts';
import { breakLines } from '../../src/writers/pdf/linebreak.ts';
import { fixedMetrics } from '../../src/writers/pdf/measure.ts';
import { setLines } from '../../src/writers/pdf/setline.ts';

const style: Style = { weight: 'regular', size: 10 };

const piece = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...'中俄双方关于深化新时代全面战略协作伙伴关系的联合声明国际法权威'.split('')) },
  { weight: 3, arbitrary: fc.constantFrom('，', '。', '、', '；', '：', '？', '！', '“', '”', '（', '）', '《', '》', '——', '……', '〔', '〕') },
  // Latin words and numbers, each closed by a Han character so that no run grows past 8 letters.
  { weight: 1, arbitrary: fc.constantFrom('2025', '75', 'AUKUS', 'Node.js', 'UTF-8', ' a ').map((w) => `${w}国`) },
  { weight: 1, arbitrary: fc.stringMatching(/^[a-z]{1,8}$/u).map((w) => `${w}国`) },
);
const text = fc.array(piece, { minLength: 1, maxLength: 120 }).map((a) => a.join(''));

function set(t: string, chars: number) {
  const items = paragraphItems([{ text: t, style }], fixedMetrics, { indent: 0, width: chars * 10 });
  return setLines(items, breakLines(items, { lineWidth: () => chars * 10 }));
}

describe('the line breaker on random Chinese text', () => {
  it('never throws, keeps the text whole, keeps the Chinese rules, and stays inside the measure', () => {
    fc.assert(fc.property(text, fc.integer({ min: 8, max: 40 }), (t, chars) => {
      const lines = set(t, chars);
      const texts = lines.map((l) => l.glyphs.map((g) => g.text).join(''));
      // Spaces at a break are dropped, as in print; everything else comes back in order.
      expect(texts.join('').replace(/ /gu, '')).toBe(t.replace(/ /gu, ''));
      for (const [i, line] of texts.entries()) {
        const s = line.trim();
        if (i > 0 && s.length > 1) expect(NO_LINE_START.includes(s[0]), `line ${i} starts with ${s[0]}: ${texts.join(' | ')}`).toBe(false);
        if (i < texts.length - 1 && s.length > 1) expect(NO_LINE_END.includes(s.at(-1)!), `line ${i} ends with ${s.at(-1)}`).toBe(false);
      }
      for (const l of lines) expect(l.glyphs.reduce((right, g) => Math.max(right, g.x + g.width), 0)).toBeLessThanOrEqual(chars * 10 + 0.01);
    }), { numRuns: 400 });
  });
});

describe('a space next to a bracket', () => {
  it('is no break after an opening mark or before a closing one (found by the property above)', () => {
    const texts = (t: string, chars: number) => set(t, chars).map((l) => l.glyphs.map((g) => g.text).join(''));
    expect(texts('中2025国〔 a 国，', 8)).toEqual(['中2025国', '〔a国，']);
  });
});
