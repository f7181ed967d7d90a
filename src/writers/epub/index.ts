// EPUB writer: book → EPUB 3, through epub-gen-memory with our own EJS templates for the
// package document, nav, NCX and chapters. Works around the library's gaps: a random book
// UUID (replaced by the content identifier), build-time dates (fixed), no Apple display-options
// file for EPUB 3 (added), fonts, images and cover fetched by URL (written from memory instead).
// The parts' XHTML comes from xhtml.ts and inline.ts; the stylesheet is the font faces of the
// book's font set (fonts.ts) followed by style.css. The PDF of the same edition is laid out first:
// its printed pages become page-break markers in the text and the nav's page-list (pagemap.ts).
// The fonts are subset again to what each face sets in the XHTML (faces.ts).
import { readFileSync } from 'node:fs';
import ejs from 'ejs';
import { EPub } from 'epub-gen-memory';
import { deflateAhead, forgetAhead } from '../zip-deflate.ts';
import type { JSZipGeneratorOptions } from 'jszip';
import type { FontSet, SubsetFont } from '../../fonts/index.ts';
import { subsetAgain } from '../../fonts/subset.ts';
import { LICENSE_FILE } from '../../fonts/index.ts';
import { inlineIds, visitBlocks, type Book, type Part } from '../../model/types.ts';
import { wordsOf } from '../../model/language.ts';
import { fill, labelsFor, type Labels } from '../labels.ts';
import type { WriterOptions } from '../options.ts';
import type { PrintedPage } from '../pdf/pagemap.ts';
import { PrintedFeed } from '../printed.ts';
import { renderContext, type BookIndex } from './context.ts';
import { coverPng } from './cover.ts';
import { facesOf, styledText, type Runs } from './faces.ts';
import { fontCss, fontFormat } from './fonts.ts';
import { packageImages, type PackagedImage } from './images.ts';
import { countEntries, navList, ncxPageList, ncxPoints, tocDepthOf, tocEntries } from './nav.ts';
import { insertMarks, marker, pageId, type PageMark } from './pagebreaks.ts';
import { hasCodeBlocks, WRAP_MARK_HREF, wrapMarkCss, wrapMarkSvg } from './wrapmark.ts';
import { blocks, escapeXml } from './xhtml.ts';

const template = (name: string) => readFileSync(new URL(`./templates/${name}`, import.meta.url), 'utf8');
const CSS = readFileSync(new URL('./style.css', import.meta.url), 'utf8');

/** epub:type of a part's body, by kind. */
const BODY_TYPE: Record<Part['kind'], string> = {
  titlepage: 'frontmatter', frontmatter: 'frontmatter', toc: 'frontmatter', document: 'bodymatter', appendix: 'backmatter', colophon: 'backmatter',
};

interface Chapter { id: string; filename: string; title: string; content: string; beforeToc: boolean; bodyClass: string; bodyType: string; excludeFromToc?: boolean; linear?: boolean; properties?: string }

/** The compression level epub-gen-memory makes its zip with. */
const ZIP_LEVEL = 9;

/** The fixed date stamped on every zip entry, so that two builds are byte-identical. */
function zipDate(modified: string): Date {
  return new Date(modified);
}

/** The cover's page: the cover image, named for a reader who cannot see it. */
function coverPage(lang: string, L: Labels, title: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="${lang}" xml:lang="${lang}">
<head><meta charset="UTF-8"/><title>${escapeXml(L.cover)}</title><link rel="stylesheet" type="text/css" href="style.css"/></head>
<body class="part-cover" epub:type="cover"><section epub:type="cover"><img src="cover.png" alt="${escapeXml(`${L.coverAlt}${L.subtitleJoin}${title}`)}"/></section></body>
</html>
`;
}

/** The licence of every typeface the book embeds (all SIL OFL 1.1, each with its own copyright line), as a page at the end of the book. */
function licencePage(fonts: SubsetFont[], labels: Labels): string {
  const byFile = new Map<string, string[]>();
  for (const f of fonts) byFile.set(f.licenseFile, [...new Set([...(byFile.get(f.licenseFile) ?? []), f.family])]);
  if (!byFile.size) byFile.set(LICENSE_FILE, []);
  // Paragraphs as the file has them; its rules of dashes only separate.
  const paras = (text: string) => text.replace(/^-{5,}\s*$/gmu, '\n').trim().split(/\n\s*\n/u).filter((p) => p.trim()).map((p) => `<p>${escapeXml(p.replace(/\s*\n\s*/gu, ' '))}</p>`).join('\n');
  const sections = [...byFile].map(([file, families]) => `<section class="licence-text" lang="en" xml:lang="en">\n${families.length ? `<h2>${escapeXml(families.join(', '))}</h2>\n` : ''}${paras(readFileSync(file, 'utf8'))}\n</section>`);
  return `<section class="licence" aria-labelledby="licence-title">\n<h1 id="licence-title">${labels.licence}</h1>\n${sections.join('\n')}\n</section>`;
}

class WenjiEpub extends EPub {
  /** `files`: each chapter's file (but the cover's) by file name, as the writer made it. */
  constructor(private book: Book, private fonts: SubsetFont[], private packaged: PackagedImage[], private coverPng: Buffer, options: ConstructorParameters<typeof EPub>[0], chapters: Chapter[], private files: Map<string, string>) {
    // The library would parse and re-serialise every chapter's content (with every non-ASCII
    // character as an entity), for files written here instead: it is given the chapters' entries alone.
    super(options, chapters.map((c) => ({ ...c, content: '' })));
    this.uuid = book.meta.identifier;
  }

  /**
   * The library's files, in its order (the zip's entries are in the order first written): the
   * stylesheet, the chapters, the container, the package, the NCX and the nav. Chapters are
   * written from our XHTML as it is, the cover's page as ours.
   */
  protected override async generateTemplateFiles(): Promise<void> {
    const lang = this.book.meta.language;
    const L = labelsFor(lang);
    const oebps = this.zip.folder('OEBPS')!;
    oebps.file('style.css', this.options.css);
    for (const c of this.content) oebps.file(c.filename, c.id === 'cover' ? coverPage(lang, L, this.book.meta.title) : this.files.get(c.filename)!);
    this.zip.folder('META-INF')!.file('container.xml', '<?xml version="1.0" encoding="UTF-8" ?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>');
    const opt = { ...this.options, id: this.uuid, images: this.images, cover: this.cover, content: this.content };
    oebps.file('content.opf', ejs.render(this.options.contentOPF, opt));
    oebps.file('toc.ncx', ejs.render(this.options.tocNCX, opt));
    oebps.file('toc.xhtml', ejs.render(this.options.tocXHTML, opt));
    // Apple Books honours embedded fonts only with this file; the library writes it for EPUB 2 only.
    this.zip.file('META-INF/com.apple.ibooks.display-options.xml', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<display_options><platform name="*"><option name="specified-fonts">true</option></platform></display_options>\n');
  }

  protected override async downloadAllFonts(): Promise<void> {
    for (const f of this.fonts) this.zip.file(`OEBPS/fonts/${f.filename}`, f.data);
    for (const img of this.packaged) this.zip.file(`OEBPS/${img.href}`, img.data);
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

/** The fonts' licence page: a name no part can take (part ids have no underscore). */
const LICENCE_FILE = 'fonts_licence.xhtml';

/** Manifest ids of the package's own files, which a part must not take. */
const RESERVED = /^(nav|ncx|css|cover|cover-image|licence|wrap-mark|font-\d+|image-\d+)$/u;

/** The printed pages of a part that begin in each of its top-level blocks: block index → marks. */
function marksByBlock(printed: PrintedPage[]): Map<number, PageMark[]> {
  const out = new Map<number, PageMark[]>();
  for (const p of printed) out.set(p.block, [...(out.get(p.block) ?? []), { label: p.label, offset: p.offset }]);
  return out;
}

/** Each face subset again to the characters the EPUB sets in it (its text by style); a face that sets nothing is left out. */
async function epubFonts(fonts: SubsetFont[], runs: Runs): Promise<SubsetFont[]> {
  const chars = facesOf(runs, fonts);
  const out: SubsetFont[] = [];
  for (const f of fonts) {
    const set = chars.get(f.id);
    if (!set?.size) continue;
    const text = [...set].sort().join('');
    out.push({ ...f, chars: text, data: await subsetAgain(f.data, text) });
  }
  return out;
}

/** A manifest id: an XML name of its own, so a part id like `01-intro` or `nav` is prefixed. */
function manifestId(id: string): string {
  return /^[A-Za-z_][\w.-]*$/u.test(id) && !RESERVED.test(id) ? id : `part-${id.replace(/[^\w.-]/gu, '_')}`;
}

/** Each part's top-level blocks as XHTML, and what its manifest item must declare (svg for the task boxes). */
interface RenderedPart { part: Part; blocks: string[]; svg: boolean }

function renderPartBlocks(p: Part, index: BookIndex, options: Partial<WriterOptions>): RenderedPart {
  const ctx = renderContext(index, options.warn);
  const xhtml = p.blocks.map((b) => blocks([b], ctx));
  return { part: p, blocks: xhtml, svg: Boolean(ctx.svg) };
}

/** Each part as XHTML, with the printed pages' markers. */
function partChapter(r: RenderedPart, book: Book, tocAt: number, marks: Map<number, PageMark[]> | undefined): Chapter {
  const p = r.part;
  const content = r.blocks.map((xhtml, i) => {
    const here = marks?.get(i);
    return here ? insertMarks(xhtml, here) : xhtml;
  }).join('\n');
  return {
    id: manifestId(p.id), filename: `${p.id}.xhtml`, title: p.title, content, beforeToc: book.parts.indexOf(p) < tocAt,
    bodyClass: `part-${p.kind}`, bodyType: BODY_TYPE[p.kind], ...(r.svg ? { properties: 'svg' } : {}),
  };
}

/** The printed pages of the PDF of the same edition (the writers' options give its paper and profile), laid out here. */
async function printedPages(book: Book, fontSet: FontSet, options: Partial<WriterOptions>): Promise<PrintedFeed> {
  const [{ layoutBook }, { pageMap }] = await Promise.all([import('../pdf/index.ts'), import('../pdf/pagemap.ts')]);
  return PrintedFeed.of(pageMap(layoutBook(book, fontSet, { paper: options.paper ?? 'A5', print: options.print ?? true, lineNumbers: options.lineNumbers, apparatus: options.apparatus, incremental: options.incremental }).pages));
}

export async function writeEpub(book: Book, fontSet: FontSet, options: Partial<WriterOptions> = {}): Promise<Buffer> {
  const { meta } = book;
  const parts = book.parts.filter((p) => p.kind !== 'toc');
  const tocAt = book.parts.findIndex((p) => p.kind === 'toc');
  const firstDoc = parts.find((p) => p.kind === 'document');
  const images = packageImages(book);
  const index: BookIndex = { image: (src) => images.get(src), anchors: anchorsOf(parts), labels: labelsFor(meta.language) };
  const code = hasCodeBlocks(book);
  const packaged = [...images.values(), ...(code ? [{ id: 'wrap-mark', href: WRAP_MARK_HREF, mime: 'image/svg+xml' as const, data: Buffer.from(wrapMarkSvg()), width: 10, height: 900 }] : [])];
  // What does not depend on the printed pages is made before waiting for them.
  const rendered = parts.map((p) => renderPartBlocks(p, index, options));
  const cover = coverPng(meta, fontSet.fonts);
  // The writer's own words in the book's language; the contents titled as the edition titles them.
  const L = { ...labelsFor(meta.language), ...(book.parts[tocAt] ? { toc: book.parts[tocAt].title } : {}) };
  const licence = licencePage(fontSet.fonts, L);
  // The text each face sets: the page-break markers set none, so the parts are read before them.
  const runs = styledText([...rendered.flatMap((r) => r.blocks), licence]);
  // The printed pages: those the PDF's writer gives as it lays the book out, when it is made at
  // the same time (each part's chapter is made as its pages come), else laid out here; and here
  // too if the PDF's writer ends without them.
  let laidHere: Promise<PrintedFeed> | undefined;
  const here = () => (laidHere ??= printedPages(book, fontSet, options));
  const feed = options.printed ?? await here();
  const chapterFile = ejs.compile(template('chapter.xhtml.ejs'));
  const files = new Map<string, string>();
  const chapters: Chapter[] = [{ id: 'cover', filename: 'cover.xhtml', title: L.cover, content: '', beforeToc: true, excludeFromToc: true, bodyClass: 'part-cover', bodyType: 'cover', linear: false }];
  // Each chapter's file is deflated as it is made (the zip takes it so), while the PDF is still being laid out.
  const add = (c: Chapter) => {
    const xhtml = chapterFile({ lang: meta.language, ...c });
    chapters.push(c);
    files.set(c.filename, xhtml);
    deflateAhead(xhtml, ZIP_LEVEL);
  };
  for (const r of rendered) {
    const pages = (await feed.part(r.part.id)) ?? (await (await here()).part(r.part.id))!;
    add(partChapter(r, book, tocAt, marksByBlock(pages)));
  }
  add({ id: 'licence', filename: LICENCE_FILE, title: L.licence, content: licence, beforeToc: false, bodyClass: 'part-licence', bodyType: 'backmatter' });
  const printed = (await feed.pages()) ?? (await (await here()).pages())!;
  const tocId = book.parts[tocAt]?.id;
  const inEpub = new Set(parts.map((p) => p.id));
  const pageList = printed.flatMap((p) => (p.part === tocId ? [{ label: p.label, href: `toc.xhtml#${pageId(p.label)}` }]
    : inEpub.has(p.part) ? [{ label: p.label, href: `${p.part}.xhtml#${pageId(p.label)}` }] : []));
  const toc = tocEntries(book.parts, meta.tocDepth);
  const wenji = {
    meta, labels: L, navList: navList(toc), ncxPoints: ncxPoints(toc), tocDepth: Math.max(1, tocDepthOf(toc)),
    ncxPageList: ncxPageList(pageList, L.pageList, countEntries(toc)),
    maxPage: Math.max(0, ...pageList.map((p) => (/^\d+$/u.test(p.label) ? Number(p.label) : 0))),
    // The printed contents' pages begin where the nav's contents begin.
    tocMarks: printed.filter((p) => p.part === tocId).map((p) => marker(p.label)).join(''),
    pageList, pdf: `${meta.slug}.pdf`,
    identifiers: identifiers(meta.identifier),
    summary: await accessibilitySummary(book, pageList.length > 0),
    fonts: [] as { filename: string; mime: string }[], fontFamilies: '', rights: '',
    title: meta.subtitle ? `${meta.title}${L.subtitleJoin}${meta.subtitle}` : meta.title,
    printSource: fill(L.printSource, { title: meta.title, file: `${meta.slug}.pdf` }),
    images: packaged.map(({ id, href, mime }) => ({ id, href, mime })),
    landmarks: [
      { type: 'cover', href: 'cover.xhtml', label: L.cover },
      { type: 'toc', href: 'toc.xhtml', label: L.toc },
      ...(firstDoc ? [{ type: 'bodymatter', href: `${firstDoc.id}.xhtml`, label: L.bodymatter }] : []),
    ],
  };
  const fonts = await epubFonts(fontSet.fonts, styledText([ejs.render(template('toc.xhtml.ejs'), { wenji })], runs));
  wenji.fonts = fonts.map((f) => ({ filename: f.filename, mime: fontFormat(f).mime }));
  wenji.fontFamilies = [...new Set(fonts.map((f) => f.family))].join(wordsOf(meta.language) === 'en' ? ', ' : '、');
  wenji.rights = fill(L.rights, { families: wenji.fontFamilies, licence: L.licence });
  const epub = new WenjiEpub(book, fonts, packaged, cover, {
    title: meta.title, author: meta.authors.length ? meta.authors : meta.editor, publisher: meta.publisher, description: meta.description,
    lang: meta.language, date: meta.modified, css: fontCss({ ...fontSet, fonts }) + CSS + (code ? wrapMarkCss() : ''), version: 3, prependChapterTitles: false, numberChaptersInTOC: false,
    contentOPF: template('content.opf.ejs'), tocNCX: template('toc.ncx.ejs'), tocXHTML: template('toc.xhtml.ejs'), chapterXHTML: template('chapter.xhtml.ejs'),
    // @ts-expect-error extra data for our own templates; the library passes options through to them.
    wenji,
  }, chapters, files);
  try {
    return (await epub.genEpub()) as Buffer;
  } finally {
    forgetAhead();
  }
}

/**
 * The edition's identifier as the package's unique identifier, and again with a scheme of its
 * own: calibre keeps a bare `urn:uuid:` as its internal id and shows (and converts to an ASIN)
 * only an identifier with a scheme, so the same edition converts to the same ASIN every time.
 */
function identifiers(id: string): { id: string; value: string }[] {
  return [{ id: 'BookId', value: id }, { id: 'wenji-id', value: `wenji:${id}` }];
}

/** What is true of this book for a reader who depends on assistive technology. */
async function accessibilitySummary(book: Book, pages: boolean): Promise<string> {
  let notes = false;
  let figures = false;
  let tables = false;
  for (const p of book.parts) {
    visitBlocks(p.blocks, (b) => {
      if (b.type === 'note') notes = true;
      if (b.type === 'figure') figures = true;
      if (b.type === 'table') tables = true;
    });
  }
  const words = wordsOf(book.meta.language);
  const t = words === 'zh-Hans' || words === 'zh-Hant' ? SUMMARY.zh : words === 'ja' ? SUMMARY.ja : SUMMARY.en;
  const said = [t.reflow, t.headings, ...(pages ? [t.pages] : []), ...(notes ? [t.notes] : []), ...(figures ? [t.figures] : []), ...(tables ? [t.tables] : []), t.cover];
  const summary = said.join(t.between) + t.claim;
  return words === 'zh-Hant' ? (await traditional())(summary) : summary;
}

/** The sentences of the accessibility summary: Chinese (made Traditional where the book is), Japanese, and English for any other language. */
const SUMMARY = {
  en: {
    reflow: 'A reflowable text edition: size, typeface and colours can be set by the reading system; no fixed layout',
    headings: 'Headings in levels, a table of contents and landmarks',
    pages: 'A page list matching the printed pages of the PDF of the same edition, with page-break markers',
    notes: 'Notes open as pop-ups and link back to their marks',
    figures: 'Figures have alternative text',
    tables: 'Tables have header rows',
    cover: 'The cover image has a text description',
    between: '; ',
    claim: '. Meets EPUB Accessibility 1.1 and WCAG 2.1 level AA.',
  },
  zh: {
    reflow: '本书为可重排的文字版，字号、字体、颜色可由阅读软件调整，无固定版式',
    headings: '标题分级，有目录、导航地标',
    pages: '有与同版PDF印本页码一致的页码列表和分页标记',
    notes: '注释为可弹出的脚注，注号与注文可互相跳转',
    figures: '插图有替代文字',
    tables: '表格有表头',
    cover: '封面图有文字说明',
    between: '；',
    claim: '。符合 EPUB Accessibility 1.1 与 WCAG 2.1 AA 级要求。',
  },
  ja: {
    reflow: 'リフロー型のテキスト版で、文字の大きさ、書体、色は閲覧ソフトで変えられ、固定レイアウトではありません',
    headings: '見出しは階層化され、目次とランドマークがあります',
    pages: '同じ版のPDF印刷版のページ番号に対応するページリストと改ページ位置があります',
    notes: '注はポップアップで開き、注番号と本文の間を行き来できます',
    figures: '図には代替テキストがあります',
    tables: '表には見出し行があります',
    cover: '表紙画像には説明文があります',
    between: '。',
    claim: '。EPUB Accessibility 1.1 および WCAG 2.1 レベル AA に適合しています。',
  },
};

let converter: Promise<(s: string) => string> | undefined;
/**
 * Simplified → Traditional (Taiwan forms), for the few sentences the writer makes itself. OpenCC's
 * dictionaries are two megabytes of code: loaded only for a book in Traditional characters.
 */
function traditional(): Promise<(s: string) => string> {
  return (converter ??= import('opencc-js/cn2t').then((OpenCC) => OpenCC.Converter({ from: 'cn', to: 'twp' })));
}
