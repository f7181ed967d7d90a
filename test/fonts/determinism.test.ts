// Same text, same fonts: a cold run (nothing cached) and a warm one (subsets read from the disk
// cache) give byte-identical files for every face, merged ones included.
import { cpSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildFontSet, type FaceRequest } from '../../src/fonts/index.ts';

const TEXTS: { text: string; req: FaceRequest }[] = [
  { text: '悒跣澌奁斝，子曰：学而时习之。☑', req: { weight: 'regular' } },
  { text: 'Ein Wort, ąčę', req: { weight: 'regular', italic: true } },
  { text: 'const x = "代码";', req: { weight: 'regular', mono: true } },
];

const saved = process.env.WENJI_FONT_CACHE;
afterAll(() => {
  if (saved === undefined) delete process.env.WENJI_FONT_CACHE;
  else process.env.WENJI_FONT_CACHE = saved;
});

async function runIn(cache: string) {
  process.env.WENJI_FONT_CACHE = cache;
  const set = await buildFontSet(TEXTS);
  return set.fonts.map((f) => ({ id: f.id, filename: f.filename, data: f.data.toString('base64') }));
}

describe('font determinism', () => {
  it('gives byte-identical fonts cold, cold again, and warm from the disk cache', async () => {
    const first = mkdtempSync(join(tmpdir(), 'wenji-fonts-'));
    const second = mkdtempSync(join(tmpdir(), 'wenji-fonts-'));
    const a = await runIn(first);
    const b = await runIn(second);
    expect(a.map((f) => f.id)).toEqual(['mono-regular', 'italic-regular', 'serif-regular', 'serif-bold', 'fallback-regular']);
    expect(b).toEqual(a);
    // The subsets cached by the first run, read back by a run that has made nothing itself.
    const cached = readdirSync(first).sort();
    expect(cached.length).toBeGreaterThanOrEqual(8);
    const warm = mkdtempSync(join(tmpdir(), 'wenji-fonts-'));
    cpSync(first, warm, { recursive: true });
    expect(await runIn(warm)).toEqual(a);
    expect(readdirSync(warm).sort()).toEqual(cached);
  });
});
