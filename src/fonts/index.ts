// The edition's fonts: Noto Serif SC from @fontsource/noto-serif-sc, subset with HarfBuzz
// (subset-font) to exactly the characters the book uses, one TrueType file per weight, renamed
// sensibly. The same files serve the EPUB and the PDF. A character the font lacks is an error.
import { createRequire } from 'node:module';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { writeAtomic } from '../fsutil.ts';
import { dirname, join } from 'node:path';
import * as fontkit from 'fontkit';
import subsetFont from 'subset-font';
import { renameFont } from './sfnt.ts';

export type Weight = 'regular' | 'bold';

const require = createRequire(import.meta.url);
const PACKAGE_DIR = dirname(require.resolve('@fontsource/noto-serif-sc/package.json'));

/** Source file of each weight: the package's simplified-Chinese file covers the corpus and ASCII. */
const SOURCES: Record<Weight, { file: string; style: string }> = {
  regular: { file: 'noto-serif-sc-chinese-simplified-400-normal.woff2', style: 'Regular' },
  bold: { file: 'noto-serif-sc-chinese-simplified-700-normal.woff2', style: 'Bold' },
};

export const FONT_FAMILY = 'Noto Serif SC';
export const LICENSE_FILE = join(PACKAGE_DIR, 'LICENSE');

export type FaceRole = 'cjk' | 'italic' | 'mono' | 'fallback';

/** What a run of text asks of the fonts: its weight, and whether it is Latin emphasis (italic) or code. */
export interface FaceRequest {
  weight: Weight;
  italic?: boolean;
  mono?: boolean;
}

export interface SubsetFont {
  /** Unique in the set: `serif-regular`, `serif-bold`, `italic-regular`, `italic-bold`, `mono-regular`, `fallback-regular`. */
  id: string;
  /** CSS family name (`Noto Serif SC`, …), and the face's style. */
  family: string;
  style: 'normal' | 'italic';
  role: FaceRole;
  weight: Weight;
  /** File name inside the book: NotoSerifSC-Regular.ttf */
  filename: string;
  postscript: string;
  data: Buffer;
  /** The characters the subset holds. */
  chars: string;
}

/** The book's fonts: every face it uses, and which face sets a character for a request. */
export interface FontSet {
  fonts: SubsetFont[];
  /** The face that sets `ch` for a request (italic for Latin letters under emphasis, mono for code, else the CJK face, else a fallback); undefined if no face has it. */
  faceFor(ch: string, req: FaceRequest): SubsetFont | undefined;
}

/** Subsets for every piece of text with what it asks of the fonts. */
export async function buildFontSet(texts: { text: string; req: FaceRequest }[]): Promise<FontSet> {
  const fonts = await subsetFonts(texts.map((t) => t.text).join(''));
  const faces = new Map(fonts.map((f) => [f.weight, fontkit.create(f.data) as fontkit.Font]));
  return {
    fonts,
    faceFor: (ch, req) => (faces.get(req.weight)!.hasGlyphForCodePoint(ch.codePointAt(0)!) ? fonts.find((f) => f.weight === req.weight) : undefined),
  };
}

const sourceCache = new Map<Weight, Buffer>();

function source(weight: Weight): Buffer {
  let bytes = sourceCache.get(weight);
  if (!bytes) sourceCache.set(weight, (bytes = readFileSync(join(PACKAGE_DIR, 'files', SOURCES[weight].file))));
  return bytes;
}

/** Characters of `text` that a font (the regular subset, say) has no glyph for, whitespace aside. */
export function missingGlyphs(text: string, font: SubsetFont): string[] {
  const face = fontkit.create(font.data) as fontkit.Font;
  return [...new Set(text)].filter((ch) => !/\s/u.test(ch) && !face.hasGlyphForCodePoint(ch.codePointAt(0)!));
}

/** Subsets already made in this process, by character set: a rebuild with the same characters reuses them. */
const subsetCache = new Map<string, Promise<SubsetFont[]>>();

export function subsetFonts(text: string): Promise<SubsetFont[]> {
  const chars = [...new Set(text)].sort().join('');
  let made = subsetCache.get(chars);
  if (!made) {
    made = makeSubsets(chars);
    made.catch(() => subsetCache.delete(chars));
    subsetCache.set(chars, made);
  }
  return made;
}

/** Subsets made by earlier runs, kept by a digest of the characters and the source files. */
const DISK_CACHE = fileURLToPath(new URL('../../node_modules/.cache/wenji/fonts/', import.meta.url));

async function cachedSubset(weight: Weight, chars: string): Promise<Buffer> {
  const key = createHash('sha256').update(SOURCES[weight].file).update(String(source(weight).length)).update(chars).digest('hex').slice(0, 32);
  const path = join(DISK_CACHE, `${key}.ttf`);
  if (existsSync(path)) return readFileSync(path);
  const subset = await subsetFont(source(weight), chars, { targetFormat: 'truetype' });
  try {
    writeAtomic(path, subset);
  } catch {
    // A cache that cannot be written only costs time.
  }
  return subset;
}

async function makeSubsets(chars: string): Promise<SubsetFont[]> {
  return Promise.all((Object.keys(SOURCES) as Weight[]).map(async (weight) => {
    const subset = await cachedSubset(weight, chars);
    // The subset keeps the source's name table: its copyright and version are read from there.
    const font = fontkit.create(subset) as fontkit.Font;
    const postscript = `NotoSerifSC-${SOURCES[weight].style}`;
    const data = renameFont(subset, {
      family: FONT_FAMILY, style: SOURCES[weight].style, postscript,
      copyright: font.copyright ?? '', version: `Version ${font.version ?? ''}`,
      license: 'This Font Software is licensed under the SIL Open Font License, Version 1.1.',
      licenseUrl: 'https://openfontlicense.org',
    });
    return { id: `serif-${weight}`, family: FONT_FAMILY, style: 'normal' as const, role: 'cjk' as const, weight, filename: `${postscript}.ttf`, postscript, data, chars };
  }));
}
