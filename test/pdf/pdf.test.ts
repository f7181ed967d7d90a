// The built PDF read back with pdfjs-dist: Chinese line rules, justification, text, fonts,
// navigation and metadata (determinism: test/build/determinism.test.ts). The layout is consulted only to know which lines are
// non-final lines of body paragraphs; every position checked is read from the PDF itself.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { build, prepare } from '../../src/build/index.ts';
import { loadCorpus } from '../../src/corpus/load.ts';
import { NO_LINE_END, NO_LINE_START } from '../../src/cjk/chars.ts';
import { layoutBook } from '../../src/writers/pdf/index.ts';
import { geometry, leftEdge } from '../../src/writers/pdf/page.ts';
import type { Page } from '../../src/writers/pdf/paginate.ts';
import { CORPUS, ROOT } from '../helpers/paths.ts';
import { openPdf, pageLines, type TextLine } from '../../src/check/pdftext.ts';
import type { Book } from '../../src/model/types.ts';
import { expectedPdfText, pdfPartTexts } from '../../src/writers/pdf/readback.ts';

const corpus = loadCorpus(CORPUS);
let bytes: Buffer;
let pdf: PDFDocumentProxy;
let pages: Page[];
let book: Book;
let lines: TextLine[][];
const g = geometry('A5', true);

beforeAll(async () => {
  const out = mkdtempSync(join(tmpdir(), 'wenji-pdf-'));
  const [r] = await build(ROOT, ['pdf'], out, { paper: 'A5', print: true });
  bytes = readFileSync(r.path);
  pdf = await openPdf(bytes);
  const prep = await prepare(ROOT, { paper: 'A5', print: true });
  pages = layoutBook(prep.book, prep.fonts, prep.options).pages;
  book = prep.book;
  lines = [];
  for (let n = 1; n <= pdf.numPages; n++) lines.push(await pageLines(pdf, n));
});

/** Whether a line's right edge is at `edge`: by its last glyph's advance, or by half of it for a closing mark set half-width. */
const flushAt = (l: TextLine, edge: number) => Math.abs(l.right - edge) <= 0.5 || (NO_LINE_START.includes([...l.text].at(-1)!) && Math.abs(l.lastStart + l.size / 2 - edge) <= 0.5);

describe('Chinese line layout in the PDF', () => {
  it('no line starts with closing punctuation or ends with opening punctuation', () => {
    const all = lines.flat().filter((l) => l.size >= 8);
    expect(all.length).toBeGreaterThan(1200);
    expect(all.filter((l) => NO_LINE_START.includes(l.text.trim()[0]))).toEqual([]);
    expect(all.filter((l) => NO_LINE_END.includes([...l.text.trim()].at(-1)!))).toEqual([]);
  });

  it('every non-final line of a body paragraph ends flush with the right margin', () => {
    let justified = 0;
    const failures: string[] = [];
    pages.forEach((page, i) => {
      const right = leftEdge(g, page.number) + g.measure;
      for (const p of page.lines.filter((x) => x.block.body && x.line.justified)) {
        const y = g.top + p.y + p.line.baseline;
        const line = lines[i].find((l) => Math.abs(l.y - y) < 1.5);
        justified++;
        if (!line || !flushAt(line, right)) failures.push(`page ${i + 1}: ${line?.text ?? '(missing)'} ends at ${line?.right.toFixed(2)}, margin ${right.toFixed(2)}`);
      }
    });
    expect(failures).toEqual([]);
    expect(justified).toBeGreaterThan(700);
  });

  it('no line overflows the measure on either side', () => {
    const failures: string[] = [];
    lines.forEach((page, i) => {
      const left = leftEdge(g, i + 1);
      for (const l of page.filter((x) => x.size >= 8)) {
        if (l.left < left - 0.5 || (l.right > left + g.measure + 0.5 && !flushAt(l, left + g.measure))) failures.push(`page ${i + 1}: ${l.text} [${l.left.toFixed(1)}, ${l.right.toFixed(1)}]`);
      }
    });
    expect(failures).toEqual([]);
  });

  it('the text of each document reads back equal to the canonical text, in order', () => {
    for (const d of corpus) {
      const own = pages.map((p, i) => (p.part.id === `doc-${d.front.id}` ? i : -1)).filter((i) => i >= 0);
      // The notes at the feet of the pages aside (Note text, and note labels set smaller than the body).
      const flow = (i: number) => lines[i].filter((l) => l.tag !== 'Note' && !(l.tag === 'Lbl' && l.size < g.size - 0.05));
      const read = own.map((i) => flow(i).map((l) => l.text).join('')).join('').replace(/\s/gu, '');
      const canonical = d.body.split('\n').filter((l) => l.trim()).map((l) => l.replace(/^## /u, '')).join('').replace(/\s/gu, '');
      expect(read.includes(canonical), d.front.id).toBe(true);
    }
  });
});

describe('reading back', () => {
  it('gives the text of every part equal to the model, without running heads, folios, leaders or note labels', async () => {
    const texts = await pdfPartTexts(bytes);
    expect([...texts.keys()]).toEqual(book.parts.map((p) => p.id));
    for (const p of book.parts) expect(texts.get(p.id), p.id).toBe(expectedPdfText(p, book.parts));
  });
});

describe('pages', () => {
  it('each document starts on a right-hand page, without a running head', async () => {
    for (const d of corpus) {
      const first = pages.findIndex((p) => p.part.id === `doc-${d.front.id}`);
      expect((first + 1) % 2, d.front.id).toBe(1);
      const content = await (await pdf.getPage(first + 1)).getTextContent({ includeMarkedContent: true });
      const artifacts = content.items.filter((it) => 'str' in it).map((it) => ('str' in it ? it.str : '')).join('');
      expect(artifacts).not.toContain('中俄联合声明集');
    }
  });

  // Every page that does not end its document is full, so a widow or an orphan is taken where nothing
  // else fills a page (a paragraph a line longer, a line of white before a heading, a note split):
  // one page in fifteen at most (xelatex + ctex leaves 29 in this text).
  it('headings never end a page; a paragraph split across pages leaves two lines on each side but on one page in fifteen at most', () => {
    let lone = 0;
    for (const page of pages.filter((p) => p.lines.length)) {
      const flow = page.lines.filter((l) => !l.footnote && !l.repeated);
      const last = flow[flow.length - 1];
      expect(['H1', 'H2'], `page ${page.number}`).not.toContain(last.block.tag);
      if (!last.last && last.block.tag === 'P' && flow.filter((l) => l.block === last.block).length < 2) lone++;
      const first = flow[0];
      if (!first.first && first.block.tag === 'P' && flow.filter((l) => l.block === first.block).length < 2) lone++;
    }
    expect(lone).toBeLessThanOrEqual(pages.length / 15);
  });

  it('numbers front matter in roman and the rest in arabic; the contents give the right pages and link to them', async () => {
    const labels = (await pdf.getPageLabels())!;
    const firstDoc = pages.findIndex((p) => p.part.kind === 'document');
    expect(labels.slice(0, 3)).toEqual(['i', 'ii', 'iii']);
    expect(labels[firstDoc]).toBe('1');
    const tocPage = pages.findIndex((p) => p.part.kind === 'toc');
    // Leaders and page numbers are artifacts: read the contents page whole, artifacts included.
    const items = (await (await pdf.getPage(tocPage + 1)).getTextContent()).items.filter((it) => 'str' in it) as { str: string; transform: number[] }[];
    const rows = new Map<number, string>();
    for (const it of items) rows.set(Math.round(it.transform[5]), (rows.get(Math.round(it.transform[5])) ?? '') + it.str);
    const tocText = [...rows.values()].map((t) => t.replace(/\s/gu, ''));
    for (const d of corpus) {
      const start = pages.findIndex((p) => p.part.id === `doc-${d.front.id}`);
      expect(tocText.some((t) => t.endsWith(`.${labels[start]}`) || t.endsWith(labels[start]))).toBe(true);
    }
    const annots = await (await pdf.getPage(tocPage + 1)).getAnnotations();
    expect(annots.filter((a) => a.subtype === 'Link' && typeof a.dest === 'string').length).toBeGreaterThanOrEqual(8);
  });
});

describe('PDF features', () => {
  it('embeds and subsets every font, and the file stays small', () => {
    const text = bytes.toString('latin1');
    const fonts = [...text.matchAll(/\/BaseFont \/([A-Z]{6})\+(NotoSerifSC-\w+)/gu)].map((m) => m[2]);
    expect(new Set(fonts)).toEqual(new Set(['NotoSerifSC-Regular', 'NotoSerifSC-Bold']));
    expect((text.match(/\/FontFile2 /gu) ?? []).length).toBe(2);
    expect((text.match(/\/ToUnicode /gu) ?? []).length).toBeGreaterThanOrEqual(2);
    expect(text).not.toMatch(/\/BaseFont \/Helvetica/u);
    expect(bytes.length).toBeLessThan(2_000_000);
  });

  it('has an outline of documents and their sections', async () => {
    const outline = (await pdf.getOutline())!;
    const doc = outline.find((o) => o.title === corpus[0].front.title)!;
    expect(doc.items.map((i) => i.title)).toEqual(['一', '二', '三', '四', '五', '六', '七', '八', '九']);
    expect(outline.map((o) => o.title)).toContain('文献来源说明');
  });

  it('carries metadata, language and tagging', async () => {
    const meta = await pdf.getMetadata();
    expect(meta.info).toMatchObject({ Title: '中俄联合声明集（2023—2025）', Author: '文集编辑组', Language: 'zh-CN' });
    expect(meta.metadata?.get('dc:title')).toBe('中俄联合声明集（2023—2025）');
    const text = bytes.toString('latin1');
    expect(text).toMatch(/\/MarkInfo \d+ 0 R/u);
    expect(text).toContain('/Marked true');
    expect(text).toContain('/StructTreeRoot');
    expect(text).toContain('pdfuaid:part');
    expect(text).toContain('<rdf:li>zh-CN</rdf:li>');
  });

  it('tags headings, paragraphs, lists and the contents in a structure tree', async () => {
    type Node = { role?: string; children?: Node[] };
    const roles = (n: Node): string[] => [n.role ?? '', ...(n.children ?? []).flatMap(roles)];
    const editorial = pages.findIndex((p) => p.part.id === 'editorial-note');
    const tree = roles((await (await pdf.getPage(editorial + 1)).getStructTree()) as Node);
    for (const r of ['Document', 'Part', 'H1', 'P', 'L', 'LI', 'Lbl', 'LBody']) expect(tree, r).toContain(r);
    const toc = pages.findIndex((p) => p.part.kind === 'toc');
    expect(roles((await (await pdf.getPage(toc + 1)).getStructTree()) as Node)).toEqual(expect.arrayContaining(['TOC', 'TOCI']));
    const first = pages.findIndex((p) => p.part.kind === 'document');
    expect(roles((await (await pdf.getPage(first + 1)).getStructTree()) as Node)).toEqual(expect.arrayContaining(['Sect', 'H1', 'H2', 'P']));
  });

});

describe('profiles', () => {
  it('the screen profile leaves no blank pages; A4 sets the same text on fewer pages', async () => {
    const screen = await prepare(ROOT, { paper: 'A5', print: false });
    const screenPages = layoutBook(screen.book, screen.fonts, screen.options).pages;
    expect(screenPages.filter((p) => p.blank)).toEqual([]);
    expect(pages.filter((p) => p.blank).length).toBeGreaterThan(0);
    expect(screenPages.length).toBe(pages.length - pages.filter((p) => p.blank).length);
    const a4 = await prepare(ROOT, { paper: 'A4', print: true });
    const a4Pages = layoutBook(a4.book, a4.fonts, a4.options).pages;
    expect(a4Pages.length).toBeLessThan(pages.length);
    const text = (ps: Page[]) => ps.flatMap((p) => p.lines.filter((l) => l.block.body).map((l) => l.line.glyphs.map((x) => x.text).join(''))).join('');
    expect(text(a4Pages)).toBe(text(pages));
  });
});

describe('paper sizes', () => {
  it('sets a whole number of characters and lines on every paper', () => {
    for (const paper of ['A5', 'A4', 'B5', '16K'] as const) {
      const p = geometry(paper, true);
      expect(Number.isInteger(Math.round(p.measure / p.size * 1e6) / 1e6)).toBe(true);
      expect(p.inner + p.measure + p.outer).toBeCloseTo(p.width, 6);
      expect(p.inner).toBeGreaterThan(p.width * 0.1);
    }
    expect(geometry('16K', true).width).toBeCloseTo(185 * 72 / 25.4, 6);
  });
});
