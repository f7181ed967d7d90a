// The HTML that mammoth makes of a Word file, as Markdown of the document language: headings,
// paragraphs with emphasis and links, lists (nested), tables (GFM pipe tables) and footnotes
// (`[^1]` and `[^1]: …`). Anything else keeps its text and is reported.
import { parseDocument, DomUtils } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';

const isElement = (n: ChildNode): n is Element => n.type === 'tag';

/** Escapes the characters that would start Markdown syntax inside running text. */
function escapeText(text: string): string {
  return text.replace(/([\\`*_[\]<>|])/gu, '\\$1').replace(/\s+/gu, ' ');
}

interface Context {
  /** Footnote ids in the order of their first reference, and their numbers. */
  notes: Map<string, number>;
  unknown: Set<string>;
}

/** A footnote reference as mammoth writes it: <sup><a href="#footnote-1" id="footnote-ref-1">[1]</a></sup>. */
function noteRef(el: Element): string | undefined {
  const a = el.name === 'a' ? el : DomUtils.findOne((x) => x.name === 'a', el.children);
  const href = a?.attribs.href ?? '';
  return /^#(foot|end)note-\d+$/u.test(href) ? href.slice(1) : undefined;
}

function inline(nodes: ChildNode[], ctx: Context): string {
  return nodes.map((n) => {
    if (n.type === 'text') return escapeText(n.data);
    if (!isElement(n)) return '';
    const inner = () => inline(n.children, ctx);
    const ref = n.name === 'sup' || n.name === 'a' ? noteRef(n) : undefined;
    if (ref) {
      if (!ctx.notes.has(ref)) ctx.notes.set(ref, ctx.notes.size + 1);
      return `[^${ctx.notes.get(ref)}]`;
    }
    switch (n.name) {
      case 'strong': case 'b': return wrap(inner(), '**');
      case 'em': case 'i': return wrap(inner(), '*');
      case 's': case 'del': return wrap(inner(), '~~');
      case 'sup': return `<sup>${inner()}</sup>`;
      case 'sub': return `<sub>${inner()}</sub>`;
      case 'br': return '\\\n';
      case 'a': return n.attribs.href && !n.attribs.href.startsWith('#') ? `[${inner()}](${n.attribs.href})` : inner();
      case 'img': return `![${escapeText(n.attribs.alt ?? '')}](${n.attribs.src?.startsWith('data:') ? '' : n.attribs.src ?? ''})`;
      default: ctx.unknown.add(n.name); return inner();
    }
  }).join('');
}

const TAG: Record<string, string> = { '**': 'strong', '*': 'em', '~~': 's' };

/**
 * Emphasis marks go inside surrounding spaces (`** 甲**` is not emphasis). CommonMark does not
 * take `**` as emphasis where it stands between a mark and a letter (`**…。**两国`), as it often
 * does in Chinese text: there the HTML element is written instead, which the document language reads.
 */
function wrap(text: string, mark: string): string {
  const m = /^(\s*)(.*?)(\s*)$/su.exec(text)!;
  if (!m[2]) return text;
  const edgePunct = /^[\p{P}\p{S}]|[\p{P}\p{S}]$/u.test(m[2]);
  return edgePunct ? `${m[1]}<${TAG[mark]}>${m[2]}</${TAG[mark]}>${m[3]}` : `${m[1]}${mark}${m[2]}${mark}${m[3]}`;
}

function list(el: Element, ctx: Context, depth: number): string[] {
  const out: string[] = [];
  let n = Number(el.attribs.start ?? 1);
  for (const li of el.children.filter(isElement).filter((c) => c.name === 'li')) {
    const marker = el.name === 'ol' ? `${n++}.` : '-';
    const pad = '  '.repeat(depth);
    const own = li.children.filter((c) => !(isElement(c) && (c.name === 'ul' || c.name === 'ol')));
    const text = own.map((c) => (isElement(c) && c.name === 'p' ? inline(c.children, ctx) : inline([c], ctx))).join(' ').trim();
    out.push(`${pad}${marker} ${text}`);
    for (const sub of li.children.filter(isElement).filter((c) => c.name === 'ul' || c.name === 'ol')) out.push(...list(sub, ctx, depth + 1));
  }
  return out;
}

function table(el: Element, ctx: Context): string {
  const rows = DomUtils.findAll((x) => x.name === 'tr', el.children).map((tr) => tr.children.filter(isElement)
    .filter((c) => c.name === 'td' || c.name === 'th')
    .map((cell) => cell.children.map((c) => (isElement(c) && c.name === 'p' ? inline(c.children, ctx) : inline([c], ctx))).join(' ').trim().replace(/\|/gu, '\\|')));
  if (!rows.length) return '';
  const width = Math.max(...rows.map((r) => r.length));
  const line = (r: string[]) => `| ${[...r, ...Array(width - r.length).fill('')].join(' | ')} |`;
  return [line(rows[0]), `|${' --- |'.repeat(width)}`, ...rows.slice(1).map(line)].join('\n');
}

/** Markdown of mammoth's HTML, and the names of elements that were kept only as text. */
export function htmlToMarkdown(html: string): { markdown: string; unknown: string[] } {
  const dom = parseDocument(html, { decodeEntities: true });
  const ctx: Context = { notes: new Map(), unknown: new Set() };
  const blocks: string[] = [];
  const noteBodies = new Map<string, string>();
  for (const el of dom.children.filter(isElement)) {
    const h = /^h([1-6])$/u.exec(el.name);
    if (h) blocks.push(`${'#'.repeat(Number(h[1]))} ${inline(el.children, ctx).trim()}`);
    else if (el.name === 'p') { const t = inline(el.children, ctx).trim(); if (t) blocks.push(t); }
    else if (el.name === 'ul' || el.name === 'ol') {
      // mammoth puts the footnotes last, as a list of items with ids footnote-N.
      const items = el.children.filter(isElement);
      if (items.length && items.every((li) => /^(foot|end)note-\d+$/u.test(li.attribs.id ?? ''))) {
        for (const li of items) {
          const backlinks = DomUtils.findAll((x) => x.name === 'a' && /^#(foot|end)note-ref-/u.test(x.attribs.href ?? ''), li.children);
          for (const b of backlinks) DomUtils.removeElement(b);
          noteBodies.set(li.attribs.id, li.children.map((c) => (isElement(c) && c.name === 'p' ? inline(c.children, ctx) : inline([c], ctx))).join(' ').trim());
        }
      } else blocks.push(list(el, ctx, 0).join('\n'));
    } else if (el.name === 'table') blocks.push(table(el, ctx));
    else if (el.name === 'blockquote') blocks.push(inline(el.children, ctx).trim().split('\n').map((l) => `> ${l}`).join('\n'));
    else { ctx.unknown.add(el.name); const t = inline(el.children, ctx).trim(); if (t) blocks.push(t); }
  }
  for (const [id, n] of ctx.notes) blocks.push(`[^${n}]: ${noteBodies.get(id) ?? ''}`);
  return { markdown: `${blocks.filter(Boolean).join('\n\n')}\n`, unknown: [...ctx.unknown] };
}
