// Document model → XHTML for EPUB 3. One function per node kind; semantic containers map to
// elements and classes by role, notes to EPUB 3 footnotes (epub:type noteref/footnote).
import type { Block, Inline } from '../../model/types.ts';

export function escapeXml(s: string): string {
  return s.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;').replace(/"/gu, '&quot;');
}

/** How a container role is rendered: element, epub:type and ARIA role where they mean something. */
const ROLES: Record<string, { tag: string; epubType?: string; aria?: string }> = {
  titlepage: { tag: 'section', epubType: 'titlepage' },
  colophon: { tag: 'section', epubType: 'colophon' },
  text: { tag: 'div', epubType: 'bodymatter' },
  gap: { tag: 'div', aria: 'note' },
  sourcenote: { tag: 'section' },
};

function inline(i: Inline): string {
  switch (i.type) {
    case 'text': return escapeXml(i.text);
    case 'break': return '<br/>';
    case 'emph': return `<em>${inlines(i.children)}</em>`;
    case 'strong': return `<strong>${inlines(i.children)}</strong>`;
    case 'link': return `<a href="${escapeXml(i.href)}">${inlines(i.children)}</a>`;
    default: return '';
    case 'noteref': return `<a epub:type="noteref" role="doc-noteref" class="noteref" id="${i.note}-ref" href="#${i.note}">${escapeXml(i.label)}</a>`;
  }
}

export function inlines(list: Inline[]): string {
  return list.map(inline).join('');
}

function block(b: Block): string {
  switch (b.type) {
    case 'heading': return `<h${b.level} id="${b.id}">${inlines(b.children)}</h${b.level}>`;
    case 'para': return `<p>${inlines(b.children)}</p>`;
    case 'rule': return '<hr/>';
    case 'list': {
      const tag = b.ordered ? 'ol' : 'ul';
      return `<${tag}>${b.items.map((item) => `<li>${blocks(item.blocks)}</li>`).join('')}</${tag}>`;
    }
    case 'div': {
      const r = ROLES[b.role] ?? { tag: 'div' };
      const attrs = [`class="${b.role}"`, r.epubType ? `epub:type="${r.epubType}"` : '', r.aria ? `role="${r.aria}"` : ''].filter(Boolean).join(' ');
      return `<${r.tag} ${attrs}>\n${blocks(b.children)}\n</${r.tag}>`;
    }
    default: return '';
    case 'note': {
      const [first, ...rest] = b.children;
      const back = `<a href="#${b.id}-ref" class="noteback">${escapeXml(b.label)}</a>　`;
      const body = first?.type === 'para' ? `<p>${back}${inlines(first.children)}</p>${blocks(rest)}` : `<p>${back}</p>${blocks(b.children)}`;
      return `<aside epub:type="footnote" role="doc-footnote" class="footnote" id="${b.id}">${body}</aside>`;
    }
  }
}

export function blocks(list: Block[]): string {
  return list.map(block).join('\n');
}
