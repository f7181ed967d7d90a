// Unseen OCR pages made from the corpus text: columns of other widths, set as a printer sets
// them (closing marks hung at the line end rather than starting a line), with or without the
// paragraph indent kept as spaces, blank lines after every line, OCR letter-spacing and
// half-width punctuation. The reader never saw these; the test measures what it gets right.
import { emWidth, NO_LINE_START } from '../../../src/cjk/chars.ts';

/** A small deterministic random generator (mulberry32), so that a page is the same each time. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface PageStyle {
  width: number;
  /** How the first line of a paragraph shows its indent: by being shorter only, or with spaces. */
  indent: 'width' | 'spaces' | 'ideographic';
  blankLines: boolean;
  /** Chance per line of OCR spaces between characters. */
  spacing: number;
  /** Chance per mark of a half-width reading of ，：；（）. */
  halfWidth: number;
  /** Chance per mark of 。 read as `.` and “ ” as `"`. */
  ascii?: number;
  /** A closing mark that would start a line: hung past the column (once a line), or pushed down with the last character. */
  kinsoku?: 'hang' | 'push';
  seed: number;
}

const pieceWidth = (p: string) => [...p].reduce((n, ch) => n + emWidth(ch), 0);

/** Sets one paragraph in a column; a closing mark that would start a line hangs at the end of the previous one. */
function setParagraph(text: string, width: number, kinsoku: 'hang' | 'push'): string[] {
  const lines: string[] = [];
  let line = '';
  let w = 0;
  let limit = width - 2;
  let hung = false;
  for (const piece of text.match(/[A-Za-z0-9.%]+|——|……|./gu) ?? []) {
    const pw = pieceWidth(piece);
    if (w + pw > limit && line) {
      const closer = NO_LINE_START.includes(piece[0]);
      if (closer && !hung && kinsoku === 'hang') hung = true;
      else {
        // A second closing mark is not hung: the last character goes down with it.
        const keep = closer ? [...line].slice(0, -1).join('') : line;
        lines.push(keep);
        line = line.slice(keep.length);
        w = pieceWidth(line);
        limit = width;
        hung = false;
      }
    }
    line += piece;
    w += pw;
  }
  if (line) lines.push(line);
  return lines;
}

const HALF: Record<string, string> = { '，': ',', '：': ':', '；': ';', '（': '(', '）': ')' };

function noisy(line: string, style: PageStyle, rnd: () => number): string {
  let out = [...line].map((ch) => (HALF[ch] && rnd() < style.halfWidth ? HALF[ch] : ch)).join('');
  if (style.ascii) out = out.replace(/[。“”]/gu, (ch) => (rnd() < style.ascii! ? (ch === '。' ? '.' : '"') : ch));
  if (rnd() < style.spacing) {
    // OCR letter-spacing of a stretch of the line, and spaces around digits.
    const chars = [...out];
    const from = Math.floor(rnd() * chars.length);
    const to = Math.min(chars.length, from + 3 + Math.floor(rnd() * 8));
    out = [...chars.slice(0, from), chars.slice(from, to).join(' '), ...chars.slice(to)].join('');
    out = out.replace(/(?<![A-Za-z0-9.])([0-9]+)(?![A-Za-z0-9.%])/gu, ' $1 ');
  }
  return out;
}

/** A page of OCR text from the units of a document body (`## 一` headings, paragraphs). */
export function unseenPage(units: string[], style: PageStyle): string {
  const rnd = random(style.seed);
  const lines: string[] = [];
  for (const u of units) {
    if (u.startsWith('## ')) { lines.push(u.slice(3)); continue; }
    setParagraph(u, style.width, style.kinsoku ?? 'hang').forEach((l, i) => {
      const lead = i === 0 ? (style.indent === 'spaces' ? '  ' : style.indent === 'ideographic' ? '\u3000\u3000' : '') : '';
      lines.push(lead + noisy(l, style, rnd));
    });
  }
  return lines.join(style.blankLines ? '\n\n' : '\n') + '\n';
}
