// Interrupted builds: SIGINT and SIGTERM sent to a real `wenji build` at several moments (during
// assembly, during fonts, in the middle of the PDF of a larger book) end it within two seconds,
// with one line saying so and exit code 130/143, and leave out/ byte for byte as it was, with no
// temporary file.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { loadCorpus } from '../../src/corpus/load.ts';
import { hashes, leftovers, wenji, wenjiDone } from '../helpers/child.ts';
import { CORPUS } from '../helpers/paths.ts';
import { run } from '../helpers/run.ts';

/** A new project of four long documents (each all the paragraphs of the real corpus). */
async function largerBook(): Promise<string> {
  const dir = join(mkdtempSync(join(tmpdir(), 'wenji-big-')), 'book');
  expect((await run('init', dir, '--title', '长书')).code).toBe(0);
  const paras = loadCorpus(CORPUS).flatMap((d) => d.body.split('\n').filter((l) => l.trim() && !l.startsWith('#') && !l.startsWith('<')));
  for (let i = 1; i <= 4; i++) {
    writeFileSync(join(dir, 'corpus', `part-${i}.md`), `---\ntitle: 第${i}篇\ndate: 2025-01-0${i}\n---\n\n${paras.join('\n\n')}\n`);
  }
  return dir;
}

let dir: string;
let before: Record<string, string>;

beforeAll(async () => {
  dir = await largerBook();
  const first = await wenjiDone(['-C', dir, 'build', '--quiet']);
  expect(first.code, first.err).toBe(0);
  // The document changed after the first build, so that a build that was not stopped would change out/.
  const file = join(dir, 'corpus', 'part-1.md');
  writeFileSync(file, readFileSync(file, 'utf8').replace('第1篇', '第一篇'));
  before = hashes(join(dir, 'out'));
  expect(Object.keys(before).sort()).toEqual(['SHA256SUMS', 'book.epub', 'book.pdf']);
}, 600_000);

const MOMENTS: { name: string; signal: 'SIGINT' | 'SIGTERM'; after: RegExp }[] = [
  { name: 'while the corpus is read', signal: 'SIGTERM', after: /❯ Corpus and templates/u },
  { name: 'while the fonts are subset', signal: 'SIGINT', after: /❯ Fonts/u },
  { name: 'while the EPUB is made', signal: 'SIGTERM', after: /❯ EPUB/u },
  { name: 'in the middle of the PDF', signal: 'SIGINT', after: /❯ PDF\n(› .*\n){3}/u },
  { name: 'in the middle of the PDF', signal: 'SIGTERM', after: /❯ PDF\n(› .*\n){6}/u },
];

describe('a build interrupted', () => {
  for (const m of MOMENTS) {
    it(`by ${m.signal} ${m.name} stops within 2 s and leaves out/ as it was`, async () => {
      const child = wenji(['-C', dir, 'build']);
      await child.waitFor(m.after);
      const sent = performance.now();
      child.process.kill(m.signal);
      const exit = await child.exit;
      expect(exit.at - sent, 'time from the signal to the exit (ms)').toBeLessThan(2000);
      expect(exit.code).toBe(m.signal === 'SIGINT' ? 130 : 143);
      expect(child.out()).not.toMatch(/built in/u);
      expect(child.err()).toMatch(new RegExp(`^wenji: interrupted by ${m.signal}; \\S*out/ was left as it was\n$`, 'u'));
      expect(hashes(join(dir, 'out'))).toEqual(before);
      expect(leftovers(dir)).toEqual([]);
    }, 300_000);
  }

  it('a build let run to the end does change out/ (so the cases above can fail)', async () => {
    const r = await wenjiDone(['-C', dir, 'build', '--quiet']);
    expect(r.code, r.err).toBe(0);
    const after = hashes(join(dir, 'out'));
    expect(after['book.pdf']).not.toBe(before['book.pdf']);
    expect(after['book.epub']).not.toBe(before['book.epub']);
    expect(leftovers(dir)).toEqual([]);
  }, 300_000);
});
