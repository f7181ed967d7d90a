// Options every writer receives (the same signature for all formats).
import type { Diagnostic } from '../diagnostics.ts';
import type { Paper } from './pdf/page.ts';

export interface WriterOptions {
  paper: Paper;
  /** Print profile: mirrored margins, documents start on right-hand pages. */
  print: boolean;
  /** Told which part is being made, for a progress display. */
  progress?: (message: string) => void;
  /** Told of what a writer cannot render (a warning with its place); nothing is dropped silently. */
  warn?: (d: Diagnostic) => void;
}
