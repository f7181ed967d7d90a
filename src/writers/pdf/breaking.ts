// Page breaking over a whole part, not line by line: every place a page may end is a candidate
// with a cost (a page short of the text block, a widow or orphan, a heading left at a page's
// foot, a block kept together split, a line of white added to fill a page), and the breaks of
// least total cost are chosen by dynamic programming over the part's lines, as TeX's optimal
// paragraph breaking does for lines. Pure: flow in, slots (line positions) out.
//
// Trade-off chosen: a page may end one or two lines short when filling it would leave a widow or
// an orphan (a squared shortness costs less than a widow up to two lines), and a widow or orphan
// is taken only where avoiding it would leave a page three lines short or more; a heading is
// never left at a page's foot but to avoid a page shorter than four lines. Before a heading or a
// block set apart (a quotation, a list, a figure, a table) a whole line of white may be added to
// fill a page. Lines are never moved off the grid to fill a page, and paragraphs are not set a
// line longer or shorter to fill one.
import type { FlowBlock, PartFlow } from './flow.ts';
import { noteRefs, notesById, areaHeight, withNested } from './footnotes.ts';
import { ceilGrid, EPS, headingRoom, isHeading, onGrid, roundGrid } from './grid.ts';
import type { Geometry } from './page.ts';

/** What each kind of bad break costs; a page short by s grid lines costs `short` × s². */
export const COSTS = {
  short: 1000,
  /** A line of white added before a heading or a block set apart, per line. */
  stretch: 300,
  /** A paragraph continued on the next page (the ordinary case: cheap, but not free). */
  split: 10,
  widow: 5000,
  /** A heading, a table's header, a figure before its caption or a closing block left at the foot. */
  keepWithNext: 20000,
  /** A block kept together split: only when it is taller than a page. */
  keep: 1e6,
  /** A page left short though its next line would have fitted and could have ended it well. */
  unforced: 1500,
};

/** One line set on a page: a line of a block of the part, and the top of its box from the top of the text block. */
export interface Slot {
  block: number;
  line: number;
  y: number;
  /** A table's header set again on a continuation page. */
  repeated?: boolean;
}

/** A page as chosen: its lines, the notes set at its foot (ids in order), and whether it ends its part. */
export interface PageBreak {
  slots: Slot[];
  notes: string[];
  last: boolean;
}

/** The lines of a part, numbered in one sequence, and the notes first marked on each. */
interface PartLines {
  part: PartFlow;
  blocks: FlowBlock[];
  blockAt: number[];
  lineAt: number[];
  refs: string[][];
  notes: Map<string, FlowBlock[]>;
}

function partLines(part: PartFlow): PartLines {
  const blockAt: number[] = [];
  const lineAt: number[] = [];
  const refs: string[][] = [];
  const seen = new Set<string>();
  part.blocks.forEach((b, i) => b.lines.forEach((l, k) => {
    blockAt.push(i);
    lineAt.push(k);
    refs.push(noteRefs(l).filter((id) => !seen.has(id) && (seen.add(id), true)));
  }));
  return { part, blocks: part.blocks, blockAt, lineAt, refs, notes: notesById(part) };
}

/** A way to end the page: where the next page starts, at what cost, after how many slots, with how many lines of white added. */
interface Ending { next: number; cost: number; slots: number; stretch: number; notes: number; rest: number }

interface Fill { slots: Slot[]; endings: Ending[]; gaps: number[]; notes: string[] }

/** Cost of ending a page after line `k` of block `i` (an orphan under a heading leaves the heading at the foot too). */
export function breakCost(blocks: FlowBlock[], i: number, k: number, endOfPart: boolean): number {
  const b = blocks[i];
  const n = b.lines.length;
  if (k === n - 1) return !endOfPart && b.keepWithNext ? COSTS.keepWithNext : 0;
  if (n < b.orphans + b.widows) return COSTS.keep;
  if (k + 1 < b.orphans) return COSTS.widow + (blocks[i - 1]?.keepWithNext ? COSTS.keepWithNext : 0);
  return n - k - 1 < b.widows ? COSTS.widow : COSTS.split;
}

/**
 * Sets lines on one page from line `from` of the part as far as they fit (notes at the foot
 * included), and lists every place the page could end with its cost.
 */
function fillPage(pl: PartLines, from: number, opening: boolean, g: Geometry): Fill {
  const { pitch, textHeight: H } = g;
  const slots: Slot[] = [];
  const endings: Ending[] = [];
  const gaps: number[] = [];
  const notes: string[] = [];
  const total = pl.blockAt.length;
  let y = opening ? roundGrid(pl.part.startAt * H, pitch) : 0;
  const b0 = pl.blockAt[from];
  // A table going on from the page before: its header row again at the top.
  const header = pl.blocks[b0].continued?.header;
  const h = header ? pl.blocks.indexOf(header) : -1;
  if (!opening && header && h >= 0 && h < b0) header.lines.forEach((line, n) => { slots.push({ block: h, line: n, y, repeated: true }); y += line.height; });
  let yc = y;
  let empty = true;
  let flat = from;
  for (let i = b0; i < pl.blocks.length && flat < total; i++) {
    const b = pl.blocks[i];
    const kStart = i === b0 ? pl.lineAt[from] : 0;
    // At the top of a page the space above a block is dropped, except on the part's opening page.
    const atTop = empty && !opening;
    let top: number;
    let next: number | undefined;
    if (kStart > 0) top = y;
    else if (isHeading(b)) {
      const y0 = empty ? y : Math.max(ceilGrid(yc, pitch), roundGrid(y, pitch));
      const room = headingRoom(b, pitch, atTop);
      top = y0 + room.above;
      next = y0 + room.lines * pitch;
    } else {
      const before = atTop ? 0 : b.spaceBefore;
      top = onGrid(b, pitch) ? Math.max(ceilGrid(yc, pitch), roundGrid(y + before, pitch)) : y + before;
    }
    if (kStart === 0 && !empty && b.spaceBefore >= 0.3 * pitch) gaps.push(slots.length);
    for (let k = kStart; k < b.lines.length; k++, flat++) {
      const line = b.lines[k];
      const added = withNested(pl.refs[flat], pl.notes, new Set(notes));
      const area = areaHeight([...notes, ...added], pl.notes, g);
      if (!empty && top + line.height > H - area + EPS) return { slots, endings, gaps, notes };
      slots.push({ block: i, line: k, y: top });
      notes.push(...added);
      top += line.height;
      empty = false;
      const endOfPart = flat + 1 === total;
      const short = endOfPart ? 0 : Math.max(0, (H - area - top) / pitch);
      const stretch = Math.min(gaps.length, Math.floor(short + EPS));
      const rest = short - stretch;
      const local = breakCost(pl.blocks, i, k, endOfPart);
      // The ending before this one left a line of room that this line fills, at no worse a break: it was not forced.
      const before = endings.at(-1);
      if (before && before.rest >= 1 - EPS && local < COSTS.widow && before.stretch === stretch) before.cost += COSTS.unforced;
      endings.push({
        next: flat + 1, slots: slots.length, stretch, notes: notes.length, rest,
        cost: COSTS.short * rest * rest + COSTS.stretch * stretch + local,
      });
    }
    yc = top;
    y = next !== undefined ? Math.max(next, yc) : yc + b.spaceAfter;
  }
  return { slots, endings, gaps, notes };
}

/** Moves the slots after each of the first `n` gaps down by a grid line. */
function stretched(slots: Slot[], gaps: number[], n: number, pitch: number): Slot[] {
  const at = gaps.filter((s) => s < slots.length).slice(0, n);
  return slots.map((s, i) => ({ ...s, y: s.y + pitch * at.filter((a) => a <= i).length }));
}

/** The pages of a part: the breaks of least total cost. */
export function breakPart(part: PartFlow, g: Geometry): PageBreak[] {
  const pl = partLines(part);
  const total = pl.blockAt.length;
  if (!total) return [{ slots: [], notes: [], last: true }];
  const best = new Array<number>(total + 1).fill(Infinity);
  const from = new Array<{ start: number; ending: Ending } | undefined>(total + 1);
  best[0] = 0;
  for (let pos = 0; pos < total; pos++) {
    if (best[pos] === Infinity) continue;
    for (const e of fillPage(pl, pos, pos === 0, g).endings) {
      const c = best[pos] + e.cost;
      if (c < best[e.next] - 1e-9) { best[e.next] = c; from[e.next] = { start: pos, ending: e }; }
    }
  }
  const chain: { start: number; ending: Ending }[] = [];
  for (let pos = total; pos > 0; pos = from[pos]!.start) chain.unshift(from[pos]!);
  return chain.map(({ start, ending }) => {
    const fill = fillPage(pl, start, start === 0, g);
    return { slots: stretched(fill.slots.slice(0, ending.slots), fill.gaps, ending.stretch, g.pitch), notes: fill.notes.slice(0, ending.notes), last: ending.next === total };
  });
}
