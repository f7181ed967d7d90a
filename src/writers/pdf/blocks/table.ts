// Tables, set as a 三线表: a thick rule above the header row and below the last row, a thin one
// under the header, no vertical rules. Column widths come from the content: each column's
// narrowest (its longest unbreakable word) and widest (its longest cell on one line) widths,
// the room between them shared out as in CSS's automatic table layout; a table that fits at its
// widest is not stretched but centred. Each row is a block that is never split; the header row
// keeps with the first two rows, the last row with the one before, and the header is set again on
// every page the table goes on to.
import type { Align, Block, Inline } from '../../../model/types.ts';
import { phrases } from '../../../cjk/phrases.ts';
import type { FlowBlock, Mark, PlacedLine } from '../flow.ts';
import type { Run } from '../items.ts';
import type { Glyph } from '../setline.ts';
import { block, BODY, runs, setText, type LayoutContext, type TextStyle } from '../text.ts';

type Table = Extract<Block, { type: 'table' }>;
type Weight = 'regular' | 'bold';

/** Type size and pitch relative to the body; space inside a cell, in ems of the table's size. */
const SCALE = 0.9;
/** Smallest a table too wide for the measure is set, as a share of its usual size. */
const SMALLEST = 0.75;
const EPS = 0.01;
const LEADING = 0.85;
const GAP = 1;
const PAD_Y = 0.2;
/** Rule widths, in ems of the body size. */
const THICK = 0.08;
const THIN = 0.04;


/** Widest a column's narrowest width is made for one word, in ems: a longer word (a URL, a long number) breaks inside. */
const LONGEST_WORD = 8;

interface Measured { min: number; max: number }

function measureCell(cell: Inline[], weight: Weight, size: number, ctx: LayoutContext, style: TextStyle): Measured {
  // The narrowest a column is made: its widest phrase (a word with its numbers and marks, so
  // that 北京 or 1,037 is not split), as a display line would keep it, measured in the face of
  // its run (code in the monospace face).
  const set = runs(cell, { weight, size });
  const widest = (r: Run) => {
    const face = r.style.mono ? 'mono-regular' : r.style.weight;
    // A word wider than LONGEST_WORD is broken inside where it must (items.ts): it asks no more room.
    return phrases(r.text).map((w) => w.trim()).filter(Boolean).map((w) => Math.min(ctx.metrics.advance(w, face), LONGEST_WORD) * (r.style.size ?? size));
  };
  const min = Math.max(0, ...set.flatMap(widest));
  const { aligned } = setText(set, 1e6, style, ctx, size);
  return { min, max: Math.max(min, ...aligned.map((l) => l.width)) };
}

/** Column widths (cell padding included) that share `room` out between each column's least and most. */
export function columnWidths(cols: Measured[], room: number): number[] {
  const least = cols.reduce((s, c) => s + c.min, 0);
  const most = cols.reduce((s, c) => s + c.max, 0);
  if (most <= room) return cols.map((c) => c.max);
  if (least >= room) return cols.map((c) => (c.min * room) / least);
  const share = (room - least) / (most - least);
  return cols.map((c) => c.min + (c.max - c.min) * share);
}

const alignOf = (a: Align | undefined): TextStyle['align'] => (a === 'center' || a === 'right' ? a : 'left');

export function layoutTable(b: Table, _context: string[], ctx: LayoutContext): FlowBlock[] {
  const g = ctx.geometry;
  const ncol = Math.max(b.head.length, b.align.length, ...b.rows.map((r) => r.length));
  const styleOf = (c: number): TextStyle => ({ ...BODY, align: alignOf(b.align[c]), indent: 0, leading: LEADING });
  const all: { cells: Inline[][]; weight: Weight }[] = [...(b.head.length ? [{ cells: b.head, weight: 'bold' as const }] : []), ...b.rows.map((cells) => ({ cells, weight: 'regular' as const }))];
  const measureAt = (size: number) => Array.from({ length: ncol }, (_, c) => all.reduce<Measured>((m, r) => {
    const x = measureCell(r.cells[c] ?? [], r.weight, size, ctx, styleOf(c));
    return { min: Math.max(m.min, x.min + GAP * size), max: Math.max(m.max, x.max + GAP * size) };
  }, { min: GAP * size, max: GAP * size }));
  // A table whose narrowest columns are wider than the measure is set smaller, down to SMALLEST
  // of the table's size; what is still too wide has its cells broken between characters, and is told.
  let size = g.size * SCALE;
  let cols = measureAt(size);
  // The cells of a table told as too wide are not told of one by one.
  let cellCtx = ctx;
  const least = (cs: Measured[]) => cs.reduce((s, c) => s + c.min, 0);
  if (least(cols) > g.measure) {
    size *= Math.max(SMALLEST, g.measure / least(cols));
    cols = measureAt(size);
    if (least(cols) > g.measure + EPS) {
      ctx.warn?.({
        severity: 'warning', code: 'overfull', ...(ctx.at ?? {}),
        message: `a table of ${ncol} columns is wider than the page even in smaller type (its narrowest columns take ${Math.round(least(cols))} pt, the measure is ${Math.round(g.measure)} pt): its cells are broken between characters`,
        hint: 'split it into narrower tables, or give it fewer columns (the e-book lets a wide table scroll)',
      });
      cellCtx = { ...ctx, warn: undefined };
    }
  }
  const gap = GAP * size;
  const widths = columnWidths(cols, g.measure);
  const total = widths.reduce((s, w) => s + w, 0);
  const left = Math.max(0, (g.measure - total) / 2);
  const starts = widths.map((_, c) => widths.slice(0, c).reduce((s, w) => s + w, 0));

  const pitch = g.pitch * LEADING;
  // A row is one line box (a few for a row taller than half a page), its cells' lines set in it
  // on lowered baselines: the text is drawn cell by cell, the order in which it is read back.
  const chunk = Math.max(1, Math.floor((0.5 * g.textHeight) / pitch));
  const row = (cells: Inline[][], weight: Weight): PlacedLine[] => {
    const set = widths.map((w, c) => setText(runs(cells[c] ?? [], { weight, size }), w - gap, styleOf(c), cellCtx, size).aligned);
    const n = Math.max(1, ...set.map((l) => l.length));
    const boxes = Math.ceil(n / chunk);
    return Array.from({ length: boxes }, (_, b) => {
      const from = b * chunk;
      const count = Math.min(chunk, n - from);
      const padTop = b === 0 ? PAD_Y * size : 0;
      const height = padTop + count * pitch + (b === boxes - 1 ? PAD_Y * size : 0);
      const glyphs: Glyph[] = set.flatMap((lines, c) => lines.slice(from, from + count).flatMap((l, k) => l.glyphs.map((gl) => ({
        ...gl, x: gl.x + starts[c] + gap / 2 + l.x, style: { ...gl.style, rise: (gl.style.rise ?? 0) - k * pitch },
      }))));
      return { glyphs, x: left, height, baseline: padTop + pitch * 0.5 + size * 0.36, width: total, justified: false };
    });
  };
  const rule = (line: PlacedLine, at: 'top' | 'bottom', width: number): void => {
    const y = at === 'top' ? width / 2 : line.height - width / 2;
    const m: Mark = { kind: 'line', x1: 0, y1: y, x2: total, y2: y, width };
    line.marks = [...(line.marks ?? []), m];
  };

  const group = { tag: 'Table' as const, key: b };
  const keep = (lines: PlacedLine[]) => ({ orphans: lines.length, widows: lines.length });
  const out: FlowBlock[] = [];
  let header: FlowBlock | undefined;
  if (b.head.length) {
    const lines = row(b.head, 'bold');
    rule(lines[0], 'top', THICK * g.size);
    rule(lines[lines.length - 1], 'bottom', THIN * g.size);
    header = block(lines, { ...BODY, before: 0.5 }, ctx, 'TR', { group, keepWithNext: true, ...keep(lines) });
    out.push(header);
  }
  b.rows.forEach((cells, r) => {
    const lines = row(cells, 'regular');
    if (r === 0 && !header) rule(lines[0], 'top', THICK * g.size);
    if (r === b.rows.length - 1) rule(lines[lines.length - 1], 'bottom', THICK * g.size);
    const continued = header ? { header, rule: { length: total, width: THIN * g.size } } : undefined;
    // No lone row under the header at a page's foot, nor alone on the table's last page.
    const keepWithNext = b.rows.length >= 4 && (r === 0 || r === b.rows.length - 2);
    out.push(block(lines, { ...BODY, before: r === 0 && !header ? 0.5 : 0 }, ctx, 'TR', { group, continued, keepWithNext, ...keep(lines) }));
  });
  if (out.length) out[out.length - 1].spaceAfter = 0.5 * g.pitch;
  return out;
}
