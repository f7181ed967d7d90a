// Line numbering as the edition file asks for it (pdf.line_numbers), on our edition laid out:
// per page, through the document, or none printed; the page.line the apparatus gives a lemma is
// the number of the line its anchor is set in.
import { beforeAll, describe, expect, it } from 'vitest';
import { prepare, type Prepared } from '../../src/build/index.ts';
import { layoutBook } from '../../src/writers/pdf/index.ts';
import { lemmaLines, pageLine, partsWithLemmas } from '../../src/writers/pdf/apparatus.ts';
import { marginNumbers, numberLines, textHeadings } from '../../src/writers/pdf/linenumbers.ts';
import { inlineIds } from '../../src/model/types.ts';
import { ROOT } from '../helpers/paths.ts';

let prep: Prepared;
beforeAll(async () => { prep = await prepare(ROOT, { paper: 'A5', print: true }); }, 120_000);

describe('line numbers', () => {
  it('restart on each page, or run through the document', () => {
    const { pages } = layoutBook(prep.book, prep.fonts, prep.options);
    const parts = partsWithLemmas(prep.book);
    expect(parts.size).toBe(1);
    const heads = textHeadings(prep.book);
    const perPage = [...numberLines(pages, heads, 'page', parts).values()];
    const running = [...numberLines(pages, heads, 'document', parts).values()];
    expect(perPage.length).toBeGreaterThan(5);
    for (const lines of perPage) expect(lines.map((l) => l.n)).toEqual(lines.map((_, k) => k + 1));
    const flat = running.flat().map((l) => l.n);
    expect(flat).toEqual(flat.map((_, k) => k + 1));
    expect(marginNumbers(numberLines(pages, heads, 'none', parts), 'none').size).toBe(0);
    for (const lines of marginNumbers(numberLines(pages, heads, 'document', parts), 'document').values()) for (const l of lines) expect(l.n % 5).toBe(0);
  });

  it('give each lemma the number of the line its anchor is set in, in either numbering', () => {
    for (const mode of ['page', 'document'] as const) {
      const { pages } = layoutBook(prep.book, prep.fonts, { ...prep.options, lineNumbers: mode });
      const found = lemmaLines(pages, prep.book, mode);
      const anchors = prep.book.parts.flatMap((p) => inlineIds(p.blocks)).filter((id) => id.startsWith('lemma-'));
      expect(anchors.length).toBeGreaterThan(40);
      expect([...found.keys()].sort()).toEqual(anchors.sort());
      const numbered = numberLines(pages, textHeadings(prep.book), mode, partsWithLemmas(prep.book));
      for (const [id, at] of found) {
        const line = numbered.get(at.page)!.find((l) => l.n === at.line)!;
        expect(line.placed.line.glyphs.some((g) => g.style.anchor === id), id).toBe(true);
      }
      // The apparatus prints them: its references were filled with these numbers.
      const printed = pages.flatMap((p) => p.lines).flatMap((l) => l.line.glyphs).filter((g) => g.style.label && g.style.href?.startsWith('#lemma-'));
      const refs = new Map<string, string>();
      for (const g of printed) refs.set(g.style.href!.slice(1), (refs.get(g.style.href!.slice(1)) ?? '') + g.text);
      expect(refs.size).toBe([...found.keys()].filter((id) => !id.endsWith('-end')).length);
      for (const [id, at] of found) if (!id.endsWith('-end')) expect(refs.get(id)).toBe(pageLine(at, found.get(`${id}-end`)));
      // A lemma over several lines gives the line it ends in.
      expect([...refs.values()].some((r) => r.includes('—'))).toBe(true);
    }
  });
});
