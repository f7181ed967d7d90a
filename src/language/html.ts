// Raw HTML in a document. A small safe set that Chinese texts need is part of the language:
// <ruby>/<rt>/<rp>, <sup>, <sub>, <br>, <span lang>. Any other tag is not rendered: its text is
// kept and a warning names it. Comments are dropped (they are not meant to be seen).
import { parseDocument } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';

export interface HtmlTag {
  name: string;
  closing: boolean;
  selfClosing: boolean;
  attrs: Record<string, string>;
}

const TAG = /^<(\/?)([A-Za-z][A-Za-z0-9-]*)([^>]*?)(\/?)>$/u;
const ATTR = /([A-Za-z_:][\w:.-]*)\s*(?:=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/gu;

/** One tag as markdown-it gives it in an html_inline token; undefined for comments and declarations. */
export function readTag(html: string): HtmlTag | undefined {
  const m = TAG.exec(html.trim());
  if (!m) return undefined;
  const attrs: Record<string, string> = {};
  for (const a of m[3].matchAll(ATTR)) attrs[a[1].toLowerCase()] = a[2] ?? a[3] ?? a[4] ?? '';
  return { name: m[2].toLowerCase(), closing: m[1] === '/', selfClosing: m[4] === '/' || m[2].toLowerCase() === 'br', attrs };
}

/** What an HTML block holds that the language can keep: its images and its text, paragraph by paragraph. */
export interface HtmlBlockContent {
  paragraphs: string[];
  images: { src: string; alt: string; title?: string }[];
  /** Tags that were not rendered, for the warning. */
  dropped: string[];
  /** Elements left out with their content (a script, a style sheet), for the warning. */
  hidden: string[];
}

const BREAKING = new Set(['p', 'div', 'br', 'li', 'tr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'table', 'ul', 'ol', 'section', 'article', 'figure', 'figcaption', 'center', 'details', 'summary']);
const INVISIBLE = new Set(['script', 'style', 'template', 'head']);

export function readHtmlBlock(html: string): HtmlBlockContent {
  const out: HtmlBlockContent = { paragraphs: [], images: [], dropped: [], hidden: [] };
  let current = '';
  const flush = () => { if (current.trim()) out.paragraphs.push(current.trim().replace(/\s+/gu, ' ')); current = ''; };
  const walk = (nodes: ChildNode[]) => {
    for (const n of nodes) {
      if (n.type === 'text') current += (n as unknown as { data: string }).data;
      else if (n.type === 'tag' || n.type === 'script' || n.type === 'style') {
        const e = n as Element;
        if (INVISIBLE.has(e.name)) {
          if (!out.hidden.includes(e.name)) out.hidden.push(e.name);
          continue;
        }
        if (!out.dropped.includes(e.name) && e.name !== 'img') out.dropped.push(e.name);
        if (e.name === 'img') {
          flush();
          out.images.push({ src: e.attribs.src ?? '', alt: e.attribs.alt ?? '', title: e.attribs.title });
          continue;
        }
        if (BREAKING.has(e.name)) flush();
        walk(e.children);
        if (BREAKING.has(e.name)) flush();
      }
    }
  };
  walk(parseDocument(html).children);
  flush();
  return out;
}
