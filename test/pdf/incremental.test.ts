// Laying a book out again after an edit (as `wenji watch` does) reuses the parts and paragraphs
// that did not change, and gives exactly the pages a layout from scratch gives: the same lines,
// glyphs and positions, and the same warnings.
import { describe, expect, it } from 'vitest';
import { prepare } from '../../src/build/index.ts';
import type { Diagnostic } from '../../src/diagnostics.ts';
import type { Book, Block } from '../../src/model/types.ts';
import { clearLayoutCache, layoutBook } from '../../src/writers/pdf/index.ts';
import { ROOT } from '../helpers/paths.ts';

/** What a page shows, as plain data: every line's place and glyphs. */
const shown = (pages: ReturnType<typeof layoutBook>['pages']) => JSON.stringify(pages.map((p) => [p.number, p.part.id, p.blank, p.lines.map((l) => [l.y, l.line.x, l.line.width, l.line.glyphs.map((g) => [g.text, g.x, g.width, g.style]), l.line.marks ?? null])]));

/** The book with the first paragraph that holds `find` changed by `change`. */
function edited(book: Book, find: string, change: (text: string) => string): Book {
  const copy = structuredClone(book);
  let done = false;
  const visit = (list: Block[]) => {
    for (const b of list) {
      if (done) return;
      if (b.type === 'para') {
        for (const i of b.children) if (!done && i.type === 'text' && i.text.includes(find)) { i.text = change(i.text); done = true; }
      } else if ('children' in b && Array.isArray(b.children)) visit(b.children as Block[]);
    }
  };
  for (const p of copy.parts) visit(p.blocks);
  expect(done).toBe(true);
  return copy;
}

describe('a layout after an edit', () => {
  it('equals a layout from scratch, with the same warnings', async () => {
    const { book, fonts, options } = await prepare(ROOT, { paper: 'A5', print: true });
    // As `wenji watch` lays out: keeping the paragraphs set for the next build.
    const warned = (b: Book) => { const w: Diagnostic[] = []; return { pages: layoutBook(b, fonts, { ...options, incremental: true, warn: (d) => w.push(d) }).pages, w }; };
    clearLayoutCache();
    warned(book);
    // A character added in a paragraph of the text of a document, and a paragraph of the text made much longer.
    for (const next of [edited(book, '双方', (t) => t.replace('双方', '双方一')), edited(book, '双方', (t) => t + t + t)]) {
      const again = warned(next);
      clearLayoutCache();
      const fresh = warned(next);
      expect(shown(again.pages)).toBe(shown(fresh.pages));
      expect(again.w).toEqual(fresh.w);
    }
  }, 120_000);
});
