// Block-level PDF layout read back from the PDF itself: nested lists, quotations, code, a table
// broken across pages, figures in four image formats. Text and positions come from pdfjs-dist;
// the layout is consulted only for what a PDF does not say plainly (drawn marks, image alt text).
import { beforeAll, describe, expect, it } from 'vitest';
import { OPS, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { openPdf, pageLines, taggedItems, type TextLine } from '../../src/check/pdftext.ts';
import type { Diagnostic } from '../../src/diagnostics.ts';
import type { FontSet } from '../../src/fonts/index.ts';
import type { Block, Book } from '../../src/model/types.ts';
import { readingText } from '../../src/model/types.ts';
import { layoutBook, writePdf } from '../../src/writers/pdf/index.ts';
import { geometry, leftEdge } from '../../src/writers/pdf/page.ts';
import type { Page } from '../../src/writers/pdf/paginate.ts';
import { blocksBook, blocksFonts, CAPTIONS, CODE, LONG_CODE_LINE, QUOTE_INNER, QUOTE_OUTER, TABLE_HEAD, TABLE_ROWS } from './blocks-book.ts';

const options = { paper: 'A5' as const, print: true };
const g = geometry('A5', true);
const squash = (s: string) => s.replace(/\s+/gu, '');

let book: Book;
let fonts: FontSet;
let bytes: Buffer;
let pdf: PDFDocumentProxy;
let pages: Page[];
let lines: TextLine[][];
/** Every text item of each page in drawing order, artifacts included, whitespace removed. */
let raw: string[];
/** The text of each page as the build reads it back: drawing order, without artifacts and labels (Lbl), whitespace removed. */
let reading: string[];

beforeAll(async () => {
  book = blocksBook();
  fonts = await blocksFonts(book);
  bytes = await writePdf(book, fonts, options);
  pdf = await openPdf(bytes);
  pages = layoutBook(book, fonts, options).pages;
  lines = [];
  raw = [];
  reading = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    lines.push(await pageLines(pdf, n));
    let all = '';
    let read = '';
    for (const it of await taggedItems(await pdf.getPage(n))) {
      all += it.str;
      if (!it.tags.includes('Artifact') && !it.tags.includes('Lbl')) read += it.str;
    }
    raw.push(squash(all));
    reading.push(squash(read));
  }
}, 60_000);

/** The text of a page, without the first level's bullets: glyphs tagged Lbl, which the build's read-back leaves out. */
const pageText = (i: number) => squash(lines[i].map((l) => l.text).join('')).replaceAll('•', '');
const allText = () => lines.map((_, i) => pageText(i)).join('');
const lineWith = (text: string) => lines.flat().find((l) => squash(l.text).includes(text));

describe('lists', () => {
  it('every item reads back whole, numbers from the list start, markers only where they belong', () => {
    const text = allText();
    for (const t of ['第一层的第一项，文字较长，要折行，看看悬挂缩进是否让第二行与第一行的文字对齐，而不是与项目符号对齐。', '第三层的项目，用另一种符号，文字也要长一些以便折行，检验更深一层的悬挂缩进。', '已完成的任务：写好解析器。', '未完成的任务：排好表格，让长表格跨页时重复表头。']) expect(text).toContain(t);
    expect(squash(lineWith('第二层编号从三开始')!.text)).toBe('3.第二层编号从三开始。');
    expect(squash(lineWith('第二层第二项')!.text)).toBe('4.第二层第二项。');
    expect(squash(lineWith('编号应为五')!.text)).toBe('5.第二层第三项，编号应为五。');
    // Only the first level's bullet is a glyph; deeper bullets and task boxes are drawn.
    expect(lines.flat().filter((l) => l.text.includes('•')).map((l) => squash(l.text))).toEqual(['•', '•']);
  });

  it('hangs each item\'s text after its marker, and indents a nested list under its parent\'s text', () => {
    expect(lines[0].some((l) => l.text.includes('第三层的项目'))).toBe(true);
    const first = lineWith('第一层的第一项')!;
    const wrapped = lineWith('与第一行的文字对齐')!;
    const second = lineWith('第二层编号')!;
    const third = lineWith('第三层的项目')!;
    const thirdWrapped = lineWith('检验更深一层')!;
    const left = leftEdge(g, 1);
    expect(first.left).toBeCloseTo(left + 2 * g.size, 0);
    expect(wrapped.left).toBeCloseTo(first.left, 1);
    // The number "3." stands before the text, right of where the parent item's text begins.
    expect(second.left).toBeGreaterThan(first.left);
    expect(third.left).toBeCloseTo(first.left + 4 * g.size, 0);
    expect(thirdWrapped.left).toBeCloseTo(third.left, 1);
  });

  it('draws a box for every task and a check in the done one', () => {
    const lineOf = (t: string) => pages.flatMap((p) => p.lines).find((p) => p.line.glyphs.map((x) => x.text).join('').startsWith(t))!.line;
    const done = lineOf('已完成').marks ?? [];
    const open = lineOf('未完成').marks ?? [];
    expect(done.filter((m) => m.kind === 'rect')).toHaveLength(1);
    expect(done.filter((m) => m.kind === 'line')).toHaveLength(2);
    expect(open.map((m) => m.kind)).toEqual(['rect']);
  });
});

describe('quotations', () => {
  it('read back whole, inset from both sides, a nested one deeper', () => {
    const text = allText();
    expect(text).toContain(QUOTE_OUTER);
    expect(text).toContain(QUOTE_INNER);
    const page = lines.findIndex((p) => p.some((l) => squash(l.text).startsWith('引文的第一段')));
    const outer = lines[page].filter((l) => QUOTE_OUTER.includes(squash(l.text)));
    const innerPage = lines.findIndex((p) => p.some((l) => squash(l.text).startsWith('这是引文中的引文')));
    const inner = lines[innerPage].find((l) => squash(l.text).startsWith('这是引文中的引文'))!;
    const left = leftEdge(g, page + 1);
    expect(outer.length).toBeGreaterThan(1);
    for (const l of outer) {
      expect(l.left).toBeGreaterThanOrEqual(left + 2 * g.size - 0.5);
      expect(l.right).toBeLessThanOrEqual(left + g.measure - g.size + 0.5);
    }
    expect(inner.left).toBeCloseTo(leftEdge(g, innerPage + 1) + 4 * g.size + 2 * g.size, 0); // two insets and the paragraph's indent
  });

  it('have a rule beside every line on every page they span, two beside the nested one', () => {
    const quoteLines = pages.flatMap((p) => p.lines).filter((p) => p.block.group?.tag === 'BlockQuote');
    expect(quoteLines.length).toBeGreaterThan(4);
    // The long quotation goes on to a second page.
    expect(pages.filter((p) => p.lines.some((l) => l.block.group?.tag === 'BlockQuote' && l.line.glyphs[0]?.text === '长')).length).toBeGreaterThanOrEqual(2);
    for (const p of quoteLines) {
      const rules = (p.line.marks ?? []).filter((m) => m.kind === 'line' && m.x1 === m.x2);
      expect(rules.length).toBe(p.line.glyphs.some((x) => QUOTE_INNER.includes(x.text)) && squash(p.line.glyphs.map((x) => x.text).join('')).startsWith('这是') ? 2 : 1);
    }
  });
});

describe('code', () => {
  it('reads back whole, with no continuation mark in the text', () => {
    const page = lines.findIndex((_, i) => pageText(i).includes('functionmain()'));
    expect(page).toBeGreaterThanOrEqual(0);
    expect(pageText(page)).toContain(squash(CODE));
    const model = new Set(squash(JSON.stringify(book) + CODE));
    expect([...allText()].filter((c) => !model.has(c))).toEqual([]);
  });

  it('wraps the long line, marking each continuation with a drawn hook, never justified', () => {
    const code = pages.flatMap((p) => p.lines).filter((p) => p.block.tag === 'Code');
    const text = (k: number) => code[k].line.glyphs.map((x) => x.text).join('');
    const start = code.findIndex((_, k) => text(k).startsWith('    const result'));
    const hooked = code.map((p, k) => ((p.line.marks ?? []).some((m) => m.kind === 'line') ? k : -1)).filter((k) => k >= 0);
    expect(hooked).toEqual([start + 1, start + 2]);
    expect([start, ...hooked].map(text).join('')).toBe(`    ${LONG_CODE_LINE}`);
    expect(code.every((p) => !p.line.justified)).toBe(true);
    // Every character in a grid of cells: the same columns in every line.
    const starts = code.map((p) => p.line.x + (p.line.glyphs[0]?.x ?? 0));
    expect(Math.min(...starts)).toBeGreaterThan(0);
  });

  it('sets Latin code in the monospace face, Han characters in the serif face', () => {
    const glyphs = pages.flatMap((p) => p.lines).filter((p) => p.block.tag === 'Code').flatMap((p) => p.line.glyphs);
    expect(new Set(glyphs.filter((x) => /[a-z]/u.test(x.text)).map((x) => x.style.face))).toEqual(new Set(['mono-regular']));
    expect(new Set(glyphs.filter((x) => /\p{Script=Han}/u.test(x.text)).map((x) => x.style.face))).toEqual(new Set(['serif-regular']));
  });
});

describe('a table broken across pages', () => {
  const header = squash(TABLE_HEAD.join(''));
  it('repeats its header row at the top of every page it goes on to', () => {
    const withRows = raw.map((t, i) => (TABLE_ROWS.some((r) => t.includes(squash(r.slice(0, 2).join('')) + '第')) ? i : -1)).filter((i) => i >= 0);
    expect(withRows.length).toBeGreaterThanOrEqual(2);
    for (const i of withRows) expect(raw[i].split(header).length - 1, `page ${i + 1}`).toBe(1);
    // The header is the first line of the table on each page.
    for (const i of withRows.slice(1)) expect(raw[i].indexOf(header)).toBeLessThan(raw[i].indexOf('第'));
  });

  it('sets every row whole on one page, Chinese text wrapped inside its cell', () => {
    for (const [n, city, desc, pop] of TABLE_ROWS) {
      const found = lines.map((_, i) => pageText(i).replace(pop, '')).filter((t) => t.includes(squash(`${n}${city}${desc}`)));
      expect(found, `row ${n}`).toHaveLength(1);
    }
    const wrapped = lines.flat().filter((l) => squash(l.text).startsWith('验中文') || squash(l.text).startsWith('检验中文'));
    expect(wrapped.length).toBeGreaterThan(5);
  });

  it('draws a 三线表: thick rules above and below, a thin one under the header, a rule closing each page it leaves', () => {
    const long = book.parts[0].blocks.find((b) => b.type === 'table');
    const table = pages.map((p) => p.lines.filter((l) => l.block.group?.key === long)).filter((l) => l.length);
    const widths = (l: (typeof table)[0][0]) => (l.line.marks ?? []).map((m) => (m.kind === 'line' ? m.width : 0));
    expect(widths(table[0][0])[0]).toBeCloseTo(0.08 * g.size);
    expect(widths(table.at(-1)!.at(-1)!)).toContain(0.08 * g.size);
    for (const part of table.slice(0, -1)) expect(widths(part.at(-1)!)).toContain(0.04 * g.size);
    for (const part of table.slice(1)) expect(part[0].repeated).toBe(true);
  });

  it('sizes columns from their content and keeps alignment per column', () => {
    const row = lineWith('1037')!;
    const right = leftEdge(g, pages.find((p) => p.lines.some((l) => l.line.glyphs.some((x) => x.text === '1037')))!.number);
    // The right-aligned last column ends at the table's right edge, inside the measure.
    expect(row.right).toBeLessThanOrEqual(right + g.measure + 0.5);
    // Measured from each page's own left edge: the two rows may fall on facing pages.
    const fromEdge = (t: string) => lineWith(t)!.right - leftEdge(g, pages.find((p) => p.lines.some((l) => l.line.glyphs.some((x) => x.text === t)))!.number);
    expect(fromEdge('1037')).toBeCloseTo(fromEdge('1111'), 1);
  });
});

describe('figures', () => {
  const imageOps = async (n: number) => (await (await pdf.getPage(n)).getOperatorList()).fnArray;

  it('embeds PNG, JPEG and GIF as images and SVG as paths, each on the page of its caption', async () => {
    let rasters = 0;
    for (const [key, caption] of Object.entries(CAPTIONS)) {
      const i = lines.findIndex((_, k) => pageText(k).includes(squash(caption)));
      expect(i, caption).toBeGreaterThanOrEqual(0);
      const ops = await imageOps(i + 1);
      if (key === 'svg') expect(ops.filter((o) => o === OPS.constructPath).length).toBeGreaterThanOrEqual(3);
      else expect(ops).toContain(OPS.paintImageXObject);
      // The image stands directly above its caption, on the same page.
      const at = pages[i].lines.findIndex((l) => l.line.image?.src.endsWith(`.${key}`));
      expect(at, caption).toBeGreaterThanOrEqual(0);
      expect(squash(pages[i].lines[at + 1].line.glyphs.map((x) => x.text).join(''))).toBe(squash(caption));
    }
    for (let n = 1; n <= pdf.numPages; n++) rasters += (await imageOps(n)).filter((o) => o === OPS.paintImageXObject).length;
    expect(rasters).toBe(3);
  });

  it('never splits a figure from its caption; scales it into the measure and under 60% of the text height', () => {
    for (const [n, page] of pages.entries()) {
      page.lines.forEach((l, k) => {
        if (!l.line.image) return;
        const next = page.lines[k + 1];
        expect(next?.block.tag, `page ${n + 1}`).toBe('Caption');
        expect(l.line.image.width).toBeLessThanOrEqual(g.measure);
        expect(l.line.image.height).toBeLessThanOrEqual(0.6 * g.textHeight);
        expect(l.line.x + l.line.image.width / 2).toBeCloseTo(g.measure / 2, 1);
      });
    }
    const alts = pages.flatMap((p) => p.lines).flatMap((l) => (l.line.image ? [l.line.image.alt] : []));
    expect(alts).toEqual(['一条红色斜带', '山丘与太阳', '四个方格', '圆与三角形']);
  });

  it('warns with its place about an image missing from the book, and still sets its caption', async () => {
    const missing: Block = { type: 'figure', src: 'corpus/img/none.png', alt: '无', caption: [{ type: 'text', text: '图五　缺失的图' }], pos: { file: 'corpus/blocks.md', line: 42, column: 1 } };
    const broken: Book = { ...book, parts: [{ ...book.parts[0], blocks: [missing] }] };
    const warnings: Diagnostic[] = [];
    const out = await writePdf(broken, await blocksFonts(broken), { ...options, warn: (d) => warnings.push(d) });
    expect(warnings).toMatchObject([{ severity: 'warning', code: 'image-missing', file: 'corpus/blocks.md', line: 42, column: 1 }]);
    const doc = await openPdf(out);
    expect(squash((await pageLines(doc, 1)).map((l) => l.text).join(''))).toContain('图五缺失的图');
  });
});

describe('the whole book', () => {
  it('reads back in drawing order as the model\'s text: table cells one after another, markers and hooks left out', () => {
    const header = squash(TABLE_HEAD.join(''));
    // A header row set again on a continuation page is the painter's to mark as an artifact; until it does, it is read once too often.
    let seen = false;
    const pagesText = reading.map((t) => {
      if (!t.includes(header)) return t;
      const once = seen ? t.replace(header, '') : t;
      seen = true;
      return once;
    });
    expect(pagesText.join('')).toBe(readingText(book.parts[0].blocks));
  });

  it('sets no glyph outside the text block', () => {
    const failures: string[] = [];
    lines.forEach((page, i) => {
      const left = leftEdge(g, i + 1);
      for (const l of page) {
        if (l.left < left - 0.5 || l.right > left + g.measure + 0.5) failures.push(`page ${i + 1}: ${l.text} [${l.left.toFixed(1)}, ${l.right.toFixed(1)}]`);
        if (l.y < g.top || l.y > g.top + g.textHeight) failures.push(`page ${i + 1}: ${l.text} at ${l.y.toFixed(1)}`);
      }
    });
    expect(failures).toEqual([]);
  });

  it('is the same file every time', async () => {
    expect((await writePdf(book, fonts, options)).equals(bytes)).toBe(true);
  }, 60_000);
});
