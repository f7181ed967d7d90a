// Pagination: flow → pages. Pure. Parts start on a new page (a right-hand one when printing on
// both sides); headings are kept with the lines that follow them; a paragraph split across pages
// leaves at least two lines on each side (no widow or orphan line). A block whose orphans and
// widows are its whole length is kept together (a figure, a table row) unless it is taller than
// a page; a table that goes on to a new page is closed by a rule and repeats its header row.
import type { FlowBlock, Mark, PartFlow, PlacedLine } from './flow.ts';
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
  /**
   * A table's header row set again at the top of a continuation page. Its text is already in the
   * structure once: the painter should mark it as a pagination artifact so that it is read once.
   */
  repeated?: boolean;
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

/** How many of `lines` fit, one after another, in `room` points. */
function fitting(lines: PlacedLine[], room: number): number {
  let h = 0;
  let k = 0;
  while (k < lines.length && h + lines[k].height <= room + 0.01) h += lines[k++].height;
  return k;
}

/** How far down a mark reaches, from the top of its line box. */
const below = (m: Mark): number => (m.kind === 'line' ? Math.max(m.y1, m.y2) : m.kind === 'rect' ? m.y + m.h : m.y + m.r);

/** A mark cut off at `bottom` points below the top of its line box. */
function clip(m: Mark, bottom: number): Mark {
  if (m.kind === 'line') return { ...m, y1: Math.min(m.y1, bottom), y2: Math.min(m.y2, bottom) };
  if (m.kind === 'rect') return { ...m, h: Math.max(0, Math.min(m.h, bottom - m.y)) };
  return m;
}

export function paginate(parts: PartFlow[], g: Geometry): Page[] {
  const pages: Page[] = [];
  let page: Page = null!;
  let y = 0;
  const newPage = (part: PartFlow, opening: boolean) => {
    page = { number: pages.length + 1, part, opening, blank: false, lines: [] };
    pages.push(page);
    y = 0;
  };
  /** Nothing on the page yet but a repeated table header. */
  const pageEmpty = () => page.lines.every((l) => l.repeated);
  /** Headers of tables already begun, whose rows repeat them on a new page. */
  const begun = new Set<FlowBlock>();

  /** A page break inside the flow of a part: a table that goes on is closed here and opened again there. */
  const breakPage = (part: PartFlow, b: FlowBlock, i: number) => {
    const table = b.continued;
    const goesOn = table && begun.has(table.header);
    const last = page.lines.at(-1);
    // Marks that run on into the space after a line (a quotation's rule) stop at the page's last line.
    if (last?.line.marks?.some((m) => below(m) > last.line.height)) last.line = { ...last.line, marks: last.line.marks.map((m) => clip(m, last.line.height)) };
    if (goesOn && last && (last.block === table.header || last.block.continued?.header === table.header)) {
      const { length, width } = table.rule;
      const rule = { kind: 'line' as const, x1: 0, x2: length, y1: last.line.height - width / 2, y2: last.line.height - width / 2, width };
      last.line = { ...last.line, marks: [...(last.line.marks ?? []), rule] };
    }
    newPage(part, false);
    if (goesOn) {
      for (const line of table.header.lines) {
        page.lines.push({ line, y, block: table.header, blockIndex: i, first: false, last: false, repeated: true });
        y += line.height;
      }
    }
  };

  for (const part of parts) {
    if (g.print && part.recto && pages.length % 2 === 1) pages.push({ number: pages.length + 1, part: pages[pages.length - 1].part, opening: false, blank: true, lines: [] });
    newPage(part, true);
    y = part.startAt * g.textHeight;
    part.blocks.forEach((b, i) => {
      if (!pageEmpty() && y + startHeight(part.blocks, i) > g.textHeight) breakPage(part, b, i);
      if (y > 0 || page.opening) y += b.spaceBefore;
      if (part.blocks[i + 1]?.continued?.header === b) begun.add(b);
      let rest = b.lines;
      let first = true;
      while (rest.length) {
        const room = fitting(rest, g.textHeight - y);
        let k = room;
        if (k < rest.length) {
          // Keep orphans at the foot and widows at the head; a block that cannot be split so moves on.
          if (rest.length - k < b.widows) k = rest.length - b.widows;
          if (first && k < b.orphans) k = 0;
          if (k <= 0 && pageEmpty()) k = Math.max(1, room);
          k = Math.max(0, k);
        }
        rest.slice(0, k).forEach((line, n) => {
          page.lines.push({ line, y, block: b, blockIndex: i, first: first && n === 0, last: k === rest.length && n === k - 1 });
          y += line.height;
        });
        rest = rest.slice(k);
        if (k > 0) first = false;
        if (rest.length) breakPage(part, b, i);
      }
      y += b.spaceAfter;
    });
  }
  return pages;
}
