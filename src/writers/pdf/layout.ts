// Layout: document model → flow. Each block is measured, broken into lines (Knuth–Plass with the
// Chinese rules of items.ts) and set; styles are chosen by the block's role in the book.
import type { Block, Inline, ListItem, Part } from '../../model/types.ts';
import { plainText } from '../../model/types.ts';
import type { FlowBlock, PartFlow, PlacedLine, StructTag } from './flow.ts';
import { paragraphItems, type Run, type Style } from './items.ts';
import { breakLines } from './linebreak.ts';
import type { Metrics } from './measure.ts';
import type { Geometry } from './page.ts';
import { setLines, type Line } from './setline.ts';
import { LABELS } from '../labels.ts';

type Align = 'justify' | 'center' | 'right' | 'left';

interface TextStyle {
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

const BODY: TextStyle = { weight: 'regular', scale: 1, leading: 1, align: 'justify', indent: 2, inset: 0, before: 0, after: 0 };

/** Styles by context: `role/kind` of the container and the block type. */
const STYLES: Record<string, Partial<TextStyle>> = {
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

function styleFor(context: string[], type: string): TextStyle {
  const keys = [type, ...context.map((c) => `${c}/${type}`)];
  return keys.reduce<TextStyle>((s, k) => ({ ...s, ...(STYLES[k] ?? {}) }), { ...BODY });
}

export interface LayoutContext {
  metrics: Metrics;
  geometry: Geometry;
}

/** Inline runs with styles; note marks become small raised runs linked to their note. */
function runs(inlines: Inline[], style: Style, weight = style.weight): Run[] {
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
function setText(parts: Run[], width: number, s: TextStyle, ctx: LayoutContext, size: number): { lines: Line[]; aligned: PlacedLine[] } {
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

function block(lines: PlacedLine[], s: TextStyle, ctx: LayoutContext, tag: StructTag, extra: Partial<FlowBlock> = {}): FlowBlock {
  const pitch = ctx.geometry.pitch;
  return {
    lines, spaceBefore: s.before * pitch, spaceAfter: s.after * pitch, orphans: 2, widows: 2,
    keepWithNext: false, tag, body: false, anchors: [], ...extra,
  };
}

/** A paragraph or heading as one flow block. */
function textBlock(inlines: Inline[], s: TextStyle, ctx: LayoutContext, tag: StructTag, extra: Partial<FlowBlock> = {}, inset = 0): FlowBlock {
  const size = ctx.geometry.size * s.scale;
  const indentPts = (s.inset * size) + inset;
  const width = ctx.geometry.measure - 2 * s.inset * size - inset;
  const { aligned } = setText(runs(inlines, { weight: s.weight, size }), width, s, ctx, size);
  for (const l of aligned) l.x += indentPts;
  return block(aligned, s, ctx, tag, extra);
}

/** Signatories side by side: office over name, each column centred in its share of the measure. */
function signatures(items: ListItem[], ctx: LayoutContext, s: TextStyle): FlowBlock {
  const size = ctx.geometry.size * s.scale;
  const col = ctx.geometry.measure / Math.max(1, items.length);
  const columns = items.map((item, i) => {
    const inl = item.blocks.flatMap((b) => (b.type === 'para' ? b.children : []));
    const { aligned } = setText(runs(inl, { weight: 'regular', size }), col, { ...s, align: 'center', indent: 0 }, ctx, size);
    return aligned.map((l) => ({ ...l, x: l.x + i * col }));
  });
  const rows = Math.max(...columns.map((c) => c.length));
  const lines: PlacedLine[] = Array.from({ length: rows }, (_, r) => {
    const cells = columns.map((c) => c[r]).filter(Boolean);
    return { ...cells[0], x: 0, width: ctx.geometry.measure, justified: false, glyphs: cells.flatMap((c) => c.glyphs.map((g) => ({ ...g, x: g.x + c.x }))) };
  });
  return block(lines, { ...s, before: 1.2, after: 0.2 }, ctx, 'P', { orphans: rows, widows: rows });
}

/** A list: each item's first paragraph after its marker, the rest hanging under it. */
function list(b: Extract<Block, { type: 'list' }>, context: string[], ctx: LayoutContext): FlowBlock[] {
  const s = styleFor(context, 'list');
  const size = ctx.geometry.size * s.scale;
  const hang = 2 * size;
  const group = { tag: 'L' as const, key: b };
  return b.items.flatMap((item, n) => item.blocks.flatMap((child, k): FlowBlock[] => {
    if (child.type !== 'para') return blocks([child], context, ctx);
    const fb = textBlock(child.children, { ...s, indent: 0 }, ctx, k === 0 ? 'LI' : 'P', k === 0 ? { group, labelled: true } : {}, hang);
    if (k === 0 && fb.lines[0]) {
      const marker = b.ordered ? `${n + 1}.` : LABELS.bullet;
      const mw = ctx.metrics.advance(marker, 'regular') * size;
      fb.lines[0].glyphs.unshift({ text: marker, x: b.ordered ? -hang + hang * 0.85 - mw : -hang + (hang - mw) / 2, width: mw, style: { weight: 'regular', size } });
    }
    fb.spaceAfter = 0.15 * ctx.geometry.pitch;
    return [fb];
  }));
}

function blocks(list_: Block[], context: string[], ctx: LayoutContext): FlowBlock[] {
  return list_.flatMap((b): FlowBlock[] => {
    switch (b.type) {
      case 'heading': {
        const s = styleFor(context, `h${Math.min(b.level, 2)}`);
        const tag: StructTag = b.level === 1 ? 'H1' : b.level === 2 ? 'H2' : 'H3';
        return [textBlock(b.children, s, ctx, tag, { keepWithNext: true, anchors: [b.id], orphans: 99, widows: 99, outline: { title: plainText(b.children), level: b.level } })];
      }
      case 'para': {
        const s = styleFor(context, 'para');
        return [textBlock(b.children, s, ctx, 'P', { body: context.includes('text') })];
      }
      case 'list': return context.at(-1) === 'signatures' ? [signatures(b.items, ctx, styleFor(context, 'para'))] : list(b, context, ctx);
      case 'div': return blocks(b.children, [...context, b.role], ctx);
      case 'note': {
        const s = styleFor([...context, 'note'], 'para');
        const [first, ...rest] = b.children;
        const label: Inline[] = [{ type: 'text', text: `${b.label}　` }];
        const head = first?.type === 'para' ? [textBlock([...label, ...first.children], s, ctx, 'Note', { anchors: [b.id] })] : [];
        return [...head, ...blocks(rest, [...context, 'note'], ctx)];
      }
      default: return [];
    }
  });
}

/** A rule above the notes of a part: an empty line block drawn as a short line by the painter. */
function notesSeparator(ctx: LayoutContext): FlowBlock {
  const rule: PlacedLine = { glyphs: [], rule: 6 * ctx.geometry.size, x: 0, height: ctx.geometry.pitch * 0.8, baseline: ctx.geometry.pitch * 0.5, width: 0, justified: false };
  return { lines: [rule], spaceBefore: ctx.geometry.pitch, spaceAfter: 0, orphans: 1, widows: 1, keepWithNext: true, tag: 'Div', body: false, anchors: [] };
}

export function layoutPart(part: Part, ctx: LayoutContext): PartFlow {
  const main = part.blocks.filter((b) => b.type !== 'note');
  const notes = part.blocks.filter((b) => b.type === 'note');
  const flow = [...blocks(main, [part.kind], ctx), ...(notes.length ? [notesSeparator(ctx), ...blocks(notes, [part.kind], ctx)] : [])];
  const front = part.kind === 'titlepage' || part.kind === 'frontmatter' || part.kind === 'toc';
  return {
    id: part.id, kind: part.kind, title: part.title, runningHead: part.title,
    frontMatter: front, recto: part.kind !== 'colophon', startAt: part.kind === 'titlepage' ? 0.25 : part.kind === 'colophon' ? 0.45 : 0, blocks: flow,
  };
}

/** The table of contents: one entry per part after it, the page number and leaders left to the painter. */
export function layoutToc(part: Part, parts: Part[], ctx: LayoutContext): PartFlow {
  const size = ctx.geometry.size;
  const title = textBlock([{ type: 'text', text: part.title }], styleFor([], 'h1'), ctx, 'H1', { keepWithNext: true, anchors: [part.id], outline: { title: part.title, level: 1 } });
  const numberRoom = 4 * size;
  const toc = { tag: 'TOC' as const, key: part };
  const entries = parts.filter((p) => p.kind !== 'titlepage' && p.kind !== 'toc').map((p) => {
    const s: TextStyle = { ...BODY, indent: 0, align: 'left', before: p.kind === 'document' ? 0.2 : 0.5 };
    const { aligned } = setText(runs([{ type: 'text', text: p.title }], { weight: 'regular', size }), ctx.geometry.measure - numberRoom, { ...s, align: 'justify' }, ctx, size);
    aligned[aligned.length - 1].tocTarget = p.id;
    for (const l of aligned) l.justified = false;
    return block(aligned, s, ctx, 'TOCI', { orphans: aligned.length, widows: aligned.length, group: toc });
  });
  return { id: part.id, kind: part.kind, title: part.title, runningHead: part.title, frontMatter: true, recto: true, startAt: 0, blocks: [title, ...entries] };
}
