// The formats a build makes: for each, its writer and the reader that gives its text back for
// the comparison with the model. Apart from the rest of the pipeline, so that a thread that only
// writes (parallel.ts) loads no more than the writers; each writer is loaded when first used.
import { DiagnosticError } from '../diagnostics.ts';
import type { FontSet } from '../fonts/index.ts';
import type { Book, Part } from '../model/types.ts';
import type { WriterOptions } from '../writers/options.ts';
import { compareText } from './verify.ts';

export type Format = 'epub' | 'pdf';

/** The writers, one per format, all with the same signature; each loaded when first used. */
export const WRITERS: Record<Format, (book: Book, fonts: FontSet, options: WriterOptions) => Promise<Buffer>> = {
  epub: async (...a) => (await import('../writers/epub/index.ts')).writeEpub(...a),
  pdf: async (...a) => (await import('../writers/pdf/index.ts')).writePdf(...a),
};

/** A character no font draws (a joiner, a variation selector): never looked for in a file. */
const IGNORABLE = /\p{Default_Ignorable_Code_Point}/u;

/**
 * Readers that give back the text of each part (part id → text) from a built file, by format.
 * Every build compares what they read with the model (verify.ts); a format without a reader is
 * not compared.
 */
export const READBACK: Partial<Record<Format, (data: Buffer, book: Book, options: Partial<WriterOptions>) => Promise<Map<string, string>>>> = {
  epub: async (data) => (await import('../writers/epub/readback.ts')).epubPartTexts(data),
  pdf: async (data, book, options) => (await import('../writers/pdf/readback.ts')).pdfPartTexts(data, book.parts.map((p) => p.id), options.shareReading),
};

/**
 * A part's text in the order a format gives it back, where it differs from the model's: the PDF's
 * notes follow its flow, and its apparatus entries are notes of their lemma's part when it sets
 * them at the foot of the pages.
 */
const EXPECTED: Partial<Record<Format, (book: Book, options: Partial<WriterOptions>) => Promise<(part: Part) => string>>> = {
  pdf: async (book, options) => {
    const [{ pdfReadingText }, { printedBook }] = await Promise.all([import('../writers/pdf/readback.ts'), import('../writers/pdf/index.ts')]);
    const printed = new Map(printedBook(book, options).parts.map((p) => [p.id, p]));
    return (part) => pdfReadingText(printed.get(part.id) ?? part);
  },
};

/** Formats whose text is drawn with the book's fonts: a character none of them has is not in the file (the EPUB keeps it as text). */
const DRAWN: Partial<Record<Format, true>> = { pdf: true };

/** Stage 2b: a file's text read back and compared with the model; a difference is an error. */
export async function readBack(book: Book, format: Format, data: Buffer, fonts?: FontSet, options: Partial<WriterOptions> = {}): Promise<void> {
  const reader = READBACK[format];
  if (!reader) return;
  const expected = await EXPECTED[format]?.(book, options);
  const held = fonts && DRAWN[format] ? new Set(fonts.fonts.flatMap((f) => [...f.chars])) : undefined;
  // Characters that draw nothing (a variation selector, a zero-width joiner) have no text in the file either.
  const drawn = held && ((ch: string) => held.has(ch) && !IGNORABLE.test(ch));
  const problems = compareText(book, format, `${book.meta.slug}.${format}`, await reader(data, book, options), expected, drawn);
  if (problems.length) throw new DiagnosticError(problems);
}

/** Stage 3 for one format: the writer, then the read-back of its file. */
export async function makeOne(book: Book, subset: FontSet, format: Format, options: WriterOptions): Promise<Buffer> {
  const data = await WRITERS[format](book, subset, options);
  await readBack(book, format, data, subset, options);
  return data;
}
