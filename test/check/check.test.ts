// `wenji check` finds real defects: in the corpus, in an EPUB, in a PDF whose layout was spoiled.
// EPUBCheck starts a Java VM for each file: the tests that run it get minutes, not the default minute.
import { mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { build, prepare } from '../../src/build/index.ts';
import { epubcheckDiagnostics } from '../../src/check/epubcheck.ts';
import { checkPdf } from '../../src/check/pdf.ts';
import { layoutBook } from '../../src/writers/pdf/index.ts';
import { geometry } from '../../src/writers/pdf/page.ts';
import { paint } from '../../src/writers/pdf/paint.ts';
import { fontMetrics } from '../../src/writers/pdf/measure.ts';
import { ROOT } from '../helpers/paths.ts';
import { tempProject } from '../helpers/project.ts';
import { run } from '../helpers/run.ts';

describe('wenji check', () => {
  it('finds an empty section and a reference to a witness the document does not have', async () => {
    const dir = tempProject();
    const file = join(dir, 'corpus', '2025-05-08-international-law.md');
    const text = readFileSync(file, 'utf8').replace(/\n$/u, '\n\n## 十五\n').replace('title_supplied: false', 'title_supplied: false\ntitle_source: 009_missing.txt');
    writeFileSync(file, text);
    const r = await run('-C', dir, 'check', '--no-built');
    expect(r.code).toBe(1);
    const lines = text.split('\n');
    expect(r.err).toContain(`corpus/2025-05-08-international-law.md:${lines.indexOf('## 十五') + 1}:1: error: section 十五 has no text [empty-section]`);
    expect(r.err).toContain(`corpus/2025-05-08-international-law.md:${lines.findIndex((l) => l.includes('009_missing.txt')) + 1}:15: error: title_source names 009_missing.txt, which is not among the document's witnesses [reference]`);
  });

  it('passes the real corpus', async () => {
    const r = await run('check', '--no-built');
    expect(r.code).toBe(0);
  });

  it('reports EPUBCheck errors with the place inside the EPUB', async () => {
    const out = mkdtempSync(join(tmpdir(), 'wenji-check-'));
    const [epub] = await build(ROOT, ['epub'], out);
    const zip = await JSZip.loadAsync(readFileSync(epub.path));
    zip.remove('OEBPS/toc.ncx');
    const broken = join(out, 'broken.epub');
    writeFileSync(broken, await zip.generateAsync({ type: 'nodebuffer', mimeType: 'application/epub+zip' }));
    const found = epubcheckDiagnostics(broken, 'broken.epub');
    expect(found.some((d) => d.severity === 'error' && d.message.includes('toc.ncx'))).toBe(true);
  }, 180_000);

  it('finds a ragged justified line and a line starting with a comma in a PDF', async () => {
    const prep = await prepare(ROOT);
    const { pages } = layoutBook(prep.book, prep.fonts, prep.options);
    const page = pages.find((p) => p.lines.filter((l) => l.block.body && l.line.justified).length > 3)!;
    const [ragged, other] = page.lines.filter((l) => l.block.body && l.line.justified);
    ragged.line = { ...ragged.line, glyphs: ragged.line.glyphs.slice(0, -3) };
    other.line = { ...other.line, glyphs: [{ ...other.line.glyphs[0], text: '，' }, ...other.line.glyphs.slice(1)] };
    const metrics = fontMetrics(prep.fonts.fonts);
    const pdf = await paint({ pages, geometry: geometry(prep.options.paper, prep.options.print), meta: prep.book.meta, fonts: prep.fonts.fonts, measure: (t, s) => metrics.advance(t, 'regular') * s });
    const path = join(mkdtempSync(join(tmpdir(), 'wenji-check-')), 'spoiled.pdf');
    writeFileSync(path, pdf);
    const found = await checkPdf(path, 'spoiled.pdf');
    expect(found.filter((d) => d.code === 'pdf-justify').map((d) => d.message)).toEqual([expect.stringMatching(new RegExp(`^page ${page.number}, line \\d+ ends at`, 'u'))]);
    expect(found.filter((d) => d.code === 'pdf-kinsoku').map((d) => d.message)).toEqual([expect.stringMatching(new RegExp(`^page ${page.number}, line \\d+ starts with ，`, 'u'))]);
  });
});

describe('wenji check on built files', () => {
  it('passes a fresh build, and says when the corpus changed after it', async () => {
    const dir = tempProject();
    expect((await run('-C', dir, 'build', '--quiet')).code).toBe(0);
    expect((await run('-C', dir, 'check')).code).toBe(0);
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(dir, 'corpus', 'edition.yaml'), later, later);
    const r = await run('-C', dir, 'check');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/zhong-e-lianhe-shengming-2023-2025\.epub: warning: older than corpus\/edition\.yaml: .* \[output-stale\]/u);
  }, 240_000);

  it('passes a book of `wenji init` with a long line of Latin: verse, lists and a table measured against the text block, not against each other', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wenji-check-init-'));
    expect((await run('init', join(dir, 'book'))).code).toBe(0);
    const root = join(dir, 'book');
    writeFileSync(join(root, 'corpus', 'long.md'), `# 试验\n\n这是（${'a'.repeat(300)}）。后面的文字。\n\n- 一\n- 二\n- 三\n\n床前明月光，\\\n疑是地上霜。\\\n举头望明月，\\\n低头思故乡。\n`);
    const built = await run('-C', root, 'build');
    expect(built.code).toBe(0);
    const r = await run('-C', root, 'check');
    expect(r.err).not.toMatch(/pdf-(justify|overfull)/u);
    expect(r.code).toBe(0);
  }, 240_000);
});
