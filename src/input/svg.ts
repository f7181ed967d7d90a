// An SVG image of the project, made safe to embed: it may draw only what is inside it. A
// reference to another file (an <image>, a <use> of another document, a url() in a style, an
// @import) is taken in as data when the caller finds it among the project's images, and left out
// otherwise; scripts, foreign objects and event handlers are left out. What is left out is told
// to the caller. An SVG that needs nothing of this is kept byte for byte.
import type { ChildNode, Element } from 'domhandler';
import { DomUtils, parseDocument } from 'htmlparser2';

export interface CleanSvg {
  data: Buffer;
  /** What was left out, as written (`<script>`, `/tmp/a.png`, `onclick`). */
  dropped: string[];
  /** The text the SVG draws (its <text> elements), for the fonts. */
  text: string;
}

/** A reference that stays inside the SVG: a fragment or inline data. */
const SELF = /^\s*(#|data:)/iu;
const URL_IN_CSS = /url\(\s*(['"]?)([^'")]*)\1\s*\)/giu;
const HREF = ['href', 'xlink:href'];
/** Elements whose reference is an image to draw: the only ones given data in its place. */
const DRAWS_IMAGE = new Set(['image', 'feimage']);

const elements = (nodes: ChildNode[]) => DomUtils.findAll(() => true, nodes);

/**
 * Makes an SVG self-contained. `inline(href)` returns a `data:` URI for a reference that names an
 * image of the project (relative to the SVG), or undefined to leave it out.
 */
export function cleanSvg(data: Buffer, inline: (href: string) => string | undefined): CleanSvg {
  const doc = parseDocument(data.toString('utf8'), { xmlMode: true, decodeEntities: false });
  const dropped: string[] = [];
  let changed = false;
  const cleanCss = (css: string) => css
    .replace(/@import[^;]*;?/giu, (m) => { dropped.push(m.trim()); return ''; })
    .replace(URL_IN_CSS, (m, _q: string, href: string) => {
      if (SELF.test(href)) return m;
      dropped.push(href);
      return 'none';
    });
  for (const el of elements(doc.children) as Element[]) {
    const name = el.name.toLowerCase();
    if (name === 'script' || name === 'foreignobject') {
      dropped.push(`<${el.name}>`);
      DomUtils.removeElement(el);
      changed = true;
      continue;
    }
    for (const [attr, value] of Object.entries(el.attribs)) {
      if (/^on/iu.test(attr)) { dropped.push(attr); delete el.attribs[attr]; changed = true; continue; }
      if (attr === 'style') {
        const clean = cleanCss(value);
        if (clean !== value) { el.attribs[attr] = clean; changed = true; }
        continue;
      }
      // A link (<a href>) is not a resource: it stays.
      if (!HREF.includes(attr) || SELF.test(value) || name === 'a') continue;
      const uri = DRAWS_IMAGE.has(name) ? inline(value.trim()) : undefined;
      if (uri) el.attribs[attr] = uri;
      else { dropped.push(value.trim()); delete el.attribs[attr]; }
      changed = true;
    }
    if (name === 'style') {
      // Its text, or the text inside a CDATA section.
      const texts = (nodes: ChildNode[]): { data: string }[] => nodes.flatMap((n) => (n.type === 'text' ? [n as unknown as { data: string }] : 'children' in n ? texts(n.children as ChildNode[]) : []));
      for (const t of texts(el.children)) {
        const clean = cleanCss(t.data);
        if (clean !== t.data) { t.data = clean; changed = true; }
      }
    }
  }
  const text = (DomUtils.findAll((e) => e.name.toLowerCase() === 'text', doc.children) as Element[]).map((e) => DomUtils.textContent(e)).join('');
  return { data: changed ? Buffer.from(DomUtils.getOuterHTML(doc.children, { xmlMode: true, decodeEntities: false })) : data, dropped, text };
}
