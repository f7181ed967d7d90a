import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeAll } from '../../src/import/transaction.ts';
import { DiagnosticError } from '../../src/diagnostics.ts';

describe('import writes the corpus as one transaction', () => {
  it('writes every file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wenji-tx-'));
    writeFileSync(join(dir, 'a.md'), 'old a');
    writeAll([{ path: join(dir, 'a.md'), content: 'new a' }, { path: join(dir, 'b.md'), content: 'new b' }]);
    expect([readFileSync(join(dir, 'a.md'), 'utf8'), readFileSync(join(dir, 'b.md'), 'utf8')]).toEqual(['new a', 'new b']);
    expect(readdirSync(dir).sort()).toEqual(['a.md', 'b.md']);
  });

  it('puts back what it replaced when a later file cannot be written, and leaves no temporary file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wenji-tx-'));
    writeFileSync(join(dir, 'a.md'), 'old a');
    writeFileSync(join(dir, 'c.md'), 'old c');
    // b.md is a folder: the rename onto it fails after a.md was already replaced.
    mkdirSync(join(dir, 'b.md'));
    mkdirSync(join(dir, 'b.md', 'x'));
    let error: unknown;
    try {
      writeAll([{ path: join(dir, 'a.md'), content: 'new a' }, { path: join(dir, 'b.md'), content: 'new b' }, { path: join(dir, 'c.md'), content: 'new c' }]);
    } catch (e) { error = e; }
    expect(error).toBeInstanceOf(DiagnosticError);
    expect((error as DiagnosticError).diagnostics[0]).toMatchObject({ code: 'output-unwritable', message: expect.stringContaining('the corpus was left as it was') });
    expect([readFileSync(join(dir, 'a.md'), 'utf8'), readFileSync(join(dir, 'c.md'), 'utf8')]).toEqual(['old a', 'old c']);
    expect(readdirSync(dir).sort()).toEqual(['a.md', 'b.md', 'c.md']);
  });
});
