// The apparatus keyed to page and line, read back from our edition as built: every 校勘记 entry's
// page.line (read from the PDF with pdfjs-dist) finds its lemma there, counted by the line numbers
// printed in the margin; the margin numbers stand every fifth line; the EPUB links each lemma to
// its entry and back, and passes EPUBCheck.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { build } from '../../src/build/index.ts';
import { loadCorpus } from '../../src/corpus/load.ts';
import { openPdf, pageLines, taggedItems, type TextLine } from '../../src/check/pdftext.ts';
import { geometry, leftEdge } from '../../src/writers/pdf/page.ts';
import { CORPUS, ROOT } from '../helpers/paths.ts';
import { epubcheck, hasClass, openEpub, select, xhtml } from '../helpers/epub.ts';

const corpus = loadCorpus(CORPUS);
const g = geometry('A5', true);
const withApparatus = corpus.filter((d) => d.apparatus);
const variantCount = withApparatus.reduce((n, d) => n + d.apparatus!.variants.length, 0);

let pdf: PDFDocumentProxy;
let labels: string[];
let lines: TextLine[][];
let margins: { n: number; x: number; y: number }[][];
let epubPath = '';
let files: Map<string, Buffer>;

/** Artifacts of a page that are line numbers: digits set outside the text block. */
async function marginNumbers(n: number): Promise<{ n: number; x: number; y: number }[]> {
  const page = await pdf.getPage(n);
  const height = page.view[3];
  const out: { n: number; x: number; y: number }[] = [];
  for (const it of await taggedItems(page)) {
    const y = height - it.transform[5];
    const x = it.transform[4];
    // Beside the text block, not in it (contents numbers) nor under it (folios).
    const left = leftEdge(g, n);
    const beside = x < left - 1 || x > left + g.measure + 1;
    if (it.tags.includes('Artifact') && /^\d+$/u.test(it.str) && beside && y > g.top && y < g.top + g.textHeight) out.push({ n: Number(it.str), x, y });
  }
  return out;
}

beforeAll(async () => {
  const out = mkdtempSync(join(tmpdir(), 'wenji-apparatus-'));
  const results = await build(ROOT, ['pdf', 'epub'], out, { paper: 'A5', print: true });
  pdf = await openPdf(readFileSync(results.find((r) => r.format === 'pdf')!.path));
  labels = (await pdf.getPageLabels()) ?? [];
  lines = [];
  margins = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    lines.push(await pageLines(pdf, n));
    margins.push(await marginNumbers(n));
  }
  epubPath = results.find((r) => r.format === 'epub')!.path;
  files = await openEpub(epubPath);
}, 300_000);

/** The index in `lines[page]` of line `line`, counted from the margin numbers (one text line a number). */
function lineAt(page: number, line: number): number {
  const own = lines[page];
  const marks = margins[page];
  const mark = marks.filter((m) => m.n <= line).at(-1) ?? marks.find((m) => m.n > line);
  if (!mark) return -1;
  const k = own.findIndex((l) => Math.abs(l.y - mark.y) < 1);
  return k < 0 ? -1 : k + (line - mark.n);
}

/** The entries of the 校勘记 as printed: page.line, then the lemma in quotes. */
function printedEntries(): { folio: string; line: number; lemma: string; after: boolean; page: number }[] {
  const start = lines.findIndex((p) => p.some((l) => l.text.startsWith('校勘记')));
  const out: { folio: string; line: number; lemma: string; after: boolean; page: number }[] = [];
  for (let p = start; p >= 0 && p < lines.length; p++) {
    for (const l of lines[p]) {
      const m = /^(\d+)\.(\d+)(?:—(?:\d+\.)?\d+)?“(.*?)”(下)?[：（]/u.exec(l.text.replace(/\s+/gu, ''));
      if (m) out.push({ folio: m[1], line: Number(m[2]), lemma: m[3], after: !!m[4], page: p });
    }
  }
  return out;
}

describe('the PDF apparatus, keyed to page and line', () => {
  it('prints one entry per variant, each beginning with page.line', () => {
    expect(variantCount).toBeGreaterThan(40);
    expect(printedEntries()).toHaveLength(variantCount);
  });

  it('finds every entry\'s lemma on the page and at the line it prints', async () => {
    const failures: string[] = [];
    const entries = printedEntries();
    const dests = (await pdf.getDestinations()) as Record<string, unknown[]>;
    const doc = withApparatus[0];
    for (const [k, e] of entries.entries()) {
      const page = labels.indexOf(e.folio, labels.findIndex((x) => x === '1'));
      const at = lineAt(page, e.line);
      const line = lines[page]?.[at];
      if (!line) { failures.push(`${e.folio}.${e.line}: no such line`); continue; }
      // The lemma's own destination is on that page, in that line's box.
      const dest = dests[`lemma-${doc.front.id}-${k + 1}`];
      const destPage = dest ? await pdf.getPageIndex(dest[0] as never) : -1;
      const top = dest ? (await pdf.getPage(destPage + 1)).view[3] - (dest[3] as number) : NaN;
      if (destPage !== page || !(top <= line.y && line.y - top < 20)) failures.push(`${e.folio}.${e.line}: the lemma's destination is on page ${destPage + 1} at ${top.toFixed(1)}, the line at ${line.y.toFixed(1)}`);
      // And its words are there: the lemma's first characters (a section head by its numeral), or the words it follows.
      const words = e.lemma.replace(/^〔(.+?)〕/u, '$1').replace(/[¶]/gu, '').split('……')[0];
      const text = (l?: TextLine) => (l?.text ?? '').replace(/\s+/gu, '');
      const here = text(line) + text(lines[page][at + 1]);
      const first = [...words].slice(0, 2).join('');
      if (!words) continue;
      const found = e.after ? text(line).includes([...words].at(-1)!) || text(lines[page][at - 1]).endsWith(words) : here.indexOf(first) >= 0 && here.indexOf(first) < text(line).length;
      if (!found) failures.push(`${e.folio}.${e.line}: “${e.lemma}” is not at “${line.text}”`);
    }
    expect(failures).toEqual([]);
  });

  it('numbers every fifth line of a document with variants in the outer margin, restarting on each page', () => {
    const numbered = margins.map((m, i) => ({ m, i })).filter(({ m }) => m.length);
    expect(numbered.length).toBeGreaterThan(10);
    for (const { m, i } of numbered) {
      expect(m.map((x) => x.n)).toEqual(m.map((_, k) => 5 * (k + 1)));
      const own = lines[i];
      for (const x of m) {
        // On a baseline of a text line, beside the text block (left on a verso, right on a recto).
        const line = own.find((l) => Math.abs(l.y - x.y) < 1);
        expect(line, `page ${i + 1}, line ${x.n}`).toBeDefined();
        expect(x.x < line!.left || x.x > line!.right).toBe(true);
      }
    }
    // On a page of text only, the number stands on that many lines from the top.
    const full = numbered.filter(({ i }) => lines[i].every((l) => l.tag === 'P' || l.tag === 'H2' || l.tag === 'Lbl'));
    expect(full.length).toBeGreaterThan(5);
    for (const { m, i } of full) for (const x of m) expect(Math.abs(lines[i][x.n - 1].y - x.y)).toBeLessThan(1);
  });

  it('sets no line numbers in documents without variants', async () => {
    const dests = (await pdf.getDestinations()) as Record<string, unknown[]>;
    // Parts are named at their first page's corner: the document's pages run to the next part's first.
    const starts = (await Promise.all(Object.entries(dests).filter(([, d]) => d[2] === 0).map(async ([id, d]) => ({ id, page: await pdf.getPageIndex(d[0] as never) })))).sort((a, b) => a.page - b.page);
    const k = starts.findIndex((s) => s.id.endsWith(withApparatus[0].front.id));
    expect(k).toBeGreaterThanOrEqual(0);
    const pagesWith = margins.flatMap((m, i) => (m.length ? [i] : []));
    expect(Math.min(...pagesWith)).toBeGreaterThanOrEqual(starts[k].page);
    expect(Math.max(...pagesWith)).toBeLessThan(starts[k + 1].page);
  });
});

describe('the EPUB apparatus, linked both ways', () => {
  it('links every lemma to its entry and the entry back to it', () => {
    const docs = new Map([...files].filter(([n]) => n.endsWith('.xhtml')).map(([n, b]) => [n.replace(/^.*\//u, ''), xhtml(b.toString('utf8'))]));
    const byId = new Map<string, { file: string; el: ReturnType<typeof select>[number] }>();
    for (const [file, d] of docs) for (const el of select(d, (e) => !!e.attribs.id)) byId.set(el.attribs.id, { file, el });
    const lemmas = [...docs].flatMap(([file, d]) => select(d, (e) => e.name === 'a' && hasClass(e, 'lemma')).map((el) => ({ file, el })));
    expect(lemmas).toHaveLength(variantCount);
    for (const { file, el } of lemmas) {
      const [toFile, toId] = el.attribs.href.split('#');
      const entry = byId.get(toId);
      expect(entry?.file, el.attribs.id).toBe(toFile);
      expect(hasClass(entry!.el, 'lineref')).toBe(true);
      expect(entry!.el.attribs.href).toBe(`${file}#${el.attribs.id}`);
    }
  });

  it('passes EPUBCheck', () => {
    const report = epubcheck(epubPath);
    expect(report.messages.filter((m) => m.severity !== 'INFO' && m.severity !== 'USAGE')).toEqual([]);
    expect(report).toMatchObject({ fatal: 0, errors: 0 });
  }, 300_000);
});
