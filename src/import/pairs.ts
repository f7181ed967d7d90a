// A paragraph break never falls inside a pair of marks (《》, （）, “”, …): where a witness has
// one, the paragraph that leaves a pair open is joined to the next when that one closes it.
import { pairProblems, PAIRS } from '../cjk/brackets.ts';
import { normalizeInline } from './normalize.ts';
import { joinLines } from './structure.ts';
import type { RawBlock } from './witness.ts';

type Para = Extract<RawBlock, { type: 'para' }>;

/** Whether `next` closes a mark that `cur` leaves open. */
function closesOpened(cur: Para, next: Para): boolean {
  const open = pairProblems(normalizeInline(joinLines(cur.lines))).open.map((m) => PAIRS[m.mark]);
  if (!open.length) return false;
  return pairProblems(normalizeInline(joinLines(next.lines))).problems.some((p) => p.kind === 'unopened' && open.includes(p.mark));
}

/** Joins paragraphs broken inside a pair; returns the blocks and the text around each join. */
export function joinOpenPairs(blocks: RawBlock[]): { blocks: RawBlock[]; joins: string[] } {
  const out: RawBlock[] = [];
  const joins: string[] = [];
  for (const b of blocks) {
    const last = out[out.length - 1];
    if (b.type === 'para' && last?.type === 'para' && closesOpened(last, b)) {
      joins.push(`${last.lines[last.lines.length - 1].text.trim().slice(-12)}¶${b.lines[0].text.trim().slice(0, 8)}`);
      out[out.length - 1] = { type: 'para', lines: [...last.lines, ...b.lines] };
    } else out.push(b);
  }
  return { blocks: out, joins };
}
