// The whole build as the command line runs it: make (stages 1–3: build/index.ts, or the same in a
// child process, abort.ts), then publish into out/ as one commit (publish.ts). Apart from the
// pipeline so that a process that only publishes (the command line's, whose child makes the
// files) does not load the libraries of assembly and the writers: the pipeline is loaded only
// when it runs here.
import { join } from 'node:path';
import type { Diagnostic } from '../diagnostics.ts';
import type { WriterOptions } from '../writers/options.ts';
import type { PipelineOptions } from './index.ts';
import { checkOutDir, insideProject, publish, type BuildResult, type Format } from './publish.ts';

/**
 * The whole build of every edition: make (stages 1–3), then publish into out/ as one commit
 * (publish.ts). Out/ changes only if every stage of every edition succeeded.
 */
export async function buildAll(root: string, formats: Format[], outDir = join(root, 'out'), writer: Partial<WriterOptions> = {}, opts: PipelineOptions = {}): Promise<{ results: BuildResult[]; warnings: Diagnostic[] }> {
  // The corpus folder as project() (book/assemble.ts) names it.
  checkOutDir(root, outDir, opts.corpus ?? join(root, 'corpus'));
  const make = opts.make ?? (await import('./index.ts')).makeAll;
  const { editions, warnings } = await make(root, formats, writer, opts);
  opts.progress?.({ stage: 'publish', state: 'start' });
  // Nothing is written once the build was stopped; publish runs synchronously from here on.
  opts.signal?.throwIfAborted();
  const results = publish(outDir, editions, !insideProject(root, outDir));
  opts.progress?.({ stage: 'publish', state: 'done' });
  return { results, warnings };
}

export async function build(root: string, formats: Format[], outDir = join(root, 'out'), writer: Partial<WriterOptions> = {}, opts: PipelineOptions = {}): Promise<BuildResult[]> {
  return (await buildAll(root, formats, outDir, writer, opts)).results;
}
