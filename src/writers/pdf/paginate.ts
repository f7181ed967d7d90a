// Pagination: flow → pages. Pure. Parts start on a new page (a right-hand one when printing on
// both sides); headings are kept with the lines that follow them; a paragraph split across pages
// leaves at least two lines on each side (no widow or orphan line).
import type { FlowBlock, PartFlow, PlacedLine } from './flow.ts';
import type { Geometry } from './page.ts';

export interface PlacedOnPage {
  line: PlacedLine;
  /** Top of the line box, from the top of the text block. */
  y: number;
  block: FlowBlock;
  /** Index of the block in its part, and whether this is the block's first / last line. */
  blockIndex: number;
  first: boolean;
  last: boolean;
}

export interface Page {
  /** 1-based physical page number. */
  number: number;
  part: PartFlow;
  /** The first page of its part (no running head). */
  opening: boolean;
  /** Left blank to start the next part on a right-hand page. */
  blank: boolean;
  lines: PlacedOnPage[];
}

const heightOf = (lines: PlacedLine[]) => lines.reduce((h, l) => h + l.height, 0);

/** Height that must fit before a block may start: itself if unsplittable, its first lines otherwise, and what it keeps with. */
function startHeight(blocks: FlowBlock[], i: number): number {
  const b = blocks[i];
  if (!b) return 0;
  const minLines = b.lines.length <= b.orphans + b.widows - 1 ? b.lines.length : b.orphans;
  const own = b.spaceBefore + heightOf(b.lines.slice(0, minLines));
  return b.keepWithNext && minLines === b.lines.length ? own + b.spaceAfter + startHeight(blocks, i + 1) : own;
}

export function paginate(parts: PartFlow[], g: Geometry): Page[] {
  const pages: Page[] = [];
  let page: Page | null = null;
  let y = 0;
  const newPage = (part: PartFlow, opening: boolean) => {
    page = { number: pages.length + 1, part, opening, blank: false, lines: [] };
    pages.push(page);
    y = 0;
    return page;
  };
  for (const part of parts) {
    if (g.print && part.recto && pages.length % 2 === 1) pages.push({ number: pages.length + 1, part: pages[pages.length - 1].part, opening: false, blank: true, lines: [] });
    newPage(part, true);
    y = part.startAt * g.textHeight;
    part.blocks.forEach((b, i) => {
      const atTop = y === 0;
      if (!atTop && y + startHeight(part.blocks, i) > g.textHeight) newPage(part, false);
      if (y > 0 || page!.opening) y += b.spaceBefore;
      let rest = b.lines;
      let first = true;
      while (rest.length) {
        const room = Math.max(0, Math.floor(((g.textHeight - y) + 0.01) / (rest[0].height || 1)));
        let k = Math.min(rest.length, room);
        if (k < rest.length) {
          // Keep orphans at the foot and widows at the head; a block that cannot be split so moves on.
          if (rest.length - k < b.widows) k = rest.length - b.widows;
          if (first && k < b.orphans) k = 0;
          if (k <= 0 && page!.lines.length === 0) k = Math.max(1, Math.min(rest.length, room));
        }
        rest.slice(0, k).forEach((line, n) => {
          page!.lines.push({ line, y, block: b, blockIndex: i, first: first && n === 0, last: k === rest.length && n === k - 1 });
          y += line.height;
        });
        rest = rest.slice(k);
        if (k > 0) first = false;
        if (rest.length) newPage(part, false);
      }
      y += b.spaceAfter;
    });
  }
  return pages;
}
