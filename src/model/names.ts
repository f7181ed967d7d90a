// Names as a book prints them: joined as its language joins them, and on the cover with the word
// for their part in the book.
import { wordsOf } from './language.ts';
import type { BookMeta } from './types.ts';

/** Names joined as the language joins them: 、 in Chinese and Japanese, commas elsewhere. */
export function names(list: string[], language: string): string {
  return list.join(/^(zh|ja)/u.test(language) ? '、' : ', ');
}

/**
 * Who the cover names, with the word for their part in the book's language: the authors (著), or
 * else the editor, who established the text of an edition of witnessed documents (校订) or
 * compiled the book (编).
 */
export function byline(meta: BookMeta): string {
  const han = /^(zh|ja)/u.test(meta.language);
  const traditional = wordsOf(meta.language) === 'zh-Hant' || wordsOf(meta.language) === 'ja';
  if (meta.authors.length) return han ? `${names(meta.authors, meta.language)}　著` : names(meta.authors, meta.language);
  if (!meta.editor) return '';
  if (!han) return `Edited by ${meta.editor}`;
  const established = meta.sources.length > 0;
  return `${meta.editor}　${established ? (traditional ? '校訂' : '校订') : (traditional ? '編' : '编')}`;
}
