// The font packages as their CSS describes them, read independently of src/fonts: which file of a
// face holds a character (by the @font-face unicode-range), and that file opened with fontkit.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as fontkit from 'fontkit';

const require = createRequire(import.meta.url);
export const pkgDir = (pkg: string) => dirname(require.resolve(`@fontsource/${pkg}/package.json`));

/** Every @font-face of a package CSS file: its woff2 file and unicode ranges. */
function faces(pkg: string, css: string): { file: string; ranges: [number, number][] }[] {
  const text = readFileSync(join(pkgDir(pkg), css), 'utf8');
  return [...text.matchAll(/url\(\.\/files\/([^)]+\.woff2)\)[^}]*?unicode-range: ([^;]+);/gu)].map((m) => ({
    file: m[1],
    ranges: m[2].split(',').map((r) => {
      const [lo, hi] = r.trim().slice(2).split('-').map((h) => parseInt(h, 16));
      return [lo, hi ?? lo] as [number, number];
    }),
  }));
}

/** The file of a package's CSS (`400.css`, `400-italic.css`) whose unicode-range holds `ch`. */
export function fileFor(pkg: string, css: string, ch: string): string {
  const cp = ch.codePointAt(0)!;
  const face = faces(pkg, css).find((f) => f.ranges.some(([lo, hi]) => cp >= lo && cp <= hi));
  if (!face) throw new Error(`no file of ${pkg}/${css} holds ${ch}`);
  return face.file;
}

const opened = new Map<string, fontkit.Font>();

export function openFile(pkg: string, file: string): fontkit.Font {
  const key = `${pkg}/${file}`;
  if (!opened.has(key)) opened.set(key, fontkit.create(readFileSync(join(pkgDir(pkg), 'files', file))) as fontkit.Font);
  return opened.get(key)!;
}

export const open = (data: Buffer) => fontkit.create(data) as fontkit.Font;

/** A glyph as drawn and measured: its outline and advance. */
export function glyphOf(font: fontkit.Font, ch: string): { path: string; advance: number } {
  const g = font.glyphForCodePoint(ch.codePointAt(0)!);
  return { path: g.path.toSVG(), advance: g.advanceWidth };
}

/** The characters a font's cmap maps, sorted (fontkit lists U+FFFF, the end mark of a format 4 subtable, too). */
export const charactersOf = (font: fontkit.Font) => String.fromCodePoint(...[...font.characterSet].filter((cp) => cp !== 0xffff).sort((a, b) => a - b));
export const sorted = (text: string) => String.fromCodePoint(...[...new Set([...text].map((c) => c.codePointAt(0)!))].sort((a, b) => a - b));

/** Pairs of brackets that HarfBuzz keeps together (bidi mirroring): a subset asked for one holds both. */
const MIRRORS = ['<>', '()', '[]', '{}', '«»', '‹›', '（）', '《》', '〈〉', '［］', '｛｝', '＜＞'];

/** `chars` as a subset asked for `text` holds them: the text's characters and the mirrors of its brackets. */
export function heldFor(text: string): string {
  const mirrored = MIRRORS.filter((pair) => [...pair].some((ch) => text.includes(ch))).join('');
  return sorted(text + mirrored);
}
