// Ids and titles from file names, for documents whose front matter gives none. An id names files
// inside the EPUB and anchors in both files, so it is kept to lower-case ASCII letters, digits,
// `-` and `_`; a name with other characters (第一章.md) keeps a short digest of itself so that
// two such names never meet.
import { createHash } from 'node:crypto';

const digest = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 8);

/** Longest document id: ids name files inside the EPUB and, with the slug, files under out/. */
export const MAX_ID = 80;

/** `chapters/01 Intro.md` → `chapters-01-intro`; `第一章.md` → `d-…` (a digest); a long name is cut and keeps a digest. */
export function documentId(path: string): string {
  const id = idFromName(path);
  return id.length <= MAX_ID ? id : `${id.slice(0, MAX_ID - 9).replace(/[-_]+$/u, '')}-${digest(path)}`;
}

function idFromName(path: string): string {
  const stem = path.replace(/\.(md|markdown)$/iu, '');
  const ascii = stem.normalize('NFKD').replace(/[\u0300-\u036f]/gu, '').toLowerCase();
  const slug = ascii.replace(/[^a-z0-9_]+/gu, '-').replace(/^[-_]+|[-_]+$/gu, '');
  const lossy = /[^\x00-\x7f]/u.test(ascii.replace(/[^\p{L}\p{N}]/gu, ''));
  if (!slug) return `d-${digest(stem)}`;
  return lossy ? `${slug}-${digest(stem)}` : slug;
}

/** `chapters/第一章.md` → `第一章`. */
export function titleFromName(path: string): string {
  return (path.split('/').at(-1) ?? path).replace(/\.(md|markdown)$/iu, '');
}
