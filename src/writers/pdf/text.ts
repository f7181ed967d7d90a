// Setting text: inline runs → placed lines, in a style chosen by the block's place in the book.
// Each piece of text is measured, broken into lines (Knuth–Plass with the Chinese rules of
// items.ts) and aligned. Every block layout (layout.ts, blocks/*) sets its text through here.
import { isHan } from '../../cjk/chars.ts';
import type { FaceRequest, FontSet } from '../../fonts/index.ts';
import { plainText, type Block, type ImageResource, type Inline } from '../../model/types.ts';
import type { FlowBlock, Mark, PlacedLine, StructTag } from './flow.ts';
import { paragraphItems, type Run, type Style } from './items.ts';
import { breakLines } from './linebreak.ts';
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
}

export const BODY: TextStyle = { weight: 'regular', scale: 1, leading: 1, align: 'justify', indent: 2, inset: 0, before: 0, after: 0 };

/** Styles by context: `role/kind` of the container and the block type. */
export const STYLES: Record<string, Partial<TextStyle>> = {
  'h1': { weight: 'bold', scale: 1.45, leading: 1.45, align: 'center', indent: 0, before: 1, after: 0.6 },
  'h2': { weight: 'bold', scale: 1.15, leading: 1.2, align: 'center', indent: 0, before: 0.8, after: 0.3 },
  // Below h2, headings stand at the left, each a step smaller or lighter, with less space around.
  'h3': { weight: 'bold', scale: 1.08, leading: 1.1, align: 'left', indent: 0, before: 0.6, after: 0.2 },
  'h4': { weight: 'bold', scale: 1, leading: 1, align: 'left', indent: 0, before: 0.5, after: 0.1 },
  'h5': { weight: 'bold', scale: 0.95, leading: 1, align: 'left', indent: 2, before: 0.4, after: 0 },
  'h6': { weight: 'regular', scale: 0.9, leading: 1, align: 'left', indent: 2, before: 0.4, after: 0 },
  'text/h2': { weight: 'bold', scale: 1, leading: 1, align: 'center', indent: 0, before: 0.5, after: 0 },
  'titlepage/h1': { weight: 'bold', scale: 2, leading: 2, align: 'center', indent: 0, before: 0, after: 1 },
  'subtitle/para': { scale: 1.15, align: 'center', indent: 0 },
  'byline/para': { scale: 1.1, align: 'center', indent: 0, before: 3 },
  'imprint/para': { scale: 1.1, align: 'center', indent: 0, before: 6 },
  'colophon/h1': { weight: 'bold', scale: 1.15, leading: 1.2, align: 'center', indent: 0, before: 0, after: 0.8 },
  'colophon/para': { scale: 0.9, leading: 0.95, align: 'center', indent: 0 },
  'docdate/para': { align: 'center', indent: 0, after: 0.6 },
  'gap/para': { scale: 0.9, leading: 0.9, indent: 0, inset: 2, before: 0.4, after: 0.4 },
  'dateplace/para': { align: 'right', indent: 0, before: 0.5 },
  'dateline/para': { align: 'right', indent: 0 },
  'note/para': { scale: 0.85, leading: 0.85, indent: 0 },
  'sourcenote/para': { scale: 0.92, leading: 0.92 },
  'sourcenote/list': { scale: 0.92, leading: 0.92, indent: 0 },
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
      case 'anchor': return [{ text: '', style: { ...s, anchor: i.id } }];
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

/**
 * The marks a line's styles ask for, relative to the line box: a dot centred under each Han
 * character of emphasis, below the baseline (clreq 着重号); a rule through struck text; a light
 * ground behind inline code; a thin grey rule under link text, so that a reader sees what is live.
 */
function decorations(glyphs: Glyph[], baseline: number): Mark[] {
  const marks: Mark[] = [];
  const y = (g: Glyph, em: number) => baseline - (g.style.rise ?? 0) + em * g.style.size;
  for (const g of glyphs) if (g.style.emph && isHan(g.text)) marks.push({ kind: 'dot', x: g.x + g.width / 2, y: y(g, 0.3), r: g.style.size * 0.08 });
  for (const s of spans(glyphs, (g) => g.style.strike)) {
    const last = s[s.length - 1];
    marks.push({ kind: 'line', x1: s[0].x, y1: y(s[0], -0.3), x2: last.x + last.width, y2: y(s[0], -0.3), width: s[0].style.size * 0.05 });
  }
  for (const s of spans(glyphs, (g) => g.style.code)) {
    const last = s[s.length - 1];
    const em = s[0].style.size;
    marks.push({ kind: 'rect', x: s[0].x - em * 0.15, y: y(s[0], -0.85), w: last.x + last.width - s[0].x + em * 0.3, h: em * 1.1, width: 0, fill: true, gray: 0.93 });
  }
  for (const s of spans(glyphs, (g) => g.style.href)) {
    const last = s[s.length - 1];
    marks.push({ kind: 'line', x1: s[0].x, y1: y(s[0], 0.16), x2: last.x + last.width, y2: y(s[0], 0.16), width: 0.3, gray: 0.55 });
  }
  return marks;
}

/** Sets runs into lines of a width, aligned; a forced break (`\n`) starts a new paragraph of lines. */
export function setText(parts: Run[], width: number, s: TextStyle, ctx: LayoutContext, size: number): { lines: Line[]; aligned: PlacedLine[] } {
  const pieces: Run[][] = [[]];
  for (const r of carryAnchors(parts)) {
    const chunks = r.text.split('\n');
    chunks.forEach((c, k) => { if (k > 0) pieces.push([]); if (c || r.style.image) pieces[pieces.length - 1].push({ ...r, text: c }); });
  }
  const pitch = ctx.geometry.pitch * s.leading;
  const all: Line[] = [];
  const aligned: PlacedLine[] = [];
  pieces.filter((p) => p.length).forEach((p) => {
    // Lines after a forced break (verse, addresses) keep the paragraph's indent, so that they align.
    const items = paragraphItems(faceRuns(p, ctx), ctx.metrics, { indent: s.indent, width });
    const breaks = breakLines(items, { lineWidth: () => width });
    // Centred and flush-right lines are set at natural width; only justified text is stretched.
    const lines = setLines(items, s.align === 'justify' ? breaks : breaks.map((b) => ({ ...b, ratio: Math.min(b.ratio, 0) })));
    for (const l of lines) {
      const natural = l.width;
      const x = s.align === 'center' ? (width - natural) / 2 : s.align === 'right' ? width - natural : 0;
      const baseline = pitch * 0.5 + size * 0.36;
      const marks = decorations(l.glyphs, baseline);
      aligned.push({ glyphs: l.glyphs, x, height: pitch, baseline, width: natural, justified: s.align === 'justify' && !l.last, ...(marks.length ? { marks } : {}) });
      all.push(l);
    }
  });
  return { lines: all, aligned };
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
  const { aligned } = setText(runs(inlines, { weight: s.weight, size }), width, s, ctx, size);
  for (const l of aligned) l.x += indentPts;
  return block(aligned, s, ctx, tag, extra);
}

