import { prepare } from '../src/build/index.ts';
import { layoutBook } from '../src/writers/pdf/index.ts';
const [paper, print, ...nums] = process.argv.slice(2);
const prep = await prepare('.', { paper: paper as 'A5', print: print === 'print' });
const { pages } = layoutBook(prep.book, prep.fonts, prep.options);
for (const n of nums.map(Number)) for (const k of [n, n + 1]) {
  const p = pages[k - 1];
  console.log(`--- page ${k} ${p.part.id}`);
  for (const l of p.lines) console.log(l.y.toFixed(1), l.line.height.toFixed(1), l.block.tag, `${l.block.lines.indexOf(l.line)}/${l.block.lines.length}`, l.block.keepWithNext ? 'K' : '', l.footnote ? 'FN' : '', l.line.glyphs.map((g) => g.text).join('').slice(0, 20));
}
