// Build: the stages from project files to out/<slug>.epub and .pdf for every edition of the
// project, each a plain function, run in order by the CLI (which shows them as progress). Output
// is written atomically, and only when every stage of every edition succeeded: a failed build,
// or a build with warnings under --strict, leaves out/ as it was.
import { join } from 'node:path';
import { DiagnosticError, formatDiagnostic, type Diagnostic } from '../diagnostics.ts';
import { assembleBooks, project } from '../book/assemble.ts';
import { bookText } from '../book/text.ts';
import { buildFontSet, type FontSet } from '../fonts/index.ts';
import { cleanStale, writeAtomic } from '../fsutil.ts';
import type { Book, Part } from '../model/types.ts';
import { writeEpub } from '../writers/epub/index.ts';
import { epubPartTexts } from '../writers/epub/readback.ts';
import type { WriterOptions } from '../writers/options.ts';
import { writePdf } from '../writers/pdf/index.ts';
import { pdfPartTexts, pdfReadingText } from '../writers/pdf/readback.ts';
import { glyphProblems } from './glyphs.ts';
import { compareText } from './verify.ts';

export type Format = 'epub' | 'pdf';

/** The writers, one per format, all with the same signature. */
export const WRITERS: Record<Format, (book: Book, fonts: FontSet, options: WriterOptions) => Promise<Buffer>> = {
  epub: writeEpub,
  pdf: writePdf,
};

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

export interface BuildResult {
  format: Format;
  path: string;
  bytes: number;
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

/**
 * Readers that give back the text of each part (part id → text) from a built file, by format.
 * Every build compares what they read with the model (verify.ts); a format without a reader is
 * not compared.
 */
export const READBACK: Partial<Record<Format, (data: Buffer, book: Book) => Promise<Map<string, string>>>> = {
  epub: (data) => epubPartTexts(data),
  pdf: (data, book) => pdfPartTexts(data, book.parts.map((p) => p.id)),
};

/** A part's text in the order a format gives it back, where it differs from the model's (the PDF's notes follow its flow). */
const EXPECTED: Partial<Record<Format, (part: Part) => string>> = {
  pdf: pdfReadingText,
};

/** Stage 2b: a file's text read back and compared with the model; a difference is an error. */
export async function readBack(book: Book, format: Format, data: Buffer): Promise<void> {
  const reader = READBACK[format];
  if (!reader) return;
  const problems = compareText(book, format, `${book.meta.slug}.${format}`, await reader(data, book), EXPECTED[format]);
  if (problems.length) throw new DiagnosticError(problems);
}

/** Stage 1: documents + edition file + templates → every book to build. */
export function assembleAll(root: string, opts: BuildOptions = {}): Assembly[] {
  return assembleBooks(project(root, opts.corpus), { edition: opts.edition, document: opts.document }).map(({ book, config, warnings }) => ({
    book, warnings,
    options: { paper: opts.writer?.paper ?? config.pdf.paper, print: opts.writer?.print ?? config.pdf.profile === 'print', lineNumbers: opts.writer?.lineNumbers ?? config.pdf.lineNumbers },
  }));
}

/** Stage 1 for the first book (or the one asked for). */
export function assemble(root: string, opts: BuildOptions = {}): Assembly {
  return assembleAll(root, opts)[0];
}

/**
 * Stage 2: the fonts the book needs, each subset to exactly the characters set in it. A character
 * no face has is a warning, given to `warn` (printed to stderr if the caller gives nothing).
 */
export async function fonts(root: string, book: Book, corpus?: string, warn: (d: Diagnostic) => void = (d) => console.error(formatDiagnostic(d))): Promise<FontSet> {
  const pieces = bookText(book);
  const set = await buildFontSet(pieces);
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

/** Stage 3: the files, written only when all of them were made. */
export function writeOutputs(outDir: string, slug: string, made: { format: Format; data: Buffer }[]): BuildResult[] {
  cleanStale(outDir);
  return made.map(({ format, data }) => {
    const path = join(outDir, `${slug}.${format}`);
    writeAtomic(path, data);
    return { format, path, bytes: data.length };
  });
}

/** Every edition: the files and all warnings (of assembly and of the writers). */
export async function buildAll(root: string, formats: Format[], outDir = join(root, 'out'), writer: Partial<WriterOptions> = {}, opts: BuildOptions = {}): Promise<{ results: BuildResult[]; warnings: Diagnostic[] }> {
  const books = assembleAll(root, { ...opts, writer });
  const made: { slug: string; files: { format: Format; data: Buffer }[] }[] = [];
  const warnings: Diagnostic[] = [];
  for (const a of books) {
    const subset = await fonts(root, a.book, opts.corpus, (d) => { a.warnings.push(d); });
    const warn = (d: Diagnostic) => { a.warnings.push(d); };
    const files = await Promise.all(formats.map(async (format) => ({ format, data: await WRITERS[format](a.book, subset, { ...a.options, warn }) })));
    for (const f of files) await readBack(a.book, f.format, f.data);
    made.push({ slug: a.book.meta.slug, files });
    warnings.push(...a.warnings);
  }
  const unique = uniqueDiagnostics(warnings);
  enforceStrict(unique, opts.strict);
  return { results: made.flatMap((m) => writeOutputs(outDir, m.slug, m.files)), warnings: unique };
}

export async function build(root: string, formats: Format[], outDir = join(root, 'out'), writer: Partial<WriterOptions> = {}, opts: BuildOptions = {}): Promise<BuildResult[]> {
  return (await buildAll(root, formats, outDir, writer, opts)).results;
}
