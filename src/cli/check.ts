// Runner of `wenji check`: the documents (front matter, house rules where they apply, references,
// empty sections, glyph coverage), the warnings of assembly, and the built files of every edition
// (EPUBCheck on the EPUB; fonts, kinsoku, justification, the line grid and the measure on the PDF;
// short pages and split blocks in the pages the build makes). Every finding is listed; any finding makes the exit code 1.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { assembleAll, fonts, uniqueDiagnostics } from '../build/index.ts';
import { verifyManifest } from '../build/publish.ts';
import { checkDocuments } from '../check/corpus.ts';
import { epubcheckDiagnostics } from '../check/epubcheck.ts';
import { checkPdf, type SetAs } from '../check/pdf.ts';
import { pageProblems } from '../check/pages.ts';
import { layoutBook } from '../writers/pdf/index.ts';
import { geometry, leftEdge } from '../writers/pdf/page.ts';
import type { Page } from '../writers/pdf/paginate.ts';
import type { Geometry } from '../writers/pdf/page.ts';
import { documentPaths, loadDocuments } from '../corpus/load.ts';
import { DiagnosticError, formatDiagnostic, type Diagnostic } from '../diagnostics.ts';

/** The most recently changed file among the corpus documents, the edition file and the templates. */
function newestInput(root: string): { path: string } | undefined {
  const files = ['corpus', 'templates'].flatMap((dir) => {
    try { return readdirSync(join(root, dir)).filter((n) => /\.(md|yaml)$/u.test(n)).map((n) => join(root, dir, n)); } catch { return []; }
  });
  files.push(...documentPaths(join(root, 'corpus')).map((p) => join(root, 'corpus', p)));
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

/** The built files of one book: EPUBCheck, the PDF read back, and whether they are older than their inputs. */
async function checkBuilt(root: string, outDir: string, slug: string, set?: SetAs): Promise<Diagnostic[]> {
  const findings: Diagnostic[] = [];
  for (const ext of ['epub', 'pdf']) {
    const path = join(outDir, `${slug}.${ext}`);
    const label = relative(process.cwd(), path) || path;
    if (!existsSync(path)) { findings.push({ severity: 'error', code: 'output-missing', file: label, message: 'not built yet', hint: 'run `wenji build` first, or check the corpus alone with --no-built' }); continue; }
    const newer = newestInput(root);
    if (newer && statSync(newer.path).mtimeMs > statSync(path).mtimeMs) {
      findings.push({ severity: 'warning', code: 'output-stale', file: label, message: `older than ${relative(root, newer.path)}: the built file does not show the latest corpus and templates`, hint: 'run `wenji build` again' });
    }
    findings.push(...(ext === 'epub' ? epubcheckDiagnostics(path, label) : await checkPdf(path, label, set)));
  }
  return findings;
}

export async function runCheck(root: string, opts: { outDir: string; built: boolean }): Promise<void> {
  const findings: Diagnostic[] = [];
  const docs = await collect(findings, () => loadDocuments(join(root, 'corpus')));
  const books = docs && await collect(findings, () => {
    findings.push(...checkDocuments(docs));
    return assembleAll(root);
  });
  const layouts: { slug: string; pages: Page[]; g: Geometry }[] = [];
  for (const b of books ?? []) {
    findings.push(...b.warnings);
    const set = await collect(findings, () => fonts(root, b.book, undefined, (d) => findings.push(d)));
    if (set && opts.built) layouts.push({ slug: b.book.meta.slug, pages: layoutBook(b.book, set, b.options).pages, g: geometry(b.options.paper, b.options.print) });
  }
  if (books && opts.built && !findings.some((f) => f.severity === 'error')) {
    for (const b of books) {
      const l = layouts.find((x) => x.slug === b.book.meta.slug);
      // The lines the layout justified, by their baselines from the page's top, to be found flush in the PDF.
      const set = l && { g: l.g, justified: l.pages.map((p) => p.lines.filter((x) => x.line.justified).map((x) => ({ y: l.g.top + x.y + x.line.baseline, right: leftEdge(l.g, p.number) + x.line.x + x.line.width }))) };
      findings.push(...await checkBuilt(root, opts.outDir, b.book.meta.slug, set));
    }
    // The pages as pagination chose them: short pages nothing forces, kept blocks split.
    for (const l of layouts) findings.push(...pageProblems(l.pages, l.g, relative(process.cwd(), join(opts.outDir, `${l.slug}.pdf`)) || `${l.slug}.pdf`));
    findings.push(...verifyManifest(opts.outDir, relative(process.cwd(), opts.outDir) || opts.outDir));
  }
  const unique = uniqueDiagnostics(findings);
  for (const d of unique) console.error(formatDiagnostic(d));
  const errors = unique.filter((d) => d.severity === 'error').length;
  console.log(unique.length ? `${errors} errors, ${unique.length - errors} warnings` : `no findings: ${opts.built ? 'corpus and built files are' : 'corpus is'} valid`);
  if (unique.length) process.exitCode = 1;
}
