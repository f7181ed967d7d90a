// Ordinary Markdown books, built end to end through the command line: a book that uses every
// element of the language, and books of other kinds (a wiki, a classical novel, a legal code, a
// product manual). Both files are read back: elements, images, links, text, warnings.
import { cpSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { epubcheck, openEpub, select, textOf, xhtml } from '../helpers/epub.ts';
import { ROOT } from '../helpers/paths.ts';
import { run } from '../helpers/run.ts';

const FIXTURES = join(ROOT, 'test/fixtures');

interface Built { dir: string; code: number; err: string; epub: string; pdf: string }

async function build(fixture: string): Promise<Built> {
  const dir = mkdtempSync(join(tmpdir(), 'wenji-book-'));
  cpSync(join(FIXTURES, fixture), dir, { recursive: true });
  const { code, err, out } = await run('build', '-C', dir);
  const files = readdirSync(join(dir, 'out'), { recursive: true }).map(String);
  const find = (ext: string) => join(dir, 'out', files.find((f) => f.endsWith(ext)) ?? `missing${ext}`);
  return { dir, code, err: `${out}\n${err}`, epub: find('.epub'), pdf: find('.pdf') };
}

/** Every page's text (artifacts excluded), its link annotations and its image paintings. */
async function readPdf(path: string) {
  const doc = await getDocument({ data: new Uint8Array(readFileSync(path)), useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise;
  let text = '';
  const links: { url?: string; dest?: unknown }[] = [];
  let images = 0;
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const content = await page.getTextContent();
    text += content.items.map((i) => ('str' in i ? i.str : '')).join('');
    for (const a of await page.getAnnotations()) if (a.subtype === 'Link') links.push({ url: a.url, dest: a.dest });
    const ops = await page.getOperatorList();
    images += ops.fnArray.filter((f) => f === OPS.paintImageXObject || f === OPS.paintInlineImageXObject).length;
  }
  return { text: text.replace(/\s+/gu, ''), links, images, pages: doc.numPages, raw: readFileSync(path).toString('latin1') };
}

/** All XHTML documents of an EPUB, parsed, with their names. */
async function readEpub(path: string) {
  const files = await openEpub(path);
  const docs = [...files].filter(([name]) => name.endsWith('.xhtml')).map(([name, data]) => ({ name, doc: xhtml(data.toString('utf8')) }));
  const all = (tag: string) => docs.flatMap((d) => select(d.doc, (e) => e.name === tag));
  return { files, docs, all };
}

/** Markdown syntax that must never reach a page as text. */
const SYNTAX = /\*\*|~~|\]\(|\[\^|\|---|:::|<\/?(?:sup|sub|ruby|rt|span)\b/u;

describe('a book that uses every element', () => {
  let b: Built;
  beforeAll(async () => { b = await build('every-element'); }, 120_000);

  it('builds with exit 0 and no warning', () => {
    expect(b.err).not.toMatch(/warning|error/u);
    expect(b.code).toBe(0);
  });

  it('sets every element in the EPUB', async () => {
    const { all, files } = await readEpub(b.epub);
    for (const h of ['h1', 'h2', 'h3', 'h4', 'h5', 'h6']) expect(all(h).length, h).toBeGreaterThan(0);
    expect(all('table').length).toBe(2);
    expect(all('figure').length).toBe(4);
    expect(all('figcaption').map(textOf)).toContain('图一　PNG格式的条纹图');
    expect(all('img').filter((i) => !/cover/u.test(i.attribs.src)).length).toBe(5);
    expect(all('blockquote').length).toBe(3);
    expect(all('pre').length).toBe(1);
    expect(all('ol').map((o) => o.attribs.start ?? '1')).toContain('3');
    expect(all('ruby').length).toBe(1);
    expect(all('sup').length + all('sub').length).toBeGreaterThanOrEqual(2);
    expect(all('del').length + all('s').length).toBe(1);
    expect(all('aside').filter((a) => a.attribs['epub:type'] === 'footnote').length).toBe(2);
    // The images themselves are in the package.
    const images = [...files.keys()].filter((n) => /\/images\/\d+-[^/]+\.(png|jpe?g|gif|svg)$/u.test(n));
    expect(images.length).toBe(4);
  });

  it('resolves every link between documents in the EPUB', async () => {
    const { docs } = await readEpub(b.epub);
    const ids = new Map(docs.map((d) => [d.name.split('/').pop()!, new Set(select(d.doc, (e) => !!e.attribs.id).map((e) => e.attribs.id))]));
    const internal = docs.flatMap((d) => select(d.doc, (e) => e.name === 'a' && !!e.attribs.href && !/^[a-z]+:/u.test(e.attribs.href)).map((a) => ({ from: d.name.split('/').pop()!, href: a.attribs.href })));
    expect(internal.length).toBeGreaterThan(5);
    for (const { from, href } of internal) {
      const [file, id] = href.split('#');
      const target = file || from;
      expect(ids.has(target), href).toBe(true);
      if (id) expect(ids.get(target)!.has(decodeURIComponent(id)), href).toBe(true);
    }
  });

  it('passes EPUBCheck', async () => {
    const report = await epubcheck(b.epub);
    expect(report.messages.filter((m) => m.severity === 'ERROR' || m.severity === 'FATAL' || m.severity === 'WARNING')).toEqual([]);
  }, 60_000);

  it('sets every element in the PDF: text whole, links live, images embedded, the faces used', async () => {
    const pdf = await readPdf(b.pdf);
    for (const s of ['着重的文字', '删去的文字', '行内代码x=1', '床前明月光，疑是地上霜。', '图一PNG格式的条纹图', '第60行的内容', '悒悒不乐', '跣足', '澌澌', '妆奁', '一斝']) expect(pdf.text, s).toContain(s);
    expect(pdf.text).not.toMatch(SYNTAX);
    expect(pdf.links.map((l) => l.url).filter(Boolean)).toContain('https://example.org/path?q=1');
    expect(pdf.links.filter((l) => l.dest).length).toBeGreaterThan(5);
    expect(pdf.images).toBeGreaterThanOrEqual(4);
    expect(pdf.raw).toMatch(/\/BaseFont \/[A-Z]{6}\+SourceSerif4[-\w]*Italic/u);
    expect(pdf.raw).toMatch(/\/BaseFont \/[A-Z]{6}\+SourceCodePro/u);
  });
});

describe('books of other kinds', () => {
  const books: Record<string, Built> = {};
  beforeAll(async () => {
    for (const kind of ['wiki', 'novel', 'law', 'manual']) books[kind] = await build(`books/${kind}`);
  }, 240_000);

  it('all build, and every construct not rendered is a warning with its place', () => {
    for (const [kind, b] of Object.entries(books)) expect(b.code, `${kind}: ${b.err}`).toBe(0);
    expect(books.novel.err).not.toMatch(/warning/u);
    expect(books.law.err).not.toMatch(/warning/u);
    expect(books.wiki.err).toMatch(/安装指南\.md:29:\d+: warning: TeX math/u);
    expect(books.wiki.err).toMatch(/安装指南\.md:31:1: warning: HTML block <details>/u);
    expect(books.manual.err).toMatch(/intro\.md:\d+:1: warning: an MDX import/u);
    // Docusaurus's `:::tip 小技巧` is an admonition: set as a quotation led by its title, no warning.
    expect(books.manual.err).not.toMatch(/container `::: tip`/u);
    expect(books.manual.err).toMatch(/intro\.md:\d+:1: warning: `sidebar_position` is not a known key/u);
  });

  it('set their text in both files', async () => {
    const novel = await readPdf(books.novel.pdf);
    for (const s of ['满纸荒唐言，一把辛酸泪！', '悒悒不乐', '跣足而行', '一局输赢料不真']) expect(novel.text).toContain(s);
    const law = await readEpub(books.law.epub);
    expect(law.all('h5').length).toBe(24);
    const wiki = await readPdf(books.wiki.pdf);
    expect(wiki.text).toContain('gitclonehttps://example.org/wenji.git');
    expect(wiki.text).not.toMatch(SYNTAX);
    const manual = await readEpub(books.manual.epub);
    expect(manual.all('blockquote').map((e) => textOf(e).replace(/\s+/gu, ''))).toContain('小技巧按Ctrl+S保存。');
    expect(manual.all('strong').map(textOf)).toContain('小技巧');
  });
});
