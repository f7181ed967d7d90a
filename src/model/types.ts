// The document model: one book, made of parts, made of blocks, made of inline runs. Both
// writers (EPUB, PDF) read only this; nothing here is specific to one of them. The document
// language (src/language) builds it from Markdown; every node that a writer sets has a type here.

/** Where a node came from, for messages: the file as the user wrote it, line and column (1-based). */
export interface Pos {
  file: string;
  line: number;
  column?: number;
}

/** Where a link points inside the book: a part, and an anchor in it (a heading, a note). */
export interface Target {
  part: string;
  anchor?: string;
}

export type Inline =
  /** Plain text. */
  | { type: 'text'; text: string }
  /** Emphasis (`*…*`): emphasis dots under Han characters, an italic face for Latin text. */
  | { type: 'emph'; children: Inline[] }
  /** Strong emphasis (`**…**`): bold. */
  | { type: 'strong'; children: Inline[] }
  /** Strikethrough (`~~…~~`). */
  | { type: 'strike'; children: Inline[] }
  /** Highlighted text (==…==, <mark>): a light ground behind it. */
  | { type: 'mark'; children: Inline[] }
  /** Inline code: a monospace face, whitespace kept. */
  | { type: 'code'; text: string }
  /** A link. `target` is set when it points into the book (another document, a heading, a note); else `href` is outside. */
  | { type: 'link'; href: string; title?: string; target?: Target; children: Inline[] }
  /** An image inside a line of text; `src` is a key of `Book.images`. */
  | { type: 'image'; src: string; alt: string; title?: string }
  /** A reference to a note of the same part; `label` is what the reader sees (1, 2, …). */
  | { type: 'noteref'; note: string; label: string }
  /** A forced line break inside a block (verse, addresses). */
  | { type: 'break' }
  /** Ruby (`<ruby>漢<rt>hàn</rt></ruby>`): an annotation set above the base text. */
  | { type: 'ruby'; children: Inline[]; annotation: string }
  /** Superscript and subscript (`<sup>`, `<sub>`). */
  | { type: 'sup'; children: Inline[] }
  | { type: 'sub'; children: Inline[] }
  /** Text in another language (`<span lang="en">`): a BCP 47 tag. */
  | { type: 'lang'; lang: string; children: Inline[] }
  /**
   * A named place in the text with no text of its own (an apparatus lemma), unique in the book.
   * `back` is the id of what refers to it (its apparatus entry), which a writer may link to;
   * `target` is set when the book is resolved. `note`, in the book as a PDF with the apparatus at
   * the foot sets it: the note (that entry) it marks without a sign, set at the foot of its page.
   */
  | { type: 'anchor'; id: string; back?: string; target?: Target; note?: string }
  /**
   * A reference to an anchor by where it is printed (`<a class="lineref" href="#id">`): a writer
   * with pages sets the anchor's page.line instead of `children`, one without links to it showing
   * `children`. Not text of the document (read back as nothing). `id` names the reference itself.
   */
  | { type: 'lineref'; anchor: string; id?: string; target?: Target; children: Inline[] };

/** Column alignment of a table (`:--`, `:-:`, `--:`), or none given. */
export type Align = 'left' | 'center' | 'right' | null;

/** One item of a list: its blocks, and for a task list item whether it is checked. */
export interface ListItem {
  checked?: boolean;
  blocks: Block[];
}

export type Block =
  /** A heading, level 1–6. `id` is unique in the book (a slug of its text, prefixed by the part). */
  | { type: 'heading'; level: number; id: string; children: Inline[]; pos: Pos }
  /** A paragraph of running text. */
  | { type: 'para'; children: Inline[]; pos: Pos }
  /** A list: bullets, or numbers from `start`; items nest blocks (and lists) to any depth. */
  | { type: 'list'; ordered: boolean; start: number; tight: boolean; items: ListItem[]; pos: Pos }
  /** A block quotation; may nest. */
  | { type: 'quote'; children: Block[]; pos: Pos }
  /** A code block: monospace, whitespace kept, never justified; `lang` from the fence's info string. */
  | { type: 'code'; lang: string; text: string; pos: Pos }
  /** A table: a header row and body rows of cells (inline runs), with column alignments. */
  | { type: 'table'; align: Align[]; head: Inline[][]; rows: Inline[][][]; pos: Pos }
  /** A figure: an image standing alone in a paragraph, its caption from the image title. */
  | { type: 'figure'; src: string; alt: string; caption: Inline[]; pos: Pos }
  /**
   * A semantic container (`::: role`): signatures, dateplace, dateline, gap, text (a document's
   * own words), titlepage, colophon, sourcenote… Writers style it by role; a role they don't know
   * is set as plain blocks (and the language warns about it).
   */
  | { type: 'div'; role: string; children: Block[]; pos: Pos }
  /**
   * A note (from `[^id]: …`), linked both ways with its references. `apparatus`: an apparatus
   * entry set at the foot of its lemma's page (PDF, `apparatus: foot`), marked by the lemma's
   * anchor, with no label: it begins with its place (a line reference).
   */
  | { type: 'note'; id: string; label: string; children: Block[]; pos: Pos; apparatus?: true }
  /** A thematic break. */
  | { type: 'rule'; pos: Pos };

/** What a part is in the book; writers choose semantics (epub:type, numbering) by it. */
export type PartKind = 'titlepage' | 'frontmatter' | 'toc' | 'document' | 'appendix' | 'colophon';

export interface Part {
  /** Stable id, used for file names and anchors (`doc-2023-03-21-…`). */
  id: string;
  kind: PartKind;
  /** Title as the table of contents shows it. */
  title: string;
  /** A shorter title for running heads, if the document gives one. */
  shortTitle?: string;
  /** The project file a document part comes from (`corpus/a.md`), for links between documents. */
  source?: string;
  blocks: Block[];
}

/** An image the book embeds, read from the project at assembly. */
export interface ImageResource {
  /** Path inside the project, with forward slashes (`corpus/images/map.png`); also its key. */
  path: string;
  mime: 'image/png' | 'image/jpeg' | 'image/gif' | 'image/svg+xml';
  data: Buffer;
  /** Intrinsic size in CSS pixels. */
  width: number;
  height: number;
  /** The text an SVG draws (its <text> elements): the PDF sets it in the book's fonts. */
  text?: string;
}

export interface BookMeta {
  title: string;
  subtitle?: string;
  /** Who wrote the book, in order (none for an edition of documents). */
  authors: string[];
  editor: string;
  publisher: string;
  language: string;
  description: string;
  subjects: string[];
  /** urn:uuid:… derived from the content, or the edition file's own. */
  identifier: string;
  /** ISO date-time of the edition: SOURCE_DATE_EPOCH, or the latest document date. */
  modified: string;
  /** Every witness file the edition rests on. */
  sources: string[];
  /** The same witnesses as a reader would name them (medium and origin), for dc:source. */
  sourceNotes?: string[];
  /** The set the edition belongs to, and its place in it. */
  series?: { name: string; position?: number };
  /** Who checked the e-book's accessibility (the publisher if not given). */
  certifier?: string;
  slug: string;
  /** Deepest heading level listed in the table of contents and the PDF outline (1–6). */
  tocDepth: number;
  /** Deepest heading level the printed table of contents lists under each part, if not 1 (the parts only). */
  contentsDepth?: number;
}

export interface Book {
  meta: BookMeta;
  parts: Part[];
  /** Images by `ImageResource.path`. */
  images: Record<string, ImageResource>;
}

/** The children of an inline node, if it has any. */
export function inlineChildren(i: Inline): Inline[] {
  return 'children' in i ? i.children : [];
}

/** The blocks directly inside a block. */
export function blockChildren(b: Block): Block[] {
  switch (b.type) {
    case 'list': return b.items.flatMap((i) => i.blocks);
    case 'quote': case 'div': case 'note': return b.children;
    default: return [];
  }
}

/** The inline runs directly inside a block (table cells, captions, heading and paragraph text). */
export function blockInlines(b: Block): Inline[][] {
  switch (b.type) {
    case 'heading': case 'para': return [b.children];
    case 'table': return [...b.head, ...b.rows.flat()];
    case 'figure': return [b.caption];
    default: return [];
  }
}

/** The one tree walker: calls `block` for every block, depth first, with its ancestors' roles and types. */
export function visitBlocks(list: Block[], block: (b: Block, context: string[]) => void, context: string[] = []): void {
  for (const b of list) {
    block(b, context);
    visitBlocks(blockChildren(b), block, [...context, b.type === 'div' ? b.role : b.type]);
  }
}

/** Calls `inline` for every inline node under a list of inlines, depth first. */
export function visitInlines(list: Inline[], inline: (i: Inline, parents: Inline[]) => void, parents: Inline[] = []): void {
  for (const i of list) {
    inline(i, parents);
    visitInlines(inlineChildren(i), inline, [...parents, i]);
  }
}

/** Ids that inline nodes give to places in blocks (anchors, line references), which links may point to. */
export function inlineIds(blocks: Block[]): string[] {
  const ids: string[] = [];
  visitBlocks(blocks, (b) => {
    for (const runs of blockInlines(b)) visitInlines(runs, (i) => { if (i.type === 'anchor') ids.push(i.id); else if (i.type === 'lineref' && i.id) ids.push(i.id); });
  });
  return ids;
}

/** The text a reader sees in inline runs: note references and ruby annotations excluded, image alt text included. */
export function plainText(inlines: Inline[]): string {
  return inlines.map((i) => {
    switch (i.type) {
      case 'text': case 'code': return i.text;
      case 'image': return i.alt;
      case 'break': case 'noteref': case 'anchor': case 'lineref': return '';
      default: return plainText(i.children);
    }
  }).join('');
}

/** The text of one inline run for reading back: ruby base then its annotation; no note marks, no alt text. */
function readingInlines(list: Inline[]): string {
  return list.map((i) => {
    switch (i.type) {
      case 'text': case 'code': return i.text;
      case 'image': case 'break': case 'noteref': case 'anchor': case 'lineref': return '';
      case 'ruby': return readingInlines(i.children) + i.annotation;
      default: return readingInlines(i.children);
    }
  }).join('');
}

/**
 * The text of blocks as a reader reads it, whitespace removed: what each writer's file must give
 * back for a part (checked on every build). Headings, paragraphs, list items, quotes, code, table
 * cells row by row, figure captions and note bodies, in order; not list markers, note labels,
 * image alt text or anything else a writer adds.
 */
export function readingText(blocks: Block[]): string {
  const out: string[] = [];
  visitBlocks(blocks, (b) => {
    if (b.type === 'code') out.push(b.text);
    else for (const runs of blockInlines(b)) out.push(readingInlines(runs));
  });
  return out.join('').replace(/\s+/gu, '');
}
