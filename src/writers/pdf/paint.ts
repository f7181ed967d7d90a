// Painting: pages → PDF with pdfkit, the only module that imports it. Text is drawn glyph run by
// glyph run at the positions layout computed (one TJ array per line and style), so pdfkit's own
// line wrapping is never used. Also: tagged structure, outline, links, page labels, metadata.
import PDFDocument from 'pdfkit';
// @ts-expect-error svg-to-pdfkit ships no types: SVGtoPDF(doc, svg, x, y, { width, height, assumePt }).
import SVGtoPDF from 'svg-to-pdfkit';
import type { SubsetFont, Weight } from '../../fonts/index.ts';
import { DiagnosticError, type Diagnostic } from '../../diagnostics.ts';
import type { BookMeta } from '../../model/types.ts';
import { names } from '../../model/names.ts';
import type { ImageResource } from '../../model/types.ts';
import type { FlowBlock, Mark, PlacedImage, PlacedLine } from './flow.ts';
import { LABELS, labelsFor, type Labels } from '../labels.ts';
import { pdfImage, type PdfImage } from './images.ts';
import { balancePageTree } from './pagetree.ts';
import { faceOf, RUBY_SCALE, type Style } from './items.ts';
import type { Glyph } from './setline.ts';
import { fontId, openFont } from './measure.ts';
import { PdfFont } from './embed.ts';
import type { Geometry } from './page.ts';
import { leftEdge } from './page.ts';
import type { Page, PlacedOnPage } from './paginate.ts';

/** The parts of pdfkit used below that its typings do not describe. */
interface Internals {
  _fontFamilies: Record<string, unknown>;
  _font: { id: string; encode(text: string): [string[], { xAdvance: number; advanceWidth: number }[]]; ref(): unknown; name?: string; font?: { hasGlyphForCodePoint(cp: number): boolean } };
  page: PdfPage;
  /** Pages begun and not yet ended (all of them, with `bufferPages`). */
  _pageBuffer: PdfPage[];
  endPageMarkings(page: PdfPage): void;
  _root: { data: Record<string, unknown> };
  addContent(s: string | Uint8Array): void;
  /** Writes a piece of the file (a string as Latin-1, with a line end) at `_offset`. */
  _write(data: string | Uint8Array): void;
  _offset: number;
  markContent(tag: string, options?: object): void;
  markStructureContent(tag: string, options?: object): unknown;
  endMarkedContent(): void;
  struct(type: string, options?: object, children?: unknown[]): StructElem;
  addStructure(e: StructElem): void;
  addNamedDestination(name: string, ...args: unknown[]): void;
  appendXML(xml: string): void;
}
interface StructElem { add(child: unknown): StructElem; end(): void }
interface PdfPage { fonts: Record<string, unknown>; height: number; width: number; dictionary: unknown; end(): void }

const num = (n: number) => (Math.round(n * 1000) / 1000).toString();

function roman(n: number): string {
  const table: [number, string][] = [[1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'], [50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i']];
  let out = '';
  for (const [v, s] of table) while (n >= v) { out += s; n -= v; }
  return out;
}

/** The folio of the page at `index` (from 0) of a book whose first page outside the front matter is at `firstBody` (-1: none yet). */
export function folio(index: number, firstBody: number): string {
  return firstBody < 0 || index < firstBody ? roman(index + 1) : String(index - firstBody + 1);
}

/**
 * The printed page numbers (folios) of pages that follow the book's first `start` pages, whose
 * first page outside the front matter was at `firstBody` (-1: none yet): roman in front matter,
 * arabic from the first page of a part that is not front matter. With where that page is now.
 */
export function foliosFrom(pages: Page[], start: number, firstBody: number): { labels: string[]; firstBody: number } {
  const labels = pages.map((page, k) => {
    if (firstBody < 0 && !page.part.frontMatter) firstBody = start + k;
    return folio(start + k, firstBody);
  });
  return { labels, firstBody };
}

/** The folio of every page of a book. */
export function folios(pages: Page[]): string[] {
  return foliosFrom(pages, 0, -1).labels;
}

type Doc = Omit<PDFKit.PDFDocument, keyof Internals> & Internals;

/** Characters drawn without a glyph (the font's .notdef), by the page they are drawn on. */
interface GlyphAudit {
  page: string;
  /** Characters asked of the fonts that no face has: each is already a warning (glyph-missing) at its place. */
  unheld: Set<string>;
  missing: Map<string, { pages: string[]; font: string }>;
}
const audits = new WeakMap<object, GlyphAudit>();
/** The glyph id of .notdef as the embedded fonts encode it (embed.ts: four hex digits). */
const NOTDEF = '0000';

/** Records every visible character of a run that its font draws as .notdef (glyph 0). */
function auditGlyphs(doc: Doc, encoded: { g: Glyph; code: [string[], unknown[]] }[]): void {
  const audit = audits.get(doc);
  const font = doc._font;
  if (!audit) return;
  for (const { g, code: [hex] } of encoded) {
    if (!hex.includes(NOTDEF)) continue;
    for (const ch of g.text) {
      if (/[\s\p{Cc}\p{Cf}]/u.test(ch) || font.font?.hasGlyphForCodePoint(ch.codePointAt(0)!) || audit.unheld.has(ch)) continue;
      const seen = audit.missing.get(ch) ?? { pages: [], font: (font.name ?? font.id).replace(/^[A-Z]{6}\+/u, '') };
      if (!seen.pages.includes(audit.page)) seen.pages.push(audit.page);
      audit.missing.set(ch, seen);
    }
  }
}

/** The audit's findings: one error per character, with the pages it would be drawn on without a glyph. */
function glyphErrors(audit: GlyphAudit): Diagnostic[] {
  return [...audit.missing].map(([ch, { pages, font }]) => ({
    severity: 'error', code: 'pdf-glyph',
    message: `character ${ch} (U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}) would be drawn on page ${pages.join(', ')} of the PDF, but the font subset ${font} has no glyph for it`,
    hint: 'the writer sets text that the font subsets were not made for: add it to the characters the writers set (writersText in src/book/text.ts)',
  }));
}

/** Draws glyphs of one style as a single text object, each at its computed x. */
function drawRun(doc: Doc, glyphs: PlacedLine['glyphs'], style: Style, x0: number, baselineTop: number): void {
  doc.font(fontId(faceOf(style))).fontSize(style.size);
  const font = doc._font;
  if (doc.page.fonts[font.id] == null) doc.page.fonts[font.id] = font.ref();
  const y = doc.page.height - (baselineTop - (style.rise ?? 0));
  const encoded = glyphs.map((g) => ({ g, code: font.encode(g.text) }));
  auditGlyphs(doc, encoded);
  // A dash of —— is text only, its rule drawn by text.ts: invisible (render mode 3) and scaled to
  // the em it takes, so that reading back finds "——" where the rule is.
  const advance = (e: (typeof encoded)[number]) => e.code[1].reduce((w, p) => w + p.xAdvance, 0) * (style.size / 1000);
  const stretch = style.rule && advance(encoded[0]) > 0 ? glyphs[0].width / advance(encoded[0]) : 1;
  const scale = (style.size / 1000) * stretch;
  const parts: string[] = [];
  let pen = glyphs[0].x;
  for (const { g, code: [hex, positions] } of encoded) {
    const gap = g.x - pen;
    if (Math.abs(gap) > 1e-6) parts.push(num(-gap / scale));
    hex.forEach((h, k) => {
      parts.push(`<${h}>`);
      const kern = positions[k].xAdvance - positions[k].advanceWidth;
      if (kern) parts.push(num(-kern));
    });
    pen = g.x + positions.reduce((w, p) => w + p.xAdvance, 0) * scale;
  }
  // pdfkit's pages are flipped to a top-left origin; text is set in the PDF's own orientation,
  // inside q … Q (as doc.save(), doc.transform(…) and doc.restore() write it, numbers rounded as
  // pdfkit rounds them), written as one piece of content: a run is drawn a few hundred thousand
  // times in a long book.
  doc.addContent([
    'q', `1 0 0 -1 0 ${Math.round(doc.page.height * 1e6) / 1e6} cm`,
    'BT', `1 0 0 1 ${num(x0 + glyphs[0].x)} ${num(y)} Tm`, `/${font.id} ${num(style.size)} Tf`,
    ...(style.rule ? [`3 Tr ${num(stretch * 100)} Tz`] : []),
    `[${parts.join(' ')}] TJ`, 'ET', 'Q',
  ].join('\n'));
}

/** Glyphs drawn as one text object: same face, size, baseline and tagging; ruby and images stand alone. */
const sameStyle = (a: Style, b: Style) => fontId(faceOf(a)) === fontId(faceOf(b)) && a.size === b.size && (a.rise ?? 0) === (b.rise ?? 0)
  && !a.label === !b.label && !a.artifact === !b.artifact && !a.rule === !b.rule && !a.ruby && !b.ruby && !a.image && !b.image;

/** Vector marks of a line, relative to the line box's left edge and top. */
function drawMarks(doc: Doc, marks: Mark[], x: number, top: number): void {
  for (const m of marks) {
    doc.save();
    if (m.kind === 'line') doc.lineWidth(m.width).strokeColor(gray(m.gray ?? 0)).moveTo(x + m.x1, top + m.y1).lineTo(x + m.x2, top + m.y2).stroke();
    else if (m.kind === 'rect') {
      doc.rect(x + m.x, top + m.y, m.w, m.h);
      if (m.fill) doc.fillColor(gray(m.gray ?? 0)).fill();
      else doc.lineWidth(m.width).strokeColor(gray(m.gray ?? 0)).stroke();
    } else doc.circle(x + m.x, top + m.y, m.r).fillColor('black').fill();
    doc.restore();
  }
}

const gray = (g: number) => { const v = Math.round(g * 255); return [v, v, v] as [number, number, number]; };

/** Images converted for pdfkit, once per document. */
type ImageCache = (src: string) => PdfImage;

function drawImage(doc: Doc, image: PlacedImage, x: number, top: number, images: ImageCache): void {
  const img = images(image.src);
  if (img.kind === 'raster') doc.image(img.data, x + image.x, top + image.y, { width: image.width, height: image.height });
  else SVGtoPDF(doc, img.svg, x + image.x, top + image.y, { width: image.width, height: image.height, preserveAspectRatio: 'xMidYMid meet', assumePt: true, ...SVG_OPTIONS });
}

/**
 * How an SVG is drawn: its text in the book's serif face (whose subset holds it: bookText), never
 * in a standard font the PDF would not embed; images only from data inside it (the reader made it
 * self-contained: src/input/svg.ts), never from a path or an address; nothing printed to the console.
 */
const SVG_OPTIONS = {
  fontCallback: (_family: string, bold: boolean, _italic: boolean, options: { fauxBold?: boolean }) => { if (bold) options.fauxBold = true; return fontId('regular'); },
  imageCallback: (link: string) => (/^data:/iu.test(link.trim()) ? link.replace(/\s+/gu, '') : ''),
  warningCallback: () => {},
};

/** What drawing lines needs beyond the line: the images, and the destinations already named. */
interface LineState {
  images: ImageCache;
  named: Set<string>;
  /** Words the writer sets in the book's language (a note mark's link is described as the way back). */
  labels: Labels;
  /** The structure element of the text being drawn: link annotations become its Link children. */
  parent?: StructElem;
}

/**
 * A link annotation (`#name` a named destination, else a URL), tagged as a Link element of the
 * text it covers and described by that text (PDF/UA asks both of every link).
 */
function annotateLink(doc: Doc, state: LineState | undefined, rect: [number, number, number, number], target: string, description: string): void {
  let structParent: StructElem | undefined;
  if (state?.parent) { structParent = doc.struct('Link'); state.parent.add(structParent); }
  const options = { Contents: new String(description), ...(structParent ? { structParent } : {}) } as never;
  if (target.startsWith('#')) doc.goTo(...rect, target.slice(1), options);
  else doc.link(...rect, target, options);
  structParent?.end();
}

/** A text string for a content stream: UTF-16BE with its byte order mark, in hex. */
function utf16Hex(text: string): string {
  const bytes = Buffer.from(text, 'utf16le').swap16();
  return `FEFF${bytes.toString('hex').toUpperCase()}`;
}

const textOf = (glyphs: Glyph[]) => glyphs.map((g) => g.text).join('');

/** A ruby annotation, centred above its base and set at half its size; drawn after the base, as it is read. */
function drawRuby(doc: Doc, g: Glyph, x: number, baseline: number): void {
  const ruby = g.style.ruby!;
  const style: Style = { weight: g.style.weight, face: ruby.face, size: g.style.size * RUBY_SCALE };
  doc.font(fontId(faceOf(g.style))).fontSize(g.style.size);
  const base = doc.widthOfString(g.text);
  doc.font(fontId(faceOf(style))).fontSize(style.size);
  const w = doc.widthOfString(ruby.text);
  drawRun(doc, [{ text: ruby.text, x: g.x + (base - w) / 2, width: w, style }], style, x, baseline - (g.style.rise ?? 0) - g.style.size * 0.95);
}

/** Link annotations over the glyphs of each link (a URL, or `#name`), and over each note mark and note label. */
function drawLinks(doc: Doc, glyphs: Glyph[], x: number, baseline: number, state?: LineState): void {
  const box = (g: Glyph) => ({ top: baseline - (g.style.rise ?? 0) - g.style.size * 0.95, height: g.style.size * 1.25 });
  let i = 0;
  while (i < glyphs.length) {
    const href = glyphs[i].style.href;
    let j = i + 1;
    while (href && j < glyphs.length && glyphs[j].style.href === href) j++;
    if (href) {
      const first = glyphs[i];
      const last = glyphs[j - 1];
      const { top, height } = box(first);
      annotateLink(doc, state, [x + first.x, top, last.x + last.width - first.x, height], href, textOf(glyphs.slice(i, j)));
    }
    i = j;
  }
  for (const g of glyphs) {
    if (!g.style.link) continue;
    const { top, height } = box(g);
    annotateLink(doc, state, [x + g.x - 1, top, g.width + 2, height], `#${g.style.link}`, g.style.rise ? g.text : `${(state?.labels ?? LABELS).noteBack} ${g.text}`);
  }
}

function drawLine(doc: Doc, line: PlacedLine, x: number, top: number, state?: LineState): void {
  const baseline = top + line.baseline;
  if (line.marks) drawMarks(doc, line.marks, x + line.x, top);
  if (line.image && state) drawImage(doc, line.image, x + line.x, top, state.images);
  if (line.link) {
    annotateLink(doc, state, [x + line.x, top, line.width, line.height], line.link, textOf(line.glyphs) || line.image?.alt || line.link);
  }
  if (line.rule) {
    doc.save().lineWidth(0.4).moveTo(x + line.x, baseline).lineTo(x + line.x + line.rule, baseline).stroke().restore();
    return;
  }
  const x0 = x + line.x;
  let start = 0;
  for (let i = 1; i <= line.glyphs.length && line.glyphs.length; i++) {
    if (i === line.glyphs.length || !sameStyle(line.glyphs[i].style, line.glyphs[start].style)) {
      const style = line.glyphs[start].style;
      const run = line.glyphs.slice(start, i);
      // Note marks are not the document's text: a reader (and the read-back check) skips them.
      if (style.label) doc.markContent('Lbl');
      // pdfkit's own artifact marking would close the structure content around it: written by hand.
      if (style.artifact) doc.addContent('/Artifact BMC');
      if (style.image) {
        const img = style.image;
        // An image in a line of text is described by its alt text (marked content with /Alt).
        doc.addContent(`/Span <</Alt <${utf16Hex(img.alt)}>>> BDC`);
        if (state) drawImage(doc, { src: img.src, alt: img.alt, x: run[0].x, y: line.baseline + style.size * 0.12 - img.height, width: img.width, height: img.height }, x0, top, state.images);
        doc.addContent('EMC');
      } else drawRun(doc, run, style, x0, baseline);
      if (style.ruby) drawRuby(doc, run[0], x0, baseline);
      if (style.artifact) doc.addContent('EMC');
      if (style.label) doc.endMarkedContent();
      start = i;
    }
  }
  if (state) {
    for (const g of line.glyphs) {
      const name = g.style.anchor;
      if (name && !state.named.has(name)) { state.named.add(name); doc.addNamedDestination(name, 'XYZ', x0 + g.x, top, null); }
    }
  }
  drawLinks(doc, line.glyphs, x0, baseline, state);
}

/** Running head and folio, marked as pagination artifacts (not part of the text). */
function drawFurniture(doc: Doc, g: Geometry, page: Page, folio: string, editionTitle: string, metrics: (text: string, size: number) => number, heads: RunningHeads): void {
  if (page.blank || page.part.kind === 'titlepage') return;
  const left = leftEdge(g, page.number);
  const size = g.size * FURNITURE;
  doc.markContent('Artifact', { type: 'Pagination' });
  if (!page.opening) {
    const verso = g.print && page.number % 2 === 0;
    // Set as display lines (Han–Latin spacing, phrases): one line, or, where a title without a
    // short title does not fit, two lines broken between phrases; never cut.
    const lines = heads(verso ? editionTitle : page.part.runningHead);
    const headY = g.top - g.pitch * 1.1;
    lines.forEach((l, k) => drawLine(doc, l, left, headY + k * size * 1.2 - l.baseline));
    const ruleY = headY + (lines.length - 1) * size * 1.2 + size * 0.6;
    doc.save().lineWidth(0.3).moveTo(left, ruleY).lineTo(left + g.measure, ruleY).stroke().restore();
  }
  const fw = metrics(folio, size);
  drawRun(doc, [{ text: folio, x: 0, width: fw, style: { weight: 'regular', size } }], { weight: 'regular', size }, left + (g.measure - fw) / 2, g.top + g.textHeight + g.pitch * 1.6);
  doc.endMarkedContent();
}

/** Running heads and folios are set at this share of the body size. */
export const FURNITURE = 0.8;

/** The lines of a running head, centred in the measure (x relative to the text block). */
export type RunningHeads = (text: string) => PlacedLine[];

/** Bytes of the file kept in blocks of this size (or of one piece larger than it). */
const BLOCK = 1 << 20;

/**
 * The file as it is written, its pieces copied into large blocks: they are many and small, and
 * a deflated stream's buffer holds several times more memory than its bytes (a long book's file
 * took five times its size in memory while it was written).
 */
class Output {
  private readonly blocks: Buffer[] = [];
  private block = Buffer.allocUnsafe(0);
  private used = 0;

  private room(length: number): void {
    if (this.used + length <= this.block.length) return;
    if (this.used) this.blocks.push(this.block.subarray(0, this.used));
    this.block = Buffer.allocUnsafe(Math.max(BLOCK, length));
    this.used = 0;
  }

  /** Adds bytes; gives their length. */
  bytes(data: Uint8Array): number {
    this.room(data.length);
    this.block.set(data, this.used);
    this.used += data.length;
    return data.length;
  }

  /** Adds text as Latin-1 (one byte a character); gives its length in bytes. */
  text(data: string): number {
    this.room(data.length);
    this.used += this.block.write(data, this.used, 'latin1');
    return data.length;
  }

  /** The whole file. */
  whole(): Buffer {
    return Buffer.concat([...this.blocks, this.block.subarray(0, this.used)]);
  }
}

export interface PaintInput {
  pages: Page[];
  geometry: Geometry;
  meta: BookMeta;
  fonts: SubsetFont[];
  /** Advance of a text in the regular weight at a size, in points. */
  measure: (text: string, size: number) => number;
  /** The book's images, by path. */
  images?: Record<string, ImageResource>;
  /** Running heads set as display lines (text.ts); by default one line of plain glyphs. */
  heads?: RunningHeads;
  /** The characters the font subsets were made for (FontSet.asked): any other drawn without a glyph fails the build. */
  asked?: Set<string>;
  /**
   * The pages are the painter's to let go of: each is taken out of `pages` once painted, so that
   * a long book's laid-out lines do not stay in memory to its end (a one-off build).
   */
  release?: boolean;
}

/**
 * A PDF painted as its pages come: the pages of a part (or any run of pages, in the book's
 * order) are painted as soon as they are given, and each is let go of once painted, so that a
 * long book need not be laid out whole before its first page is painted. The leaders and page
 * numbers of the contents' entries wait for the pages their entries point at: the contents'
 * pages stay open until `finish`, which draws them and gives the file.
 */
export interface Painter {
  pages(pages: Page[]): void;
  finish(): Promise<Buffer>;
}

/** The whole book at once (tests, and what a book of pages given together makes). */
export function paint(input: PaintInput): Promise<Buffer> {
  const painter = openPainter(input);
  painter.pages(input.pages);
  return painter.finish();
}

/** A contents entry waiting for its page number: drawn on its page, under its structure element, at `finish`. */
interface PendingEntry {
  page: PdfPage;
  label: string;
  line: PlacedLine;
  left: number;
  top: number;
  parent: StructElem;
}

export function openPainter({ geometry: g, meta, fonts, measure, images = {}, heads, asked, release }: Omit<PaintInput, 'pages'>): Painter {
  const size = g.size * FURNITURE;
  const plain: RunningHeads = (text) => {
    const w = measure(text, size);
    return [{ glyphs: [{ text, x: 0, width: w, style: { weight: 'regular', size } }], x: (g.measure - w) / 2, height: g.pitch, baseline: 0, width: w, justified: false }];
  };
  const converted = new Map<string, PdfImage>();
  const imageOf: ImageCache = (src) => {
    let img = converted.get(src);
    if (!img) converted.set(src, (img = pdfImage(images[src])));
    return img;
  };
  const date = new Date(meta.modified);
  const doc = new PDFDocument({
    // No default font: pdfkit would read Helvetica's metrics, and the book draws only with its own.
    font: null as never,
    // Pages are ended by `flush` below, which keeps the contents' pages open.
    bufferPages: true,
    autoFirstPage: false, size: [g.width, g.height], margin: 0, compress: true, pdfVersion: '1.7',
    // pdfkit 0.20 supports the PDF/UA identification; its typings list only the PDF/A subsets.
    tagged: true, subset: 'PDF/UA' as never, lang: 'zh-CN', displayTitle: true,
    info: {
      Title: meta.title, Author: meta.authors.length ? names(meta.authors, meta.language) : meta.editor, Subject: meta.description, Keywords: meta.subjects.join(', '),
      Creator: 'wenji', Producer: 'wenji (pdfkit)', CreationDate: date, ModDate: date,
    },
  }) as unknown as Doc;
  // The book's fonts, embedded as they are (embed.ts): `doc.font(id)` finds them by their id.
  fonts.forEach((f, i) => { doc._fontFamilies[f.id] = new PdfFont(doc as never, openFont(f), f.data, `F${i + 1}`); });
  // pdfkit turns each piece of content it is given into bytes one character at a time; Node's
  // Latin-1 encoder gives the same bytes (content is Latin-1, with the line end pdfkit adds) at once.
  const addContent = doc.addContent.bind(doc);
  doc.addContent = (data) => addContent(typeof data === 'string' ? Buffer.from(`${data}\n`, 'latin1') : data);
  const endPageTree = balancePageTree(doc as never);
  // pdfkit pushes every piece of the file through a readable stream: the pieces are kept here as
  // it writes them (the same bytes, in the same order), and the stream only ends.
  // What it wrote before (the header) waits in the stream's buffer.
  const head = (doc as unknown as { read(): Buffer | null }).read();
  const file = new Output();
  if (head) file.bytes(head);
  doc._write = (data) => {
    doc._offset += data instanceof Uint8Array ? file.bytes(data) : file.text(`${data}\n`);
  };
  doc.on('data', () => {});
  const done = new Promise<Buffer>((resolve, reject) => { doc.on('end', () => resolve(file.whole())); doc.on('error', reject); });

  /** Ends every page begun but those holding contents entries (as pdfkit ends the last page when it begins the next). */
  const held = new Set<PdfPage>();
  const flush = () => {
    const open = doc._pageBuffer;
    doc._pageBuffer = open.filter((page) => held.has(page));
    for (const page of open) if (!held.has(page)) { doc.endPageMarkings(page); page.end(); }
  };

  /** Folios of the pages painted, and where each part and anchor is first printed (a page's index), for the contents. */
  const labels: string[] = [];
  const targets = new Map<string, number>();
  const pending: { target: string; entry: PendingEntry }[] = [];
  let firstBody = -1;
  const root = doc.struct('Document');
  doc.addStructure(root);
  // Structure elements, found by their block (weakly: a painted block may go) and ended in the
  // order they were made.
  const partElems = new Map<string, StructElem>();
  const blockElems = new WeakMap<FlowBlock, StructElem>();
  const labelParts = new WeakMap<FlowBlock, { lbl: StructElem; body: StructElem }>();
  const groupElems = new WeakMap<object, StructElem>();
  const made: { blocks: StructElem[]; labels: { lbl: StructElem; body: StructElem }[]; groups: StructElem[] } = { blocks: [], labels: [], groups: [] };
  /** A block's parent: its list or contents element if it has one, else its part. */
  const parentOf = (block: FlowBlock, part: StructElem): StructElem => {
    if (!block.group) return part;
    let e = groupElems.get(block.group.key);
    if (!e) { e = doc.struct(block.group.tag); part.add(e); groupElems.set(block.group.key, e); made.groups.push(e); }
    return e;
  };
  const partStart = new Map<string, string>();
  const state: LineState = { images: imageOf, named: new Set(), labels: labelsFor(meta.language) };
  const outline = outlineBuilder(doc, meta.tocDepth, g);

  const heldChars = new Set(fonts.flatMap((f) => [...f.chars]));
  const audit: GlyphAudit = { page: '', missing: new Map(), unheld: new Set([...asked ?? []].filter((ch) => !heldChars.has(ch))) };
  audits.set(doc, audit);
  const auditPage = (i: number) => `${i + 1}${labels[i] !== String(i + 1) ? ` (${labels[i]})` : ''}`;

  const paintPage = (page: Page) => {
    const i = labels.length;
    const numbered = foliosFrom([page], i, firstBody);
    labels.push(numbered.labels[0]);
    firstBody = numbered.firstBody;
    if (!page.blank) {
      if (!targets.has(page.part.id)) targets.set(page.part.id, i);
      for (const l of page.lines) if (l.first) for (const a of l.block.anchors) if (!targets.has(a)) targets.set(a, i);
    }
    audit.page = auditPage(i);
    flush();
    doc.addPage({ size: [g.width, g.height], margin: 0 });
    // A part is named at its first page's top-left corner (readback.ts finds parts so).
    if (!partStart.has(page.part.id)) { partStart.set(page.part.id, labels[i]); doc.addNamedDestination(page.part.id, 'XYZ', 0, 0, null); state.named.add(page.part.id); }
    drawFurniture(doc, g, page, labels[i], meta.title, measure, heads ?? plain);
    const left = leftEdge(g, page.number);
    let partElem = partElems.get(page.part.id);
    if (!partElem && page.lines.length) {
      partElem = doc.struct(page.part.kind === 'document' ? 'Sect' : 'Part', { title: page.part.title });
      root.add(partElem);
      partElems.set(page.part.id, partElem);
    }
    let n = 0;
    while (n < page.lines.length) {
      // A table's header set again on a continuation page is read once: here it is an artifact.
      if ((page.lines[n] as { repeated?: boolean }).repeated) {
        doc.markContent('Artifact', { type: 'Pagination' });
        drawLine(doc, page.lines[n].line, left, g.top + page.lines[n].y, { images: imageOf, named: state.named, labels: state.labels });
        doc.endMarkedContent();
        n++;
        continue;
      }
      const block = page.lines[n].block;
      let elem = blockElems.get(block);
      if (!elem) {
        // A figure's structure element carries its image's alternative text.
        const alt = (block as { alt?: string }).alt;
        elem = doc.struct(block.tag, alt ? { alt } : {});
        parentOf(block, partElem!).add(elem);
        blockElems.set(block, elem);
        made.blocks.push(elem);
        if (block.labelled) {
          const parts = { lbl: doc.struct('Lbl'), body: doc.struct('LBody') };
          labelParts.set(block, parts);
          made.labels.push(parts);
        }
        const lp = labelParts.get(block);
        if (lp) elem.add(lp.lbl).add(lp.body);
      }
      const top = g.top + page.lines[n].y;
      if (page.lines[n].first) {
        for (const a of block.anchors.filter((x) => !state.named.has(x))) { state.named.add(a); doc.addNamedDestination(a, 'XYZ', left, top, null); }
        if (block.outline && page.part.kind !== 'titlepage') outline(block.outline, top);
      }
      const lp = labelParts.get(block);
      const first = page.lines[n];
      if (lp && first.first) {
        // The item's label (its first glyph) is tagged Lbl; its text LBody.
        const label = doc.markStructureContent('Lbl');
        drawLine(doc, { ...first.line, glyphs: first.line.glyphs.slice(0, 1), marks: undefined, image: undefined, link: undefined }, left, g.top + first.y, { ...state, parent: lp.lbl });
        doc.endMarkedContent();
        lp.lbl.add(label);
      }
      const content = doc.markStructureContent(lp ? 'LBody' : block.tag);
      state.parent = lp ? lp.body : elem;
      while (n < page.lines.length && page.lines[n].block === block) {
        const p = page.lines[n];
        drawLine(doc, lp && p.first ? { ...p.line, glyphs: p.line.glyphs.slice(1) } : p.line, left, g.top + p.y, state);
        // Leaders and page numbers of contents entries wait for the pages they point at.
        if (p.line.tocTarget) {
          held.add(doc.page);
          pending.push({ target: p.line.tocTarget, entry: { page: doc.page, label: audit.page, line: p.line, left, top: g.top + p.y, parent: state.parent } });
        }
        n++;
      }
      doc.endMarkedContent();
      (lp ? lp.body : elem).add(content);
    }
  };

  return {
    pages(pages) {
      pages.forEach((page, i) => {
        paintPage(page);
        if (release) (pages as (Page | undefined)[])[i] = undefined;
      });
    },
    finish() {
      // The contents entries: leaders and page numbers are the writer's, not text (artifacts).
      for (const { target, entry } of pending) {
        doc.page = entry.page;
        audit.page = entry.label;
        doc.markContent('Artifact', { type: 'Layout' });
        drawTocEntry(doc, entry.line, entry.left, entry.top, g, target, labels[targets.get(target) ?? -1] ?? '', measure, { ...state, parent: entry.parent });
        doc.endMarkedContent();
      }
      held.clear();
      flush();
      if (audit.missing.size) throw new DiagnosticError(glyphErrors(audit));
      for (const lp of made.labels) { lp.lbl.end(); lp.body.end(); }
      for (const e of made.blocks) e.end();
      for (const e of made.groups) e.end();
      for (const e of partElems.values()) e.end();
      root.end();
      // Viewers open on the bookmarks, and a print edition shows its spreads as they will be bound.
      doc._root.data.PageMode = 'UseOutlines';
      if (g.print) doc._root.data.PageLayout = 'TwoPageRight';
      doc._root.data.PageLabels = { Nums: firstBody > 0 ? [0, { S: 'r' }, firstBody, { S: 'D', St: 1 }] : [0, { S: 'D', St: 1 }] };
      doc.appendXML(`<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:language><rdf:Bag><rdf:li>zh-CN</rdf:li></rdf:Bag></dc:language></rdf:Description>`);
      endPageTree();
      doc.end();
      return done;
    },
  };
}

/**
 * The PDF outline: headings down to the edition's depth, each under the nearest heading of a
 * higher level before it (an h4 after an h2 goes under the h2), returned as a function that adds one.
 */
function outlineBuilder(doc: Doc, depth: number, g: Geometry): (entry: { title: string; level: number }, top: number) => void {
  type Item = ReturnType<PDFKit.PDFDocument['outline']['addItem']>;
  const open: { level: number; item: Item }[] = [];
  return ({ title, level }, top) => {
    if (level > depth) return;
    while (open.length && open[open.length - 1].level >= level) open.pop();
    const parent = open.length ? open[open.length - 1].item : doc.outline;
    open.push({ level, item: parent.addItem(title, { top, left: g.width } as never) });
  };
}

/** Dotted leaders and the page number of a contents entry, with a link over the whole line. */
function drawTocEntry(doc: Doc, line: PlacedLine, left: number, top: number, g: Geometry, target: string, label: string, measure: (t: string, s: number) => number, state: LineState): void {
  const size = g.size;
  const nw = measure(label, size);
  const dot = measure('.', size);
  const from = line.x + line.width + size * 0.5;
  const to = g.measure - nw - size * 0.5;
  // Dots on one grid counted from the right edge of the measure, so that the leaders of all
  // entries stand in columns whatever the width of their page numbers.
  const pitch = dot * 2;
  const first = Math.ceil((g.measure - from) / pitch - 1e-6) - 1;
  const last = Math.ceil((g.measure - to) / pitch - 1e-6);
  const style: Style = { weight: 'regular', size };
  const glyphs = Array.from({ length: Math.max(0, first - last + 1) }, (_, k) => ({ text: '.', x: g.measure - (first - k) * pitch - dot, width: dot, style }));
  if (glyphs.length) drawRun(doc, glyphs, style, left, top + line.baseline);
  drawRun(doc, [{ text: label, x: g.measure - nw, width: nw, style }], style, left, top + line.baseline);
  annotateLink(doc, state, [left, top, g.measure, line.height], `#${target}`, `${textOf(line.glyphs)} ${label}`);
}
