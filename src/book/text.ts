// All the text of a book, with where each piece came from: for the font subset and for the
// missing-glyph check, which must name the character, the document and the line.
import type { Block, Book, Inline, Pos } from '../model/types.ts';
import { LABEL_TEXT } from '../writers/labels.ts';

export interface TextPiece {
  text: string;
  pos: Pos;
  part: string;
}

function inlineText(i: Inline): string {
  return i.type === 'text' || i.type === 'code' ? i.text : i.type === 'noteref' ? i.label : i.type === 'image' ? i.alt : i.type === 'break' ? '' : i.type === 'ruby' ? i.children.map(inlineText).join('') + i.annotation : i.children.map(inlineText).join('');
}

function blockPieces(b: Block, part: string): TextPiece[] {
  switch (b.type) {
    case 'heading': case 'para': return [{ text: b.children.map(inlineText).join(''), pos: b.pos, part }];
    case 'list': return b.items.flatMap((x) => x.blocks).flatMap((x) => blockPieces(x, part));
    case 'div': return b.children.flatMap((x) => blockPieces(x, part));
    case 'note': return [{ text: b.label, pos: b.pos, part }, ...b.children.flatMap((x) => blockPieces(x, part))];
    default: return [];
  }
}

export function bookText(book: Book): TextPiece[] {
  const meta = book.meta;
  const metaPos = { file: 'corpus/edition.yaml', line: 1 };
  return [
    ...[meta.title, meta.subtitle ?? '', meta.editor, meta.publisher, meta.description, ...meta.subjects].map((text) => ({ text, pos: metaPos, part: 'edition' })),
    ...book.parts.flatMap((p) => [{ text: p.title, pos: metaPos, part: p.id }, ...p.blocks.flatMap((b) => blockPieces(b, p.id))]),
    // The writers' own words, and digits for page numbers and folios.
    { text: `${LABEL_TEXT}0123456789`, pos: { file: 'src/writers/labels.ts', line: 1 }, part: 'labels' },
  ];
}
