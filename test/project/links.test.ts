// Images and links of real Markdown, through the parser and the assembly: a figure and an inline
// image embedded, links between documents in different folders and to Chinese headings resolved,
// and what cannot be resolved reported at its line and column in the document.
import { describe, expect, it } from 'vitest';
import { assembleBooks, project } from '../../src/book/assemble.ts';
import { formatDiagnostic } from '../../src/diagnostics.ts';
import { visitBlocks, visitInlines, type Block, type Inline } from '../../src/model/types.ts';
import { makeProject, placeOf, PNG_1x1, SVG_20x10 } from './make.ts';

const INTRO = `# 引言

![一张图](img/map.svg "图一　地图")

正文里有小图标 ![图标](img/icon.png) 和[第二章的第一节](chapters/02.md#第一节　总则)，
还有[本篇的标题](#引言)、[没有的节](#不存在)、[不在书中的文件](notes.txt)和![缺的图](img/none.png)。
`;

const TWO = `# 第二章

## 第一节　总则

回到[引言](../intro.md)。
`;

function build() {
  const dir = makeProject({ 'corpus/edition.yaml': 'title: 书\n', 'corpus/intro.md': INTRO, 'corpus/chapters/02.md': TWO, 'corpus/img/map.svg': SVG_20x10, 'corpus/img/icon.png': PNG_1x1, 'corpus/notes.txt': 'x' });
  return assembleBooks(project(dir))[0];
}

function all(blocks: Block[]): { blocks: Block[]; inlines: Inline[] } {
  const out = { blocks: [] as Block[], inlines: [] as Inline[] };
  visitBlocks(blocks, (b) => {
    out.blocks.push(b);
    const runs = b.type === 'para' || b.type === 'heading' ? [b.children] : b.type === 'figure' ? [b.caption] : [];
    for (const r of runs) visitInlines(r, (i) => out.inlines.push(i));
  });
  return out;
}

describe('images and links of real Markdown', () => {
  it('are embedded and resolved', () => {
    const { book } = build();
    expect(Object.keys(book.images).sort()).toEqual(['corpus/img/icon.png', 'corpus/img/map.svg']);
    expect(book.images['corpus/img/map.svg']).toMatchObject({ mime: 'image/svg+xml', width: 20, height: 10 });
    const intro = all(book.parts.find((p) => p.id === 'doc-intro')!.blocks);
    expect(intro.blocks.find((b) => b.type === 'figure')).toMatchObject({ src: 'corpus/img/map.svg', alt: '一张图' });
    expect(intro.inlines.filter((i) => i.type === 'image').map((i) => i.type === 'image' && i.src)).toEqual(['corpus/img/icon.png']);
    const links = intro.inlines.flatMap((i) => (i.type === 'link' ? [i.target] : []));
    expect(links).toEqual([{ part: 'doc-chapters-02', anchor: 'doc-chapters-02-第一节-总则' }, { part: 'doc-intro', anchor: 'doc-intro-引言' }, { part: 'doc-intro' }]);
    // The ideographic space of the heading becomes a hyphen, as GitHub makes anchors; the title, set by the template, keeps its anchor.
    const back = all(book.parts.find((p) => p.id === 'doc-chapters-02')!.blocks).inlines.find((i) => i.type === 'link');
    expect(back).toMatchObject({ target: { part: 'doc-intro' } });
  });

  it('what cannot be resolved is a warning at its place, and its text stays', () => {
    const { book, warnings } = build();
    const txt = placeOf(INTRO, 'notes.txt');
    const none = placeOf(INTRO, 'img/none.png');
    const own = placeOf(INTRO, '#不存在');
    expect(warnings.map(formatDiagnostic).map((s) => s.split('\n')[0])).toEqual([
      `corpus/intro.md:${own.line}:${own.column}: warning: link to #不存在: corpus/intro.md has no heading #不存在; the link goes to the start of the document [link-unresolved]`,
      `corpus/intro.md:${txt.line}:${txt.column}: warning: link to notes.txt: corpus/notes.txt is not a document of the book; the link is set as text [link-unresolved]`,
      `corpus/intro.md:${none.line}:${none.column}: warning: image img/none.png does not exist; its alt text is set instead [image-not-embedded]`,
    ]);
    const text = all(book.parts.find((p) => p.id === 'doc-intro')!.blocks).inlines.filter((i) => i.type === 'text').map((i) => i.type === 'text' && i.text).join('');
    expect(text).toContain('不在书中的文件');
    expect(text).toContain('缺的图');
  });
});

describe('the edition file', () => {
  it('a document listed twice is an error at its second entry', () => {
    const dir = makeProject({ 'corpus/edition.yaml': 'title: 书\ndocuments:\n  - a\n  - b\n  - a\n', 'corpus/a.md': 'A\n', 'corpus/b.md': 'B\n' });
    expect(() => assembleBooks(project(dir))).toThrow(/corpus\/edition\.yaml:5:5: error: document a is listed twice \[schema\]/u);
  });
});
