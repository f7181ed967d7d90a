// Benchmark: times each stage of import and build on the real corpus, and the whole build,
// and prints the figures. Run with `npm run bench`; not part of the tests.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assembleBook, project } from '../src/book/assemble.ts';
import { bookText } from '../src/book/text.ts';
import { build, prepare } from '../src/build/index.ts';
import { buildFontSet } from '../src/fonts/index.ts';
import { importCorpus } from '../src/import/index.ts';
import { writeEpub } from '../src/writers/epub/index.ts';
import { clearLayoutCache, layoutBook, writePdf } from '../src/writers/pdf/index.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
let peak = 0;
const sample = () => { peak = Math.max(peak, process.memoryUsage().rss); };
const timer = setInterval(sample, 5);

async function time(name: string, f: () => unknown): Promise<void> {
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await f();
    ms.push(performance.now() - t);
    sample();
  }
  ms.sort((a, b) => a - b);
  console.log(`${name.padEnd(34)} median ${ms[ms.length >> 1].toFixed(0).padStart(6)} ms   min ${ms[0].toFixed(0).padStart(6)} ms   (first ${ms.length > 1 ? 'run included' : 'only'})`);
}

const p = project(ROOT);
console.log(`wenji benchmark: ${RUNS} runs each, node ${process.version}`);
await time('import (5 witnesses → corpus)', () => importCorpus(p.corpus));
// A web witness whose text is one passage repeated to 1 MB: collation must stay near-linear.
const repeated = join(mkdtempSync(join(tmpdir(), 'wenji-bench-repeat-')), 'corpus');
cpSync(p.corpus, repeated, { recursive: true });
const web = join(repeated, 'sources', '001_ffce3baefabbf786.txt');
const webLines = readFileSync(web, 'utf8').split('\n');
const passage = `${webLines.slice(4, 10).join('\n')}\n\n`;
writeFileSync(web, `${webLines.slice(0, 4).join('\n')}\n${passage.repeat(Math.ceil(1e6 / Buffer.byteLength(passage)))}`);
await time('import, a witness repeating a passage to 1 MB', () => importCorpus(repeated));
await time('assemble (corpus + templates → model)', () => assembleBook(p));
const book = assembleBook(p);
const pieces = bookText(book);
await time('fonts (subset faces)', () => buildFontSet(pieces));
const prep = await prepare(ROOT);
await time('EPUB writer', () => writeEpub(prep.book, prep.fonts));
await time('PDF layout (measure, break, paginate)', () => { clearLayoutCache(); return layoutBook(prep.book, prep.fonts, prep.options); });
await time('PDF layout, parts unchanged (watch)', () => layoutBook(prep.book, prep.fonts, prep.options));
await time('PDF writer (layout + paint)', () => { clearLayoutCache(); return writePdf(prep.book, prep.fonts, prep.options); });
const out = mkdtempSync(join(tmpdir(), 'wenji-bench-'));
await time('whole build (EPUB + PDF, in process)', () => { clearLayoutCache(); return build(ROOT, ['epub', 'pdf'], out); });
await time('rebuild, nothing changed (watch)', () => build(ROOT, ['epub', 'pdf'], out));
clearInterval(timer);
const { pages } = layoutBook(prep.book, prep.fonts, prep.options);
console.log(`PDF pages: ${pages.length}; lines set: ${pages.reduce((n, pg) => n + pg.lines.length, 0)}`);
console.log(`peak resident memory: ${(peak / 1024 / 1024).toFixed(0)} MB`);
