// A witness in Traditional characters (a Hong Kong or Taiwan repost) is read in the script of
// the edition, Simplified, through OpenCC (opencc-js), so that collation compares readings and
// not scripts; the conversion is counted in the witness's source note.
import * as OpenCC from 'opencc-js/t2cn';
import { isHan } from '../cjk/chars.ts';

export type Script = 'hans' | 'hant';

let converters: ((s: string) => string)[] | undefined;
/**
 * Traditional → Simplified as used in mainland China: Hong Kong forms first, then Taiwan ones
 * (whose phrase tables settle more words, such as 本著 → 本着); Simplified text passes unchanged.
 */
function toSimplified(text: string): string {
  converters ??= [OpenCC.Converter({ from: 'hk', to: 'cn' }), OpenCC.Converter({ from: 'tw', to: 'cn' })];
  return converters.reduce((t, c) => c(t), text);
}

/** Share of Han characters that the conversion changes. */
function traditionalShare(text: string): number {
  const han = [...text].filter(isHan);
  const conv = [...toSimplified(han.join(''))];
  return han.length ? han.filter((ch, i) => ch !== conv[i]).length / han.length : 0;
}

/**
 * The script of a witness: as the manifest says, else Traditional when the conversion would
 * change at least one Han character in twenty (Simplified text changes in a handful of words
 * at most, such as 乾隆 or 著作, which OpenCC leaves alone anyway).
 */
export function detectScript(text: string): Script {
  return traditionalShare(text) >= 0.05 ? 'hant' : 'hans';
}

/** The text in Simplified characters, and how many characters changed. */
export function simplify(text: string): { text: string; changed: number } {
  const out = toSimplified(text);
  const a = [...text];
  const b = [...out];
  // OpenCC maps character to character for these presets, so positions correspond.
  const changed = a.length === b.length ? a.filter((ch, i) => ch !== b[i]).length : Math.abs(a.length - b.length);
  return { text: out, changed };
}
