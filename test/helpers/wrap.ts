// Makes witnesses the readers have never seen, from clean text: a printed column wrapped at a
// given width in ems (with the first line indented two characters), and OCR-style noise.
import { emWidth } from '../../src/cjk/chars.ts';

/** Wraps a paragraph into lines of at most `width` ems, the first `indent` ems shorter. */
export function wrap(paragraph: string, width: number, indent = 0): string[] {
  const lines: string[] = [];
  let line = '';
  let w = 0;
  let limit = width - indent;
  // Runs of Latin letters and digits are not broken, as in print (clreq).
  for (const piece of paragraph.match(/[A-Za-z0-9.%]+|./gu) ?? []) {
    const pw = [...piece].reduce((n, ch) => n + emWidth(ch), 0);
    if (w + pw > limit && line) {
      lines.push(line);
      line = '';
      w = 0;
      limit = width;
    }
    line += piece;
    w += pw;
  }
  if (line) lines.push(line);
  return lines;
}

/** A page of OCR text: paragraphs wrapped in a column, sections as lone numerals. */
export function ocrPage(units: string[], width: number, blankAfterEachLine = false): string {
  const lines = units.flatMap((u) => (u.startsWith('## ') ? [u.slice(3)] : wrap(u, width, 2)));
  return lines.join(blankAfterEachLine ? '\n\n' : '\n') + '\n';
}
