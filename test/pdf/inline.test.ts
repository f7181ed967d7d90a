// Every inline element and heading level in the PDF, read back from the file with pdfjs-dist:
// text equal to the model, faces per text, live links both ways, the outline's depth, the
// tagged headings, no line beyond the text block, byte-identical rebuilds.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { openPdf, pageLines } from '../../src/check/pdftext.ts';
import { buildFontSet, type FontSet } from '../../src/fonts/index.ts';
import { bookText } from '../../src/book/text.ts';
import { readingText, type Book } from '../../src/model/types.ts';
import { layoutBook, writePdf } from '../../src/writers/pdf/index.ts';
import { geometry } from '../../src/writers/pdf/page.ts';
import { paint } from '../../src/writers/pdf/paint.ts';
import { expectedPdfText, pdfPartTexts } from '../../src/writers/pdf/readback.ts';
import { fontsWithLatinFaces, inlineBook, LONG_URL, NOTE, URL_OUT } from './inline-book.ts';
import { markdownBook } from './markdown-book.ts';
import { ROOT } from '../helpers/paths.ts';

const options = { paper: 'A5' as const, print: false };
let book: Book;
let bytes: Buffer;
let pdf: PDFDocumentProxy;
let fonts: FontSet;

beforeAll(async () => {
  book = inlineBook(3);
  fonts = await fontsWithLatinFaces(book);
  bytes = await writePdf(book, fonts, options);
  pdf = await openPdf(bytes);
});

/** Text items of a page with the name of the font each is set in. */
async function itemsWithFonts(n: number): Promise<{ str: string; font: string }[]> {
  const page = await pdf.getPage(n);
  await page.getOperatorList();
  const content = await page.getTextContent();
  return content.items.filter((it) => 'str' in it && it.str.trim()).map((it) => {
    const item = it as { str: string; fontName: string };
    return { str: item.str, font: (page.commonObjs.get(item.fontName) as { name: string }).name };
  });
}

describe('inline elements in the PDF', () => {
  it('reads back the text of every part equal to the model (note marks, labels and alt text left out, ruby in)', async () => {
    const texts = await pdfPartTexts(bytes);
    expect([...texts.keys()]).toEqual(['doc-a', 'doc-b']);
    for (const p of book.parts) expect(texts.get(p.id), p.id).toBe(expectedPdfText(p, book.parts));
    expect(texts.get('doc-a')).toContain('漢hàn');
    expect(texts.get('doc-a')).toContain(LONG_URL);
  });

  it('sets Latin emphasis in the italic face, code in the monospace face and Han in code in the serif', async () => {
    const items = await itemsWithFonts(1);
    const fontOf = (s: string) => items.filter((i) => i.str.includes(s)).map((i) => i.font);
    expect(fontOf('italic')).toEqual([expect.stringMatching(/^[A-Z]{6}\+SourceSerif4-Italic$/u)]);
    expect(fontOf('const').every((f) => /SourceCodePro/u.test(f))).toBe(true);
    expect(fontOf('const').length).toBeGreaterThan(0);
    expect(fontOf('汉字')).toEqual([expect.stringMatching(/NotoSerifSC-Regular$/u)]);
    expect(fontOf('粗体')).toEqual([expect.stringMatching(/NotoSerifSC-Bold$/u)]);
    expect(fontOf('English')).toEqual([expect.stringMatching(/NotoSerifSC-Regular$/u)]);
  });

  it('makes links live: URIs outside, named destinations inside, note marks and labels both ways', async () => {
    const annots = (await pdf.getPage(1)).getAnnotations();
    const links = (await annots).filter((a) => a.subtype === 'Link');
    expect(links.map((a) => a.url).filter(Boolean)).toEqual([URL_OUT, LONG_URL, LONG_URL]);
    const dests = links.map((a) => a.dest).filter(Boolean);
    expect(dests).toEqual(expect.arrayContaining(['doc-b-section', 'doc-b', NOTE]));
    // The note stands at the foot of its mark's page; its label links back to the mark.
    expect(dests).toContain(`${NOTE}:ref`);
    const noteDest = await pdf.getDestination(NOTE);
    expect(await pdf.getPageIndex(noteDest![0] as never)).toBe(0);
    const names = Object.keys((await pdf.getDestinations()) as object);
    for (const d of ['doc-b-section', 'doc-b', NOTE, `${NOTE}:ref`]) expect(names).toContain(d);
    // Each link is tagged (a Link element holding the annotation) and described (PDF/UA).
    const text = bytes.toString('latin1');
    const all = (await Promise.all([1, 2, 3].slice(0, pdf.numPages).map(async (n) => (await pdf.getPage(n)).getAnnotations()))).flat().filter((a) => a.subtype === 'Link');
    expect((text.match(/\/S \/Link\b/gu) ?? []).length).toBe(all.length);
    expect((text.match(/\/Type \/OBJR/gu) ?? []).length).toBe(all.length);
    expect(links.find((a) => a.url === URL_OUT)?.contentsObj?.str).toBe('外部链接');
  });

  it('tags six heading levels and nests the outline down to tocDepth', async () => {
    const text = bytes.toString('latin1');
    for (const tag of ['H1', 'H2', 'H3', 'H4', 'H5', 'H6']) expect(text).toMatch(new RegExp(`/S /${tag}\\b`, 'u'));
    const outline = (await pdf.getOutline())!;
    expect(outline.map((o) => o.title)).toEqual(['第一篇 Inline elements', '第二篇']);
    expect(outline[0].items.map((o) => o.title)).toEqual(['二级标题']);
    expect(outline[0].items[0].items.map((o: { title: string }) => o.title)).toEqual(['三级标题']);
    expect(outline[0].items[0].items[0].items).toEqual([]);
    const flat = await writePdf(inlineBook(1), await fontsWithLatinFaces(book), options);
    const top = (await (await openPdf(flat)).getOutline())!;
    expect(top.map((o) => [o.title, o.items.length])).toEqual([['第一篇 Inline elements', 0], ['第二篇', 0]]);
  });

  it('breaks long URLs and digit runs: no line goes beyond the text block', async () => {
    const g = geometry('A5', false);
    const lines = [];
    for (let n = 1; n <= pdf.numPages; n++) lines.push(...await pageLines(pdf, n));
    expect(lines.some((l) => l.text.includes('https://example.org/a/very'))).toBe(true);
    const over = lines.filter((l) => l.left < g.inner - 0.5 || l.right > g.inner + g.measure + 0.5);
    expect(over.map((l) => `${l.text} [${l.left.toFixed(1)}, ${l.right.toFixed(1)}]`)).toEqual([]);
  });

  it('sets emphasis dots under each Han character of emphasis, and nowhere else', () => {
    const { pages } = layoutBook(book, fonts, options);
    const under = (footnote: boolean) => pages.flatMap((p) => p.lines.filter((l) => !!l.footnote === footnote).map((l) => l.line)).flatMap((l) => (l.marks ?? []).flatMap((m) => {
      if (m.kind !== 'dot') return [];
      const g = l.glyphs.find((x) => Math.abs(x.x + x.width / 2 - m.x) < 0.01);
      return [g ? `${g.text}${m.y > l.baseline ? '↓' : '↑'}` : 'ornament'];
    }));
    // 着重号 in the text and the thematic break's three dots; 有着重 in the note at the page's foot, below the baseline.
    expect(under(false)).toEqual(['着↓', '重↓', '号↓', 'ornament', 'ornament', 'ornament']);
    expect(under(true)).toEqual(['有↓', '着↓', '重↓']);
  });

  it('rebuilds byte for byte', async () => {
    expect((await writePdf(book, await fontsWithLatinFaces(book), options)).equals(bytes)).toBe(true);
  });

  it('falls back to the serif faces when the font set has no italic or monospace face', async () => {
    const fonts = await buildFontSet(bookText(book).map((p) => ({ text: p.text, req: { weight: 'regular' as const } })));
    const plain = await writePdf(book, fonts, options);
    const texts = await pdfPartTexts(plain);
    for (const p of book.parts) expect(texts.get(p.id), p.id).toBe(expectedPdfText(p, book.parts));
  });
});

describe('a Markdown book in the PDF', () => {
  const dir = join(ROOT, 'test/fixtures/every-element/corpus');

  it('reads back the text of the chapters with every element equal to the model', async () => {
    const md = markdownBook(dir);
    const data = await writePdf(md, await fontsWithLatinFaces(md), options);
    const texts = await pdfPartTexts(data);
    for (const id of ['doc-01-elements', 'doc-02-tables', 'doc-03-novel']) expect(texts.get(id), id).toBe(readingText(md.parts.find((p) => p.id === id)!.blocks));
    const links = (await Promise.all(Array.from({ length: (await openPdf(data)).numPages }, async (_, i) => (await (await openPdf(data)).getPage(i + 1)).getAnnotations()))).flat();
    expect(links.map((a) => a.url).filter(Boolean)).toEqual(expect.arrayContaining(['https://example.org/path?q=1', 'https://www.example.com/docs/index.html']));
  });
});

describe('what the writer adds', () => {
  it('leaves glyphs marked as artifacts or labels out of the reading text, though they are drawn', async () => {
    const g = geometry('A5', false);
    // A copy: laid-out parts are cached and shared.
    const pages = structuredClone(layoutBook(book, fonts, options).pages);
    const line = pages[0].lines.find((l) => l.block.tag === 'P')!.line;
    const size = g.size;
    line.glyphs.push({ text: '行', x: g.measure + 2, width: size / 2, style: { weight: 'regular', size, artifact: true } });
    line.glyphs.push({ text: '字', x: -size, width: size / 2, style: { weight: 'regular', size, label: true } });
    const draw = async (withAdded: boolean) => {
      const copy = structuredClone(pages);
      if (!withAdded) for (const p of copy) for (const l of p.lines) l.line.glyphs = l.line.glyphs.filter((x) => !x.style.artifact && !(x.style.label && x.text === '字'));
      return paint({ pages: copy, geometry: g, meta: book.meta, fonts: fonts.fonts, images: book.images, measure: (t, s) => s * t.length / 2 });
    };
    const data = await draw(true);
    const texts = await pdfPartTexts(data);
    expect(texts.get('doc-a')).toBe(expectedPdfText(book.parts[0], book.parts));
    const drawn = async (pdfData: Buffer) => (await (await (await openPdf(pdfData)).getPage(1)).getTextContent()).items.map((it) => ('str' in it ? it.str : '')).join('');
    const count = (s: string, ch: string) => s.split(ch).length - 1;
    const [withAdded, without] = [await drawn(data), await drawn(await draw(false))];
    expect(count(withAdded, '行') - count(without, '行')).toBe(1);
    expect(count(withAdded, '字') - count(without, '字')).toBe(1);
  });
});

describe('repeated lines', () => {
  it('draws a line set again on a later page (a table header) as an artifact, so that its text is read once', async () => {
    const g = geometry('A5', false);
    const pages = structuredClone(layoutBook(book, fonts, options).pages);
    const heading = pages[0].lines.find((l) => l.block.tag === 'H2')!;
    const next = pages.find((p) => p.number > 1 && p.part.id === 'doc-a')!;
    next.lines.unshift({ ...heading, y: 0, first: false, last: false, repeated: true } as typeof heading);
    const data = await paint({ pages, geometry: g, meta: book.meta, fonts: fonts.fonts, images: book.images, measure: (t, s) => s * t.length / 2 });
    expect((await pdfPartTexts(data)).get('doc-a')).toBe(expectedPdfText(book.parts[0], book.parts));
    const drawn = (await (await (await openPdf(data)).getPage(next.number)).getTextContent()).items.map((it) => ('str' in it ? it.str : '')).join('');
    expect(drawn).toContain('二级标题');
  });
});

describe('the contents', () => {
  it('lists headings under each part down to contentsDepth, read back as set and linked to each heading', async () => {
    const withToc: Book = { ...book, meta: { ...book.meta, contentsDepth: 3 }, parts: [{ id: 'toc', kind: 'toc', title: '目录', blocks: [] }, ...book.parts] };
    const data = await writePdf(withToc, fonts, options);
    const texts = await pdfPartTexts(data);
    expect(texts.get('toc')).toBe(expectedPdfText(withToc.parts[0], withToc.parts, 3));
    expect(texts.get('toc')).toBe('目录第一篇Inlineelements二级标题三级标题第二篇链接的目标');
    for (const p of withToc.parts.slice(1)) expect(texts.get(p.id), p.id).toBe(expectedPdfText(p, withToc.parts, 3));
    const doc = await openPdf(data);
    const annots = (await (await doc.getPage(1)).getAnnotations()).filter((a) => a.subtype === 'Link');
    expect(annots.map((a) => a.dest)).toEqual(['doc-a', 'doc-a-h2', 'doc-a-h3', 'doc-b', 'doc-b-section']);
    // Indented by level: the h3 entry starts one em right of the h2 entry, which starts one em in.
    const lines = await pageLines(doc, 1);
    const left = (s: string) => lines.find((l) => l.text.startsWith(s))!.left;
    const size = geometry('A5', false).size;
    expect(left('二级标题') - left('第一篇')).toBeCloseTo(size, 1);
    expect(left('三级标题') - left('二级标题')).toBeCloseTo(size, 1);
  });
});
