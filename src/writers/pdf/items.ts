// Measure → items. A run of styled text becomes boxes, glue and penalties (Knuth & Plass), with
// Chinese layout rules (clreq) expressed as data:
// - a break may fall between any two characters, except before closing or middle punctuation,
//   after opening punctuation, inside —— or ……, and inside a run of Latin letters or digits;
// - a full-width mark is its ink (half an em) plus a blank half; the blank of a mark next to
//   another mark is dropped (`。”` takes 1.5 em, not 2); at a line end a closing mark keeps
//   its blank (full width) or, at a cost, gives it up (half width), the first resource of a tight line;
// - the slack of a line is spread over the gaps between characters; Latin runs are not stretched
//   inside and stand a quarter em from Han characters.
import { CJK_PUNCT, INSEPARABLE, NO_LINE_END, NO_LINE_START } from '../../cjk/chars.ts';
import type { Weight } from '../../fonts/index.ts';
import type { Metrics } from './measure.ts';

export interface Style {
  weight: Weight;
  /** Font size in points. */
  size: number;
  /** Baseline shift in points (superscript note marks). */
  rise?: number;
  /** Id of a link target, for note marks. */
  link?: string;
  /** The font that sets the text, a FontSet id (`mono-regular`, `italic-regular`, …); by default the serif face of `weight`. */
  face?: string;
  /** What the text asks of the fonts besides its weight (resolved to `face` per character by text.ts). */
  italic?: boolean;
  mono?: boolean;
  /** Emphasis: dots under each Han character (着重号). */
  emph?: boolean;
  strike?: boolean;
  /** Highlighted: a light ground behind the text. */
  mark?: boolean;
  /** Inline code: whitespace kept, never stretched inside. */
  code?: boolean;
  /** A live link over the text: a URL, or `#name` for a named destination in the book. */
  href?: string;
  /** A named destination set at the text (a note mark, for the way back from its note). */
  anchor?: string;
  /** With `anchor`: the note the place marks without a sign (an apparatus entry at the foot of its lemma's page). */
  note?: string;
  /** Not text of the document (note marks, labels): tagged Lbl, so that reading back leaves it out. */
  label?: boolean;
  /** Not text at all (a continuation mark, an ornament set as a glyph): drawn as an artifact. */
  artifact?: boolean;
  /** Ruby: the annotation set small above the (unbreakable) base text, and the face it is set in. */
  ruby?: { text: string; face?: string };
  /** One half of a two-em dash ——: the glyph is text only (not painted); text.ts draws one rule across the pair. */
  rule?: boolean;
  /** An inline image drawn as the box: a key of `Book.images`, and its size in points. */
  image?: { src: string; width: number; height: number; alt: string };
}

/** What a style is measured and drawn with. */
export const faceOf = (s: Style): string => s.face ?? s.weight;

export type Item =
  /** Something to draw: `text` with its em box starting `draw` points from the box's own start. */
  | { kind: 'box'; width: number; text: string; draw: number; style: Style }
  | { kind: 'glue'; width: number; stretch: number; shrink: number }
  /** A place to break; `width` is added to the line if it breaks here; `emergency`: inside a word or number, where no rule allows a break. */
  | { kind: 'penalty'; width: number; cost: number; emergency?: boolean };

export const INFINITY = 10000;
/** Cost of setting a closing mark half-width at a line end: used only where it helps. */
const HALF_WIDTH_END = 50;
/** Stretch of the gap between two characters, in ems: slack is spread evenly over these gaps. */
const GAP_STRETCH = 0.15;
/** Gap between Han text and a Latin or digit run (clreq: ⅛–¼ em). */
const LATIN_GAP = 0.25;
const LATIN_GAP_SHRINK = 0.125;

export interface Run {
  text: string;
  style: Style;
}

type AtomKind = 'han' | 'open' | 'close' | 'pair' | 'latin' | 'space';

interface Atom {
  text: string;
  kind: AtomKind;
  style: Style;
}

/** A run of Latin letters and digits, with the marks that join them inside (2023－2027, 000_bc2.txt, urn:uuid:…). */
const LATIN_RUN = /[A-Za-z0-9](?:[A-Za-z0-9.,%/+'’_:@#=~?&\-－]*[A-Za-z0-9%])?/uy;

const SPACE = /[ \t\n]/u;
const LATIN = /[\x21-\x7e]|[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}]/u;
/** The kind of each character met, found once: a book asks it of every character it sets. */
const KINDS = new Map<string, AtomKind>();

function kindOf(ch: string): AtomKind {
  let kind = KINDS.get(ch);
  if (kind === undefined) KINDS.set(ch, (kind = kindOfNew(ch)));
  return kind;
}

function kindOfNew(ch: string): AtomKind {
  if (NO_LINE_END.includes(ch)) return 'open';
  if (NO_LINE_START.includes(ch)) return 'close';
  if (INSEPARABLE.includes(ch)) return 'pair';
  if (SPACE.test(ch)) return 'space';
  // ASCII punctuation and letters of alphabetic scripts go with Latin text: no gap after `Hello`
  // before its comma. Other symbols (¶ § °) stand like Han characters, as they always have.
  if (LATIN.test(ch)) return 'latin';
  return 'han';
}

/** One string per character, shared by every glyph of it: a book of 6,000 pages holds a million glyphs. */
const CHARS = new Map<number, string>();
function charOf(code: number): string {
  let ch = CHARS.get(code);
  if (ch === undefined) CHARS.set(code, (ch = String.fromCodePoint(code)));
  return ch;
}

/** Splits runs into atoms: single characters, or whole Latin/digit runs. */
function atoms(runs: Run[]): Atom[] {
  const out: Atom[] = [];
  for (const run of runs) {
    // Ruby and inline images are one unbreakable box each.
    if (run.style.ruby || run.style.image) {
      out.push({ text: run.text, kind: 'han', style: run.style });
      continue;
    }
    let i = 0;
    while (i < run.text.length) {
      LATIN_RUN.lastIndex = i;
      const latin = LATIN_RUN.exec(run.text);
      if (latin) {
        out.push({ text: latin[0], kind: 'latin', style: run.style });
        i += latin[0].length;
        continue;
      }
      const ch = charOf(run.text.codePointAt(i)!);
      const last = out[out.length - 1];
      if (ch === ' ' && last?.kind === 'space') { i += ch.length; continue; }
      out.push({ text: ch, kind: kindOf(ch), style: run.style });
      i += ch.length;
    }
  }
  return out;
}

const isPunct = (a: Atom | undefined) => !!a && (a.kind === 'open' || a.kind === 'close' || (a.kind === 'han' && CJK_PUNCT.test(a.text) && a.text !== '·'));

/** Whether a line may break between two atoms. */
function breakAllowed(a: Atom, b: Atom): boolean {
  if (b.kind === 'close' || a.kind === 'open') return false;
  if (a.kind === 'latin' && b.kind === 'latin') return false; // one word across two styles
  if ((a.text.length === 1 && '([{'.includes(a.text)) || (b.text.length === 1 && ')]},.;:!?'.includes(b.text))) return false; // Latin brackets and stops, as in Latin text
  if (a.kind === 'pair' && b.kind === 'pair' && a.text === b.text) return false;
  if (b.style.rise) return false; // a note mark stays with what it marks
  if (a.text === '·' || b.text === '·') return false; // 弗·弗·普京 is one name
  return true;
}

/** Ruby annotations are set at half the size of their base. */
export const RUBY_SCALE = 0.5;
/** A Latin run longer than this share of the measure may break inside (URLs, long words, numbers). */
const LONG_RUN = 0.5;
/** Cost of breaking a long run after / . - _ ? & =, and (where a piece is wider than the measure) between two characters. */
const PIECE_BREAK = 50;
const CHAR_BREAK = 300;

/** Width an atom takes: its advance; an image its own width; ruby the wider of base and annotation. */
function advanceOf(a: Atom, metrics: Metrics): number {
  if (a.style.image) return a.style.image.width;
  const base = metrics.advance(a.text, faceOf(a.style)) * a.style.size;
  const ruby = a.style.ruby;
  return ruby ? Math.max(base, metrics.advance(ruby.text, ruby.face ?? faceOf(a.style)) * a.style.size * RUBY_SCALE) : base;
}

/** Items of one paragraph (or heading line set). `indent` in ems opens the first line; `width` is the measure, for long runs. */
export function paragraphItems(runs: Run[], metrics: Metrics, opts: { indent?: number; width?: number } = {}): Item[] {
  // Spaces only matter between Latin words: they become glue between the atoms around them.
  const all = atoms(runs);
  const list = all.filter((a) => a.kind !== 'space');
  const spacedBefore = new Set<Atom>();
  all.forEach((a, i) => { if (a.kind === 'space') spacedBefore.add(all[i + 1]); });
  const items: Item[] = [];
  const first = list[0];
  if (opts.indent && first) items.push({ kind: 'box', width: opts.indent * first.style.size, text: '', draw: 0, style: { weight: first.style.weight, size: first.style.size } });
  // No line of one lone character at the end of a paragraph: the last two characters stay together.
  const lastJoints = lastCharacters(list, 2);
  // A word is the Latin atoms set together without a space (one run may be split by faces); a
  // word too long to stay whole may break inside (longRun) and between its atoms.
  const long = longWords(list, spacedBefore, metrics, opts.width);
  list.forEach((a, i) => {
    const prev = list[i - 1];
    const next = list[i + 1];
    const full = advanceOf(a, metrics);
    // An opening mark after another opening mark drops its blank (left) half; no break can fall
    // between them, so it never starts a line compressed.
    const openCompressed = a.kind === 'open' && prev?.kind === 'open';
    // A dash of —— takes a full em whatever its glyph's advance (0.89 em in Noto Serif SC), so
    // that the pair is two ems on the character grid (clreq 3.1.7).
    const dash = a.text === '—' && (prev?.text === '—' || next?.text === '—');
    const width = a.kind === 'close' || openCompressed ? full / 2 : dash ? a.style.size : full;
    if (long.has(a)) longRun(items, a, metrics, opts.width!);
    else {
      const draw = openCompressed ? -full / 2 : a.style.ruby ? (full - metrics.advance(a.text, faceOf(a.style)) * a.style.size) / 2 : 0;
      items.push({ kind: 'box', width, text: a.text, draw, style: dash ? { ...a.style, rule: true } : a.style });
    }
    if (next && long.has(a) && long.has(next) && !spacedBefore.has(next)) {
      const boundary = BOUNDARY.test(a.text.at(-1)!);
      items.push({ kind: 'penalty', width: 0, cost: boundary ? PIECE_BREAK : CHAR_BREAK, ...(boundary ? {} : { emergency: true }) });
      items.push({ kind: 'glue', width: 0, stretch: GAP_STRETCH * a.style.size, shrink: 0 });
    } else if (next) joint(items, a, next, spacedBefore.has(next), full, metrics, i >= lastJoints);
    // The paragraph's last mark keeps its full width, so that it never overhangs the measure.
    else if (a.kind === 'close') items.push({ kind: 'box', width: full / 2, text: '', draw: 0, style: a.style });
  });
  // The last line is ragged: a glue that can stretch without end, then a forced break.
  items.push({ kind: 'penalty', width: 0, cost: INFINITY });
  items.push({ kind: 'glue', width: 0, stretch: INFINITY, shrink: 0 });
  items.push({ kind: 'penalty', width: 0, cost: -INFINITY });
  return items;
}

/** Characters after which a long word breaks first. */
const BOUNDARY = /[/.\-_?&=]/u;

/** The atoms of Latin words (unspaced runs of Latin atoms) wider than LONG_RUN of the measure. */
function longWords(list: Atom[], spacedBefore: Set<Atom>, metrics: Metrics, width?: number): Set<Atom> {
  const out = new Set<Atom>();
  if (!width) return out;
  let word: Atom[] = [];
  const close = () => {
    if (word.reduce((w, a) => w + advanceOf(a, metrics), 0) > width * LONG_RUN) for (const a of word) out.add(a);
    word = [];
  };
  for (const a of list) {
    if (a.kind !== 'latin' || spacedBefore.has(a)) close();
    if (a.kind === 'latin') word.push(a);
  }
  close();
  return out;
}

/**
 * A Latin run too long to stay whole (a URL, a long word or number) never overflows the measure:
 * it may break after / . - _ ? & = and, where a piece is itself wider than the measure, between
 * any two characters, at a cost. The gaps between its pieces can stretch a little, so that a line
 * made only of them is still justified.
 */
function longRun(items: Item[], a: Atom, metrics: Metrics, width: number): void {
  const em = a.style.size;
  const face = faceOf(a.style);
  const pieces = a.text.match(/[^/.\-_?&=]+[/.\-_?&=]*|[/.\-_?&=]+/gu) ?? [a.text];
  pieces.forEach((piece, k) => {
    // (A thousandth of a point over is not over: a column made exactly as wide as its word.)
    const chars = metrics.advance(piece, face) * em > width + 1e-3 ? [...piece] : [piece];
    chars.forEach((c, j) => {
      if (k > 0 || j > 0) {
        items.push({ kind: 'penalty', width: 0, cost: j > 0 ? CHAR_BREAK : PIECE_BREAK, ...(j > 0 ? { emergency: true } : {}) });
        items.push({ kind: 'glue', width: 0, stretch: GAP_STRETCH * em, shrink: 0 });
      }
      items.push({ kind: 'box', width: metrics.advance(c, face) * em, text: c, draw: 0, style: a.style });
    });
  });
}

/** Index of the atom before which the paragraph's last `n` characters (marks not counted) begin. */
function lastCharacters(list: Atom[], n: number): number {
  let count = 0;
  for (let i = list.length - 1; i >= 0; i--) {
    if (list[i].kind === 'han' || list[i].kind === 'latin') count++;
    if (count === n) return i > 2 ? i : list.length;
  }
  return list.length;
}

/** The items between two atoms: break opportunities, the closing mark's blank, the gap glue. */
function joint(items: Item[], a: Atom, b: Atom, spaced: boolean, full: number, metrics: Metrics, keep = false): void {
  const em = a.style.size;
  // A closing mark keeps its blank half unless another mark follows; at a line end it keeps it
  // (full width) or, at a cost, gives it up (half width).
  const blank = a.kind === 'close' && !isPunct(b) ? full / 2 : 0;
  const endBlank = a.kind === 'close' ? full / 2 : 0;
  // A raised or lowered run (a note mark) is set tight against its text: no Han–Latin gap.
  const latinGap = !spaced && !(a.style.code && b.style.code) && !a.style.rise && !b.style.rise && (a.kind === 'latin') !== (b.kind === 'latin') && (a.kind === 'latin' ? b.kind === 'han' : a.kind === 'han');
  const space = spaced ? metrics.advance(' ', faceOf(a.style)) * em : 0;
  // Code is never stretched inside; nor is the gap before a raised or lowered run, nor the
  // middle of —— or …… (each is one mark: a gap would open inside it).
  const rigid = !!b.style.rise || (!!a.style.code && !!b.style.code) || (a.kind === 'pair' && b.kind === 'pair' && a.text === b.text);
  // A space is a break, but not after an opening mark or before a closing one (kinsoku holds).
  if ((breakAllowed(a, b) || (spaced && a.kind !== 'open' && b.kind !== 'close')) && !keep) {
    items.push({ kind: 'penalty', width: endBlank, cost: 0 });
    if (endBlank) items.push({ kind: 'penalty', width: 0, cost: HALF_WIDTH_END });
  }
  if (spaced) items.push({ kind: 'glue', width: blank + space, stretch: rigid ? 0 : space / 2, shrink: rigid ? 0 : space / 3 });
  else if (latinGap) items.push({ kind: 'glue', width: blank + LATIN_GAP * em, stretch: GAP_STRETCH * em, shrink: (LATIN_GAP - LATIN_GAP_SHRINK) * em });
  else if (a.kind === 'latin' && b.kind === 'latin') items.push({ kind: 'glue', width: blank, stretch: 0, shrink: 0 });
  else items.push({ kind: 'glue', width: blank, stretch: rigid ? 0 : GAP_STRETCH * em, shrink: 0 });
}
