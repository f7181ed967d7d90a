// The text of a built EPUB as a reader reads it, part by part: what every build compares with
// the document model (readingText). Everything the writer adds of its own is left out: note
// reference labels, back-link labels, apparatus line references, ruby parentheses (<rp>), task boxes (SVG), the alt text set
// in place of a missing image, the cover.
import JSZip from 'jszip';
import '../zip-deflate.ts';
import { DomUtils, parseDocument } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';

/** Elements whose text the writer made up: it is not in the model. */
function added(el: Element): boolean {
  const cls = (el.attribs.class ?? '').split(/\s+/u);
  return el.attribs['epub:type'] === 'noteref' || cls.includes('noteback') || cls.includes('stand-in') || cls.includes('lineref') || el.name === 'rp' || el.name === 'svg' || el.name === 'head';
}

function text(nodes: ChildNode[]): string {
  let out = '';
  for (const n of nodes) {
    if (n.type === 'text') out += (n as unknown as { data: string }).data;
    else if (n.type === 'tag' && !added(n as Element)) out += text((n as Element).children);
  }
  return out;
}

const xml = (s: string) => parseDocument(s, { xmlMode: true, decodeEntities: true });

/** The package document's path, from META-INF/container.xml. */
async function opfPath(zip: JSZip): Promise<string> {
  const container = xml(await zip.file('META-INF/container.xml')!.async('string'));
  return DomUtils.findOne((e) => e.name === 'rootfile', container.children)!.attribs['full-path'];
}

/** Part id (the file name without .xhtml) → its text, whitespace removed; nav, cover and licence left out. */
export async function epubPartTexts(epub: Buffer): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(epub);
  const opf = await opfPath(zip);
  const base = opf.includes('/') ? opf.slice(0, opf.lastIndexOf('/') + 1) : '';
  const items = DomUtils.findAll((e) => e.name === 'item', xml(await zip.file(opf)!.async('string')).children)
    .filter((e) => e.attribs['media-type'] === 'application/xhtml+xml' && !(e.attribs.properties ?? '').split(/\s+/u).includes('nav'));
  const out = new Map<string, string>();
  for (const item of items) {
    const doc = xml(await zip.file(base + item.attribs.href)!.async('string'));
    const body = DomUtils.findOne((e) => e.name === 'body', doc.children);
    // The cover and the fonts' licence are the package's own, not parts of the book.
    if (!body || body.attribs['epub:type'] === 'cover' || body.attribs.class === 'part-licence') continue;
    out.set(item.attribs.href.replace(/^.*\//u, '').replace(/\.xhtml$/u, ''), text(body.children).replace(/\s+/gu, ''));
  }
  return out;
}
