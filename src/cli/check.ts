// Runner of `wenji check`: the corpus (schema, body rules, references, empty sections, glyph
// coverage) and the built files (EPUBCheck on the EPUB; fonts, kinsoku and justification on the
// PDF). Every finding is listed; any finding makes the exit code 1.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { assemble, fonts } from '../build/index.ts';
import { checkDocuments } from '../check/corpus.ts';
import { epubcheckDiagnostics } from '../check/epubcheck.ts';
import { checkPdf } from '../check/pdf.ts';
import { loadCorpus } from '../corpus/load.ts';
import { lintBody } from '../corpus/lint.ts';
import { DiagnosticError, formatDiagnostic, type Diagnostic } from '../diagnostics.ts';

/** The most recently changed file among the corpus documents, the edition file and the templates. */
function newestInput(root: string): { path: string } | undefined {
  const files = ['corpus', 'templates'].flatMap((dir) => {
    try { return readdirSync(join(root, dir)).filter((n) => /\.(md|yaml)$/u.test(n)).map((n) => join(root, dir, n)); } catch { return []; }
  });
  return files.map((path) => ({ path, t: statSync(path).mtimeMs })).sort((a, b) => b.t - a.t)[0];
}

/** Runs a check; its DiagnosticError becomes findings, and its value is returned when there is one. */
async function collect<T>(findings: Diagnostic[], f: () => T | Promise<T>): Promise<T | undefined> {
  try {
    return await f();
  } catch (e) {
    if (!(e instanceof DiagnosticError)) throw e;
    findings.push(...e.diagnostics);
    return undefined;
  }
}

export async function runCheck(root: string, opts: { outDir: string; built: boolean }): Promise<void> {
  const findings: Diagnostic[] = [];
  const corpus = await collect(findings, () => loadCorpus(join(root, 'corpus')));
  const assembled = corpus && await collect(findings, () => {
    findings.push(...corpus.flatMap(lintBody), ...checkDocuments(corpus));
    return assemble(root);
  });
  if (assembled) await collect(findings, () => fonts(root, assembled.book, undefined, (d) => findings.push(d)));
  if (assembled && opts.built && !findings.length) {
    for (const ext of ['epub', 'pdf']) {
      const path = join(opts.outDir, `${assembled.book.meta.slug}.${ext}`);
      const label = relative(process.cwd(), path) || path;
      if (!existsSync(path)) { findings.push({ severity: 'error', code: 'output-missing', file: label, message: 'not built yet', hint: 'run `wenji build` first, or check the corpus alone with --no-built' }); continue; }
      const newer = newestInput(root);
      if (newer && statSync(newer.path).mtimeMs > statSync(path).mtimeMs) {
        findings.push({ severity: 'warning', code: 'output-stale', file: label, message: `older than ${relative(root, newer.path)}: the built file does not show the latest corpus and templates`, hint: 'run `wenji build` again' });
      }
      findings.push(...(ext === 'epub' ? epubcheckDiagnostics(path, label) : await checkPdf(path, label)));
    }
  }
  for (const d of findings) console.error(formatDiagnostic(d));
  const errors = findings.filter((d) => d.severity === 'error').length;
  console.log(findings.length ? `${errors} errors, ${findings.length - errors} warnings` : `no findings: ${opts.built ? 'corpus and built files are' : 'corpus is'} valid`);
  if (findings.length) process.exitCode = 1;
}
