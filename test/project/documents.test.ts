// Documents as people have them: front matter optional, titles and ids with defaults, files in
// subfolders, unknown keys warned about at their place, house rules only where they belong, and
// a body that is text, never a template.
import { describe, expect, it } from 'vitest';
import { assembleBooks, project } from '../../src/book/assemble.ts';
import { nearestKey } from '../../src/corpus/front.ts';
import { loadDocuments } from '../../src/corpus/load.ts';
import { documentId } from '../../src/corpus/names.ts';
import { DiagnosticError, formatDiagnostic, type Diagnostic } from '../../src/diagnostics.ts';
import { plainText, visitBlocks, type Book } from '../../src/model/types.ts';
import { makeProject, placeOf } from './make.ts';

const EDITION = 'title: 测试\n';

const assemble = (files: Record<string, string>) => assembleBooks(project(makeProject({ 'corpus/edition.yaml': EDITION, ...files })));

/** The text of every paragraph and heading of a part, in order. */
function texts(book: Book, partId: string): string[] {
  const out: string[] = [];
  visitBlocks(book.parts.find((p) => p.id === partId)!.blocks, (b) => { if (b.type === 'para' || b.type === 'heading') out.push(plainText(b.children)); });
  return out;
}

function errorsOf(f: () => unknown): Diagnostic[] {
  try { f(); } catch (e) { if (e instanceof DiagnosticError) return e.diagnostics; throw e; }
  throw new Error('no error');
}

describe('front matter is optional', () => {
  it('a file without front matter takes its title from its first heading, which leaves the body, and its id from its name', () => {
    const [{ book, warnings }] = assemble({ 'corpus/notes.md': '# 读书笔记\n\n第一段。\n\n## 一节\n\n第二段。\n' });
    expect(warnings).toEqual([]);
    const doc = book.parts.find((p) => p.kind === 'document')!;
    expect(doc).toMatchObject({ id: 'doc-notes', title: '读书笔记', source: 'corpus/notes.md' });
    expect(texts(book, 'doc-notes')).toEqual(['读书笔记', '第一段。', '一节', '第二段。']);
    // The body keeps the lines of the file: the paragraph after the heading is on line 3.
    let line = 0;
    visitBlocks(doc.blocks, (b) => { if (b.type === 'para' && plainText(b.children) === '第一段。') line = b.pos.line; });
    expect(line).toBe(3);
  });

  it('without front matter or heading, the title is the file name; any file name makes a safe id', () => {
    const [{ book }] = assemble({ 'corpus/第一章.md': '正文。\n', 'corpus/Chapter Two.md': 'Text.\n', 'corpus/three.markdown': 'Text.\n', 'corpus/notes.txt': 'not a document' });
    const docs = book.parts.filter((p) => p.kind === 'document').map((p) => [p.id, p.title]);
    expect(docs).toEqual([['doc-chapter-two', 'Chapter Two'], ['doc-three', 'three'], [`doc-${documentId('第一章.md')}`, '第一章']]);
    expect(documentId('第一章.md')).toMatch(/^d-[0-9a-f]{8}$/u);
    expect(documentId('第1章.md')).toMatch(/^1-[0-9a-f]{8}$/u);
    expect(documentId('chapters/01 Intro.md')).toBe('chapters-01-intro');
  });

  it('front matter gives title, short title, author and date; they reach the book', () => {
    const [{ book }] = assemble({ 'corpus/a.md': '---\ntitle: 长标题\nshort_title: 短题\nauthor: [甲, 乙]\ndate: 2024-03\nsubtitle: 副题\ntags: 笔记\n---\n\n# 不是标题的标题\n\n正文。\n' });
    const doc = book.parts.find((p) => p.kind === 'document')!;
    expect(doc).toMatchObject({ title: '长标题', shortTitle: '短题' });
    expect(texts(book, doc.id)).toEqual(['长标题', '副题', '甲、乙', '2024-03', '不是标题的标题', '正文。']);
    expect(book.meta.modified).toBe('2024-03-01T00:00:00Z');
  });

  it('a date with a time, as blogs and site generators write it, is read as its day', () => {
    const [{ book }] = assemble({
      'corpus/a.md': '---\ndate: 2024-03-01T10:00:00+08:00\n---\n\n甲。\n',
      'corpus/b.md': '---\ndate: 2024-03-05 08:30\n---\n\n乙。\n',
      'corpus/c.md': '---\ndate: 2024-03-04T23:59:59.5Z\n---\n\n丙。\n',
    });
    expect(book.meta.modified).toBe('2024-03-05T00:00:00Z');
    expect(() => assemble({ 'corpus/a.md': '---\ndate: 2024-13-01T10:00\n---\n\n甲。\n' })).toThrow(/no such date/u);
  });

  it('an unknown key is a warning at its place naming the nearest known key; the document still builds', () => {
    const text = '---\ntitel: 标题\ndate: 2024-01-01\nfoo: 1\n---\n\n正文。\n';
    const [{ book, warnings }] = assemble({ 'corpus/a.md': text });
    const at = placeOf(text, 'titel');
    expect(warnings.map(formatDiagnostic)).toEqual([
      `corpus/a.md:${at.line}:${at.column}: warning: \`titel\` is not a known key; did you mean \`title\`? (not read) [front-matter-key]\n  hint: rename it to title, or remove it`,
      `corpus/a.md:4:1: warning: \`foo\` is not a known key (not read) [front-matter-key]\n  hint: known keys: title, subtitle, short_title, author, date, lang, id, description, tags (README.md, "Front matter")`,
    ]);
    expect(book.parts.find((p) => p.kind === 'document')!.title).toBe('a');
    expect(nearestKey('shorttitle')).toBe('short_title');
    expect(nearestKey('witness')).toBe('witnesses');
    expect(nearestKey('completely-different')).toBeUndefined();
  });

  it('a known key with a wrong value is an error at the value; witness fields are checked when given', () => {
    const errors = errorsOf(() => assemble({ 'corpus/a.md': '---\ndate: March 2024\ncompleteness: mostly\n---\n\n正文。\n' }));
    expect(errors.map(formatDiagnostic).map((s) => s.split('\n')[0])).toEqual([
      'corpus/a.md:2:7: error: front matter: `date`: expected a date as YYYY, YYYY-MM or YYYY-MM-DD [schema]',
      'corpus/a.md:3:15: error: front matter: `completeness`: Invalid option: expected one of "complete"|"incomplete" [schema]',
    ]);
  });

  it('a document with witnesses is a documented-edition document: the whole schema applies', () => {
    const errors = errorsOf(() => assemble({ 'corpus/a.md': '---\ntitle: 甲\nwitnesses: []\n---\n\n正文。\n' }));
    expect(errors.length).toBeGreaterThan(3);
    expect(errors.map((d) => d.message)).toContain('front matter: `witnesses`: Too small: expected array to have >=1 items');
  });

  it('documents in subfolders are found; the order is by path in code-point order, or the edition file\'s list (ids or paths)', () => {
    const files = { 'corpus/b.md': 'B。\n', 'corpus/chapters/02.md': '二。\n', 'corpus/chapters/01.md': '一。\n', 'corpus/A.md': 'A。\n', 'corpus/sources/witness.md': '不是文件。\n' };
    const [{ book }] = assemble(files);
    expect(book.parts.filter((p) => p.kind === 'document').map((p) => p.id)).toEqual(['doc-a', 'doc-b', 'doc-chapters-01', 'doc-chapters-02']);
    const [{ book: listed }] = assembleBooks(project(makeProject({ ...files, 'corpus/edition.yaml': `${EDITION}documents: [chapters/02.md, b, chapters-01]\n` })));
    expect(listed.parts.filter((p) => p.kind === 'document').map((p) => p.source)).toEqual(['corpus/chapters/02.md', 'corpus/b.md', 'corpus/chapters/01.md']);
  });

  it('a document the edition file leaves out is a warning at its file', () => {
    const [{ book, warnings }] = assemble({ 'corpus/edition.yaml': `${EDITION}documents: [a]\n`, 'corpus/a.md': 'A。\n', 'corpus/drafts/b.md': 'B。\n' });
    expect(book.parts.filter((p) => p.kind === 'document').map((p) => p.id)).toEqual(['doc-a']);
    expect(warnings.map(formatDiagnostic)).toEqual(['corpus/drafts/b.md:1:1: warning: corpus/drafts/b.md is in no edition: the edition file\'s documents list leaves it out [document-unused]\n  hint: add drafts-b to documents: in corpus/edition.yaml, or move the file out of the corpus']);
  });

  it('two documents with the same id are an error naming both', () => {
    const errors = errorsOf(() => loadDocuments(makeProject({ 'a.md': '---\nid: same\n---\n', 'b.md': '---\nid: same\n---\n' })));
    expect(errors.map((d) => `${d.file}: ${d.message}`)).toEqual(['corpus/b.md: the id same is also the id of corpus/a.md']);
  });
});

describe('house rules are not the language', () => {
  const ordinary = '# 诗\n\n床前明月光,\n疑是地上霜。 这里有 空格。\n\n（下转第四版）\n';

  it('an ordinary document with hard line breaks, half-width punctuation and spaces beside Han builds', () => {
    const [{ book, warnings }] = assemble({ 'corpus/poem.md': ordinary });
    expect(warnings).toEqual([]);
    expect(texts(book, 'doc-poem')).toContain('床前明月光,疑是地上霜。 这里有 空格。');
  });

  it('they apply when the edition file asks for them', () => {
    const errors = errorsOf(() => assembleBooks(project(makeProject({ 'corpus/edition.yaml': `${EDITION}house_rules: true\n`, 'corpus/poem.md': ordinary }))));
    expect(errors.map((d) => `${d.line}:${d.column} ${d.message} [${d.code}]`)).toEqual([
      '3:7 a hard line break inside a paragraph [corpus-format]',
      '3:6 half-width punctuation in Chinese text [corpus-format]',
      '4:7 a space next to a Chinese character [corpus-format]',
      '6:1 a newspaper continuation mark [corpus-format]',
    ]);
  });
});

describe('a body is text, not a template', () => {
  it('{{ x }} and {% if %} in a body are printed as written', () => {
    const [{ book }] = assemble({ 'corpus/t.md': '# 模板\n\n写作 {{ edition.title }} 和 {% if x %}是{% endif %}，原样。\n' });
    expect(texts(book, 'doc-t')).toContain('写作 {{ edition.title }} 和 {% if x %}是{% endif %}，原样。');
  });

  it('but a template may print front matter values, escaped', () => {
    const [{ book }] = assemble({ 'corpus/t.md': '---\ntitle: "*不是强调* {{ x }}"\n---\n正文。\n' });
    expect(texts(book, 'doc-t')[0]).toBe('*不是强调* {{ x }}');
  });
});

describe('templates frame the body', () => {
  it('notes of the template and of the body keep distinct ids and labels; heading levels of the contents default to 2', () => {
    const [{ book }] = assemble({
      'templates/document.md': '# {{ doc.title }}[^t]\n\n{{ doc.body | raw }}\n\n[^t]: 模板的注。\n',
      'corpus/a.md': '# 甲\n\n正文[^1]。\n\n[^1]: 正文的注。\n',
    });
    const notes: string[] = [];
    const refs: string[] = [];
    visitBlocks(book.parts.find((p) => p.id === 'doc-a')!.blocks, (b) => {
      if (b.type === 'note') notes.push(`${b.id}:${b.label}:${plainText(b.children.flatMap((c) => (c.type === 'para' ? c.children : [])))}`);
      if (b.type === 'para' || b.type === 'heading') for (const i of b.children) if (i.type === 'noteref') refs.push(`${i.note}:${i.label}`);
    });
    expect(new Set(notes.map((n) => n.split(':')[0])).size).toBe(2);
    // The template's note is 1, the body's is numbered on: 2.
    expect(notes.map((n) => n.split(':').slice(1).join(':')).sort()).toEqual(['1:模板的注。', '2:正文的注。']);
    expect(refs.sort()).toEqual(notes.map((n) => n.split(':').slice(0, 2).join(':')).sort());
    expect(book.meta.tocDepth).toBe(2);
  });

  it('a template that prints the body inside a line is told so, and the body still follows', () => {
    const [{ book, warnings }] = assemble({ 'templates/document.md': '# {{ doc.title }}\n\n正文：{{ doc.body | raw }}\n', 'corpus/a.md': '甲文。\n' });
    expect(warnings.map((w) => `${w.file}:${w.line}: ${w.message}`)).toEqual(['corpus/a.md:1: the document template prints doc.body inside a line of text; the body is set after the template instead']);
    expect(texts(book, 'doc-a')).toEqual(['a', '正文：', '甲文。']);
  });
});
