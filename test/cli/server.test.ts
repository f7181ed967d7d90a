// The build server (src/build/server.ts), as a user meets it: the child of a real `wenji build`
// stays and makes the next builds, which give the same bytes as a build without it; a bad input
// gets the same message and exit code through it; an interrupted build kills it and leaves out/
// as it was; it ends on its own when its socket is taken away. Each test has a cache folder of its
// own, so the server it starts is its own.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.ts';
import { hashes, leftovers, wenji, wenjiDone } from '../helpers/child.ts';
import { CORPUS } from '../helpers/paths.ts';
import { run } from '../helpers/run.ts';

let dir: string;
let cache: string;
let env: Record<string, string>;

/** The process id of the server whose socket is in the cache folder, if there is one. */
function serverPid(): number | undefined {
  const pid = readdirSync(cache).find((f) => f.endsWith('.sock.pid'));
  return pid ? Number(readFileSync(join(cache, pid), 'utf8')) : undefined;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until(check: () => boolean, ms: number): Promise<boolean> {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return check();
}

beforeAll(async () => {
  dir = join(mkdtempSync(join(tmpdir(), 'wenji-server-')), 'book');
  expect((await run('init', dir, '--title', '服务')).code).toBe(0);
  cache = mkdtempSync(join(tmpdir(), 'wenji-server-cache-'));
  env = { WENJI_SERVER: '1', WENJI_FONT_CACHE: cache, WENJI_SERVER_IDLE: '120' };
}, 120_000);

afterAll(() => {
  const pid = serverPid();
  if (pid && alive(pid)) process.kill(pid, 'SIGKILL');
  rmSync(cache, { recursive: true, force: true });
});

describe('the build server', () => {
  it('stays after a build and makes the next one, with the same bytes as a build without it', async () => {
    const first = await wenjiDone(['-C', dir, 'build'], env);
    expect(first.code, first.err).toBe(0);
    expect(first.out).not.toMatch(/by the build server/u);
    const pid = serverPid();
    expect(pid).toBeGreaterThan(0);
    expect(alive(pid!)).toBe(true);
    const made = hashes(join(dir, 'out'));

    const second = await wenjiDone(['-C', dir, 'build'], env);
    expect(second.code, second.err).toBe(0);
    expect(second.out).toMatch(/built in [\d.]+ s by the build server/u);
    expect(hashes(join(dir, 'out'))).toEqual(made);
    expect(serverPid()).toBe(pid);

    const out = join(dir, 'alone');
    const alone = await wenjiDone(['-C', dir, 'build', '--out', out], { ...env, WENJI_SERVER: '0' });
    expect(alone.code, alone.err).toBe(0);
    expect(hashes(out)).toEqual(made);
  }, 300_000);

  it('is free again after a connection that asked for nothing (another server looking, a command stopped at once)', async () => {
    const socket = readdirSync(cache).find((f) => f.endsWith('.sock'))!;
    await new Promise<void>((resolve, reject) => {
      const c = connect(join(cache, socket));
      c.on('connect', () => { c.destroy(); resolve(); });
      c.on('error', reject);
    });
    await new Promise((r) => setTimeout(r, 200));
    const again = await wenjiDone(['-C', dir, 'build'], env);
    expect(again.code, again.err).toBe(0);
    expect(again.out).toMatch(/by the build server/u);
  }, 300_000);

  it('gives a bad input the same message and exit code as a build without it', async () => {
    const bad = join(dir, 'corpus', 'broken.md');
    writeFileSync(bad, '---\ntitle: [unclosed\n---\n\n正文。\n');
    try {
      const served = await wenjiDone(['-C', dir, 'build', '--quiet'], env);
      const alone = await wenjiDone(['-C', dir, 'build', '--quiet'], { ...env, WENJI_SERVER: '0' });
      expect(served.code).toBe(1);
      expect(served.err).toMatch(/broken\.md:\d+:\d+/u);
      expect(served.err).toBe(alone.err);
      expect(served.code).toBe(alone.code);
      expect(served.err).not.toMatch(/\n\s+at /u);
      // The server goes on after a failed build.
      expect(alive(serverPid()!)).toBe(true);
    } finally {
      rmSync(bad);
    }
  }, 300_000);

  it('is killed when the build it makes is interrupted, and out/ stays as it was', async () => {
    // A book long enough to be stopped in the middle of its PDF.
    const paras = loadCorpus(CORPUS).flatMap((d) => d.body.split('\n').filter((l) => l.trim() && !l.startsWith('#') && !l.startsWith('<')));
    for (let i = 1; i <= 4; i++) writeFileSync(join(dir, 'corpus', `long-${i}.md`), `---\ntitle: 第${i}篇\ndate: 2025-01-0${i}\n---\n\n${paras.join('\n\n')}\n`);
    const before = hashes(join(dir, 'out'));
    const pid = serverPid()!;
    expect(alive(pid)).toBe(true);
    const child = wenji(['-C', dir, 'build'], env);
    await child.waitFor(/❯ PDF\n(› .*\n){2}/u);
    child.process.kill('SIGINT');
    const exit = await child.exit;
    expect(exit.code).toBe(130);
    expect(child.err()).toMatch(/^wenji: interrupted by SIGINT; \S*out\/ was left as it was\n$/u);
    expect(hashes(join(dir, 'out'))).toEqual(before);
    expect(leftovers(dir)).toEqual([]);
    expect(await until(() => !alive(pid), 2000)).toBe(true);

    // The next build makes its own child, which becomes the server.
    const next = await wenjiDone(['-C', dir, 'build', '--quiet'], env);
    expect(next.code, next.err).toBe(0);
    expect(hashes(join(dir, 'out'))).not.toEqual(before);
    for (let i = 1; i <= 4; i++) rmSync(join(dir, 'corpus', `long-${i}.md`));
  }, 300_000);

  it('ends when its socket is taken away (the cache folder cleared)', async () => {
    if (!serverPid()) expect((await wenjiDone(['-C', dir, 'build', '--quiet'], env)).code).toBe(0);
    const pid = serverPid()!;
    expect(alive(pid)).toBe(true);
    for (const f of readdirSync(cache)) if (f.startsWith('server-')) rmSync(join(cache, f));
    expect(await until(() => !alive(pid), 15_000)).toBe(true);
  }, 60_000);
});
