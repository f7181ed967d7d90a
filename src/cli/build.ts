// Runner of `wenji build`: the pipeline of src/build/index.ts (buildAll), its making run in a
// child process so that Ctrl-C stops it at once (src/build/abort.ts), shown as it goes: one line
// per stage (the current step rewritten in place on a terminal), nothing with --quiet; then the
// warnings, each at its place; then a summary of what was written.
import { relative } from 'node:path';
import { makeInWorker, servedLast } from '../build/abort.ts';
import type { MadeEdition, Progress } from '../build/index.ts';
import { buildAll } from '../build/run.ts';
import type { BuildResult, Format } from '../build/publish.ts';
import { formatDiagnostic } from '../diagnostics.ts';
import type { WriterOptions } from '../writers/options.ts';
import { interruption, setInterruptNote } from './signals.ts';

export interface BuildCommandOptions {
  formats: Format[];
  outDir: string;
  writer: Partial<WriterOptions>;
  document?: string;
  edition?: string;
  corpus?: string;
  quiet?: boolean;
  strict?: boolean;
}

/** Pages of a PDF made by pdfkit: one `/Type /Page` dictionary each. */
export function pdfPageCount(data: Uint8Array): number {
  return (Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('latin1').match(/\/Type \/Page\b(?!s)/gu) ?? []).length;
}

const STAGES: Record<Progress['stage'], string> = { assemble: 'Corpus and templates', fonts: 'Fonts', epub: 'EPUB', pdf: 'PDF', publish: 'Write' };

/** Shows progress: plain lines, with the steps of a stage on one line rewritten in place on a terminal. */
function presenter(quiet?: boolean): (p: Progress) => void {
  if (quiet) return () => {};
  const tty = Boolean(process.stdout.isTTY) && !process.env.CI;
  let status = false;
  const clear = () => { if (status) { process.stdout.write('\r\x1b[K'); status = false; } };
  return (p) => {
    const title = `${p.edition ? `${p.edition}: ` : ''}${STAGES[p.stage]}`;
    if (p.state === 'step') {
      if (tty) { clear(); process.stdout.write(`› ${(p.message ?? '').slice(0, (process.stdout.columns || 80) - 3)}`); status = true; }
      else console.log(`› ${p.message}`);
      return;
    }
    clear();
    console.log(p.state === 'start' ? `❯ ${title}` : `✔ ${title}${p.message ? `: ${p.message}` : ''}`);
  };
}

function summary(r: BuildResult, made: MadeEdition[]): string {
  const edition = made.find((m) => r.path.endsWith(`${m.slug}.${r.format}`));
  const data = edition?.files.find((f) => f.format === r.format)?.data;
  const o = edition?.options;
  const pages = r.format === 'pdf' && data && o ? `, ${pdfPageCount(data)} pages (${o.paper}, ${o.print ? 'print' : 'screen'})` : '';
  return `${relative(process.cwd(), r.path) || r.path}  ${(r.bytes / 1024).toFixed(0)} KB${pages}`;
}

export async function runBuild(root: string, opts: BuildCommandOptions): Promise<BuildResult[]> {
  const started = performance.now();
  const out = relative(process.cwd(), opts.outDir) || opts.outDir;
  setInterruptNote(`${out}/ was left as it was`);
  let made: MadeEdition[] = [];
  const make: typeof makeInWorker = async (...a) => {
    const r = await makeInWorker(...a);
    made = r.editions;
    return r;
  };
  const show = presenter(opts.quiet);
  const { results, warnings } = await buildAll(root, opts.formats, opts.outDir, opts.writer, {
    corpus: opts.corpus, document: opts.document, edition: opts.edition, strict: opts.strict, make, signal: interruption,
    progress: (p) => { if (p.stage === 'publish' && p.state === 'done') setInterruptNote(`the build had finished; ${out}/ holds its new files`); show(p); },
  });
  for (const w of warnings) console.error(formatDiagnostic(w));
  if (!opts.quiet) {
    for (const r of results) console.log(summary(r, made));
    console.log(`built in ${((performance.now() - started) / 1000).toFixed(2)} s${servedLast() ? ' by the build server' : ''}${warnings.length ? `, ${warnings.length} warning${warnings.length > 1 ? 's' : ''}` : ''}`);
  }
  return results;
}
