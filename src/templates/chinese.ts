// Chinese numerals for display: dates as official documents print them, counts in running text.

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
