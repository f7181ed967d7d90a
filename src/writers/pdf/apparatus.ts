// The apparatus in print: every line reference (an entry's `<a class="lineref">`) is set as the
// page.line of its lemma. The numbers are known only once the book is paginated, so the book is
// laid out, the lemmas found on their pages, the numbers filled into the references, and the book
// laid out again: only the parts holding references change (layout is cached per part), and as
// the apparatus follows the documents, the pages of the lemmas do not move. Should they move
// (an apparatus set before its documents), this repeats until the numbers hold.
import { inlineIds, visitBlocks, visitInlines, blockInlines, type Book, type Inline } from '../../model/types.ts';
import { numberLines, textHeadings, type LineNumbering } from './linenumbers.ts';
import type { Page } from './paginate.ts';
import { folios } from './paint.ts';

/** Passes at most: the numbers settle in the second unless an apparatus comes before its text. */
const PASSES = 4;

/** What a reference shows before its lemma has been placed (about as wide as a real page.line). */
const PENDING = '00.00';

/** Whether the book has line references (else one layout is all). */
function hasLineRefs(book: Book): boolean {
  let found = false;
  for (const p of book.parts) visitBlocks(p.blocks, (b) => { for (const r of blockInlines(b)) visitInlines(r, (i) => { if (i.type === 'lineref') found = true; }); });
  return found;
}

/** Ids of the parts that hold lemma anchors: their text lines are numbered. */
export function partsWithLemmas(book: Book): Set<string> {
  return new Set(book.parts.filter((p) => inlineIds(p.blocks).some((id) => id.startsWith('lemma-'))).map((p) => p.id));
}

/** The book with each resolved line reference showing `numbers` (its lemma's page.line). */
function withNumbers(book: Book, numbers: Map<string, string>): Book {
  const fill = (list: Inline[]): Inline[] => list.map((i) => {
    if (i.type === 'lineref') return i.target ? { ...i, children: [{ type: 'text', text: numbers.get(i.anchor) ?? PENDING }] } : i;
    return 'children' in i ? { ...i, children: fill(i.children) } as Inline : i;
  });
  const parts = book.parts.map((p) => {
    if (!hasLineRefs({ ...book, parts: [p] })) return p;
    const copy = structuredClone(p);
    visitBlocks(copy.blocks, (b) => {
      if (b.type === 'heading' || b.type === 'para') b.children = fill(b.children);
      else if (b.type === 'table') { b.head = b.head.map(fill); b.rows = b.rows.map((r) => r.map(fill)); }
      else if (b.type === 'figure') b.caption = fill(b.caption);
    });
    return copy;
  });
  return { ...book, parts };
}

/** Where an anchor is printed: the physical page, its folio, the line's number. */
type Placed = { page: number; folio: string; line: number };

/**
 * The page.line of every lemma anchor set on the pages: the page's folio, and the number of the
 * anchor's line among the text lines of its document (on the page, or in the document).
 */
export function lemmaLines(pages: Page[], book: Book, mode: LineNumbering): Map<string, Placed> {
  const labels = folios(pages);
  const out = new Map<string, Placed>();
  const numbered = numberLines(pages, textHeadings(book), mode === 'document' ? 'document' : 'page', partsWithLemmas(book));
  for (const [page, lines] of numbered) {
    for (const { placed, n } of lines) {
      for (const g of placed.line.glyphs) {
        const id = g.style.anchor;
        if (id?.startsWith('lemma-') && !out.has(id)) out.set(id, { page, folio: labels[page - 1], line: n });
      }
    }
  }
  return out;
}

/** page.line of a lemma, with the line (or page.line) it ends in when that is another: 12.3—5, 12.30—13.2 (GB/T 15834 一字线). */
export function pageLine(start: Placed, end?: Placed): string {
  const from = `${start.folio}.${start.line}`;
  if (!end || (end.page === start.page && end.line === start.line)) return from;
  return `${from}—${end.page === start.page ? end.line : `${end.folio}.${end.line}`}`;
}

/** Lays the book out until every line reference shows the page.line its lemma is printed at. */
export function settleLineRefs<L extends { pages: Page[] }>(book: Book, mode: LineNumbering, layout: (b: Book) => L): L {
  if (!hasLineRefs(book)) return layout(book);
  let numbers = new Map<string, string>();
  let current = layout(withNumbers(book, numbers));
  for (let pass = 1; pass < PASSES; pass++) {
    const at = lemmaLines(current.pages, book, mode);
    const next = new Map([...at].filter(([id]) => !id.endsWith('-end')).map(([id, l]) => [id, pageLine(l, at.get(`${id}-end`))]));
    if (next.size === numbers.size && [...next].every(([id, v]) => numbers.get(id) === v)) break;
    numbers = next;
    current = layout(withNumbers(book, numbers));
  }
  return current;
}
