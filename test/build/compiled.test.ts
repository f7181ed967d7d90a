// The compiled package (scripts/compile.mjs → JavaScript, with the files the code reads) runs
// without a compiler and makes the same files as the TypeScript sources.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../helpers/run.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const OUT = `.dist-test-${process.pid}`;
const work = mkdtempSync(join(tmpdir(), 'wenji-compiled-'));

/** Runs the compiled command line (no tsx loaded) and returns what it printed. */
function compiled(...args: string[]): string {
  const script = `const { main } = await import(${JSON.stringify(join(ROOT, OUT, 'cli', 'main.js'))}); process.exitCode = await main(['node', 'wenji', ...${JSON.stringify(args)}]);`;
  return execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env: { ...process.env, WENJI_QUIET: '1' } });
}

describe('compiled package', () => {
  beforeAll(() => {
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'compile.mjs'), '--out', OUT], { stdio: 'pipe' });
  }, 120_000);
  afterAll(() => { rmSync(join(ROOT, OUT), { recursive: true, force: true }); rmSync(work, { recursive: true, force: true }); });

  it('holds JavaScript only where the sources have TypeScript, and every other file beside it', () => {
    expect(existsSync(join(ROOT, OUT, 'cli', 'main.js'))).toBe(true);
    expect(existsSync(join(ROOT, OUT, 'cli', 'main.ts'))).toBe(false);
    expect(readFileSync(join(ROOT, OUT, 'cli', 'main.js'), 'utf8')).not.toMatch(/from '[^']+\.ts'/u);
    for (const f of ['writers/epub/style.css', 'writers/epub/templates/content.opf.ejs', 'edition/example/example.md', 'edition/default-templates/document.md', 'import/docx-worker.mjs']) {
      expect(readFileSync(join(ROOT, OUT, f))).toEqual(readFileSync(join(ROOT, 'src', f)));
    }
  });

  it('starts a project and builds it to the same bytes as the sources do', async () => {
    const project = join(work, 'book');
    compiled('init', project, '--title', '试印');
    compiled('-C', project, 'build', '--out', join(work, 'compiled'));
    expect((await run('-C', project, 'build', '--quiet', '--out', join(work, 'sources'))).code).toBe(0);
    for (const ext of ['epub', 'pdf']) {
      const made = readFileSync(join(work, 'compiled', `book.${ext}`));
      expect(made.length).toBeGreaterThan(1000);
      expect(made.equals(readFileSync(join(work, 'sources', `book.${ext}`)))).toBe(true);
    }
  }, 120_000);

  it('prints its help', () => {
    expect(compiled('--help')).toContain('build');
  });
});
