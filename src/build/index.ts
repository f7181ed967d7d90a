// Build: the one pipeline from project files to out/<slug>.epub and .pdf for every edition of
// the project: assemble → fonts → writers → read-back → --strict → publish. Each stage is a plain
// function; `makeAll` runs the first ones and tells their progress, `publish` (publish.ts) puts
// every file and the SHA256SUMS manifest into out/ as one commit, and only when every stage of
// every edition succeeded: a failed build, or one with warnings under --strict, leaves out/ as
// it was. The command line runs `makeAll` in a child process it can stop (abort.ts).
import { join } from 'node:path';
import { DiagnosticError, formatDiagnostic, type Diagnostic } from '../diagnostics.ts';
import { assembleBooks, project } from '../book/assemble.ts';
import { bookText } from '../book/text.ts';
import { saveCuts } from '../cjk/phrases.ts';
import { buildFontSet, type FaceMaker, type FontSet } from '../fonts/index.ts';
import type { Book, Part } from '../model/types.ts';
import type { WriterOptions } from '../writers/options.ts';
import { glyphProblems } from './glyphs.ts';
import type { Format, Made } from './publish.ts';
import { makeOne, readBack, READBACK, WRITERS } from './formats.ts';
import { faceInWorker, parallel, writeFormatsWith } from './parallel.ts';

export type { BuildResult, Format, Made } from './publish.ts';
export { build, buildAll } from './run.ts';

export { makeOne, readBack, READBACK, WRITERS };

export interface BuildOptions {
  formats?: Format[];
  outDir?: string;
  /** Paper and profile, overriding the edition file. */
  writer?: Partial<WriterOptions>;
  /** Build only this document, as a small edition of its own. */
  document?: string;
  /** Build only this edition (by name or slug). */
  edition?: string;
  /** Corpus folder, if not <root>/corpus. */
  corpus?: string;
  /** Any warning fails the build (nothing is written). */
  strict?: boolean;
}

/** One book ready for the writers, with the warnings found so far. */
export interface Assembly {
  book: Book;
  options: WriterOptions;
  warnings: Diagnostic[];
}

export interface Prepared {
  book: Book;
  fonts: FontSet;
  options: WriterOptions;
}


/** Stage 1: documents + edition file + templates → every book to build. */
export function assembleAll(root: string, opts: BuildOptions = {}): Assembly[] {
  return assembleBooks(project(root, opts.corpus), { edition: opts.edition, document: opts.document }).map(({ book, config, warnings }) => ({
    book, warnings,
    options: { paper: opts.writer?.paper ?? config.pdf.paper, print: opts.writer?.print ?? config.pdf.profile === 'print', lineNumbers: opts.writer?.lineNumbers ?? config.pdf.lineNumbers, apparatus: opts.writer?.apparatus ?? config.pdf.apparatus, ...(opts.writer?.incremental ? { incremental: true } : {}) },
  }));
}

/** Stage 1 for the first book (or the one asked for). */
export function assemble(root: string, opts: BuildOptions = {}): Assembly {
  return assembleAll(root, opts)[0];
}

/**
 * Stage 2: the fonts the book needs, each subset to exactly the characters set in it. A character
 * no face has is a warning, given to `warn` (printed to stderr if the caller gives nothing).
 * `elsewhere` makes a face the cache lacks in another thread (buildFontSet).
 */
export async function fonts(root: string, book: Book, corpus?: string, warn: (d: Diagnostic) => void = (d) => console.error(formatDiagnostic(d)), elsewhere?: FaceMaker): Promise<FontSet> {
  const pieces = bookText(book);
  const set = await buildFontSet(pieces, elsewhere);
  const corpusDir = project(root, corpus).corpus;
  const path = (file: string) => (file.startsWith('corpus/') ? join(corpusDir, file.slice('corpus/'.length)) : join(root, file));
  for (const d of glyphProblems(pieces, set, path)) warn(d);
  return set;
}

export async function prepare(root: string, writer: Partial<WriterOptions> = {}, opts: BuildOptions = {}): Promise<Prepared> {
  const { book, options } = assemble(root, { ...opts, writer });
  return { book, fonts: await fonts(root, book, opts.corpus), options };
}

/** A warning about a document found again by every edition that holds it is told once; all in the order of their places. */
export function uniqueDiagnostics(list: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  const unique = list.filter((d) => { const k = formatDiagnostic(d); if (seen.has(k)) return false; seen.add(k); return true; });
  const byPlace = (a: Diagnostic, b: Diagnostic) => (a.file ?? '').localeCompare(b.file ?? '') || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0);
  return unique.sort(byPlace);
}

/** Under --strict every warning is an error: the build stops before anything is written. */
export function enforceStrict(warnings: Diagnostic[], strict?: boolean): void {
  if (strict && warnings.length) {
    throw new DiagnosticError(warnings.map((w) => ({ ...w, severity: 'error', hint: `${w.hint ? `${w.hint}; ` : ''}an error because of --strict` })));
  }
}

/** Progress of a build, for a display: a stage starts, tells what it is doing, or ends. */
export interface Progress {
  stage: 'assemble' | 'fonts' | Format | 'publish';
  /** The edition's slug when the build holds several editions. */
  edition?: string;
  state: 'start' | 'step' | 'done';
  /** What the stage is doing (step) or what it made (done). */
  message?: string;
}

export interface PipelineOptions extends BuildOptions {
  /** Told of every stage as it starts, works and ends. */
  progress?: (p: Progress) => void;
  /** Stops the build between stages, documents and writers; out/ is then left as it was. */
  signal?: AbortSignal;
  /** Where stages 1–3 run: makeAll itself by default, or the same in a child process (abort.ts). */
  make?: typeof makeAll;
}

/** Lets a signal (an abort, a Ctrl-C) be seen, and stops if the build was aborted. */
async function checkpoint(signal?: AbortSignal): Promise<void> {
  signal?.throwIfAborted();
  await new Promise<void>((resolve) => setImmediate(resolve));
  signal?.throwIfAborted();
}

/**
 * Stage 3: the writers make every format of one book, and each file is read back and compared
 * with the model. The one place where the writers are called: the formats are made at the same
 * time, one in a worker thread (parallel.ts), giving the same bytes as one after the other.
 */
export async function writeFormats(book: Book, subset: FontSet, formats: Format[], options: WriterOptions, signal?: AbortSignal, progress?: (p: Progress) => void): Promise<{ format: Format; data: Buffer }[]> {
  await checkpoint(signal);
  return writeFormatsWith((format, o) => makeOne(book, subset, format, o), book, subset, formats, options, signal, progress);
}

/** One edition made: its files in memory, the writer options it was made with. */
export interface MadeEdition extends Made {
  options: WriterOptions;
}

/**
 * Stages 1–3 and --strict for every edition: assembly, fonts, writers, read-back. Nothing is
 * written to out/; the result is published by `publish`. Throws a DiagnosticError at the first
 * stage with errors, or with every warning under --strict.
 */
export async function makeAll(root: string, formats: Format[], writer: Partial<WriterOptions> = {}, opts: PipelineOptions = {}): Promise<{ editions: MadeEdition[]; warnings: Diagnostic[] }> {
  const { progress, signal } = opts;
  progress?.({ stage: 'assemble', state: 'start' });
  await checkpoint(signal);
  const books = assembleAll(root, { ...opts, writer });
  const docs = books.reduce((n, b) => n + b.book.parts.filter((p) => p.kind === 'document').length, 0);
  progress?.({ stage: 'assemble', state: 'done', message: `${books.length > 1 ? `${books.length} books, ` : ''}${docs} document${docs === 1 ? '' : 's'}` });
  const editions: MadeEdition[] = [];
  const warnings: Diagnostic[] = [];
  for (const a of books) {
    const edition = books.length > 1 ? a.book.meta.slug : undefined;
    const tell = progress && ((p: Progress) => progress({ ...p, edition }));
    const warn = (d: Diagnostic) => { a.warnings.push(d); };
    await checkpoint(signal);
    tell?.({ stage: 'fonts', state: 'start' });
    // The writers' thread, started for the formats, is idle until the book is ready: it makes a face too.
    const subset = await fonts(root, a.book, opts.corpus, warn, parallel(formats) ? faceInWorker : undefined);
    tell?.({ stage: 'fonts', state: 'done', message: subset.fonts.map((f) => `${(f.data.length / 1024).toFixed(0)} KB`).join(' + ') });
    const files = await writeFormats(a.book, subset, formats, { ...a.options, warn }, signal, tell);
    editions.push({ slug: a.book.meta.slug, files, options: a.options });
    warnings.push(...a.warnings);
  }
  saveCuts();
  const unique = uniqueDiagnostics(warnings);
  enforceStrict(unique, opts.strict);
  await checkpoint(signal);
  return { editions, warnings: unique };
}
