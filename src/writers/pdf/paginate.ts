// Pagination: flow → pages. Pure. Parts start on a new page (a right-hand one when printing on
// both sides, after a blank page if need be); within a part the page breaks are chosen over the
// whole part (breaking.ts), body lines sit on the line grid (grid.ts) and notes stand at the foot
// of the page of their mark (footnotes.ts). A table that goes on to a new page is closed by a
// rule and repeats its header row; a rule running on below a page's last line stops there.
import type { FlowBlock, Mark, PartFlow, PlacedLine } from './flow.ts';
import { breakPart, type Slot } from './breaking.ts';
import { placeNotes } from './footnotes.ts';
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
   * The rule over a page's notes is marked so too.
   */
  repeated?: boolean;
  /** A line of the notes set at the page's foot (or their rule). */
  footnote?: boolean;
  /**
   * A line of text of the part's flow: its number among such lines on its page and in its part,
   * both from 1 (what an apparatus keyed to page and line refers to).
   */
  number?: { onPage: number; inPart: number };
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


/** How far down a mark reaches, from the top of its line box. */
const below = (m: Mark): number => (m.kind === 'line' ? Math.max(m.y1, m.y2) : m.kind === 'rect' ? m.y + m.h : m.y + m.r);

/** A mark cut off at `bottom` points below the top of its line box. */
function clip(m: Mark, bottom: number): Mark {
  if (m.kind === 'line') return { ...m, y1: Math.min(m.y1, bottom), y2: Math.min(m.y2, bottom) };
  if (m.kind === 'rect') return { ...m, h: Math.max(0, Math.min(m.h, bottom - m.y)) };
  return m;
}

/**
 * The foot of a page that the part goes on from: marks that run on into the space after its last
 * line (a quotation's rule) stop there, and a table that goes on is closed by a rule.
 */
function closePage(lines: PlacedOnPage[], next: FlowBlock | undefined): void {
  const last = lines.at(-1);
  if (!last) return;
  if (last.line.marks?.some((m) => below(m) > last.line.height)) last.line = { ...last.line, marks: last.line.marks.map((m) => clip(m, last.line.height)) };
  const table = next?.continued;
  if (table && (last.block === table.header || last.block.continued?.header === table.header)) {
    const { length, width } = table.rule;
    const y = last.line.height - width / 2;
    last.line = { ...last.line, marks: [...(last.line.marks ?? []), { kind: 'line', x1: 0, x2: length, y1: y, y2: y, width }] };
  }
}

/** The rule over a page's notes stands in a block of its own, drawn as a pagination artifact. */
function ruleBlock(line: PlacedLine): FlowBlock {
  return { lines: [line], spaceBefore: 0, spaceAfter: 0, orphans: 1, widows: 1, keepWithNext: false, tag: 'Div', body: false, anchors: [] };
}

/**
 * The page breaks of a laid-out part, found once per part and geometry: a part laid out before
 * (the same object, from the layout cache) keeps its breaks, in the apparatus's second layout and
 * in the rebuilds of `wenji watch`. Page breaking depends on nothing else.
 */
const broken = new WeakMap<PartFlow, { geometry: string; result: ReturnType<typeof breakPart> }>();

function breaksOf(part: PartFlow, g: Geometry): ReturnType<typeof breakPart> {
  const geometry = JSON.stringify(g);
  const known = broken.get(part);
  if (known?.geometry === geometry) return known.result;
  const result = breakPart(part, g);
  broken.set(part, { geometry, result });
  return result;
}

/** Where pagination stands: the pages so far, and the part of the last of them. */
export interface PageCount {
  pages: number;
  last?: PartFlow;
}

/** Pagination goes on after `pages`. */
export function advance(at: PageCount, pages: Page[]): void {
  at.pages += pages.length;
  if (pages.length) at.last = pages[pages.length - 1].part;
}

/** The whole book's pages. */
export function paginate(parts: PartFlow[], g: Geometry): Page[] {
  const at: PageCount = { pages: 0 };
  const pages: Page[] = [];
  for (const part of parts) {
    const own = paginatePart(part, g, at);
    advance(at, own);
    for (const p of own) pages.push(p);
  }
  return pages;
}

/**
 * The pages of one part, set after the `at.pages` pages before it: first a blank page (of the
 * part before) if the part must begin on a right-hand page.
 */
export function paginatePart(part: PartFlow, g: Geometry, at: PageCount): Page[] {
  const pages: Page[] = [];
  if (g.print && part.recto && at.pages % 2 === 1) pages.push({ number: at.pages + 1, part: at.last!, opening: false, blank: true, lines: [] });
  const { pages: breaks, notes } = breaksOf(part, g);
  let inPart = 0;
  // A block set in one of its variants stands on the page as a block of those lines.
  const variants = new Map<string, FlowBlock>();
  const blockOf = (s: Slot): FlowBlock => {
    const b = part.blocks[s.block];
    if (s.variant === undefined || !b.variants) return b;
    const key = `${s.block}:${s.variant}`;
    if (!variants.has(key)) variants.set(key, { ...b, lines: b.variants[s.variant].lines(), variants: undefined });
    return variants.get(key)!;
  };
  breaks.forEach((br, n) => {
    let onPage = 0;
    const lines: PlacedOnPage[] = br.slots.map((s) => {
      const block = blockOf(s);
      const line = block.lines[s.line];
      if (s.repeated) return { line, y: s.y, block, blockIndex: s.block, first: false, last: false, repeated: true };
      const numbered = line.glyphs.length ? { number: { onPage: ++onPage, inPart: ++inPart } } : {};
      return { line, y: s.y, block, blockIndex: s.block, first: s.line === 0, last: s.line === block.lines.length - 1, ...numbered };
    });
    const following = breaks[n + 1]?.slots.find((s) => !s.repeated);
    if (!br.last && following) closePage(lines, part.blocks[following.block]);
    for (const p of placeNotes(notes, br.notes.from, br.notes.to, br.notes.area, g)) {
      const block = p.block ?? ruleBlock(p.line);
      const k = block.lines.indexOf(p.line);
      lines.push({ line: p.line, y: p.y, block, blockIndex: -1, first: k === 0, last: k === block.lines.length - 1, footnote: true, ...(p.block ? {} : { repeated: true }) });
    }
    pages.push({ number: at.pages + pages.length + 1, part, opening: n === 0, blank: false, lines });
  });
  return pages;
}
