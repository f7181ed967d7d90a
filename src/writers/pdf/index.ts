// PDF writer: book → print-ready PDF. The stages, each a module of its own and none importing a
// later one: measure (fonts) → items (Chinese rules) → linebreak (Knuth–Plass) → setline →
// layout (blocks) → paginate → paint (pdfkit).
import { createHash } from 'node:crypto';
import type { FontSet, SubsetFont } from '../../fonts/index.ts';
import type { Book, Part } from '../../model/types.ts';
import type { WriterOptions } from '../options.ts';
import { footApparatus, lemmaLines, moved, numbersFor, partsWithLemmas, partWithNumbers, PASSES, refAnchors, refersForward, settleLineRefs, warnUnsettled, type Placed } from './apparatus.ts';
import { layoutPart, layoutToc, tocHeadings } from './layout.ts';
import { marginNumbers, numberLines, setMarginNumbers, textHeadings } from './linenumbers.ts';
import { fontMetrics } from './measure.ts';
import { geometry } from './page.ts';
import { advance, paginate, paginatePart, type Page, type PageCount } from './paginate.ts';
import { folios, foliosFrom, FURNITURE, openPainter, type RunningHeads } from './paint.ts';
import { pageMap, type PrintedPage } from './pagemap.ts';
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
    laid?.record();
    entry = { ...layOut(make, warn), blocks: laid?.recorded() ?? [] };
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
  else bySetting.set(setting, (entry = layOut(make, warn)));
  return entry.flow;
}

/** A part laid out now, with the warnings its layout gave (told to `warn` as they come, and kept to be told again). */
function layOut(make: (warn: (d: Diagnostic) => void) => PartFlow, warn: ((d: Diagnostic) => void) | undefined): { flow: PartFlow; warnings: Diagnostic[] } {
  const warnings: Diagnostic[] = [];
  return { flow: make((d) => { warnings.push(d); warn?.(d); }), warnings };
}

/** Digests of the fonts' files, by file (a layout's cache keys name the fonts by them). */
const digests = new WeakMap<Buffer, string>();
const digestOf = (data: Buffer) => {
  let d = digests.get(data);
  if (!d) digests.set(data, (d = createHash('sha256').update(data).digest('hex')));
  return d;
};

/** A part laid out, with its pages and their folios. */
interface LaidPart {
  flow: PartFlow;
  pages: Page[];
  labels: string[];
}

/** The whole book laid out (for the EPUB's page-list, `wenji check` and tests): every part, then every page. */
export function layoutBook(book: Book, fontSet: FontSet, options: WriterOptions, metrics = fontMetrics(fontSet.fonts)): PdfLayout {
  const flows: PartFlow[] = [];
  const pages: Page[] = [];
  for (const laid of layParts(book, fontSet, options, metrics, true)) {
    flows.push(laid.flow);
    for (const p of laid.pages) pages.push(p);
  }
  return { flows, pages };
}

/**
 * The book laid out and paginated part by part, in its order: each part with its pages as soon
 * as they are known, so that they can be painted and let go of before the next parts are laid
 * out. Line references (an apparatus's page.line) show where their lemmas were placed: those of
 * earlier parts are known when a part is laid out; a part that refers to its own lemmas is laid
 * out again until they hold; a book with a reference to a later part is settled whole first
 * (settleLineRefs). A one-off build (not `keep`) forgets each part's layout once given.
 */
function* layParts(book: Book, fontSet: FontSet, options: WriterOptions, metrics: ReturnType<typeof fontMetrics>, keep: boolean): Generator<LaidPart> {
  const fonts = fontSet.fonts;
  const g = geometry(options.paper, options.print);
  const fontKey = fonts.map((f) => digestOf(f.data));
  const setting = JSON.stringify([fontKey, g]);
  // Paragraphs are kept only for a next build (watch); the passes of one build take whole parts again (laidOnce).
  let laid = options.incremental ? blockCache.get(setting) : undefined;
  if (options.incremental && !laid) blockCache.set(setting, (laid = new LaidBlocks()));
  const ctx = { metrics, geometry: g, fonts: fontSet, images: book.images, warn: options.warn, laidBlocks: laid };
  const keepParts = Math.max(200, 2 * book.parts.length);
  const place = options.apparatus ?? 'end';
  const mode = options.lineNumbers ?? 'page';
  const depth = book.meta.contentsDepth ?? 1;
  const printed = printedBook(book, options);
  const layoutOne = (p: Part, b: Book): PartFlow => {
    options.progress?.(`laying out ${p.title}`);
    // The contents show the parts' titles and headings: its layout is kept by what it shows.
    if (p.kind === 'toc') return cached([fontKey, g, b.meta.title, depth, p, b.parts.map((x) => [x.id, x.kind, x.title, tocHeadings(x, depth)])], (warn) => layoutToc(p, b.parts, { ...ctx, warn }, depth), keepParts, options.warn, laid);
    const make = (warn: (d: Diagnostic) => void) => layoutPart(p, { ...ctx, warn });
    return options.incremental ? cached([fontKey, g, b.meta.title, p], make, keepParts, options.warn, laid) : laidOnce(p, `${setting}${b.meta.title}`, make, options.warn);
  };
  const forget = (p: Part) => { if (!keep && !options.incremental) laidParts.delete(p); };

  if (refersForward(printed)) {
    // An apparatus before its text: the whole book is laid out until its numbers hold.
    const whole = settleLineRefs(printed, mode, (b) => {
      const flows = b.parts.map((p) => layoutOne(p, b));
      return { flows, pages: paginate(flows, g) };
    }, place, options.warn);
    printed.parts.forEach(forget);
    const labels = folios(whole.pages);
    let k = 0;
    for (const flow of whole.flows) {
      const from = k;
      while (k < whole.pages.length && (whole.pages[k].part === flow || (whole.pages[k].blank && whole.pages[k + 1]?.part === flow))) k++;
      yield { flow, pages: whole.pages.slice(from, k), labels: labels.slice(from, k) };
    }
    laid?.sweep();
    return;
  }

  const at: PageCount = { pages: 0 };
  let firstBody = -1;
  const context = { heads: textHeadings(printed), parts: partsWithLemmas(printed) };
  /** Where the lemmas of the parts given so far are printed. */
  const lemmas = new Map<string, Placed>();
  let unsettled = 0;
  for (const part of printed.parts) {
    const ids = refAnchors(part);
    let numbers = numbersFor(ids, (id) => lemmas.get(id), place);
    let flow = layoutOne(ids.length ? partWithNumbers(part, numbers, place) : part, printed);
    let pages = paginatePart(flow, g, at);
    // Where the part's own lemmas are printed: its folios go on from the book's.
    const placed = () => {
      const numbered = foliosFrom(pages, at.pages, firstBody);
      return { ...numbered, own: lemmaLines(pages, printed, mode, context, numbered.labels) };
    };
    let now = placed();
    for (let pass = 1; ids.length && pass <= PASSES; pass++) {
      const next = numbersFor(ids, (id) => lemmas.get(id) ?? now.own.get(id), place);
      const wrong = moved(next, numbers);
      if (!wrong) break;
      if (pass === PASSES) { unsettled += wrong; break; }
      numbers = next;
      flow = layoutOne(partWithNumbers(part, numbers, place), printed);
      pages = paginatePart(flow, g, at);
      now = placed();
    }
    for (const [id, l] of now.own) if (!lemmas.has(id)) lemmas.set(id, l);
    advance(at, pages);
    firstBody = now.firstBody;
    forget(part);
    yield { flow, pages, labels: now.labels };
  }
  if (unsettled) warnUnsettled(unsettled, options.warn);
  laid?.sweep();
}

/** The book as the PDF sets it: with the apparatus at the foot of the pages, if the edition asks for it. */
export function printedBook(book: Book, options: Pick<WriterOptions, 'apparatus'>): Book {
  return options.apparatus === 'foot' ? footApparatus(book) : book;
}

/** Pages laid out ahead of painting at most: a book of this many pages or fewer is laid out whole before its first page is painted (its printed pages are known early, for the EPUB). */
const AHEAD = 500;

/**
 * The PDF, painted as the book is laid out: a part's pages, with line numbers in the margin, go
 * to the painter once laid out, and a one-off build lets go of them once painted, so that a long
 * book is never held laid out whole; layout keeps ahead of painting by up to AHEAD pages.
 */
export async function writePdf(book: Book, fontSet: FontSet, options: WriterOptions): Promise<Buffer> {
  const fonts = fontSet.fonts;
  const metrics = fontMetrics(fonts);
  const g = geometry(options.paper, options.print);
  const heads = runningHeads({ metrics, geometry: g, fonts: fontSet, images: book.images });
  const painter = openPainter({ geometry: g, meta: book.meta, fonts, images: book.images, heads: heads.lines, asked: fontSet.asked, measure: (t, size) => metrics.advance(t, 'regular') * size, release: !options.incremental });
  // Line numbers in the margin of documents with an apparatus (linenumbers.ts), set as artifacts.
  const mode = options.lineNumbers ?? 'page';
  const textHeads = textHeadings(book);
  const withLemmas = partsWithLemmas(book);
  const shown: Heads[] = [];
  const waiting: Page[][] = [];
  let ahead = 0;
  const paintNext = () => {
    const pages = waiting.shift()!;
    ahead -= pages.length;
    painter.pages(pages);
  };
  for (const { flow, pages, labels } of layParts(book, fontSet, options, metrics, false)) {
    shown.push({ id: flow.id, kind: flow.kind, runningHead: flow.runningHead });
    options.laidOut?.part(flow.id, pageMap(pages, labels));
    const numbers = marginNumbers(numberLines(pages, textHeads, mode, withLemmas), mode);
    waiting.push(setMarginNumbers(pages, numbers, g, (t) => metrics.advance(t, 'regular')));
    ahead += pages.length;
    while (ahead > AHEAD) paintNext();
  }
  options.laidOut?.end();
  heads.check(book, shown, options.warn);
  while (waiting.length) paintNext();
  return painter.finish();
}

/** What a part shows in its running heads. */
type Heads = Pick<PartFlow, 'id' | 'kind' | 'runningHead'>;

/**
 * Running heads as display lines, each set once. A head that does not fit on one line (a long
 * title without a `short_title`) is set on two, broken between phrases, and told as a warning
 * at its document (`check`, given the parts laid out).
 */
function runningHeads(ctx: LayoutContext): { lines: RunningHeads; check(book: Book, flows: Heads[], warn?: (d: Diagnostic) => void): void } {
  const g = ctx.geometry;
  const size = g.size * FURNITURE;
  const set = new Map<string, PlacedLine[]>();
  const head = (text: string) => {
    let lines = set.get(text);
    if (!lines) set.set(text, (lines = displayLines(text, g.measure - 2 * size, size, ctx).map((l) => ({ ...l, x: l.x + size }))));
    return lines;
  };
  const check = (book: Book, flows: Heads[], warn?: (d: Diagnostic) => void) => {
    const told = new Set<string>();
    const tell = (text: string, file: string, edition: boolean) => {
      if (head(text).length < 2 || told.has(text)) return;
      told.add(text);
      warn?.({
        severity: 'warning', code: 'running-head', file, line: 1,
        message: `the running head "${text}" is wider than the measure: it is set on ${head(text).length} lines, broken between phrases`,
        hint: edition ? 'give the edition a shorter title' : 'give the document a short_title in its front matter: it is used for running heads',
      });
    };
    if (g.print) tell(book.meta.title, 'corpus/edition.yaml', true);
    const sources = new Map(book.parts.map((p) => [p.id, p.source]));
    for (const f of flows) if (f.kind !== 'titlepage') tell(f.runningHead, sources.get(f.id) ?? 'corpus/edition.yaml', false);
  };
  return { lines: head, check };
}
