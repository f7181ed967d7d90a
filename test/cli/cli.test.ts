// The command line as a user meets it: help, init, watch, its folders, output that is never half
// written (interrupted builds: interrupt.test.ts; kills and full disks: test/build/publish.test.ts).
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { watchProject } from '../../src/cli/watch.ts';
import { tempProject } from '../helpers/project.ts';
import { run } from '../helpers/run.ts';

describe('help', () => {
  it('explains every command, with examples', async () => {
    const r = await run('--help');
    for (const c of ['import', 'normalize', 'build', 'watch', 'init', 'check']) expect(r.out).toContain(c);
    for (const c of ['build', 'check', 'watch', 'init', 'import', 'normalize']) {
      const h = await run(c, '--help');
      expect(h.code, c).toBe(0);
      expect(h.out, c).toMatch(/Example/u);
    }
    expect((await run('build', '--help')).out).toMatch(/--paper <size>.*\n?.*choices: "A5", "A4", "B5", "16K"/u);
  });

  it('a wrong option value is a usage error (exit 2)', async () => {
    expect((await run('build', '--paper', 'A3')).code).toBe(2);
    expect((await run('build', '--document', 'no-such-document')).code).toBe(2);
  });
});

describe('init', () => {
  it('starts a project that builds at once, with no warning', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'wenji-init-')), 'My Book');
    expect((await run('init', dir, '--title', '测试文集')).code).toBe(0);
    const r = await run('-C', dir, 'build', '--quiet', '--strict');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['SHA256SUMS', 'my-book.epub', 'my-book.pdf']);
    expect((await run('init', dir)).code).toBe(2);
  });
});

describe('watch', () => {
  it('rebuilds when a document changes', async () => {
    const dir = tempProject();
    const builds: string[] = [];
    let resolveNext: () => void = () => {};
    const w = watchProject(dir, {
      formats: ['epub'], outDir: join(dir, 'out'), writer: {},
      onBuild: ({ results, error }) => { builds.push(results ? 'ok' : String(error)); resolveNext(); },
    });
    await w.ready;
    expect(builds).toEqual(['ok']);
    const next = new Promise<void>((r) => { resolveNext = r; });
    const file = join(dir, 'corpus', '2025-05-08-international-law.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('双方强调，根据习惯国际法', '双方重申，根据习惯国际法'));
    await next;
    await w.close();
    expect(builds).toEqual(['ok', 'ok']);
    const epub = readFileSync(join(dir, 'out', 'zhong-e-lianhe-shengming-2023-2025.epub'));
    expect(epub.length).toBeGreaterThan(100_000);
  });
});

describe('output', () => {
  it('an output folder that cannot be created is a clear error, and nothing is written', async () => {
    const dir = tempProject();
    writeFileSync(join(dir, 'out'), 'a file where the folder should be');
    const r = await run('-C', dir, 'build', '--out', 'out/sub', '--format', 'epub');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/out\/sub: error: cannot write zhong-e-lianhe-shengming-2023-2025\.epub here \((ENOTDIR|EEXIST)\); the folder was left as it was \[output-unwritable\]/u);
  });

  it('out/<slug>.epub being a folder is one message with a hint, and out/ is left as it was', async () => {
    const dir = tempProject();
    mkdirSync(join(dir, 'out', 'zhong-e-lianhe-shengming-2023-2025.epub'), { recursive: true });
    writeFileSync(join(dir, 'out', 'zhong-e-lianhe-shengming-2023-2025.epub', 'mine.txt'), 'kept');
    const r = await run('-C', dir, 'build', '--format', 'epub', '--quiet');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^\S+zhong-e-lianhe-shengming-2023-2025\.epub: error: zhong-e-lianhe-shengming-2023-2025\.epub is a folder where the build must write a file; nothing was written \[output-unwritable\]\n {2}hint: move or remove the folder/u);
    expect(r.err.split('\n')).toHaveLength(2);
    expect(readdirSync(join(dir, 'out'))).toEqual(['zhong-e-lianhe-shengming-2023-2025.epub']);
  });
});

describe('project and corpus folders', () => {
  it('-C naming a folder that does not exist names it', async () => {
    const r = await run('-C', '/no/such/wenji-project', 'build');
    expect(r.code).toBe(2);
    expect(r.err).toBe('/no/such/wenji-project: error: the project folder /no/such/wenji-project does not exist or is not a folder [usage]\n  hint: give -C the folder that holds corpus/ (or make one with wenji init)');
  });

  it('--corpus is found from the project folder (-C), not from the working directory', async () => {
    const dir = tempProject();
    renameSync(join(dir, 'corpus'), join(dir, 'texts'));
    const r = await run('-C', dir, 'build', '--corpus', 'texts', '--format', 'epub', '--quiet');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(existsSync(join(dir, 'out', 'zhong-e-lianhe-shengming-2023-2025.epub'))).toBe(true);
  });
});
