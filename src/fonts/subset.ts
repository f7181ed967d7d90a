// Subsetting one slice of a typeface with HarfBuzz (subset-font) to the characters a book asks of
// it. HarfBuzz keeps exactly the characters the slice has (and the glyphs its layout features
// reach), so the subset's character map also says which asked characters the slice lacks.
// Subsets are kept on disk, by a digest of everything their bytes depend on.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { cachedFile, digest, fileDigest } from './cache.ts';
import type { Slice } from './sources.ts';

// The tools: subset-font's version, and the HarfBuzz build it loads (as it finds it).
const require = createRequire(import.meta.url);
const fromSubsetFont = createRequire(require.resolve('subset-font'));
let tools: string | undefined;
const TOOLS = () => (tools ??= `subset-font ${(require('subset-font/package.json') as { version: string }).version}, harfbuzz ${fileDigest(fromSubsetFont.resolve('harfbuzzjs/dist/harfbuzz-subset.wasm'))}`);

export { cacheDir } from './cache.ts';

const versions = new Map<string, string>();

/** The version of the package a font file comes from (…/<package>/files/<file>). */
function packageVersion(path: string): string {
  const pkg = join(dirname(dirname(path)), 'package.json');
  let v = versions.get(pkg);
  if (v === undefined) {
    try { const j = JSON.parse(readFileSync(pkg, 'utf8')) as { name: string; version: string }; v = `${j.name}@${j.version}`; } catch { v = ''; }
    versions.set(pkg, v);
  }
  return v;
}

/** The slice subset to `chars` (sorted, unique), as TrueType. */
export function subsetSlice(slice: Slice, chars: string): Promise<Buffer> {
  const key = digest(TOOLS(), packageVersion(slice.path), slice.file, fileDigest(slice.path), chars);
  return cachedFile(`slice-${key}.ttf`, async () => {
    // HarfBuzz (subset-font) is loaded only when a subset is made, not when it comes from the cache.
    const { default: subsetFont } = await import('subset-font');
    return subsetFont(readFileSync(slice.path), chars, { targetFormat: 'truetype' });
  }, 1024);
}

/** A font already made (a face of the book's set) subset again to `chars`, as TrueType; kept on disk like the slices. */
export function subsetAgain(data: Buffer, chars: string): Promise<Buffer> {
  const key = digest(TOOLS(), data, chars);
  return cachedFile(`again-${key}.ttf`, async () => {
    const { default: subsetFont } = await import('subset-font');
    return subsetFont(data, chars, { targetFormat: 'truetype' });
  });
}
