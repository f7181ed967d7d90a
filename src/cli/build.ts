// Runner of `wenji build`: loads and validates the corpus (the writers come next).
import { join } from 'node:path';
import { DiagnosticError } from '../diagnostics.ts';
import { loadCorpus } from '../corpus/load.ts';
import { lintBody } from '../corpus/lint.ts';

export function runBuild(project: string): void {
  const docs = loadCorpus(join(project, 'corpus'));
  const problems = docs.flatMap(lintBody);
  if (problems.length) throw new DiagnosticError(problems);
  console.log(`corpus: ${docs.length} documents valid`);
}
