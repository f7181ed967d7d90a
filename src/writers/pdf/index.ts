// PDF writer: book → print-ready PDF. The stages, each a module of its own and none importing a
// later one: measure (fonts) → items (Chinese rules) → linebreak (Knuth–Plass) → setline →
// layout (blocks) → paginate → paint (pdfkit).
import { createHash } from 'node:crypto';
import type { FontSet, SubsetFont } from '../../fonts/index.ts';
import type { Book, Part } from '../../model/types.ts';
import type { WriterOptions } from '../options.ts';
import { footApparatus, partsWithLemmas, settleLineRefs } from './apparatus.ts';
import { layoutPart, layoutToc, tocHeadings } from './layout.ts';
import { marginNumbers, numberLines, setMarginNumbers, textHeadings } from './linenumbers.ts';
import { fontMetrics } from './measure.ts';
import { geometry } from './page.ts';
import { paginate, type Page } from './paginate.ts';
import { FURNITURE, paint, type RunningHeads } from './paint.ts';
import type { Diagnostic } from '../../diagnostics.ts';
import type { FlowBlock, PartFlow, PlacedLine } from './flow.ts';
import { displayLines, type LayoutContext } from './text.ts';

export interface PdfLayout {
  flows: PartFlow[];
  pages: Page[];
}

/** Everything up to painting: useful to tests and to the checks of `wenji check`. */
/**
 * Laid-out parts of earlier builds in this process (`wenji watch`), by a digest of everything
 * their layout depends on: when one document changes, only that document is laid out again.
 */
const partCache = new Map<string, { flow: PartFlow; warnings: Diagnostic[]; blocks: string[] }>();

/**
 * Paragraphs and headings set in this process (layout.ts), per fonts and geometry: what the
 * last layout of a book set, so that a part laid out again after an edit sets again only the
 * blocks that changed. After each layout, what it did not use is forgotten.
 */
class LaidBlocks extends Map<string, { flows: FlowBlock[]; warnings: Diagnostic[] }> {
  private used = new Set<string>();
  private recording: string[] | undefined;
  override get(key: string) {
    const entry = super.get(key);
    if (entry) this.use(key);
    return entry;
  }
  override set(key: string, entry: { flows: FlowBlock[]; warnings: Diagnostic[] }) {
    this.use(key);
    return super.set(key, entry);
  }
  private use(key: string): void {
    this.used.add(key);
    this.recording?.push(key);
  }
  /** The keys a part's layout uses, from `record()` to `recorded()`: kept with the part, so that taking it from the cache keeps its blocks too (`keep`). */
  record(): void {
    this.recording = [];
  }
  recorded(): string[] {
    const keys = this.recording ?? [];
    this.recording = undefined;
    return keys;
  }
  keep(keys: string[]): void {
    for (const key of keys) if (super.has(key)) this.used.add(key);
  }
  /** Forgets the blocks the last layout did not use. */
  sweep(): void {
    for (const key of this.keys()) if (!this.used.has(key)) this.delete(key);
    this.used.clear();
  }
}
const blockCache = new Map<string, LaidBlocks>();

/**
 * Parts laid out by a one-off build, by the part itself and the setting: the passes of
 * settleLineRefs (and the EPUB's page-list, in a serial build) give a part they did not change as
 * the same object, so that it is taken again without a digest of its text; what a part's layout
 * made goes with the part.
 */
let laidParts = new WeakMap<Part, Map<string, { flow: PartFlow; warnings: Diagnostic[] }>>();

/** Forgets laid-out parts and blocks (for measuring layout from scratch). */
export function clearLayoutCache(): void {
  partCache.clear();
  blockCache.clear();
  laidParts = new WeakMap();
}

/**
 * A part laid out, from the cache or made and kept, with the warnings its layout gave: told
 * again to `warn` when it comes from the cache, so that a rebuild of `wenji watch` reports what
 * the first build did. The cache holds `keep` parts, the least recently used forgotten first: at
 * least every part of the book, so that the passes of settleLineRefs lay out again only the
 * parts whose line references changed (a fixed bound smaller than the book laid every part out
 * again at each pass).
 */
function cached(key: unknown[], make: (warn: (d: Diagnostic) => void) => PartFlow, keep: number, warn: ((d: Diagnostic) => void) | undefined, laid: LaidBlocks | undefined): PartFlow {
  const digest = createHash('sha256').update(JSON.stringify(key)).digest('hex');
  let entry = partCache.get(digest);
  if (entry) {
    partCache.delete(digest);
    entry.warnings.forEach((d) => warn?.(d));
    laid?.keep(entry.blocks);
  } else {
    const warnings: Diagnostic[] = [];
    laid?.record();
    entry = { flow: make((d) => { warnings.push(d); warn?.(d); }), warnings, blocks: laid?.recorded() ?? [] };
  }
  partCache.set(digest, entry);
  while (partCache.size > keep) partCache.delete(partCache.keys().next().value!);
  return entry.flow;
}

/** A part laid out by a one-off build, or taken again from laidParts with the warnings its layout gave. */
function laidOnce(part: Part, setting: string, make: (warn: (d: Diagnostic) => void) => PartFlow, warn: ((d: Diagnostic) => void) | undefined): PartFlow {
  let bySetting = laidParts.get(part);
  if (!bySetting) laidParts.set(part, (bySetting = new Map()));
  let entry = bySetting.get(setting);
  if (entry) entry.warnings.forEach((d) => warn?.(d));
  else {
    const warnings: Diagnostic[] = [];
    entry = { flow: make((d) => { warnings.push(d); warn?.(d); }), warnings };
    bySetting.set(setting, entry);
  }
  return entry.flow;
}

/** Digests of the fonts' files, by file (a layout's cache keys name the fonts by them). */
const digests = new WeakMap<Buffer, string>();
const digestOf = (data: Buffer) => {
  let d = digests.get(data);
  if (!d) digests.set(data, (d = createHash('sha256').update(data).digest('hex')));
  return d;
};

export function layoutBook(book: Book, fontSet: FontSet, options: WriterOptions, metrics = fontMetrics(fontSet.fonts)): PdfLayout {
  const fonts = fontSet.fonts;
  const g = geometry(options.paper, options.print);
  const fontKey = fonts.map((f) => digestOf(f.data));
  const setting = JSON.stringify([fontKey, g]);
  // Paragraphs are kept only for a next build (watch); the passes of one build take whole parts again (laidOnce).
  let laid = options.incremental ? blockCache.get(setting) : undefined;
  if (options.incremental && !laid) blockCache.set(setting, (laid = new LaidBlocks()));
  const ctx = { metrics, geometry: g, fonts: fontSet, images: book.images, warn: options.warn, laidBlocks: laid };
  // The apparatus prints page.line of its lemmas: laid out again once they are placed (apparatus.ts).
  const keep = Math.max(200, 2 * book.parts.length);
  const place = options.apparatus ?? 'end';
  const depth = book.meta.contentsDepth ?? 1;
  const laidOut = settleLineRefs(printedBook(book, options), options.lineNumbers ?? 'page', (b) => {
    const flows = b.parts.map((p) => {
      options.progress?.(`laying out ${p.title}`);
      // The contents show the parts' titles and headings: its layout is kept by what it shows.
      if (p.kind === 'toc') return cached([fontKey, g, b.meta.title, depth, p, b.parts.map((x) => [x.id, x.kind, x.title, tocHeadings(x, depth)])], (warn) => layoutToc(p, b.parts, { ...ctx, warn }, depth), keep, options.warn, laid);
      const make = (warn: (d: Diagnostic) => void) => layoutPart(p, { ...ctx, warn });
      return options.incremental ? cached([fontKey, g, b.meta.title, p], make, keep, options.warn, laid) : laidOnce(p, `${setting}${b.meta.title}`, make, options.warn);
    });
    return { flows, pages: paginate(flows, g) };
  }, place, options.warn);
  laid?.sweep();
  return laidOut;
}

/** The book as the PDF sets it: with the apparatus at the foot of the pages, if the edition asks for it. */
export function printedBook(book: Book, options: Pick<WriterOptions, 'apparatus'>): Book {
  return options.apparatus === 'foot' ? footApparatus(book) : book;
}

export async function writePdf(book: Book, fontSet: FontSet, options: WriterOptions): Promise<Buffer> {
  return paint(paintInput(book, fontSet, options));
}

/**
 * What painting takes: the pages laid out, with line numbers in the margin, and the running
 * heads. A one-off build hands the pages over to the painter, who lets each go once painted, and
 * forgets what layout kept of the book: nothing else holds the laid-out lines meanwhile.
 */
function paintInput(book: Book, fontSet: FontSet, options: WriterOptions): Parameters<typeof paint>[0] {
  const fonts = fontSet.fonts;
  const metrics = fontMetrics(fonts);
  const { flows, pages: laid } = layoutBook(book, fontSet, options, metrics);
  options.laidOut?.(laid);
  if (!options.incremental) for (const p of book.parts) laidParts.delete(p);
  const g = geometry(options.paper, options.print);
  // Line numbers in the margin of documents with an apparatus (linenumbers.ts), set as artifacts.
  const mode = options.lineNumbers ?? 'page';
  const numbers = marginNumbers(numberLines(laid, textHeadings(book), mode, partsWithLemmas(book)), mode);
  const pages = setMarginNumbers(laid, numbers, g, (t) => metrics.advance(t, 'regular'));
  const heads = runningHeads(book, flows, { metrics, geometry: g, fonts: fontSet, images: book.images }, options.warn);
  return { pages, geometry: g, meta: book.meta, fonts, images: book.images, heads, asked: fontSet.asked, measure: (t, size) => metrics.advance(t, 'regular') * size, release: !options.incremental };
}

/**
 * Running heads as display lines, each set once. A head that does not fit on one line (a long
 * title without a `short_title`) is set on two, broken between phrases, and told as a warning
 * at its document.
 */
function runningHeads(book: Book, flows: PartFlow[], ctx: LayoutContext, warn?: (d: Diagnostic) => void): RunningHeads {
  const g = ctx.geometry;
  const size = g.size * FURNITURE;
  const set = new Map<string, PlacedLine[]>();
  const head = (text: string) => {
    let lines = set.get(text);
    if (!lines) set.set(text, (lines = displayLines(text, g.measure - 2 * size, size, ctx).map((l) => ({ ...l, x: l.x + size }))));
    return lines;
  };
  const told = new Set<string>();
  const check = (text: string, file: string, edition: boolean) => {
    if (head(text).length < 2 || told.has(text)) return;
    told.add(text);
    warn?.({
      severity: 'warning', code: 'running-head', file, line: 1,
      message: `the running head "${text}" is wider than the measure: it is set on ${head(text).length} lines, broken between phrases`,
      hint: edition ? 'give the edition a shorter title' : 'give the document a short_title in its front matter: it is used for running heads',
    });
  };
  if (g.print) check(book.meta.title, 'corpus/edition.yaml', true);
  for (const f of flows) {
    if (f.kind === 'titlepage') continue;
    check(f.runningHead, book.parts.find((p) => p.id === f.id)?.source ?? 'corpus/edition.yaml', false);
  }
  return head;
}
