// A one-off build lets go of the laid-out book as it paints it (paint.ts `release`): the pages
// are taken out of the list once painted, and the file is the same as one painted holding them.
import { describe, expect, it } from 'vitest';
import { prepare } from '../../src/build/index.ts';
import { clearLayoutCache, layoutBook, writePdf } from '../../src/writers/pdf/index.ts';
import { fontMetrics } from '../../src/writers/pdf/measure.ts';
import { geometry } from '../../src/writers/pdf/page.ts';
import { paint } from '../../src/writers/pdf/paint.ts';
import { ROOT } from '../helpers/paths.ts';

describe('painting a book it may let go of', () => {
  it('takes each page out once painted, and makes the same file', async () => {
    const { book, fonts, options } = await prepare(ROOT, { paper: 'A5', print: true });
    const metrics = fontMetrics(fonts.fonts);
    const g = geometry(options.paper, options.print);
    const input = (pages: ReturnType<typeof layoutBook>['pages']) => ({ pages, geometry: g, meta: book.meta, fonts: fonts.fonts, images: book.images, asked: fonts.asked, measure: (t: string, size: number) => metrics.advance(t, 'regular') * size });
    const kept = layoutBook(book, fonts, options).pages;
    const held = await paint(input(kept));
    const given = [...kept];
    const released = await paint({ ...input(given), release: true });
    expect(released.equals(held)).toBe(true);
    expect(given).toHaveLength(kept.length);
    expect(given.every((p) => p === undefined)).toBe(true);
    expect(kept.every((p) => p !== undefined)).toBe(true);
  }, 120_000);

  it('gives the same PDF in a one-off build as in a build that keeps its layout for the next', async () => {
    const { book, fonts, options } = await prepare(ROOT, { paper: 'A5', print: true });
    clearLayoutCache();
    const once = await writePdf(book, fonts, options);
    clearLayoutCache();
    const kept = await writePdf(book, fonts, { ...options, incremental: true });
    expect(once.equals(kept)).toBe(true);
  }, 120_000);
});
