// Layout: document model → flow. Each block type has its layout: text blocks here, the others
// in blocks/ (lists, quotes, code, tables, figures); text is set through text.ts.
import type { Block, Inline, ListItem, Part } from '../../model/types.ts';
import { plainText } from '../../model/types.ts';
import type { FlowBlock, PartFlow, PlacedLine, StructTag } from './flow.ts';
import { LABELS } from '../labels.ts';
import { BODY, block, runs, setText, styleFor, textBlock, type LayoutContext, type TextStyle } from './text.ts';
import { layoutCode } from './blocks/code.ts';
import { layoutFigure } from './blocks/figure.ts';
import { layoutList } from './blocks/list.ts';
import { layoutQuote } from './blocks/quote.ts';
import { layoutTable } from './blocks/table.ts';

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
      case 'list': return context.at(-1) === 'signatures' ? [signatures(b.items, ctx, styleFor(context, 'para'))] : layoutList(b, context, ctx, blocks);
      case 'quote': return layoutQuote(b, context, ctx, blocks);
      case 'code': return layoutCode(b, context, ctx);
      case 'table': return layoutTable(b, context, ctx);
      case 'figure': return layoutFigure(b, context, ctx);
      case 'div': return blocks(b.children, [...context, b.role], ctx);
      case 'note': {
        const s = styleFor([...context, 'note'], 'para');
        const [first, ...rest] = b.children;
        const label: Inline[] = [{ type: 'text', text: `${b.label}　` }];
        const head = first?.type === 'para' ? [textBlock([...label, ...first.children], s, ctx, 'Note', { anchors: [b.id] })] : [];
        return [...head, ...blocks(rest, [...context, 'note'], ctx)];
      }
      case 'rule': return [];
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
