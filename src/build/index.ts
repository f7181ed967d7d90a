// Build: the stages from project files to out/<slug>.epub and .pdf, each a plain function, run in
// order by the CLI (which shows them as progress). Output is written atomically, and only when
// every stage succeeded: a failed build leaves out/ as it was.
import { join } from 'node:path';
import { formatDiagnostic, type Diagnostic } from '../diagnostics.ts';
import { assembleBook, project } from '../book/assemble.ts';
import { bookText } from '../book/text.ts';
import { loadEdition } from '../edition/config.ts';
import { buildFontSet, type FontSet } from '../fonts/index.ts';
import { cleanStale, writeAtomic } from '../fsutil.ts';
import type { Book } from '../model/types.ts';
import { writeEpub } from '../writers/epub/index.ts';
import type { WriterOptions } from '../writers/options.ts';
import { writePdf } from '../writers/pdf/index.ts';
import { glyphProblems } from './glyphs.ts';

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
  /** Corpus folder, if not <root>/corpus. */
  corpus?: string;
}

export interface BuildResult {
  format: Format;
  path: string;
  bytes: number;
}

export interface Prepared {
  book: Book;
  fonts: FontSet;
  options: WriterOptions;
}

/** Stage 1: corpus + edition + templates → the book. */
export function assemble(root: string, opts: BuildOptions = {}): { book: Book; options: WriterOptions } {
  const p = project(root, opts.corpus);
  const config = loadEdition(join(p.corpus, 'edition.yaml'));
  const book = assembleBook(p, opts.document ? { documents: [opts.document] } : {}, config);
  const options = { paper: opts.writer?.paper ?? config.pdf.paper, print: opts.writer?.print ?? config.pdf.profile === 'print' };
  return { book, options };
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

/** Stage 3: the files, written only when all of them were made. */
export function writeOutputs(outDir: string, slug: string, made: { format: Format; data: Buffer }[]): BuildResult[] {
  cleanStale(outDir);
  return made.map(({ format, data }) => {
    const path = join(outDir, `${slug}.${format}`);
    writeAtomic(path, data);
    return { format, path, bytes: data.length };
  });
}

export async function build(root: string, formats: Format[], outDir = join(root, 'out'), writer: Partial<WriterOptions> = {}, opts: BuildOptions = {}): Promise<BuildResult[]> {
  const { book, fonts: subset, options } = await prepare(root, writer, opts);
  const made = await Promise.all(formats.map(async (format) => ({ format, data: await WRITERS[format](book, subset, options) })));
  return writeOutputs(outDir, book.meta.slug, made);
}
