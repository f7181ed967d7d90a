// Page measures of a laid-out edition (no painting): short pages (room left for the next page's first line), body lines off the grid,
// spreads whose body lines do not register, widows and orphans, notes continued on the next page,
// layout time. `tsx scripts/measure-pages.ts [root | --long]` (--long: the long book of the tests).
import { prepare } from '../src/build/index.ts';
import { longBook } from '../test/helpers/long-book.ts';
import { layoutBook } from '../src/writers/pdf/index.ts';
import { geometry } from '../src/writers/pdf/page.ts';

const root = process.argv[2] === '--long' ? longBook() : process.argv[2] ?? '.';
for (const [paper, print] of [['A5', true], ['A4', true], ['A5', false]] as const) {
  const prep = await prepare(root, { paper, print });
  const t = performance.now();
  const { pages } = layoutBook(prep.book, prep.fonts, prep.options);
  const ms = performance.now() - t;
  const g = geometry(paper, print);
  const grid = g.pitch * 0.5 + g.size * 0.36;
  const off = (y: number) => { const r = (((y - grid) % g.pitch) + g.pitch) % g.pitch; return Math.min(r, g.pitch - r) > 0.3; };
  let short = 0; let full = 0; let widows = 0; let orphans = 0; let continued = 0; let splitNotes = 0; let offPages = 0; let offLines = 0; let bodyLines = 0; const shorts: string[] = [];
  const offOf = new Map<number, boolean>();
  pages.forEach((p, i) => {
    if (p.blank || !p.lines.length) return;
    const next = pages[i + 1];
    const ends = !next || next.part !== p.part || next.blank;
    // Room left above the notes (their area is whole grid lines at the foot).
    const main = p.lines.filter((l) => !l.footnote);
    const notes = p.lines.filter((l) => l.footnote);
    const bottom = Math.max(...main.map((l) => l.y + l.line.height));
    const foot = notes.length ? g.textHeight - Math.ceil((g.textHeight - Math.min(...notes.map((l) => l.y))) / g.pitch - 0.001) * g.pitch : g.textHeight;
    const last = main.filter((l) => !l.repeated).at(-1);
    const top = next?.lines.find((l) => !l.repeated && !l.footnote);
    if (!ends && last && !last.last && last.block.lines.length > 1) {
      const k = last.block.lines.indexOf(last.line);
      if (k === 0) orphans++;
      if (top?.block === last.block && top.last) widows++;
    }
    if (notes.length && !notes[0].first && notes[0].block.lines.indexOf(notes[0].line) !== 0) continued++;
    if (notes.some((l) => !l.repeated) && notes.filter((l) => !l.repeated).at(-1)!.line !== notes.filter((l) => !l.repeated).at(-1)!.block.lines.at(-1)) splitNotes++;
    if (!ends) { full++; if (foot - bottom > 0.25 * g.pitch && foot - bottom >= (top?.line.height ?? g.pitch) - 0.01) { short++; shorts.push(`${p.number}:${((foot - bottom) / g.pitch).toFixed(1)}`); } }
    const body = p.lines.filter((l) => l.block.body);
    const o = body.filter((l) => off(l.y + l.line.baseline)).length;
    bodyLines += body.length; offLines += o;
    if (o) offPages++;
    offOf.set(p.number, o > 0);
  });
  let spreads = 0; let unreg = 0;
  for (const p of pages) if (p.number % 2 === 0 && pages[p.number]) {
    const a = pages[p.number - 1]; const b = pages[p.number];
    if (a.lines.some((l) => l.block.body) && b.lines.some((l) => l.block.body)) { spreads++; if (offOf.get(a.number) !== offOf.get(b.number) || offOf.get(a.number)) unreg++; }
  }
  console.log(`${paper} ${print ? 'print' : 'screen'}: ${pages.length} pages; short ${short}/${full} non-final [${shorts.join(' ')}]; off-grid body lines ${offLines}/${bodyLines} on ${offPages} pages; unregistered spreads ${unreg}/${spreads}; widows ${widows}, orphans ${orphans}; notes split ${splitNotes}; layout ${ms.toFixed(0)} ms`);
}
