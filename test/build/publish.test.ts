// Publishing an edition as a whole: the EPUB, the PDF and the SHA256SUMS manifest of every
// edition in the folder appear together or not at all — after an error, a full disk, a read-only
// folder, or a kill at any moment (the next command finishes a journaled commit).
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkOutDir, manifest, MANIFEST, publish, verifyManifest } from '../../src/build/publish.ts';
import { DiagnosticError } from '../../src/diagnostics.ts';
import { commitMoves, JOURNAL, recover } from '../../src/fsutil.ts';
import { hashes, leftovers, wenji, wenjiDone } from '../helpers/child.ts';
import { run } from '../helpers/run.ts';

const temp = (tag: string) => mkdtempSync(join(tmpdir(), `wenji-${tag}-`));
const bytes = (s: string) => new Uint8Array(Buffer.from(s));
const edition = (slug: string, text: string) => ({ slug, files: [{ format: 'epub' as const, data: bytes(`epub ${text}`) }, { format: 'pdf' as const, data: bytes(`pdf ${text}`) }] });

/** The manifest checked as `sha256sum -c` checks it: every line's file has that hash. */
function verify(dir: string): string[] {
  const lines = readFileSync(join(dir, MANIFEST), 'utf8').trimEnd().split('\n');
  return lines.map((line) => {
    const m = /^([0-9a-f]{64}) {2}(.+)$/u.exec(line);
    expect(m, line).not.toBeNull();
    expect(createHash('sha256').update(readFileSync(join(dir, m![2]))).digest('hex'), m![2]).toBe(m![1]);
    return m![2];
  });
}

/** `sha256sum -c` itself, where coreutils are installed. */
function sha256sumCheck(dir: string): void {
  if (spawnSync('sha256sum', ['--version']).status !== 0) { console.warn('sha256sum not installed: the manifest is checked by the test alone'); return; }
  execFileSync('sha256sum', ['--check', '--strict', '--quiet', MANIFEST], { cwd: dir });
}

/** The pid of a process that has ended. */
const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid!;

/** Captures the DiagnosticError a function throws. */
function failure(f: () => unknown): DiagnosticError {
  try { f(); } catch (e) { if (e instanceof DiagnosticError) return e; throw e; }
  throw new Error('no error was thrown');
}

describe('publish', () => {
  it('writes the files and a manifest that sha256sum -c accepts, listing every edition of the folder', () => {
    const out = temp('pub');
    publish(out, [edition('a', '1')]);
    expect(verify(out)).toEqual(['a.epub', 'a.pdf']);
    publish(out, [edition('b', '1')]);
    expect(verify(out)).toEqual(['a.epub', 'a.pdf', 'b.epub', 'b.pdf']);
    publish(out, [edition('a', '2')]);
    expect(verify(out)).toEqual(['a.epub', 'a.pdf', 'b.epub', 'b.pdf']);
    expect(readFileSync(join(out, 'a.pdf'), 'utf8')).toBe('pdf 2');
    sha256sumCheck(out);
    expect(readdirSync(out).sort()).toEqual(['SHA256SUMS', 'a.epub', 'a.pdf', 'b.epub', 'b.pdf']);
  });

  it('wenji check finds a built file changed after the build, or missing', () => {
    const out = temp('pub');
    publish(out, [edition('a', '1')]);
    expect(verifyManifest(out)).toEqual([]);
    writeFileSync(join(out, 'a.pdf'), 'changed by hand');
    rmSync(join(out, 'a.epub'));
    expect(verifyManifest(out, 'out').map((d) => `${d.file}:${d.line}: ${d.message}`)).toEqual(['out/SHA256SUMS:1: a.epub is listed but missing', 'out/SHA256SUMS:2: a.pdf does not match its checksum: it was changed after the build']);
  });

  it('marks a folder outside the project so that it may be named again', () => {
    const out = temp('pub');
    publish(out, [edition('a', '1')], true);
    expect(readFileSync(join(out, '.wenji'), 'utf8')).toMatch(/wenji/u);
  });

  it('escapes names as sha256sum does', () => {
    const out = temp('pub');
    writeFileSync(join(out, 'x\\y.pdf'), 'odd');
    const text = manifest(out, new Map());
    expect(text).toBe(`\\${createHash('sha256').update('odd').digest('hex')}  x\\\\y.pdf\n`);
    writeFileSync(join(out, MANIFEST), text);
    sha256sumCheck(out);
  });

  it('refuses a folder where a file must go, with a hint, and changes nothing', () => {
    const out = temp('pub');
    publish(out, [edition('a', '1')]);
    const before = hashes(out);
    rmSync(join(out, 'a.pdf'));
    mkdirSync(join(out, 'a.pdf'));
    writeFileSync(join(out, 'a.pdf', 'inside'), 'x');
    const e = failure(() => publish(out, [edition('a', '2')]));
    expect(e.diagnostics).toHaveLength(1);
    expect(e.message).toMatch(/a\.pdf: error: a\.pdf is a folder where the build must write a file; nothing was written \[output-unwritable\]\n {2}hint: move or remove the folder a\.pdf/u);
    expect(readFileSync(join(out, 'a.epub'), 'utf8')).toBe('epub 1');
    expect(hashes(out)['a.epub']).toBe(before['a.epub']);
    expect(leftovers(out)).toEqual([]);
  });
});

describe('a disk that fails', () => {
  /** A small file system of its own (tmpfs), where the system lets this user mount one. */
  function smallDisk(options: string): string | undefined {
    const dir = temp('disk');
    if (spawnSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir]).status !== 0) return undefined;
    return dir;
  }
  const unmount = (dir: string) => spawnSync('umount', [dir]);

  it('a full disk gives one message and leaves the folder as it was', (ctx) => {
    const disk = smallDisk('size=256k');
    if (!disk) { ctx.skip('cannot mount a small tmpfs here (needs root): the full-disk case is not tested'); return; }
    try {
      publish(disk, [edition('a', 'old')]);
      const before = hashes(disk);
      const big = { slug: 'a', files: [{ format: 'epub' as const, data: new Uint8Array(200 * 1024).fill(1) }, { format: 'pdf' as const, data: new Uint8Array(200 * 1024).fill(2) }] };
      const e = failure(() => publish(disk, [big]));
      expect(e.diagnostics).toHaveLength(1);
      expect(e.message).toMatch(/error: cannot write a\.(epub|pdf) here \(the disk is full\); the folder was left as it was \[output-unwritable\]/u);
      expect(hashes(disk)).toEqual(before);
      expect(leftovers(disk)).toEqual([]);
    } finally {
      unmount(disk);
    }
  });

  it('a read-only folder gives one message and leaves the folder as it was', (ctx) => {
    const disk = smallDisk('size=1m');
    if (!disk) { ctx.skip('cannot mount a tmpfs here (needs root): the read-only case is not tested'); return; }
    try {
      publish(disk, [edition('a', 'old')]);
      const before = hashes(disk);
      expect(spawnSync('mount', ['-o', 'remount,ro', disk]).status).toBe(0);
      const e = failure(() => publish(disk, [edition('a', 'new')]));
      expect(e.diagnostics).toHaveLength(1);
      expect(e.message).toMatch(/error: cannot write .* here \(no permission to write \(EROFS\)\); the folder was left as it was \[output-unwritable\]/u);
      expect(hashes(disk)).toEqual(before);
    } finally {
      unmount(disk);
    }
  });
});

describe('a commit killed midway', () => {
  /** The state a kill leaves after `done` of the renames of a journaled commit. */
  function killedAfter(done: number): string {
    const out = temp('journal');
    publish(out, [edition('a', 'old')]);
    const stage = join(out, `.wenji-stage-${deadPid()}`);
    mkdirSync(stage);
    const next = { 'a.epub': 'epub new', 'a.pdf': 'pdf new' } as Record<string, string>;
    for (const [name, text] of Object.entries(next)) writeFileSync(join(stage, name), text);
    writeFileSync(join(stage, MANIFEST), Object.entries(next).map(([n, t]) => `${createHash('sha256').update(t).digest('hex')}  ${n}\n`).join(''));
    const moves = ['a.epub', 'a.pdf', MANIFEST].map((n) => [join(stage, n).slice(out.length + 1), n]);
    writeFileSync(join(out, JOURNAL), JSON.stringify({ pid: Number(stage.split('-').at(-1)), moves }));
    for (const [from, to] of moves.slice(0, done)) renameSync(join(out, from), join(out, to));
    return out;
  }

  for (const done of [0, 1, 2, 3]) {
    it(`after ${done} of 3 renames is finished by the next run`, () => {
      const out = killedAfter(done);
      recover(out);
      expect(verify(out)).toEqual(['a.epub', 'a.pdf']);
      expect(readFileSync(join(out, 'a.pdf'), 'utf8')).toBe('pdf new');
      expect(readdirSync(out).sort()).toEqual(['SHA256SUMS', 'a.epub', 'a.pdf']);
    });
  }

  it('is finished by any command of the command line, before it does anything else', async () => {
    const root = temp('journal-root');
    mkdirSync(join(root, 'corpus'));
    renameSync(killedAfter(1), join(root, 'out'));
    await run('-C', root, 'check', '--no-built');
    expect(verify(join(root, 'out'))).toEqual(['a.epub', 'a.pdf']);
    expect(leftovers(root)).toEqual([]);
  });

  it('a staging folder of a run killed before its journal is removed, and the old files stay', () => {
    const out = temp('journal');
    publish(out, [edition('a', 'old')]);
    const before = hashes(out);
    const stage = join(out, `.wenji-stage-${deadPid()}`);
    mkdirSync(stage);
    writeFileSync(join(stage, 'a.epub'), 'half');
    recover(out);
    expect(hashes(out)).toEqual(before);
  });

  it('a rename that fails puts back the files already replaced', () => {
    const dir = temp('commit');
    writeFileSync(join(dir, 'a'), 'old a');
    mkdirSync(join(dir, 'b'));
    writeFileSync(join(dir, 'b', 'x'), 'a folder in the way');
    writeFileSync(join(dir, '.a.new'), 'new a');
    writeFileSync(join(dir, '.b.new'), 'new b');
    expect(() => commitMoves(dir, [{ from: join(dir, '.a.new'), to: join(dir, 'a') }, { from: join(dir, '.b.new'), to: join(dir, 'b') }])).toThrow();
    expect(readFileSync(join(dir, 'a'), 'utf8')).toBe('old a');
    expect(existsSync(join(dir, JOURNAL))).toBe(false);
    expect(leftovers(dir)).toEqual([]);
  });
});

describe('out/ after a build killed with SIGKILL at random moments', () => {
  it('always holds a matching pair: the old one or the new one, and the manifest verifies', async () => {
    const dir = join(temp('kill9'), 'book');
    expect((await run('init', dir, '--title', '杀')).code).toBe(0);
    const doc = join(dir, 'corpus', 'example.md');
    const text = readFileSync(doc, 'utf8');
    const started = performance.now();
    const first = await wenjiDone(['-C', dir, 'build', '--quiet']);
    expect(first.code, first.err).toBe(0);
    const full = performance.now() - started;
    const out = join(dir, 'out');
    let pair = hashes(out);
    const seen = { old: 0, new: 0 };
    for (let i = 0; i < 20; i++) {
      writeFileSync(doc, text.replace('这是一篇示例文件', `这是第${i}次改过的示例文件`));
      const child = wenji(['-C', dir, 'build', '--quiet']);
      // Mostly late in the build, where the files are written, sometimes anywhere.
      const delay = full * (i % 4 === 0 ? Math.random() : 0.6 + Math.random() * 0.6);
      await Promise.race([child.exit, new Promise((r) => setTimeout(r, delay))]);
      child.process.kill('SIGKILL');
      await child.exit;
      // What every command does first (shown through the command line above).
      recover(out);
      const now = hashes(out);
      // The manifest is committed with the pair: it verifies only if both files are of one build.
      expect(verify(out)).toEqual(['book.epub', 'book.pdf']);
      sha256sumCheck(out);
      // Every build changes the text, so both files change with the manifest, or none does.
      const changed = (name: string) => now[name] !== pair[name];
      expect([changed('book.epub'), changed('book.pdf')]).toEqual([changed(MANIFEST), changed(MANIFEST)]);
      seen[changed(MANIFEST) ? 'new' : 'old']++;
      pair = now;
      expect(leftovers(dir)).toEqual([]);
    }
    console.log(`20 builds killed: ${seen.old} left the old pair, ${seen.new} the new one`);
    expect(seen.old + seen.new).toBe(20);
  }, 1_800_000);
});

describe('--out', () => {
  const project = () => { const root = temp('outdir'); mkdirSync(join(root, 'corpus')); return root; };

  it('refuses / and the home folder, and folders outside the project that are not empty and not wenji\'s', () => {
    const root = project();
    for (const out of ['/', homedir()]) expect(failure(() => checkOutDir(root, out)).message).toMatch(/error: the output folder (would hold the project itself|is outside the project, not empty, and not one wenji made) \[usage\]/u);
    const full = temp('full');
    writeFileSync(join(full, 'keep.txt'), 'mine');
    expect(failure(() => checkOutDir(root, full)).message).toMatch(/is outside the project, not empty/u);
    expect(failure(() => checkOutDir(root, join(root, 'corpus', 'out'))).message).toMatch(/inside corpus\//u);
  });

  it('accepts a folder in the project, a new or empty one, and one wenji made', () => {
    const root = project();
    checkOutDir(root, join(root, 'out'));
    checkOutDir(root, join(temp('new'), 'a', 'b'));
    checkOutDir(root, temp('empty'));
    const made = temp('made');
    publish(made, [edition('a', '1')], true);
    checkOutDir(root, made);
  });

  it('is refused by the command line with one message and exit 2', async () => {
    const r = await run('-C', project(), 'build', '--out', homedir());
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^\S+: error: the output folder is outside the project, not empty, and not one wenji made \[usage\]\n {2}hint: /u);
  });
});
