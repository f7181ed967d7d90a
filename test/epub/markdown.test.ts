// The every-element fixture project, from Markdown through the document language to the EPUB:
// no Markdown syntax left as text, text equal to the model, images and links in place. Its
// documents are part of the every-element book, which elements.test.ts validates with EPUBCheck.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics.ts';
import { readingText, type Book } from '../../src/model/types.ts';
import { writeEpub } from '../../src/writers/epub/index.ts';
import { epubPartTexts } from '../../src/writers/epub/readback.ts';
import { openEpub, select, textOf, xhtml } from '../helpers/epub.ts';
import { everyElementBook, everyFonts } from './everything.ts';

let book: Book;
let bytes: Buffer;
let path = '';
let files: Map<string, Buffer>;
const warnings: Diagnostic[] = [];
const doc = (name: string) => xhtml(files.get(`OEBPS/${name}`)!.toString('utf8'));

beforeAll(async () => {
  book = everyElementBook();
  bytes = await writeEpub(book, await everyFonts(book), { warn: (d) => warnings.push(d) });
  path = join(mkdtempSync(join(tmpdir(), 'wenji-md-')), 'every-element.epub');
  writeFileSync(path, bytes);
  files = await openEpub(path);
});

describe('the every-element Markdown project', () => {
  it('is set without a warning', () => {
    expect(warnings).toEqual([]);
  });

  it('reads back every document as the model has it, with no Markdown syntax left as text', async () => {
    const texts = await epubPartTexts(bytes);
    const docs = book.parts.filter((p) => p.source && !p.id.startsWith('every-'));
    expect(docs.map((p) => p.id)).toEqual(['01-elements', '02-tables', '03-novel']);
    for (const p of docs) {
      expect(texts.get(p.id), p.id).toBe(readingText(p.blocks));
      expect(texts.get(p.id)!.length, p.id).toBeGreaterThan(40);
      const body = textOf(select(doc(`${p.id}.xhtml`), (e) => e.name === 'body')[0]);
      expect(body, p.id).not.toMatch(/\*\*|~~|```|^#|\[\^|\]\(|\|\s*:?-{3}|^\s*>\s|^\s*[-*]\s\[[ x]\]/mu);
    }
  });

  it('sets the elements of the Markdown: headings to h6, lists, tasks, quotes, tables, figures, code, notes', () => {
    const first = doc('01-elements.xhtml');
    const count = (d: ReturnType<typeof doc>, name: string) => select(d, (e) => e.name === name).length;
    for (const h of ['h1', 'h2', 'h3', 'h4', 'h5', 'h6']) expect(count(first, h), h).toBeGreaterThan(0);
    expect(select(first, (e) => e.name === 'ol' && e.attribs.start === '3')).toHaveLength(1);
    expect(select(first, (e) => e.name === 'svg' && e.attribs.role === 'img').map((e) => e.attribs['aria-label'])).toEqual(['已完成', '未完成']);
    expect(select(first, (e) => e.name === 'blockquote' && (e.parent as { name?: string }).name === 'blockquote')).toHaveLength(1);
    expect(count(first, 'figure')).toBe(4);
    expect(select(first, (e) => e.name === 'figcaption').map(textOf)).toEqual(['图一　PNG格式的条纹图', '图二　JPEG格式的渐变图', '图三　GIF格式的方格图', '图四　SVG格式的示意图']);
    expect(count(first, 'pre')).toBe(1);
    expect(count(first, 'ruby')).toBe(1);
    expect(count(first, 'sub') + count(first, 'sup')).toBe(2);
    expect(select(first, (e) => e.attribs['epub:type'] === 'footnote')).toHaveLength(2);
    const withBreaks = select(first, (e) => e.name === 'p' && e.children.some((c) => (c as { name?: string }).name === 'br'));
    expect(withBreaks.map((e) => e.attribs.class)).toEqual(['lines', 'lines']);
    expect(textOf(withBreaks[1])).toBe('床前明月光，疑是地上霜。举头望明月，低头思故乡。');
    const tables = doc('02-tables.xhtml');
    expect(select(tables, (e) => e.name === 'table')).toHaveLength(2);
    expect(select(tables, (e) => e.name === 'th').map((e) => e.attribs.class ?? '')).toEqual(expect.arrayContaining(['align-left', 'align-center', 'align-right']));
  });

  it('links between the documents go to the file and the heading', () => {
    const hrefs = select(doc('01-elements.xhtml'), (e) => e.name === 'a' && !!e.attribs.href).map((a) => a.attribs.href);
    expect(hrefs).toEqual(expect.arrayContaining(['02-tables.xhtml', '02-tables.xhtml#02-tables-长表格', '01-elements.xhtml#01-elements-诗句', 'https://example.org/path?q=1']));
    const ids = new Set(select(doc('02-tables.xhtml'), (e) => !!e.attribs.id).map((e) => e.attribs.id));
    expect(ids.has('02-tables-长表格')).toBe(true);
  });

  it('embeds the four images once each, the GIF used twice', () => {
    const all = select(xhtml(files.get('OEBPS/content.opf')!.toString('utf8')), (e) => e.name === 'item' && e.attribs.href.startsWith('images/'));
    const manifest = all.filter((i) => /-(bands|gradient|checks|diagram)\./u.test(i.attribs.href));
    expect(manifest.map((i) => i.attribs['media-type']).sort()).toEqual(['image/gif', 'image/jpeg', 'image/png', 'image/svg+xml']);
    for (const i of manifest) expect(files.has(`OEBPS/${i.attribs.href}`), i.attribs.href).toBe(true);
    const gif = manifest.find((i) => i.attribs['media-type'] === 'image/gif')!.attribs.href;
    expect(select(doc('01-elements.xhtml'), (e) => e.name === 'img' && e.attribs.src === gif)).toHaveLength(2);
  });
});
