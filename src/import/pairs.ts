// Paragraph breaks a witness has where the text cannot break: inside a pair of marks (《》, （）,
// “”, …), where the paragraph that leaves a pair open is followed by one that closes it; and in the
// middle of a sentence, where a paragraph of running text ends on a character with no punctuation
// and the next goes on to a sentence end. Both are joined, and each join is returned for the
// source note.
import { endsSentence, isHan } from '../cjk/chars.ts';
import { pairProblems, PAIRS } from '../cjk/brackets.ts';
import { ITEM_START } from './readers/ocr-paragraphs.ts';
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

/**
 * Whether `cur` stops in the middle of a sentence that `next` finishes: running text (a dozen Han
 * characters, no spaced fields as in a signature line, not a numbered heading) that ends on a Han
 * character, followed by text that starts with one and ends a sentence.
 */
function brokenSentence(cur: Para, next: Para): boolean {
  const a = joinLines(cur.lines).trim();
  const b = normalizeInline(joinLines(next.lines));
  const at = normalizeInline(a);
  if (/\S\s+\S/u.test(a) || ITEM_START.test(at) || [...at].filter(isHan).length < 12) return false;
  return isHan(at.at(-1) ?? '') && isHan(b[0] ?? '') && !ITEM_START.test(b) && endsSentence(b);
}

export type JoinReason = 'pair' | 'sentence';

/** Joins paragraphs broken inside a pair or a sentence; returns the blocks and each join (the text around it). */
export function joinFalseBreaks(blocks: RawBlock[]): { blocks: RawBlock[]; joins: { reason: JoinReason; at: string }[] } {
  const out: RawBlock[] = [];
  const joins: { reason: JoinReason; at: string }[] = [];
  for (const b of blocks) {
    const last = out[out.length - 1];
    const reason = b.type !== 'para' || last?.type !== 'para' ? undefined : closesOpened(last, b) ? 'pair' : brokenSentence(last, b) ? 'sentence' : undefined;
    if (reason && b.type === 'para' && last?.type === 'para') {
      joins.push({ reason, at: `${last.lines[last.lines.length - 1].text.trim().slice(-12)}¶${b.lines[0].text.trim().slice(0, 8)}` });
      out[out.length - 1] = { type: 'para', lines: [...last.lines, ...b.lines] };
    } else out.push(b);
  }
  return { blocks: out, joins };
}
