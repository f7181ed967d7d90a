// Options every writer receives (the same signature for all formats).
import type { Paper } from './pdf/page.ts';

export interface WriterOptions {
  paper: Paper;
  /** Print profile: mirrored margins, documents start on right-hand pages. */
  print: boolean;
  /** Told which part is being made, for a progress display. */
  progress?: (message: string) => void;
}
