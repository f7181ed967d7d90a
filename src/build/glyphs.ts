// Every character of the book must be in one of its fonts: a character no face has is a warning
// naming the character (U+XXXX) and its place (file:line:column in the file as written). A
// character only the symbol fallback has is set from it, without a word.
import { existsSync, readFileSync } from 'node:fs';
import type { Diagnostic } from '../diagnostics.ts';
import type { FontSet } from '../fonts/index.ts';
import type { TextPiece } from '../book/text.ts';

const hex = (ch: string) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** Characters that draw nothing: spaces, controls, format characters and variation selectors. */
const INVISIBLE = /[\s\p{Cc}\p{Cf}\u{FE00}-\u{FE0F}\u{E0100}-\u{E01EF}]/u;

const FAMILIES = 'Noto Serif SC, Source Serif 4, Source Code Pro, Noto Sans Symbols 2, Noto Emoji';

type Place = { file: string; line: number; column?: number };

/** The first line at or after `from` (1-based) holding `ch`, and its column in code points. */
function findIn(text: string, ch: string, from = 1): { line: number; column: number } | undefined {
  const lines = text.split('\n');
  for (let i = Math.max(0, from - 1); i < lines.length; i++) {
    const at = lines[i].indexOf(ch);
    if (at >= 0) return { line: i + 1, column: [...lines[i].slice(0, at)].length + 1 };
  }
  return undefined;
}

/** The project file of a piece's document: the part's source, else the corpus file named by the part id (`doc-<id>`). */
function documentFile(piece: TextPiece): string | undefined {
  return piece.source ?? (piece.part.startsWith('doc-') ? `corpus/${piece.part.slice(4)}.md` : undefined);
}

/** Where a character of a piece stands in the file as written: the block's own file from its line, else the document's file, else the block. */
function place(piece: TextPiece, ch: string, path: (file: string) => string): Place {
  const read = (file: string) => (existsSync(path(file)) ? readFileSync(path(file), 'utf8') : undefined);
  const own = read(piece.pos.file);
  const inOwn = own === undefined ? undefined : findIn(own, ch, piece.pos.line);
  if (inOwn) return { file: piece.pos.file, ...inOwn };
  const doc = documentFile(piece);
  const source = doc && doc !== piece.pos.file ? read(doc) : undefined;
  const inSource = source === undefined ? undefined : findIn(source, ch);
  if (inSource) return { file: doc!, ...inSource };
  return { file: piece.pos.file, line: piece.pos.line, ...(piece.pos.column ? { column: piece.pos.column } : {}) };
}

/**
 * One warning for each character no face of the set has, at its first place (and how often it
 * occurs). `path` turns a project file name (`corpus/a.md`) into a path to read.
 */
export function glyphProblems(pieces: TextPiece[], set: FontSet, path: (file: string) => string): Diagnostic[] {
  const missing = new Map<string, { piece: TextPiece; count: number }>();
  // Each character is judged once per kind of request (a book sets millions of characters).
  const known = new Map<string, Map<string, boolean>>();
  for (const piece of pieces) {
    const kind = `${piece.req.weight}${piece.req.italic ? 'i' : ''}${piece.req.mono ? 'm' : ''}`;
    let judged = known.get(kind);
    if (!judged) known.set(kind, (judged = new Map()));
    for (const ch of piece.text) {
      let lacking = judged.get(ch);
      if (lacking === undefined) judged.set(ch, (lacking = !INVISIBLE.test(ch) && !set.faceFor(ch, piece.req)));
      if (!lacking) continue;
      const seen = missing.get(ch);
      if (seen) seen.count++;
      else missing.set(ch, { piece, count: 1 });
    }
  }
  return [...missing].map(([ch, { piece, count }]) => ({
    severity: 'warning', code: 'glyph-missing', ...place(piece, ch, path),
    message: `character ${ch} (${hex(ch)}) is in none of the book's fonts (${FAMILIES}): not rendered${count > 1 ? ` (${count} times in the book, the first here)` : ''}`,
    hint: 'replace it with a character these fonts have (a more common form of it, or a description in words), or remove it',
  }));
}
