import { prepare } from '../src/build/index.ts';
import { layoutBook } from '../src/writers/pdf/index.ts';
const [paper, print] = process.argv.slice(2);
const prep = await prepare('.', { paper: paper as 'A5', print: print === 'print' });
const { pages } = layoutBook(prep.book, prep.fonts, prep.options);
for (const p of pages) {
  const main = p.lines.filter((l) => !l.footnote);
  const last = main.at(-1);
  console.log(p.number, p.part.id.slice(0, 30), p.blank ? 'BLANK' : '', main.length, 'fn', p.lines.filter((l) => l.footnote).length, last ? `${last.block.tag} ${((last.y + last.line.height)).toFixed(1)} ${last.line.glyphs.map((g) => g.text).join('').slice(0, 12)}` : '');
}
