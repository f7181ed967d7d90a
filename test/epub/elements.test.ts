// Every element of the document language in the EPUB: a hand-made book with every node type,
// written, validated by EPUBCheck, read back element by element and text by text.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics.ts';
import type { FontSet } from '../../src/fonts/index.ts';
import { readingText, visitBlocks, visitInlines, type Block, type Book, type Inline } from '../../src/model/types.ts';
import { writeEpub } from '../../src/writers/epub/index.ts';
import { compareText } from '../../src/build/verify.ts';
import { epubPartTexts } from '../../src/writers/epub/readback.ts';
import JSZip from 'jszip';
import { epubcheck, openEpub, select, textOf, xhtml } from '../helpers/epub.ts';
import { everyElementBook, everyFonts } from './everything.ts';

let book: Book;
let fonts: FontSet;
let bytes: Buffer;
let path = '';
let files: Map<string, Buffer>;
const warnings: Diagnostic[] = [];
const file = (name: string) => files.get(`OEBPS/${name}`)!.toString('utf8');
const doc = (name: string) => xhtml(file(name));
/** The tag name of an element's parent ('' at the root). */
const parentName = (e: { parent: unknown }) => ((e.parent as { name?: string } | null)?.name ?? '');
const grandparentName = (e: { parent: unknown }) => parentName((e.parent ?? { parent: null }) as { parent: unknown });
const tags = (name: string, test: (e: ReturnType<typeof select>[number]) => boolean) => select(doc(name), test);

beforeAll(async () => {
  book = everyElementBook();
  fonts = await everyFonts(book);
  bytes = await writeEpub(book, fonts, { warn: (d) => warnings.push(d) });
  path = join(mkdtempSync(join(tmpdir(), 'wenji-every-')), 'every.epub');
  writeFileSync(path, bytes);
  files = await openEpub(path);
});

/** How many nodes of each kind the model has in a part, to compare with the XHTML's elements. */
function modelCounts(blocks: Block[]) {
  const c: Record<string, number> = {};
  const add = (k: string) => { c[k] = (c[k] ?? 0) + 1; };
  const runs = (list: Inline[]) => visitInlines(list, (i) => {
    add(i.type);
    if (i.type === 'link') add(i.target ? 'internal' : 'external');
  });
  visitBlocks(blocks, (b) => {
    add(b.type === 'heading' ? `h${b.level}` : b.type === 'code' ? 'codeblock' : b.type);
    if (b.type === 'heading' || b.type === 'para') runs(b.children);
    if (b.type === 'table') [...b.head, ...b.rows.flat()].forEach(runs);
    if (b.type === 'figure') { runs(b.caption); if (b.caption.length) add('caption'); }
    if (b.type === 'list') b.items.forEach((item) => { add('item'); if (item.checked !== undefined) add(item.checked ? 'done' : 'open'); });
    if (b.type === 'table') { c.th = (c.th ?? 0) + b.head.length; c.td = (c.td ?? 0) + b.rows.flat().length; }
  });
  return c;
}

describe('the every-element book', () => {
  it('passes EPUBCheck with no error and no warning, and the writer warns of nothing', () => {
    const report = epubcheck(path);
    expect(report.messages.filter((m) => m.severity !== 'INFO' && m.severity !== 'USAGE')).toEqual([]);
    expect(report).toMatchObject({ fatal: 0, errors: 0, warnings: 0 });
    expect(warnings).toEqual([]);
  }, 300_000);

  it('has as many elements of each kind as the model has nodes', () => {
    const part = book.parts.find((p) => p.id === 'every-first')!;
    const m = modelCounts(part.blocks);
    const n = (test: Parameters<typeof tags>[1]) => tags('every-first.xhtml', test).length;
    const cls = (e: { attribs: Record<string, string> }, c: string) => (e.attribs.class ?? '').split(' ').includes(c);
    for (let level = 1; level <= 6; level++) expect(n((e) => e.name === `h${level}`), `h${level}`).toBe(m[`h${level}`]);
    expect(m.h6).toBe(1);
    expect(n((e) => e.name === 'em')).toBe(m.emph);
    expect(n((e) => e.name === 'strong')).toBe(m.strong);
    expect(n((e) => e.name === 'del')).toBe(m.strike);
    expect(n((e) => e.name === 'code' && parentName(e) !== 'pre')).toBe(m.code);
    expect(n((e) => e.name === 'pre' && cls(e, 'code'))).toBe(m.codeblock);
    expect(n((e) => e.name === 'a' && cls(e, 'external'))).toBe(m.external);
    expect(n((e) => e.name === 'a' && !!e.attribs.href && !e.attribs.href.startsWith('#') && !cls(e, 'external'))).toBe(m.internal);
    expect(n((e) => e.name === 'img')).toBe(m.image + m.figure);
    expect(n((e) => e.name === 'figure')).toBe(m.figure);
    expect(n((e) => e.name === 'figcaption')).toBe(m.caption);
    expect(n((e) => e.name === 'a' && e.attribs['epub:type'] === 'noteref')).toBe(m.noteref);
    expect(n((e) => e.name === 'aside' && e.attribs['epub:type'] === 'footnote')).toBe(m.note);
    expect(n((e) => e.name === 'br')).toBe(m.break);
    expect(n((e) => e.name === 'ul') + n((e) => e.name === 'ol')).toBe(m.list);
    expect(n((e) => e.name === 'li')).toBe(m.item);
    expect(n((e) => e.name === 'li' && cls(e, 'done'))).toBe(m.done);
    expect(n((e) => e.name === 'li' && cls(e, 'open'))).toBe(m.open);
    expect(n((e) => e.name === 'svg' && e.attribs.role === 'img' && !!e.attribs['aria-label'])).toBe(m.done + m.open);
    expect(n((e) => e.name === 'blockquote')).toBe(m.quote);
    expect(n((e) => e.name === 'blockquote' && parentName(e) === 'blockquote')).toBe(1);
    expect(n((e) => e.name === 'table')).toBe(m.table);
    expect(n((e) => e.name === 'th' && grandparentName(e) === 'thead')).toBe(m.th);
    expect(n((e) => e.name === 'td' && grandparentName(e) === 'tbody')).toBe(m.td);
    expect(n((e) => e.name === 'hr')).toBe(m.rule);
    expect(n((e) => e.name === 'ruby')).toBe(m.ruby);
    expect(n((e) => e.name === 'rt')).toBe(m.ruby);
    expect(n((e) => e.name === 'rp')).toBe(0);
    expect(n((e) => e.name === 'sup')).toBe(m.sup);
    expect(n((e) => e.name === 'sub')).toBe(m.sub);
    expect(n((e) => e.name === 'span' && e.attribs.lang === 'en' && e.attribs['xml:lang'] === 'en')).toBe(m.lang);
  });

  it('sets each element as the language means it', () => {
    const x = file('every-first.xhtml');
    // Emphasis: Latin words in an italic span, Han and digits left for the dots.
    expect(x).toContain('<em>着重号和<span class="latin"> Latin italic </span>混排，2024年</em>');
    expect(x).toContain('<ol class="loose" start="3">');
    expect(x).toContain('<a href="https://example.com/search?q=文集&amp;lang=zh" title="示例 &quot;站点&quot;" class="external">');
    expect(x).toMatch(/<th class="align-left">名称<\/th><th class="align-center">居中<\/th><th class="align-right">数量<\/th><th>说明<\/th>/u);
    expect(x).toContain('<pre class="code"><code class="language-ts"><span class="line">function 问候(名字: string) {\n</span><span class="line">    return');
    expect(x).toMatch(/<figure class="figure"><img src="images\/\d+-photo\.jpg" alt="渐变底上的红色圆盘"\/><figcaption>图一　一张 JPEG 照片<\/figcaption><\/figure>/u);
    // A note referred to twice: two anchors, the back link to the first.
    expect(tags('every-first.xhtml', (e) => e.attribs['epub:type'] === 'noteref').map((a) => a.attribs.id)).toEqual(['every-note1-ref', 'every-note1-ref-2']);
  });

  it('puts every image of the book in the package: manifest with its media type, bytes in the zip', () => {
    const opf = file('content.opf');
    const items = select(xhtml(opf), (e) => e.name === 'item');
    for (const img of Object.values(book.images)) {
      const entry = [...files].find(([, data]) => data.equals(img.data));
      expect(entry, img.path).toBeDefined();
      const href = entry![0].replace(/^OEBPS\//u, '');
      expect(items.find((i) => i.attribs.href === href)?.attribs['media-type'], href).toBe(img.mime);
    }
    // Two SVG images of the book, and the continuation mark of wrapped code lines.
    expect(items.filter((i) => i.attribs['media-type'] === 'image/svg+xml').map((i) => i.attribs.href).filter((h) => !/^images\/\d/u.test(h))).toEqual(['images/wrap-mark.svg']);
    expect(items.filter((i) => i.attribs['media-type'] === 'image/svg+xml')).toHaveLength(3);
    expect(items.find((i) => i.attribs.href === 'cover.png')?.attribs.properties).toBe('cover-image');
    // The task boxes are inline SVG: their part declares it.
    expect(items.find((i) => i.attribs.href === 'every-first.xhtml')?.attribs.properties).toBe('svg');
    expect(items.find((i) => i.attribs.href === 'every-second.xhtml')?.attribs.properties).toBeUndefined();
  });

  it('every internal href and src resolves to a file of the package and an id in it', () => {
    const ids = new Map<string, Set<string>>();
    const names = [...files.keys()].filter((n) => n.startsWith('OEBPS/')).map((n) => n.slice(6));
    for (const n of names.filter((x) => x.endsWith('.xhtml'))) ids.set(n, new Set(select(doc(n), (e) => !!e.attribs.id).map((e) => e.attribs.id)));
    const refs: { from: string; ref: string }[] = [];
    for (const n of [...ids.keys(), 'toc.ncx']) {
      for (const e of select(doc(n), (el) => !!(el.attribs.href || el.attribs.src))) refs.push({ from: n, ref: e.attribs.href ?? e.attribs.src });
    }
    const internal = refs.filter((r) => !/^[a-z]+:/u.test(r.ref));
    expect(internal.length).toBeGreaterThan(20);
    for (const { from, ref } of internal) {
      const [target, anchor] = ref.split('#');
      const fileName = target || from;
      expect(names, `${from} → ${ref}`).toContain(fileName);
      if (anchor) expect(ids.get(fileName)?.has(anchor), `${from} → ${ref}`).toBe(true);
    }
    expect(refs.map((r) => r.ref)).toContain('every-second.xhtml#every-second-h2');
    expect(refs.map((r) => r.ref)).toContain('every-first.xhtml#every-h2');
  });

  it('the nav and NCX list headings down to tocDepth, nested', () => {
    const nav = doc('toc.xhtml');
    const second = select(nav, (e) => e.name === 'a' && e.attribs.href === 'every-second.xhtml#every-second-h3')[0];
    expect(second).toBeDefined();
    // h3 under h2 under the part: three ol deep inside the toc nav.
    let depth = 0;
    for (let p = second.parent; p && p.type === 'tag'; p = p.parent as typeof p) if ((p as typeof second).name === 'ol') depth++;
    expect(depth).toBe(3);
    const hrefs = select(nav, (e) => e.name === 'a').map((a) => a.attribs.href);
    expect(hrefs).not.toContain('every-second.xhtml#every-second-h4');
    expect(hrefs).not.toContain('every-first.xhtml#every-h4');
    expect(hrefs).toContain('every-first.xhtml#every-h3');
    expect(file('toc.ncx')).toContain('<meta name="dtb:depth" content="3"/>');
    const tocLinks = select(nav, (e) => e.name === 'a' && !!e.attribs.href && e.attribs.href.split('#')[1]?.startsWith('page-') !== true && !e.attribs['epub:type']);
    expect(select(doc('toc.ncx'), (e) => e.name === 'navPoint')).toHaveLength(tocLinks.length);
  });

  it('reads back the text of each part exactly as the model has it', async () => {
    const texts = await epubPartTexts(bytes);
    const parts = book.parts.filter((p) => p.kind !== 'toc');
    expect([...texts.keys()].sort()).toEqual(parts.map((p) => p.id).sort());
    for (const p of parts) expect(texts.get(p.id), p.id).toBe(readingText(p.blocks));
    // The writer's own marks are not text: labels of notes, ruby parentheses.
    expect(texts.get('every-first')).toContain('漢hàn字zì');
    expect(texts.get('every-first')).not.toMatch(/低头思故乡。1/u);
    expect(textOf(tags('every-first.xhtml', (e) => e.name === 'body')[0])).toMatch(/低头思故乡。1/u);
  });

  it('declares a face for every font of the set, and styles that follow night mode', () => {
    const css = file('style.css');
    for (const f of fonts.fonts) {
      expect(css).toContain(`src: url("fonts/${f.filename}")`);
      expect(files.has(`OEBPS/fonts/${f.filename}`)).toBe(true);
    }
    expect(css).toMatch(/text-emphasis: filled dot;/u);
    expect(css).toMatch(/-webkit-text-emphasis: filled dot;/u);
    expect(css).toMatch(/text-emphasis-position: under right;/u);
    expect(css).toMatch(/pre\.code \{[^}]*white-space: pre-wrap;[^}]*\}/u);
    expect(css).toMatch(/pre\.code \{[^}]*text-align: left;[^}]*\}/u);
    expect(css).toMatch(/figure img \{[^}]*max-width: 100%;[^}]*max-height: 80vh;/u);
    // No fixed text colour: a reader's night mode sets the text colour, we only inherit it.
    expect([...new Set(css.match(/(?<![-\w])color:[^;]*/gu))]).toEqual(['color: inherit']);
  });

  it('two writes of the same book are byte-identical', async () => {
    expect((await writeEpub(book, fonts)).equals(bytes)).toBe(true);
  });

  it('an image missing from the book is a warning with its place, and the alt text is set', async () => {
    const broken = everyElementBook();
    delete broken.images['corpus/images/photo.jpg'];
    const seen: Diagnostic[] = [];
    const out = await writeEpub(broken, fonts, { warn: (d) => seen.push(d) });
    expect(seen).toEqual([expect.objectContaining({ severity: 'warning', file: 'corpus/every.md', line: 46, message: expect.stringContaining('corpus/images/photo.jpg') })]);
    expect((await epubPartTexts(out)).get('every-first')).toBe(readingText(broken.parts[1].blocks));
  });

  it('a link that cannot be followed in the EPUB is a warning with its place, and its text is kept', async () => {
    const broken = everyElementBook();
    const para = { type: 'para' as const, pos: { file: 'corpus/links.md', line: 3, column: 1 }, children: [
      { type: 'link' as const, href: 'files/report.pdf', children: [{ type: 'text' as const, text: '本地文件' }] },
      { type: 'link' as const, href: 'gone.md', target: { part: 'gone' }, children: [{ type: 'text' as const, text: '缺失的文档' }] },
      { type: 'link' as const, href: 'every.md#无此标题', target: { part: 'every-first', anchor: 'every-无此标题' }, children: [{ type: 'text' as const, text: '缺失的标题' }] },
    ] };
    broken.parts[2].blocks.push(para);
    const seen: Diagnostic[] = [];
    const out = await writeEpub(broken, fonts, { warn: (d) => seen.push(d) });
    expect(seen.map((d) => [d.file, d.line, d.severity])).toEqual([['corpus/links.md', 3, 'warning'], ['corpus/links.md', 3, 'warning'], ['corpus/links.md', 3, 'warning']]);
    expect(seen.map((d) => d.message)).toEqual([expect.stringContaining('files/report.pdf'), expect.stringContaining('gone.md'), expect.stringContaining('every.md#无此标题')]);
    const where = join(mkdtempSync(join(tmpdir(), 'wenji-links-')), 'links.epub');
    writeFileSync(where, out);
    const second = (await openEpub(where)).get('OEBPS/every-second.xhtml')!.toString('utf8');
    expect(second).toContain('<span class="link">本地文件</span><span class="link">缺失的文档</span><a href="every-first.xhtml">缺失的标题</a>');
    expect((await epubPartTexts(out)).get('every-second')).toBe(readingText(broken.parts[2].blocks));
  });

  it('the build check passes on the book and names the document and place where a file lost text', async () => {
    expect(compareText(book, 'epub', 'every.epub', await epubPartTexts(bytes))).toEqual([]);
    const zip = await JSZip.loadAsync(bytes);
    const name = 'OEBPS/every-second.xhtml';
    zip.file(name, (await zip.file(name)!.async('string')).replace(/<span class="phrase">([^<]*)<\/span>/gu, '$1').replace('第二篇的三级标题', '第二篇的标题'));
    const tampered = await zip.generateAsync({ type: 'nodebuffer' });
    const problems = compareText(book, 'epub', 'every.epub', await epubPartTexts(tampered));
    expect(problems).toEqual([expect.objectContaining({ severity: 'error', code: 'readback', file: 'corpus/second.md' })]);
    expect(problems[0].message).toBe('EPUB every.epub: the text of 第二篇 differs from the document at character 22: expected “一篇的二级标题。第二篇的三级标题不进目录的四级标”, the file has “一篇的二级标题。第二篇的标题不进目录的四级标题”');
  });
});
