// Line numbering as the edition file asks for it (pdf.line_numbers), on our edition laid out:
// per page, through the document, or none printed; the page.line the apparatus gives a lemma is
// the number of the line its anchor is set in, whether the apparatus follows its text (each part
// given its numbers as it is laid out) or comes before it (the whole book laid out until they hold).
import { beforeAll, describe, expect, it } from 'vitest';
import { prepare, type Prepared } from '../../src/build/index.ts';
import { layoutBook } from '../../src/writers/pdf/index.ts';
import { pdfPartTexts } from '../../src/writers/pdf/readback.ts';
import { PdfFile } from '../../src/writers/pdf/pdfread.ts';
import { makeOne } from '../../src/build/formats.ts';
import { lemmaLines, pageLine, partsWithLemmas, refAnchors, refersForward } from '../../src/writers/pdf/apparatus.ts';
import { marginNumbers, numberLines, textHeadings } from '../../src/writers/pdf/linenumbers.ts';
import { inlineIds, type Book } from '../../src/model/types.ts';
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
    for (const mode of ['page', 'document'] as const) expectNumbered(prep.book, mode);
  });

  it('are filled in an apparatus set before its text too (the whole book laid out until they hold)', () => {
    const { book: before } = apparatusFirst();
    expect(refersForward(prep.book)).toBe(false);
    expect(refersForward(before)).toBe(true);
    expectNumbered(before, 'page');
  });

  it('are printed in the PDF of an apparatus set before its text, which reads back whole', async () => {
    const { book: before, apparatus } = apparatusFirst();
    // makeOne reads the file back and compares it with the model: it throws if any text is missing.
    const pdf = await makeOne(before, prep.fonts, 'pdf', prep.options);
    const texts = await pdfPartTexts(pdf, before.parts.map((p) => p.id));
    expect([...texts.keys()]).toEqual(before.parts.map((p) => p.id));
    // The references are labels (not read as text): their numbers are looked for in the page's drawn text.
    const { pages } = layoutBook(before, prep.fonts, prep.options);
    const found = lemmaLines(pages, before, 'page');
    const id = [...found.keys()].find((k) => !k.endsWith('-end'))!;
    const page = pages.find((p) => p.part.id === apparatus.id && p.lines.some((l) => l.line.glyphs.some((g) => g.style.href === `#${id}`)))!;
    const drawn = new PdfFile(pdf).pageText(new PdfFile(pdf).pages()[page.number - 1].dict).map((t) => t.text).join('');
    expect(drawn).toContain(pageLine(found.get(id)!, found.get(`${id}-end`)));
  }, 120_000);
});

/** The edition with its apparatus (the part of its line references) moved before its first document. */
function apparatusFirst(): { book: Book; apparatus: Book['parts'][number] } {
  const apparatus = prep.book.parts.find((p) => refAnchors(p).length)!;
  const first = prep.book.parts.findIndex((p) => p.kind === 'document');
  const others = prep.book.parts.filter((p) => p !== apparatus);
  return { book: { ...prep.book, parts: [...others.slice(0, first), apparatus, ...others.slice(first)] }, apparatus };
}

/** The book laid out gives each lemma the number of the line its anchor is set in, and its apparatus prints those numbers. */
function expectNumbered(book: Book, mode: 'page' | 'document'): void {
  const { pages } = layoutBook(book, prep.fonts, { ...prep.options, lineNumbers: mode });
  const found = lemmaLines(pages, book, mode);
  const anchors = book.parts.flatMap((p) => inlineIds(p.blocks)).filter((id) => id.startsWith('lemma-'));
  expect(anchors.length).toBeGreaterThan(40);
  expect([...found.keys()].sort()).toEqual(anchors.sort());
  const numbered = numberLines(pages, textHeadings(book), mode, partsWithLemmas(book));
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
