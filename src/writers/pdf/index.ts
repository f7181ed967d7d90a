// PDF writer: book → print-ready PDF. The stages, each a module of its own and none importing a
// later one: measure (fonts) → items (Chinese rules) → linebreak (Knuth–Plass) → setline →
// layout (blocks) → paginate → paint (pdfkit).
import type { SubsetFont } from '../../fonts/index.ts';
import type { Book } from '../../model/types.ts';
import type { WriterOptions } from '../options.ts';
import type { PartFlow } from './flow.ts';
import { layoutPart, layoutToc } from './layout.ts';
import { fontMetrics } from './measure.ts';
import { geometry } from './page.ts';
import { paginate, type Page } from './paginate.ts';
import { paint } from './paint.ts';

export interface PdfLayout {
  flows: PartFlow[];
  pages: Page[];
}

/** Everything up to painting: useful to tests and to the checks of `wenji check`. */
export function layoutBook(book: Book, fonts: SubsetFont[], options: WriterOptions): PdfLayout {
  const metrics = fontMetrics(fonts);
  const g = geometry(options.paper, options.print);
  const ctx = { metrics, geometry: g };
  const flows = book.parts.map((p) => (p.kind === 'toc' ? layoutToc(p, book.parts, ctx, book.meta.title) : layoutPart(p, ctx, book.meta.title)));
  return { flows, pages: paginate(flows, g) };
}

export async function writePdf(book: Book, fonts: SubsetFont[], options: WriterOptions): Promise<Buffer> {
  const metrics = fontMetrics(fonts);
  const { pages } = layoutBook(book, fonts, options);
  return paint({ pages, geometry: geometry(options.paper, options.print), meta: book.meta, fonts, measure: (t, size) => metrics.advance(t, 'regular') * size });
}
