// Newspaper continuation marks: `（下转第四版）`, `（上接第二版）`, `(上接第2版)`.
// They are not part of the document: each becomes a declared gap.
import { fail } from '../diagnostics.ts';
import type { RawBlock, SourceLine } from './witness.ts';

/** Any parenthesised 上接/下转 note, well formed or not. */
const ANY_MARK = /[（(]\s*(上接|下转)([^）)]*)[）)]/gu;
const PAGE = /^\s*第\s*([0-9０-９〇一二三四五六七八九十百]+)\s*[版页]\s*$/u;

export interface FoundMark {
  direction: 'from' | 'to';
  page: string;
  mark: string;
  index: number;
}

/** Finds the continuation marks of a line; a mark naming no page is an error at its column. */
export function findMarks(text: string, file: string, line: number): FoundMark[] {
  const found: FoundMark[] = [];
  for (const m of text.matchAll(ANY_MARK)) {
    const page = PAGE.exec(m[2]);
    if (!page) {
      fail({
        code: 'continuation-no-page', file, line, column: [...text.slice(0, m.index)].length + 1,
        message: `continuation mark ${m[0]} names no page`,
        hint: 'a mark reads like （下转第四版） or （上接第2版）; correct the witness copy, or note the page in corpus/sources.yaml',
      });
    }
    found.push({ direction: m[1] === '上接' ? 'from' : 'to', page: page[1], mark: m[0], index: m.index });
  }
  return found;
}


/**
 * Splits a source line at its continuation marks: the text around them stays source lines, each
 * mark becomes a continuation block. Readers decide what the text pieces are.
 */
export function splitAtMarks(src: SourceLine, file: string): (SourceLine | RawBlock)[] {
  const out: (SourceLine | RawBlock)[] = [];
  let rest = src.text;
  for (const m of findMarks(src.text, file, src.line)) {
    const at = rest.indexOf(m.mark);
    if (rest.slice(0, at).trim()) out.push({ text: rest.slice(0, at), line: src.line });
    out.push({ type: 'continuation', direction: m.direction, page: m.page, mark: m.mark, line: src.line });
    rest = rest.slice(at + m.mark.length);
  }
  if (rest.trim()) out.push({ text: rest, line: src.line });
  return out;
}

export const isSourceLine = (x: SourceLine | RawBlock): x is SourceLine => !('type' in x);
