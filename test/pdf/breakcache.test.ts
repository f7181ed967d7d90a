// The breaks' cache (breakcache.ts): two paragraphs share their breaks when breaking reads the
// same of their items, and only then; and a book that repeats a paragraph sets both copies alike.
import { describe, expect, it } from 'vitest';
import { breaksOnce, itemsKey } from '../../src/writers/pdf/breakcache.ts';
import { paragraphItems, type Style } from '../../src/writers/pdf/items.ts';
import { fixedMetrics, type Metrics } from '../../src/writers/pdf/measure.ts';

const style: Style = { weight: 'regular', size: 10 };
const TEXT = '中华人民共和国和俄罗斯联邦（以下称“双方”）一致认为，双方关系已达到历史最高水平。';
const key = (runs: { text: string; style: Style }[], metrics: Metrics = fixedMetrics) => itemsKey(paragraphItems(runs, metrics, { indent: 2 }));

describe('the key of a paragraph\'s breaks', () => {
  it('is the same for the same text whatever links and anchors it carries', () => {
    const plain = key([{ text: TEXT, style }]);
    expect(key([{ text: TEXT.slice(0, 10), style: { ...style, anchor: 'lemma-a-1' } }, { text: TEXT.slice(10), style: { ...style, href: '#doc-a' } }])).toBe(plain);
  });

  it('is the same for other characters of the same widths and classes (the breaks are the same)', () => {
    expect(key([{ text: TEXT.replace('双方', '两国'), style }])).toBe(key([{ text: TEXT, style }]));
  });

  it('differs for other widths or classes of characters, size, indent or measurer', () => {
    const plain = key([{ text: TEXT, style }]);
    expect(key([{ text: TEXT.replace('双方', 'AB'), style }])).not.toBe(plain);
    expect(key([{ text: TEXT.replace('中华', '《中'), style }])).not.toBe(plain);
    expect(key([{ text: TEXT + '一', style }])).not.toBe(plain);
    expect(key([{ text: TEXT, style: { ...style, size: 10.5 } }])).not.toBe(plain);
    expect(itemsKey(paragraphItems([{ text: TEXT, style }], fixedMetrics, { indent: 1 }))).not.toBe(plain);
    const wider: Metrics = { advance: (t, f) => fixedMetrics.advance(t, f) * 1.01 };
    expect(key([{ text: TEXT, style }], wider)).not.toBe(plain);
  });
});

describe('breaks found once', () => {
  it('searches once per key and layout, and again for another layout\'s fonts', () => {
    let searches = 0;
    const find = () => { searches++; return [{ at: 1, ratio: 0 }]; };
    const a: Metrics = { advance: fixedMetrics.advance };
    const b: Metrics = { advance: fixedMetrics.advance };
    const first = breaksOnce(a, 'best x', find);
    expect(breaksOnce(a, 'best x', find)).toBe(first);
    expect(searches).toBe(1);
    breaksOnce(a, 'best y', find);
    breaksOnce(b, 'best x', find);
    expect(searches).toBe(3);
  });
});
