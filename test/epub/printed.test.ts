// The printed pages of a PDF handed to the EPUB made at the same time, a part at a time as the
// PDF is laid out (src/writers/printed.ts): the EPUB makes each part's chapter as its pages come,
// and lays the book out itself if the PDF's writer ends without them, with the same file.
import { describe, expect, it } from 'vitest';
import { prepare } from '../../src/build/index.ts';
import { writeEpub } from '../../src/writers/epub/index.ts';
import { layoutBook } from '../../src/writers/pdf/index.ts';
import { pageMap, type PrintedPage } from '../../src/writers/pdf/pagemap.ts';
import { PrintedFeed } from '../../src/writers/printed.ts';
import { ROOT } from '../helpers/paths.ts';

const page = (part: string, label: string): PrintedPage => ({ label, number: Number(label), part, block: 0, offset: 0, text: '' });

describe('printed pages given a part at a time', () => {
  it('gives a part once laid out, none for a part the PDF does not set, and every page once the book is laid out', async () => {
    const feed = new PrintedFeed();
    const a = feed.part('a');
    const all = feed.pages();
    feed.give('a', [page('a', '1'), page('a', '2')]);
    expect((await a)?.map((p) => p.label)).toEqual(['1', '2']);
    feed.give('b', [page('b', '3')]);
    const never = feed.part('c');
    feed.end();
    expect(await never).toEqual([]);
    expect((await all)?.map((p) => p.label)).toEqual(['1', '2', '3']);
  });

  it('tells who waits that the pages will not come when the PDF ends without them, and keeps what it gave', async () => {
    const feed = new PrintedFeed();
    feed.give('a', [page('a', '1')]);
    const b = feed.part('b');
    feed.fail();
    expect(await b).toBeUndefined();
    expect(await feed.pages()).toBeUndefined();
    expect((await feed.part('a'))?.length).toBe(1);
    // An ended feed does not fail afterwards.
    const done = PrintedFeed.of([page('a', '1')]);
    done.fail();
    expect((await done.pages())?.length).toBe(1);
  });

  it('makes the same EPUB from pages given a part at a time, and from a PDF that stops half-way, as from its own layout', async () => {
    const { book, fonts, options } = await prepare(ROOT);
    const own = await writeEpub(book, fonts, options);
    const printed = pageMap(layoutBook(book, fonts, options).pages);
    const parts = [...new Set(printed.map((p) => p.part))];
    expect(parts.length).toBeGreaterThan(3);
    const feed = (stopAt: number) => {
      const f = new PrintedFeed();
      // Given later, as the PDF's thread would send them while the EPUB waits.
      setTimeout(() => {
        parts.slice(0, stopAt).forEach((id) => f.give(id, printed.filter((p) => p.part === id)));
        if (stopAt >= parts.length) f.end();
        else f.fail();
      }, 10);
      return f;
    };
    expect((await writeEpub(book, fonts, { ...options, printed: feed(parts.length) })).equals(own)).toBe(true);
    expect((await writeEpub(book, fonts, { ...options, printed: feed(2) })).equals(own)).toBe(true);
  }, 120_000);
});
