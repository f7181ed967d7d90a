// Document model → XHTML for EPUB 3. One function per block kind; semantic containers map to
// elements and classes by role, notes to EPUB 3 footnotes (epub:type noteref/footnote).
import type { Align, Block, ListItem } from '../../model/types.ts';
import { escapeXml, type RenderContext } from './context.ts';
import { inlines } from './inline.ts';
import { taskBox } from './task.ts';

export { escapeXml };

/** How a container role is rendered: element, epub:type and ARIA role where they mean something. */
const ROLES: Record<string, { tag: string; epubType?: string; aria?: string }> = {
  titlepage: { tag: 'section', epubType: 'titlepage' },
  colophon: { tag: 'section', epubType: 'colophon', aria: 'doc-colophon' },
  text: { tag: 'div', epubType: 'bodymatter' },
  gap: { tag: 'div', aria: 'note' },
  sourcenote: { tag: 'section' },
};

type Of<T extends Block['type']> = Extract<Block, { type: T }>;

function listItem(item: ListItem, ctx: RenderContext): string {
  if (item.checked === undefined) return `<li>${blocks(item.blocks, ctx)}</li>`;
  // The box goes inside the item's first paragraph, so that it sits on the first line of text.
  const box = taskBox(item.checked, ctx);
  const [first, ...rest] = item.blocks;
  const cls = `task ${item.checked ? 'done' : 'open'}`;
  if (first?.type === 'para') return `<li class="${cls}"><p>${box}${inlines(first.children, ctx)}</p>${blocks(rest, ctx)}</li>`;
  return `<li class="${cls}"><p>${box}</p>${blocks(item.blocks, ctx)}</li>`;
}

function list(b: Of<'list'>, ctx: RenderContext): string {
  const tag = b.ordered ? 'ol' : 'ul';
  const start = b.ordered && b.start !== 1 ? ` start="${b.start}"` : '';
  const classes = [b.tight ? 'tight' : 'loose', b.items.some((i) => i.checked !== undefined) ? 'tasks' : ''].filter(Boolean).join(' ');
  return `<${tag} class="${classes}"${start}>${b.items.map((i) => listItem(i, ctx)).join('')}</${tag}>`;
}

/** A code block, one span per source line: a wrapped line hangs, so its continuation is visible. */
function codeBlock(b: Of<'code'>): string {
  const lines = b.text.replace(/\n$/u, '').split('\n');
  const lang = b.lang.replace(/[^\w-]/gu, '');
  const cls = lang ? ` class="language-${lang}"` : '';
  return `<pre class="code"><code${cls}>${lines.map((l) => `<span class="line">${escapeXml(l)}\n</span>`).join('')}</code></pre>`;
}

const alignClass = (a: Align | undefined) => (a ? ` class="align-${a}"` : '');

function table(b: Of<'table'>, ctx: RenderContext): string {
  const row = (cells: Of<'table'>['head'], tag: 'th' | 'td') => `<tr>${cells.map((c, i) => `<${tag}${alignClass(b.align[i])}>${inlines(c, ctx)}</${tag}>`).join('')}</tr>`;
  const head = b.head.length ? `<thead>${row(b.head, 'th')}</thead>` : '';
  const body = b.rows.length ? `<tbody>${b.rows.map((r) => row(r, 'td')).join('')}</tbody>` : '';
  // The wrapper scrolls a table wider than a phone's screen instead of cutting it off.
  return `<div class="table-wrap"><table>${head}${body}</table></div>`;
}

function figure(b: Of<'figure'>, ctx: RenderContext): string {
  const href = ctx.image(b.src)?.href;
  const caption = b.caption.length ? `<figcaption>${inlines(b.caption, ctx)}</figcaption>` : '';
  if (!href) {
    ctx.warnAt(`image ${b.src} is not in the book; its alt text is set instead`, 'check the image path');
    return `<figure class="figure missing"><p class="stand-in">${escapeXml(b.alt)}</p>${caption}</figure>`;
  }
  return `<figure class="figure"><img src="${href}" alt="${escapeXml(b.alt)}"/>${caption}</figure>`;
}

function note(b: Of<'note'>, ctx: RenderContext): string {
  const [first, ...rest] = b.children;
  const back = `<a href="#${b.id}-ref" class="noteback">${escapeXml(b.label)}</a>　`;
  const body = first?.type === 'para' ? `<p class="note-body">${back}${inlines(first.children, ctx)}</p>${blocks(rest, ctx)}` : `<p class="note-body">${back}</p>${blocks(b.children, ctx)}`;
  return `<aside epub:type="footnote" role="doc-footnote" class="footnote" id="${b.id}">${body}</aside>`;
}

function div(b: Of<'div'>, ctx: RenderContext): string {
  const r = ROLES[b.role] ?? { tag: 'div' };
  const attrs = [`class="${escapeXml(b.role)}"`, r.epubType ? `epub:type="${r.epubType}"` : '', r.aria ? `role="${r.aria}"` : ''].filter(Boolean).join(' ');
  // Signatures (an office over a name) are display lines too: they break between phrases.
  const display = ctx.display;
  if (b.role === 'signatures') ctx.display = true;
  const inner = blocks(b.children, ctx);
  ctx.display = display;
  return `<${r.tag} ${attrs}>\n${inner}\n</${r.tag}>`;
}

function block(b: Block, ctx: RenderContext): string {
  ctx.pos = b.pos;
  switch (b.type) {
    case 'heading': {
      const level = Math.min(6, Math.max(1, b.level));
      ctx.display = true;
      const text = inlines(b.children, ctx);
      ctx.display = false;
      return `<h${level} id="${b.id}">${text}</h${level}>`;
    }
    // Lines broken by hand (verse, addresses) all start at the indent.
    case 'para': return `<p${b.children.some((i) => i.type === 'break') ? ' class="lines"' : ''}>${inlines(b.children, ctx)}</p>`;
    case 'rule': return '<hr/>';
    case 'list': return list(b, ctx);
    case 'quote': return `<blockquote>${blocks(b.children, ctx)}</blockquote>`;
    case 'code': return codeBlock(b);
    case 'table': return table(b, ctx);
    case 'figure': return figure(b, ctx);
    case 'div': return div(b, ctx);
    case 'note': return note(b, ctx);
  }
}

export function blocks(list: Block[], ctx: RenderContext): string {
  return list.map((b) => block(b, ctx)).join('\n');
}
