// Collation: witnesses of one document are aligned character by character against a base text
// (the `diff` library's Myers diff), divergences are grouped into variation units, and the
// reading at each unit is chosen by the rules in RULES below. Everything is recorded.
import { diffArrays, diffChars } from 'diff';
import { endsSentence } from '../cjk/chars.ts';

export type Authority = 'print' | 'web';

export interface CollationInput {
  id: string;
  authority: Authority;
  /** Body text: units joined by newlines. */
  text: string;
}

export type Rule = 'agreement' | 'authority' | 'paragraphing' | 'unreliable';

/** The rules of choice, in the words the edition prints. */
export const RULES: Record<Rule, string> = {
  agreement: '两个以上可靠底本一致时，从多数',
  authority: '可靠底本各执一词时，报纸印本优先于网络转载',
  paragraphing: '分段：印本分段系据OCR行长推断，可靠网络本于句末分段而印本未分处，从网络本分段',
  unreliable: '不可靠底本之异文，录而不从',
};

export interface Variant {
  /** Range in the base text that the unit covers. */
  start: number;
  end: number;
  readings: { witness: string; text: string }[];
  chosen: string;
  rule: Rule;
  /** Where the chosen reading starts in the collated text. */
  at: number;
}

export interface WitnessCollation {
  id: string;
  /** Base-text range the witness covers; outside it the witness is silent, not divergent. */
  coverage: [number, number];
  divergences: number;
  /** Units where this witness stands alone against all others that cover the place. */
  lone: number;
  unreliable: boolean;
  examples: { reading: string; others: string }[];
}

export interface Collation {
  text: string;
  base: string;
  variants: Variant[];
  witnesses: WitnessCollation[];
}

interface Edit { start: number; end: number; text: string }

/** Sentences with their closing marks (and line ends), so that joining them gives the text back. */
function sentences(text: string): string[] {
  if (!text) return [];
  return text.match(/[^。！？；\n]*(?:[。！？；]+[”’）]*\n?|\n|$)/gu)!.filter(Boolean);
}

/** Share of characters two strings have in common, by the diff library's own alignment. */
function similarity(a: string, b: string): number {
  const same = diffChars(a, b).filter((p) => !p.added && !p.removed).reduce((n, p) => n + p.value.length, 0);
  return (2 * same) / Math.max(1, a.length + b.length);
}

/** Below this similarity a replaced stretch is two different texts, not one text with variants. */
const SAME_TEXT = 0.6;

/** Whether two sentences are one sentence with variants; lengths too far apart cannot be (2·common ≤ 2·shorter). */
function sameSentence(a: string, b: string): boolean {
  if (2 * Math.min(a.length, b.length) < SAME_TEXT * (a.length + b.length)) return false;
  return a === b || similarity(a, b) >= SAME_TEXT;
}

/**
 * Above this many sentence pairs in one stretch, sentences are paired by a walk with a window of
 * look-ahead instead of a full diff: the diff compares every sentence with every other (a witness
 * that repeats a passage many times made import quadratic in its length).
 */
const FULL_PAIRING = 4000;
const LOOK_AHEAD = 40;

/** One step of pairing two lists of sentences: `n` sentences removed, added, or paired one with one. */
type Pairing = { removed?: boolean; added?: boolean; count: number };

/** Pairs the sentences of a stretch by similarity: a full diff for a small stretch, a windowed walk for a large one. */
function pairSentences(rem: string[], add: string[]): Pairing[] {
  if (rem.length * add.length <= FULL_PAIRING) {
    return diffArrays(rem, add, { comparator: sameSentence }).map((p) => ({ removed: p.removed, added: p.added, count: p.count ?? p.value.length }));
  }
  const out: Pairing[] = [];
  const push = (step: Pairing) => {
    const last = out[out.length - 1];
    if (last && !!last.removed === !!step.removed && !!last.added === !!step.added) last.count += step.count;
    else out.push(step);
  };
  let i = 0;
  let j = 0;
  while (i < rem.length && j < add.length) {
    if (sameSentence(rem[i], add[j])) { push({ count: 1 }); i++; j++; continue; }
    let k = 1;
    while (k <= LOOK_AHEAD && j + k < add.length && !sameSentence(rem[i], add[j + k])) k++;
    if (k <= LOOK_AHEAD && j + k < add.length) { push({ added: true, count: k }); j += k; continue; }
    push({ removed: true, count: 1 });
    i++;
  }
  if (i < rem.length) push({ removed: true, count: rem.length - i });
  if (j < add.length) push({ added: true, count: add.length - j });
  return out;
}

/**
 * Alignment of one witness against the base, in two passes: whole sentences first (so that a
 * moved or repeated passage is one insertion and one omission, not a scatter of chance matches),
 * then characters inside each stretch where the sentences differ.
 */
function align(base: string, other: string): { edits: Edit[]; coverage: [number, number] } {
  const edits: Edit[] = [];
  const common: [number, number][] = [];
  let pos = 0;
  let removed = '';
  let added = '';
  /** Character edits between one base sentence at `at` and the witness's sentence paired with it. */
  const charEdits = (from: string, to: string, at: number) => {
    for (const part of diffChars(from, to)) {
      if (part.added) edits.push({ start: at, end: at, text: part.value });
      else if (part.removed) { edits.push({ start: at, end: at + part.value.length, text: '' }); at += part.value.length; }
      else { if (part.value.length >= 8) common.push([at, at + part.value.length]); at += part.value.length; }
    }
  };
  // Inside a stretch where sentences differ, sentences are paired by similarity; a paired
  // sentence is compared character by character, an unpaired one is a whole omission or addition.
  const flush = () => {
    const rem = sentences(removed);
    const add = sentences(added);
    let at = pos - removed.length;
    let ni = 0;
    let oi = 0;
    for (const part of pairSentences(rem, add)) {
      const n = part.count;
      if (part.added) { edits.push({ start: at, end: at, text: add.slice(ni, ni + n).join('') }); ni += n; continue; }
      const old = rem.slice(oi, oi + n).join('');
      if (part.removed) edits.push({ start: at, end: at + old.length, text: '' });
      else for (let k = 0, off = 0; k < n; off += rem[oi + k].length, k++) charEdits(rem[oi + k], add[ni + k], at + off);
      if (!part.removed) ni += n;
      oi += n;
      at += old.length;
    }
    removed = added = '';
  };
  for (const part of diffArrays(sentences(base), sentences(other))) {
    const value = part.value.join('');
    if (part.added) added += value;
    else if (part.removed) { removed += value; pos += value.length; }
    else { flush(); common.push([pos, pos + value.length]); pos += value.length; }
  }
  flush();
  const merged = mergeTouching(edits);
  const coverage: [number, number] = common.length ? [common[0][0], common[common.length - 1][1]] : [0, 0];
  return { edits: merged.filter((e) => e.start >= coverage[0] && e.end <= coverage[1]), coverage };
}

/** Joins edits that touch, so that a replacement is one edit. */
function mergeTouching(edits: Edit[]): Edit[] {
  const out: Edit[] = [];
  for (const e of [...edits].sort((a, b) => a.start - b.start || a.end - b.end)) {
    const last = out[out.length - 1];
    if (last && last.end === e.start) { last.end = e.end; last.text += e.text; }
    else out.push({ ...e });
  }
  return out;
}

/** Groups overlapping or touching edits of all witnesses into variation units. */
function units(edits: Edit[]): [number, number][] {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: [number, number][] = [];
  for (const e of sorted) {
    const last = out[out.length - 1];
    if (last && e.start <= last[1]) last[1] = Math.max(last[1], e.end);
    else out.push([e.start, e.end]);
  }
  return out;
}

function readingOf(base: string, edits: Edit[], [s, e]: [number, number]): string {
  let out = '';
  let pos = s;
  for (const ed of edits) {
    if (ed.end < s || ed.start > e || (ed.start === ed.end && (ed.start < s || ed.start > e))) continue;
    out += base.slice(pos, ed.start) + ed.text;
    pos = ed.end;
  }
  return out + base.slice(pos, e);
}

/** Whether a witness's edits lie wholly inside or wholly outside a range, so that its reading there is defined. */
function fitsInside(edits: Edit[], [s, e]: [number, number]): boolean {
  return edits.every((ed) => ed.end < s || ed.start > e || (ed.start >= s && ed.end <= e));
}

/** Whether two readings differ only by paragraph breaks, the second adding one after a sentence end. */
function addsSentenceBreak(base: string, start: number, baseReading: string, reading: string): boolean {
  if (reading.replace(/\n/gu, '') !== baseReading.replace(/\n/gu, '') || !reading.includes('\n')) return false;
  const i = reading.indexOf('\n');
  return endsSentence(base.slice(Math.max(0, start - 4), start) + reading.slice(0, i));
}

function choose(base: string, start: number, baseId: string, readings: Variant['readings'], reliable: Set<string>, authority: Map<string, Authority>): { chosen: string; rule: Rule } {
  const heard = readings.filter((r) => reliable.has(r.witness));
  const support = new Map<string, number>();
  for (const r of heard) support.set(r.text, (support.get(r.text) ?? 0) + 1);
  const ranked = [...support.entries()].sort((a, b) => b[1] - a[1]);
  if (ranked.length && ranked[0][1] >= 2 && (ranked.length === 1 || ranked[0][1] > ranked[1][1])) return { chosen: ranked[0][0], rule: 'agreement' };
  const baseReading = readings.find((r) => r.witness === baseId)!.text;
  const breaker = heard.find((r) => r.witness !== baseId && addsSentenceBreak(base, start, baseReading, r.text));
  if (breaker) return { chosen: breaker.text, rule: 'paragraphing' };
  const print = heard.find((r) => authority.get(r.witness) === 'print') ?? readings.find((r) => r.witness === baseId)!;
  return { chosen: print.text, rule: 'authority' };
}

interface Aligned {
  base: string;
  baseId: string;
  inputs: CollationInput[];
  edits: Map<string, Edit[]>;
  cover: (id: string) => [number, number];
}

/**
 * Each covering witness's reading of a base range. `strict`: only witnesses whose edits lie wholly
 * inside or outside it, so that the reading is exactly theirs (for the apparatus); otherwise edits
 * crossing its ends count too (for counting lone readings).
 */
function readingsAt(a: Aligned, [s, e]: [number, number], strict = true): Variant['readings'] {
  return a.inputs
    .filter((w) => a.cover(w.id)[0] <= s && e <= a.cover(w.id)[1] && (!strict || w.id === a.baseId || fitsInside(a.edits.get(w.id)!, [s, e])))
    .map((w) => ({ witness: w.id, text: w.id === a.baseId ? a.base.slice(s, e) : readingOf(a.base, a.edits.get(w.id)!, [s, e]) }));
}

/**
 * Lone readings of each witness, counted over units of all witnesses' edits, and from them which
 * witnesses are unreliable: "far more than OCR noise" is five times the base's rate of lone
 * readings, and at least 3 per 1000 characters.
 */
function judgeWitnesses(a: Aligned): WitnessCollation[] {
  const raw = units([...a.edits.values()].flat())
    .map(([s, e]) => ({ readings: readingsAt(a, [s, e], false) }))
    .filter((u) => new Set(u.readings.map((r) => r.text)).size > 1);
  const stats = a.inputs.map((w): WitnessCollation => {
    const mine = raw.filter((u) => u.readings.some((r) => r.witness === w.id));
    const own = (u: { readings: Variant['readings'] }) => u.readings.find((x) => x.witness === w.id)!.text;
    const lone = mine.filter((u) => u.readings.length >= 3 && u.readings.filter((r) => r.text === own(u)).length === 1);
    return {
      id: w.id, coverage: a.cover(w.id), divergences: 0, lone: lone.length, unreliable: false,
      examples: lone.slice(0, 12).map((u) => ({ reading: own(u), others: u.readings.find((r) => r.witness !== w.id)!.text })),
    };
  });
  const rate = (st: WitnessCollation) => (st.lone * 1000) / Math.max(1, st.coverage[1] - st.coverage[0]);
  // The base's own rate stands for OCR noise; a floor of 3 per 1000 keeps a clean base from
  // making every small difference look like rewriting.
  const limit = Math.max(3, 5 * rate(stats[0]));
  for (const st of stats.slice(1)) st.unreliable = rate(st) > limit;
  return stats;
}

/**
 * Collates the witnesses of one document. The base is the first print witness (the caller
 * orders them). Units that decide the text are where the reliable witnesses differ among
 * themselves; the readings of an unreliable witness are recorded with them where they fall inside
 * such a unit, and as entries of their own elsewhere, so that a passage it rewrites does not
 * swallow a small difference between the reliable ones.
 */
export function collate(inputs: CollationInput[]): Collation {
  const [baseIn, ...others] = inputs;
  const base = baseIn.text;
  const alignments = new Map(others.map((w) => [w.id, align(base, w.text)] as const));
  const a: Aligned = {
    base, baseId: baseIn.id, inputs,
    edits: new Map(others.map((w) => [w.id, alignments.get(w.id)!.edits] as const)),
    cover: (id) => (id === baseIn.id ? [0, base.length] : alignments.get(id)!.coverage),
  };
  const stats = judgeWitnesses(a);
  const reliable = new Set(stats.filter((st) => !st.unreliable).map((st) => st.id));
  const authority = new Map(inputs.map((w) => [w.id, w.authority] as const));
  const editsOf = (ids: string[]) => ids.flatMap((id) => a.edits.get(id) ?? []);

  const decisive = units(editsOf(others.map((w) => w.id).filter((id) => reliable.has(id))))
    .map(([s, e]) => ({ start: s, end: e, readings: readingsAt(a, [s, e]) }))
    .filter((u) => new Set(u.readings.filter((r) => reliable.has(r.witness)).map((r) => r.text)).size > 1);
  let text = '';
  let pos = 0;
  const shifts: { end: number; delta: number }[] = [];
  const chosen = decisive.map((u): Variant => {
    text += base.slice(pos, u.start);
    const v = { ...u, ...choose(base, u.start, baseIn.id, u.readings, reliable, authority), at: text.length };
    text += v.chosen;
    shifts.push({ end: u.end, delta: v.chosen.length - (u.end - u.start) });
    pos = u.end;
    return v;
  });
  text += base.slice(pos);
  const mapped = (offset: number) => offset + shifts.filter((x) => x.end <= offset).reduce((n, x) => n + x.delta, 0);

  const recorded = others.filter((w) => !reliable.has(w.id)).flatMap((w) => units(editsOf([w.id]))
    .filter(([s, e]) => !decisive.some((d) => d.start === s && d.end === e))
    .map(([s, e]): Variant => ({
      start: s, end: e, chosen: text.slice(mapped(s), mapped(e)), rule: 'unreliable', at: mapped(s),
      // Witnesses that agree with the base are shown; a reliable witness's own difference inside
      // the range has an entry of its own.
      readings: readingsAt(a, [s, e]).filter((r) => r.witness === baseIn.id || r.witness === w.id || r.text === base.slice(s, e)),
    }))
    .filter((v) => v.readings.some((r) => r.witness === w.id && r.text !== v.chosen)));
  const variants = [...chosen, ...recorded].sort((x, y) => x.start - y.start || x.end - y.end);

  // Divergences as the apparatus records them: entries where a witness's reading is not the
  // base's (a reliable witness's own differences all stand in the deciding units).
  for (const st of stats) {
    st.divergences = st.id === baseIn.id ? variants.length : (reliable.has(st.id) ? chosen : variants).filter((v) => {
      const mine = v.readings.find((r) => r.witness === st.id);
      return mine && mine.text !== v.readings.find((r) => r.witness === baseIn.id)!.text;
    }).length;
  }
  return { text, base, variants, witnesses: stats };
}
