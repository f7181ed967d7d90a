// Character classes of Chinese text, after the W3C Requirements for Chinese Text Layout (clreq).
// The importer uses them to decide where spaces are noise and which punctuation is Chinese;
// the layout engine uses the same classes for its line-start and line-end rules.

/** A Han character (any CJK ideograph block). */
export const HAN = /\p{Script=Han}/u;

/** Full-width punctuation and symbols used in Chinese text (clreq §3.1). */
export const CJK_PUNCT = /[\u3000-\u303F\uFF01-\uFF0F\uFF1A-\uFF20\uFF3B-\uFF40\uFF5B-\uFF65\u2014\u2026\u2018\u2019\u201C\u201D\u00B7\u2E3A\uFE10-\uFE19]/u;

/** Closing and middle punctuation: never at the start of a line (clreq §3.1.7, 3.1.8). */
export const NO_LINE_START = '，。、；：？！）》」』〉】〕〗’”';

/** Marks set as a pair that is never split across lines: —— and …… (clreq §3.1.7). */
export const INSEPARABLE = '—…';

/** Opening punctuation: never at the end of a line (clreq §3.1.7). */
export const NO_LINE_END = '（《「『〈【〔〖‘“';

/** Marks that end a sentence or a clause that may end a paragraph. */
export const SENTENCE_END = '。！？：；…';

/** Closing marks that may follow a sentence end (`。”`, `。）`). */
export const CLOSING_AFTER_END = '”’）》」』';

/** Chinese numerals used for section numbers and dates. */
export const CN_DIGITS = '〇零一二三四五六七八九十百';

/** A section numeral standing alone on a line (`一`, `十二`). */
export const SECTION_ALONE = new RegExp(`^[${CN_DIGITS}]{1,3}$`, 'u');

export function isHan(ch: string): boolean {
  return HAN.test(ch);
}

/** Han or full-width punctuation: a character that takes no space beside it in Chinese text. */
export function isCjk(ch: string): boolean {
  return HAN.test(ch) || CJK_PUNCT.test(ch);
}

/** Rough advance of a character in ems, as printed in a Chinese column: Latin and digits are half-width. */
export function emWidth(ch: string): number {
  return ch.charCodeAt(0) < 0x2000 && ch !== '·' ? 0.5 : 1;
}

export function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) if (!/\s/u.test(ch)) w += emWidth(ch);
  return w;
}

/** Whether a (trimmed) line ends a sentence: `。`, `：`, or such a mark followed by closing quotes. */
export function endsSentence(text: string): boolean {
  const t = text.replace(/\s+$/u, '');
  let i = t.length - 1;
  while (i >= 0 && CLOSING_AFTER_END.includes(t[i])) i--;
  return i >= 0 && SENTENCE_END.includes(t[i]) && i < t.length;
}

/**
 * Words that name the kind of an official document; a title ends with one. Used to tell a
 * letter-spaced title from a body line that OCR happened to space out.
 */
export const DOCUMENT_GENRE = /(声明|宣言|公报|新闻稿|公告|通报|条约|公约|宪章|协定|协议|议定书|备忘录|纪要|纲要|规划|计划|方案|决定|决议|条例|章程|讲话|致辞|演讲|贺电|报告|白皮书|通知|意见|倡议)$/u;
