// jieba's cuts are kept in the cache folder by text: a second process (here, the same module with
// another cache folder) takes a text's cut from there without asking jieba, and the phrases built
// on it are the same as without the cache.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { phrases, saveCuts } from '../../src/cjk/phrases.ts';

const saved = process.env.WENJI_FONT_CACHE;
afterEach(() => {
  if (saved === undefined) delete process.env.WENJI_FONT_CACHE;
  else process.env.WENJI_FONT_CACHE = saved;
});

const TEXT = '中华人民共和国和俄罗斯联邦关于深化新时代全面战略协作伙伴关系的联合声明';

describe('the cache of jieba\'s cuts', () => {
  it('is written with the texts cut, and read back instead of cutting again', () => {
    const first = mkdtempSync(join(tmpdir(), 'wenji-cuts-a-'));
    process.env.WENJI_FONT_CACHE = first;
    const fresh = phrases(TEXT);
    saveCuts();
    const [entry] = readdirSync(first).filter((f) => f.startsWith('jieba-cuts-'));
    expect(entry).toMatch(/^jieba-cuts-.+\.json$/u);
    const stored = JSON.parse(readFileSync(join(first, entry), 'utf8')) as Record<string, string[]>;
    expect(stored[TEXT].join('')).toBe(TEXT);

    // Another cache folder whose entry says something jieba would not: the text is taken from it.
    const second = mkdtempSync(join(tmpdir(), 'wenji-cuts-b-'));
    writeFileSync(join(second, entry), JSON.stringify({ [TEXT]: [...TEXT] }));
    process.env.WENJI_FONT_CACHE = second;
    const fromCache = phrases(TEXT);
    expect(fromCache).not.toEqual(fresh);
    expect(fromCache.join('')).toBe(TEXT);

    // Back in the first folder: the same phrases as jieba's own cut gave.
    process.env.WENJI_FONT_CACHE = first;
    expect(phrases(TEXT)).toEqual(fresh);
  });

  it('is written again whole when the entry on disk cannot be read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wenji-cuts-c-'));
    process.env.WENJI_FONT_CACHE = dir;
    phrases('两国元首');
    saveCuts();
    const [entry] = readdirSync(dir).filter((f) => f.startsWith('jieba-cuts-'));
    writeFileSync(join(dir, entry), '{ not json');
    phrases('全面战略协作');
    saveCuts();
    expect(Object.keys(JSON.parse(readFileSync(join(dir, entry), 'utf8')) as object)).toEqual(expect.arrayContaining(['两国元首', '全面战略协作']));
  });
});
