// The flow: what layout hands to pagination. Plain data: lines already set, blocks with their
// spacing and keep rules, part boundaries. Pagination reads only this.
import type { Glyph } from './setline.ts';

/** A vector mark drawn with a line, in points from the line box's left edge (the line's x) and top. */
export type Mark =
  /** A straight rule: table borders, quote bars, strikethrough, underlines. */
  | { kind: 'line'; x1: number; y1: number; x2: number; y2: number; width: number; gray?: number }
  /** A rectangle, stroked or filled: task boxes, code backgrounds. `gray` 0 black … 1 white. */
  | { kind: 'rect'; x: number; y: number; w: number; h: number; width: number; fill?: boolean; gray?: number }
  /** A filled dot: emphasis dots (着重号), bullets drawn rather than set. */
  | { kind: 'dot'; x: number; y: number; r: number };

/** An image drawn in a line box: `src` is a key of `Book.images`; position and size in points as for marks. */
export interface PlacedImage {
  src: string;
  x: number;
  y: number;
  width: number;
  height: number;
  /** Alternative text, for the tagged PDF (Figure /Alt). */
  alt: string;
}

export interface PlacedLine {
  glyphs: Glyph[];
  /** Offset of the line's start from the left edge of the text block. */
  x: number;
  /** Height of the line box, and the baseline's depth inside it. */
  height: number;
  baseline: number;
  /** Width the line covers (the measure of a justified line). */
  width: number;
  /** A non-final line of a justified paragraph: it must end flush with the measure. */
  justified: boolean;
  /** A horizontal rule of this length instead of text (above the notes). */
  rule?: number;
  /** Vector marks drawn before the glyphs (backgrounds, rules, boxes, dots). */
  marks?: Mark[];
  /** An image drawn in the line box (a figure is one line as tall as its image). */
  image?: PlacedImage;
  /** A link over the whole line box: a URL, or a named destination (`#id`). */
  link?: string;
  /** A table-of-contents entry's last line: leaders and the page number of this part follow. */
  tocTarget?: string;
}

/**
 * A paragraph set in another number of lines: the heights of its lines, which page breaking
 * weighs for every block that begins on a page, and the lines themselves, set only when asked
 * for (for the few variants a book's pages take), then kept.
 */
export interface Variant {
  heights: number[];
  lines: () => PlacedLine[];
}

export function variant(heights: number[], make: () => PlacedLine[]): Variant {
  let made: PlacedLine[] | undefined;
  return { heights, lines: () => (made ??= make()) };
}

/** Structure tag of a block in the tagged PDF. */
export type StructTag = 'H1' | 'H2' | 'H3' | 'H4' | 'H5' | 'H6' | 'P' | 'Note' | 'LI' | 'TOCI' | 'Div' | 'BlockQuote' | 'Code' | 'Table' | 'TR' | 'TH' | 'TD' | 'Figure' | 'Caption';

export interface FlowBlock {
  lines: PlacedLine[];
  spaceBefore: number;
  spaceAfter: number;
  /** Fewest lines left at the foot of a page / carried to the top of the next when split. */
  orphans: number;
  widows: number;
  keepWithNext: boolean;
  tag: StructTag;
  /** Body text of a document (checked for justification and kinsoku). */
  body: boolean;
  /** Named destinations that point at this block (heading ids, note ids). */
  anchors: string[];
  /** An entry of the PDF outline (bookmarks). */
  outline?: { title: string; level: number };
  /** Blocks with the same key belong to one parent structure element (a list, the contents, a table, a quotation). */
  group?: { tag: 'L' | 'TOC' | 'Table' | 'BlockQuote'; key: object };
  /** A list item whose first glyph is its label (tagged Lbl, the rest LBody). */
  labelled?: boolean;
  /**
   * A body row of a table that may break across pages. When the table goes on to a new page,
   * pagination closes the part left behind with a rule of `rule.length` points under its last
   * line, and sets `header` again at the top of the new page (PlacedOnPage.repeated).
   */
  continued?: { header: FlowBlock; rule: { length: number; width: number } };
  /**
   * The same paragraph set one line longer or shorter (lines as good), which page breaking may
   * choose for a block that begins and ends on one page, to fill it without a widow or orphan.
   */
  variants?: Variant[];
  /** Alternative text of the block's structure element (a figure's image: /Alt of Figure). */
  alt?: string;
  /** The top-level block of the part (its index in `Part.blocks`) this block was made from; none for what layout makes itself (the contents). */
  origin?: { block: number };
}

export interface PartFlow {
  id: string;
  kind: string;
  title: string;
  /** Running head on the right-hand pages of this part (none on its first page); left-hand pages carry the edition's title. */
  runningHead: string;
  /** Front matter is numbered in roman numerals, the rest in arabic. */
  frontMatter: boolean;
  /** Starts on a right-hand page when printing on both sides. */
  recto: boolean;
  /** Vertical position of the part's first block: 0 at the top, or a share of the text height. */
  startAt: number;
  blocks: FlowBlock[];
  /** The part's notes, by id, in the order of their marks: set at the foot of the page of their first mark. */
  notes?: { id: string; blocks: FlowBlock[] }[];
}
