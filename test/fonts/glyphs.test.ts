// A character no face has is a warning with its place in the file as written; one only the
// fallback has is set without a word.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TextPiece } from '../../src/book/text.ts';
import JSZip from 'jszip';
import { assemble, buildAll, fonts } from '../../src/build/index.ts';
import { openPdf, pageLines } from '../../src/check/pdftext.ts';
import { glyphProblems } from '../../src/build/glyphs.ts';
import type { Diagnostic } from '../../src/diagnostics.ts';
import { buildFontSet } from '../../src/fonts/index.ts';
import { tempProject } from '../helpers/project.ts';

const TANGUT = '\u{17000}';

describe('missing glyphs', () => {
  it('warns of a character no face has at its line and column, searching from the line of its block', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wenji-glyphs-'));
    mkdirSync(join(dir, 'corpus'));
    // The character stands once before the block (a heading), and in the block's second line.
    writeFileSync(join(dir, 'corpus', 'a.md'), `# 标题${TANGUT}\n\n段落第一行，☑\n第二行：甲乙${TANGUT}丙，又${TANGUT}\n`);
    const pieces: TextPiece[] = [
      { text: `段落第一行，☑第二行：甲乙${TANGUT}丙，又${TANGUT}`, req: { weight: 'regular' }, pos: { file: 'corpus/a.md', line: 3 }, part: 'doc-a', source: 'corpus/a.md' },
      { text: `x\u{10FFFD}`, req: { weight: 'regular', mono: true }, pos: { file: 'templates/colophon.md', line: 7, column: 2 }, part: 'colophon' },
    ];
    const set = await buildFontSet(pieces);
    const problems = glyphProblems(pieces, set, (f) => join(dir, f));
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatchObject({ severity: 'warning', code: 'glyph-missing', file: 'corpus/a.md', line: 4, column: 7 });
    expect(problems[0].message).toContain(`character ${TANGUT} (U+17000) is in none of the book's fonts`);
    expect(problems[0].message).toContain('2 times');
    expect(problems[0].hint).toBeTruthy();
    // Not in any file that exists: the block's own place.
    expect(problems[1]).toMatchObject({ severity: 'warning', code: 'glyph-missing', file: 'templates/colophon.md', line: 7, column: 2 });
    expect(problems[1].message).toContain('U+10FFFD');
  });

  it('points into the corpus document of the project, and the font stage returns the set with warnings beside it', async () => {
    const dir = tempProject();
    const doc = 'corpus/2025-05-08-international-law.md';
    const text = readFileSync(join(dir, doc), 'utf8');
    const anchor = '四、中华人民共和国和俄罗斯联邦共同认为';
    writeFileSync(join(dir, doc), text.replace(anchor, `四、中华人民共和国和俄罗斯联邦${TANGUT}共同认为`));
    const line = text.slice(0, text.indexOf(anchor)).split('\n').length;
    const { book } = assemble(dir);
    const warnings: Diagnostic[] = [];
    const set = await fonts(dir, book, undefined, (d) => warnings.push(d));
    expect(warnings).toEqual([expect.objectContaining({ severity: 'warning', code: 'glyph-missing', file: doc, line, column: 16 })]);
    expect(set.fonts.map((f) => f.id)).toEqual(['serif-regular', 'serif-bold']);
    expect(set.faceFor('认', { weight: 'regular' })?.id).toBe('serif-regular');
  });

  it('builds a book with characters no face has (Tangut): a warning, the EPUB keeps it as text, the PDF reads back the rest; emoji are set in Noto Emoji', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wenji-glyphs-'));
    mkdirSync(join(dir, 'corpus'));
    writeFileSync(join(dir, 'corpus', 'edition.yaml'), 'title: 表情书\n');
    writeFileSync(join(dir, 'corpus', 'a.md'), `# 表情\n\n完成了😀，还有✅️与${TANGUT}字🚀。\n`);
    const out = mkdtempSync(join(tmpdir(), 'wenji-glyphs-out-'));
    const { results, warnings } = await buildAll(dir, ['epub', 'pdf'], out);
    expect(warnings.filter((w) => w.code === 'glyph-missing').map((w) => [w.line, w.column])).toEqual([[3, 11]]);
    const epub = results.find((r) => r.path.endsWith('.epub'))!;
    const zip = await JSZip.loadAsync(readFileSync(epub.path));
    const xhtml = await zip.file(Object.keys(zip.files).find((f) => /doc-a\.xhtml$/u.test(f))!)!.async('string');
    expect(xhtml).toContain(`完成了😀，还有✅️与${TANGUT}字🚀。`);
    expect(Object.keys(zip.files).some((f) => /NotoEmoji-Regular\.ttf$/u.test(f))).toBe(true);
    const bytes = readFileSync(results.find((r) => r.path.endsWith('.pdf'))!.path);
    expect(bytes.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoEmoji-Regular/u);
    const pdf = await openPdf(bytes);
    const texts: string[] = [];
    for (let n = 1; n <= pdf.numPages; n++) texts.push(...(await pageLines(pdf, n)).map((l) => l.text));
    expect(texts.join('').replace(/[\s\0\uFE0F]/gu, '')).toContain('完成了😀，还有✅与字🚀。');
  }, 120_000);
});
