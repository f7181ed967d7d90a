// The built EPUB read back: valid (EPUBCheck), faithful to the corpus, fonts subset and
// complete, navigation and metadata as the readers need them, deterministic.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as fontkit from 'fontkit';
import { build } from '../../src/build/index.ts';
import { loadCorpus } from '../../src/corpus/load.ts';
import { CORPUS, ROOT } from '../helpers/paths.ts';
import { epubcheck, hasClass, openEpub, select, textOf, xhtml } from '../helpers/epub.ts';
import { assembleBook, project } from '../../src/book/assemble.ts';
import { readingText } from '../../src/model/types.ts';
import { epubPartTexts } from '../../src/writers/epub/readback.ts';

const corpus = loadCorpus(CORPUS);
let path = '';
let files: Map<string, Buffer>;
const file = (name: string) => files.get(`OEBPS/${name}`)!.toString('utf8');

beforeAll(async () => {
  const out = mkdtempSync(join(tmpdir(), 'wenji-epub-'));
  [{ path }] = await build(ROOT, ['epub'], out);
  files = await openEpub(path);
});

describe('EPUB validity', () => {
  it('passes EPUBCheck 5.1.0 with no errors and no warnings', () => {
    const report = epubcheck(path);
    expect(report.messages.filter((m) => m.severity !== 'INFO' && m.severity !== 'USAGE')).toEqual([]);
    expect(report).toMatchObject({ fatal: 0, errors: 0, warnings: 0 });
  }, 300_000);

  it('starts with an uncompressed mimetype entry', () => {
    const bytes = readFileSync(path);
    expect(bytes.subarray(30, 38).toString('latin1')).toBe('mimetype');
    expect(bytes.subarray(38, 58).toString('latin1')).toBe('application/epub+zip');
  });
});

describe('text', () => {
  it('each document in the EPUB equals its canonical text, character for character', () => {
    for (const d of corpus) {
      const doc = xhtml(file(`doc-${d.front.id}.xhtml`));
      const text = select(doc, (e) => e.name === 'div' && hasClass(e, 'text'))[0];
      const units = text.children.filter((c): c is typeof text => c.type === 'tag' && (c.name === 'p' || c.name === 'h2'))
        .map((e) => (e.name === 'h2' ? `## ${textOf(e)}` : textOf(e)));
      const expected = d.body.split('\n').filter((l) => l.trim());
      expect(units, d.front.id).toEqual(expected);
    }
  });

  it('reads back, part by part, the text of the model (the check every build makes)', async () => {
    const book = assembleBook(project(ROOT));
    const texts = await epubPartTexts(readFileSync(path));
    const parts = book.parts.filter((p) => p.kind !== 'toc');
    expect([...texts.keys()].sort()).toEqual(parts.map((p) => p.id).sort());
    for (const p of parts) expect(texts.get(p.id), p.id).toBe(readingText(p.blocks));
    expect(texts.get(parts.find((p) => p.kind === 'document')!.id)!.length).toBeGreaterThan(1000);
  });

  it('titles, signatures, place and date line, and dateline come from the front matter', () => {
    const d = corpus.find((x) => x.front.id === '2023-03-21-deepening-partnership')!;
    const doc = xhtml(file(`doc-${d.front.id}.xhtml`));
    expect(textOf(select(doc, (e) => e.name === 'h1')[0])).toBe(`${d.front.title}①`);
    expect(select(doc, (e) => hasClass(e, 'signatures'))[0] && textOf(select(doc, (e) => hasClass(e, 'signatures'))[0]).replace(/\s/gu, '')).toBe('中华人民共和国主席习近平俄罗斯联邦总统弗·弗·普京');
    expect(textOf(select(doc, (e) => hasClass(e, 'dateplace'))[0]).trim()).toBe('二〇二三年三月二十一日于莫斯科');
    expect(textOf(select(doc, (e) => hasClass(e, 'dateline'))[0]).trim()).toBe('（新华社莫斯科3月21日电）');
  });

  it('a supplied title is bracketed, and a missing end is declared where the text breaks off', () => {
    const supplied = xhtml(file('doc-2025-05-08-moscow-joint-statement.xhtml'));
    expect(textOf(select(supplied, (e) => e.name === 'h1')[0])).toMatch(/^〔中华人民共和国和俄罗斯联邦联合声明（二〇二五年五月八日，莫斯科）〕/u);
    const law = xhtml(file('doc-2025-05-08-international-law.xhtml'));
    const gap = select(law, (e) => hasClass(e, 'gap'))[0];
    expect(textOf(gap)).toContain('续载于报纸第四版');
    expect(select(law, (e) => hasClass(e, 'signatures'))).toEqual([]);
  });
});

describe('fonts', () => {
  const embedded = () => ['NotoSerifSC-Regular.ttf', 'NotoSerifSC-Bold.ttf'].map((n) => fontkit.create(files.get(`OEBPS/fonts/${n}`)!) as fontkit.Font);

  it('are true subsets of a few hundred KB, named for what they are', () => {
    for (const n of ['NotoSerifSC-Regular.ttf', 'NotoSerifSC-Bold.ttf']) {
      const size = files.get(`OEBPS/fonts/${n}`)!.length;
      expect(size).toBeGreaterThan(100_000);
      expect(size).toBeLessThan(800_000);
    }
    expect(embedded().map((f) => [f.postscriptName, f.familyName, f.subfamilyName])).toEqual([
      ['NotoSerifSC-Regular', 'Noto Serif SC', 'Regular'], ['NotoSerifSC-Bold', 'Noto Serif SC', 'Bold'],
    ]);
    expect(files.has('OEBPS/fonts/OFL.txt')).toBe(true);
  });

  it('cover every character of every XHTML file', () => {
    const [regular, bold] = embedded();
    const chars = new Set<string>();
    for (const [name, data] of files) if (name.endsWith('.xhtml')) for (const ch of textOf(xhtml(data.toString('utf8')) as never)) chars.add(ch);
    const missing = [...chars].filter((ch) => !/\s/u.test(ch) && !(regular.hasGlyphForCodePoint(ch.codePointAt(0)!) && bold.hasGlyphForCodePoint(ch.codePointAt(0)!)));
    expect(missing).toEqual([]);
    expect(chars.size).toBeGreaterThan(1000);
  });

  it('are declared with @font-face as TrueType', () => {
    const css = file('style.css');
    expect(css).toMatch(/@font-face\s*\{[^}]*font-family: "Noto Serif SC";[^}]*src: url\("fonts\/NotoSerifSC-Regular\.ttf"\) format\("truetype"\)/u);
    expect(css).toMatch(/line-break: strict/u);
  });
});

describe('navigation and metadata', () => {
  it('the nav lists every part and the sections of each document, with landmarks', () => {
    const nav = xhtml(file('toc.xhtml'));
    const toc = select(nav, (e) => e.name === 'nav' && e.attribs['epub:type'] === 'toc')[0];
    const links = select(nav, (e) => e.name === 'a' && !!e.attribs.href);
    expect(links.map((a) => a.attribs.href)).toContain('doc-2023-03-21-deepening-partnership.xhtml#doc-2023-03-21-deepening-partnership-一');
    expect(textOf(toc)).toContain('文献来源说明');
    const landmarks = select(nav, (e) => e.name === 'a' && !!e.attribs['epub:type']).map((a) => a.attribs['epub:type']);
    expect(landmarks).toEqual(['cover', 'toc', 'bodymatter']);
    expect(file('toc.ncx')).toContain('<navLabel><text>九</text></navLabel>');
  });

  it('declares Chinese everywhere and carries the metadata readers use', () => {
    const opf = file('content.opf');
    expect(opf).toContain('<dc:language>zh</dc:language>');
    expect(opf).toMatch(/<dc:identifier id="BookId">urn:uuid:[0-9a-f-]{36}<\/dc:identifier>/u);
    expect(opf).toMatch(/<meta property="dcterms:modified">\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z<\/meta>/u);
    expect(opf.match(/<dc:source>/gu)).toHaveLength(5);
    for (const p of ['schema:accessMode', 'schema:accessibilityFeature', 'schema:accessibilityHazard', 'schema:accessibilitySummary']) expect(opf).toContain(`property="${p}"`);
    expect(opf).toContain('properties="cover-image"');
    for (const [name, data] of files) {
      if (name.endsWith('.xhtml')) expect(data.toString('utf8'), name).toMatch(/<html [^>]*lang="zh-Hans" xml:lang="zh-Hans"/u);
    }
    expect(files.get('META-INF/com.apple.ibooks.display-options.xml')!.toString()).toContain('specified-fonts">true');
  });

  it('source notes are EPUB 3 footnotes with links both ways', () => {
    const doc = file('doc-2024-05-16-75th-anniversary.xhtml');
    expect(doc).toMatch(/<a epub:type="noteref"[^>]* id="fn-doc-2024-05-16-75th-anniversary-1-ref" href="#fn-doc-2024-05-16-75th-anniversary-1">①<\/a>/u);
    expect(doc).toMatch(/<aside epub:type="footnote"[^>]* id="fn-doc-2024-05-16-75th-anniversary-1"><p><a href="#fn-doc-2024-05-16-75th-anniversary-1-ref"/u);
  });

  it('the cover is a PNG made by the build', () => {
    const png = files.get('OEBPS/cover.png')!;
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(1600);
    expect(png.readUInt32BE(20)).toBe(2400);
  });
});

describe('determinism', () => {
  it('two builds give byte-identical EPUBs', async () => {
    const [again] = await build(ROOT, ['epub'], mkdtempSync(join(tmpdir(), 'wenji-epub2-')));
    expect(readFileSync(again.path).equals(readFileSync(path))).toBe(true);
  });
});

describe('dates', () => {
  it('take SOURCE_DATE_EPOCH when it is set, else the latest document date', async () => {
    const { assembleBook, project } = await import('../../src/book/assemble.ts');
    const saved = process.env.SOURCE_DATE_EPOCH;
    try {
      delete process.env.SOURCE_DATE_EPOCH;
      expect(assembleBook(project(ROOT)).meta.modified).toBe('2025-05-08T00:00:00Z');
      process.env.SOURCE_DATE_EPOCH = '1767225600';
      expect(assembleBook(project(ROOT)).meta.modified).toBe('2026-01-01T00:00:00Z');
    } finally {
      if (saved === undefined) delete process.env.SOURCE_DATE_EPOCH;
      else process.env.SOURCE_DATE_EPOCH = saved;
    }
  });
});
