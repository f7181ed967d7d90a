// The continuation mark of a wrapped code line: a small hook in the hanging indent of every line
// box after a source line's first. CSS cannot select wrapped lines, so the marks are one tall
// image behind each source line, drawn on every line but the first; a line-height fixed in ems
// keeps them on the lines. A mid grey reads on a light and a dark ground alike. Readers that do
// not draw backgrounds still show the hanging indent.
import type { Book } from '../../model/types.ts';
import { visitBlocks } from '../../model/types.ts';

export const WRAP_MARK_HREF = 'images/wrap-mark.svg';

/** Marks for up to this many line boxes of one source line. */
const LINES = 60;
/** Line height of code in ems of the code's font size (pre.code .line in style.css). */
const LINE_HEIGHT = 1.5;

export function wrapMarkSvg(): string {
  const unit = 10;
  const step = LINE_HEIGHT * unit;
  const marks = Array.from({ length: LINES - 1 }, (_, i) => {
    const y = (i + 1) * step + step / 2;
    return `<path d="M3 ${y - 3.5}v3.5h5m-2-2l2 2-2 2"/>`;
  }).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="${unit}" height="${LINES * step}" viewBox="0 0 ${unit} ${LINES * step}"><g fill="none" stroke="#888" stroke-width="1" stroke-linecap="round" stroke-linejoin="round">${marks}</g></svg>
`;
}

export function wrapMarkCss(): string {
  return `pre.code .line {
  background-image: url("${WRAP_MARK_HREF}");
  background-repeat: no-repeat;
  background-position: 0.2em 0;
  background-size: 1em ${LINES * LINE_HEIGHT}em;
}
`;
}

export function hasCodeBlocks(book: Book): boolean {
  let found = false;
  for (const p of book.parts) visitBlocks(p.blocks, (b) => { if (b.type === 'code') found = true; });
  return found;
}
