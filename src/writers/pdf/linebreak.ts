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
  /** The first item at which a line from this break may be full enough to end (see `readyAt`). */
  ready: number;
}

function fitnessClass(ratio: number): number {
  if (ratio < -0.5) return 0;
  if (ratio <= 0.5) return 1;
  if (ratio <= 1) return 2;
  return 3;
}

/** Running totals of width, stretch and shrink over the items (index i = sums of items before i). */
function prefixSums(items: Item[]) {
  const width = new Float64Array(items.length + 1);
  const stretch = new Float64Array(items.length + 1);
  const shrink = new Float64Array(items.length + 1);
  for (let i = 0; i < items.length; i++) {
    const it = items[i];
    width[i + 1] = width[i] + (it.kind === 'penalty' ? 0 : it.width);
    stretch[i + 1] = stretch[i] + (it.kind === 'glue' ? it.stretch : 0);
    shrink[i + 1] = shrink[i] + (it.kind === 'glue' ? it.shrink : 0);
  }
  return { width, stretch, shrink };
}

/** The first item of the line after a break at `at`: glue and penalties there are discarded. */
function lineStart(items: Item[], at: number): number {
  let i = at + 1;
  while (i < items.length && items[i].kind !== 'box') i++;
  return i;
}

/** Totals at the start of the line after a break at `at`. */
function afterBreak(items: Item[], sums: ReturnType<typeof prefixSums>, at: number) {
  const i = lineStart(items, at);
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
 * One pass of the algorithm: the best set of breaks, or with `lines`, the best set of each of
 * those numbers of lines (the best node is then kept per line count as well as per fitness class,
 * as TeX does when \looseness is not zero). Every character of Chinese text is a break: the loop
 * over them allocates nothing but the nodes it keeps (its lists are reused from break to break).
 */
function run(items: Item[], opts: Required<BreakOptions>, emergency: boolean): Break[] | null;
function run(items: Item[], opts: Required<BreakOptions>, emergency: boolean, lines: number[]): (Break[] | null)[];
function run(items: Item[], opts: Required<BreakOptions>, emergency: boolean, lines?: number[]): Break[] | null | (Break[] | null)[] {
  const sums = prefixSums(items);
  const most = lines ? Math.max(...lines) : Infinity;
  // With line counts asked for, a node that can no longer end the paragraph in one of them is dropped
  // (the text left, stretched or shrunk as far as allowed, would not fill or fit the lines left).
  const end = sums.width.length - 1;
  const reach = lines ? Math.cbrt(opts.tolerance / 100) : 0;
  const slack = lines ? items.reduce((m, it) => Math.max(m, it.kind === 'box' ? it.style.size : it.kind === 'penalty' ? it.width : 0), 0) : 0;
  const width = opts.lineWidth(1);
  const canEnd = (line: number, at: number): boolean => !lines || lines.some((k) => {
    const left = k - line;
    if (left < 1) return false;
    const natural = sums.width[end] - sums.width[at];
    const stretch = sums.stretch[end] - sums.stretch[at] - INFINITY;
    const shrink = sums.shrink[end] - sums.shrink[at];
    return natural + reach * stretch + 2 * slack >= (left - 1) * width && natural - shrink - 2 * slack <= left * width;
  });
  // A line from a break is passed over while it is too short to end anywhere: until the item where
  // its text, with the widest a break adds and stretched as far as the tolerance lets it, could
  // reach the measure (both totals only grow, so it is found by bisection). In an emergency every
  // line is judged.
  const widest = items.reduce((m, it) => (it.kind === 'penalty' ? Math.max(m, it.width) : m), 0);
  const furthest = Math.cbrt(opts.tolerance / 100) * (1 + 1e-9);
  const readyAt = (n: Pick<Node, 'at' | 'line' | 'width' | 'stretch'>): number => {
    if (emergency || opts.tolerance >= INFINITY) return 0;
    const target = opts.lineWidth(n.line) - 2 * EPSILON;
    let lo = n.at + 1;
    let hi = end;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sums.width[mid] - n.width + widest + furthest * (sums.stretch[mid] - n.stretch) >= target) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  const start = { at: -1, line: 0, fitness: 1, demerits: 0, width: 0, stretch: 0, shrink: 0, ratio: 0, prev: null };
  let active: Node[] = [{ ...start, ready: readyAt(start) }];
  let survivors: Node[] = [];
  // The best candidate of a break per fitness class (and line count, with `lines`): slot
  // fitness + 4 × line; the slots filled at this break are listed in `filled`.
  const best: (Node | undefined)[] = [];
  const filled: number[] = [];
  // Before the first item where some line may end, a break changes nothing (unless it is forced).
  let firstReady = active[0].ready;
  for (let b = 0; b < items.length; b++) {
    const item = items[b];
    if (item.kind !== 'penalty' || item.cost >= INFINITY) continue;
    if (b < firstReady && item.cost > -INFINITY) continue;
    survivors.length = 0;
    let after = -1;
    const cost = item.cost >= 0 ? item.cost ** 2 : item.cost > -INFINITY ? -(item.cost ** 2) : 0;
    for (const a of active) {
      if (b < a.ready) { survivors.push(a); continue; }
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
      const fitness = fitnessClass(ratio);
      const demerits = a.demerits + base + cost + (Math.abs(fitness - a.fitness) > 1 ? opts.fitnessDemerits : 0);
      if (after < 0) after = lineStart(items, b);
      if (b < items.length - 1 && !canEnd(a.line + 1, after)) continue;
      // Keep the best candidate per fitness class (lines are all alike in width after the first).
      if (a.line + 1 > most) continue;
      const key = lines ? fitness + 4 * (a.line + 1) : fitness;
      const known = best[key];
      if (known && !(demerits < known.demerits)) continue;
      if (!known) filled.push(key);
      best[key] = { at: b, line: a.line + 1, fitness, demerits, width: sums.width[after], stretch: sums.stretch[after], shrink: sums.shrink[after], ratio: Math.max(-1, Math.min(ratio, INFINITY)), prev: a, ready: 0 };
    }
    // The survivors are the active list from here on; the old list is reused for the next break.
    const was = active;
    active = item.cost === -INFINITY ? (survivors.length = 0, survivors) : survivors;
    survivors = was;
    if (filled.length) {
      // A break this place has in another fitness class that costs less by more than the fitness
      // demerits can ever add is dominated: whatever follows it would follow the cheaper one for
      // less (same place, same totals, same line widths after the first line). Dropped, so that
      // the active list holds about one break per place. Kept in the order of their slots.
      filled.sort((x, y) => x - y);
      for (const key of filled) {
        const c = best[key]!;
        let least = Infinity;
        for (const other of filled) {
          const o = best[other]!;
          if ((lines ? o.line : 0) === (lines ? c.line : 0)) least = Math.min(least, o.demerits);
        }
        if (c.demerits > least + opts.fitnessDemerits) continue;
        c.ready = readyAt(c);
        active.push(c);
      }
      for (const key of filled) best[key] = undefined;
      filled.length = 0;
    }
    if (!active.length && !emergency) throw new NoSolution();
    firstReady = Infinity;
    for (const a of active) if (a.ready < firstReady) firstReady = a.ready;
  }
  const ends = active.filter((n) => n.at === items.length - 1).sort((x, y) => x.demerits - y.demerits);
  const trace = (end: Node | undefined): Break[] | null => {
    if (!end) return null;
    const breaks: Break[] = [];
    for (let n: Node | null = end; n && n.at >= 0; n = n.prev) breaks.unshift({ at: n.at, ratio: n.ratio });
    return breaks;
  };
  return lines ? lines.map((k) => trace(ends.find((n) => n.line === k))) : trace(ends[0]);
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
 * Whether `k` lines of `width` could hold the paragraph within the variant tolerance, by its
 * totals alone (a cheap test before the search): k − 1 lines stretched as far as allowed must not
 * be wider than its text, nor k lines shrunk narrower (with slack for what a break adds).
 */
function reachable(items: Item[], width: number, k: number): boolean {
  let natural = 0;
  let stretch = 0;
  let shrink = 0;
  let em = 0;
  let added = 0;
  for (const it of items) {
    if (it.kind === 'penalty') { added = Math.max(added, it.width); continue; }
    natural += it.width;
    if (it.kind === 'box') em = Math.max(em, it.style.size);
    else if (it.stretch < INFINITY) { stretch += it.stretch; shrink += it.shrink; }
  }
  const most = Math.cbrt(VARIANT_TOLERANCE / 100);
  const slack = em + k * added;
  return natural + most * stretch + slack >= (k - 1) * width && natural - shrink - slack <= k * width;
}

/**
 * The paragraph set in each of `lines` numbers of lines (its best set one line longer or shorter,
 * for page breaking), null for a number no set of lines reaches within a tighter tolerance than
 * the paragraph's own. The rules of the items (kinsoku, no lone last character) hold as ever.
 */
export function breakLinesInto(items: Item[], options: BreakOptions, lines: number[]): (Break[] | null)[] {
  const opts: Required<BreakOptions> = { linePenalty: 10, fitnessDemerits: 100, ...options, tolerance: VARIANT_TOLERANCE };
  const possible = lines.filter((k) => reachable(items, opts.lineWidth(1), k));
  if (!possible.length) return lines.map(() => null);
  try {
    const found = run(items, opts, false, possible);
    return lines.map((k) => (possible.includes(k) ? found[possible.indexOf(k)] : null));
  } catch (e) {
    if (!(e instanceof NoSolution)) throw e;
    return lines.map(() => null);
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
