// Measures a reading of an unseen page against its truth: paragraphs exactly right, character
// similarity (by the diff library's alignment), headings found, boilerplate left.
import { diffChars } from 'diff';

export interface Score {
  units: number;
  exact: number;
  similarity: number;
  headings: number;
  headingsFound: number;
  /** Characters of the reading that are in no unit of the truth (boilerplate left, or garble). */
  extra: number;
}

export function score(truth: string[], got: string[]): Score {
  const pool = new Map<string, number>();
  for (const g of got) pool.set(g, (pool.get(g) ?? 0) + 1);
  let exact = 0;
  for (const t of truth) {
    const n = pool.get(t) ?? 0;
    if (n > 0) { exact++; pool.set(t, n - 1); }
  }
  const a = truth.join('\n');
  const b = got.join('\n');
  let same = 0;
  let extra = 0;
  for (const p of diffChars(a, b)) {
    if (!p.added && !p.removed) same += p.value.length;
    if (p.added) extra += p.value.replace(/\n/gu, '').length;
  }
  const heads = truth.filter((t) => t.startsWith('## '));
  return {
    units: truth.length, exact, similarity: (2 * same) / Math.max(1, a.length + b.length),
    headings: heads.length, headingsFound: heads.filter((h) => got.includes(h)).length, extra,
  };
}
