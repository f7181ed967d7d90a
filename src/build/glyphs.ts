// Every character of the book must be in the font: a missing glyph is an error naming the
// character (U+XXXX), the document, and the line where it stands.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Diagnostic } from '../diagnostics.ts';
import { missingGlyphs, type SubsetFont } from '../fonts/index.ts';
import type { TextPiece } from '../book/text.ts';

const hex = (ch: string) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** Finds a character in the file a piece of text came from (a document or a template), at or after its line. */
function inCorpus(corpusDir: string, pos: TextPiece['pos'], ch: string): { file: string; line: number; column: number } | undefined {
  let lines: string[];
  try { lines = readFileSync(resolve(corpusDir, '..', pos.file), 'utf8').split('\n'); } catch { return undefined; }
  const from = Math.max(0, pos.line - 1);
  const line = lines.slice(from).findIndex((l) => l.includes(ch)) + from;
  return line < from ? undefined : { file: pos.file, line: line + 1, column: [...lines[line].slice(0, lines[line].indexOf(ch))].length + 1 };
}

/** Characters the subset lacks are characters the source font lacks: HarfBuzz keeps every one it has. */
export function glyphProblems(pieces: TextPiece[], corpusDir: string, font: SubsetFont): Diagnostic[] {
  const missing = new Set(missingGlyphs(pieces.map((p) => p.text).join(''), font));
  const out: Diagnostic[] = [];
  for (const ch of missing) {
    const piece = pieces.find((p) => p.text.includes(ch))!;
    const where = inCorpus(corpusDir, piece.pos, ch) ?? { file: piece.pos.file, line: piece.pos.line };
    out.push({
      severity: 'error', code: 'glyph-missing', ...where,
      message: `character ${ch} (${hex(ch)}) in ${piece.part} is not in the font Noto Serif SC`,
      hint: 'replace it with a character the font has (e.g. a full-width form), or remove it',
    });
  }
  return out;
}
