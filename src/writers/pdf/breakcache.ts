// Line breaks searched for once per distinct paragraph: a book sets the same paragraph more than
// once (boilerplate, a document in two editions, a quotation repeated), and the search is the
// costliest step of setting it. Keyed by what breaking reads of the items, per layout's fonts.
import { rememberedWith } from '../../memo.ts';
import type { Item } from './items.ts';
import type { Metrics } from './measure.ts';

/**
 * A key of what line breaking reads of items: their kinds, widths, stretch, shrink and costs, and
 * the size of boxes. Two hashes of 32 bits over the numbers themselves (and their count): two
 * paragraphs that differ in anything breaking reads share a key about once in 2⁶⁴.
 */
export function itemsKey(items: Item[]): string {
  const data = new Float64Array(items.length * 4);
  items.forEach((it, i) => {
    const o = i * 4;
    if (it.kind === 'box') { data[o] = it.width; data[o + 1] = -1; data[o + 3] = it.style.size; }
    else if (it.kind === 'glue') { data[o] = it.width; data[o + 1] = it.stretch; data[o + 2] = it.shrink; data[o + 3] = -1; }
    else { data[o] = it.width; data[o + 1] = -2; data[o + 2] = it.cost; }
  });
  const words = new Int32Array(data.buffer);
  let a = 0x811c9dc5;
  let b = 0x9e3779b9;
  for (let i = 0; i < words.length; i++) {
    a = Math.imul(a ^ words[i], 0x01000193);
    b = Math.imul(b ^ words[i], 0x85ebca6b) ^ (b >>> 13);
  }
  return `${items.length}:${(a >>> 0).toString(36)}:${(b >>> 0).toString(36)}`;
}

/**
 * Breaks found, per measure of the fonts (a layout's Metrics), by what a paragraph's items are
 * made of: kept with the Metrics by the project's memo (least recently used forgotten first).
 * They are only read.
 */
export function breaksOnce<T>(metrics: Metrics, key: string, find: () => T): T {
  return rememberedWith(metrics, 'breaks', key, [], find);
}
