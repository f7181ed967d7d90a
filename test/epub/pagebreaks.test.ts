// Page-break markers placed in a block's XHTML by the count of its reading text: the labels and
// back links the writer adds do not count, whitespace does not count, entities count once.
import { describe, expect, it } from 'vitest';
import { insertMarks, marker } from '../../src/writers/epub/pagebreaks.ts';

const para = '<p>甲乙<a epub:type="noteref" role="doc-noteref" class="noteref" id="n-ref" href="#n">12</a>丙 &amp;丁<em>戊</em></p>';

describe('page-break markers', () => {
  it('go before the n-th character of the reading text, skipping note labels and white space', () => {
    expect(insertMarks(para, [{ label: '7', offset: 3 }])).toBe(`<p>甲乙<a epub:type="noteref" role="doc-noteref" class="noteref" id="n-ref" href="#n">12</a>丙 ${marker('7')}&amp;丁<em>戊</em></p>`);
    expect(insertMarks(para, [{ label: '8', offset: 5 }])).toBe(`<p>甲乙<a epub:type="noteref" role="doc-noteref" class="noteref" id="n-ref" href="#n">12</a>丙 &amp;丁<em>${marker('8')}戊</em></p>`);
  });

  it('go before the block at offset 0 and after it past its end, in order of their offsets', () => {
    const out = insertMarks(para, [{ label: 'ix', offset: 99 }, { label: 'viii', offset: 0 }]);
    expect(out.startsWith(`${marker('viii')}<p>`)).toBe(true);
    expect(out.endsWith(`</p>${marker('ix')}`)).toBe(true);
  });

  it('are empty spans that screen readers announce by the folio', () => {
    expect(marker('12')).toBe('<span epub:type="pagebreak" role="doc-pagebreak" id="page-12" aria-label="12"></span>');
  });
});
