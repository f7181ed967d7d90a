// Ids from file names: always safe for file names in the EPUB and anchors in both files, and two
// different names never share an id unless they differ only in case or punctuation of ASCII text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { documentId, titleFromName } from '../../src/corpus/names.ts';

const SAFE = /^[a-z0-9][a-z0-9_-]*$/u;

describe('document ids from file names', () => {
  it('are always safe', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }), (name) => SAFE.test(documentId(`${name}.md`))));
  });

  it('differ for names that differ in anything but ASCII case and punctuation', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }), (a, b) => {
      const key = (s: string) => s.normalize('NFKD').replace(/[\u0300-\u036f]/gu, '').toLowerCase().replace(/[^a-z0-9_]+/gu, '-').replace(/^[-_]+|[-_]+$/gu, '');
      const lossy = (s: string) => /[^\x00-\x7f]/u.test(s.normalize('NFKD').replace(/[\u0300-\u036f]/gu, '').replace(/[^\p{L}\p{N}]/gu, ''));
      if (a === b || (!lossy(a) && !lossy(b) && key(a) === key(b))) return true;
      return documentId(`${a}.md`) !== documentId(`${b}.md`);
    }));
  });

  it('examples', () => {
    expect(['intro.md', 'chapters/01 Intro.md', 'Café Olé.md', '第一章.md', '第1章.md', '---.md'].map(documentId)).toEqual([
      'intro', 'chapters-01-intro', 'cafe-ole', expect.stringMatching(/^d-[0-9a-f]{8}$/u), expect.stringMatching(/^1-[0-9a-f]{8}$/u), expect.stringMatching(/^d-[0-9a-f]{8}$/u),
    ]);
    expect(titleFromName('chapters/第一章.md')).toBe('第一章');
  });
});
