// Paragraph ends in a printed column read by OCR. A paragraph's lines are: a first line, short
// by the two-character indent; middle lines, full to the column; a last line of any length. So a
// line that is not full is a first or a last line, and a paragraph ends after a line that ends a
// sentence when:
//   - the next line shows a new paragraph: indented by spaces the OCR kept, or led by a dash,
//     an article numeral (`一、`, `（一）`, `第三条`);
//   - or the line is not full and is not the first line of its paragraph (a short last line);
//   - or the line is full but the next is not, and the next is a first line: the line after it is
//     full again (a last line is followed by a first line, never by a full one), or the next does
//     not end a sentence, or it is short by about the indent.
// "Full" is measured against the column's typical width, allowing for the piece that did not fit
// and for the printer's ways with a closing mark that may not start a line (hung in the margin, or
// the last character pushed down with it). A break is never made while a pair of marks is open.
import { CN_DIGITS, endsSentence, NO_LINE_START, textWidth } from '../../cjk/chars.ts';
import { pairProblems } from '../../cjk/brackets.ts';
import { fullWidthPunctuation } from '../normalize.ts';
import type { RawBlock, SourceLine } from '../witness.ts';

/** A line that begins with an indent kept by the OCR: two spaces or an ideographic space. */
export const INDENTED = /^(?: {2,}|\u3000)/u;
/** A line that starts an item of a list or an article: `——`, `一、`, `（一）`, `第三条`, `1.`. */
export const ITEM_START = new RegExp(`^(?:——|[${CN_DIGITS}]{1,3}、|[（(][${CN_DIGITS}]{1,3}[）)]|第[${CN_DIGITS}]{1,4}[条章节]|[0-9]{1,2}[.、．](?![0-9]))`, 'u');

interface Line {
  src: SourceLine;
  /** The line as it will read: half-width marks made full-width, spaces gone. */
  text: string;
  width: number;
  /** Half-width characters, whose printed width the OCR text shows only roughly. */
  half: number;
}

function lineOf(src: SourceLine): Line {
  const text = fullWidthPunctuation(src.text).replace(/\s/gu, '');
  return { src, text, width: textWidth(text), half: [...text].filter((ch) => textWidth(ch) < 1).length };
}

/** Width of the first unbreakable piece of a line: a run of Latin letters or digits, or one character. */
function firstPieceWidth(line: Line | undefined): number {
  const t = line?.text ?? '';
  return textWidth(/^[A-Za-z0-9.,%+\-/]+/u.exec(t)?.[0] ?? [...t][0] ?? '');
}

/**
 * The width of the column: the width most lines fill. Middle lines are full, first lines two
 * characters short, a few lines a character over (a closing mark hung in the margin); in a text
 * of short paragraphs first lines may outnumber middle ones, so the width is chosen as the one
 * that most lines reach and few exceed.
 */
function columnWidth(widths: number[]): number {
  const count = (lo: number, hi: number) => widths.filter((w) => w >= lo && w <= hi).length;
  let best = 0;
  let bestScore = -Infinity;
  // Lines of Han characters are a whole number of ems wide; half ems come from digits and Latin.
  for (const c of new Set(widths.map(Math.floor))) {
    const score = count(c - 0.5, c) + 0.5 * count(c - 2.5, c - 1.5) - 3 * count(c + 1.5, Infinity);
    if (score > bestScore || (score === bestScore && c > best)) [best, bestScore] = [c, score];
  }
  return best;
}

/**
 * How far a full line may fall short of the column in this print. A page set on a strict grid
 * has full lines of one width (a closing mark may hang past it); a newspaper column that
 * compresses punctuation has full lines a character either side of its typical width, and then
 * a line one character short is still full.
 */
function jitter(widths: number[], column: number): number {
  const at = widths.filter((w) => w === column).length;
  const under = widths.filter((w) => w >= column - 1 && w < column).length;
  return under > 0.4 * at ? 0.5 : 0;
}

/** Whether the next line starts with a character pushed down with a closing mark that may not start a line. */
function pushedDown(next: Line | undefined): boolean {
  const chars = [...(next?.text ?? '')];
  return chars.length > 1 && NO_LINE_START.includes(chars[1]);
}

export interface Column {
  lines: SourceLine[];
  width: number;
  /** How far short of the width a full line may fall. */
  slack: number;
  /** Whether the OCR kept paragraph indents as spaces: then a line without one starts no paragraph. */
  keepsIndents: boolean;
}

/** Measures a column on all its lines: its width, how strictly lines fill it, and whether indents show. */
export function measureColumn(src: SourceLine[]): Column {
  const lines = src.map(lineOf);
  const open = lines.filter((l) => !endsSentence(l.text)).map((l) => l.width);
  // A few lines say too little about the column; the widest of them is then the best guess.
  const width = open.length >= 8 ? columnWidth(open) : Math.max(0, ...lines.map((l) => l.width));
  const afterEnd = lines.filter((_, i) => i > 0 && endsSentence(lines[i - 1].text));
  const indented = afterEnd.filter((l) => INDENTED.test(l.src.text)).length;
  return { lines: src, width, slack: jitter(lines.map((l) => l.width), width), keepsIndents: indented >= 3 && indented >= 0.3 * afterEnd.length };
}

/** Cuts a run of text lines into paragraphs, in a column measured on its segment. */
export function ocrParagraphs(run: SourceLine[], col: Column): RawBlock[] {
  const lines = run.map(lineOf);
  const { width: column, slack, keepsIndents } = col;
  /** Room left at the end of line i: the column, less the line and the piece that did not fit on it. */
  const room = (i: number) => column - lines[i].width - firstPieceWidth(lines[i + 1]);
  const full = (i: number) => i + 1 < lines.length && (room(i) < slack + 0.1 * lines[i].half || (room(i) < 1 && pushedDown(lines[i + 1])));
  const showsStart = (i: number) => INDENTED.test(lines[i].src.text) || ITEM_START.test(lines[i].text);

  const breaksAfter = (i: number, first: boolean): boolean => {
    const cur = lines[i];
    if (i + 1 >= lines.length) return true;
    if (!endsSentence(cur.text)) return false;
    if (showsStart(i + 1)) return true;
    // A first line is short by its indent; it is also the last only if shorter still.
    if (!full(i) && (!first || room(i) >= 2 + 0.1 * cur.half)) return true;
    if (keepsIndents || full(i + 1)) return false;
    // The next line ends the run: nothing shows whether it is a last line or a paragraph of its own.
    if (i + 2 >= lines.length) return false;
    if (full(i + 2)) return true;
    return !endsSentence(lines[i + 1].text) || room(i + 1) < 2;
  };

  const out: RawBlock[] = [];
  let para: SourceLine[] = [];
  let open = '';
  lines.forEach((l, i) => {
    para.push(l.src);
    // Marks are read on the paragraph so far, so that a straight quote is known as opening or closing.
    open += l.src.text;
    // A pair still open is closed by the next lines, not by a paragraph break, when they close it.
    const pending = pairProblems(fullWidthPunctuation(open)).open.length > 0 && lines.slice(i + 1, i + 4).some((n) => pairProblems(n.text).problems.some((p) => p.kind === 'unopened'));
    if (breaksAfter(i, para.length === 1) && !pending) {
      out.push({ type: 'para', lines: para });
      para = [];
      open = '';
    }
  });
  if (para.length) out.push({ type: 'para', lines: para });
  return out;
}
