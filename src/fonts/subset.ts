// Subsetting one slice of a typeface with HarfBuzz (subset-font) to the characters a book asks of
// it. HarfBuzz keeps exactly the characters the slice has (and the glyphs its layout features
// reach), so the subset's character map also says which asked characters the slice lacks.
// Subsets are kept on disk, by a digest of everything their bytes depend on.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import subsetFont from 'subset-font';
import { writeAtomic } from '../fsutil.ts';
import type { Slice } from './sources.ts';

// The tools: subset-font's version, and the size of the HarfBuzz build it loads (as it finds it).
const require = createRequire(import.meta.url);
const fromSubsetFont = createRequire(require.resolve('subset-font'));
const TOOLS = `subset-font ${(require('subset-font/package.json') as { version: string }).version}, harfbuzz ${statSync(fromSubsetFont.resolve('harfbuzzjs/dist/harfbuzz-subset.wasm')).size}`;

/** Subsets made by earlier runs; WENJI_FONT_CACHE moves them (to measure a cold run, say). */
export function cacheDir(): string {
  return process.env.WENJI_FONT_CACHE ?? fileURLToPath(new URL('../../node_modules/.cache/wenji/fonts/', import.meta.url));
}

/** Subsets made in this process, by cache and key: a rebuild with the same characters reuses them. */
const made = new Map<string, Promise<Buffer>>();

/** The slice subset to `chars` (sorted, unique), as TrueType. */
export function subsetSlice(slice: Slice, chars: string): Promise<Buffer> {
  const key = createHash('sha256').update(`${TOOLS}\n${slice.file}\n${statSync(slice.path).size}\n${chars}`).digest('hex').slice(0, 32);
  const dir = cacheDir();
  let subset = made.get(dir + key);
  if (!subset) {
    subset = fromDisk(join(dir, `${key}.ttf`), () => subsetFont(readFileSync(slice.path), chars, { targetFormat: 'truetype' }));
    subset.catch(() => made.delete(dir + key));
    made.set(dir + key, subset);
  }
  return subset;
}

async function fromDisk(path: string, make: () => Promise<Buffer>): Promise<Buffer> {
  if (existsSync(path)) return readFileSync(path);
  const subset = await make();
  try {
    writeAtomic(path, subset);
  } catch {
    // A cache that cannot be written only costs time.
  }
  return subset;
}
