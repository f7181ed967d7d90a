// Chinese numerals, both ways: written for display (dates as official documents print them,
// counts in running text) and read back from witnesses (dates, section numbers).

const DIGITS = '〇一二三四五六七八九';

/** 2023-03-21 → 二〇二三年三月二十一日 (years digit by digit, months and days with 十). */
export function chineseDate(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return `${[...String(y)].map((c) => DIGITS[Number(c)]).join('')}年${chineseNumber(m)}月${chineseNumber(d)}日`;
}

/** 1–99 as counted in Chinese (五, 十二, 二十一); larger numbers stay in digits. */
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 99) return String(n);
  if (n < 10) return n === 0 ? '〇' : DIGITS[n];
  const tens = Math.floor(n / 10);
  return `${tens === 1 ? '' : DIGITS[tens]}十${n % 10 ? DIGITS[n % 10] : ''}`;
}

/** Value of a Chinese numeral as written in dates and section numbers: `二〇二三` digit by digit, `二十一` with tens. */
export function readChineseNumber(text: string): number {
  const digit = (ch: string) => DIGITS.indexOf(ch === '零' ? '〇' : ch);
  if (!text.includes('十')) return Number([...text].map(digit).join(''));
  const [tens, ones] = text.split('十');
  return (tens ? digit(tens) : 1) * 10 + (ones ? digit(ones) : 0);
}
