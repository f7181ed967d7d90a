// Checks of the pages a build makes, from the layout (what pagination chose and why): pages
// short of the text block that nothing forces (a page may end short where filling it would leave
// a widow or orphan, a heading at the foot or a kept block split; one line short where the facing
// page is as short), and blocks kept together that were split or left at a page's foot. The read-back of the PDF (pdf.ts) checks what is printed: the grid and the measure.
import type { Diagnostic } from '../diagnostics.ts';
import { breakCost, COSTS, kept } from '../writers/pdf/breaking.ts';
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
 * Whether the room at a page's foot could not be filled well from the next page: taking its first
 * lines back would leave a widow or an orphan, split a block kept whole or leave a heading at the
 * foot, or bring notes, or not fit.
 */
function forced(next: PlacedOnPage[], lines: number, g: Geometry): boolean {
  let height = 0;
  for (const p of next.slice(0, lines)) {
    height += p.line.height;
    if (height > lines * g.pitch + EPS || noteRefs(p.line).length || isHeading(p.block)) return true;
    if (breakCost([p.block], 0, p.block.lines.indexOf(p.line), false) < COSTS.widow) return false;
  }
  return true;
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
    // In print, a page as short as the page facing it keeps the spread level: the lines register across it.
    const facing = g.print ? pages[p.number % 2 === 0 ? i + 1 : i - 1] : undefined;
    const level = !!facing && !facing.blank && facing.part === p.part && room(facing, g) === short;
    if (short >= 1 && !forced(next, short, g) && !(short === 1 && level)) {
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
