// The languages wenji has words of its own in (the writers' labels, the names of admonitions, the
// titles of default parts, a cover's byline), and which of them a BCP 47 tag is written in.

export type Words = 'zh-Hans' | 'zh-Hant' | 'ja' | 'en';

/** Traditional Chinese by its script or region, Simplified Chinese, Japanese, English; undefined for any other language. */
export function wordsOf(tag: string): Words | undefined {
  if (/^zh-(Hant|TW|HK|MO)\b/iu.test(tag)) return 'zh-Hant';
  if (/^zh\b/iu.test(tag)) return 'zh-Hans';
  if (/^ja\b/iu.test(tag)) return 'ja';
  if (/^en\b/iu.test(tag)) return 'en';
  return undefined;
}
