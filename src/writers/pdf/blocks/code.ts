// Code blocks: a monospace face, a smaller size, on a light ground across the measure. Every
// character stands in a grid of fixed cells (wide characters take two, as in a terminal), so
// spaces and tabs keep their width and columns line up; lines are never justified. A line longer
// than the measure is wrapped, and each continuation is marked with a drawn hook in the margin of
// the ground: a mark, not a character, so it never enters the text read back.
import type { Block } from '../../../model/types.ts';
import { emWidth } from '../../../cjk/chars.ts';
import type { FlowBlock, Mark, PlacedLine } from '../flow.ts';
import type { Glyph } from '../setline.ts';
import { block, BODY, type LayoutContext } from '../text.ts';

/** Type size and line pitch relative to the body's; tab stops in cells. */
const SCALE = 0.85;
const LEADING = 0.8;
const TAB = 4;
/** The ground: gray level, and its padding left (room for the hook), right, above and below, in cells. */
const GROUND = 0.94;
const PAD = { left: 2, right: 1, top: 0.8, bottom: 0.8 };

/** Columns a character takes: two for a wide (Han, full-width) one. */
const columns = (ch: string) => (emWidth(ch) === 1 ? 2 : 1);

/** Tabs to spaces at fixed stops, counting wide characters as two columns. */
function expandTabs(line: string): string {
  let out = '';
  let col = 0;
  for (const ch of line) {
    if (ch === '\t') { const n = TAB - (col % TAB); out += ' '.repeat(n); col += n; } else { out += ch; col += columns(ch); }
  }
  return out;
}

/** Splits a source line into rows of at most `cols` columns; a break after a space is preferred near the end. */
function wrap(line: string, cols: number): string[] {
  const rows: string[] = [];
  let chars = [...line];
  while (chars.length) {
    let used = 0;
    let k = 0;
    while (k < chars.length && used + columns(chars[k]) <= cols) used += columns(chars[k++]);
    if (k < chars.length) {
      const space = chars.slice(0, k).lastIndexOf(' ');
      if (space >= k * 0.6) k = space + 1;
    }
    rows.push(chars.slice(0, Math.max(1, k)).join(''));
    chars = chars.slice(Math.max(1, k));
  }
  return rows.length ? rows : [''];
}

/** The hook that marks a continued line (↪), drawn in the left padding. */
function hook(cell: number, mid: number): Mark[] {
  const [x0, x1] = [0.55 * cell, 1.55 * cell];
  const w = 0.09 * cell;
  const gray = 0.45;
  const head = 0.3 * cell;
  return [
    { kind: 'line', x1: x0, y1: mid - 0.75 * cell, x2: x0, y2: mid, width: w, gray },
    { kind: 'line', x1: x0, y1: mid, x2: x1, y2: mid, width: w, gray },
    { kind: 'line', x1: x1 - head, y1: mid - head, x2: x1, y2: mid, width: w, gray },
    { kind: 'line', x1: x1 - head, y1: mid + head, x2: x1, y2: mid, width: w, gray },
  ];
}

export function layoutCode(b: Extract<Block, { type: 'code' }>, _context: string[], ctx: LayoutContext): FlowBlock[] {
  const { geometry: g, fonts, metrics } = ctx;
  const size = g.size * SCALE;
  const pitch = g.pitch * LEADING;
  const faceOf = (ch: string) => fonts.faceFor(ch, { weight: 'regular', mono: true })?.id ?? 'serif-regular';
  const cell = metrics.advance('0', faceOf('0')) * size;
  const cols = Math.max(8, Math.floor((g.measure - (PAD.left + PAD.right) * cell) / cell));
  const baseline = pitch * 0.5 + size * 0.36;
  const lines: PlacedLine[] = [];
  for (const source of b.text.replace(/\n$/u, '').split('\n')) {
    wrap(expandTabs(source).trimEnd(), cols).forEach((row, k) => {
      const glyphs: Glyph[] = [];
      let x = 0;
      for (const ch of row) {
        const n = columns(ch);
        const face = faceOf(ch);
        const width = metrics.advance(ch, face) * size;
        // Each character centred in its cells: a true monospace face fills them exactly.
        glyphs.push({ text: ch, x: x + (n * cell - width) / 2, width, style: { weight: 'regular', size, face } });
        x += n * cell;
      }
      lines.push({ glyphs, x: PAD.left * cell, height: pitch, baseline, width: x, justified: false, marks: k > 0 ? hook(cell, baseline - 0.3 * size).map((m) => offset(m, -PAD.left * cell)) : [] });
    });
  }
  // The ground, line by line so that it follows a block split across pages; the first and last lines reach into the padding.
  lines.forEach((l, n) => {
    const top = n === 0 ? -PAD.top * cell : 0;
    const bottom = l.height + (n === lines.length - 1 ? PAD.bottom * cell : 0.5);
    l.marks = [{ kind: 'rect', x: -PAD.left * cell, y: top, w: g.measure, h: bottom - top, width: 0, fill: true, gray: GROUND }, ...(l.marks ?? [])];
  });
  const pad = { top: PAD.top * cell / g.pitch, bottom: PAD.bottom * cell / g.pitch };
  return [block(lines, { ...BODY, before: 0.4 + pad.top, after: 0.4 + pad.bottom }, ctx, 'Code')];
}

/** A mark moved right by `dx` points. */
function offset(m: Mark, dx: number): Mark {
  switch (m.kind) {
    case 'line': return { ...m, x1: m.x1 + dx, x2: m.x2 + dx };
    case 'rect': case 'dot': return { ...m, x: m.x + dx };
  }
}
