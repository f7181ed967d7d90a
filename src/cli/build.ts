// Runner of `wenji build`: the stages as a task list (listr2) with progress on a terminal, plain
// lines elsewhere, nothing with --quiet; then a summary of what was written.
import { relative } from 'node:path';
import { Listr } from 'listr2';
import { assemble, fonts, WRITERS, writeOutputs, type BuildResult, type Format } from '../build/index.ts';
import { loadCorpus } from '../corpus/load.ts';
import { DiagnosticError, fail } from '../diagnostics.ts';
import type { FontSet } from '../fonts/index.ts';
import type { Book } from '../model/types.ts';
import type { WriterOptions } from '../writers/options.ts';
import { join } from 'node:path';

export interface BuildCommandOptions {
  formats: Format[];
  outDir: string;
  writer: Partial<WriterOptions>;
  document?: string;
  corpus?: string;
  quiet?: boolean;
}

interface Ctx {
  book: Book;
  options: WriterOptions;
  fonts: FontSet;
  made: { format: Format; data: Buffer }[];
  results: BuildResult[];
}

/** Pages of a PDF made by pdfkit: one `/Type /Page` dictionary each. */
export function pdfPageCount(data: Buffer): number {
  return (data.toString('latin1').match(/\/Type \/Page\b(?!s)/gu) ?? []).length;
}

function renderer(quiet?: boolean): 'silent' | 'default' | 'simple' {
  if (quiet) return 'silent';
  return process.stdout.isTTY && !process.env.CI ? 'default' : 'simple';
}

export async function runBuild(root: string, opts: BuildCommandOptions): Promise<BuildResult[]> {
  const started = performance.now();
  if (opts.document) {
    const ids = loadCorpus(opts.corpus ?? join(root, 'corpus')).map((d) => d.front.id);
    if (!ids.includes(opts.document)) fail({ code: 'usage', message: `no document ${opts.document} in the corpus`, hint: `documents: ${ids.join(', ')}` });
  }
  // A stage's problems are printed once, in full, after the task list; the list shows only their count.
  let failure: DiagnosticError | undefined;
  const guard = <T>(f: (ctx: Ctx, task: { title: string }) => T) => async (ctx: Ctx, task: { title: string }) => {
    try {
      return await f(ctx, task);
    } catch (e) {
      if (!(e instanceof DiagnosticError)) throw e;
      failure = e;
      throw new Error(`${e.diagnostics.length} problem${e.diagnostics.length > 1 ? 's' : ''}, listed below`);
    }
  };
  const tasks = new Listr<Ctx>([
    { title: 'Corpus and templates', task: guard((ctx, task) => { Object.assign(ctx, assemble(root, opts)); task.title = `Corpus and templates: ${ctx.book.parts.filter((p) => p.kind === 'document').length} documents`; }) },
    { title: 'Fonts', task: guard(async (ctx, task) => { ctx.fonts = await fonts(root, ctx.book, opts.corpus); task.title = `Fonts: Noto Serif SC subset, ${ctx.fonts.fonts.map((f) => `${(f.data.length / 1024).toFixed(0)} KB`).join(' + ')}`; }) },
    ...opts.formats.map((format) => ({
      title: format.toUpperCase(),
      task: guard(async (ctx: Ctx, task: { title: string; output?: string }) => {
        const progress = (message: string) => { task.output = message; };
        ctx.made.push({ format, data: await WRITERS[format](ctx.book, ctx.fonts, { ...ctx.options, progress }) });
      }),
    })),
    { title: 'Write', task: guard((ctx) => { ctx.results = writeOutputs(opts.outDir, ctx.book.meta.slug, ctx.made); }) },
  ], { renderer: renderer(opts.quiet) as 'default', exitOnError: true, rendererOptions: { showErrorMessage: false } as never, ctx: { made: [] } as unknown as Ctx });
  const ctx = await tasks.run().catch((e: unknown) => { throw failure ?? e; });
  if (!opts.quiet) {
    for (const r of ctx.results) {
      const data = ctx.made.find((m) => m.format === r.format)!.data;
      const pages = r.format === 'pdf' ? `, ${pdfPageCount(data)} pages (${ctx.options.paper}, ${ctx.options.print ? 'print' : 'screen'})` : '';
      console.log(`${relative(process.cwd(), r.path) || r.path}  ${(r.bytes / 1024).toFixed(0)} KB${pages}`);
    }
    console.log(`built in ${((performance.now() - started) / 1000).toFixed(2)} s`);
  }
  return ctx.results;
}
