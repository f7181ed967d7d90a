// Layout: document model → flow. Each block type has its layout: text blocks here, the others
// in blocks/ (lists, quotes, code, tables, figures); text is set through text.ts.
import type { Diagnostic } from '../../diagnostics.ts';
import type { Block, ListItem, Part } from '../../model/types.ts';
import { plainText, visitBlocks } from '../../model/types.ts';
import { variant, type FlowBlock, type Mark, type PartFlow, type PlacedLine, type StructTag } from './flow.ts';
import type { Style } from './items.ts';
import { LABELS } from '../labels.ts';
import { BODY, block, noteRefAnchor, runs, setText, styleFor, textBlock, type LayoutContext, type TextStyle } from './text.ts';
import { layoutCode } from './blocks/code.ts';
import { layoutFigure } from './blocks/figure.ts';
import { layoutList } from './blocks/list.ts';
import { layoutQuote } from './blocks/quote.ts';
import { layoutTable } from './blocks/table.ts';
import { noteRefs, splitNotes } from './footnotes.ts';

/**
 * Signatories side by side: office over name, each column centred in its share of the measure.
 * One line box holds all rows (lower rows lowered by a baseline shift), so that the text is
 * drawn, and read, signatory by signatory: office then name, not across the row.
 */
function signatures(items: ListItem[], ctx: LayoutContext, s: TextStyle): FlowBlock {
  const size = ctx.geometry.size * s.scale;
  const col = ctx.geometry.measure / Math.max(1, items.length);
  const columns = items.map((item, i) => {
    const inl = item.blocks.flatMap((b) => (b.type === 'para' ? b.children : []));
    const { aligned } = setText(runs(inl, { weight: 'regular', size }), col, { ...s, align: 'center', indent: 0 }, ctx, size);
    return aligned.map((l) => ({ ...l, x: l.x + i * col }));
  });
  const rows = Math.max(...columns.map((c) => c.length));
  const first = columns.flat()[0];
  const glyphs = columns.flatMap((c) => c.flatMap((l, r) => l.glyphs.map((g) => ({ ...g, x: g.x + l.x, style: { ...g.style, rise: (g.style.rise ?? 0) - r * l.height } }))));
  const line: PlacedLine = { ...first, x: 0, width: ctx.geometry.measure, justified: false, height: first.height * rows, glyphs };
  return block([line], { ...s, before: 1.2, after: 0.2 }, ctx, 'P', { orphans: 1, widows: 1 });
}

/** Roles of the blocks that close a document and stay on one page with the blocks after them. */
const CLOSING = ['signatures', 'dateplace'];

/** A copy of a laid-out block that its container may change (move its lines, add marks or a label) without changing the one kept. */
const copyLine = (l: PlacedLine): PlacedLine => ({ ...l, glyphs: [...l.glyphs] });
const copyBlock = (f: FlowBlock): FlowBlock => ({ ...f, lines: f.lines.map(copyLine), ...(f.variants ? { variants: f.variants.map((v) => variant(v.heights, () => v.lines().map(copyLine))) } : {}) });

/**
 * A paragraph or heading set by `make`, or taken from `ctx.laidBlocks` (the warnings its layout
 * gave told again) when the same block was set before in the same context and measure: a part
 * laid out again after a small edit (`wenji watch`) sets again only what changed. A block that
 * shows an image is always set (the image file may have changed under it).
 */
function reuse(b: Block, context: string[], ctx: LayoutContext, make: () => FlowBlock): FlowBlock[] {
  const kept = ctx.laidBlocks;
  const key = kept && JSON.stringify([context, ctx.geometry.measure, b]);
  if (!kept || !key || key.includes('"type":"image"')) return [make()];
  let entry = kept.get(key);
  if (entry) entry.warnings.forEach((d) => ctx.warn?.(d));
  else {
    const warnings: Diagnostic[] = [];
    const tell = ctx.warn;
    ctx.warn = (d) => { warnings.push(d); tell?.(d); };
    try {
      entry = { flows: [make()], warnings };
    } finally {
      ctx.warn = tell;
    }
    kept.set(key, entry);
  }
  return entry.flows.map(copyBlock);
}

function blocks(list_: Block[], context: string[], outer: LayoutContext): FlowBlock[] {
  return list_.flatMap((b): FlowBlock[] => {
    const ctx = { ...outer, at: b.pos };
    switch (b.type) {
      case 'heading': return reuse(b, context, ctx, () => {
        const level = Math.min(Math.max(b.level, 1), 6);
        const s = styleFor(context, `h${level}`);
        const tag = `H${level}` as StructTag;
        return textBlock(b.children, s, ctx, tag, { keepWithNext: true, anchors: [b.id], orphans: 99, widows: 99, outline: { title: plainText(b.children), level: b.level } });
      });
      case 'para': return reuse(b, context, ctx, () => textBlock(b.children, styleFor(context, 'para'), ctx, 'P', { body: context.includes('text') }));
      case 'list': return context.at(-1) === 'signatures' ? [signatures(b.items, ctx, styleFor(context, 'para'))] : layoutList(b, context, ctx, blocks);
      case 'quote': return layoutQuote(b, context, ctx, blocks);
      case 'code': return layoutCode(b, context, ctx);
      case 'table': return layoutTable(b, context, ctx);
      case 'figure': return layoutFigure(b, context, ctx);
      case 'div': {
        const inner = blocks(b.children, [...context, b.role], ctx);
        // A closing (signatures, date and place) is kept with what follows it: the dateline.
        if (CLOSING.includes(b.role) && inner.length) inner[inner.length - 1].keepWithNext = true;
        return inner;
      }
      case 'note': return note(b, context, ctx);
      case 'rule': return [ornament(ctx)];
    }
  });
}

/**
 * A note: its label hanging in the margin of its first paragraph, marked as a label (not text)
 * and linked back to the (first) mark that refers to it; the note itself is the destination of
 * its marks. Every block of a note is tagged Note, so that its text is known for a note's
 * wherever the page puts it.
 */
function note(b: Extract<Block, { type: 'note' }>, context: string[], ctx: LayoutContext): FlowBlock[] {
  const s = styleFor([...context, 'note'], 'para');
  const size = ctx.geometry.size * s.scale;
  const hang = 2 * size;
  const [first, ...rest] = b.children;
  const more = blocks(first?.type === 'para' ? rest : b.children, [...context, 'note'], ctx);
  for (const m of more) { m.tag = 'Note'; m.group = undefined; m.labelled = false; }
  // An apparatus entry at the page's foot: no label, its line number first and its lines after the first hanging, as in the 校勘记.
  if (b.apparatus && first?.type === 'para') return [textBlock(first.children, { ...s, indent: 0, hang: 2 }, ctx, 'Note', { anchors: [b.id] }), ...more];
  const head = first?.type === 'para'
    ? textBlock(first.children, s, ctx, 'Note', { anchors: [b.id] }, hang)
    : block([{ glyphs: [], x: hang, height: ctx.geometry.pitch * s.leading, baseline: ctx.geometry.pitch * s.leading * 0.5 + size * 0.36, width: 0, justified: false }], s, ctx, 'Note', { anchors: [b.id] });
  const labelStyle: Style = { weight: 'regular', size, link: noteRefAnchor(b.id), label: true };
  const w = ctx.metrics.advance(b.label, 'regular') * size;
  head.lines[0]?.glyphs.unshift({ text: b.label, x: -hang, width: w, style: labelStyle });
  return [head, ...more];
}

/** A thematic break: three dots centred in a line of its own, with space around. */
function ornament(ctx: LayoutContext): FlowBlock {
  const { size, pitch, measure } = ctx.geometry;
  const marks: Mark[] = [-1.5, 0, 1.5].map((k) => ({ kind: 'dot', x: measure / 2 + k * size, y: pitch * 0.5, r: size * 0.1 }));
  const line: PlacedLine = { glyphs: [], x: 0, height: pitch, baseline: pitch * 0.5, width: 0, justified: false, marks };
  return { lines: [line], spaceBefore: pitch * 0.4, spaceAfter: pitch * 0.4, orphans: 1, widows: 1, keepWithNext: false, tag: 'Div', body: false, anchors: [] };
}

/** A rule above the notes of a part that no mark refers to, set at the part's end. */
function notesSeparator(ctx: LayoutContext): FlowBlock {
  const rule: PlacedLine = { glyphs: [], rule: 6 * ctx.geometry.size, x: 0, height: ctx.geometry.pitch * 0.8, baseline: ctx.geometry.pitch * 0.5, width: 0, justified: false };
  return { lines: [rule], spaceBefore: ctx.geometry.pitch, spaceAfter: 0, orphans: 1, widows: 1, keepWithNext: true, tag: 'Div', body: false, anchors: [] };
}

/** Ids of the notes whose marks stand in blocks. */
function marked(flow: FlowBlock[]): Set<string> {
  return new Set(flow.flatMap((b) => b.lines.flatMap(noteRefs)));
}

/**
 * A part: its flow, and its notes apart, each set at the foot of the page of its mark (notes
 * marked in other notes follow them there). A note no mark refers to is set at the part's end.
 */
export function layoutPart(part: Part, ctx: LayoutContext): PartFlow {
  const split = splitNotes(part.blocks);
  // Each flow block knows the top-level block it comes from (pagemap.ts: the EPUB's page-list).
  // The flow keeps the part's blocks in order less its notes; a note inside a container has none.
  const tops = part.blocks.flatMap((b, i) => (b.type === 'note' ? [] : [i]));
  const from = (made: FlowBlock[], block: number) => (block < 0 ? made : made.map((f) => Object.assign(f, { origin: { block } })));
  const flow = split.flow.flatMap((b, k) => from(blocks([b], [part.kind], ctx), tops[k]));
  const notes = split.notes.map((b) => ({ id: b.id, blocks: from(blocks([b], [part.kind], ctx), part.blocks.indexOf(b)) }));
  const inNotes = marked(notes.flatMap((n) => n.blocks));
  const inFlow = marked(flow);
  const footnotes = notes.filter((n) => inFlow.has(n.id) || inNotes.has(n.id));
  const unmarked = notes.filter((n) => !footnotes.includes(n)).flatMap((n) => n.blocks);
  const front = part.kind === 'titlepage' || part.kind === 'frontmatter' || part.kind === 'toc';
  return {
    id: part.id, kind: part.kind, title: part.title, runningHead: part.shortTitle ?? part.title,
    frontMatter: front, recto: part.kind !== 'colophon', startAt: part.kind === 'titlepage' ? 0.25 : part.kind === 'colophon' ? 0.45 : 0,
    blocks: [...flow, ...(unmarked.length ? [notesSeparator(ctx), ...unmarked] : [])], notes: footnotes,
  };
}

/** The headings of a part listed in the contents: down to `depth`, the part's own title (its first h1) aside; notes aside. */
export function tocHeadings(part: Part, depth: number): { id: string; title: string; level: number }[] {
  const out: { id: string; title: string; level: number }[] = [];
  let first = true;
  visitBlocks(part.blocks, (b, context) => {
    if (b.type !== 'heading' || context.includes('note')) return;
    if (!(first && b.level === 1) && b.level <= depth) out.push({ id: b.id, title: plainText(b.children), level: b.level });
    first = false;
  });
  return out;
}

/**
 * The table of contents: one entry per part after it, and under each its headings down to
 * `depth` (indented by level); the page numbers and leaders are left to the painter.
 */
export function layoutToc(part: Part, parts: Part[], ctx: LayoutContext, depth = 1): PartFlow {
  const size = ctx.geometry.size;
  const title = textBlock([{ type: 'text', text: part.title }], styleFor([], 'h1'), ctx, 'H1', { keepWithNext: true, anchors: [part.id], outline: { title: part.title, level: 1 } });
  const numberRoom = 4 * size;
  const toc = { tag: 'TOC' as const, key: part };
  const entry = (text: string, target: string, before: number, level: number) => {
    // Broken between phrases into balanced lines; the lines after the first hang one em further in.
    const s: TextStyle = { ...BODY, indent: 0, align: 'left', before, display: true, hang: 1 };
    const inset = Math.max(0, level - 1) * size;
    const { aligned } = setText(runs([{ type: 'text', text }], { weight: 'regular', size }), ctx.geometry.measure - numberRoom - inset, s, ctx, size);
    for (const l of aligned) l.x += inset;
    aligned[aligned.length - 1].tocTarget = target;
    return block(aligned, s, ctx, 'TOCI', { orphans: aligned.length, widows: aligned.length, group: toc });
  };
  const entries = parts.filter((p) => p.kind !== 'titlepage' && p.kind !== 'toc').flatMap((p) => [
    entry(p.title, p.id, p.kind === 'document' ? 0.2 : 0.5, 1),
    ...tocHeadings(p, depth).map((h) => entry(h.title, h.id, 0, Math.max(2, h.level))),
  ]);
  return { id: part.id, kind: part.kind, title: part.title, runningHead: part.title, frontMatter: true, recto: true, startAt: 0, blocks: [title, ...entries] };
}
