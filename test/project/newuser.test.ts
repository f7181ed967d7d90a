// The new user's path: `wenji init`, an ordinary Markdown file without front matter dropped into
// corpus/, `wenji build`: exit 0, both files made, the text there. Warnings are printed at their
// place after the progress, `--strict` turns them into errors and writes nothing, and
// `wenji check` lists them.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assembleBooks, project } from '../../src/book/assemble.ts';
import { openPdf, pageLines } from '../../src/check/pdftext.ts';
import { visitBlocks } from '../../src/model/types.ts';
import { openEpub } from '../helpers/epub.ts';
import { snapshot } from '../helpers/project.ts';
import { run } from '../helpers/run.ts';
import { placeOf } from './make.ts';

const NOTES = `# Reading notes

Some notes, with a list:

- first
- second

| Book | Pages |
| --- | ---: |
| 红楼梦 | 1200 |

> A quote.

Two lines of verse:\\
the second line.

A [link](https://example.com) and a footnote.[^1]

[^1]: The note.
`;

async function pdfText(path: string): Promise<string> {
  const pdf = await openPdf(readFileSync(path));
  const out: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) out.push((await pageLines(pdf, n)).map((l) => l.text).join(''));
  return out.join('').replace(/\s/gu, '');
}

describe('a new user', () => {
  it('init, remove the example, add a plain GFM file, build: exit 0 and the text in both files', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'wenji-new-')), 'book');
    expect((await run('init', dir)).code).toBe(0);
    expect(readFileSync(join(dir, 'corpus', 'edition.yaml'), 'utf8')).not.toMatch(/中俄|联合声明|俄罗斯/u);
    expect(readdirSync(join(dir, 'templates')).sort()).toEqual(['colophon.md', 'document.md', 'titlepage.md']);
    rmSync(join(dir, 'corpus', 'example.md'));
    writeFileSync(join(dir, 'corpus', 'notes.md'), NOTES);
    const r = await run('-C', dir, 'build');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['SHA256SUMS', 'book.epub', 'book.pdf']);
    // Every construct reaches the book as its own node (how each writer sets them is tested with the writers).
    const [{ book }] = assembleBooks(project(dir));
    const types: string[] = [];
    visitBlocks(book.parts.find((p) => p.id === 'doc-notes')!.blocks, (b) => types.push(b.type));
    expect(types).toEqual(['heading', 'div', 'para', 'list', 'para', 'para', 'table', 'quote', 'para', 'para', 'para', 'note', 'para']);
    const epub = await openEpub(join(dir, 'out', 'book.epub'));
    const chapter = epub.get('OEBPS/doc-notes.xhtml')!.toString();
    for (const s of ['Reading notes', 'first', 'second', 'Two lines of verse:<br/>the second line.', 'The note.', 'https://example.com']) expect(chapter).toContain(s);
    const pdf = await pdfText(join(dir, 'out', 'book.pdf'));
    for (const s of ['Readingnotes', 'first', 'second', 'Twolinesofverse:', 'thesecondline.', 'Thenote.']) expect(pdf).toContain(s);
  });

  it('the example document of init builds with no warning', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'wenji-new-')), 'book');
    expect((await run('init', dir)).code).toBe(0);
    const r = await run('-C', dir, 'build', '--strict');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const epub = await openEpub(join(dir, 'out', 'book.epub'));
    expect(epub.get('OEBPS/doc-example.xhtml')!.toString()).toContain('床前明月光');
  });
});

describe('warnings in the build', () => {
  const doc = '---\ntitel: 标题\n---\n\n正文，见[另一篇](other.md)。\n';

  it('are printed at their place with their code and hint; the build succeeds', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wenji-warn-'));
    await run('init', join(dir, 'p'));
    const root = join(dir, 'p');
    rmSync(join(root, 'corpus', 'example.md'));
    writeFileSync(join(root, 'corpus', 'a.md'), doc);
    const r = await run('-C', root, 'build', '--format', 'epub');
    expect(r.code).toBe(0);
    const key = placeOf(doc, 'titel');
    const link = placeOf(doc, 'other.md');
    expect(r.err).toContain(`corpus/a.md:${key.line}:${key.column}: warning: \`titel\` is not a known key; did you mean \`title\`? (not read) [front-matter-key]\n  hint: rename it to title, or remove it`);
    expect(r.err).toContain(`corpus/a.md:${link.line}:${link.column}: warning: link to other.md: corpus/other.md is not a document of the book; the link is set as text [link-unresolved]`);
    expect(r.out).toMatch(/built in [\d.]+ s, 2 warnings/u);
    expect(existsSync(join(root, 'out', 'p.epub'))).toBe(true);
  });

  it('--strict makes them errors: exit 1 and out/ as it was; check lists them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wenji-warn-'));
    const root = join(dir, 'p');
    await run('init', root);
    expect((await run('-C', root, 'build', '--quiet', '--format', 'epub')).code).toBe(0);
    writeFileSync(join(root, 'corpus', 'a.md'), doc);
    const before = snapshot(join(root, 'out'));
    const r = await run('-C', root, 'build', '--strict', '--format', 'epub');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/corpus\/a\.md:2:1: error: `titel` is not a known key; did you mean `title`\? \(not read\) \[front-matter-key\]\n  hint: rename it to title, or remove it; an error because of --strict/u);
    expect(snapshot(join(root, 'out'))).toEqual(before);
    const c = await run('-C', root, 'check', '--no-built');
    expect(c.code).toBe(1);
    expect(c.err).toContain('corpus/a.md:2:1: warning: `titel` is not a known key');
    expect(c.out).toContain('0 errors, 2 warnings');
  });
});
