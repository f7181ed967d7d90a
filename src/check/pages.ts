// Checks of the pages a build makes, from the layout (what pagination chose and why): pages
// short of the text block though their part goes on (a page may end short only where the next
// page's first line, or the block kept whole it begins, or the notes it brings, could not stand in
// the room left), and blocks kept together that were split or left at a page's foot. The read-back of the PDF (pdf.ts) checks what is printed: the grid and the measure.
import type { Diagnostic } from '../diagnostics.ts';
import { kept } from '../writers/pdf/breaking.ts';
import { noteRefs } from '../writers/pdf/footnotes.ts';
import { ceilGrid, EPS, isHeading } from '../writers/pdf/grid.ts';
import type { Geometry } from '../writers/pdf/page.ts';
import type { Page, PlacedOnPage } from '../writers/pdf/paginate.ts';

const flowLines = (p: Page) => p.lines.filter((l) => !l.footnote && !l.repeated);

/** Grid lines left empty at the foot of a page, above its notes. */
function room(p: Page, g: Geometry): number {
  const main = flowLines(p);
  const bottom = Math.max(0, ...main.map((l) => l.y + l.line.height));
  const notes = p.lines.filter((l) => l.footnote);
  const foot = notes.length ? g.textHeight - ceilGrid(g.textHeight - Math.min(...notes.map((l) => l.y)), g.pitch) : g.textHeight;
  return Math.floor((foot - bottom) / g.pitch + EPS);
}

/**
 * Whether the room at a page's foot (`lines` grid lines) could not be filled from the next page:
 * its first line is taller, it begins a block kept whole that is taller, a heading, or brings notes.
 */
function forced(next: PlacedOnPage[], lines: number, g: Geometry): boolean {
  const first = next[0];
  const room = lines * g.pitch + EPS;
  if (first.line.height > room || noteRefs(first.line).length || isHeading(first.block)) return true;
  return first.first && kept(first.block) && first.block.lines.reduce((h, l) => h + l.height, 0) > room;
}

export function pageProblems(pages: Page[], g: Geometry, file: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  pages.forEach((p, i) => {
    const following = pages[i + 1];
    if (p.blank || !following || following.part !== p.part || following.blank) return;
    const main = flowLines(p);
    const next = flowLines(following);
    const last = main.at(-1);
    if (!next.length || !last) return;
    const short = room(p, g);
    if (short >= 1 && !forced(next, short, g)) {
      out.push({ severity: 'warning', code: 'page-short', file, message: `page ${p.number} ends ${short} line${short > 1 ? 's' : ''} short of the text block`, hint: 'a bug in wenji\'s page breaking: please report it with the document' });
    }
    const b = last.block;
    const n = b.lines.length;
    const k = b.lines.indexOf(last.line);
    const taller = b.lines.reduce((h, l) => h + l.height, 0) > g.textHeight;
    if (k < n - 1 && kept(b) && !taller) out.push({ severity: 'error', code: 'page-keep', file, message: `page ${p.number}: a block kept together (${b.tag}) is split to page ${following.number}`, hint: 'a bug in wenji\'s page breaking: please report it with the document' });
    if (k === n - 1 && b.keepWithNext) out.push({ severity: 'error', code: 'page-keep', file, message: `page ${p.number} ends with a block kept with the next (${b.tag}: 「${last.line.glyphs.map((x) => x.text).join('').slice(0, 12)}」)`, hint: 'a bug in wenji\'s page breaking: please report it with the document' });
  });
  return out;
}
