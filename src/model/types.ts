// The document model: one book, made of parts, made of blocks, made of inline runs. Both
// writers (EPUB, PDF) read only this; nothing here is specific to one of them.

/** Where a node came from: the template (or corpus file) and line, for messages. */
export interface Pos {
  file: string;
  line: number;
}

export type Inline =
  /** Plain text. */
  | { type: 'text'; text: string }
  /** Emphasis (`*…*`). */
  | { type: 'emph'; children: Inline[] }
  /** Strong emphasis (`**…**`). */
  | { type: 'strong'; children: Inline[] }
  /** A link to another part or an anchor (`#id`), or outside the book. */
  | { type: 'link'; href: string; children: Inline[] }
  /** A reference to a note of the same part; `label` is what the reader sees (①). */
  | { type: 'noteref'; note: string; label: string }
  /** A forced line break inside a block. */
  | { type: 'break' };

export type Block =
  /** A heading; level 1 is the part's title, 2 its sections. `id` is unique in the book. */
  | { type: 'heading'; level: number; id: string; children: Inline[]; pos: Pos }
  /** A paragraph of running text. */
  | { type: 'para'; children: Inline[]; pos: Pos }
  /** A list; each item is a list of blocks. */
  | { type: 'list'; ordered: boolean; items: Block[][]; pos: Pos }
  /**
   * A semantic container from a template (`::: role`): signatures, dateplace, dateline,
   * gap, text (a document's own words), titlepage, colophon, sourcenote… Writers style
   * it by role; an unknown role is laid out as plain blocks.
   */
  | { type: 'div'; role: string; children: Block[]; pos: Pos }
  /** A note (from `[^id]: …`), shown as a pop-up footnote or at the foot of the part. */
  | { type: 'note'; id: string; label: string; children: Block[]; pos: Pos }
  /** A thematic break. */
  | { type: 'rule'; pos: Pos };

export type PartKind = 'titlepage' | 'frontmatter' | 'toc' | 'document' | 'appendix' | 'colophon';

export interface Part {
  /** Stable id, used for file names and anchors (`doc-2023-03-21-…`). */
  id: string;
  kind: PartKind;
  /** Title as the table of contents shows it. */
  title: string;
  blocks: Block[];
}

export interface BookMeta {
  title: string;
  subtitle?: string;
  editor: string;
  publisher: string;
  language: string;
  description: string;
  subjects: string[];
  /** urn:uuid:… derived from the content, or the edition file's own. */
  identifier: string;
  /** ISO date-time of the edition: SOURCE_DATE_EPOCH, or the latest document date. */
  modified: string;
  /** Every witness file the edition rests on, for dc:source. */
  sources: string[];
  slug: string;
}

export interface Book {
  meta: BookMeta;
  parts: Part[];
}

/** The plain text of inline runs (notes references excluded). */
export function plainText(inlines: Inline[]): string {
  return inlines.map((i) => (i.type === 'text' ? i.text : i.type === 'break' || i.type === 'noteref' ? '' : plainText(i.children))).join('');
}
