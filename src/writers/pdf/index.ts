// PDF writer: book → print-ready PDF. The stages, each a module of its own and none importing a
// later one: measure (fonts) → items (Chinese rules) → linebreak (Knuth–Plass) → setline →
// layout (blocks) → paginate → paint (pdfkit).
import { createHash } from 'node:crypto';
import type { FontSet, SubsetFont } from '../../fonts/index.ts';
import type { Book } from '../../model/types.ts';
import type { WriterOptions } from '../options.ts';
import type { PartFlow } from './flow.ts';
import { partsWithLemmas, settleLineRefs } from './apparatus.ts';
import { layoutPart, layoutToc } from './layout.ts';
import { marginNumbers, numberLines, setMarginNumbers, textHeadings } from './linenumbers.ts';
import { fontMetrics } from './measure.ts';
import { geometry } from './page.ts';
import { paginate, type Page } from './paginate.ts';
import { paint } from './paint.ts';

export interface PdfLayout {
  flows: PartFlow[];
  pages: Page[];
}

/** Everything up to painting: useful to tests and to the checks of `wenji check`. */
/**
 * Laid-out parts of earlier builds in this process (`wenji watch`), by a digest of everything
 * their layout depends on: when one document changes, only that document is laid out again.
 */
const partCache = new Map<string, PartFlow>();

/** Forgets laid-out parts (for measuring layout from scratch). */
export function clearLayoutCache(): void {
  partCache.clear();
}

function cached(key: unknown[], make: () => PartFlow): PartFlow {
  const digest = createHash('sha256').update(JSON.stringify(key)).digest('hex');
  let flow = partCache.get(digest);
  if (!flow) {
    flow = make();
    if (partCache.size > 200) partCache.clear();
    partCache.set(digest, flow);
  }
  return flow;
}

export function layoutBook(book: Book, fontSet: FontSet, options: WriterOptions, metrics = fontMetrics(fontSet.fonts)): PdfLayout {
  const fonts = fontSet.fonts;
  const g = geometry(options.paper, options.print);
  const ctx = { metrics, geometry: g, fonts: fontSet, images: book.images, warn: options.warn };
  const fontKey = fonts.map((f) => createHash('sha256').update(f.data).digest('hex'));
  // The apparatus prints page.line of its lemmas: laid out again once they are placed (apparatus.ts).
  return settleLineRefs(book, options.lineNumbers ?? 'page', (b) => {
    const flows = b.parts.map((p) => (options.progress?.(`laying out ${p.title}`), p.kind === 'toc'
      ? cached([fontKey, g, b.meta.title, b.meta.contentsDepth, p, b.parts.map((x) => [x.id, x.kind, x.title, x.blocks])], () => layoutToc(p, b.parts, ctx, b.meta.contentsDepth ?? 1))
      : cached([fontKey, g, b.meta.title, p], () => layoutPart(p, ctx))));
    return { flows, pages: paginate(flows, g) };
  });
}

export async function writePdf(book: Book, fontSet: FontSet, options: WriterOptions): Promise<Buffer> {
  const fonts = fontSet.fonts;
  const metrics = fontMetrics(fonts);
  const laid = layoutBook(book, fontSet, options, metrics);
  // Line numbers in the margin of documents with an apparatus (linenumbers.ts), set as artifacts.
  const mode = options.lineNumbers ?? 'page';
  const g = geometry(options.paper, options.print);
  const numbers = marginNumbers(numberLines(laid.pages, textHeadings(book), mode, partsWithLemmas(book)), mode);
  const pages = setMarginNumbers(laid.pages, numbers, g, (t) => metrics.advance(t, 'regular'));
  return paint({ pages, geometry: g, meta: book.meta, fonts, images: book.images, measure: (t, size) => metrics.advance(t, 'regular') * size });
}
