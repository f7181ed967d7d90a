// Lists: bullets, numbers from the list's start, or task boxes, in a hanging indent. An item's
// blocks (paragraphs, code, tables, nested lists…) stand after its marker and hang under its
// text; a nested list is set in its parent item's measure, so nesting goes to any depth.
import type { Block, ListItem } from '../../../model/types.ts';
import { MARKS } from '../../labels.ts';
import type { FlowBlock, Mark, PlacedLine } from '../flow.ts';
import { block, styleFor, textBlock, type LayoutBlocks, type LayoutContext, type TextStyle } from '../text.ts';
import { narrower, shift } from './nest.ts';

type List = Extract<Block, { type: 'list' }>;

/** Space between the items of a loose list, and around a list in running text, in line pitches. */
const LOOSE = 0.4;
const AROUND = 0.3;

/** The hanging indent of a list's items, its type size, and the width of a marker set in it. */
interface Room { hang: number; size: number; advance: (text: string) => number }

/** The first-level bullet: the font's `•`, a small dot beside Han text, set at twice the size and lowered to the middle of the line (it stays a glyph, tagged Lbl). */
const BULLET_SCALE = 2;
/** Height of the centre of the `•` glyph and of a Han character above the baseline, in ems. */
const DOT_CENTRE = 0.38;

/** Deeper bullets, drawn: a short dash on the second level, a small square on the third; the fourth is round again. */
function bulletMarks(depth: number, cx: number, cy: number, size: number): Mark[] {
  switch (depth % 3) {
    case 1: return [{ kind: 'line', x1: cx - 0.22 * size, y1: cy, x2: cx + 0.22 * size, y2: cy, width: 0.07 * size }];
    default: {
      const a = 0.26 * size;
      return [{ kind: 'rect', x: cx - a / 2, y: cy - a / 2, w: a, h: a, width: 0, fill: true }];
    }
  }
}

/** A task box, with a check drawn through it when the task is done. */
function taskMarks(checked: boolean, cx: number, cy: number, size: number): Mark[] {
  const a = 0.72 * size;
  const [l, t] = [cx - a / 2, cy - a / 2];
  const box: Mark = { kind: 'rect', x: l, y: t, w: a, h: a, width: 0.05 * size };
  if (!checked) return [box];
  const w = 0.09 * size;
  return [box,
    { kind: 'line', x1: l + 0.18 * a, y1: t + 0.52 * a, x2: l + 0.42 * a, y2: t + 0.78 * a, width: w },
    { kind: 'line', x1: l + 0.42 * a, y1: t + 0.78 * a, x2: l + 0.95 * a, y2: t - 0.05 * a, width: w }];
}

/**
 * Puts an item's marker on the first line of its first block: a number or the first level's bullet
 * (a glyph, tagged Lbl whatever the block, so that it is never read as text), or drawn marks.
 */
function mark(first: FlowBlock, list: List, item: ListItem, n: number, depth: number, room: Room): void {
  const line = first.lines[0];
  const { hang, size } = room;
  const cx = hang - 1 * size - line.x;
  const cy = line.baseline - 0.36 * size;
  if (item.checked !== undefined) line.marks = [...(line.marks ?? []), ...taskMarks(item.checked, cx, cy, size)];
  else if (list.ordered) {
    const text = `${list.start + n}.`;
    const width = room.advance(text);
    line.glyphs.unshift({ text, x: hang - 0.5 * size - width - line.x, width, style: { weight: 'regular', size } });
    first.labelled = true;
  } else if (depth % 3 === 0) {
    const big = BULLET_SCALE * size;
    const width = (room.advance(MARKS.bullet) / size) * big;
    line.glyphs.unshift({ text: MARKS.bullet, x: cx - width / 2, width, style: { weight: 'regular', size: big, rise: -DOT_CENTRE * (big - size) } });
    first.labelled = true;
  } else line.marks = [...(line.marks ?? []), ...bulletMarks(depth, cx, cy, size)];
}

/** An empty item still shows its marker: one empty line. */
function emptyItem(s: TextStyle, ctx: LayoutContext, group: FlowBlock['group']): FlowBlock {
  const pitch = ctx.geometry.pitch * s.leading;
  const size = ctx.geometry.size * s.scale;
  const line: PlacedLine = { glyphs: [], x: 0, height: pitch, baseline: pitch * 0.5 + size * 0.36, width: 0, justified: false };
  return block([line], { ...s, before: 0, after: 0 }, ctx, 'LI', { group });
}

export function layoutList(b: List, context: string[], ctx: LayoutContext, blocks: LayoutBlocks): FlowBlock[] {
  const s = { ...styleFor(context, 'list'), indent: 0 };
  const size = ctx.geometry.size * s.scale;
  const depth = context.filter((c) => c === 'list').length;
  const advance = (text: string) => ctx.metrics.advance(text, 'regular') * size;
  // Numbers are right-aligned on their full stop; the widest number sets the hang.
  const widest = b.ordered ? Math.max(...b.items.map((_, n) => advance(`${b.start + n}.`))) : 0;
  const room: Room = { hang: Math.max(2 * size, widest + 0.9 * size), size, advance };
  const inner = narrower(ctx, room.hang);
  const group = { tag: 'L' as const, key: b };
  const pitch = ctx.geometry.pitch;
  const out: FlowBlock[] = [];
  b.items.forEach((item, n) => {
    const own = item.blocks.flatMap((child, k): FlowBlock[] => (child.type === 'para'
      ? [textBlock(child.children, s, inner, k === 0 ? 'LI' : 'P', k === 0 ? { group } : {})]
      : blocks([child], [...context, 'list'], inner)));
    if (!own.length || !own[0].lines.length) own.unshift(emptyItem(s, inner, group));
    shift(own, room.hang);
    mark(own[0], b, item, n, depth, room);
    // A loose list parts its items (and the paragraphs of an item) with space; a tight one does not.
    own.forEach((fb, k) => {
      if (fb.tag === 'LI' || fb.tag === 'P') { fb.spaceBefore = 0; fb.spaceAfter = 0; }
      if (!b.tight && (n > 0 || k > 0)) fb.spaceBefore = Math.max(fb.spaceBefore, LOOSE * pitch);
    });
    out.push(...own);
  });
  if (depth === 0 && out.length) {
    out[0].spaceBefore = Math.max(out[0].spaceBefore, AROUND * pitch);
    out[out.length - 1].spaceAfter = Math.max(out[out.length - 1].spaceAfter, AROUND * pitch);
  }
  return out;
}
