// Benchmark: `npm run bench`. Works on a copy of the project in a temporary folder (never on
// corpus/) and prints, stage by stage, the time of the build in process; the whole edition built
// by the command line with the font cache warm and cold (and pandoc making the EPUB alone from the
// same text, when pandoc is installed); a rebuild after a one-character edit as `wenji watch`
// makes it; the books of 50 and 500 documents made by bench/scale.ts; peak memory. The LAST line
// is one JSON object of all the figures. BENCH_RUNS (default 5) runs per figure; BENCH_SCALE
// (default 50,500; `0` for none) the sizes of the scale runs.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assembleBook, project } from '../src/book/assemble.ts';
import { bookText } from '../src/book/text.ts';
import { buildAll, prepare } from '../src/build/index.ts';
import { stopWorker } from '../src/build/parallel.ts';
import { watchProject } from '../src/cli/watch.ts';
import { buildFontSet } from '../src/fonts/index.ts';
import { writeEpub } from '../src/writers/epub/index.ts';
import { clearLayoutCache, layoutBook, writePdf } from '../src/writers/pdf/index.ts';
import { makeScaleProject } from './scale.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
// This process runs the sources; its writers run in parallel as the compiled command line's do.
process.env.WENJI_PARALLEL ??= '1';
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const SCALE = (process.env.BENCH_SCALE ?? '50,500').split(',').map(Number).filter((n) => n > 0);
const WORK = mkdtempSync(join(tmpdir(), 'wenji-bench-'));
let peak = 0;
const sample = () => { peak = Math.max(peak, process.memoryUsage().rss); };
const timer = setInterval(sample, 5);
const figures: Record<string, unknown> = { node: process.version, runs: RUNS };

const median = (ms: number[]) => { const s = [...ms].sort((a, b) => a - b); return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
const round = (n: number) => Math.round(n);

async function time(name: string, key: string, f: () => unknown, runs = RUNS): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await f();
    ms.push(performance.now() - t);
    sample();
  }
  const m = median(ms);
  console.log(`${name.padEnd(44)} median ${m.toFixed(0).padStart(6)} ms   min ${Math.min(...ms).toFixed(0).padStart(6)} ms`);
  figures[key] = round(m);
  return m;
}

/** The project copied: corpus (with its sources), templates, nothing else. */
function copyProject(dest: string): string {
  cpSync(join(ROOT, 'corpus'), join(dest, 'corpus'), { recursive: true });
  if (existsSync(join(ROOT, 'templates'))) cpSync(join(ROOT, 'templates'), join(dest, 'templates'), { recursive: true });
  return dest;
}

/** One run of the command line: wall time and peak memory. */
function cli(args: string[], env: Record<string, string> = {}): { ms: number; rssMB: number } {
  const rssFile = join(WORK, 'rss');
  const t = performance.now();
  const r = spawnSync(process.execPath, [join(ROOT, 'bench', 'measured.mjs'), ...args], { env: { ...process.env, ...env, BENCH_RSS_FILE: rssFile }, encoding: 'utf8' });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`wenji ${args.join(' ')} failed:\n${r.stderr}`);
  return { ms, rssMB: round(Number(readFileSync(rssFile, 'utf8')) / 1024) };
}

/** A font for pandoc to embed, as the comparison asks: the full Noto Serif CJK SC if the system has it. */
function pandocFont(): string | undefined {
  try {
    const path = execFileSync('fc-match', ['-f', '%{file}', 'Noto Serif CJK SC:style=Regular'], { encoding: 'utf8' }).trim();
    if (/NotoSerifCJK/iu.test(path)) return path;
  } catch { /* no fontconfig */ }
  return ['/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc'].find((p) => existsSync(p));
}

function hasPandoc(): boolean {
  return spawnSync('pandoc', ['--version']).status === 0;
}

try {
  console.log(`wenji benchmark: ${RUNS} runs each, node ${process.version}, working in ${WORK}`);
  const root = copyProject(join(WORK, 'project'));
  const out = join(WORK, 'out');

  // Stages, in this process.
  const p = project(root);
  await time('assemble (corpus + templates → model)', 'assemble_ms', () => assembleBook(p));
  const book = assembleBook(p);
  const pieces = bookText(book);
  await time('fonts (subset faces, disk cache warm)', 'fonts_ms', () => buildFontSet(pieces));
  const prep = await prepare(root);
  await time('EPUB writer', 'epub_ms', () => writeEpub(prep.book, prep.fonts));
  await time('PDF layout (measure, break, paginate)', 'pdf_layout_ms', () => { clearLayoutCache(); return layoutBook(prep.book, prep.fonts, prep.options); });
  await time('PDF writer (layout + paint)', 'pdf_ms', () => { clearLayoutCache(); return writePdf(prep.book, prep.fonts, prep.options); });
  await time('whole build in process (writers in parallel)', 'build_in_process_ms', () => { clearLayoutCache(); return buildAll(root, ['epub', 'pdf'], out); });
  const { pages } = layoutBook(prep.book, prep.fonts, prep.options);
  figures.pdf_pages = pages.length;

  // A rebuild after a one-character edit, as watch makes it (the watcher's own build time).
  const doc = join(root, 'corpus', readdirSync(join(root, 'corpus')).filter((f) => f.endsWith('.md')).sort()[0]);
  const original = readFileSync(doc, 'utf8');
  const builds: number[] = [];
  let waiting: ((ms: number) => void) | undefined;
  const w = watchProject(root, { formats: ['epub', 'pdf'], outDir: out, writer: {}, onBuild: ({ ms, error }) => { if (error) console.error(error); waiting?.(ms); } });
  await w.ready;
  for (let i = 0; i < RUNS; i++) {
    const built = new Promise<number>((resolve) => { waiting = resolve; });
    // One character of the last paragraph changed (a different one each time).
    writeFileSync(doc, original.replace(/。(\s*)$/u, `${'一二三四五六七八九十'[i % 10]}。$1`));
    builds.push(await built);
    sample();
  }
  await w.close();
  writeFileSync(doc, original);
  figures.rebuild_edit_ms = round(median(builds));
  console.log(`${'rebuild after a one-character edit (watch)'.padEnd(44)} median ${String(figures.rebuild_edit_ms).padStart(6)} ms   min ${Math.min(...builds).toFixed(0).padStart(6)} ms`);
  figures.peak_rss_mb = round(peak / 1024 / 1024);
  await stopWorker();

  // The whole edition by the command line, alternating with pandoc: warm (font cache primed),
  // as a user's next build is made (by the build server the first one left, src/build/server.ts)
  // and with the build server turned off (a new process each time: its peak memory is the
  // figure, the server's not being counted in a command's process tree); and cold (a new cache,
  // so a new build server too, told to go soon).
  const args = ['-C', root, 'build', '--quiet', '--out', out];
  const alone = { WENJI_SERVER: '0' };
  cli(args);
  cli(args, alone);
  const warm: number[] = [];
  const warmAlone: number[] = [];
  const cold: number[] = [];
  const pandoc: number[] = [];
  let rss = 0;
  const font = pandocFont();
  const withPandoc = hasPandoc();
  const texts = readdirSync(join(root, 'corpus')).filter((f) => f.endsWith('.md')).sort().map((f) => join(root, 'corpus', f));
  for (let i = 0; i < RUNS; i++) {
    warm.push(cli(args).ms);
    const a = cli(args, alone);
    warmAlone.push(a.ms);
    rss = Math.max(rss, a.rssMB);
    const cache = mkdtempSync(join(WORK, 'cache-'));
    cold.push(cli(args, { WENJI_FONT_CACHE: cache, WENJI_SERVER_IDLE: '10' }).ms);
    rmSync(cache, { recursive: true, force: true });
    if (withPandoc) {
      const t = performance.now();
      const r = spawnSync('pandoc', [...texts, '-f', 'markdown', '-o', join(WORK, 'pandoc.epub'), '--metadata', `title=${book.meta.title}`, ...(font ? [`--epub-embed-font=${font}`] : [])]);
      if (r.status === 0) pandoc.push(performance.now() - t);
    }
  }
  figures.whole_warm_ms = round(median(warm));
  figures.whole_warm_no_server_ms = round(median(warmAlone));
  figures.whole_cold_ms = round(median(cold));
  figures.whole_peak_rss_mb = rss;
  console.log(`${'whole edition, command line, cache warm'.padEnd(44)} median ${String(figures.whole_warm_ms).padStart(6)} ms   (by the build server)`);
  console.log(`${'  the same, build server off'.padEnd(44)} median ${String(figures.whole_warm_no_server_ms).padStart(6)} ms   (peak ${rss} MB)`);
  console.log(`${'whole edition, command line, cache cold'.padEnd(44)} median ${String(figures.whole_cold_ms).padStart(6)} ms`);
  if (pandoc.length) {
    figures.pandoc_epub_ms = round(median(pandoc));
    figures.pandoc_font = font ?? null;
    figures.ratio_warm = Number((median(warm) / median(pandoc)).toFixed(2));
    figures.ratio_warm_no_server = Number((median(warmAlone) / median(pandoc)).toFixed(2));
    figures.ratio_cold = Number((median(cold) / median(pandoc)).toFixed(2));
    console.log(`${'pandoc, EPUB only, same text'.padEnd(44)} median ${String(figures.pandoc_epub_ms).padStart(6)} ms   (ratio warm ${figures.ratio_warm}, server off ${figures.ratio_warm_no_server}, cold ${figures.ratio_cold})`);
  }

  // Books of 50 and 500 documents.
  for (const n of SCALE) {
    const dir = makeScaleProject(n, root, mkdtempSync(join(WORK, `scale-${n}-`)));
    // A first build, in a process of its own: its whole process tree is measured.
    const r = cli(['-C', dir, 'build', '--quiet'], { WENJI_SERVER: '0' });
    figures[`docs_${n}`] = { ms: round(r.ms), peak_rss_mb: r.rssMB, ms_per_doc: Number((r.ms / n).toFixed(1)) };
    console.log(`${`book of ${n} documents`.padEnd(44)} ${r.ms.toFixed(0).padStart(13)} ms   (peak ${r.rssMB} MB, ${(r.ms / n).toFixed(1)} ms per document)`);
    rmSync(dir, { recursive: true, force: true });
  }
  if (SCALE.length > 1) {
    const [a, b] = [SCALE[0], SCALE[SCALE.length - 1]];
    figures.per_doc_growth = Number(((figures[`docs_${b}`] as { ms_per_doc: number }).ms_per_doc / (figures[`docs_${a}`] as { ms_per_doc: number }).ms_per_doc).toFixed(2));
  }
} finally {
  clearInterval(timer);
  rmSync(WORK, { recursive: true, force: true });
}
console.log(JSON.stringify(figures));
