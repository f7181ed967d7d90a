// The compiled package (scripts/compile.mjs → a bundle of JavaScript, with the files the code
// reads) runs without a compiler and makes the same files as the TypeScript sources.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
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

  it('holds the entries of every process and thread, and every file the code reads beside them', () => {
    for (const f of ['cli/main.js', 'cli/signals.js', 'build/worker.js', 'build/parallel-worker.js']) expect(existsSync(join(ROOT, OUT, f))).toBe(true);
    expect(existsSync(join(ROOT, OUT, 'cli', 'main.ts'))).toBe(false);
    for (const f of ['writers/epub/style.css', 'writers/epub/templates/content.opf.ejs', 'edition/example/example.md', 'edition/default-templates/document.md', 'import/docx-worker.mjs', 'build/worker-boot.mjs', 'build/parallel-boot.mjs']) {
      expect(readFileSync(join(ROOT, OUT, f))).toEqual(readFileSync(join(ROOT, 'src', f)));
    }
  });

  it('imports only its own files, node\'s built-ins and installed packages, never TypeScript', () => {
    const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.js') ? [join(dir, e.name)] : []));
    const all = files(join(ROOT, OUT));
    // The bundle is a few files, not one per module of src/.
    expect(all.length).toBeLessThan(80);
    let seen = 0;
    for (const file of all) {
      const code = readFileSync(file, 'utf8');
      // The bundle's own import statements (esbuild writes each at the start of a line, `from "x";`), and its imports of its chunks.
      const statements = [...code.matchAll(/^(?:import|export)\b[^;]*?"([^"]+)";$/gmu)].map((m) => m[1]);
      const chunks = [...code.matchAll(/\bimport\("(\.[^"]+)"\)/gu)].map((m) => m[1]);
      const specs = [...statements, ...chunks];
      seen += specs.length;
      for (const spec of specs) {
        expect(spec, `${file} imports ${spec}`).not.toMatch(/\.ts$/u);
        if (spec.startsWith('.')) expect(existsSync(join(dirname(file), spec)), `${file} imports ${spec}`).toBe(true);
        else if (!spec.startsWith('node:') && !builtinModules.includes(spec)) expect(() => createRequire(file).resolve(spec), `${file} imports ${spec}`).not.toThrow();
      }
    }
    expect(seen).toBeGreaterThan(all.length);
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
