import { prepare } from './src/build/index.ts';
import { layoutBook } from './src/writers/pdf/index.ts';
import { serialize, deserialize } from 'node:v8';
const prep = await prepare(process.argv[2]);
for (let i = 0; i < 3; i++) {
  let t = performance.now();
  const L = layoutBook(prep.book, prep.fonts, { ...prep.options, incremental: false });
  const lay = performance.now() - t;
  t = performance.now();
  const buf = serialize(L.flows);
  const ser = performance.now() - t; t = performance.now();
  const back = deserialize(buf);
  console.log('pages', L.pages.length, 'layout', lay.toFixed(0), 'serialize', ser.toFixed(0), 'deserialize', (performance.now() - t).toFixed(0), 'MB', (buf.length / 1e6).toFixed(1));
  const parts = prep.book.parts; prep.book.parts = parts.map((p) => structuredClone(p));
}
