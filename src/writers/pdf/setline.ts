// Setting lines: items and breaks → positioned glyphs. The adjustment ratio of each line is
// applied to its glue; boxes keep their widths. Pure: no fonts, no pages, no pdfkit.
import { INFINITY, type Item, type Style } from './items.ts';
import type { Break } from './linebreak.ts';

export interface Glyph {
  text: string;
  /** Where the text's em box starts, in points from the line's start. */
  x: number;
  /** Width the text takes in the line (half its advance for a compressed mark). */
  width: number;
  style: Style;
}

export interface Line {
  glyphs: Glyph[];
  /** Width the line occupies: the measure for a justified line, less for a ragged one. */
  width: number;
  ratio: number;
  /** The last line of its paragraph (ragged). */
  last: boolean;
}

export function setLines(items: Item[], breaks: Break[]): Line[] {
  const lines: Line[] = [];
  let start = 0;
  breaks.forEach((br, n) => {
    while (start < br.at && items[start].kind !== 'box') start++;
    const last = n === breaks.length - 1;
    const glyphs: Glyph[] = [];
    let x = 0;
    for (let i = start; i < br.at; i++) {
      const it = items[i];
      if (it.kind === 'box') {
        if (it.text || it.style.image) glyphs.push({ text: it.text, x: x + it.draw, width: it.width, style: it.style });
        x += it.width;
      } else if (it.kind === 'glue') {
        // The ragged last line sets its glue at natural width; the endless glue takes the rest.
        if (it.stretch >= INFINITY) continue;
        const r = last ? Math.min(br.ratio, 0) : br.ratio;
        x += it.width + (r >= 0 ? r * it.stretch : r * it.shrink);
      }
    }
    const end = items[br.at];
    x += end.kind === 'penalty' ? end.width : 0;
    lines.push({ glyphs, width: x, ratio: br.ratio, last });
    start = br.at + 1;
  });
  return lines;
}
