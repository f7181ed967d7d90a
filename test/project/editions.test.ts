// Several books from one project: the whole collection, one book per document and a selection,
// each with its own title and slug and the rest inherited; `wenji build` builds all of them,
// `--edition NAME` one, `--document ID` one document.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assembleBooks, project } from '../../src/book/assemble.ts';
import { readingText } from '../../src/model/types.ts';
import { openPdf, pageLines } from '../../src/check/pdftext.ts';
import { byline } from '../../src/model/names.ts';
import { epubcheck, openEpub } from '../helpers/epub.ts';
import { run } from '../helpers/run.ts';
import { makeProject } from './make.ts';

const FILES = {
  'corpus/edition.yaml': `title: 文集
editor: 编者
slug: wenji
pdf:
  paper: A5
editions:
  - name: all
  - name: each
    per_document: true
  - name: selection
    title: 选本
    slug: selection
    documents: [b]
    pdf:
      paper: A4
`,
  'corpus/a.md': '# 甲篇\n\n甲文。\n',
  'corpus/b.md': '---\ntitle: 乙篇\nsubtitle: 乙副题\n---\n\n乙文。\n',
};

describe('editions', () => {
  it('each edition inherits what it does not give', () => {
    const books = assembleBooks(project(makeProject(FILES)));
    expect(books.map((b) => [b.config.name, b.book.meta.slug, b.book.meta.title, b.book.meta.editor, b.config.pdf.paper, b.book.parts.filter((p) => p.kind === 'document').map((p) => p.title).join()])).toEqual([
      ['all', 'wenji', '文集', '编者', 'A5', '甲篇,乙篇'],
      ['each', 'wenji-a', '甲篇', '编者', 'A5', '甲篇'],
      ['each', 'wenji-b', '乙篇', '编者', 'A5', '乙篇'],
      ['selection', 'selection', '选本', '编者', 'A4', '乙篇'],
    ]);
    expect(books[2].book.meta.subtitle).toBe('乙副题');
    expect(new Set(books.map((b) => b.book.meta.identifier)).size).toBe(4);
  });

  it('wenji build builds them all; --edition one; --document one document; an unknown edition is a usage error', async () => {
    const dir = makeProject(FILES);
    expect((await run('-C', dir, 'build', '--quiet', '--format', 'epub')).code).toBe(0);
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['SHA256SUMS', 'selection.epub', 'wenji-a.epub', 'wenji-b.epub', 'wenji.epub']);
    const one = makeProject(FILES);
    expect((await run('-C', one, 'build', '--quiet', '--edition', 'selection')).code).toBe(0);
    expect(readdirSync(join(one, 'out')).sort()).toEqual(['SHA256SUMS', 'selection.epub', 'selection.pdf']);
    const doc = makeProject(FILES);
    expect((await run('-C', doc, 'build', '--quiet', '--format', 'pdf', '--document', 'a')).code).toBe(0);
    expect(readdirSync(join(doc, 'out')).sort()).toEqual(['SHA256SUMS', 'wenji-a.pdf']);
    const bad = await run('-C', doc, 'build', '--edition', 'nosuch');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('corpus/edition.yaml: error: no edition named nosuch [usage]');
  }, 240_000);

  it('two editions that would write the same files are an error', () => {
    const dir = makeProject({ ...FILES, 'corpus/edition.yaml': 'title: T\nslug: same\neditions:\n  - name: one\n  - name: two\n' });
    expect(() => assembleBooks(project(dir))).toThrow(/two editions have the slug same/u);
  });

  it('authors of the book: on the title page and the colophon, the cover\'s byline, the e-book\'s creators beside the editor as contributor, the PDF\'s Author', async () => {
    const dir = makeProject({ ...FILES, 'corpus/edition.yaml': 'title: 小说集\nauthor: [张三, 李四]\neditor: 王五\nslug: novel\n' });
    const [{ book }] = assembleBooks(project(dir));
    expect(book.meta.authors).toEqual(['张三', '李四']);
    expect(byline(book.meta)).toBe('张三、李四　著');
    expect(byline({ ...book.meta, authors: [] })).toBe('王五　编');
    expect(byline({ ...book.meta, authors: [], language: 'en' })).toBe('Edited by 王五');
    expect((await run('-C', dir, 'build', '--quiet')).code).toBe(0);
    const files = await openEpub(join(dir, 'out', 'novel.epub'));
    const opf = files.get('OEBPS/content.opf')!.toString();
    expect(opf).toContain('<dc:creator id="author-1">张三</dc:creator>');
    expect(opf).toContain('<meta refines="#author-2" property="role" scheme="marc:relators">aut</meta>');
    expect(opf).toContain('<dc:contributor id="editor">王五</dc:contributor>');
    const title = [...files].find(([name]) => /titlepage\.xhtml$/u.test(name))![1].toString();
    expect(title).toContain('张三、李四');
    const pdf = await openPdf(readFileSync(join(dir, 'out', 'novel.pdf')));
    expect(((await pdf.getMetadata()).info as { Author?: string }).Author).toBe('张三、李四');
    expect((await pageLines(pdf, 1)).map((l) => l.text).join('|')).toContain('张三、李四');
  }, 120_000);

  it('an author list that is not names is an error at its place', () => {
    const dir = makeProject({ ...FILES, 'corpus/edition.yaml': 'title: T\nauthor: []\n' });
    expect(() => assembleBooks(project(dir))).not.toThrow();
    const bad = makeProject({ ...FILES, 'corpus/edition.yaml': 'title: T\nauthor: {name: x}\n' });
    expect(() => assembleBooks(project(bad))).toThrow(/corpus\/edition\.yaml:2:\d+: error: .*author/u);
  });

  it('the e-book\'s own words follow the edition\'s language: Traditional Chinese, English, Japanese (English for others); a title alone makes a valid e-book', async () => {
    const words = async (language: string) => {
      const dir = makeProject({ ...FILES, 'corpus/edition.yaml': `title: 文集\nlanguage: ${language}\nslug: book\n` });
      expect((await run('-C', dir, 'build', '--quiet', '--format', 'epub')).code).toBe(0);
      const files = await openEpub(join(dir, 'out', 'book.epub'));
      const nav = files.get('OEBPS/toc.xhtml')!.toString();
      const opf = files.get('OEBPS/content.opf')!.toString();
      // An edition file of a title alone (no publisher, editor or certifier) makes a valid e-book.
      const report = epubcheck(join(dir, 'out', 'book.epub'));
      expect(report.messages.filter((m) => m.severity !== 'USAGE' && m.severity !== 'INFO')).toEqual([]);
      return { nav, opf };
    };
    const hant = await words('zh-Hant');
    for (const w of ['目錄', '導覽', '封面', '頁碼']) expect(hant.nav).toContain(w);
    for (const w of ['目录', '导航', '页码']) expect(hant.nav).not.toContain(w);
    expect(hant.opf).toContain('授權全文見書末「字型授權」');
    expect(hant.opf).toMatch(/accessibilitySummary">本書為可重排的文字版/u);
    const en = await words('en');
    for (const w of ['Contents', 'Landmarks', 'Cover', 'Pages']) expect(en.nav).toContain(w);
    expect(en.opf).toMatch(/accessibilitySummary">A reflowable text edition/u);
    expect(en.opf).toContain('文集, PDF edition (book.pdf)');
    expect(en.opf).toContain('<dc:rights>The typefaces Noto Serif SC are embedded under the SIL Open Font License 1.1');
    const ja = await words('ja');
    expect(ja.opf).toMatch(/accessibilitySummary">リフロー型のテキスト版/u);
    expect((await words('fr')).opf).toMatch(/accessibilitySummary">A reflowable text edition/u);
  }, 240_000);

  it('an edition that nothing dates prints no date in its colophon; a dated one prints its date', () => {
    const colophon = (yaml: string) => readingText(assembleBooks(project(makeProject({ ...FILES, 'corpus/edition.yaml': yaml })))[0].book.parts.find((p) => p.kind === 'colophon')!.blocks);
    expect(colophon('title: 文集\n')).not.toContain('1980');
    expect(colophon('title: 文集\ndate: 2024-06-01\n')).toContain('2024-06-01');
  });
});
