// Line numbers of a document's text, for an apparatus keyed to page and line (as reledmac and
// ekdosis number the lines of an edited text). The numbered lines are those of the document's
// own words (the `text` container: its paragraphs and section heads), counted on each page or
// through the document, as the edition file says. Pure: pages in, numbers out.
import { visitBlocks, type Book } from '../../model/types.ts';
import type { Style } from './items.ts';
import type { Geometry } from './page.ts';
import type { Page, PlacedOnPage } from './paginate.ts';

export type LineNumbering = 'page' | 'document' | 'none';

/** A numbered line on its page. */
export interface NumberedLine {
  placed: PlacedOnPage;
  /** Its number: on the page, or in the document. */
  n: number;
}

/** Ids of the headings inside each part's `text` container (paragraphs there are flagged `body` by layout). */
export function textHeadings(book: Book): Set<string> {
  const ids = new Set<string>();
  for (const p of book.parts) visitBlocks(p.blocks, (b, context) => { if (b.type === 'heading' && context.includes('text')) ids.add(b.id); });
  return ids;
}

/** Whether a placed line is a line of a document's text. */
const isText = (p: PlacedOnPage, heads: Set<string>) => !p.repeated && (p.block.body || p.block.anchors.some((a) => heads.has(a)));

/**
 * The numbered lines of every page, by page number: every text line of the parts in `parts`,
 * numbered from 1 on each page (`page`) or from the document's first line (`document`; also
 * what `none` counts by, on the page, though nothing is printed).
 */
export function numberLines(pages: Page[], heads: Set<string>, mode: LineNumbering, parts?: Set<string>): Map<number, NumberedLine[]> {
  const out = new Map<number, NumberedLine[]>();
  const count = new Map<string, number>();
  for (const page of pages) {
    if (parts && !parts.has(page.part.id)) continue;
    const lines: NumberedLine[] = [];
    let n = mode === 'document' ? count.get(page.part.id) ?? 0 : 0;
    for (const placed of page.lines) if (isText(placed, heads)) lines.push({ placed, n: ++n });
    count.set(page.part.id, n);
    if (lines.length) out.set(page.number, lines);
  }
  return out;
}

/** The lines printed with their number in the margin: every fifth. */
export function marginNumbers(numbered: Map<number, NumberedLine[]>, mode: LineNumbering): Map<number, NumberedLine[]> {
  if (mode === 'none') return new Map();
  return new Map([...numbered].map(([page, lines]) => [page, lines.filter((l) => l.n % 5 === 0)] as const).filter(([, l]) => l.length));
}

/**
 * The pages with each printed number set in its line: a glyph in the outer margin (left of a
 * verso, right of a recto), small, on the line's baseline, drawn as an artifact (not text of the
 * document). Its digits are in every subset (book/text.ts, the writers' characters).
 */
export function setMarginNumbers(pages: Page[], numbers: Map<number, NumberedLine[]>, g: Geometry, advance: (text: string) => number): Page[] {
  const style: Style = { weight: 'regular', size: g.size * 0.7, artifact: true };
  return pages.map((page) => {
    const marked = numbers.get(page.number);
    if (!marked?.length) return page;
    const verso = g.print && page.number % 2 === 0;
    const at = new Map(marked.map((m) => [m.placed, m.n]));
    return {
      ...page,
      lines: page.lines.map((p) => {
        const n = at.get(p);
        if (n === undefined) return p;
        const text = String(n);
        const width = advance(text) * style.size;
        const x = verso ? -p.line.x - g.size - width : g.measure - p.line.x + g.size;
        return { ...p, line: { ...p.line, glyphs: [...p.line.glyphs, { text, x, width, style }] } };
      }),
    };
  });
}
