// One reader per kind of witness; the table is the whole list.
import type { ReadResult, WitnessKind } from '../witness.ts';
import { readHtml } from './html.ts';
import { readMarkdown } from './markdown.ts';
import { readOcr } from './ocr.ts';
import { readText } from './text.ts';

export type Reader = (text: string, file: string) => ReadResult;

export const READERS: Record<WitnessKind, Reader> = {
  ocr: readOcr,
  text: readText,
  html: readHtml,
  markdown: readMarkdown,
  // A Word file is read in the HTML mammoth makes of it (src/import/docx.ts).
  docx: readHtml,
};
