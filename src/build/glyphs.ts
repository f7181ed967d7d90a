// Every character of the book must be in the font: a missing glyph is an error naming the
// character (U+XXXX), the document, and the line where it stands.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from '../diagnostics.ts';
import { missingGlyphs, type SubsetFont } from '../fonts/index.ts';
import type { TextPiece } from '../book/text.ts';

const hex = (ch: string) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** Finds a character in a corpus document file, to point at it there rather than at the template. */
function inCorpus(corpusDir: string, part: string, ch: string): { file: string; line: number; column: number } | undefined {
  if (!part.startsWith('doc-')) return undefined;
  const name = `${part.slice(4)}.md`;
  const lines = readFileSync(join(corpusDir, name), 'utf8').split('\n');
  const line = lines.findIndex((l) => l.includes(ch));
  return line < 0 ? undefined : { file: `corpus/${name}`, line: line + 1, column: [...lines[line].slice(0, lines[line].indexOf(ch))].length + 1 };
}

/** Characters the subset lacks are characters the source font lacks: HarfBuzz keeps every one it has. */
export function glyphProblems(pieces: TextPiece[], corpusDir: string, font: SubsetFont): Diagnostic[] {
  const missing = new Set(missingGlyphs(pieces.map((p) => p.text).join(''), font));
  const out: Diagnostic[] = [];
  for (const ch of missing) {
    const piece = pieces.find((p) => p.text.includes(ch))!;
    const where = inCorpus(corpusDir, piece.part, ch) ?? { file: piece.pos.file, line: piece.pos.line };
    out.push({
      severity: 'error', code: 'glyph-missing', ...where,
      message: `character ${ch} (${hex(ch)}) in ${piece.part} is not in the font Noto Serif SC`,
      hint: 'replace it with a character the font has (e.g. a full-width form), or remove it',
    });
  }
  return out;
}
