// Markdown (rendered templates) → blocks of the document model, through markdown-it's tokens.
// Containers (`::: role`) become divs, footnotes (`[^id]`) become notes. Raw HTML is refused:
// both writers must understand every block.
import MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';
import container from 'markdown-it-container';
import footnote from 'markdown-it-footnote';
import { fail } from '../diagnostics.ts';
import { isCjk } from '../cjk/chars.ts';
import type { Block, Inline, ListItem, Pos } from './types.ts';

const ROLE = /^[a-z][a-z-]*$/u;

function markdown() {
  const md = new MarkdownIt('commonmark', { html: false, typographer: false }).use(footnote);
  // One generic container rule: any `::: role` opens a div of that role.
  md.use(container, 'div', { validate: (params: string) => ROLE.test(params.trim()) });
  md.disable(['code', 'html_block', 'html_inline']);
  return md;
}

const md = markdown();

/** Note labels are plain numbers, set as superscripts by the writers (the font has no circled digits). */
export function noteLabel(n: number): string {
  return String(n);
}

/** markdown-it-footnote keeps the note's index in the token's meta. */
function footnoteIndex(t: Token): number {
  return (t.meta as { id: number }).id;
}

interface Ctx {
  file: string;
  lineOffset: number;
  idPrefix: string;
  headings: number;
  /** markdown-it's footnote index → our note id and label. */
  notes: Map<number, { id: string; label: string }>;
}

function noteOf(ctx: Ctx, index: number): { id: string; label: string } {
  let n = ctx.notes.get(index);
  if (!n) ctx.notes.set(index, (n = { id: `${ctx.idPrefix}-note${index + 1}`, label: noteLabel(index + 1) }));
  return n;
}

/** A soft line break is a space only between two Latin characters; Chinese text joins directly. */
function softBreak(prev: Inline | undefined, next: Token | undefined): string {
  const before = prev?.type === 'text' ? prev.text.slice(-1) : '';
  const after = next?.type === 'text' ? next.content.slice(0, 1) : '';
  return before && after && !isCjk(before) && !isCjk(after) ? ' ' : '';
}

function inlines(tokens: Token[], ctx: Ctx): Inline[] {
  const stack: Inline[][] = [[]];
  const open: Inline[] = [];
  const push = (i: Inline) => {
    const top = stack[stack.length - 1];
    const last = top[top.length - 1];
    if (i.type === 'text' && last?.type === 'text') last.text += i.text;
    else if (i.type !== 'text' || i.text) top.push(i);
  };
  tokens.forEach((t, k) => {
    switch (t.type) {
      case 'text': case 'code_inline': push({ type: 'text', text: t.content }); break;
      case 'softbreak': { const top = stack[stack.length - 1]; push({ type: 'text', text: softBreak(top[top.length - 1], tokens[k + 1]) }); break; }
      case 'hardbreak': push({ type: 'break' }); break;
      case 'footnote_ref': { const n = noteOf(ctx, footnoteIndex(t)); push({ type: 'noteref', note: n.id, label: n.label }); break; }
      case 'em_open': case 'strong_open': case 'link_open': {
        const node: Inline = t.type === 'em_open' ? { type: 'emph', children: [] } : t.type === 'strong_open' ? { type: 'strong', children: [] } : { type: 'link', href: String(t.attrGet('href') ?? ''), children: [] };
        push(node);
        open.push(node);
        stack.push((node as { children: Inline[] }).children);
        break;
      }
      case 'em_close': case 'strong_close': case 'link_close': stack.pop(); open.pop(); break;
      default: break;
    }
  });
  return stack[0];
}

/** Parses the blocks between `from` and the matching close (or the end). */
function blocks(tokens: Token[], from: number, until: number, ctx: Ctx): Block[] {
  const out: Block[] = [];
  for (let i = from; i < until; i++) {
    const t = tokens[i];
    const pos: Pos = { file: ctx.file, line: ctx.lineOffset + (t.map?.[0] ?? 0) };
    const close = () => matching(tokens, i);
    switch (t.type) {
      case 'heading_open': {
        ctx.headings++;
        out.push({ type: 'heading', level: Number(t.tag.slice(1)), id: `${ctx.idPrefix}-h${ctx.headings}`, children: inlines(tokens[i + 1].children ?? [], ctx), pos });
        i = close();
        break;
      }
      case 'paragraph_open': {
        out.push({ type: 'para', children: inlines(tokens[i + 1].children ?? [], ctx), pos });
        i = close();
        break;
      }
      case 'bullet_list_open': case 'ordered_list_open': {
        const end = close();
        const items: ListItem[] = [];
        for (let j = i + 1; j < end; j++) {
          if (tokens[j].type !== 'list_item_open') continue;
          const itemEnd = matching(tokens, j);
          items.push({ blocks: blocks(tokens, j + 1, itemEnd, ctx) });
          j = itemEnd;
        }
        out.push({ type: 'list', ordered: t.type === 'ordered_list_open', start: Number(t.attrGet('start') ?? 1), tight: false, items, pos });
        i = end;
        break;
      }
      case 'container_div_open': {
        const end = close();
        out.push({ type: 'div', role: t.info.trim(), children: blocks(tokens, i + 1, end, ctx), pos });
        i = end;
        break;
      }
      case 'footnote_block_open': {
        const end = close();
        for (let j = i + 1; j < end; j++) {
          if (tokens[j].type !== 'footnote_open') continue;
          const noteEnd = matching(tokens, j);
          const n = noteOf(ctx, footnoteIndex(tokens[j]));
          const body = blocks(tokens, j + 1, noteEnd, ctx);
          out.push({ type: 'note', id: n.id, label: n.label, children: body, pos: { file: ctx.file, line: ctx.lineOffset + (tokens[j].map?.[0] ?? 0) } });
          j = noteEnd;
        }
        i = end;
        break;
      }
      case 'hr': out.push({ type: 'rule', pos }); break;
      case 'fence': case 'code_block':
        fail({ code: 'template', file: pos.file, line: pos.line, message: 'code blocks are not part of the document model', hint: 'remove the indentation or the ``` fence' });
      default: break;
    }
  }
  return out;
}

/** Index of the token that closes the one at `i` (same nesting level). */
function matching(tokens: Token[], i: number): number {
  const open = tokens[i];
  if (open.nesting !== 1) return i;
  let depth = 0;
  for (let j = i; j < tokens.length; j++) {
    depth += tokens[j].nesting;
    if (depth === 0) return j;
  }
  return tokens.length - 1;
}

/**
 * Parses Markdown into blocks. `file` and `firstLine` place messages; `idPrefix` makes
 * heading and note ids unique in the book.
 */
export function parseMarkdown(source: string, opts: { file: string; firstLine?: number; idPrefix: string }): Block[] {
  const ctx: Ctx = { file: opts.file, lineOffset: opts.firstLine ?? 1, idPrefix: opts.idPrefix, headings: 0, notes: new Map() };
  const tokens = md.parse(source, {});
  return blocks(tokens, 0, tokens.length, ctx);
}
