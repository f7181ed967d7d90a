// Setting text: inline runs → placed lines, in a style chosen by the block's place in the book.
// Each piece of text is measured, broken into lines (Knuth–Plass with the Chinese rules of
// items.ts) and aligned. Every block layout (layout.ts, blocks/*) sets its text through here.
import { isHan, NO_LINE_START } from '../../cjk/chars.ts';
import type { FaceRequest, FontSet } from '../../fonts/index.ts';
import { plainText, type Block, type ImageResource, type Inline, type Pos } from '../../model/types.ts';
import { variant, type FlowBlock, type Mark, type PlacedLine, type StructTag, type Variant } from './flow.ts';
import { INFINITY, paragraphItems, type Item, type Run, type Style } from './items.ts';
import { breakLines, breakLinesInto, displayBreaks, type Break } from './linebreak.ts';
import { breaksOnce, itemsKey } from './breakcache.ts';
import { phraseBreaks, wordBreaks } from '../../cjk/phrases.ts';
import type { Diagnostic } from '../../diagnostics.ts';
import type { Metrics } from './measure.ts';
import type { Geometry } from './page.ts';
import { setLines, type Glyph, type Line } from './setline.ts';
import { carryAnchors } from './anchors.ts';

export type Align = 'justify' | 'center' | 'right' | 'left';

export interface TextStyle {
  weight: 'regular' | 'bold';
  /** Size relative to the body size. */
  scale: number;
  /** Line pitch relative to the body pitch. */
  leading: number;
  align: Align;
  indent: number;
  /** Insets from the measure's sides, in ems of this style. */
  inset: number;
  before: number;
  after: number;
  /** A display line (title, heading, contents entry): broken only between phrases, into lines of near-equal length. */
  display?: boolean;
  /** Lines after the first stand this many ems further in (a contents entry that wraps). */
  hang?: number;
}

export const BODY: TextStyle = { weight: 'regular', scale: 1, leading: 1, align: 'justify', indent: 2, inset: 0, before: 0, after: 0 };

/** Styles by context: `role/kind` of the container and the block type. */
export const STYLES: Record<string, Partial<TextStyle>> = {
  'h1': { display: true, weight: 'bold', scale: 1.45, leading: 1.45, align: 'center', indent: 0, before: 1, after: 0.6 },
  'h2': { display: true, weight: 'bold', scale: 1.15, leading: 1.2, align: 'center', indent: 0, before: 0.8, after: 0.3 },
  // Below h2, headings stand at the left, each a step smaller or lighter, with less space around.
  'h3': { display: true, weight: 'bold', scale: 1.08, leading: 1.1, align: 'left', indent: 0, before: 0.6, after: 0.2 },
  'h4': { display: true, weight: 'bold', scale: 1, leading: 1, align: 'left', indent: 0, before: 0.5, after: 0.1 },
  'h5': { display: true, weight: 'bold', scale: 0.95, leading: 1, align: 'left', indent: 2, before: 0.4, after: 0 },
  'h6': { display: true, weight: 'regular', scale: 0.9, leading: 1, align: 'left', indent: 2, before: 0.4, after: 0 },
  'text/h2': { display: true, weight: 'bold', scale: 1, leading: 1, align: 'center', indent: 0, before: 0.5, after: 0 },
  'titlepage/h1': { display: true, weight: 'bold', scale: 2, leading: 2, align: 'center', indent: 0, before: 0, after: 1 },
  'subtitle/para': { display: true, scale: 1.15, align: 'center', indent: 0 },
  'byline/para': { display: true, scale: 1.1, align: 'center', indent: 0, before: 3 },
  'imprint/para': { scale: 1.1, align: 'center', indent: 0, before: 6 },
  'colophon/h1': { display: true, weight: 'bold', scale: 1.15, leading: 1.2, align: 'center', indent: 0, before: 0, after: 0.8 },
  'colophon/para': { scale: 0.9, leading: 0.95, align: 'center', indent: 0 },
  'docdate/para': { align: 'center', indent: 0, after: 0.6 },
  'gap/para': { scale: 0.9, leading: 0.9, indent: 0, inset: 2, before: 0.4, after: 0.4 },
  'dateplace/para': { align: 'right', indent: 0, before: 0.5 },
  'dateline/para': { align: 'right', indent: 0 },
  'note/para': { scale: 0.85, leading: 0.85, indent: 0 },
  'sourcenote/para': { scale: 0.92, leading: 0.92 },
  'sourcenote/list': { scale: 0.92, leading: 0.92, indent: 0 },
  // An apparatus entry: its place (page.line) at the margin, the lines after it hanging.
  'apparatus/para': { indent: 0, hang: 2 },
  'list': { indent: 0 },
};

export function styleFor(context: string[], type: string): TextStyle {
  const keys = [type, ...context.map((c) => `${c}/${type}`)];
  return keys.reduce<TextStyle>((s, k) => ({ ...s, ...(STYLES[k] ?? {}) }), { ...BODY });
}

export interface LayoutContext {
  metrics: Metrics;
  geometry: Geometry;
  /** The book's fonts: which face sets each character (code in the monospace face, Latin emphasis in italic, …). */
  fonts: FontSet;
  /** The book's images (sizes for figures). */
  images: Record<string, ImageResource>;
  /** Told of what cannot be set (an image missing from the book), with its place. */
  warn?: (d: Diagnostic) => void;
  /** Where the block being laid out stands in its file, for those messages. */
  at?: Pos;
  /**
   * Blocks laid out before, by a key of everything their layout depends on besides the context
   * (layoutPart: the part's kind and the block): a part laid out again after a small edit
   * (`wenji watch`) sets again only the blocks that changed.
   */
  laidBlocks?: Map<string, { flows: FlowBlock[]; warnings: Diagnostic[] }>;
}

/** Lays out nested blocks (a list item's, a quote's) in a context of ancestor roles: passed down, so that block layouts need not import layout.ts. */
export type LayoutBlocks = (list: Block[], context: string[], ctx: LayoutContext) => FlowBlock[];

/** Superscript and subscript are set at this share of the text's size. */
const SCRIPT = 0.7;

/** Name of the destination at a note's (first) mark: the note's label links back to it. */
export const noteRefAnchor = (note: string) => `${note}:ref`;

/**
 * Inline runs with styles: what each element asks of the fonts (weight, italic, mono) and of
 * the painter (dots, rules, links, ruby, images). Faces are chosen per character later (setText).
 */
export function runs(inlines: Inline[], style: Style, weight = style.weight): Run[] {
  const s: Style = { ...style, weight };
  return inlines.flatMap((i): Run[] => {
    switch (i.type) {
      case 'text': return [{ text: i.text, style: s }];
      case 'strong': return runs(i.children, s, 'bold');
      case 'emph': return runs(i.children, { ...s, emph: true, italic: true });
      case 'strike': return runs(i.children, { ...s, strike: true });
      case 'mark': return runs(i.children, { ...s, mark: true });
      case 'code': return [{ text: i.text, style: { ...s, mono: true, code: true } }];
      case 'link': return runs(i.children, { ...s, href: i.target ? `#${i.target.anchor ?? i.target.part}` : i.href });
      case 'lang': return runs(i.children, s);
      case 'sup': return runs(i.children, { ...s, size: s.size * SCRIPT, rise: (s.rise ?? 0) + s.size * 0.4 });
      case 'sub': return runs(i.children, { ...s, size: s.size * SCRIPT, rise: (s.rise ?? 0) - s.size * 0.15 });
      case 'ruby': return [{ text: plainText(i.children), style: { ...s, ruby: { text: i.annotation } } }];
      case 'image': return [{ text: '', style: { ...s, image: { src: i.src, width: 0, height: 0, alt: i.alt } } }];
      case 'noteref': return [{ text: i.label, style: { ...s, size: s.size * 0.6, rise: s.size * 0.45, link: i.note, anchor: noteRefAnchor(i.note), label: true, href: undefined } }];
      case 'break': return [{ text: '\n', style: s }];
      // An apparatus lemma: no text, a destination carried onto the text after it (apparatus.ts).
      case 'anchor': return [{ text: '', style: { ...s, anchor: i.id, ...(i.note ? { note: i.note } : {}) } }];
      // Its page.line (filled in once the book is paginated): not text of the document, a link to the lemma.
      case 'lineref': return runs(i.children, { ...s, label: true, href: i.target ? `#${i.anchor}` : s.href });
    }
  });
}

/** Faces chosen per font set, request and character (the same character is asked about often). */
const faceCache = new WeakMap<FontSet, Map<string, Map<string, string | undefined>>>();

/** The face lookup for one request: a function of the character, cached. */
function facesFor(fonts: FontSet, req: FaceRequest): (ch: string) => string | undefined {
  let byReq = faceCache.get(fonts);
  if (!byReq) faceCache.set(fonts, (byReq = new Map()));
  const key = `${req.weight}${req.italic ? 'i' : ''}${req.mono ? 'm' : ''}`;
  let cache = byReq.get(key);
  if (!cache) byReq.set(key, (cache = new Map()));
  const c = cache;
  // What the set has for the request; else what it has for a neighbouring request (a character
  // asked only as code, say), so that a glyph any face holds is never drawn as a blank box.
  const others: FaceRequest[] = [{ ...req, mono: !req.mono }, { ...req, italic: !req.italic }, { weight: req.weight === 'bold' ? 'regular' : 'bold' }];
  return (ch) => {
    let id = c.get(ch);
    if (id === undefined && !c.has(ch)) c.set(ch, (id = [req, ...others].map((r) => fonts.faceFor(ch, r)?.id).find(Boolean)));
    return id;
  };
}

/** The request a style makes of the fonts (a face named by a caller counts as its kind). */
function requestOf(style: Style): FaceRequest {
  return { weight: style.weight, italic: style.italic || style.face?.startsWith('italic-'), mono: style.mono || style.face?.startsWith('mono-') };
}

/**
 * Splits runs where the face changes: every character is set in the face the font set gives it
 * (Latin emphasis in italic, code in the monospace face with its Han in the serif, a symbol in
 * the fallback); where no face has it, the serif face of the weight. Spaces go with their text.
 * Ruby bases stay whole; inline images get their size (one em high) or, missing, their alt text.
 */
export function faceRuns(parts: Run[], ctx: LayoutContext): Run[] {
  const out: Run[] = [];
  for (const r of parts) {
    if (r.style.image) {
      const img = ctx.images[r.style.image.src];
      if (!img) { out.push({ text: r.style.image.alt, style: { ...r.style, image: undefined } }); continue; }
      const height = r.style.size;
      out.push({ text: '', style: { ...r.style, image: { ...r.style.image, height, width: Math.min(height * (img.width / Math.max(1, img.height)), ctx.geometry.measure) } } });
      continue;
    }
    const req = requestOf(r.style);
    if (r.style.ruby) {
      const rubyFace = facesFor(ctx.fonts, { weight: r.style.weight })([...r.style.ruby.text][0] ?? ' ');
      out.push({ text: r.text, style: { ...r.style, face: facesFor(ctx.fonts, req)([...r.text][0] ?? ' '), ruby: { ...r.style.ruby, face: rubyFace } } });
      continue;
    }
    const faceOf = facesFor(ctx.fonts, req);
    let text = '';
    let face: string | undefined;
    for (const ch of r.text) {
      const f = text && (ch === ' ' || ch === '\n' || ch === '\t') ? face : faceOf(ch);
      if (text && f !== face) { out.push({ text, style: { ...r.style, face } }); text = ''; }
      face = f;
      text += ch;
    }
    if (text) out.push({ text, style: { ...r.style, face } });
  }
  return out;
}

/** Spans of consecutive glyphs that share a property (a strikethrough, a link). */
function spans(glyphs: Glyph[], key: (g: Glyph) => unknown): Glyph[][] {
  const out: Glyph[][] = [];
  glyphs.forEach((g, i) => {
    const k = key(g);
    if (!k) return;
    if (i > 0 && key(glyphs[i - 1]) === k) out[out.length - 1].push(g);
    else out.push([g]);
  });
  return out;
}

/** The rule of ——, in ems: its height above the baseline (of its middle), its thickness, and the blank at each end. */
const DASH_HEIGHT = 0.2675;
const DASH_WEIGHT = 0.051;
const DASH_BEARING = 0.04;

/**
 * The marks a line's styles ask for, relative to the line box: a dot centred under each Han
 * character of emphasis, below the baseline (clreq 着重号); a rule through struck text; a light
 * ground behind highlighted text and a lighter one behind inline code; a thin grey rule under link text, so that a reader sees what is live.
 */
function decorations(glyphs: Glyph[], baseline: number): Mark[] {
  const marks: Mark[] = [];
  const y = (g: Glyph, em: number) => baseline - (g.style.rise ?? 0) + em * g.style.size;
  for (const g of glyphs) if (g.style.emph && isHan(g.text)) marks.push({ kind: 'dot', x: g.x + g.width / 2, y: y(g, 0.3), r: g.style.size * 0.08 });
  for (const s of spans(glyphs, (g) => g.style.strike)) {
    const last = s[s.length - 1];
    marks.push({ kind: 'line', x1: s[0].x, y1: y(s[0], -0.3), x2: last.x + last.width, y2: y(s[0], -0.3), width: s[0].style.size * 0.05 });
  }
  for (const s of spans(glyphs, (g) => g.style.mark)) {
    const last = s[s.length - 1];
    const em = s[0].style.size;
    marks.push({ kind: 'rect', x: s[0].x, y: y(s[0], -0.9), w: last.x + last.width - s[0].x, h: em * 1.2, width: 0, fill: true, gray: 0.86 });
  }
  for (const s of spans(glyphs, (g) => g.style.code)) {
    const last = s[s.length - 1];
    const em = s[0].style.size;
    marks.push({ kind: 'rect', x: s[0].x - em * 0.15, y: y(s[0], -0.85), w: last.x + last.width - s[0].x + em * 0.3, h: em * 1.1, width: 0, fill: true, gray: 0.93 });
  }
  // The two-em dash: one unbroken rule across both ems, where its glyphs would leave a gap between
  // them; at the height and weight of Noto Serif SC's U+2014 (ink 0.242–0.293 em above the baseline).
  for (const s of spans(glyphs, (g) => g.style.rule)) {
    const last = s[s.length - 1];
    const em = s[0].style.size;
    marks.push({ kind: 'line', x1: s[0].x + em * DASH_BEARING, y1: y(s[0], -DASH_HEIGHT), x2: last.x + last.width - em * DASH_BEARING, y2: y(s[0], -DASH_HEIGHT), width: em * DASH_WEIGHT });
  }
  for (const s of spans(glyphs, (g) => g.style.href)) {
    const last = s[s.length - 1];
    marks.push({ kind: 'line', x1: s[0].x, y1: y(s[0], 0.16), x2: last.x + last.width, y2: y(s[0], 0.16), width: 0.3, gray: 0.55 });
  }
  return marks;
}

/** Whitespace the item builder drops between atoms (items.ts): not counted in box text. */
const DROPPED = /[ \t\n]/gu;

/** Cost of a display line's break between two words of one phrase, and anywhere else inside a phrase. */
const BETWEEN_WORDS = 1;
const INSIDE_WORD = 100;

/**
 * What breaking a display text at each penalty item costs: nothing between two phrases
 * (src/cjk/phrases.ts), more between two words of a phrase, most inside a word. Offsets are
 * counted in the characters the boxes hold.
 */
export function phraseBoundaries(items: Item[], text: string): (at: number) => number {
  const inBoxes = (at: number) => text.slice(0, at).replace(DROPPED, '').length;
  const phrases = new Set(phraseBreaks(text).map(inBoxes));
  const words = new Set(wordBreaks(text).map(inBoxes));
  const offsets = new Map<number, number>();
  let chars = 0;
  items.forEach((it, i) => {
    if (it.kind === 'box') chars += it.text.length;
    else if (it.kind === 'penalty') offsets.set(i, chars);
  });
  return (at) => {
    const offset = offsets.get(at) ?? -1;
    return phrases.has(offset) ? 0 : words.has(offset) ? BETWEEN_WORDS : INSIDE_WORD;
  };
}

/** Characters of a Latin word or a number. */
const WORD = /^[\x21-\x7e\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}]+$/u;

/** A word or number that runs across a break inside it: its text, from the boxes around the break. */
function wordAt(items: Item[], at: number): string {
  const inWord = (it: Item) => (it.kind === 'box' ? WORD.test(it.text) : it.kind === 'penalty' ? it.cost < INFINITY && it.cost >= 0 && !!it.emergency || it.cost === 50 : it.width === 0);
  let from = at;
  while (from > 0 && inWord(items[from - 1])) from--;
  let to = at;
  while (to + 1 < items.length && inWord(items[to + 1])) to++;
  return items.slice(from, to + 1).map((it) => (it.kind === 'box' ? it.text : '')).join('');
}

/**
 * An unbreakable run wider than the measure (a 5,000-letter word, a long number) is broken
 * between two of its characters, without a hyphen: told as a warning at its block, once per run.
 */
function overfull(items: Item[], breaks: Break[], width: number, ctx: LayoutContext): void {
  const told = new Set<string>();
  for (const b of breaks) {
    const it = items[b.at];
    if (it.kind !== 'penalty' || !it.emergency) continue;
    const word = wordAt(items, b.at);
    if (told.has(word)) continue;
    told.add(word);
    const shown = [...word].length > 24 ? `${[...word].slice(0, 24).join('')}…` : word;
    ctx.warn?.({
      severity: 'warning', code: 'overfull', ...(ctx.at ?? {}),
      message: `"${shown}" (${[...word].length} characters without a break) is wider than the measure (${Math.round(width)} pt): broken between characters, without a hyphen`,
      hint: 'put a space (or a zero-width space, U+200B) where it may break, or shorten it',
    });
  }
}

/** Width of a line up to the ink of its last glyph: a closing mark's blank half left out. */
function inkWidth(l: Line): number {
  const last = l.glyphs.at(-1);
  return last && NO_LINE_START.includes(last.text) ? last.x + last.width : l.width;
}

/**
 * Sets runs into lines of a width, aligned; a forced break (`\n`) starts a new paragraph of lines.
 * With `variants`, a justified paragraph of one piece is also set one line longer and one line
 * shorter where its lines stay good (breakLinesInto), for page breaking to choose from.
 */
export function setText(parts: Run[], width: number, s: TextStyle, ctx: LayoutContext, size: number, variants = false): { lines: Line[]; aligned: PlacedLine[]; variants?: Variant[] } {
  const pieces: Run[][] = [[]];
  for (const r of carryAnchors(parts)) {
    const chunks = r.text.split('\n');
    chunks.forEach((c, k) => { if (k > 0) pieces.push([]); if (c || r.style.image) pieces[pieces.length - 1].push({ ...r, text: c }); });
  }
  const pitch = ctx.geometry.pitch * s.leading;
  const hang = (s.hang ?? 0) * size;
  const justified = s.align === 'justify' && !s.display;
  const place = placer(s, width, hang, pitch, size);
  const all: Line[] = [];
  const aligned: PlacedLine[] = [];
  const filled = pieces.filter((p) => p.length);
  let others: Variant[] | undefined;
  for (const p of filled) {
    // Lines after a forced break (verse, addresses) keep the paragraph's indent, so that they align.
    const items = paragraphItems(faceRuns(p, ctx), ctx.metrics, { indent: s.indent, width });
    const lineWidth = (n: number) => (n === 0 ? width : width - hang);
    // What the breaks depend on: the same paragraph at the same measure breaks the same way.
    const made = s.display ? '' : `${width} ${hang} ${itemsKey(items)}`;
    const breaks = s.display
      ? displayBreaks(items, { first: width, rest: width - hang, inside: phraseBoundaries(items, p.map((r) => r.text).join('')) })
      : breaksOnce(ctx.metrics, `best ${made}`, () => breakLines(items, { lineWidth }));
    overfull(items, breaks, width, ctx);
    // Centred and flush-right lines are set at natural width; only justified text is stretched.
    const lines = setLines(items, justified ? breaks : breaks.map((b) => ({ ...b, ratio: Math.min(b.ratio, 0) })));
    aligned.push(...place(lines));
    all.push(...lines);
    if (variants && justified && filled.length === 1 && breaks.length > 1) {
      others = breaksOnce(ctx.metrics, `into ${breaks.length} ${made}`, () => breakLinesInto(items, { lineWidth }, [breaks.length + 1, breaks.length - 1]))
        .flatMap((other) => (other && other.length > 1 ? [laterVariant(p, other, s, width, ctx, pitch, place)] : []));
    }
  }
  return { lines: all, aligned, ...(others?.length ? { variants: others } : {}) };
}

/** Lines set in the measure, placed: aligned, the lines after the first hung, with their decorations. */
function placer(s: TextStyle, width: number, hang: number, pitch: number, size: number): (set: Line[]) => PlacedLine[] {
  const justified = s.align === 'justify' && !s.display;
  return (set) => set.map((l, n) => {
    // A flush-right line ending in a closing mark hangs the mark's blank half (optical alignment).
    const natural = s.align === 'right' ? inkWidth(l) : l.width;
    const x = (s.align === 'center' ? (width - natural) / 2 : s.align === 'right' ? width - natural : 0) + (n > 0 ? hang : 0);
    const baseline = pitch * 0.5 + size * 0.36;
    const marks = decorations(l.glyphs, baseline);
    return { glyphs: l.glyphs, x, height: pitch, baseline, width: natural, justified: justified && !l.last, ...(marks.length ? { marks } : {}) };
  });
}

/**
 * A paragraph set at other breaks, its lines set only if page breaking takes it: from the items
 * made again from its runs (the same, without the warnings told once). Made here, apart from
 * setText, so that what it keeps meanwhile is its runs and breaks, not the items and lines of
 * the paragraph as first set.
 */
function laterVariant(p: Run[], breaks: Break[], s: TextStyle, width: number, ctx: LayoutContext, pitch: number, place: (set: Line[]) => PlacedLine[]): Variant {
  return variant(breaks.map(() => pitch), () => place(setLines(paragraphItems(faceRuns(p, { ...ctx, warn: undefined }), ctx.metrics, { indent: s.indent, width }), breaks)));
}

export function block(lines: PlacedLine[], s: TextStyle, ctx: LayoutContext, tag: StructTag, extra: Partial<FlowBlock> = {}): FlowBlock {
  const pitch = ctx.geometry.pitch;
  return {
    lines, spaceBefore: s.before * pitch, spaceAfter: s.after * pitch, orphans: 2, widows: 2,
    keepWithNext: false, tag, body: false, anchors: [], ...extra,
  };
}

/** A paragraph or heading as one flow block. */
export function textBlock(inlines: Inline[], s: TextStyle, ctx: LayoutContext, tag: StructTag, extra: Partial<FlowBlock> = {}, inset = 0): FlowBlock {
  const size = ctx.geometry.size * s.scale;
  const indentPts = (s.inset * size) + inset;
  const width = ctx.geometry.measure - 2 * s.inset * size - inset;
  const { aligned, variants } = setText(runs(inlines, { weight: s.weight, size }), width, s, ctx, size, extra.body === true);
  for (const l of aligned) l.x += indentPts;
  const indented = variants?.map((v) => variant(v.heights, () => v.lines().map((l) => { l.x += indentPts; return l; })));
  return block(aligned, s, ctx, tag, { ...extra, ...(indented ? { variants: indented } : {}) });
}


/**
 * A display text set on its own (a running head): centred, broken between phrases into balanced
 * lines only if it is wider than `width`, with the spacing of any line (Han–Latin gaps).
 */
export function displayLines(text: string, width: number, size: number, ctx: LayoutContext): PlacedLine[] {
  const s: TextStyle = { ...BODY, indent: 0, align: 'center', display: true };
  return setText(runs([{ type: 'text', text }], { weight: 'regular', size }), width, s, ctx, size).aligned;
}
