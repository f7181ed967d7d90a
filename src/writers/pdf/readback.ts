// Reading a built PDF back as a reader reads it: the text of each part, whitespace removed, in
// the order it is drawn, without what the writer adds (artifacts: running heads, folios,
// leaders; labels: note marks, note and list labels). Every build compares it with the model.
import { readingText, type Part } from '../../model/types.ts';
import { notesInMarkOrder, splitNotes } from './footnotes.ts';
import { tocHeadings } from './layout.ts';
import { PdfFile, PdfRef, type PdfDict, type PdfValue } from './pdfread.ts';

/** Marked-content tags whose text is not the document's: a figure's own text (an SVG's labels) stands for itself, its alt text for the reader. */
const NOT_TEXT = new Set(['Artifact', 'Lbl', 'Figure']);

/** The page index (0-based) where each part starts: at its named destination, the page's top-left corner. */
function partStarts(file: PdfFile, pages: { ref: PdfValue }[], ids?: string[]): { id: string; page: number }[] {
  const index = new Map(pages.map((p, i) => [p.ref instanceof PdfRef ? p.ref.num : -1, i]));
  const out: { id: string; page: number }[] = [];
  for (const [name, dest] of file.destinations()) {
    // Headings and notes are named at the text block's edge; a part at the page's corner (x = 0).
    if (ids ? !ids.includes(name) : dest[2] !== 0) continue;
    const page = dest[0] instanceof PdfRef ? index.get(dest[0].num) : undefined;
    if (page !== undefined) out.push({ id: name, page });
  }
  return out.sort((a, b) => a.page - b.page || a.id.localeCompare(b.id));
}

/** Marked-content tag of a note's text: a reader reads a part's notes after its text, in their order. */
const NOTE = 'Note';

/** A page's document text: the flow's, and the notes'. */
export interface PageText { flow: string; notes: string }

/** The document text of one page, in drawing order, leaving out artifacts and labels. */
function pageText(file: PdfFile, page: PdfDict): PageText {
  let flow = '';
  let notes = '';
  for (const { text, tags } of file.pageText(page)) {
    if (tags.some((t) => NOT_TEXT.has(t))) continue;
    if (tags.includes(NOTE)) notes += text;
    else flow += text;
  }
  return { flow, notes };
}

/** Pages read at a time by a thread when two share the reading of a file. */
const CHUNK = 50;

/** The text of the pages of chunk `c`. */
const readChunk = (file: PdfFile, pages: { dict: PdfDict }[], c: number): PageText[] => pages.slice(c * CHUNK, (c + 1) * CHUNK).map((p) => pageText(file, p.dict));

/** The text of the chunks of pages claimed from `claim` (a counter two threads share) until none is left: chunk → its pages' texts. */
function readClaimed(file: PdfFile, pages: { dict: PdfDict }[], claim: Int32Array): Map<number, PageText[]> {
  const out = new Map<number, PageText[]>();
  const chunks = Math.ceil(pages.length / CHUNK);
  for (let c = Atomics.add(claim, 0, 1); c < chunks; c = Atomics.add(claim, 0, 1)) out.set(c, readChunk(file, pages, c));
  return out;
}

/**
 * Another thread's share of reading a PDF (pdfPartTexts with `share`): the text of the chunks
 * of pages it claims from the counter they share.
 */
export function readShare(pdf: Uint8Array, claim: Int32Array): Map<number, PageText[]> {
  const file = new PdfFile(Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength));
  return readClaimed(file, file.pages(), claim);
}

/**
 * Asks another thread to read a share of a PDF's pages (readShare) with the counter given, and
 * gives the chunks it read; or none, if it could not (this thread reads them).
 */
export type ShareReading = (pdf: Uint8Array, claim: Int32Array) => Promise<Map<number, PageText[]>>;

/** Every page's text, read in chunks by this thread and, if `share` is given, another at the same time. */
async function pageTexts(file: PdfFile, pages: { dict: PdfDict }[], share?: ShareReading): Promise<PageText[]> {
  const claim = new Int32Array(new SharedArrayBuffer(4));
  const theirs = share?.(file.data, claim);
  const chunks = readClaimed(file, pages, claim);
  const all = Math.ceil(pages.length / CHUNK);
  if (theirs && chunks.size < all) for (const [c, texts] of await theirs) chunks.set(c, texts);
  const out: PageText[] = [];
  for (let c = 0; c < all; c++) {
    // A chunk the other thread claimed but did not give (it failed) is read here.
    for (const t of chunks.get(c) ?? readChunk(file, pages, c)) out.push(t);
  }
  return out;
}

/**
 * The text of each part as a reader reads it, whitespace removed, by part id: its flow, then its
 * notes (set at the feet of its pages), as the model has them. Parts begin at the
 * named destination that is the part's id; `ids` names them, else every destination at a page's
 * top-left corner is taken for a part. Read from the file by pdfread.ts; with `share`, another
 * thread reads some of the pages at the same time.
 */
export async function pdfPartTexts(pdf: Buffer | Uint8Array, ids?: string[], share?: ShareReading): Promise<Map<string, string>> {
  const file = new PdfFile(Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength));
  const pages = file.pages();
  const starts = partStarts(file, pages, ids);
  const texts = await pageTexts(file, pages, share);
  const out = new Map<string, string>(starts.map((s) => [s.id, '']));
  for (let i = 0; i < starts.length; i++) {
    const end = i + 1 < starts.length ? starts[i + 1].page : pages.length;
    let flow = '';
    let notes = '';
    for (let p = starts[i].page; p < end; p++) {
      flow += texts[p].flow;
      notes += texts[p].notes;
    }
    // Characters that draw nothing (a variation selector after an emoji, a zero-width joiner) are
    // not text a reader finds, though the glyph they were set with names them in its ToUnicode entry.
    out.set(starts[i].id, (flow + notes).replace(/[\s\p{Default_Ignorable_Code_Point}]+/gu, ''));
  }
  return out;
}

/** A part's text as the PDF gives it back: its flow, then its notes in the order of their marks (they stand at the feet of the pages). */
export function pdfReadingText(part: Part): string {
  const { flow, notes } = splitNotes(part.blocks);
  return readingText(flow) + readingText(notesInMarkOrder(flow, notes));
}

/**
 * What the PDF must give back for a part: the reading text of its blocks; for the contents,
 * which the writer makes, its title and the titles of what it lists (as layoutToc sets them,
 * headings down to `depth`).
 */
export function expectedPdfText(part: Part, parts: Part[], depth = 1): string {
  if (part.kind !== 'toc') return pdfReadingText(part);
  const listed = parts.filter((p) => p.kind !== 'titlepage' && p.kind !== 'toc').flatMap((p) => [p.title, ...tocHeadings(p, depth).map((h) => h.title)]);
  return [part.title, ...listed].join('').replace(/\s+/gu, '');
}
