// The read-back comparison names the part and the first place where a file's text differs.
import { describe, expect, it } from 'vitest';
import { compareText } from '../../src/build/verify.ts';
import type { Book } from '../../src/model/types.ts';

const book = {
  meta: {} as Book['meta'],
  images: {},
  parts: [
    { id: 'toc', kind: 'toc', title: '目录', blocks: [] },
    { id: 'doc-a', kind: 'document', title: '甲篇', source: 'corpus/a.md', blocks: [
      { type: 'heading', level: 1, id: 'doc-a-甲篇', children: [{ type: 'text', text: '甲篇' }], pos: { file: 'corpus/a.md', line: 1, column: 1 } },
      { type: 'para', children: [{ type: 'text', text: '第一段 text，' }, { type: 'noteref', note: 'n1', label: '1' }, { type: 'emph', children: [{ type: 'text', text: '着重' }] }], pos: { file: 'corpus/a.md', line: 3, column: 1 } },
    ] },
  ],
} as Book;

describe('reading back', () => {
  it('accepts the same text whatever the whitespace', () => {
    expect(compareText(book, 'pdf', 'out/a.pdf', new Map([['doc-a', '甲篇\n第一段text，着 重']]))).toEqual([]);
  });

  it('names the part and the first differing place', () => {
    const [d] = compareText(book, 'pdf', 'out/a.pdf', new Map([['doc-a', '甲篇第一段tex，着重']]));
    expect(d).toMatchObject({ severity: 'error', code: 'readback', file: 'corpus/a.md', line: 1 });
    expect(d.message).toBe('PDF out/a.pdf: the text of 甲篇 differs from the document at character 9: expected “甲篇第一段text，着重”, the file has “甲篇第一段tex，着重”');
  });

  it('reports a part that is missing from the file', () => {
    expect(compareText(book, 'epub', 'out/a.epub', new Map()).map((d) => d.message)).toEqual(['EPUB out/a.epub: part doc-a (甲篇) is missing from the file']);
  });
});
