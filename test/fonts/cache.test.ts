// The font cache lives in the user's cache folder, is keyed by what its entries depend on, and
// forgets entries long unused.
import { existsSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cacheDir, cachedFile, fileDigest, prune } from '../../src/fonts/cache.ts';
import { buildFontSet } from '../../src/fonts/index.ts';

const env = { ...process.env };
afterEach(() => {
  for (const k of ['WENJI_FONT_CACHE', 'XDG_CACHE_HOME']) if (env[k] === undefined) delete process.env[k]; else process.env[k] = env[k];
});

describe('font cache', () => {
  it('is in XDG_CACHE_HOME, else ~/.cache, unless WENJI_FONT_CACHE names a folder', () => {
    delete process.env.WENJI_FONT_CACHE;
    process.env.XDG_CACHE_HOME = '/tmp/xdg';
    expect(cacheDir()).toBe('/tmp/xdg/wenji/fonts');
    delete process.env.XDG_CACHE_HOME;
    expect(cacheDir()).toBe(join(homedir(), '.cache', 'wenji', 'fonts'));
    process.env.WENJI_FONT_CACHE = '/tmp/elsewhere';
    expect(cacheDir()).toBe('/tmp/elsewhere');
  });

  it('keeps the faces of a book there and makes them again from nothing when they are gone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wenji-cache-'));
    process.env.WENJI_FONT_CACHE = dir;
    const texts = [{ text: '緒論：學而時習之', req: { weight: 'regular' as const } }];
    const first = await buildFontSet(texts);
    const names = readdirSync(dir);
    expect(names.some((n) => n.startsWith('face-'))).toBe(true);
    expect(names.some((n) => n.startsWith('slice-'))).toBe(true);
    // The same folder emptied: the entries are made again, the same bytes.
    process.env.WENJI_FONT_CACHE = mkdtempSync(join(tmpdir(), 'wenji-cache-'));
    const again = await buildFontSet(texts);
    expect(again.fonts.map((f) => f.data.toString('base64'))).toEqual(first.fonts.map((f) => f.data.toString('base64')));
  }, 60_000);

  it('digests a file by its bytes: a changed file has another digest', () => {
    process.env.WENJI_FONT_CACHE = mkdtempSync(join(tmpdir(), 'wenji-cache-'));
    const file = join(mkdtempSync(join(tmpdir(), 'wenji-file-')), 'a.bin');
    writeFileSync(file, 'one');
    const a = fileDigest(file);
    writeFileSync(file, 'two');
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    expect(fileDigest(file)).not.toBe(a);
  });

  it('removes entries unused for a month, keeps those used', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wenji-cache-'));
    process.env.WENJI_FONT_CACHE = dir;
    await cachedFile('old.bin', () => Buffer.from('old'));
    await cachedFile('new.bin', () => Buffer.from('new'));
    const long = new Date(Date.now() - 40 * 24 * 3600 * 1000);
    utimesSync(join(dir, 'old.bin'), long, long);
    // Writing the entries looked for old ones (and stamped the folder); a day later it looks again.
    expect(existsSync(join(dir, '.pruned'))).toBe(true);
    rmSync(join(dir, '.pruned'));
    prune(dir + '/', Date.now());
    expect(existsSync(join(dir, 'old.bin'))).toBe(false);
    expect(existsSync(join(dir, 'new.bin'))).toBe(true);
  });
});
