// The apparatus at the foot of the page (`pdf: apparatus: foot`), as reledmac sets critical notes
// under the text: our edition built so, and read back from the PDF with pdfjs-dist. Every entry
// stands at the foot of its lemma's page, begins with the line number, counted by the numbers
// printed in the margin, of the line that holds its lemma, and is not repeated in the source
// notes; the EPUB keeps the whole apparatus at the end, linked both ways.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { build } from '../../src/build/index.ts';
import { loadCorpus } from '../../src/corpus/load.ts';
import { openPdf, pageLines, taggedItems, type TextLine } from '../../src/check/pdftext.ts';
import { footApparatus } from '../../src/writers/pdf/apparatus.ts';
import { prepare } from '../../src/build/index.ts';
import { blockInlines, visitBlocks, visitInlines, type Block, type Book } from '../../src/model/types.ts';
import { geometry, leftEdge } from '../../src/writers/pdf/page.ts';
import { CORPUS, ROOT } from '../helpers/paths.ts';
import { DomUtils } from 'htmlparser2';
import { hasClass, openEpub, select, xhtml } from '../helpers/epub.ts';

const corpus = loadCorpus(CORPUS);
const doc = corpus.find((d) => d.apparatus)!;
const variants = doc.apparatus!.variants.length;
const g = geometry('A5', true);

let project = '';
let pdf: PDFDocumentProxy;
let lines: TextLine[][];
let margins: { n: number; y: number }[][];
let epub: Map<string, Buffer>;

/** Line numbers printed in a page's margin: digits set as artifacts beside the text block. */
async function marginNumbers(n: number): Promise<{ n: number; y: number }[]> {
  const page = await pdf.getPage(n);
  const out: { n: number; y: number }[] = [];
  for (const it of await taggedItems(page)) {
    const x = it.transform[4];
    const y = page.view[3] - it.transform[5];
    const left = leftEdge(g, n);
    if (it.tags.includes('Artifact') && /^\d+$/u.test(it.str) && (x < left - 1 || x > left + g.measure + 1) && y > g.top && y < g.top + g.textHeight) out.push({ n: Number(it.str), y });
  }
  return out;
}

/** An entry as printed at a page's foot: its line (and where the lemma ends), the lemma in quotes, whether it is the place after which a witness adds. */
const ENTRY = /^(\d+)(?:—((?:\d+\.)?\d+))?“(.*?)”(下)?/u;
const PAGE_LINE = /^\d+\.\d+(?:—(?:\d+\.)?\d+)?“/u;
const flat = (l?: TextLine) => (l?.text ?? '').replace(/\s+/gu, '');

/** The entries at the feet of the pages: lines under the last text line that bears a margin number's row. */
function footEntries(): { page: number; line: number; lemma: string; after: boolean; y: number }[] {
  const out: { page: number; line: number; lemma: string; after: boolean; y: number }[] = [];
  lines.forEach((own, page) => {
    const lastText = Math.max(...margins[page].map((m) => m.y), -1);
    for (const l of own) {
      const m = ENTRY.exec(flat(l));
      if (m && l.y > lastText && l.size < g.size - 0.5) out.push({ page, line: Number(m[1]), lemma: m[3], after: Boolean(m[4]), y: l.y });
    }
  });
  return out;
}

/** The index in `lines[page]` of text line `line` of the page, counted from the margin numbers. */
function lineAt(page: number, line: number): number {
  const marks = margins[page];
  const mark = marks.filter((m) => m.n <= line).at(-1) ?? marks.find((m) => m.n > line);
  if (!mark) return -1;
  const k = lines[page].findIndex((l) => Math.abs(l.y - mark.y) < 1);
  return k < 0 ? -1 : k + (line - mark.n);
}

beforeAll(async () => {
  project = mkdtempSync(join(tmpdir(), 'wenji-foot-'));
  cpSync(CORPUS, join(project, 'corpus'), { recursive: true });
  cpSync(join(ROOT, 'templates'), join(project, 'templates'), { recursive: true });
  const edition = join(project, 'corpus', 'edition.yaml');
  writeFileSync(edition, readFileSync(edition, 'utf8').replace(/^pdf:\n/mu, 'pdf:\n  apparatus: foot\n'));
  const results = await build(project, ['pdf', 'epub'], join(project, 'out'));
  pdf = await openPdf(readFileSync(results.find((r) => r.format === 'pdf')!.path));
  lines = [];
  margins = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    lines.push(await pageLines(pdf, n));
    margins.push(await marginNumbers(n));
  }
  epub = await openEpub(results.find((r) => r.format === 'epub')!.path);
}, 300_000);

describe('the apparatus at the foot of the page', () => {
  it('turns each entry whose lemma is placed into a note of the lemma\'s part, marked by the lemma, and takes it out of the source notes', async () => {
    const { book } = await prepare(project, { paper: 'A5', print: true, apparatus: 'foot' });
    const lifted = footApparatus(book);
    const notes = (b: Book, id: string) => b.parts.find((p) => p.id === id)!.blocks.filter((x): x is Extract<Block, { type: 'note' }> => x.type === 'note' && Boolean(x.apparatus));
    const part = lifted.parts.find((p) => p.blocks.some((x) => x.type === 'note' && x.apparatus))!;
    expect(notes(lifted, part.id)).toHaveLength(variants);
    const marks: string[] = [];
    visitBlocks(part.blocks, (b) => { for (const r of blockInlines(b)) visitInlines(r, (i) => { if (i.type === 'anchor' && i.note) marks.push(i.note); }); });
    expect(marks.sort()).toEqual(notes(lifted, part.id).map((n) => n.id).sort());
    const refs = (b: Book) => b.parts.flatMap((p) => { const out: string[] = []; visitBlocks(p.blocks, (x, context) => { if (!context.includes('note')) for (const r of blockInlines(x)) visitInlines(r, (i) => { if (i.type === 'lineref') out.push(i.anchor); }); }); return out; });
    expect(refs(book)).toHaveLength(variants);
    expect(refs(lifted)).toEqual([]);
    // The book the EPUB is made from is left as it was.
    expect(book.parts.flatMap((p) => p.blocks).some((b) => b.type === 'note' && b.apparatus)).toBe(false);
  });

  it('sets one entry per variant at the feet of the pages, and none by page.line in the source notes', () => {
    expect(variants).toBeGreaterThan(40);
    expect(footEntries()).toHaveLength(variants);
    expect(lines.flat().filter((l) => PAGE_LINE.test(flat(l)))).toEqual([]);
  });

  it('begins each entry with the number of the line that holds its lemma, on the same page', async () => {
    const dests = (await pdf.getDestinations()) as Record<string, unknown[]>;
    const failures: string[] = [];
    const entries = footEntries();
    expect(entries.length).toBe(variants);
    for (const [k, e] of entries.entries()) {
      const at = lineAt(e.page, e.line);
      const line = lines[e.page][at];
      if (!line) { failures.push(`page ${e.page + 1}, line ${e.line}: no such line`); continue; }
      const dest = dests[`lemma-${doc.front.id}-${k + 1}`];
      const destPage = dest ? await pdf.getPageIndex(dest[0] as never) : -1;
      const top = dest ? (await pdf.getPage(destPage + 1)).view[3] - (dest[3] as number) : NaN;
      if (destPage !== e.page || !(top <= line.y && line.y - top < 20)) failures.push(`page ${e.page + 1}, line ${e.line}: the lemma's destination is on page ${destPage + 1} at ${top.toFixed(1)}, the line at ${line.y.toFixed(1)}`);
      const words = e.lemma.replace(/^〔(.+?)〕/u, '$1').replace(/[¶]/gu, '').split('……')[0];
      if (!words) continue;
      const first = [...words].slice(0, 2).join('');
      const here = flat(line) + flat(lines[e.page][at + 1]);
      const found = e.after ? flat(line).includes([...words].at(-1)!) || flat(lines[e.page][at - 1]).endsWith(words) : here.indexOf(first) >= 0 && here.indexOf(first) < flat(line).length;
      if (!found) failures.push(`page ${e.page + 1}, line ${e.line}: “${e.lemma}” is not at “${line.text}”`);
      // Under the text of its page.
      if (!(e.y > line.y)) failures.push(`page ${e.page + 1}, line ${e.line}: the entry is not under its line`);
    }
    expect(failures).toEqual([]);
  });

  it('keeps the whole apparatus at the end of the EPUB, saying where the printed book sets it', () => {
    const refs = [...epub].flatMap(([name, data]) => (name.endsWith('.xhtml') ? select(xhtml(data.toString('utf8')), (el) => el.name === 'a' && hasClass(el, 'lineref')) : []));
    expect(refs).toHaveLength(variants);
    const said = [...epub].some(([name, data]) => name.endsWith('.xhtml') && DomUtils.textContent(xhtml(data.toString('utf8')).children).includes('印本各条列于异文所在页之脚'));
    expect(said).toBe(true);
  });
});
