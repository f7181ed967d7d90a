// Pages read back from built PDFs (pdfjs-dist), in the A5 print, A4 print and A5 screen profiles,
// of our edition and of a long book made from it with Markdown notes: body lines on the grid,
// facing pages in register, every page full unless its part ends there, every note beginning on
// its mark's page (a note too long for the room going on at the next page's foot, read back whole), no page of notes alone, no blank page but before a recto start.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { build, prepare } from '../../src/build/index.ts';
import { pageProblems } from '../../src/check/pages.ts';
import { openPdf, pageLines, type TextLine } from '../../src/check/pdftext.ts';
import { layoutBook } from '../../src/writers/pdf/index.ts';
import { pdfPartTexts } from '../../src/writers/pdf/readback.ts';
import { geometry, type Geometry } from '../../src/writers/pdf/page.ts';
import type { Page } from '../../src/writers/pdf/paginate.ts';
import { longBook } from '../helpers/long-book.ts';
import { ROOT } from '../helpers/paths.ts';

interface Built {
  pdf: PDFDocumentProxy;
  lines: TextLine[][];
  pages: Page[];
  g: Geometry;
  /** 0-based indices of the pages where a part starts. */
  starts: Set<number>;
  /** The text of the book read back as the build reads it (readback.ts), parts in order. */
  text: string;
}

async function buildAndRead(root: string, paper: 'A5' | 'A4', print: boolean): Promise<Built> {
  const out = mkdtempSync(join(tmpdir(), 'wenji-pages-'));
  const [r] = await build(root, ['pdf'], out, { paper, print });
  const pdf = await openPdf(readFileSync(r.path));
  const lines: TextLine[][] = [];
  for (let n = 1; n <= pdf.numPages; n++) lines.push(await pageLines(pdf, n));
  const prep = await prepare(root, { paper, print });
  const { pages } = layoutBook(prep.book, prep.fonts, prep.options);
  const dests = (await pdf.getDestinations()) as Record<string, unknown[]>;
  const starts = new Set<number>();
  for (const d of Object.values(dests)) if (d[2] === 0) starts.add(await pdf.getPageIndex(d[0] as never));
  const text = [...(await pdfPartTexts(readFileSync(r.path))).values()].join('');
  return { pdf, lines, pages, g: geometry(paper, print), starts, text };
}

/** Lines of body type that are not headings: the lines that sit on the grid. */
const bodyLines = (b: Built, i: number) => b.lines[i].filter((l) => Math.abs(l.size - b.g.size) < 0.05 && !/^H\d$/u.test(l.tag));
/** Baseline of grid line n (0-based) from the top of the page. */
const gridBaseline = (g: Geometry, n: number) => g.top + n * g.pitch + g.pitch * 0.5 + g.size * 0.36;
const offGrid = (g: Geometry, y: number) => Math.abs((y - gridBaseline(g, 0)) / g.pitch - Math.round((y - gridBaseline(g, 0)) / g.pitch)) * g.pitch > 0.3;
/** Whether page i (0-based) is the last of its part: the next page with text starts a part, or there is none. */
const endsPart = (b: Built, i: number) => {
  let j = i + 1;
  while (j < b.lines.length && !b.lines[j].length && !b.starts.has(j)) j++;
  return j >= b.lines.length || b.starts.has(j);
};

const BOOKS: [string, () => string][] = [['our edition', () => ROOT], ['a long book', longBook]];
const PROFILES: ['A5' | 'A4', boolean][] = [['A5', true], ['A4', true], ['A5', false]];

for (const [name, root] of BOOKS) {
  for (const [paper, print] of PROFILES) {
    describe(`pages of ${name}, ${paper} ${print ? 'print' : 'screen'}`, () => {
      let b: Built;
      beforeAll(async () => { b = await buildAndRead(root(), paper, print); }, 240_000);

      it('sets at least 99 % of body lines on the line grid, the same on every page (facing pages register)', () => {
        const all = b.lines.flatMap((_, i) => bodyLines(b, i));
        expect(all.length).toBeGreaterThan(500);
        const off = all.filter((l) => offGrid(b.g, l.y));
        expect(off.length / all.length).toBeLessThan(0.01);
        let spreads = 0;
        for (let i = 1; i + 1 < b.lines.length; i += 2) {
          const [left, right] = [bodyLines(b, i), bodyLines(b, i + 1)];
          if (!left.length || !right.length) continue;
          spreads++;
          expect([...left, ...right].filter((l) => offGrid(b.g, l.y)).map((l) => l.text)).toEqual([]);
        }
        expect(spreads).toBeGreaterThan(10);
      });

      it('fills every page that does not end its part, and keeps kept blocks whole', () => {
        const bottom = gridBaseline(b.g, b.g.lines - 1);
        let full = 0;
        b.lines.forEach((page, i) => {
          if (!page.length || endsPart(b, i)) return;
          // The last line of a page, notes included (a note too long for the room goes on at the next
          // page's foot), leaves no room for another line.
          expect(bottom - Math.max(...page.map((l) => l.y)), `page ${i + 1}`).toBeLessThan(b.g.pitch);
          full++;
        });
        expect(full).toBeGreaterThan(30);
        expect(pageProblems(b.pages, b.g, 'book.pdf')).toEqual([]);
      });

      it('sets every note on the page of its mark, and its label links back there', async () => {
        let marks = 0;
        for (let i = 0; i < b.pdf.numPages; i++) {
          const links = (await (await b.pdf.getPage(i + 1)).getAnnotations()).filter((a) => a.subtype === 'Link' && typeof a.dest === 'string' && a.dest.startsWith('fn-'));
          for (const a of links) {
            const dest = await b.pdf.getDestination(a.dest as string);
            expect(await b.pdf.getPageIndex(dest![0] as never), `${a.dest} from page ${i + 1}`).toBe(i);
            marks++;
          }
        }
        expect(marks).toBeGreaterThanOrEqual(2 * 5);
        // A note going on from the page before reads on: the last note line of the one page and the
        // first of the next stand together in the text read back.
        const continued = b.pages.filter((p) => p.lines.some((l) => l.footnote && l.line.rule !== undefined && l.line.rule >= b.g.measure - 0.01));
        if (name === 'a long book' && paper === 'A5') expect(continued.length).toBeGreaterThan(3);
        // (A note may go on after one line: its first, which holds its label, read as a label, not text.)
        const noteLine = (l: TextLine) => l.tag === 'Note' || (l.tag === 'Lbl' && l.size < b.g.size);
        const label = /^[\u2460-\u24ff\u3251-\u325f\u32b1-\u32bf\d]+\s*/u;
        for (const p of continued) {
          const last = b.lines[p.number - 2].filter(noteLine).at(-1)!;
          const first = b.lines[p.number - 1].find((l) => l.tag === 'Note')!;
          expect(b.text).toContain((last.text.replace(label, '') + first.text).replace(/\s+/gu, ''));
        }
      });

      it('never sets a page of notes alone, and leaves a page blank only before a right-hand start', () => {
        b.lines.forEach((page, i) => {
          const notes = page.filter((l) => l.tag === 'Note' || (l.tag === 'Lbl' && l.size < b.g.size));
          if (notes.length) expect(page.length, `page ${i + 1}`).toBeGreaterThan(notes.length);
          if (page.length || !b.pages[i].blank) return;
          expect(print, `blank page ${i + 1}`).toBe(true);
          expect(b.starts.has(i + 1) && (i + 2) % 2 === 1, `blank page ${i + 1}`).toBe(true);
        });
        expect(b.pages.filter((p) => !p.blank && !p.lines.length)).toEqual([]);
      });
    });
  }
}
