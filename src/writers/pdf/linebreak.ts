// Breaking: the Knuth–Plass total-fit algorithm over boxes, glue and penalties. A pure
// function from items and line widths to break positions: it measures nothing and draws nothing.
import { INFINITY, type Item } from './items.ts';

export interface Break {
  /** Index of the penalty item the line ends at. */
  at: number;
  /** Adjustment ratio of the line: >0 stretched, <0 shrunk (−1 fully shrunk). */
  ratio: number;
}

export interface BreakOptions {
  /** Width of line n (0-based). */
  lineWidth: (line: number) => number;
  /** Largest badness accepted before falling back (100 × ratio³). */
  tolerance?: number;
  /** Demerits added per line, so that fewer lines are preferred. */
  linePenalty?: number;
  /** Demerits for adjacent lines of very different tightness. */
  fitnessDemerits?: number;
}

interface Node {
  at: number;
  line: number;
  fitness: number;
  demerits: number;
  /** Totals of width, stretch and shrink from the start of the paragraph to just after this break. */
  width: number;
  stretch: number;
  shrink: number;
  ratio: number;
  prev: Node | null;
}

function fitnessClass(ratio: number): number {
  if (ratio < -0.5) return 0;
  if (ratio <= 0.5) return 1;
  if (ratio <= 1) return 2;
  return 3;
}

/** Running totals of width, stretch and shrink over the items (index i = sums of items before i). */
function prefixSums(items: Item[]) {
  const width = [0];
  const stretch = [0];
  const shrink = [0];
  items.forEach((it, i) => {
    width.push(width[i] + (it.kind === 'penalty' ? 0 : it.width));
    stretch.push(stretch[i] + (it.kind === 'glue' ? it.stretch : 0));
    shrink.push(shrink[i] + (it.kind === 'glue' ? it.shrink : 0));
  });
  return { width, stretch, shrink };
}

/** Totals at the start of the line after a break at `at`: glue and penalties there are discarded. */
function afterBreak(items: Item[], sums: ReturnType<typeof prefixSums>, at: number) {
  let i = at + 1;
  while (i < items.length && items[i].kind !== 'box') i++;
  return { width: sums.width[i], stretch: sums.stretch[i], shrink: sums.shrink[i] };
}

/** Widths this close (in points) are equal: sums of advances differ from a product in the last bits. */
const EPSILON = 1e-3;

function ratioOf(natural: number, stretch: number, shrink: number, target: number): number {
  if (Math.abs(natural - target) < EPSILON) return 0;
  if (natural < target) return stretch > 0 ? (target - natural) / stretch : INFINITY;
  if (natural > target) return shrink > 0 ? (target - natural) / shrink : -INFINITY;
  return 0;
}

/**
 * One pass of the algorithm. With `lines` set, the best node is kept per line count as well as
 * per fitness class (as TeX does when \looseness is not zero), and the paragraph must end in
 * exactly that many lines.
 */
function run(items: Item[], opts: Required<BreakOptions>, emergency: boolean, lines?: number): Break[] | null {
  const sums = prefixSums(items);
  let active: Node[] = [{ at: -1, line: 0, fitness: 1, demerits: 0, width: 0, stretch: 0, shrink: 0, ratio: 0, prev: null }];
  items.forEach((item, b) => {
    if (item.kind !== 'penalty' || item.cost >= INFINITY) return;
    const candidates: Node[] = [];
    const survivors: Node[] = [];
    for (const a of active) {
      const natural = sums.width[b] - a.width + item.width;
      const target = opts.lineWidth(a.line);
      const ratio = ratioOf(natural, sums.stretch[b] - a.stretch, sums.shrink[b] - a.shrink, target);
      // Too long even fully shrunk: this node can end no further line (in an emergency it may,
      // at the highest badness, so that a box wider than the measure still gets a line).
      // (Judged without the penalty's own width: a later break may add less, as a half-width mark does.)
      const content = ratioOf(natural - item.width, sums.stretch[b] - a.stretch, sums.shrink[b] - a.shrink, target);
      if (content >= -1 || emergency) survivors.push(a);
      if (ratio < -1 && !emergency) continue;
      const badness = ratio < -1 || ratio === INFINITY ? INFINITY : Math.min(INFINITY, 100 * Math.abs(ratio) ** 3);
      if (badness > opts.tolerance) continue;
      // In an emergency, loose lines are told apart by how loose they are (badness not capped), and
      // a line that overflows the measure is the last resort: it costs more than any loose line,
      // and more the further it overflows.
      const base = !emergency ? (opts.linePenalty + Math.min(badness, opts.tolerance)) ** 2
        : ratio < -1 ? OVERFULL * (1 + natural - item.width - target)
          : (opts.linePenalty + (ratio === INFINITY ? LOOSEST : 100 * Math.abs(ratio) ** 3)) ** 2;
      const cost = item.cost >= 0 ? item.cost ** 2 : item.cost > -INFINITY ? -(item.cost ** 2) : 0;
      const fitness = fitnessClass(ratio);
      const demerits = a.demerits + base + cost + (Math.abs(fitness - a.fitness) > 1 ? opts.fitnessDemerits : 0);
      const after = afterBreak(items, sums, b);
      candidates.push({ at: b, line: a.line + 1, fitness, demerits, ...after, ratio: Math.max(-1, Math.min(ratio, INFINITY)), prev: a });
    }
    active = item.cost === -INFINITY ? [] : survivors;
    // Keep the best candidate per fitness class (lines are all alike in width after the first).
    const best = new Map<number, Node>();
    for (const c of candidates) {
      const key = lines === undefined ? c.fitness : c.fitness + 4 * c.line;
      if (!best.has(key) || c.demerits < best.get(key)!.demerits) best.set(key, c);
    }
    for (const c of best.values()) if (lines === undefined || c.line <= lines) active.push(c);
    if (!active.length && !emergency) throw new NoSolution();
  });
  const end = active.filter((n) => n.at === items.length - 1 && (lines === undefined || n.line === lines)).sort((x, y) => x.demerits - y.demerits)[0];
  if (!end) return null;
  const breaks: Break[] = [];
  for (let n: Node | null = end; n && n.at >= 0; n = n.prev) breaks.unshift({ at: n.at, ratio: n.ratio });
  return breaks;
}

class NoSolution extends Error {}

/** Badness of a line that cannot stretch at all, in an emergency; demerits per point of overflow of an overfull line, more than any loose line. */
const LOOSEST = 1e9;
const OVERFULL = 1e30;

/** Breaks a paragraph into lines; if no set of lines fits the tolerance, the least bad one is taken. */
export function breakLines(items: Item[], options: BreakOptions): Break[] {
  const opts: Required<BreakOptions> = { tolerance: 800, linePenalty: 10, fitnessDemerits: 100, ...options };
  try {
    const first = run(items, opts, false);
    if (first) return first;
  } catch (e) {
    if (!(e instanceof NoSolution)) throw e;
  }
  return run(items, { ...opts, tolerance: INFINITY }, true) ?? [];
}

/** Tolerance of a paragraph set a line longer or shorter than its best: its lines stay good (badness ≤ 200, a quarter of what a paragraph of its own may take). */
const VARIANT_TOLERANCE = 200;

/**
 * The paragraph set in `lines` lines (its best set one line longer or shorter, for page
 * breaking), or null if no set of that many lines keeps every line within a tighter tolerance
 * than the paragraph's own. The rules of the items (kinsoku, no lone last character) hold as ever.
 */
export function breakLinesInto(items: Item[], options: BreakOptions, lines: number): Break[] | null {
  const opts: Required<BreakOptions> = { linePenalty: 10, fitnessDemerits: 100, ...options, tolerance: VARIANT_TOLERANCE };
  try {
    return run(items, opts, false, lines);
  } catch (e) {
    if (!(e instanceof NoSolution)) throw e;
    return null;
  }
}

export interface DisplayOptions {
  /** Width of the first line, and of the lines after it (a hanging indent makes them narrower). */
  first: number;
  rest: number;
  /** What a break at the penalty item at an index costs: 0 between phrases, more inside one (the least where it is between words). */
  inside: (at: number) => number;
}

/** How a set of display lines is judged, compared in order: breaks inside a phrase (by their cost), lines, raggedness. */
interface Score {
  inside: number;
  lines: number;
  ragged: number;
}

const better = (a: Score, b: Score) => a.inside - b.inside || a.lines - b.lines || a.ragged - b.ragged;

/**
 * Breaks a display line (a title, a heading, a contents entry, a running head) into as few lines
 * as fit, only between phrases where that is possible, of near-equal length: among the sets of
 * breaks with the fewest lines, the one with the least sum of squared slack, so that a title of
 * 43 characters in a measure of 17 is set 15/14/14, not 17/17/9. A break inside a phrase is taken
 * only where a phrase is wider than the measure. Lines are set at natural width (or shrunk, never
 * beyond their shrink). Exhaustive over the break points: display text is short.
 */
export function displayBreaks(items: Item[], opts: DisplayOptions): Break[] {
  const sums = prefixSums(items);
  const ends: number[] = [];
  items.forEach((it, i) => { if (it.kind === 'penalty' && it.cost < INFINITY) ends.push(i); });
  const last = items.length - 1;
  // best[k]: the best way to set the items up to the break ends[k]; the start is index -1.
  const best = new Map<number, { score: Score; prev: number; ratio: number }>([[-1, { score: { inside: 0, lines: 0, ragged: 0 }, prev: -1, ratio: 0 }]]);
  // Where a line may start, with the totals there; a start drops out once its line, without the
  // width a break adds, no longer fits: it only grows (so the search is linear in the lines' length).
  let starts = [{ a: -1, from: { width: 0, stretch: 0, shrink: 0 } }];
  for (const b of ends) {
    const item = items[b] as Extract<Item, { kind: 'penalty' }>;
    let chosen: { score: Score; prev: number; ratio: number } | undefined;
    starts = starts.filter(({ a, from }) => sums.width[b] - from.width - (sums.shrink[b] - from.shrink) <= (a < 0 ? opts.first : opts.rest) + EPSILON);
    for (const { a, from } of starts) {
      const target = a < 0 ? opts.first : opts.rest;
      const natural = sums.width[b] - from.width + item.width;
      const shrink = sums.shrink[b] - from.shrink;
      if (natural - shrink > target + EPSILON) continue;
      const before = best.get(a)!.score;
      const slack = Math.max(0, target - natural);
      const score = { inside: before.inside + (b === last ? 0 : opts.inside(b)), lines: before.lines + 1, ragged: before.ragged + slack * slack };
      if (!chosen || better(score, chosen.score) < 0) chosen = { score, prev: a, ratio: natural > target ? (target - natural) / shrink : 0 };
    }
    if (chosen) { best.set(b, chosen); starts.push({ a: b, from: afterBreak(items, sums, b) }); }
  }
  const end = best.get(last);
  // A box wider than the measure: the paragraph breaker's emergency lines.
  if (!end) return breakLines(items, { lineWidth: (n) => (n === 0 ? opts.first : opts.rest) });
  const breaks: Break[] = [];
  for (let b = last; b >= 0; b = best.get(b)!.prev) breaks.unshift({ at: b, ratio: best.get(b)!.ratio });
  return breaks;
}
