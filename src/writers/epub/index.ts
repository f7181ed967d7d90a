// EPUB writer: book → EPUB 3, through epub-gen-memory with our own EJS templates for the
// package document, nav, NCX and chapters. Works around the library's gaps: a random book
// UUID (replaced by the content identifier), build-time dates (fixed), no Apple display-options
// file for EPUB 3 (added), fonts, images and cover fetched by URL (written from memory instead).
// The parts' XHTML comes from xhtml.ts and inline.ts; the stylesheet is the font faces of the
// book's font set (fonts.ts) followed by style.css.
import { readFileSync } from 'node:fs';
import ejs from 'ejs';
import { EPub } from 'epub-gen-memory';
import type { JSZipGeneratorOptions } from 'jszip';
import type { FontSet, SubsetFont } from '../../fonts/index.ts';
import { LICENSE_FILE } from '../../fonts/index.ts';
import { inlineIds, visitBlocks, type Book, type Part } from '../../model/types.ts';
import { LABELS } from '../labels.ts';
import type { WriterOptions } from '../options.ts';
import { renderContext, type BookIndex } from './context.ts';
import { coverPng } from './cover.ts';
import { fontCss, fontFormat } from './fonts.ts';
import { packageImages, type PackagedImage } from './images.ts';
import { navList, ncxPoints, tocDepthOf, tocEntries } from './nav.ts';
import { hasCodeBlocks, WRAP_MARK_HREF, wrapMarkCss, wrapMarkSvg } from './wrapmark.ts';
import { blocks, escapeXml } from './xhtml.ts';

const template = (name: string) => readFileSync(new URL(`./templates/${name}`, import.meta.url), 'utf8');
const CSS = readFileSync(new URL('./style.css', import.meta.url), 'utf8');

/** epub:type of a part's body, by kind. */
const BODY_TYPE: Record<Part['kind'], string> = {
  titlepage: 'frontmatter', frontmatter: 'frontmatter', toc: 'frontmatter', document: 'bodymatter', appendix: 'backmatter', colophon: 'backmatter',
};

interface Chapter { id: string; filename: string; title: string; content: string; beforeToc: boolean; bodyClass: string; bodyType: string; excludeFromToc?: boolean; linear?: boolean; properties?: string }

/** The fixed date stamped on every zip entry, so that two builds are byte-identical. */
function zipDate(modified: string): Date {
  return new Date(modified);
}

/** The licence of every typeface the book embeds (all SIL OFL 1.1, each with its own copyright line), in one file. */
function licences(fonts: SubsetFont[]): string {
  const byFile = new Map<string, string[]>();
  for (const f of fonts) byFile.set(f.licenseFile, [...new Set([...(byFile.get(f.licenseFile) ?? []), f.family])]);
  if (!byFile.size) return readFileSync(LICENSE_FILE, 'utf8');
  return [...byFile].map(([file, families]) => `${families.join(', ')}\n${'='.repeat(40)}\n\n${readFileSync(file, 'utf8').trim()}\n`).join('\n\n');
}

class WenjiEpub extends EPub {
  constructor(private book: Book, private fonts: SubsetFont[], private packaged: PackagedImage[], private coverPng: Buffer, options: ConstructorParameters<typeof EPub>[0], private chapters: Chapter[]) {
    super(options, chapters);
    this.uuid = book.meta.identifier;
  }

  protected override async generateTemplateFiles(): Promise<void> {
    await super.generateTemplateFiles();
    const lang = this.book.meta.language;
    // The library re-serialises chapter content with every non-ASCII character as an entity;
    // our XHTML is already well formed, so chapters are written from it as they are.
    for (const c of this.chapters.filter((x) => x.id !== 'cover')) this.zip.file(`OEBPS/${c.filename}`, ejs.render(this.options.chapterXHTML, { lang, ...c }));
    // Apple Books honours embedded fonts only with this file; the library writes it for EPUB 2 only.
    this.zip.file('META-INF/com.apple.ibooks.display-options.xml', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<display_options><platform name="*"><option name="specified-fonts">true</option></platform></display_options>\n');
    this.zip.file('OEBPS/cover.xhtml', `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="${lang}" xml:lang="${lang}">
<head><meta charset="UTF-8"/><title>${escapeXml(LABELS.cover)}</title><link rel="stylesheet" type="text/css" href="style.css"/></head>
<body class="cover" epub:type="cover"><section epub:type="cover"><img src="cover.png" alt="${escapeXml(`${LABELS.coverAlt}：${this.book.meta.title}`)}"/></section></body>
</html>
`);
  }

  protected override async downloadAllFonts(): Promise<void> {
    for (const f of this.fonts) this.zip.file(`OEBPS/fonts/${f.filename}`, f.data);
    for (const img of this.packaged) this.zip.file(`OEBPS/${img.href}`, img.data);
    this.zip.file('OEBPS/fonts/OFL.txt', licences(this.fonts));
  }

  // The library would fetch every <img> by URL; the book's images are written from memory above.
  protected override async downloadAllImages(): Promise<void> {}

  protected override async makeCover(): Promise<void> {
    this.zip.file('OEBPS/cover.png', this.coverPng);
  }

  override generateAsync<T extends NonNullable<JSZipGeneratorOptions['type']>>(options: JSZipGeneratorOptions<T>) {
    const date = zipDate(this.book.meta.modified);
    this.zip.forEach((_path, file) => { file.date = date; });
    return super.generateAsync<T>({ ...options, platform: 'UNIX' });
  }
}

/** The ids a link may point to in each part (set in its file): headings and notes. */
function anchorsOf(parts: Part[]): Map<string, Set<string>> {
  return new Map(parts.map((p) => {
    const ids = new Set<string>();
    visitBlocks(p.blocks, (b) => { if (b.type === 'heading' || b.type === 'note') ids.add(b.id); });
    for (const id of inlineIds(p.blocks)) ids.add(id);
    return [p.id, ids];
  }));
}

/** Manifest ids of the package's own files, which a part must not take. */
const RESERVED = /^(nav|ncx|css|cover|cover-image|licence|wrap-mark|font-\d+|image-\d+)$/u;

/** A manifest id: an XML name of its own, so a part id like `01-intro` or `nav` is prefixed. */
function manifestId(id: string): string {
  return /^[A-Za-z_][\w.-]*$/u.test(id) && !RESERVED.test(id) ? id : `part-${id.replace(/[^\w.-]/gu, '_')}`;
}

/** Each part as XHTML, with what its manifest item must declare (svg for the task boxes). */
function partChapter(p: Part, book: Book, tocAt: number, index: BookIndex, options: Partial<WriterOptions>): Chapter {
  const ctx = renderContext(index, options.warn);
  const content = blocks(p.blocks, ctx);
  return {
    id: manifestId(p.id), filename: `${p.id}.xhtml`, title: p.title, content, beforeToc: book.parts.indexOf(p) < tocAt,
    bodyClass: p.kind, bodyType: BODY_TYPE[p.kind], ...(ctx.svg ? { properties: 'svg' } : {}),
  };
}

export async function writeEpub(book: Book, fontSet: FontSet, options: Partial<WriterOptions> = {}): Promise<Buffer> {
  const fonts = fontSet.fonts;
  const { meta } = book;
  const parts = book.parts.filter((p) => p.kind !== 'toc');
  const tocAt = book.parts.findIndex((p) => p.kind === 'toc');
  const firstDoc = parts.find((p) => p.kind === 'document');
  const images = packageImages(book);
  const index: BookIndex = { image: (src) => images.get(src), anchors: anchorsOf(parts) };
  const code = hasCodeBlocks(book);
  const packaged = [...images.values(), ...(code ? [{ id: 'wrap-mark', href: WRAP_MARK_HREF, mime: 'image/svg+xml' as const, data: Buffer.from(wrapMarkSvg()), width: 10, height: 900 }] : [])];
  const chapters: Chapter[] = [
    { id: 'cover', filename: 'cover.xhtml', title: LABELS.cover, content: '', beforeToc: true, excludeFromToc: true, bodyClass: 'cover', bodyType: 'cover', linear: false },
    ...parts.map((p) => partChapter(p, book, tocAt, index, options)),
  ];
  const toc = tocEntries(book.parts, meta.tocDepth);
  const wenji = {
    meta, dcLanguage: meta.language.split('-')[0], labels: LABELS, navList: navList(toc), ncxPoints: ncxPoints(toc), tocDepth: Math.max(1, tocDepthOf(toc)),
    fonts: fonts.map((f) => ({ filename: f.filename, mime: fontFormat(f).mime })),
    fontFamilies: [...new Set(fonts.map((f) => f.family))].join('、'),
    images: packaged.map(({ id, href, mime }) => ({ id, href, mime })),
    landmarks: [
      { type: 'cover', href: 'cover.xhtml', label: LABELS.cover },
      { type: 'toc', href: 'toc.xhtml', label: LABELS.toc },
      ...(firstDoc ? [{ type: 'bodymatter', href: `${firstDoc.id}.xhtml`, label: LABELS.bodymatter }] : []),
    ],
  };
  const epub = new WenjiEpub(book, fonts, packaged, coverPng(meta, fonts), {
    title: meta.title, author: meta.editor, publisher: meta.publisher, description: meta.description,
    lang: meta.language, date: meta.modified, css: fontCss(fontSet) + CSS + (code ? wrapMarkCss() : ''), version: 3, prependChapterTitles: false, numberChaptersInTOC: false,
    contentOPF: template('content.opf.ejs'), tocNCX: template('toc.ncx.ejs'), tocXHTML: template('toc.xhtml.ejs'), chapterXHTML: template('chapter.xhtml.ejs'),
    // @ts-expect-error extra data for our own templates; the library passes options through to them.
    wenji,
  }, chapters);
  const out = await epub.genEpub();
  return out as Buffer;
}
