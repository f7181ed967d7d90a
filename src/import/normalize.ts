// Character-level clean-up shared by all readers: OCR spacing and half-width punctuation in Chinese text.
// Both are pure string functions; they never drop a character that is not whitespace.
import { isCjk } from '../cjk/chars.ts';

const LATIN_WORD = /[A-Za-z0-9]/u;

/**
 * Removes whitespace that has a Chinese character or full-width mark on either side
 * (OCR letter-spacing `签 署 20 周 年`, spaces around digits `3 月 21 日`); a run of
 * whitespace between two Latin words becomes one space.
 */
export function collapseSpacing(text: string): string {
  return text.replace(/\s+/gu, (run, offset: number, whole: string) => {
    const before = whole[offset - 1];
    const after = whole[offset + run.length];
    if (before === undefined || after === undefined) return '';
    if (isCjk(before) || isCjk(after)) return '';
    // A number is never spaced out (`2 0 0 6年` is OCR letter-spacing), nor is an abbreviation
    // (`C A R I C O M`, `CARICO M`): a lone capital beside capitals is a letter of the word.
    if (/[0-9]/u.test(before) && /[0-9]/u.test(after)) return '';
    const word = (s: string) => /[A-Za-z]+$/u.exec(s)?.[0] ?? '';
    const left = word(whole.slice(0, offset));
    const right = /^[A-Za-z]+/u.exec(whole.slice(offset + run.length))?.[0] ?? '';
    if (/^[A-Z]+$/u.test(left + right) && (left.length === 1 || right.length === 1)) return '';
    return LATIN_WORD.test(before) && LATIN_WORD.test(after) ? ' ' : '';
  });
}

const FULL_WIDTH: Record<string, string> = { ',': '，', ':': '：', ';': '；', '?': '？', '!': '！', '(': '（', ')': '）' };
const FULL_WIDTH_OF = new Set(Object.keys(FULL_WIDTH));

/** Whether the nearest non-space character in a direction is Chinese. */
function cjkNeighbour(chars: string[], i: number, step: 1 | -1): boolean {
  for (let j = i + step; j >= 0 && j < chars.length; j += step) {
    if (/\s/u.test(chars[j])) continue;
    return isCjk(chars[j]);
  }
  return false;
}

/** Index of the `)` that closes the `(` at `open`, or -1. */
function closingParen(chars: string[], open: number): number {
  let depth = 0;
  for (let j = open; j < chars.length; j++) {
    if (chars[j] === '(') depth++;
    else if (chars[j] === ')' && --depth === 0) return j;
  }
  return -1;
}

/**
 * Half-width `, : ; ? ! ( )` used in Chinese text become full-width, as the printed witnesses
 * have them. A mark is Chinese when a Chinese character stands next to it; a pair of parentheses
 * is Chinese when it stands next to Chinese text or encloses some (`共同体(CELAC)、`).
 * Digits keep their marks (`1,000`, `10:30`), and so does Latin text.
 */
export function fullWidthPunctuation(text: string): string {
  // A converted mark can make its neighbour Chinese context too (`,,中`): repeat to a fixed point.
  let out = curlyQuotes(fullStops(text));
  for (let prev = ''; prev !== out; ) [prev, out] = [out, convertOnce(out)];
  return out;
}

/** Index of the `(` that the `)` at `close` closes, or -1. */
function openingParen(chars: string[], close: number): number {
  let depth = 0;
  for (let j = close; j >= 0; j--) {
    if (chars[j] === ')') depth++;
    else if (chars[j] === '(' && --depth === 0) return j;
  }
  return -1;
}

function convertOnce(text: string): string {
  const chars = [...text];
  const chinese = (i: number) => cjkNeighbour(chars, i, -1) || cjkNeighbour(chars, i, 1);
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    if (ch === '(') {
      const close = closingParen(chars, i);
      // OCR may read one mark of a pair half-width and the other full-width: a lone `(` is
      // Chinese by its neighbours alone.
      if (close < 0) { if (chinese(i)) chars[i] = '（'; continue; }
      const inner = chars.slice(i + 1, close);
      if (cjkNeighbour(chars, i, -1) || cjkNeighbour(chars, close, 1) || inner.some(isCjk)) {
        chars[i] = '（';
        chars[close] = '）';
      }
    } else if (ch === ')') {
      if (openingParen(chars, i) < 0 && chinese(i)) chars[i] = '）';
    } else if (FULL_WIDTH_OF.has(ch)) {
      const digitsAround = /[0-9]/u.test(chars[i - 1] ?? '') && /[0-9]/u.test(chars[i + 1] ?? '');
      if (!digitsAround && chinese(i)) chars[i] = FULL_WIDTH[ch];
    }
  }
  return chars.join('');
}

/**
 * A lone `.` after a Han character, not before a digit or letter, is a full stop read by OCR
 * (`合作.` → `合作。`); runs of dots are ellipses, left to the house style.
 */
function fullStops(text: string): string {
  return text.replace(/(?<=\p{Script=Han}\s*["”’）》」』]?\s*)\.(?!\s*[.A-Za-z0-9])/gu, '。');
}

/**
 * Straight double quotes in Chinese text become “ or ” by the quotes before them in the
 * paragraph (curly or straight): an opening one where none is open, else a closing one.
 */
function curlyQuotes(text: string): string {
  const chars = [...text];
  if (!chars.includes('"')) return text;
  let open = false;
  chars.forEach((ch, i) => {
    if (ch === '“') open = true;
    else if (ch === '”') open = false;
    else if (ch === '"' && (cjkNeighbour(chars, i, -1) || cjkNeighbour(chars, i, 1))) {
      chars[i] = open ? '”' : '“';
      open = !open;
    }
  });
  return chars.join('');
}

/** The whole inline clean-up: punctuation first (it decides by neighbours), then spacing. */
export function normalizeInline(text: string): string {
  return collapseSpacing(fullWidthPunctuation(text.normalize('NFC'))).trim();
}

/** How many half-width marks fullWidthPunctuation changes in a text: for the source note. */
export function punctuationFixes(text: string): number {
  const before = [...text];
  return [...fullWidthPunctuation(text)].filter((ch, i) => ch !== before[i]).length;
}
