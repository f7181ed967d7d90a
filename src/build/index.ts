// Build: the stages from project files to out/<slug>.epub (and .pdf), each a plain function,
// with the output written atomically only when every stage succeeded.
import { join } from 'node:path';
import { DiagnosticError } from '../diagnostics.ts';
import { assembleBook, project } from '../book/assemble.ts';
import { bookText } from '../book/text.ts';
import { subsetFonts, type SubsetFont } from '../fonts/index.ts';
import { writeAtomic } from '../fsutil.ts';
import type { Book } from '../model/types.ts';
import { loadEdition } from '../edition/config.ts';
import { writeEpub } from '../writers/epub/index.ts';
import type { WriterOptions } from '../writers/options.ts';
import { writePdf } from '../writers/pdf/index.ts';
import { glyphProblems } from './glyphs.ts';

export type Format = 'epub' | 'pdf';
export const FORMATS: Format[] = ['epub', 'pdf'];

export interface BuildResult {
  format: Format;
  path: string;
  bytes: number;
}

export interface Prepared {
  book: Book;
  fonts: SubsetFont[];
  options: WriterOptions;
}

/** Assembles the book, checks its glyphs, and subsets the fonts to exactly its characters. */
export async function prepare(root: string, overrides: Partial<WriterOptions> = {}): Promise<Prepared> {
  const p = project(root);
  const book = assembleBook(p);
  const pieces = bookText(book);
  const fonts = await subsetFonts(pieces.map((x) => x.text).join(''));
  const problems = glyphProblems(pieces, p.corpus, fonts.find((f) => f.weight === 'regular')!);
  if (problems.length) throw new DiagnosticError(problems);
  const config = loadEdition(join(p.corpus, 'edition.yaml'));
  return { book, fonts, options: { paper: overrides.paper ?? config.pdf.paper, print: overrides.print ?? config.pdf.profile === 'print' } };
}

/** The writers, one per format, all with the same signature. */
export const WRITERS: Record<Format, (book: Book, fonts: SubsetFont[], options: WriterOptions) => Promise<Buffer>> = {
  epub: writeEpub,
  pdf: writePdf,
};

export async function build(root: string, formats: Format[], outDir = join(root, 'out'), overrides: Partial<WriterOptions> = {}): Promise<BuildResult[]> {
  const { book, fonts, options } = await prepare(root, overrides);
  // Every format is made in memory first: a failure in one leaves all previous files in place.
  const made = await Promise.all(formats.map(async (format) => ({ format, data: await WRITERS[format](book, fonts, options) })));
  return made.map(({ format, data }) => {
    const path = join(outDir, `${book.meta.slug}.${format}`);
    writeAtomic(path, data);
    return { format, path, bytes: data.length };
  });
}
