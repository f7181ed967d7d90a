// The build's own reader of PDF files (src/writers/pdf/pdfread.ts, used by readback.ts) reads the
// same text as pdf.js, a reader people use, from files with every element (images, SVG drawn as
// forms, notes, ruby, emoji, tables, code) and from the corpus's edition.
import { describe, expect, it } from 'vitest';
import { openPdf, taggedItems } from '../../src/check/pdftext.ts';
import { prepare } from '../../src/build/index.ts';
import { writePdf } from '../../src/writers/pdf/index.ts';
import { PdfFile } from '../../src/writers/pdf/pdfread.ts';
import { pdfPartTexts, readShare, type ShareReading } from '../../src/writers/pdf/readback.ts';
import { everyElementBook, everyFonts } from '../epub/everything.ts';
import { ROOT } from '../helpers/paths.ts';

/** The text of each page as pdf.js gives it (whitespace and characters that draw nothing removed), with the tags around each item. */
async function pdfjsPages(data: Buffer): Promise<{ text: string; tags: string }[][]> {
  const doc = await openPdf(data);
  const pages = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const items: { text: string; tags: string }[] = [];
    for (const it of await taggedItems(await doc.getPage(n))) {
      const text = it.str.replace(/[\s\p{Default_Ignorable_Code_Point}]+/gu, '');
      if (text) items.push({ text, tags: it.tags.join('/') });
    }
    pages.push(items);
  }
  await doc.destroy();
  return pages;
}

/** The same from our reader, items joined where they stand in the same tags (pdf.js cuts them differently). */
function ownPages(data: Buffer): { text: string; tags: string }[][] {
  const file = new PdfFile(data);
  return file.pages().map((p) => file.pageText(p.dict).map((d) => ({ text: d.text.replace(/[\s\p{Default_Ignorable_Code_Point}]+/gu, ''), tags: d.tags.join('/') })).filter((d) => d.text));
}

const joined = (items: { text: string; tags: string }[]) => {
  const out: { text: string; tags: string }[] = [];
  for (const it of items) {
    if (out.length && out[out.length - 1].tags === it.tags) out[out.length - 1].text += it.text;
    else out.push({ ...it });
  }
  return out;
};

async function expectSameAsPdfjs(data: Buffer): Promise<void> {
  const theirs = await pdfjsPages(data);
  const mine = ownPages(data);
  expect(mine.length).toBe(theirs.length);
  mine.forEach((page, i) => expect(joined(page), `page ${i + 1}`).toEqual(joined(theirs[i])));
  expect(mine.flat().length).toBeGreaterThan(mine.length);
}

describe('reading a PDF back', () => {
  it('reads the text pdf.js reads, in the same marked-content tags, on every page of a book of every element', async () => {
    const book = everyElementBook();
    const data = await writePdf(book, await everyFonts(book), { paper: 'A5', print: false });
    await expectSameAsPdfjs(data);
  }, 120_000);

  it('reads the edition of the corpus as pdf.js does, and finds every part at its destination', async () => {
    const { book, fonts, options } = await prepare(ROOT);
    const data = await writePdf(book, fonts, options);
    await expectSameAsPdfjs(data);
    const texts = await pdfPartTexts(data, book.parts.map((p) => p.id));
    expect([...texts.keys()].sort()).toEqual(book.parts.map((p) => p.id).sort());
  }, 120_000);

  it('reads the same text when another reader shares the pages, whether it reads them all or gives back none of those it took', async () => {
    const { book, fonts, options } = await prepare(ROOT);
    const data = await writePdf(book, fonts, options);
    const ids = book.parts.map((p) => p.id);
    const alone = await pdfPartTexts(data, ids);
    expect(alone.size).toBe(ids.length);
    // The other reader claims every chunk before this one starts: all the text comes from it.
    let read = 0;
    const all: ShareReading = async (pdf, claim) => { const chunks = readShare(pdf, claim); read = chunks.size; return chunks; };
    expect(await pdfPartTexts(data, ids, all)).toEqual(alone);
    expect(read).toBeGreaterThan(1);
    // It claims two chunks and fails: this reader reads them itself.
    const failing: ShareReading = async (_pdf, claim) => { Atomics.add(claim, 0, 2); return new Map(); };
    expect(await pdfPartTexts(data, ids, failing)).toEqual(alone);
  }, 120_000);

  it('refuses a file it cannot read rather than reading nothing', () => {
    expect(() => new PdfFile(Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n'))).toThrow(/startxref/u);
    // A cross-reference stream (PDF 1.5), which wenji does not write.
    expect(() => new PdfFile(Buffer.from('%PDF-1.7\n1 0 obj\n<</Type /XRef>>\nstream\nendstream\nendobj\nstartxref\n9\n%%EOF\n'))).toThrow(/not a table/u);
  });
});
