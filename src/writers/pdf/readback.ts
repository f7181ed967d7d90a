// Reading a built PDF back as a reader reads it: the text of each part, whitespace removed, in
// the order it is drawn, without what the writer adds (artifacts: running heads, folios,
// leaders; labels: note marks, note and list labels). Every build compares it with the model.
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { pdfjs } from './pdfjs.ts';
import { readingText, type Part } from '../../model/types.ts';
import { notesInMarkOrder, splitNotes } from './footnotes.ts';
import { tocHeadings } from './layout.ts';

/** Marked-content tags whose text is not the document's: a figure's own text (an SVG's labels) stands for itself, its alt text for the reader. */
const NOT_TEXT = new Set(['Artifact', 'Lbl', 'Figure']);

/** Loads pdf.js now: for a thread that waits. */
export async function loadReader(): Promise<void> {
  await pdfjs();
}

async function open(pdf: Uint8Array): Promise<PDFDocumentProxy> {
  const { getDocument } = await pdfjs();
  return getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise;
}

/** The page index (0-based) where each part starts: at its named destination, the page's top-left corner. */
async function partStarts(doc: PDFDocumentProxy, ids?: string[]): Promise<{ id: string; page: number }[]> {
  const dests = (await doc.getDestinations()) as Record<string, unknown[]>;
  const out: { id: string; page: number }[] = [];
  for (const [name, dest] of Object.entries(dests)) {
    // Headings and notes are named at the text block's edge; a part at the page's corner (x = 0).
    if (ids ? !ids.includes(name) : dest[2] !== 0) continue;
    out.push({ id: name, page: await doc.getPageIndex(dest[0] as never) });
  }
  return out.sort((a, b) => a.page - b.page || a.id.localeCompare(b.id));
}

/** Marked-content tag of a note's text: a reader reads a part's notes after its text, in their order. */
const NOTE = 'Note';

/** The document text of one page, in drawing order, leaving out artifacts and labels: the flow's, and the notes'. */
async function pageText(doc: PDFDocumentProxy, index: number): Promise<{ flow: string; notes: string }> {
  const content = await (await doc.getPage(index + 1)).getTextContent({ includeMarkedContent: true });
  const tags: string[] = [];
  let flow = '';
  let notes = '';
  for (const it of content.items) {
    if ('type' in it) {
      if (it.type === 'beginMarkedContent' || it.type === 'beginMarkedContentProps') tags.push((it as { tag?: string }).tag ?? '');
      else if (it.type === 'endMarkedContent') tags.pop();
      continue;
    }
    if (tags.some((t) => NOT_TEXT.has(t))) continue;
    if (tags.includes(NOTE)) notes += it.str;
    else flow += it.str;
  }
  return { flow, notes };
}

/**
 * The text of each part as a reader reads it, whitespace removed, by part id: its flow, then its
 * notes (set at the feet of its pages), as the model has them. Parts begin at the
 * named destination that is the part's id; `ids` names them, else every destination at a page's
 * top-left corner is taken for a part.
 */
export async function pdfPartTexts(pdf: Buffer | Uint8Array, ids?: string[]): Promise<Map<string, string>> {
  const doc = await open(pdf);
  try {
    const starts = await partStarts(doc, ids);
    const out = new Map<string, string>(starts.map((s) => [s.id, '']));
    for (let i = 0; i < starts.length; i++) {
      const end = i + 1 < starts.length ? starts[i + 1].page : doc.numPages;
      let flow = '';
      let notes = '';
      for (let p = starts[i].page; p < end; p++) {
        const page = await pageText(doc, p);
        flow += page.flow;
        notes += page.notes;
      }
      out.set(starts[i].id, (flow + notes).replace(/\s+/gu, ''));
    }
    return out;
  } finally {
    await doc.destroy();
  }
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
