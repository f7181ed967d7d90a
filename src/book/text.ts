// All the text of a book, with what each piece asks of the fonts (code → monospace, emphasis →
// italic, strong and headings → bold) and where it came from: for the font subsets, and for the
// missing-glyph check, which must name the character and its place. The characters the writers
// set themselves (labels, folios, list numbers, leaders) are text too: every glyph drawn must be
// in a subset. Bullets, task boxes and the continuation hooks of code are drawn, not set.
import type { FaceRequest } from '../fonts/index.ts';
import { visitBlocks, visitInlines, type Block, type Book, type Inline, type Pos } from '../model/types.ts';
import { labelText } from '../writers/labels.ts';
import { byline } from '../model/names.ts';

export interface TextPiece {
  text: string;
  req: FaceRequest;
  /** The block it stands in (or the file that gives it), for messages. */
  pos: Pos;
  /** The part it belongs to, and that part's project file when it is a document (`corpus/a.md`). */
  part: string;
  source?: string;
}

/**
 * What the writers set that is in no document: their labels, page numbers (arabic, roman), list
 * numbers, leaders, note numbers (the circled numbers ①–⑱ that Noto Serif SC has). The PDF
 * writer fails a build that would draw a character no subset holds (paint.ts), naming its page.
 */
export const writersText = (language: string) => `${labelText(language)}0123456789ivxlcdm.①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱`;
export const WRITERS_TEXT = writersText('zh-Hans');

const REGULAR: FaceRequest = { weight: 'regular' };

/** What inline runs ask, from the nodes around them: code is monospace, emphasis italic, strong bold. */
function requestFor(node: Inline, parents: Inline[], base: FaceRequest): FaceRequest {
  const around = [...parents, node].map((p) => p.type);
  return {
    weight: around.includes('strong') ? 'bold' : base.weight,
    ...(around.includes('emph') ? { italic: true } : {}),
    ...(node.type === 'code' ? { mono: true } : {}),
  };
}

function inlinePieces(list: Inline[], base: FaceRequest, add: (text: string, req: FaceRequest) => void): void {
  visitInlines(list, (i, parents) => {
    // A line reference is set as a page.line by the PDF, in the face of its place.
    const text = i.type === 'text' || i.type === 'code' ? i.text : i.type === 'noteref' ? i.label : i.type === 'image' ? i.alt : i.type === 'ruby' ? i.annotation : i.type === 'lineref' ? '0123456789.—' : '';
    if (text) add(text, requestFor(i, parents, base));
  });
}

/** The text of one block (not of the blocks inside it). */
function blockPieces(b: Block, add: (text: string, req: FaceRequest) => void): void {
  switch (b.type) {
    case 'heading': return inlinePieces(b.children, { weight: 'bold' }, add);
    case 'para': return inlinePieces(b.children, REGULAR, add);
    case 'table':
      b.head.forEach((cell) => inlinePieces(cell, { weight: 'bold' }, add));
      return b.rows.flat().forEach((cell) => inlinePieces(cell, REGULAR, add));
    case 'figure':
      add(b.alt, REGULAR);
      return inlinePieces(b.caption, REGULAR, add);
    case 'code': return add(b.text, { weight: 'regular', mono: true });
    case 'note': return add(b.label, REGULAR);
    default: return;
  }
}

export function bookText(book: Book): TextPiece[] {
  const meta = book.meta;
  const metaPos = { file: 'corpus/edition.yaml', line: 1 };
  const out: TextPiece[] = [meta.title, meta.subtitle ?? '', ...meta.authors, meta.editor, byline(meta), meta.publisher, meta.description, ...meta.subjects]
    .map((text) => ({ text, req: REGULAR, pos: metaPos, part: 'edition' }));
  for (const p of book.parts) {
    const where = { part: p.id, ...(p.source ? { source: p.source } : {}) };
    out.push({ text: [p.title, p.shortTitle ?? ''].join(''), req: REGULAR, pos: p.blocks[0]?.pos ?? metaPos, ...where });
    visitBlocks(p.blocks, (b) => blockPieces(b, (text, req) => out.push({ text, req, pos: b.pos, ...where })));
  }
  // The text an SVG figure draws: the PDF sets it in the serif face.
  for (const img of Object.values(book.images)) if (img.text) out.push({ text: img.text, req: REGULAR, pos: { file: img.path, line: 1 }, part: 'images' });
  out.push({ text: writersText(meta.language), req: REGULAR, pos: { file: 'src/writers/labels.ts', line: 1 }, part: 'labels' });
  return out.filter((x) => x.text);
}
