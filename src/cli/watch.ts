// Runner of `wenji watch`: rebuilds when the corpus or the templates change. Changes that come
// together are built once; a change during a build is built right after it. Font subsets are
// reused while the set of characters stays the same, so most rebuilds redo only assembly and writers;
// the PDF lays out again only the documents that changed, and the EPUB is made at the same time
// in a worker thread kept between builds. The project folder itself is watched (corpus/ and
// templates/ within it), so that deleting corpus/ and putting it back is seen like any change.
import { relative, sep } from 'node:path';
import { join } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import type { BuildResult, Format } from '../build/index.ts';
import { buildAll } from '../build/run.ts';
import { stopWorker } from '../build/parallel.ts';
import { DiagnosticError, formatDiagnostic, type Diagnostic } from '../diagnostics.ts';
import type { WriterOptions } from '../writers/options.ts';

export interface WatchOptions {
  formats: Format[];
  outDir: string;
  writer: Partial<WriterOptions>;
  /** Called after every build, with its files or its problems. */
  onBuild?: (result: { results?: BuildResult[]; warnings?: Diagnostic[]; error?: unknown; ms: number }) => void;
}

export function watchProject(root: string, opts: WatchOptions): { ready: Promise<void>; close: () => Promise<void> } {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | null = null;
  let again = false;
  const rebuild = async (): Promise<void> => {
    if (running) { again = true; return running; }
    const started = performance.now();
    running = buildAll(root, opts.formats, opts.outDir, { ...opts.writer, incremental: true })
      .then(({ results, warnings }) => opts.onBuild?.({ results, warnings, ms: performance.now() - started }))
      .catch((error) => opts.onBuild?.({ error, ms: performance.now() - started }))
      .finally(() => { running = null; if (again) { again = false; void rebuild(); } });
    return running;
  };
  // Only corpus/ (less its witnesses) and templates/ matter; the rest of the folder (out/,
  // node_modules/, …) is not even looked into.
  const corpus = join(root, 'corpus');
  const templates = join(root, 'templates');
  const sources = join(corpus, 'sources');
  const within = (p: string, dir: string) => p === dir || p.startsWith(dir + sep);
  const ignored = (p: string) => p !== root && !((within(p, corpus) && !within(p, sources)) || within(p, templates));
  const watcher: FSWatcher = watch(root, { ignoreInitial: true, ignored });
  watcher.on('all', () => { clearTimeout(timer); timer = setTimeout(() => void rebuild(), 150); });
  const ready = new Promise<void>((resolve) => watcher.on('ready', () => resolve()));
  return { ready: ready.then(() => rebuild()), close: async () => { clearTimeout(timer); await watcher.close(); await running; await stopWorker(); } };
}

/** Prints one line per build, or the problems of a failed one, until interrupted. */
export async function runWatch(root: string, opts: Omit<WatchOptions, 'onBuild'>): Promise<void> {
  const w = watchProject(root, {
    ...opts,
    onBuild: ({ results, warnings, error, ms }) => {
      const time = new Date().toTimeString().slice(0, 8);
      for (const w of warnings ?? []) console.error(formatDiagnostic(w));
      if (results) console.log(`${time} built in ${(ms / 1000).toFixed(2)} s: ${results.map((r) => `${relative(process.cwd(), r.path)} ${(r.bytes / 1024).toFixed(0)} KB`).join(', ')}`);
      else if (error instanceof DiagnosticError) console.error(`${time} build failed; the previous files are kept:\n${error.diagnostics.map(formatDiagnostic).join('\n')}`);
      else console.error(`${time} build failed: ${(error as Error).message}`);
    },
  });
  await w.ready;
  console.log(`watching ${relative(process.cwd(), join(root, 'corpus')) || 'corpus'}/ and templates/ — Ctrl-C to stop`);
  await new Promise<void>((resolve) => process.once('SIGINT', () => void w.close().then(resolve)));
}
