// Display lines (headings, titles, contents entries) break only between phrases: a word, a
// number with its unit or a short bracketed range such as （2023—2025） is kept whole by a span
// that does not wrap (.phrase in style.css). Phrases come from src/cjk/phrases.ts, the same
// units the PDF breaks its display lines between. Text is also tidied of spaces inside bracket
// pairs (〔 〕), which would let a line start with the closing bracket.
import { phrases } from '../../cjk/phrases.ts';
import { escapeXml } from './context.ts';

const OPENING = '〔（［｛《〈「『【〖〘〚';
const CLOSING = '〕）］｝》〉」』】〗〙〛';

/** Text without spaces just inside a CJK bracket pair. */
export function tidyBrackets(text: string): string {
  return text.replace(new RegExp(`([${OPENING}])[ \\u00A0]+`, 'gu'), '$1').replace(new RegExp(`[ \\u00A0]+([${CLOSING}])`, 'gu'), '$1');
}

/** A display line's text as XHTML, each phrase of more than one character in an unbreakable span. */
export function phrased(text: string): string {
  const tidy = tidyBrackets(text);
  if (!tidy.trim()) return escapeXml(tidy);
  return phrases(tidy).map((p) => ([...p].length > 1 && !/\s/u.test(p) ? `<span class="phrase">${escapeXml(p)}</span>` : escapeXml(p))).join('');
}
