// The apparatus in print: every line reference (an entry's `<a class="lineref">`) is set as the
// page.line of its lemma. The numbers are known only once the book is paginated, so the book is
// laid out, the lemmas found on their pages, the numbers filled into the references, and the book
// laid out again: only the parts holding references change (layout is cached per part), and as
// the apparatus follows the documents, the pages of the lemmas do not move. Should they move
// (an apparatus set before its documents), this repeats until the numbers hold.
import type { Diagnostic } from '../../diagnostics.ts';
import { inlineIds, visitBlocks, visitInlines, blockInlines, type Block, type Book, type Inline, type Part } from '../../model/types.ts';
import { numberLines, textHeadings, type LineNumbering } from './linenumbers.ts';
import type { Page } from './paginate.ts';
import { folios } from './paint.ts';

/** Passes at most: the numbers settle in the second unless an apparatus comes before its text. */
export const PASSES = 4;

/** Where the apparatus entries are set: in the source notes, by page.line, or at the foot of their lemma's page, by line. */
export type ApparatusPlace = 'end' | 'foot';

/** What a reference shows before its lemma has been placed (about as wide as a real page.line, or line). */
const PENDING: Record<ApparatusPlace, string> = { end: '00.00', foot: '00' };

type NoteBlock = Extract<Block, { type: 'note' }>;

/** The line reference an apparatus entry begins with, if the paragraph is one. */
function entryRef(b: Block): Extract<Inline, { type: 'lineref' }> | undefined {
  const first = b.type === 'para' ? b.children.find((i) => i.type !== 'text' || i.text.trim()) : undefined;
  return first?.type === 'lineref' ? first : undefined;
}

/**
 * The book as the PDF sets it with the apparatus at the foot of the page (`apparatus: foot`, as
 * reledmac sets critical notes under the text): each 校勘记 entry that refers to a lemma (a
 * paragraph of an `apparatus` container beginning with a line reference to it) leaves the source
 * notes and becomes a note of the lemma's part, marked by the lemma's anchor without a sign, so
 * that it is set at the foot of the lemma's page, beginning with its line number. An entry whose
 * lemma was not found stays in the source notes; a container left empty goes.
 */
export function footApparatus(book: Book): Book {
  const lemmaPart = new Map<string, number>();
  book.parts.forEach((p, k) => visitBlocks(p.blocks, (b) => {
    for (const runs of blockInlines(b)) visitInlines(runs, (i) => { if (i.type === 'anchor' && i.back) lemmaPart.set(i.id, k); });
  }));
  if (!lemmaPart.size) return book;
  const entries = new Map<number, { lemma: string; note: NoteBlock }[]>();
  const lift = (list: Block[], inApparatus: boolean): Block[] => list.flatMap((b): Block[] => {
    const ref = inApparatus ? entryRef(b) : undefined;
    const at = ref && lemmaPart.get(ref.anchor);
    if (ref && at !== undefined && b.type === 'para') {
      const { id, ...rest } = ref;
      const note: NoteBlock = { type: 'note', id: id ?? `app-${ref.anchor}`, label: '', apparatus: true, pos: b.pos, children: [{ ...b, children: b.children.map((i) => (i === ref ? rest : i)) }] };
      entries.set(at, [...(entries.get(at) ?? []), { lemma: ref.anchor, note }]);
      return [];
    }
    if (b.type !== 'div') return [b];
    const children = lift(b.children, inApparatus || b.role === 'apparatus');
    return children.length || !b.children.length ? [{ ...b, children }] : [];
  });
  const parts = book.parts.map((p) => ({ ...p, blocks: lift(p.blocks, false) }));
  for (const [k, lifted] of entries) {
    const part = structuredClone(parts[k]);
    const marks = new Map(lifted.map((e) => [e.lemma, e.note.id]));
    const notes = lifted.map((e) => e.note);
    visitBlocks(part.blocks, (b) => {
      for (const runs of blockInlines(b)) visitInlines(runs, (i) => { if (i.type === 'anchor' && marks.has(i.id)) i.note = marks.get(i.id); });
    });
    parts[k] = { ...part, blocks: [...part.blocks, ...notes] };
  }
  return { ...book, parts };
}

/** Whether the book has resolved line references (else one layout is all). */
function hasLineRefs(book: Book): boolean {
  return book.parts.some((p) => refAnchors(p).length > 0);
}

/** Ids of the parts that hold lemma anchors: their text lines are numbered. */
export function partsWithLemmas(book: Book): Set<string> {
  return new Set(book.parts.filter((p) => inlineIds(p.blocks).some((id) => id.startsWith('lemma-'))).map((p) => p.id));
}

/** The lemmas a part's resolved line references show the place of. */
export function refAnchors(part: Part): string[] {
  const out = new Set<string>();
  visitBlocks(part.blocks, (b) => { for (const r of blockInlines(b)) visitInlines(r, (i) => { if (i.type === 'lineref' && i.target) out.add(i.anchor); }); });
  return [...out];
}

/**
 * Whether a line reference points at a lemma of a later part (an apparatus set before its text):
 * its number is known only once the whole book is laid out (settleLineRefs); else each part can
 * be given its numbers as it comes, from the lemmas placed before it and in it.
 */
export function refersForward(book: Book): boolean {
  const partOf = new Map<string, number>();
  book.parts.forEach((p, k) => { for (const id of inlineIds(p.blocks)) if (id.startsWith('lemma-')) partOf.set(id, k); });
  return book.parts.some((p, k) => refAnchors(p).some((id) => (partOf.get(id) ?? -1) > k || (partOf.get(`${id}-end`) ?? -1) > k));
}

/** The part with each resolved line reference showing `numbers` (its lemma's page.line, or line). */
export function partWithNumbers(part: Part, numbers: Map<string, string>, place: ApparatusPlace): Part {
  if (!refAnchors(part).length) return part;
  const fill = (list: Inline[]): Inline[] => list.map((i) => {
    if (i.type === 'lineref') return i.target ? { ...i, children: [{ type: 'text', text: numbers.get(i.anchor) ?? PENDING[place] }] } : i;
    return 'children' in i ? { ...i, children: fill(i.children) } as Inline : i;
  });
  const copy = structuredClone(part);
  visitBlocks(copy.blocks, (b) => {
    if (b.type === 'heading' || b.type === 'para') b.children = fill(b.children);
    else if (b.type === 'table') { b.head = b.head.map(fill); b.rows = b.rows.map((r) => r.map(fill)); }
    else if (b.type === 'figure') b.caption = fill(b.caption);
  });
  return copy;
}

/** The book with each resolved line reference showing `numbers`. */
function withNumbers(book: Book, numbers: Map<string, string>, place: ApparatusPlace): Book {
  return { ...book, parts: book.parts.map((p) => partWithNumbers(p, numbers, place)) };
}

/** Where an anchor is printed: the physical page, its folio, the line's number. */
export type Placed = { page: number; folio: string; line: number };

/** What finding the lemmas' lines takes of a book, found once for it (textHeadings, partsWithLemmas). */
export interface LemmaContext {
  heads: Set<string>;
  parts: Set<string>;
}

/**
 * The page.line of every lemma anchor set on the pages: the page's folio, and the number of the
 * anchor's line among the text lines of its document (on the page, or in the document). The
 * pages may be those of some parts only (whole parts), given with their folios (`labels`, in order).
 */
export function lemmaLines(pages: Page[], book: Book, mode: LineNumbering, context: LemmaContext = { heads: textHeadings(book), parts: partsWithLemmas(book) }, labels = folios(pages)): Map<string, Placed> {
  const first = pages[0]?.number ?? 1;
  const out = new Map<string, Placed>();
  const numbered = numberLines(pages, context.heads, mode === 'document' ? 'document' : 'page', context.parts);
  for (const [page, lines] of numbered) {
    for (const { placed, n } of lines) {
      for (const g of placed.line.glyphs) {
        const id = g.style.anchor;
        if (id?.startsWith('lemma-') && !out.has(id)) out.set(id, { page, folio: labels[page - first], line: n });
      }
    }
  }
  return out;
}

/**
 * page.line of a lemma, with the line (or page.line) it ends in when that is another: 12.3—5,
 * 12.30—13.2 (GB/T 15834 一字线). At the foot of its page, the line alone: 3, 3—5, 30—13.2.
 */
export function pageLine(start: Placed, end?: Placed, place: ApparatusPlace = 'end'): string {
  const from = place === 'foot' ? `${start.line}` : `${start.folio}.${start.line}`;
  if (!end || (end.page === start.page && end.line === start.line)) return from;
  return `${from}—${end.page === start.page ? end.line : `${end.folio}.${end.line}`}`;
}

/**
 * Lays the book out until every line reference shows the page.line (or line) its lemma is printed
 * at. Should the numbers not settle (each layout moving a lemma that the last one numbered), the
 * last layout is kept and `warn` names how many entries may show another line.
 */
export function settleLineRefs<L extends { pages: Page[] }>(book: Book, mode: LineNumbering, layout: (b: Book) => L, place: ApparatusPlace = 'end', warn?: (d: Diagnostic) => void): L {
  if (!hasLineRefs(book)) return layout(book);
  const context = { heads: textHeadings(book), parts: partsWithLemmas(book) };
  const placed = (pages: Page[]) => numbersOf(lemmaLines(pages, book, mode, context), place);
  let numbers = new Map<string, string>();
  let current = layout(withNumbers(book, numbers, place));
  for (let pass = 1; pass <= PASSES; pass++) {
    const next = placed(current.pages);
    const wrong = moved(next, numbers);
    if (!wrong) break;
    if (pass === PASSES) {
      warnUnsettled(wrong, warn);
      break;
    }
    numbers = next;
    current = layout(withNumbers(book, numbers, place));
  }
  return current;
}

/** What each line reference to a placed lemma shows. */
function numbersOf(at: Map<string, Placed>, place: ApparatusPlace): Map<string, string> {
  return numbersFor([...at.keys()].filter((id) => !id.endsWith('-end')), (id) => at.get(id), place);
}

/** What the line references to the lemmas `ids` show, those placed (`at`). */
export function numbersFor(ids: Iterable<string>, at: (id: string) => Placed | undefined, place: ApparatusPlace): Map<string, string> {
  const out = new Map<string, string>();
  for (const id of ids) {
    const start = at(id);
    if (start) out.set(id, pageLine(start, at(`${id}-end`), place));
  }
  return out;
}

/** How many references show another number than they did. */
export const moved = (now: Map<string, string>, shown: Map<string, string>) => [...now].filter(([id, v]) => shown.get(id) !== v).length + Math.max(0, shown.size - now.size);

/** The warning when the numbers do not settle: `wrong` entries may name another line. */
export function warnUnsettled(wrong: number, warn?: (d: Diagnostic) => void): void {
  warn?.({
    severity: 'warning', code: 'apparatus-lines', file: 'corpus/edition.yaml', line: 1,
    message: `the line numbers of the apparatus did not settle after ${PASSES} layouts: ${wrong} of its entries may name another line than their lemma's`,
    hint: 'set the apparatus at the end (pdf: apparatus: end), or report the book to wenji',
  });
}
