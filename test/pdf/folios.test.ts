// Folios: roman in front matter (as the PDF's page labels number it, /S /r, for a front matter of
// any length), arabic from the first page outside it, and the same whether the pages are given
// whole or a part at a time.
import { describe, expect, it } from 'vitest';
import { folio, folios, foliosFrom } from '../../src/writers/pdf/paint.ts';
import type { Page } from '../../src/writers/pdf/paginate.ts';
import type { PartFlow } from '../../src/writers/pdf/flow.ts';

const part = (frontMatter: boolean) => ({ frontMatter }) as PartFlow;
const pages = (front: number, body: number): Page[] =>
  Array.from({ length: front + body }, (_, i) => ({ number: i + 1, part: part(i < front), opening: false, blank: false, lines: [] }));

describe('folios', () => {
  it('are roman numerals of any size in front matter', () => {
    expect([4, 9, 14, 40, 49, 88, 99, 400, 1994].map((n) => folio(n - 1, -1))).toEqual(['iv', 'ix', 'xiv', 'xl', 'xlix', 'lxxxviii', 'xcix', 'cd', 'mcmxciv']);
  });

  it('go on in arabic from the first page outside the front matter', () => {
    const labels = folios(pages(90, 3));
    expect(labels.slice(87)).toEqual(['lxxxviii', 'lxxxix', 'xc', '1', '2', '3']);
  });

  it('are the same given a part at a time', () => {
    const all = pages(45, 20);
    const front = foliosFrom(all.slice(0, 30), 0, -1);
    const rest = foliosFrom(all.slice(30), 30, front.firstBody);
    expect([...front.labels, ...rest.labels]).toEqual(folios(all));
  });
});
