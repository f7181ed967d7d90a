// Setting text: inline runs → placed lines, in a style chosen by the block's place in the book.
// Each piece of text is measured, broken into lines (Knuth–Plass with the Chinese rules of
// items.ts) and aligned. Every block layout (layout.ts, blocks/*) sets its text through here.
import type { FontSet } from '../../fonts/index.ts';
import type { Block, ImageResource, Inline } from '../../model/types.ts';
import type { FlowBlock, PlacedLine, StructTag } from './flow.ts';
import { paragraphItems, type Run, type Style } from './items.ts';
import { breakLines } from './linebreak.ts';
import type { Diagnostic } from '../../diagnostics.ts';
import type { Metrics } from './measure.ts';
import type { Geometry } from './page.ts';
import { setLines, type Line } from './setline.ts';

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

/** Inline runs with styles; note marks become small raised runs linked to their note. */
export function runs(inlines: Inline[], style: Style, weight = style.weight): Run[] {
  return inlines.flatMap((i): Run[] => {
    switch (i.type) {
      case 'text': return [{ text: i.text, style: { ...style, weight } }];
      case 'strong': return runs(i.children, style, 'bold');
      case 'emph': case 'link': return runs(i.children, style, weight);
      case 'noteref': return [{ text: i.label, style: { ...style, weight, size: style.size * 0.6, rise: style.size * 0.45, link: i.note } }];
      case 'break': return [{ text: '\n', style }];
      default: return [];
    }
  });
}

/** Sets runs into lines of a width, aligned; a forced break (`\n`) starts a new paragraph of lines. */
export function setText(parts: Run[], width: number, s: TextStyle, ctx: LayoutContext, size: number): { lines: Line[]; aligned: PlacedLine[] } {
  const pieces: Run[][] = [[]];
  for (const r of parts) {
    const chunks = r.text.split('\n');
    chunks.forEach((c, k) => { if (k > 0) pieces.push([]); if (c) pieces[pieces.length - 1].push({ ...r, text: c }); });
  }
  const pitch = ctx.geometry.pitch * s.leading;
  const all: Line[] = [];
  const aligned: PlacedLine[] = [];
  pieces.filter((p) => p.length).forEach((p, k) => {
    const items = paragraphItems(p, ctx.metrics, { indent: k === 0 ? s.indent : 0 });
    const breaks = breakLines(items, { lineWidth: () => width });
    // Centred and flush-right lines are set at natural width; only justified text is stretched.
    const lines = setLines(items, s.align === 'justify' ? breaks : breaks.map((b) => ({ ...b, ratio: Math.min(b.ratio, 0) })));
    for (const l of lines) {
      const natural = l.width;
      const x = s.align === 'center' ? (width - natural) / 2 : s.align === 'right' ? width - natural : 0;
      aligned.push({ glyphs: l.glyphs, x, height: pitch, baseline: pitch * 0.5 + size * 0.36, width: natural, justified: s.align === 'justify' && !l.last });
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

