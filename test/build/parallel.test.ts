// The writers run at the same time (PDF in a worker thread, EPUB in the calling one, taking the
// PDF's printed pages) and make exactly the files, warnings and errors of a build that runs them
// one after the other.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { assemble, buildAll, fonts } from '../../src/build/index.ts';
import { parallel, stopWorker, writeFormatsWith } from '../../src/build/parallel.ts';
import { DiagnosticError } from '../../src/diagnostics.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const saved = process.env.WENJI_SERIAL;
// The tests run the sources, where the worker is used only when asked.
process.env.WENJI_PARALLEL = '1';

async function buildWith(serial: boolean, out: string) {
  if (serial) process.env.WENJI_SERIAL = '1';
  else delete process.env.WENJI_SERIAL;
  try {
    expect(parallel(['epub', 'pdf'])).toBe(!serial);
    return await buildAll(ROOT, ['epub', 'pdf'], out);
  } finally {
    if (saved === undefined) delete process.env.WENJI_SERIAL;
    else process.env.WENJI_SERIAL = saved;
  }
}

afterAll(() => stopWorker());

describe('writers in parallel', () => {
  it('make the edition byte for byte as a serial build, with the same warnings', async () => {
    const a = mkdtempSync(join(tmpdir(), 'wenji-serial-'));
    const b = mkdtempSync(join(tmpdir(), 'wenji-parallel-'));
    const serial = await buildWith(true, a);
    const par = await buildWith(false, b);
    expect(par.results.map((r) => r.format)).toEqual(['epub', 'pdf']);
    for (const [i, r] of serial.results.entries()) {
      expect(r.bytes).toBeGreaterThan(10_000);
      expect(readFileSync(par.results[i].path).equals(readFileSync(r.path))).toBe(true);
    }
    expect(par.warnings).toEqual(serial.warnings);
  }, 240_000);

  it('makes the PDF in the worker and the EPUB here, giving the warnings in format order and the first error', async () => {
    const { book, options } = assemble(ROOT);
    const set = await fonts(ROOT, book);
    const warned = (format: string) => ({ severity: 'warning' as const, code: 'not-rendered' as const, message: `from ${format}` });
    // The worker runs the real writers; here the calling thread's format warns and fails.
    const seen: string[] = [];
    const make = async (format: 'epub' | 'pdf', o: { warn?: (d: ReturnType<typeof warned>) => void }) => {
      o.warn?.(warned(format));
      throw new DiagnosticError([{ severity: 'error', code: 'readback', message: `${format} failed` }]);
    };
    delete process.env.WENJI_SERIAL;
    const err = await writeFormatsWith(make, book, set, ['epub', 'pdf'], { ...options, warn: (d) => { seen.push(d.message); } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DiagnosticError);
    expect((err as DiagnosticError).diagnostics[0].message).toBe('epub failed');
    // The PDF was made in the worker (the calling thread's `make` would have warned `from pdf`).
    expect(seen).toEqual(['from epub']);
    if (saved !== undefined) process.env.WENJI_SERIAL = saved;
  }, 120_000);

  it('make a book with a character no face has: a warning, the same as a serial build, not an error of the writer in the thread', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wenji-unheld-'));
    mkdirSync(join(dir, 'corpus'));
    writeFileSync(join(dir, 'corpus', 'edition.yaml'), 'title: 缺字\nslug: book\n');
    writeFileSync(join(dir, 'corpus', 'a.md'), '# 缺字\n\n甲\u{17000}乙，乨丙。\n');
    delete process.env.WENJI_SERIAL;
    try {
      expect(parallel(['epub', 'pdf'])).toBe(true);
      const { results, warnings } = await buildAll(dir, ['epub', 'pdf'], mkdtempSync(join(tmpdir(), 'wenji-unheld-out-')));
      expect(results.map((r) => r.format)).toEqual(['epub', 'pdf']);
      expect(warnings.filter((w) => w.code === 'glyph-missing').length).toBeGreaterThanOrEqual(1);
    } finally {
      if (saved === undefined) delete process.env.WENJI_SERIAL;
      else process.env.WENJI_SERIAL = saved;
    }
  }, 120_000);
});
