// Options every writer receives (the same signature for all formats).
import type { Diagnostic } from '../diagnostics.ts';
import type { Paper } from './pdf/page.ts';
import type { PrintedPage } from './pdf/pagemap.ts';
import type { PrintedFeed } from './printed.ts';
import type { ShareReading } from './pdf/readback.ts';

export interface WriterOptions {
  paper: Paper;
  /** Print profile: mirrored margins, documents start on right-hand pages. */
  print: boolean;
  /** Line numbers of documents with an apparatus (PDF): restarting per page, per document, or none. */
  lineNumbers?: 'page' | 'document' | 'none';
  /** Where the PDF sets the apparatus entries: in the source notes (`end`, by page.line) or at the foot of their lemma's page (`foot`, by line). */
  apparatus?: 'end' | 'foot';
  /**
   * Keep what layout made for the next build in this process (`wenji watch`): the paragraphs set,
   * so that a rebuild sets again only what changed. A one-off build keeps nothing it will not use.
   */
  incremental?: boolean;
  /** Told which part is being made, for a progress display. */
  progress?: (message: string) => void;
  /** Told of what a writer cannot render (a warning with its place); nothing is dropped silently. */
  warn?: (d: Diagnostic) => void;
  /** EPUB: the printed pages of the PDF made at the same time with this paper and profile, a part at a time as its writer lays them out (else the EPUB lays the PDF out itself). */
  printed?: PrintedFeed;
  /** PDF: told each part's printed pages once it is laid out, in book order, before they are painted, and the end of the book (for the EPUB's markers and page-list). */
  laidOut?: { part(id: string, pages: PrintedPage[]): void; end(): void };
  /** PDF's read-back: another thread that reads a share of the file's pages at the same time (the calling thread, once its own format is made). */
  shareReading?: ShareReading;
}
