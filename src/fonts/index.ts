// The edition's fonts: the faces a book needs, each subset with HarfBuzz to exactly the characters
// set in it and merged from the slices of its typeface into one TrueType font, renamed sensibly.
// The same files serve the EPUB and the PDF.
//   serif    Noto Serif SC 400/700, all of it as @fontsource ships it (every unicode-range slice);
//   italic   Source Serif 4 Italic 400/700 (the Latin of Noto Serif CJK) for Latin text under emphasis;
//   mono     Source Code Pro 400 for code; Han characters in code fall back to the serif;
//   fallback Noto Sans Symbols 2 for symbols no other face has (☐ ☑ ✓ …), then Noto Emoji
//            (monochrome) for emoji none of them has (😀 ✅ 🚀 …).
// A face no text needs is not made. A character no face has is left for the caller to report.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CJK_PUNCT } from '../cjk/chars.ts';
import { readCmap } from './cmap.ts';
import { mergeSubsets } from './merge.ts';
import { plainNames, readTables, renameFont } from './sfnt.ts';
import { FACES, NOTO_SERIF_SC, inSlice, licenseFile, packageDir, slices, type Face, type FaceRole, type Weight } from './sources.ts';
import { subsetSlice } from './subset.ts';
import { cachedFile, digest } from './cache.ts';

export type { FaceRole, Weight };

export const FONT_FAMILY = NOTO_SERIF_SC.family;
/** The licence of the serif face (each SubsetFont names its own in `licenseFile`). */
export const LICENSE_FILE = licenseFile(NOTO_SERIF_SC);

/** What a run of text asks of the fonts: its weight, and whether it is Latin emphasis (italic) or code. */
export interface FaceRequest {
  weight: Weight;
  italic?: boolean;
  mono?: boolean;
}

export interface SubsetFont {
  /** Unique in the set: `serif-regular`, `serif-bold`, `italic-regular`, `italic-bold`, `mono-regular`, `fallback-regular`, `emoji-regular`. */
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
  /** The characters the subset holds (its character map): those set in it, and the mirror of a bracket among them. */
  chars: string;
  /** The typeface's licence file (SIL OFL 1.1 with its copyright line), to ship beside the font. */
  licenseFile: string;
  /** The package slices the glyphs come from (`chinese-simplified`, `[97]`, `latin`, …). */
  slices: string[];
}

/** The book's fonts: every face it uses, and which face sets a character for a request. */
export interface FontSet {
  fonts: SubsetFont[];
  /** The face that sets `ch` for a request (mono for code, italic for Latin letters under emphasis, else the serif of the weight, else the fallback); undefined if no face has it. */
  faceFor(ch: string, req: FaceRequest): SubsetFont | undefined;
  /** Every character the set was made for (a character asked that no face has is the caller's to report). */
  asked?: Set<string>;
}

/**
 * Letters, digits, ASCII signs and spaces of Latin text: under emphasis they take the italic face.
 * Han characters and CJK punctuation get emphasis dots instead; full-width forms stay with them.
 */
export function takesItalic(ch: string): boolean {
  return /^[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\x20-\x7e\xa0]$/u.test(ch) && !CJK_PUNCT.test(ch) && !/[\uff00-\uffef]/u.test(ch);
}

const SPACE = /\s/u;

/** Control characters draw nothing and are asked of no face. */
const INVISIBLE = /\p{Cc}/u;

/** Makes one face that is not in the cache (subsetFace), perhaps in another thread: given the face's id. */
export type FaceMaker = (id: string, asked: Set<number>, always: boolean) => Promise<MadeFace>;

/**
 * Subsets for every piece of text with what it asks of the fonts. `elsewhere`, if given, makes
 * the bold serif when the cache lacks it (a worker thread: parallel.ts), while this thread makes
 * the regular one: they are the two large faces, each a few hundred ms of HarfBuzz and merging.
 */
export async function buildFontSet(texts: { text: string; req: FaceRequest }[], elsewhere?: FaceMaker): Promise<FontSet> {
  const wanted = new Map<string, Set<number>>(FACES.map((f) => [f.id, new Set()]));
  const serif = new Set<number>();
  const asked = new Set<string>();
  // Each character is judged once per kind of request (a book sets a few thousand characters, millions of times).
  const judged = new Map<string, Set<string>>();
  for (const { text, req } of texts) {
    const kind = req.mono ? 'mono' : req.italic ? `italic-${req.weight}` : 'serif';
    let seen = judged.get(kind);
    if (!seen) judged.set(kind, (seen = new Set()));
    for (const ch of text) {
      if (seen.has(ch)) continue;
      seen.add(ch);
      asked.add(ch);
      if (INVISIBLE.test(ch)) continue;
      const cp = ch.codePointAt(0)!;
      if (req.mono) wanted.get('mono-regular')!.add(cp);
      else if (req.italic && takesItalic(ch)) wanted.get(`italic-${req.weight}`)!.add(cp);
      else serif.add(cp);
    }
  }
  // A space alone makes no face: emphasis on Chinese text with a space in it asks no italic.
  for (const id of ['italic-regular', 'italic-bold']) {
    const cps = wanted.get(id)!;
    if ([...cps].every((cp) => SPACE.test(String.fromCodePoint(cp)))) for (const cp of [...cps]) { serif.add(cp); cps.delete(cp); }
  }
  // The special faces first: what they lack is set in the serif, and what the serif lacks in the fallback.
  const special = await Promise.all(['mono-regular', 'italic-regular', 'italic-bold'].map((id) => makeFace(face(id), wanted.get(id)!)));
  for (const made of special) for (const cp of made.lacking) serif.add(cp);
  const serifs = await Promise.all([makeFace(face('serif-regular'), serif, true), makeFace(face('serif-bold'), serif, true, elsewhere)]);
  const fallback = await makeFace(face('fallback-regular'), new Set(serifs.flatMap((s) => s.lacking)));
  const emoji = await makeFace(face('emoji-regular'), new Set(fallback.lacking));
  const fonts = [...special, ...serifs, fallback, emoji].flatMap((m) => (m.font ? [m.font] : []));
  return { ...fontSet(fonts), asked };
}

function face(id: string): Face {
  return FACES.find((f) => f.id === id)!;
}

/** The set's choice of face, from what each subset holds. */
export function fontSet(fonts: SubsetFont[]): FontSet {
  const holds = new Map(fonts.map((f) => [f.id, new Set(f.chars)]));
  const byId = new Map(fonts.map((f) => [f.id, f]));
  const has = (id: string, ch: string) => (holds.get(id)?.has(ch) ? byId.get(id) : undefined);
  return {
    fonts,
    faceFor: (ch, req) => (req.mono ? has('mono-regular', ch) : undefined)
      ?? (req.italic && takesItalic(ch) ? has(`italic-${req.weight}`, ch) : undefined)
      ?? has(`serif-${req.weight}`, ch)
      ?? has('fallback-regular', ch)
      ?? has('emoji-regular', ch),
  };
}

/** A face made: its font (none if it holds nothing asked), and what it lacks. */
export interface MadeFace {
  font?: SubsetFont;
  /** Code points asked of the face that it does not have. */
  lacking: number[];
}

/** In the compiled bundle, whose modules are not files of their own: the same digest, made by scripts/compile.mjs. */
declare const FONTS_CODE: string | undefined;

/** The code a merged face depends on: a digest of the modules of this folder. */
let code: string | undefined;
function codeVersion(): string {
  if (code === undefined) {
    if (typeof FONTS_CODE === 'string') code = FONTS_CODE;
    else {
      const dir = new URL('./', import.meta.url);
      const h = createHash('sha256');
      for (const f of readdirSync(dir).filter((n) => n.endsWith('.ts')).sort()) h.update(readFileSync(new URL(f, dir))).update('\0');
      code = h.digest('hex').slice(0, 40);
    }
  }
  return code;
}

/** A face as kept in the disk cache: its font (data in base64) and what it lacks. */
interface StoredFace {
  lacking: number[];
  font?: Omit<SubsetFont, 'data'> & { data: string };
}

/**
 * One face subset to the characters asked of it, from as many slices as hold them; none if it
 * holds nothing (unless `always`). Kept in the disk cache by the code, the face, its package's
 * version and the characters, so that a warm build neither subsets nor merges.
 */
async function makeFace(f: Face, asked: Set<number>, always = false, elsewhere?: FaceMaker): Promise<MadeFace> {
  if (!asked.size && !always) return { lacking: [] };
  const chars = String.fromCodePoint(...[...asked].sort((a, b) => a - b));
  const key = digest(codeVersion(), f.id, f.typeface.pkg, packageVersionOf(f), String(always), chars);
  const stored = await cachedFile(`face-${key}.json`, async () => {
    const made = await (elsewhere ? elsewhere(f.id, asked, always) : subsetFace(f, asked, always));
    const value: StoredFace = { lacking: made.lacking, ...(made.font ? { font: { ...made.font, data: made.font.data.toString('base64') } } : {}) };
    return Buffer.from(JSON.stringify(value));
  }, 32);
  let made = parsedFaces.get(stored);
  if (!made) {
    const value = JSON.parse(stored.toString('utf8')) as StoredFace;
    made = { lacking: value.lacking, ...(value.font ? { font: { ...value.font, data: Buffer.from(value.font.data, 'base64') } } : {}) };
    parsedFaces.set(stored, made);
  }
  return made;
}

/** Faces read from their cache entries, by entry (forgotten with the entry). */
const parsedFaces = new WeakMap<Buffer, MadeFace>();

function packageVersionOf(f: Face): string {
  return (JSON.parse(readFileSync(join(packageDir(f.typeface), 'package.json'), 'utf8')) as { version: string }).version;
}

/** A face made from its package's slices, not from the cache (what a FaceMaker runs, by id). */
export function makeFaceById(id: string, asked: Set<number>, always: boolean): Promise<MadeFace> {
  return subsetFace(face(id), asked, always);
}

async function subsetFace(f: Face, asked: Set<number>, always: boolean): Promise<MadeFace> {
  const all = slices(f);
  const remaining = new Set([...asked].sort((a, b) => a - b));
  const parts: { data: Buffer; slice: string }[] = [];
  const take = (slice: string, data: Buffer) => {
    const cmap = readCmap(readTables(data).find((t) => t.tag === 'cmap')!.data);
    const got = [...remaining].filter((cp) => cmap.has(cp));
    if (!got.length) return;
    parts.push({ data, slice });
    for (const cp of got) remaining.delete(cp);
  };
  const text = (cps: Iterable<number>) => String.fromCodePoint(...cps);
  // Slices without a unicode-range first, one by one, as they may hold anything.
  for (const s of all.filter((x) => !x.ranges)) {
    if (remaining.size || (always && !parts.length)) take(s.name, await subsetSlice(s, text(remaining)));
  }
  // Then each character from the first slice whose range holds it; ranges overlap a little, so
  // one its first slice lacks is asked of the next, in a further round.
  const ranged = all.filter((x) => x.ranges);
  for (let round = 0; remaining.size; round++) {
    const asks = ranged.map((s) => ({ s, ask: [] as number[] }));
    for (const cp of remaining) {
      const k = asks.filter((a) => inSlice(a.s, cp))[round];
      k?.ask.push(cp);
    }
    const asked = asks.filter((a) => a.ask.length);
    if (!asked.length) break;
    const subsets = await Promise.all(asked.map(({ s, ask }) => subsetSlice(s, text(ask))));
    asked.forEach(({ s }, i) => take(s.name, subsets[i]));
  }
  const lacking = [...remaining];
  if (!parts.length) return { lacking };
  const merged = mergeSubsets(parts.map((p) => p.data));
  // What the font holds: the characters asked that its slices have, and the few HarfBuzz adds (the mirror of a bracket).
  const held = [...readCmap(readTables(merged).find((t) => t.tag === 'cmap')!.data).keys()].sort((a, b) => a - b);
  return { lacking, font: await named(f, merged, text(held), [...new Set(parts.map((p) => p.slice))]) };
}

/** The copyright and version of a font's name table: read directly when it is plain, else by fontkit (loaded only then). */
async function copyrightAndVersion(font: Buffer): Promise<{ copyright?: string | null; version?: string | number | null }> {
  const plain = plainNames(font, [0, 5]);
  if (plain) return { copyright: plain.get(0), version: plain.get(5) };
  const fontkit = await import('fontkit');
  const { copyright, version } = fontkit.create(font) as import('fontkit').Font;
  return { copyright, version };
}

async function named(f: Face, merged: Buffer, chars: string, from: string[]): Promise<SubsetFont> {
  // The subset keeps the source's name table: its copyright and version are read from there.
  const font = await copyrightAndVersion(merged);
  const data = renameFont(merged, {
    family: f.typeface.family, style: f.styleName, postscript: f.postscript,
    copyright: font.copyright ?? '', version: `Version ${font.version ?? ''}`,
    license: 'This Font Software is licensed under the SIL Open Font License, Version 1.1.',
    licenseUrl: 'https://openfontlicense.org',
  });
  return {
    id: f.id, family: f.typeface.family, style: f.style, role: f.role, weight: f.weight,
    filename: `${f.postscript}.ttf`, postscript: f.postscript, data, chars, licenseFile: licenseFile(f.typeface), slices: from,
  };
}
