// `wenji import` writes the corpus as one transaction: all files or none, after an error at any
// file, and after a kill at any moment (the next command finishes a commit that was journaled).
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeAll } from '../../src/import/transaction.ts';
import { DiagnosticError } from '../../src/diagnostics.ts';
import { leftovers, wenji } from '../helpers/child.ts';
import { CORPUS } from '../helpers/paths.ts';
import { snapshot, tempProject } from '../helpers/project.ts';
import { run } from '../helpers/run.ts';

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

  it('writes nothing when a later file cannot be written (an error in the middle)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wenji-tx-'));
    writeFileSync(join(dir, 'a.md'), 'old a');
    let error: unknown;
    try {
      writeAll([{ path: join(dir, 'a.md'), content: 'new a' }, { path: join(dir, 'missing', 'b.md'), content: 'new b' }]);
    } catch (e) { error = e; }
    expect((error as DiagnosticError).diagnostics[0]).toMatchObject({ code: 'output-unwritable', message: 'cannot write b.md (ENOENT); the corpus was left as it was' });
    expect(readFileSync(join(dir, 'a.md'), 'utf8')).toBe('old a');
    expect(readdirSync(dir)).toEqual(['a.md']);
  });
});

describe('import killed with SIGKILL at random moments', () => {
  it('leaves the corpus as it was or wholly as established, once the next command has run', async () => {
    const dir = tempProject();
    const corpus = join(dir, 'corpus');
    const established = snapshot(CORPUS);
    // Three documents changed by hand: import puts all three back as established.
    const docs = readdirSync(corpus).filter((n) => n.endsWith('.md')).slice(0, 3);
    expect(docs).toHaveLength(3);
    const seen = { old: 0, new: 0 };
    const started = performance.now();
    let full = 0;
    for (let i = 0; i < 8; i++) {
      for (const d of docs) writeFileSync(join(corpus, d), `${readFileSync(join(CORPUS, d), 'utf8')}\n<!-- changed by hand ${i} -->\n`);
      const old = snapshot(corpus);
      const child = wenji(['-C', dir, 'import']);
      if (i === 0) {
        expect((await child.exit).code, child.err()).toBe(0);
        expect(snapshot(corpus)).toEqual(established);
        full = performance.now() - started;
        continue;
      }
      await Promise.race([child.exit, new Promise((r) => setTimeout(r, full * (0.5 + Math.random() * 0.7)))]);
      child.process.kill('SIGKILL');
      await child.exit;
      await run('-C', dir, 'import', '--check');
      const now = snapshot(corpus);
      const state = JSON.stringify(now) === JSON.stringify(old) ? 'old' : JSON.stringify(now) === JSON.stringify(established) ? 'new' : 'mixed';
      expect(state).not.toBe('mixed');
      seen[state as 'old' | 'new']++;
      expect(leftovers(dir)).toEqual([]);
    }
    console.log(`7 imports killed: ${seen.old} left the corpus as it was, ${seen.new} as established`);
  }, 900_000);
});
