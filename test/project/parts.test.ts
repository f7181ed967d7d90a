// Book structure as data: the parts of a book, their order and titles come from the edition file
// and templates. An edition in Traditional Chinese with other parts needs no code change; an
// edition file that lists no parts gets the default ones, titled in its language.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assembleBooks, project } from '../../src/book/assemble.ts';
import { build } from '../../src/build/index.ts';
import { openPdf, pageLines } from '../../src/check/pdftext.ts';
import { plainText, visitBlocks } from '../../src/model/types.ts';
import { openEpub } from '../helpers/epub.ts';
import { makeProject } from './make.ts';

const HANT = {
  'corpus/edition.yaml': `title: 紅樓夢選
language: zh-Hant
editor: 某甲
publisher: 某出版社
slug: hongloumeng
toc_depth: 3
parts:
  - kind: titlepage
  - kind: frontmatter
    template: preface
    title: 序
  - kind: toc
    title: 目錄
  - kind: documents
  - kind: appendix
    template: glossary
    title: 詞語表
`,
  'templates/preface.md': '# {{ part.title }}\n\n本書選錄{{ documents.size }}回，依回目次序編排。\n',
  'templates/glossary.md': '# {{ part.title }}\n\n{% for doc in documents %}\n- {{ doc.title }}\n{% endfor %}\n',
  'corpus/01.md': '# 第一回　甄士隱夢幻識通靈\n\n此開卷第一回也。\n\n## 一節\n\n### 小節\n\n正文。\n',
  'corpus/02.md': '# 第二回　賈夫人仙逝揚州城\n\n詩云：\n',
};

describe('parts from the edition file', () => {
  it('a Traditional Chinese edition with a preface and a glossary and no colophon', () => {
    const [{ book, warnings }] = assembleBooks(project(makeProject(HANT)));
    expect(warnings).toEqual([]);
    expect(book.parts.map((p) => [p.id, p.kind, p.title])).toEqual([
      ['titlepage', 'titlepage', '書名頁'], ['preface', 'frontmatter', '序'], ['toc', 'toc', '目錄'],
      ['doc-01', 'document', '第一回　甄士隱夢幻識通靈'], ['doc-02', 'document', '第二回　賈夫人仙逝揚州城'], ['glossary', 'appendix', '詞語表'],
    ]);
    expect(book.meta).toMatchObject({ language: 'zh-Hant', tocDepth: 3, title: '紅樓夢選' });
    const glossary: string[] = [];
    visitBlocks(book.parts[5].blocks, (b) => { if (b.type === 'para' || b.type === 'heading') glossary.push(plainText(b.children)); });
    expect(glossary).toEqual(['詞語表', '第一回　甄士隱夢幻識通靈', '第二回　賈夫人仙逝揚州城']);
  });

  it('is built: both files show its parts and its own headings, and no Simplified heading of our edition', async () => {
    const dir = makeProject(HANT);
    const out = mkdtempSync(join(tmpdir(), 'wenji-hant-'));
    const results = await build(dir, ['epub', 'pdf'], out);
    expect(results.map((r) => r.path.slice(out.length + 1))).toEqual(['hongloumeng.epub', 'hongloumeng.pdf']);
    const epub = await openEpub(results[0].path);
    expect([...epub.keys()].filter((n) => /OEBPS\/[a-z0-9-]+\.xhtml$/u.test(n)).sort()).toEqual(['OEBPS/cover.xhtml', 'OEBPS/doc-01.xhtml', 'OEBPS/doc-02.xhtml', 'OEBPS/glossary.xhtml', 'OEBPS/preface.xhtml', 'OEBPS/titlepage.xhtml', 'OEBPS/toc.xhtml']);
    expect(epub.get('OEBPS/preface.xhtml')!.toString()).toContain('本書選錄2回');
    const pdf = await openPdf(readFileSync(results[1].path));
    const text: string[] = [];
    for (let n = 1; n <= pdf.numPages; n++) text.push((await pageLines(pdf, n)).map((l) => l.text).join('\n'));
    // pdfjs gives the ideographic space back as a space: compare without white space.
    const all = text.join('').replace(/\s/gu, '');
    for (const s of ['紅樓夢選', '目錄', '序', '詞語表', '第一回甄士隱夢幻識通靈', '此開卷第一回也。']) expect(all).toContain(s);
    for (const s of ['目录', '版本记录', '编辑说明', '文献来源说明']) expect(all).not.toContain(s);
  });

  it('an edition file without parts gets title page, contents, documents and colophon in its language', () => {
    const titles = (language: string) => assembleBooks(project(makeProject({ 'corpus/edition.yaml': `title: T\nlanguage: ${language}\n`, 'corpus/a.md': '# A\n\nText.\n' })))[0].book.parts.map((p) => `${p.kind}:${p.title}`);
    expect(titles('zh-Hans')).toEqual(['titlepage:书名页', 'toc:目录', 'document:A', 'colophon:版本记录']);
    expect(titles('zh-TW')).toEqual(['titlepage:書名頁', 'toc:目錄', 'document:A', 'colophon:版本記錄']);
    expect(titles('en-GB')).toEqual(['titlepage:Title page', 'toc:Contents', 'document:A', 'colophon:Colophon']);
  });

  it('a part without a template or title is an error in the edition file', () => {
    const dir = makeProject({ 'corpus/edition.yaml': 'title: T\nparts:\n  - kind: appendix\n  - kind: documents\n', 'corpus/a.md': 'Text.\n' });
    expect(() => assembleBooks(project(dir))).toThrow(/corpus\/edition\.yaml:3:5: error: part 1 \(appendix\) names no template \[schema\][\s\S]*corpus\/edition\.yaml:3:5: error: part 1 \(appendix\) has no title \[schema\]/u);
  });
});
