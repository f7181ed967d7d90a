// The book's text as the fonts see it: every piece with what it asks (code → mono, emphasis →
// italic, strong and headings → bold) and its place; the writers' own characters included.
import { describe, expect, it } from 'vitest';
import { bookText, WRITERS_TEXT } from '../../src/book/text.ts';
import type { Book } from '../../src/model/types.ts';

const at = (line: number) => ({ file: 'corpus/a.md', line, column: 1 });

const BOOK: Book = {
  meta: { title: '文集', authors: [], editor: '编者', publisher: '出版者', language: 'zh-Hans', description: '说明', subjects: ['主题'], identifier: 'urn:x', modified: '2025-01-01T00:00:00Z', sources: [], slug: 'wenji', tocDepth: 2 },
  images: {},
  parts: [{
    id: 'doc-a', kind: 'document', title: '第一篇', source: 'corpus/a.md',
    blocks: [
      { type: 'heading', level: 2, id: 'h', pos: at(1), children: [{ type: 'text', text: '标题' }, { type: 'emph', children: [{ type: 'text', text: 'Titel' }] }] },
      { type: 'para', pos: at(3), children: [
        { type: 'text', text: '正文' },
        { type: 'emph', children: [{ type: 'text', text: '着重' }, { type: 'strong', children: [{ type: 'text', text: 'Both' }] }] },
        { type: 'code', text: 'f(x)' },
        { type: 'noteref', note: 'n1', label: '1' },
        { type: 'ruby', annotation: 'hàn', children: [{ type: 'text', text: '漢' }] },
      ] },
      { type: 'list', ordered: true, start: 1, tight: true, pos: at(5), items: [{ blocks: [{ type: 'para', pos: at(5), children: [{ type: 'link', href: 'https://x', children: [{ type: 'text', text: '链接' }] }] }] }] },
      { type: 'code', lang: 'js', text: 'let 变量 = 1;', pos: at(7) },
      { type: 'table', align: [null], head: [[{ type: 'text', text: '表头' }]], rows: [[[{ type: 'text', text: '单元' }]]], pos: at(11) },
      { type: 'figure', src: 'i.png', alt: '图', caption: [{ type: 'text', text: '图题' }], pos: at(14) },
      { type: 'note', id: 'n1', label: '1', pos: at(16), children: [{ type: 'para', pos: at(16), children: [{ type: 'text', text: '注文' }] }] },
    ],
  }],
};

describe('the book text', () => {
  const pieces = bookText(BOOK);
  const find = (text: string) => pieces.filter((p) => p.text === text);

  it('says what each piece asks of the fonts', () => {
    expect(find('标题')[0].req).toEqual({ weight: 'bold' });
    expect(find('Titel')[0].req).toEqual({ weight: 'bold', italic: true });
    expect(find('正文')[0].req).toEqual({ weight: 'regular' });
    expect(find('着重')[0].req).toEqual({ weight: 'regular', italic: true });
    expect(find('Both')[0].req).toEqual({ weight: 'bold', italic: true });
    expect(find('f(x)')[0].req).toEqual({ weight: 'regular', mono: true });
    expect(find('let 变量 = 1;')[0].req).toEqual({ weight: 'regular', mono: true });
    expect(find('表头')[0].req).toEqual({ weight: 'bold' });
    expect(find('单元')[0].req).toEqual({ weight: 'regular' });
    for (const t of ['hàn', '漢', '链接', '图', '图题', '注文', '第一篇', '文集', '说明', '主题']) expect(find(t)).toHaveLength(1);
  });

  it('gives each piece its block\'s place and the document it belongs to', () => {
    expect(find('f(x)')[0]).toMatchObject({ pos: at(3), part: 'doc-a', source: 'corpus/a.md' });
    expect(find('链接')[0].pos).toEqual(at(5));
    expect(find('注文')[0].pos).toEqual(at(16));
  });

  it('includes what the writers set themselves: labels, arabic and roman page numbers, leaders', () => {
    const all = pieces.map((p) => p.text).join('');
    for (const ch of '0123456789ivxlcdm.目录•') expect(all).toContain(ch);
    expect(pieces.at(-1)!.text).toBe(WRITERS_TEXT);
  });
});
