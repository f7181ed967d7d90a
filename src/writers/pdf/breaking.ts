// Page breaking over a whole part, not line by line: every place a page may end is a candidate
// with a cost (a page short of the text block, a widow or orphan, a heading left at a page's
// foot, a block kept together split, a line of white added to fill a page), and the breaks of
// least total cost are chosen by dynamic programming over the part's lines, as TeX's optimal
// paragraph breaking does for lines. Pure: flow in, slots (line positions) out.
//
// Trade-off chosen (as xelatex + ctex: no page short of the text block but where its part ends,
// and fewer widows): a page short by a line costs more than a widow or an orphan, and a heading
// left at a page's foot (or with one line under it) more than a page two lines short. What fills a page first: a paragraph that begins on it set
// a line longer (or shorter) from FlowBlock.variants, lines as good (cheap); a line of white
// added before a heading or a block set apart (a quotation, a list, a figure, a table); a note
// split, its first lines at its mark's page foot, the rest at the next page's foot before that
// page's notes (footnotes.ts). Then a widow or an orphan; a paragraph of three lines may break.
// Lines are never moved off the grid to fill a page.
import type { FlowBlock, PartFlow } from './flow.ts';
import { areaHeight, fitsIn, noteRefs, noteStream, notesById, withNested, type NoteStream } from './footnotes.ts';
import { ceilGrid, EPS, headingRoom, isHeading, onGrid, roundGrid } from './grid.ts';
import type { Geometry } from './page.ts';

/** What each kind of bad break costs; a page short by s grid lines costs `short` × s². */
export const COSTS = {
  short: 40000,
  /** A line of white added before a heading or a block set apart, per line. */
  stretch: 300,
  /** A paragraph continued on the next page (the ordinary case: cheap, but not free). */
  split: 10,
  widow: 5000,
  /** A heading, a table's header, a figure before its caption or a closing block left at the foot. */
  keepWithNext: 200000,
  /** A block kept together split: only when it is taller than a page. */
  keep: 1e6,
  /** A paragraph set a line longer or shorter than its best to fill a page or spare a widow. */
  variant: 300,
  /** A note split across pages (the rest goes on at the foot of the next page). */
  noteSplit: 400,
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
  /** The line is of the block's variant set of lines (FlowBlock.variants) of this index. */
  variant?: number;
}

/** A page as chosen: its lines, the notes set at its foot (ids in order), and whether it ends its part. */
export interface PageBreak {
  slots: Slot[];
  /** The lines of the part's notes set at its foot (from, to − 1 in the sequence of breaking's noteStream), in `area` points. */
  notes: { from: number; to: number; area: number };
  last: boolean;
}

/** The lines of a part, numbered in one sequence, and its notes as one sequence of lines. */
interface PartLines {
  part: PartFlow;
  blocks: FlowBlock[];
  blockAt: number[];
  lineAt: number[];
  stream: NoteStream;
  /** How many lines of the notes are marked up to line i of the part, line i included. */
  noteEnd: number[];
  /** For each line of the notes: where its note starts and ends in the sequence. */
  noteStart: number[];
  noteStop: number[];
}

function partLines(part: PartFlow): PartLines {
  const blockAt: number[] = [];
  const lineAt: number[] = [];
  const order: string[] = [];
  const notes = notesById(part);
  const placed = new Set<string>();
  const marked: number[] = [];
  part.blocks.forEach((b, i) => b.lines.forEach((l, k) => {
    blockAt.push(i);
    lineAt.push(k);
    const added = withNested(noteRefs(l), notes, placed);
    added.forEach((id) => placed.add(id));
    order.push(...added);
    marked.push(order.length);
  }));
  const stream = noteStream(order, notes);
  const ends = new Map<string, number>();
  const starts = new Map<string, number>();
  stream.lines.forEach((l, i) => { if (!starts.has(l.id)) starts.set(l.id, i); ends.set(l.id, i + 1); });
  const noteEnd = marked.map((n) => (n ? ends.get(order[n - 1]) ?? 0 : 0));
  return {
    part, blocks: part.blocks, blockAt, lineAt, stream, noteEnd,
    noteStart: stream.lines.map((l) => starts.get(l.id)!), noteStop: stream.lines.map((l) => ends.get(l.id)!),
  };
}

/**
 * A way to end the page: where the next page starts, at what cost, after how many slots, with how
 * many lines of white added; the lines of the notes set at its foot end before `notes`, in `area` points.
 */
interface Ending {
  next: number; cost: number; slots: number; stretch: number; notes: number; area: number; rest: number;
  /** The page's last block set in a variant: these slots follow the first `slots`. */
  tail?: Slot[];
  /** A block of the page (its first slot at `at`) set a line longer, in variant `variant`: the lines after it go down by as much. */
  loose?: { block: number; at: number; variant: number };
}

interface Fill { slots: Slot[]; endings: Ending[]; gaps: number[] }

/** Whether a block is kept whole on one page: a heading, a table row, a caption, a paragraph of two lines (a paragraph of three may break, leaving a widow or an orphan). */
export const kept = (b: FlowBlock): boolean => b.lines.length <= Math.max(b.orphans, b.widows);

/** Cost of ending a page after line `k` of block `i` (an orphan under a heading leaves the heading at the foot too). */
export function breakCost(blocks: FlowBlock[], i: number, k: number, endOfPart: boolean): number {
  const b = blocks[i];
  const n = b.lines.length;
  if (k === n - 1) return !endOfPart && b.keepWithNext ? COSTS.keepWithNext : 0;
  if (kept(b)) return COSTS.keep;
  if (k + 1 < b.orphans) return COSTS.widow + (blocks[i - 1]?.keepWithNext ? COSTS.keepWithNext : 0);
  return n - k - 1 < b.widows ? COSTS.widow : COSTS.split;
}

/**
 * The lines of the notes a page can set at its foot in `room` points, from line `done` of the
 * notes (the lines before were set on earlier pages): those marked on it, `upTo` in all, when they
 * fit; else as many as fit, a note going on to the next page, so long as every note marked on this
 * page begins on it and a note going on from the page before sets a line here: a split that
 * leaves one line of a note on either side costs as a widow does, less than a page left short.
 * Undefined if that much does not fit.
 */
function notesFor(pl: PartLines, done: number, upTo: number, firstMarked: number, room: number, g: Geometry): { to: number; area: number; cost: number } | undefined {
  const s = pl.stream;
  if (upTo <= done) return { to: done, area: 0, cost: 0 };
  if (fitsIn(s, done, upTo, room, g)) return { to: upTo, area: Math.min(areaHeight(s, done, upTo, g), room), cost: 0 };
  // The least that must be set here: the opening lines of the last note marked on this page, or of the note going on.
  const last = pl.noteStart[upTo - 1];
  const least = last >= firstMarked ? last + 1 : Math.min(upTo, done + 1);
  if (!fitsIn(s, done, least, room, g)) return undefined;
  let lo = least;
  let hi = upTo - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (fitsIn(s, done, mid, room, g)) lo = mid; else hi = mid - 1;
  }
  // A note split with one line on either side of the break costs as a widow does.
  const start = Math.max(pl.noteStart[lo], done);
  const one = lo - start === 1 || pl.noteStop[lo] - lo === 1;
  return { to: lo, area: room, cost: COSTS.noteSplit + (one ? COSTS.widow : 0) };
}

/**
 * Sets lines on one page from line `from` of the part as far as they fit (notes at the foot
 * included, from line `done` of the notes), and lists every place the page could end with its cost.
 */
function fillPage(pl: PartLines, from: number, done: number, opening: boolean, g: Geometry): Fill {
  const { pitch, textHeight: H } = g;
  const slots: Slot[] = [];
  const endings: Ending[] = [];
  const gaps: number[] = [];
  const total = pl.blockAt.length;
  const firstMarked = from ? pl.noteEnd[from - 1] : 0;
  if (from === total) {
    // Notes going on after the part's last line: a page of notes alone, the last resort.
    const foot = notesFor(pl, done, pl.stream.lines.length, Infinity, H, g) ?? { to: done + 1, area: H, cost: 0 };
    return { slots, gaps, endings: [{ next: total, slots: 0, stretch: 0, notes: foot.to, area: foot.area, rest: 0, cost: COSTS.keep }] };
  }
  let y = opening ? roundGrid(pl.part.startAt * H, pitch) : 0;
  const b0 = pl.blockAt[from];
  // A table going on from the page before: its header row again at the top.
  const header = pl.blocks[b0].continued?.header;
  const h = header ? pl.blocks.indexOf(header) : -1;
  if (!opening && header && h >= 0 && h < b0) header.lines.forEach((line, n) => { slots.push({ block: h, line: n, y, repeated: true }); y += line.height; });
  let yc = y;
  let empty = true;
  let flat = from;
  const alt: Ending[] = [];
  // The first block of the page that begins on it and can be set a line longer (on the grid): once
  // it is set, every ending after it is offered a second time with that block set so, a line lower.
  let loose: { block: number; at: number; variant: number; extra: number; state: 'set' | 'on' | 'off' } | undefined;
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
    if (kStart === 0) variantEndings(pl, i, flat, top, { done, firstMarked, slots: slots.length, gaps: gaps.length, empty }, g).forEach((e) => alt.push(e));
    if (loose?.state === 'set') loose.state = 'on';
    const longer = kStart === 0 && !loose && onGrid(b, pitch) ? (b.variants ?? []).findIndex((v) => v.heights.length === b.lines.length + 1) : -1;
    if (longer >= 0) loose = { block: i, at: slots.length, variant: longer, extra: b.variants![longer].heights.at(-1)!, state: 'set' };
    for (let k = kStart; k < b.lines.length; k++, flat++) {
      const line = b.lines[k];
      const room = H - top - line.height;
      let foot = notesFor(pl, done, pl.noteEnd[flat], firstMarked, room, g);
      if (!foot || room < -EPS) {
        if (!empty) return { slots, endings: [...endings, ...alt], gaps };
        // A page's first line is set whatever its notes: as many of them as the room leaves.
        foot = notesFor(pl, done, pl.noteEnd[flat], Infinity, room, g) ?? { to: done, area: 0, cost: COSTS.keep };
      }
      slots.push({ block: i, line: k, y: top });
      top += line.height;
      empty = false;
      const endOfPart = flat + 1 === total;
      const short = endOfPart ? 0 : Math.max(0, (H - foot.area - top) / pitch);
      const stretch = Math.min(gaps.length, Math.floor(short + EPS));
      const rest = short - stretch;
      const local = breakCost(pl.blocks, i, k, endOfPart);
      // The ending before this one left a line of room that this line fills, at no worse a break: it was not forced.
      const before = endings.at(-1);
      if (before && before.rest >= 1 - EPS && local < COSTS.widow && before.stretch === stretch) before.cost += COSTS.unforced;
      endings.push({
        next: flat + 1, slots: slots.length, stretch, notes: foot.to, area: foot.area, rest,
        cost: COSTS.short * rest * rest + COSTS.stretch * stretch + local + foot.cost,
      });
      if (loose?.state === 'on' && !endOfPart) {
        const lower = notesFor(pl, done, pl.noteEnd[flat], firstMarked, H - top - loose.extra, g);
        if (!lower || H - top - loose.extra < -EPS) loose.state = 'off';
        else {
          const short1 = Math.max(0, (H - lower.area - top - loose.extra) / pitch);
          const stretch1 = Math.min(gaps.length, Math.floor(short1 + EPS));
          const rest1 = short1 - stretch1;
          alt.push({
            next: flat + 1, slots: slots.length, stretch: stretch1, notes: lower.to, area: lower.area, rest: rest1, loose: { block: loose.block, at: loose.at, variant: loose.variant },
            cost: COSTS.short * rest1 * rest1 + COSTS.stretch * stretch1 + local + lower.cost + COSTS.variant,
          });
        }
      }
    }
    yc = top;
    y = next !== undefined ? Math.max(next, yc) : yc + b.spaceAfter;
  }
  return { slots, endings: [...endings, ...alt], gaps };
}

/**
 * Ways to end a page with block `i` (which begins on it at `top`, line `flat` of the part) set in
 * one of its variants, a line longer or shorter: where that fills the page, or ends it without a
 * widow, which the block's own lines could not.
 */
function variantEndings(pl: PartLines, i: number, flat: number, top: number, at: { done: number; firstMarked: number; slots: number; gaps: number; empty: boolean }, g: Geometry): Ending[] {
  const b = pl.blocks[i];
  const n = b.lines.length;
  const last = flat + n - 1;
  const endOfPart = last + 1 === pl.blockAt.length;
  if (!b.variants || endOfPart) return [];
  return b.variants.flatMap(({ heights }, v) => {
    const bottom = top + heights.reduce((h, height) => h + height, 0);
    const foot = bottom <= g.textHeight + EPS ? notesFor(pl, at.done, pl.noteEnd[last], at.firstMarked, g.textHeight - bottom, g) : undefined;
    if (!foot) return [];
    const short = Math.max(0, (g.textHeight - foot.area - bottom) / g.pitch);
    const stretch = Math.min(at.gaps, Math.floor(short + EPS));
    const rest = short - stretch;
    let y = top;
    const tail = heights.map((height, k) => { const slot = { block: i, line: k, y, variant: v }; y += height; return slot; });
    const cost = COSTS.short * rest * rest + COSTS.stretch * stretch + breakCost(pl.blocks, i, n - 1, false) + foot.cost + COSTS.variant;
    return [{ next: last + 1, slots: at.slots, stretch, notes: foot.to, area: foot.area, rest, tail, cost }];
  });
}

/** The first `count` slots of a page with one block set in its longer variant, the lines after it a line lower, and the gaps moved with them. */
function loosened(pl: PartLines, fill: Fill, count: number, loose: { block: number; at: number; variant: number }): { slots: Slot[]; gaps: number[] } {
  const { heights } = pl.blocks[loose.block].variants![loose.variant];
  const n = pl.blocks[loose.block].lines.length;
  const base = fill.slots.slice(0, count);
  let y = base[loose.at].y;
  const set = heights.map((height, k) => { const slot = { block: loose.block, line: k, y, variant: loose.variant }; y += height; return slot; });
  const extra = y - (base[loose.at + n - 1].y + pl.blocks[loose.block].lines[n - 1].height);
  const after = base.slice(loose.at + n).map((s) => ({ ...s, y: s.y + extra }));
  return { slots: [...base.slice(0, loose.at), ...set, ...after], gaps: fill.gaps.map((at) => (at > loose.at ? at + heights.length - n : at)) };
}

/** Moves the slots after each of the first `n` gaps down by a grid line. */
function stretched(slots: Slot[], gaps: number[], n: number, pitch: number): Slot[] {
  const at = gaps.filter((s) => s < slots.length).slice(0, n);
  return slots.map((s, i) => ({ ...s, y: s.y + pitch * at.filter((a) => a <= i).length }));
}

/** A state of the search: a page starts at line `pos` of the part with `done` lines of its notes set. */
interface State { cost: number; pos: number; done: number; prev?: State; ending?: Ending }

/**
 * The pages of a part: the breaks of least total cost. A state is where a page starts in the
 * part's lines and in its notes (a note may go on from the page before); most lines have one.
 */
export function breakPart(part: PartFlow, g: Geometry): { pages: PageBreak[]; notes: NoteStream } {
  const pl = partLines(part);
  const total = pl.blockAt.length;
  const noteLines = pl.stream.lines.length;
  if (!total) return { pages: [{ slots: [], notes: { from: 0, to: 0, area: 0 }, last: true }], notes: pl.stream };
  const states = Array.from({ length: total + 1 }, () => new Map<number, State>());
  states[0].set(0, { cost: 0, pos: 0, done: 0 });
  const offer = (s: State, e: Ending) => {
    const c = s.cost + e.cost;
    const known = states[e.next].get(e.notes);
    if (!known || c < known.cost - 1e-9) states[e.next].set(e.notes, { cost: c, pos: e.next, done: e.notes, prev: s, ending: e });
  };
  for (let pos = 0; pos < total; pos++) {
    for (const s of states[pos].values()) for (const e of fillPage(pl, pos, s.done, pos === 0, g).endings) offer(s, e);
  }
  // Notes still to set after the part's last line: pages of notes alone, in the order of what is done.
  for (let done = 0; done < noteLines; done++) {
    const s = states[total].get(done);
    if (s) for (const e of fillPage(pl, total, done, false, g).endings) offer(s, e);
  }
  const chain: State[] = [];
  for (let s: State | undefined = states[total].get(noteLines); s?.prev; s = s.prev) chain.unshift(s);
  const pages = chain.map((s) => {
    const start = s.prev!;
    const e = s.ending!;
    const fill = fillPage(pl, start.pos, start.done, start.pos === 0, g);
    const { slots, gaps } = e.loose ? loosened(pl, fill, e.slots, e.loose) : { slots: [...fill.slots.slice(0, e.slots), ...e.tail ?? []], gaps: fill.gaps };
    return { slots: stretched(slots, gaps, e.stretch, g.pitch), notes: { from: start.done, to: e.notes, area: e.area }, last: s === chain.at(-1) };
  });
  return { pages, notes: pl.stream };
}
