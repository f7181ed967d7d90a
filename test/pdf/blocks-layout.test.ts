// Block layouts with a fixed-width fake measurer (Latin half an em, everything else one em): no fonts needed.
import { describe, expect, it } from 'vitest';
import type { FontSet } from '../../src/fonts/index.ts';
import type { Block, Inline } from '../../src/model/types.ts';
import { layoutCode } from '../../src/writers/pdf/blocks/code.ts';
import { columnWidths, layoutTable } from '../../src/writers/pdf/blocks/table.ts';
import { fixedMetrics } from '../../src/writers/pdf/measure.ts';
import { geometry } from '../../src/writers/pdf/page.ts';
import type { LayoutContext } from '../../src/writers/pdf/text.ts';

const g = geometry('A5', false);
const fonts = { fonts: [], faceFor: (_: string, req: { mono?: boolean }) => ({ id: req.mono ? 'mono-regular' : 'serif-regular' }) } as unknown as FontSet;
const ctx: LayoutContext = { metrics: fixedMetrics, geometry: g, fonts, images: {} };
const pos = { file: 'x.md', line: 1 };
const t = (text: string): Inline[] => [{ type: 'text', text }];

describe('column widths', () => {
  const cols = [{ min: 10, max: 40 }, { min: 20, max: 100 }];
  it('gives each column its widest when the table fits: it is not stretched', () => {
    expect(columnWidths(cols, 200)).toEqual([40, 100]);
  });
  it('shares the room between least and most in proportion to what each column could use', () => {
    expect(columnWidths(cols, 85)).toEqual([10 + 30 * 0.5, 20 + 80 * 0.5]);
  });
  it('shrinks the least widths in proportion when even they do not fit', () => {
    expect(columnWidths(cols, 15)).toEqual([5, 10]);
  });
});

describe('code layout', () => {
  const size = g.size * 0.85;
  const cell = size / 2;
  const code = (text: string) => layoutCode({ type: 'code', lang: '', text, pos } as Extract<Block, { type: 'code' }>, [], ctx)[0];

  it('keeps spaces, expands tabs to stops of four columns and counts a Han character as two', () => {
    const [line] = code('\tx 中y\n').lines;
    const xs = line.glyphs.map((gl) => [gl.text, (gl.x - (cell - gl.width) / 2) / cell]);
    expect(line.glyphs.map((gl) => gl.text).join('')).toBe('    x 中y');
    expect(xs.find(([c]) => c === 'x')![1]).toBeCloseTo(4);
    expect(xs.find(([c]) => c === 'y')![1]).toBeCloseTo(8);
  });

  it('wraps a long line, preferring a space near the end, and hooks each continuation', () => {
    const block = code(`${'a'.repeat(40)} ${'b'.repeat(40)} ${'c'.repeat(70)}\n`);
    const rows = block.lines.map((l) => l.glyphs.map((gl) => gl.text).join(''));
    expect(rows.join('')).toBe(`${'a'.repeat(40)} ${'b'.repeat(40)} ${'c'.repeat(70)}`);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const l of block.lines) expect(l.x + l.width).toBeLessThanOrEqual(g.measure);
    expect(block.lines.map((l) => (l.marks ?? []).filter((m) => m.kind === 'line').length > 0)).toEqual(rows.map((_, k) => k > 0));
    expect(block.lines.every((l) => !l.justified)).toBe(true);
    expect(block.tag).toBe('Code');
  });
});

describe('table layout', () => {
  it('centres a narrow table at its content width, a bold header kept with the first rows', () => {
    const table = { type: 'table', align: [null, 'right'], head: [t('名称'), t('数')], rows: [[t('甲'), t('1')], [t('乙'), t('22')]], pos } as Extract<Block, { type: 'table' }>;
    const rows = layoutTable(table, [], ctx);
    const size = g.size * 0.9;
    const width = (2 * size + size) + (size + size); // widest cell of each column plus a one-em gap
    expect(rows).toHaveLength(3);
    for (const r of rows) {
      expect(r.lines[0].width).toBeCloseTo(width);
      expect(r.lines[0].x).toBeCloseTo((g.measure - width) / 2);
      expect(r.tag).toBe('TR');
    }
    expect(rows[0].keepWithNext).toBe(true);
    expect(rows[0].lines[0].glyphs.every((gl) => gl.style.weight === 'bold')).toBe(true);
    // Right-aligned: "1" and "22" end at the same place.
    const end = (k: number) => { const last = rows[k].lines[0].glyphs.at(-1)!; return last.x + last.width; };
    expect(end(1)).toBeCloseTo(end(2));
    expect(rows[2].continued?.header).toBe(rows[0]);
  });
});
