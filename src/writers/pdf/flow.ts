// The flow: what layout hands to pagination. Plain data: lines already set, blocks with their
// spacing and keep rules, part boundaries. Pagination reads only this.
import type { Glyph } from './setline.ts';

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
  /** A table-of-contents entry's last line: leaders and the page number of this part follow. */
  tocTarget?: string;
}

/** Structure tag of a block in the tagged PDF. */
export type StructTag = 'H1' | 'H2' | 'H3' | 'P' | 'Note' | 'LI' | 'TOCI' | 'Div';

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
  /** Blocks with the same key belong to one parent structure element (a list, the contents). */
  group?: { tag: 'L' | 'TOC'; key: object };
  /** A list item whose first glyph is its label (tagged Lbl, the rest LBody). */
  labelled?: boolean;
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
}
