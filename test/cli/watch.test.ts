// `wenji watch` goes on when corpus/ is deleted (a failed build, the previous files kept) and
// builds again when it is put back; a rebuild sees a one-character edit.
import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { watchProject } from '../../src/cli/watch.ts';
import { tempProject } from '../helpers/project.ts';

describe('watch', () => {
  it('survives corpus/ being deleted and restored, and rebuilds after an edit', async () => {
    const dir = tempProject();
    const builds: string[] = [];
    let next: () => void = () => {};
    const w = watchProject(dir, {
      formats: ['epub', 'pdf'], outDir: join(dir, 'out'), writer: {},
      onBuild: ({ results, error }) => { builds.push(results ? 'ok' : 'failed'); next(); },
    });
    const built = () => new Promise<void>((r) => { next = r; });
    await w.ready;
    const pdf = join(dir, 'out', 'zhong-e-lianhe-shengming-2023-2025.pdf');
    const first = readFileSync(pdf);
    const aside = join(mkdtempSync(join(tmpdir(), 'wenji-aside-')), 'corpus');
    cpSync(join(dir, 'corpus'), aside, { recursive: true });
    let b = built();
    rmSync(join(dir, 'corpus'), { recursive: true, force: true });
    await b;
    expect(builds).toEqual(['ok', 'failed']);
    expect(readFileSync(pdf).equals(first)).toBe(true);
    b = built();
    renameSync(aside, join(dir, 'corpus'));
    await b;
    // Changes that come in a burst may make more than one build; the last one is good.
    while (builds.at(-1) !== 'ok') { b = built(); await b; }
    const before = statSync(pdf).mtimeMs;
    b = built();
    const file = join(dir, 'corpus', '2025-05-08-international-law.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('双方强调，根据习惯国际法', '双方重申，根据习惯国际法'));
    await b;
    await w.close();
    expect(builds.at(-1)).toBe('ok');
    expect(statSync(pdf).mtimeMs).toBeGreaterThan(before);
    expect(readFileSync(pdf).equals(first)).toBe(false);
  }, 240_000);
});
