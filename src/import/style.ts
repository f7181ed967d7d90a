// The house style of the edition's text, applied to every witness after normalization, so that
// witnesses differing only in typographic habit do not differ in the text (`2022－2023`,
// `2022-2023` and `2022—2023` are one reading). By default GB/T 15834-2011 (标点符号用法):
// the 一字线 `—` joins the ends of a numeric range, `——` is the dash, `……` the ellipsis,
// letters and digits are half-width, no space stands between Han characters and Latin or digits
// (that last rule is the normalizer's). Every change is returned, so the source note counts it.
import { isCjk } from '../cjk/chars.ts';

export interface HouseStyle {
  /** The mark between the two ends of a numeric range (`2022—2023`). */
  range: '—' | '～' | '－' | '-' | '–';
}

export const DEFAULT_STYLE: HouseStyle = { range: '—' };

export interface StyleChange {
  /** What the rule does, as the source note prints it. */
  what: string;
  example: string;
}

interface Rule {
  what: (s: HouseStyle) => string;
  pattern: RegExp;
  replace: (s: HouseStyle, m: RegExpExecArray) => string;
}

/** Marks a witness may use to join the ends of a range. */
const RANGE_MARKS = '\\-－‐‑–—―~～〜';

const RULES: Rule[] = [
  {
    what: () => '全角字母、数字改为半角',
    pattern: /[Ａ-Ｚａ-ｚ０-９％]/gu,
    replace: (_s, m) => String.fromCharCode(m[0].charCodeAt(0) - 0xfee0),
  },
  {
    // Ends of one to four digits, not part of a longer chain (a date 2023-03-21, a model number
    // Su-57 or COVID-19 keeps its hyphen).
    what: (s) => `数字起止连接号统一为“${s.range}”`,
    pattern: new RegExp(`(?<![A-Za-z0-9.${RANGE_MARKS}])([0-9]{1,4})\\s*([${RANGE_MARKS}])\\s*(?=[0-9]{1,4}(?![0-9.${RANGE_MARKS}]|[A-Za-z]))`, 'gu'),
    replace: (s, m) => `${m[1]}${s.range}`,
  },
  {
    what: () => '破折号统一为“——”',
    // A lone `—` between Han characters is left alone: it may join a range of places (北京—上海).
    pattern: /(?<=^|\p{Script=Han}|[，。；：！？”’）》」』])\s*(?:[-－]{2,}|―{1,2}|─{1,2}|—{3,})\s*(?=\p{Script=Han}|[“‘（《「『])/gu,
    replace: () => '——',
  },
  {
    what: () => '省略号统一为“……”',
    pattern: /(?<=\p{Script=Han}|[，。；：！？”’）》」』])(?:\.{3,}|。{3,}|·{3,}|．{3,}|…(?!…))/gu,
    replace: () => '……',
  },
];

/** Whether a match is a change in Chinese context (ranges and dashes of Latin text are left alone). */
function inChinese(text: string, m: RegExpExecArray): boolean {
  const before = /[^\s0-9０-９]?(?=[\s0-9０-９]*$)/u.exec(text.slice(0, m.index))![0];
  const after = /^[\s0-9０-９]*([^\s0-9０-９]?)/u.exec(text.slice(m.index + m[0].length))![1];
  return isCjk(before) || isCjk(after);
}

/** Applies the house style to one paragraph; returns the text and each change made. */
export function applyStyle(text: string, style: HouseStyle = DEFAULT_STYLE): { text: string; changes: StyleChange[] } {
  const changes: StyleChange[] = [];
  let out = text;
  for (const rule of RULES) {
    out = out.replace(rule.pattern, (...args) => {
      const m = Object.assign([...args.slice(0, -2)] as unknown as RegExpExecArray, { index: args[args.length - 2] as number });
      const whole = args[args.length - 1] as string;
      const next = rule.replace(style, m);
      if (next === m[0] || !inChinese(whole, m)) return m[0];
      changes.push({ what: rule.what(style), example: whole.slice(Math.max(0, m.index - 6), m.index + m[0].length + 6) });
      return next;
    });
  }
  return { text: out, changes };
}
