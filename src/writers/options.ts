// Options every writer receives (the same signature for all formats).
import type { Diagnostic } from '../diagnostics.ts';
import type { Paper } from './pdf/page.ts';

export interface WriterOptions {
  paper: Paper;
  /** Print profile: mirrored margins, documents start on right-hand pages. */
  print: boolean;
  /** Line numbers of documents with an apparatus (PDF): restarting per page, per document, or none. */
  lineNumbers?: 'page' | 'document' | 'none';
  /** Told which part is being made, for a progress display. */
  progress?: (message: string) => void;
  /** Told of what a writer cannot render (a warning with its place); nothing is dropped silently. */
  warn?: (d: Diagnostic) => void;
}
