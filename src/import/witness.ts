// What a reader makes of one witness file: raw blocks with their source lines, before any
// structure is recognised. Text in blocks is not yet normalized, so that later steps can still
// see the layout (spaces between signature columns, letter-spaced titles).

export type WitnessKind = 'ocr' | 'text' | 'html' | 'markdown' | 'docx';

export const WITNESS_KINDS: readonly WitnessKind[] = ['ocr', 'text', 'html', 'markdown', 'docx'];

/** One physical line of a source file (1-based line number). */
export interface SourceLine {
  text: string;
  line: number;
}

export type RawBlock =
  /** A document title as the witness prints it. */
  | { type: 'title'; text: string; line: number }
  /** The headline a reposting site put over the text: not the document's own title. */
  | { type: 'headline'; text: string; line: number }
  /** A section numeral standing alone (`一`, `## 四`). */
  | { type: 'section'; numeral: string; line: number }
  /** A paragraph, or a block of short lines such as a signature block. */
  | { type: 'para'; lines: SourceLine[] }
  /** A newspaper continuation mark: the text goes on (`to`) or came from (`from`) another page. */
  | { type: 'continuation'; direction: 'from' | 'to'; page: string; mark: string; line: number };

/** Something a reader removed from the witness because it is not the document. */
export interface Removal {
  what: string;
  count: number;
  examples: string[];
}

export interface ReadResult {
  blocks: RawBlock[];
  removed: Removal[];
}

/** Adds one removed item to a tally kept by kind. */
export function tally(removed: Removal[], what: string, example: string, count = 1): void {
  if (count <= 0) return;
  let entry = removed.find((r) => r.what === what);
  if (!entry) removed.push((entry = { what, count: 0, examples: [] }));
  entry.count += count;
  const short = example.trim().slice(0, 40);
  if (short && entry.examples.length < 3 && !entry.examples.includes(short)) entry.examples.push(short);
}
