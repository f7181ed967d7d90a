// Note numbers as the edition file asks (`note_numbers`): 1 2 3, or circled ①②③ as Chinese books
// number page notes. Notes are numbered per part (per document) by the parser; only the form changes.
import { visitBlocks, visitInlines, type Block, type Inline, type Part } from '../model/types.ts';

export type NoteNumbers = 'arabic' | 'circled';

/** ① … ⑳, ㉑ … ㉟, ㊱ … ㊿ (Unicode has circled numbers up to 50); beyond, the number itself. */
export function circled(n: number): string {
  if (n >= 1 && n <= 20) return String.fromCodePoint(0x2460 + n - 1);
  if (n >= 21 && n <= 35) return String.fromCodePoint(0x3251 + n - 21);
  if (n >= 36 && n <= 50) return String.fromCodePoint(0x32b1 + n - 36);
  return String(n);
}

const inlinesOf = (b: Block): Inline[][] => (b.type === 'heading' || b.type === 'para' ? [b.children] : b.type === 'table' ? [...b.head, ...b.rows.flat()] : b.type === 'figure' ? [b.caption] : []);

/** Sets the labels of notes and their marks in the form asked for (numeric labels only; a named label stays). */
export function numberNotes(parts: Part[], form: NoteNumbers): void {
  if (form === 'arabic') return;
  const relabel = (l: string) => (/^\d+$/u.test(l) ? circled(Number(l)) : l);
  for (const part of parts) {
    visitBlocks(part.blocks, (b) => {
      if (b.type === 'note') b.label = relabel(b.label);
      for (const r of inlinesOf(b)) visitInlines(r, (i) => { if (i.type === 'noteref') i.label = relabel(i.label); });
    });
  }
}
