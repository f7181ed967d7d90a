// Runner of `wenji build`.
import { relative } from 'node:path';
import { build, type Format } from '../build/index.ts';

export async function runBuild(root: string, opts: { formats?: Format[]; outDir?: string } = {}): Promise<void> {
  const started = performance.now();
  const results = await build(root, opts.formats ?? ['epub', 'pdf'], opts.outDir);
  for (const r of results) console.log(`${relative(process.cwd(), r.path) || r.path}  ${(r.bytes / 1024).toFixed(0)} KB`);
  console.log(`built in ${((performance.now() - started) / 1000).toFixed(2)} s`);
}
