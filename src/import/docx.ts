// A Word file (.docx) as a witness: converted by mammoth to HTML (headings, lists, emphasis,
// footnotes and tables as HTML elements), which the HTML reader then reads like any article,
// and which html-markdown.ts shows as Markdown for `wenji normalize`.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { fail } from '../diagnostics.ts';

const WORKER = fileURLToPath(new URL('./docx-worker.mjs', import.meta.url));

export interface DocxHtml {
  html: string;
  /** What mammoth could not convert (unknown styles, images it skipped), one line each. */
  messages: string[];
}

/** The HTML of a Word file, or a diagnostic saying why it cannot be had. */
export function docxToHtml(path: string, label = path): DocxHtml {
  try {
    return JSON.parse(execFileSync(process.execPath, [WORKER, path], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] })) as DocxHtml;
  } catch (e) {
    const why = String((e as { stderr?: string }).stderr || (e as Error).message).trim().split('\n')[0];
    fail({ code: 'source-docx', file: label, message: `cannot convert the Word file: ${why}`, hint: 'give a .docx file (Word 2007 or later); save a .doc as .docx first' });
  }
}
