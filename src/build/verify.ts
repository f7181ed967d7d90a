// Every build reads the text of each part back from the files it made and compares it with the
// model: a writer that lost or changed text is an error naming the part, the file and the first
// place where they differ, with a little context on both sides.
import type { Diagnostic } from '../diagnostics.ts';
import { readingText, type Book, type Part } from '../model/types.ts';

const CONTEXT = 12;

/** Index of the first code point where two strings differ, or -1 if equal. */
function firstDifference(a: string[], b: string[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : n;
}

/** The text less the characters `keep` refuses (the same string when it keeps them all). */
function only(text: string, keep: (ch: string) => boolean): string {
  let out = '';
  let from = 0;
  let i = 0;
  for (const ch of text) {
    if (!keep(ch)) { out += text.slice(from, i); from = i + ch.length; }
    i += ch.length;
  }
  return from ? out + text.slice(from) : text;
}

/** The source place of the first block of a part, for the message. */
function placeOf(book: Book, partId: string): Pick<Diagnostic, 'file' | 'line' | 'column'> {
  const part = book.parts.find((p) => p.id === partId);
  const first = part?.blocks.find((b) => b.pos.file.startsWith('corpus/')) ?? part?.blocks[0];
  return first ? { file: part?.source ?? first.pos.file, line: first.pos.line, column: first.pos.column } : {};
}

/**
 * Compares the text read back from a file (`read`: part id → text, whitespace removed) with the
 * model (`expected`: a part's reading text in the order the format gives it back). Parts the file
 * does not show (the table of contents, made by the writer) are skipped. `drawn`, if given, tells
 * the characters the file can show: one that no font of the book has was a glyph-missing warning
 * at its place, and is not looked for.
 */
export function compareText(book: Book, format: string, file: string, read: Map<string, string>, expected: (part: Part) => string = (p) => readingText(p.blocks), drawn?: (ch: string) => boolean): Diagnostic[] {
  const out: Diagnostic[] = [];
  // Whether a character is drawn, asked once per character.
  const known = new Map<string, boolean>();
  const shown = (ch: string) => {
    let is = known.get(ch);
    if (is === undefined) known.set(ch, (is = drawn!(ch)));
    return is;
  };
  for (const part of book.parts) {
    if (part.kind === 'toc') continue;
    const want = drawn ? only(expected(part), shown) : expected(part);
    const got = read.get(part.id);
    if (got === undefined) {
      if (want) out.push({ severity: 'error', code: 'readback', ...placeOf(book, part.id), message: `${format.toUpperCase()} ${file}: part ${part.id} (${part.title}) is missing from the file`, hint: 'this is a bug in wenji: please report it with the document' });
      continue;
    }
    // Where such a character stood, the file draws the font's empty glyph, which reads back as U+0000.
    const have = got.replace(drawn ? /[\s\0]+/gu : /\s+/gu, '');
    if (have === want) continue;
    const [a, b] = [[...want], [...have]];
    const at = firstDifference(a, b);
    const around = (s: string[]) => s.slice(Math.max(0, at - CONTEXT), at + CONTEXT).join('');
    out.push({
      severity: 'error', code: 'readback', ...placeOf(book, part.id),
      message: `${format.toUpperCase()} ${file}: the text of ${part.title} differs from the document at character ${at + 1}: expected “${around(a)}”, the file has “${around(b)}”`,
      hint: 'this is a bug in wenji: please report it with the document',
    });
  }
  return out;
}
