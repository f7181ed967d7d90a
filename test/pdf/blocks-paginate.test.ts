// Pagination of blocks that must stay whole or repeat: synthetic flows with lines of known height.
import { describe, expect, it } from 'vitest';
import type { FlowBlock, PartFlow, PlacedLine } from '../../src/writers/pdf/flow.ts';
import { geometry } from '../../src/writers/pdf/page.ts';
import { paginate } from '../../src/writers/pdf/paginate.ts';

const g = geometry('A5', false);
const line = (h = g.pitch): PlacedLine => ({ glyphs: [], x: 0, height: h, baseline: h / 2, width: 0, justified: false });
const blockOf = (n: number, extra: Partial<FlowBlock> = {}, h = g.pitch): FlowBlock => ({
  lines: Array.from({ length: n }, () => line(h)), spaceBefore: 0, spaceAfter: 0, orphans: 2, widows: 2, keepWithNext: false, tag: 'P', body: false, anchors: [], ...extra,
});
const part = (blocks: FlowBlock[]): PartFlow => ({ id: 'p', kind: 'document', title: 'p', runningHead: 'p', frontMatter: false, recto: false, startAt: 0, blocks });
const whole = (n: number, extra: Partial<FlowBlock> = {}, h?: number) => blockOf(n, { orphans: n, widows: n, ...extra }, h);

describe('pagination of kept and repeated blocks', () => {
  it('moves a block kept whole to the next page rather than split it', () => {
    const filler = blockOf(g.lines - 3);
    const figure = whole(5);
    const pages = paginate([part([filler, figure])], g);
    expect(pages).toHaveLength(2);
    expect(pages[1].lines.map((l) => l.block)).toEqual(Array(5).fill(figure));
  });

  it('counts lines of different heights by their heights', () => {
    const filler = blockOf(g.lines - 4);
    // Three lines of which the first is the tallest: 3.5 pitches fit in the 4 left.
    const row = whole(3, {});
    row.lines[0].height = 1.5 * g.pitch;
    const pages = paginate([part([filler, row])], g);
    expect(pages).toHaveLength(1);
  });

  it('repeats a table\'s header on each page it goes on to, and closes the page it leaves with a rule', () => {
    const header = whole(1, { keepWithNext: true, group: { tag: 'Table', key: {} } });
    const rows = Array.from({ length: 2 * g.lines }, () => whole(1, { continued: { header, rule: { length: 100, width: 0.5 } } }));
    const pages = paginate([part([header, ...rows])], g);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    for (const [i, p] of pages.entries()) {
      expect(p.lines[0].block).toBe(header);
      expect(p.lines[0].repeated ?? false).toBe(i > 0);
      expect(p.lines.filter((l) => l.block === header)).toHaveLength(1);
      if (i < pages.length - 1) expect(p.lines.at(-1)!.line.marks).toEqual([{ kind: 'line', x1: 0, x2: 100, y1: g.pitch - 0.25, y2: g.pitch - 0.25, width: 0.5 }]);
    }
    // The rule is added to the page's copy of the line, not to the row itself.
    expect(rows.every((r) => r.lines[0].marks === undefined)).toBe(true);
  });

  it('splits a row taller than a page under its repeated header instead of looping', () => {
    const header = whole(1, { keepWithNext: true });
    const first = whole(1, { continued: { header, rule: { length: 100, width: 0.5 } } });
    const tall = whole(g.lines + 5, { continued: { header, rule: { length: 100, width: 0.5 } } });
    const pages = paginate([part([header, first, tall])], g);
    const placed = pages.flatMap((p) => p.lines).filter((l) => l.block === tall);
    expect(placed).toHaveLength(g.lines + 5);
    expect(pages.length).toBeLessThanOrEqual(4);
  });

  it('cuts a rule that runs on below a line at the foot of a page, and only there', () => {
    const rule = (l: PlacedLine): PlacedLine => ({ ...l, marks: [{ kind: 'line', x1: 0, y1: 0, x2: 0, y2: l.height + 10, width: 1 }] });
    const quote = blockOf(2 * g.lines);
    quote.lines = quote.lines.map(rule);
    const pages = paginate([part([quote])], g);
    const ends = (p: (typeof pages)[0]) => p.lines.map((l) => (l.line.marks![0] as { y2: number }).y2);
    expect(ends(pages[0]).at(-1)).toBe(g.pitch);
    expect(ends(pages[0]).slice(0, -1).every((y) => y === g.pitch + 10)).toBe(true);
    expect(quote.lines.every((l) => (l.marks![0] as { y2: number }).y2 === g.pitch + 10)).toBe(true);
  });

  it('still keeps a heading with the first lines after it', () => {
    const filler = blockOf(g.lines - 2);
    const heading = blockOf(1, { keepWithNext: true, orphans: 99, widows: 99, tag: 'H2' });
    const para = blockOf(4);
    const pages = paginate([part([filler, heading, para])], g);
    expect(pages[1].lines[0].block).toBe(heading);
  });
});
