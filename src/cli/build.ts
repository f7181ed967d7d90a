// Runner of `wenji build`: the stages as a task list (listr2) with progress on a terminal, plain
// lines elsewhere, nothing with --quiet; then the warnings, each at its place; then a summary of
// what was written. Every edition of the project is built unless one is named.
import { relative } from 'node:path';
import { Listr } from 'listr2';
import { assembleAll, enforceStrict, fonts, uniqueDiagnostics, writeFormats, writeOutputs, type Assembly, type BuildResult, type Format } from '../build/index.ts';
import { DiagnosticError, formatDiagnostic, type Diagnostic } from '../diagnostics.ts';
import type { FontSet } from '../fonts/index.ts';
import type { WriterOptions } from '../writers/options.ts';

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

interface Made {
  assembly: Assembly;
  fonts?: FontSet;
  files: { format: Format; data: Buffer }[];
}

interface Ctx {
  books: Made[];
  results: { made: Made; results: BuildResult[] }[];
}

/** Pages of a PDF made by pdfkit: one `/Type /Page` dictionary each. */
export function pdfPageCount(data: Buffer): number {
  return (data.toString('latin1').match(/\/Type \/Page\b(?!s)/gu) ?? []).length;
}

function renderer(quiet?: boolean): 'silent' | 'default' | 'simple' {
  if (quiet) return 'silent';
  return process.stdout.isTTY && !process.env.CI ? 'default' : 'simple';
}

type Task = { title: string; output?: string };

/** The tasks of one edition: fonts, then each format. */
function editionTasks(made: Made, formats: Format[], root: string, corpus: string | undefined, guard: <T>(f: (ctx: Ctx, task: Task) => T) => (ctx: Ctx, task: Task) => Promise<T>, prefix: string) {
  const { book, options, warnings } = made.assembly;
  return [
    { title: `${prefix}Fonts`, task: guard(async (_ctx, task) => { made.fonts = await fonts(root, book, corpus, (d) => { warnings.push(d); }); task.title = `${prefix}Fonts: ${made.fonts.fonts.map((f) => `${(f.data.length / 1024).toFixed(0)} KB`).join(' + ')}`; }) },
    {
      title: `${prefix}${formats.map((f) => f.toUpperCase()).join(' + ')}`,
      task: guard(async (_ctx, task) => {
        const warn = (d: Diagnostic) => { warnings.push(d); };
        made.files.push(...await writeFormats(book, made.fonts!, formats, { ...options, warn }, undefined, (p) => { if (p.message) task.output = `${p.stage.toUpperCase()}: ${p.message}`; }));
      }),
    },
  ];
}

function summary(made: Made, r: BuildResult): string {
  const data = made.files.find((m) => m.format === r.format)!.data;
  const o = made.assembly.options;
  const pages = r.format === 'pdf' ? `, ${pdfPageCount(data)} pages (${o.paper}, ${o.print ? 'print' : 'screen'})` : '';
  return `${relative(process.cwd(), r.path) || r.path}  ${(r.bytes / 1024).toFixed(0)} KB${pages}`;
}

export async function runBuild(root: string, opts: BuildCommandOptions): Promise<BuildResult[]> {
  const started = performance.now();
  // A stage's problems are printed once, in full, after the task list; the list shows only their count.
  let failure: DiagnosticError | undefined;
  const guard = <T>(f: (ctx: Ctx, task: Task) => T) => async (ctx: Ctx, task: Task) => {
    try {
      return await f(ctx, task);
    } catch (e) {
      if (!(e instanceof DiagnosticError)) throw e;
      failure = e;
      throw new Error(`${e.diagnostics.length} problem${e.diagnostics.length > 1 ? 's' : ''}, listed below`);
    }
  };
  const ctx: Ctx = { books: [], results: [] };
  const assembly = new Listr<Ctx>([{
    title: 'Corpus and templates',
    task: guard((c, task) => {
      c.books = assembleAll(root, opts).map((assembly) => ({ assembly, files: [] }));
      const docs = c.books.reduce((n, b) => n + b.assembly.book.parts.filter((p) => p.kind === 'document').length, 0);
      task.title = `Corpus and templates: ${c.books.length > 1 ? `${c.books.length} books, ` : ''}${docs} document${docs === 1 ? '' : 's'}`;
    }),
  }], { renderer: renderer(opts.quiet) as 'default', exitOnError: true, rendererOptions: { showErrorMessage: false } as never, ctx });
  await assembly.run().catch((e: unknown) => { throw failure ?? e; });
  const many = ctx.books.length > 1;
  const tasks = new Listr<Ctx>([
    ...ctx.books.flatMap((made) => editionTasks(made, opts.formats, root, opts.corpus, guard, many ? `${made.assembly.book.meta.slug}: ` : '')),
    {
      title: 'Write',
      task: guard((c) => {
        enforceStrict(uniqueDiagnostics(c.books.flatMap((b) => b.assembly.warnings)), opts.strict);
        c.results = c.books.map((made) => ({ made, results: writeOutputs(opts.outDir, made.assembly.book.meta.slug, made.files) }));
      }),
    },
  ], { renderer: renderer(opts.quiet) as 'default', exitOnError: true, rendererOptions: { showErrorMessage: false } as never, ctx });
  await tasks.run().catch((e: unknown) => { throw failure ?? e; });
  const warnings = uniqueDiagnostics(ctx.books.flatMap((b) => b.assembly.warnings));
  for (const w of warnings) console.error(formatDiagnostic(w));
  if (!opts.quiet) {
    for (const { made, results } of ctx.results) for (const r of results) console.log(summary(made, r));
    console.log(`built in ${((performance.now() - started) / 1000).toFixed(2)} s${warnings.length ? `, ${warnings.length} warning${warnings.length > 1 ? 's' : ''}` : ''}`);
  }
  return ctx.results.flatMap((r) => r.results);
}
