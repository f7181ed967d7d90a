// The faces a book can use and where their glyphs are: @fontsource packages, each a typeface cut
// into slices (woff2 files) by unicode-range, per weight and style. A slice's unicode-range, from
// the package's unicode.json (the same ranges as its CSS files), says which characters it may hold.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

export type Weight = 'regular' | 'bold';
export type FaceRole = 'cjk' | 'italic' | 'mono' | 'fallback';

/** A typeface as a package ships it. */
export interface Typeface {
  /** @fontsource package, its file prefix, and the CSS family name. */
  pkg: string;
  prefix: string;
  family: string;
  /**
   * Slices tried before the others, in order. The first slice a book uses is the base of the
   * merged font and keeps its layout features (kerning, …), so the main one comes first. A name
   * not in unicode.json is a slice without a unicode-range, which may hold anything: Noto Serif
   * SC's `chinese-simplified`, which covers a whole book in most cases.
   */
  first: string[];
}

export const NOTO_SERIF_SC: Typeface = { pkg: '@fontsource/noto-serif-sc', prefix: 'noto-serif-sc', family: 'Noto Serif SC', first: ['chinese-simplified', 'latin'] };
const SOURCE_SERIF: Typeface = { pkg: '@fontsource/source-serif-4', prefix: 'source-serif-4', family: 'Source Serif 4', first: ['latin', 'latin-ext'] };
const SOURCE_CODE: Typeface = { pkg: '@fontsource/source-code-pro', prefix: 'source-code-pro', family: 'Source Code Pro', first: ['latin', 'latin-ext'] };
const SYMBOLS: Typeface = { pkg: '@fontsource/noto-sans-symbols-2', prefix: 'noto-sans-symbols-2', family: 'Noto Sans Symbols 2', first: ['symbols'] };
const EMOJI: Typeface = { pkg: '@fontsource/noto-emoji', prefix: 'noto-emoji', family: 'Noto Emoji', first: [] };

/** One face of the book's font set. */
export interface Face {
  /** FontSet id: `serif-regular`, `italic-bold`, … */
  id: string;
  typeface: Typeface;
  role: FaceRole;
  weight: Weight;
  style: 'normal' | 'italic';
  /** Style name for the name table (`Bold Italic`), and the PostScript name, also the file name. */
  styleName: string;
  postscript: string;
}

/** Every face, in the order `faceFor` considers them for a request. */
export const FACES: Face[] = [
  { id: 'mono-regular', typeface: SOURCE_CODE, role: 'mono', weight: 'regular', style: 'normal', styleName: 'Regular', postscript: 'SourceCodePro-Regular' },
  { id: 'italic-regular', typeface: SOURCE_SERIF, role: 'italic', weight: 'regular', style: 'italic', styleName: 'Italic', postscript: 'SourceSerif4-Italic' },
  { id: 'italic-bold', typeface: SOURCE_SERIF, role: 'italic', weight: 'bold', style: 'italic', styleName: 'Bold Italic', postscript: 'SourceSerif4-BoldItalic' },
  { id: 'serif-regular', typeface: NOTO_SERIF_SC, role: 'cjk', weight: 'regular', style: 'normal', styleName: 'Regular', postscript: 'NotoSerifSC-Regular' },
  { id: 'serif-bold', typeface: NOTO_SERIF_SC, role: 'cjk', weight: 'bold', style: 'normal', styleName: 'Bold', postscript: 'NotoSerifSC-Bold' },
  { id: 'fallback-regular', typeface: SYMBOLS, role: 'fallback', weight: 'regular', style: 'normal', styleName: 'Regular', postscript: 'NotoSansSymbols2-Regular' },
  { id: 'emoji-regular', typeface: EMOJI, role: 'fallback', weight: 'regular', style: 'normal', styleName: 'Regular', postscript: 'NotoEmoji-Regular' },
];

export function packageDir(t: Typeface): string {
  return dirname(require.resolve(`${t.pkg}/package.json`));
}

/** A slice file of a face. */
export interface Slice {
  name: string;
  path: string;
  /** File name: with its size, what the bytes of a subset depend on (a new package version changes them). */
  file: string;
  /** Its unicode-range as the package gives it (`U+4e00-4e8c,U+…`); undefined for a slice without one, which may hold anything. */
  ranges?: string;
}

function parseRanges(css: string): [number, number][] {
  return css.split(',').map((r) => {
    const [lo, hi] = r.trim().replace(/^U\+/iu, '').split('-').map((h) => parseInt(h, 16));
    return [lo, hi ?? lo] as [number, number];
  });
}

const rangesOf = new Map<Typeface, Map<string, string | undefined>>();

/** A typeface's slices by name with their unicode-range: the typeface's `first`, then the others in the package's order. */
function typefaceSlices(t: Typeface): Map<string, string | undefined> {
  let map = rangesOf.get(t);
  if (!map) {
    const css = JSON.parse(readFileSync(join(packageDir(t), 'unicode.json'), 'utf8')) as Record<string, string>;
    const names = [...t.first, ...Object.keys(css).filter((name) => !t.first.includes(name))];
    map = new Map(names.map((name) => [name, css[name]]));
    rangesOf.set(t, map);
  }
  return map;
}

/** The slices of a face, in the order they are tried. */
export function slices(face: Face): Slice[] {
  const t = face.typeface;
  const dir = packageDir(t);
  const weight = face.weight === 'bold' ? 700 : 400;
  return [...typefaceSlices(t)].map(([name, ranges]) => {
    const file = `${t.prefix}-${name.replace(/^\[(\d+)\]$/u, '$1')}-${weight}-${face.style}.woff2`;
    return { name, path: join(dir, 'files', file), file, ranges };
  });
}

const parsed = new Map<string, [number, number][]>();

/** Whether a slice's unicode-range holds a code point (ranges are parsed once, when first asked). */
export function inSlice(slice: Slice, cp: number): boolean {
  if (slice.ranges === undefined) return true;
  let ranges = parsed.get(slice.ranges);
  if (!ranges) parsed.set(slice.ranges, (ranges = parseRanges(slice.ranges)));
  return ranges.some(([lo, hi]) => cp >= lo && cp <= hi);
}

/** The typeface's licence (all are the SIL Open Font License 1.1, each with its own copyright line). */
export function licenseFile(t: Typeface): string {
  return join(packageDir(t), 'LICENSE');
}
