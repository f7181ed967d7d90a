// Reader for plain web text: one paragraph a line. The first line is the title when it reads
// like one (no closing punctuation); lone numerals are section headings; stray markup is removed.
import { SECTION_ALONE } from '../../cjk/chars.ts';
import { isSourceLine, splitAtMarks } from '../marks.ts';
import { tally, type RawBlock, type ReadResult, type SourceLine } from '../witness.ts';

/** Debris of HTML left in a text copy: a lone tag or a tag cut off by truncation (`</`). */
const MARKUP_DEBRIS = /^<\/?[A-Za-z]*[^>]*>?$/u;

/** Splits lines at continuation marks, like the OCR reader, and keeps the rest as paragraphs. */
export function lineBlocks(lines: SourceLine[], file: string): RawBlock[] {
  return lines.flatMap((src) => splitAtMarks(src, file).map((x): RawBlock => (isSourceLine(x) ? { type: 'para', lines: [x] } : x)));
}

export function readText(text: string, file: string): ReadResult {
  const removed: ReadResult['removed'] = [];
  const lines: SourceLine[] = [];
  text.split('\n').forEach((t, i) => {
    if (!t.trim()) return;
    if (MARKUP_DEBRIS.test(t.trim())) tally(removed, '残留的HTML标记', t);
    else lines.push({ text: t, line: i + 1 });
  });
  const blocks: RawBlock[] = [];
  const first = lines[0];
  if (first && !/[。，；：！？]/u.test(first.text) && [...first.text.trim()].length <= 120 && lines.length > 1) {
    blocks.push({ type: 'title', text: first.text.trim(), line: first.line });
    lines.shift();
  }
  for (const b of lineBlocks(lines, file)) {
    const t = b.type === 'para' ? b.lines[0].text.trim() : '';
    if (b.type === 'para' && b.lines.length === 1 && SECTION_ALONE.test(t)) blocks.push({ type: 'section', numeral: t, line: b.lines[0].line });
    else blocks.push(b);
  }
  return { blocks, removed };
}
