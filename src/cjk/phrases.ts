// Phrases: the units a display line (a title, a heading, a contents entry, a running head) may
// be broken between. Words come from jieba's dictionary (`@node-rs/jieba`), so that compounds
// such as 伙伴关系, 联合声明 and 全面 stay whole; then the Chinese layout rules join what a
// dictionary does not know belongs together:
// - a run of digits (Arabic or Chinese: 2025, 二〇二五) with the unit after it (年, 周年, 日);
// - a Latin word with its inner marks (Node.js, UTF-8);
// - a bracketed range such as （2023—2025） or 〔二·1〕 as one unit when it is short;
// - opening punctuation with what follows it, closing and middle punctuation with what precedes.
// The phrases of a text, joined, give the text back exactly.
// jieba's cuts are kept in the user's cache folder (fonts/cache.ts), by text, under a name made
// from jieba's version and dictionary: a build whose texts were all cut before loads no
// dictionary (~0.25 s a thread).
import { createRequire } from 'node:module';
import { cacheDir, fileDigest, readEntry, writeEntry } from '../fonts/cache.ts';
import { NO_LINE_END, NO_LINE_START } from './chars.ts';

interface Segmenter {
  cut(text: string, hmm?: boolean): string[];
}

let segmenter: Segmenter | undefined;

/** jieba with its default dictionary, loaded on first use (it takes ~0.2 s). */
function jieba(): Segmenter {
  if (!segmenter) {
    const require = createRequire(import.meta.url);
    const { Jieba } = require('@node-rs/jieba') as { Jieba: { withDict(dict: Uint8Array): Segmenter } };
    const { dict } = require('@node-rs/jieba/dict.js') as { dict: Uint8Array };
    segmenter = Jieba.withDict(dict);
  }
  return segmenter;
}

/** The cache entry of jieba's cuts: its name depends on jieba's version and dictionary. */
function cutsEntry(): string {
  const require = createRequire(import.meta.url);
  const { version } = require('@node-rs/jieba/package.json') as { version: string };
  return `jieba-cuts-${version}-${fileDigest(require.resolve('@node-rs/jieba/dict.txt')).slice(0, 16)}.json`;
}

/** Cuts by text (those read from the cache and those made here), the cache folder they belong to, and whether any is new. */
let cuts: { dir: string; entry: string; map: Map<string, string[]>; used: Set<string>; added: boolean } | undefined;
/** Past this many, only the cuts used by this process are written back. */
const MAX_CUTS = 100_000;

function knownCuts() {
  if (cuts?.dir !== cacheDir()) {
    let map = new Map<string, string[]>();
    let entry = '';
    try {
      entry = cutsEntry();
      const found = readEntry(entry);
      if (found) map = new Map(Object.entries(JSON.parse(found.toString('utf8')) as Record<string, string[]>));
    } catch { /* no cache: every text is cut */ }
    cuts = { dir: cacheDir(), entry, map, used: new Set(), added: false };
  }
  return cuts;
}

/** jieba's words of a text, without phrase rules: from the cache, else cut and remembered. */
function cut(text: string): string[] {
  const known = knownCuts();
  let words = known.map.get(text);
  if (!words) {
    words = jieba().cut(text, false);
    if (known.map.size > 2 * MAX_CUTS) known.map.clear();
    known.map.set(text, words);
    known.added = true;
  }
  if (known.used.size < MAX_CUTS) known.used.add(text);
  return words;
}

/** Writes the cuts made since the last time into the cache (merged with what another process wrote there meanwhile). */
export function saveCuts(): void {
  if (!cuts?.added || !cuts.entry) return;
  cuts.added = false;
  try {
    let stored: Record<string, string[]> = {};
    try { stored = JSON.parse(readEntry(cuts.entry)?.toString('utf8') ?? '{}') as Record<string, string[]>; } catch { /* unreadable: written again whole */ }
    const all = { ...stored, ...Object.fromEntries(cuts.map) };
    const map = cuts.map;
    writeEntry(cuts.entry, JSON.stringify(Object.keys(all).length > MAX_CUTS ? Object.fromEntries([...cuts.used].flatMap((t) => (map.has(t) ? [[t, map.get(t)]] : []))) : all));
  } catch { /* a cache that cannot be written only costs time */ }
}

/** Loads the cuts known (and the dictionary, if none are): a thread that will lay out text does it while it waits for the text. */
export function loadPhrases(): void {
  if (!knownCuts().map.size) jieba();
}

const DIGITS = /^[0-9０-９〇零一二三四五六七八九十百千万两]+$/u;
const ARABIC = /^[0-9０-９]+$/u;
/** What may follow a number inside one unit. */
const UNIT = /^(?:周年|年代|世纪|年|月|日|号|周|岁|时|分|秒|次|届|条|款|章|节|编|项|点|%|％|个|多)/u;
const LATIN = /^[A-Za-z0-9]/u;
const LATIN_JOIN = /^[.\-_/+'’:@#]$/u;
const SPACE = /^\s+$/u;
/** Dashes and ellipses that are never split (——, ……) and join the words on both sides of a range (2023—2025). */
const DASH = /^[—…－–~～]+$/u;
const CLOSING_BRACKET: Record<string, string> = { '（': '）', '《': '》', '「': '」', '『': '』', '〈': '〉', '【': '】', '〔': '〕', '〖': '〗', '‘': '’', '“': '”', '(': ')', '[': ']' };
/** Longest bracketed unit kept whole, in characters. */
const BRACKET_UNIT = 14;

/**
 * The phrases of `text`: break opportunities fall only between them. Never empty pieces;
 * `phrases(t).join('') === t`.
 */
export function phrases(text: string): string[] {
  if (!text) return [];
  const joined = numbered(text);
  // 2. Short bracketed ranges as one unit.
  const glued = singles(joined);
  const units: string[] = [];
  for (let i = 0; i < glued.length; i++) {
    const w = glued[i];
    const close = CLOSING_BRACKET[w];
    if (close) {
      let body = w;
      let j = i + 1;
      while (j < glued.length && body.length <= BRACKET_UNIT && glued[j] !== close) body += glued[j++];
      if (j < glued.length && glued[j] === close && body.length + 1 <= BRACKET_UNIT + 2) {
        units.push(body + close);
        i = j;
        continue;
      }
    }
    units.push(w);
  }
  // 3. Punctuation: opening marks go with what follows, closing and middle marks and dashes with what precedes.
  const out: string[] = [];
  let carry = '';
  for (const u of units) {
    if (SPACE.test(u)) {
      if (carry) { out.push(carry); carry = ''; }
      out.push(u);
      continue;
    }
    if ([...u].every((ch) => NO_LINE_END.includes(ch))) { carry += u; continue; }
    const prev = out.at(-1);
    const glued = [...u].every((ch) => NO_LINE_START.includes(ch)) || DASH.test(u);
    if (!carry && prev !== undefined && !SPACE.test(prev) && (glued || DASH.test(prev.at(-1)!) && !/^[—…]{2}$/u.test(prev.slice(-2)))) {
      out[out.length - 1] = prev + u;
      continue;
    }
    out.push(carry + u);
    carry = '';
  }
  if (carry) out.push(carry);
  return out;
}

/** jieba's words, with numbers joined: digits (split by jieba one by one in Chinese numerals) and the unit that follows. */
function numbered(text: string): string[] {
  const words = cut(text);
  const joined: string[] = [];
  for (let w of words) {
    const prev = joined.at(-1);
    if (prev !== undefined && !SPACE.test(prev)) {
      if (DIGITS.test(prev)) {
        // Digits that jieba split off (二〇二|五年) rejoin the number, then its unit does.
        const more = w.match(/^[0-9０-９〇零一二三四五六七八九十百千万两]+/u)?.[0];
        if (more && ARABIC.test(prev) === ARABIC.test(more)) {
          joined[joined.length - 1] += more;
          w = w.slice(more.length);
        }
        const unit = w.match(UNIT)?.[0];
        if (unit) {
          joined[joined.length - 1] += unit;
          w = w.slice(unit.length);
        }
        if (!w) continue;
      } else if (LATIN.test(w) && /[A-Za-z0-9][.\-_/+'’:@#]$/u.test(prev)) {
        joined[joined.length - 1] += w;
        continue;
      } else if (LATIN_JOIN.test(w) && /[A-Za-z0-9]$/u.test(prev)) {
        joined[joined.length - 1] += w;
        continue;
      }
    }
    joined.push(w);
  }
  return joined;
}

const HAN_CHAR = /^\p{Script=Han}$/u;
/** One-character words that end what precedes them: particles and suffixes (伙伴关系的, 联合声明集, 现代化). */
const SUFFIX = /^[的地得了着过们等性化者式集卷篇]$/u;

/**
 * One-character words stand with a neighbour, where jieba leaves them alone: a particle or
 * suffix with the word before it; any other (a prefix, a preposition, a conjunction: 新|时代,
 * 在|两国, 和|俄罗斯联邦) with the word after it, so that a line may begin with 和 but not end
 * with 新. A number takes the one character after it (两|国 → 两国). Only one step: a run of
 * single characters is not made into one long unit.
 */
function singles(list: string[]): string[] {
  const words: string[] = [];
  for (const w of list) {
    const prev = words.at(-1);
    if (prev !== undefined && DIGITS.test(prev) && HAN_CHAR.test(w) && !DIGITS.test(w)) words[words.length - 1] = prev + w;
    else words.push(w);
  }
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const prev = out.at(-1);
    const next = words[i + 1];
    const afterHan = prev !== undefined && /\p{Script=Han}$/u.test(prev);
    const beforeHan = next !== undefined && /^\p{Script=Han}/u.test(next);
    if (HAN_CHAR.test(w) && afterHan && (SUFFIX.test(w) || !beforeHan)) {
      out[out.length - 1] = prev + w;
    } else if (HAN_CHAR.test(w) && !SUFFIX.test(w) && beforeHan && !(DIGITS.test(w) && DIGITS.test(next))) {
      out.push(w + next);
      i++;
    } else out.push(w);
  }
  return out;
}

/** Offsets (in UTF-16 units) inside `text` where a display line may break. */
export function phraseBreaks(text: string): number[] {
  return offsets(phrases(text));
}

/**
 * Offsets between words (jieba's, numbers whole) that are not between phrases of the rules
 * below punctuation: second-best places for a display line that has a phrase wider than its
 * measure (inside a long bracketed date, between 二〇二五年 and 五月).
 */
export function wordBreaks(text: string): number[] {
  return text ? offsets(numbered(text)).filter((at) => !/^[，。、；：？！）》」』〉】〕〗’”—…]/u.test(text.slice(at)) && !/[（《「『〈【〔〖‘“]$/u.test(text.slice(0, at))) : [];
}

function offsets(pieces: string[]): number[] {
  const breaks: number[] = [];
  let at = 0;
  for (const p of pieces) {
    if (at > 0) breaks.push(at);
    at += p.length;
  }
  return breaks;
}
