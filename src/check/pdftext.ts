// Reading a PDF back with pdfjs-dist (for `wenji check` and the tests): the lines of text on each page with their
// positions, skipping what is marked as an artifact (running heads, folios).
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { pdfjs } from '../writers/pdf/pdfjs.ts';

export interface TextLine {
  text: string;
  /** Left and right edges and baseline, in PDF points from the top-left corner. */
  left: number;
  right: number;
  y: number;
  /** Right edge of the last glyph's ink-relevant half, for a closing mark set half-width. */
  lastStart: number;
  size: number;
  /** Marked-content tag the line was drawn in (P, H1, TOCI, …). */
  tag: string;
}

export async function openPdf(data: Uint8Array): Promise<PDFDocumentProxy> {
  const { getDocument } = await pdfjs();
  return getDocument({ data: new Uint8Array(data), useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise;
}

interface Item { str: string; x: number; y: number; width: number; size: number; tag: string }

/** A text item of a page as pdf.js gives it, with the marked-content tags it is drawn in, outermost first (Artifact, Lbl, P, …). */
export interface TaggedItem {
  str: string;
  /** The item's text matrix: [4] and [5] its origin in PDF points from the bottom-left corner, [0] its size. */
  transform: number[];
  width: number;
  tags: string[];
}

/** The text items of a page (`pdfPage`: a page of openPdf's document), each with the marked-content tags around it. */
export async function taggedItems(pdfPage: Awaited<ReturnType<PDFDocumentProxy['getPage']>>): Promise<TaggedItem[]> {
  const content = await pdfPage.getTextContent({ includeMarkedContent: true });
  const out: TaggedItem[] = [];
  const tags: string[] = [];
  for (const it of content.items) {
    if ('type' in it) {
      if (it.type === 'beginMarkedContent' || it.type === 'beginMarkedContentProps') tags.push((it as { tag?: string }).tag ?? '');
      else if (it.type === 'endMarkedContent') tags.pop();
      continue;
    }
    out.push({ str: it.str, transform: it.transform as number[], width: it.width, tags: [...tags] });
  }
  return out;
}

/** Text items of a page that are not artifacts, grouped into lines by baseline. */
export async function pageLines(doc: PDFDocumentProxy, n: number): Promise<TextLine[]> {
  const page = await doc.getPage(n);
  const height = page.view[3];
  const items: Item[] = [];
  for (const it of await taggedItems(page)) {
    if (it.tags.includes('Artifact') || !it.str) continue;
    items.push({ str: it.str, x: it.transform[4], y: height - it.transform[5], width: it.width, size: Math.abs(it.transform[0]), tag: it.tags.at(-1) ?? '' });
  }
  const lines = new Map<number, Item[]>();
  for (const it of items) {
    const key = [...lines.keys()].find((y) => Math.abs(y - it.y) < 2.5) ?? it.y;
    lines.set(key, [...(lines.get(key) ?? []), it]);
  }
  return [...lines.entries()].sort((a, b) => a[0] - b[0]).map(([y, its]) => {
    its.sort((a, b) => a.x - b.x);
    const last = its[its.length - 1];
    const lastChar = [...last.str].at(-1) ?? '';
    // A full-width character takes one em; a Latin letter or digit its own (smaller) advance.
    const charWidth = /[\x21-\x7e]/u.test(lastChar) ? 0 : last.size;
    return {
      text: its.map((i) => i.str).join(''), left: its[0].x, right: last.x + last.width, y, tag: its[0].tag,
      lastStart: last.x + last.width - charWidth, size: Math.max(...its.map((i) => i.size)),
    };
  });
}
