// The disk cache of made fonts (and other costly artefacts made from them, such as the cover):
// in the user's cache folder ($XDG_CACHE_HOME/wenji/fonts, else ~/.cache/wenji/fonts; the
// variable WENJI_FONT_CACHE names another folder), never beside the sources. An entry's name is a
// digest of everything its bytes depend on, so a stale entry is never read: it is only left
// unused, and entries unused for PRUNE_DAYS days are removed (looked for once a day at most).
// A cache that cannot be read or written only costs time.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync, utimesSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { writeAtomic } from '../fsutil.ts';

const PRUNE_DAYS = 30;
const DAY = 24 * 3600 * 1000;

export function cacheDir(): string {
  if (process.env.WENJI_FONT_CACHE) return process.env.WENJI_FONT_CACHE;
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'wenji', 'fonts');
}

export function digest(...parts: (string | Uint8Array)[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(typeof p === 'string' ? `${p.length}:${p}` : p).update('\0');
  return h.digest('hex').slice(0, 40);
}

/** Digests of files by path, size and time, kept in the cache so that a warm run reads no font file whole. */
let digests: { dir: string; map: Record<string, string>; changed: boolean } | undefined;

function digestIndex(dir: string) {
  if (digests?.dir !== dir) {
    let map: Record<string, string> = {};
    try { map = JSON.parse(readFileSync(join(dir, 'file-digests.json'), 'utf8')) as Record<string, string>; } catch { /* none yet */ }
    digests = { dir, map, changed: false };
  }
  return digests;
}

/** A digest of a file's bytes (read once per path, size and modification time, then remembered). */
export function fileDigest(path: string): string {
  const s = statSync(path);
  const index = digestIndex(cacheDir());
  const id = `${path}\n${s.size}\n${s.mtimeMs}`;
  let d = index.map[id];
  if (!d) {
    d = digest(readFileSync(path));
    index.map[id] = d;
    index.changed = true;
  }
  return d;
}

function saveDigests(): void {
  if (!digests?.changed) return;
  digests.changed = false;
  // Merged with what another thread or process wrote meanwhile (a build's two threads both make faces).
  let stored: Record<string, string> = {};
  try { stored = JSON.parse(readFileSync(join(digests.dir, 'file-digests.json'), 'utf8')) as Record<string, string>; } catch { /* none yet */ }
  try { writeAtomic(join(digests.dir, 'file-digests.json'), JSON.stringify({ ...stored, ...digests.map })); } catch { /* only costs time */ }
}

/** Reads an entry, marking it used; undefined if there is none. */
export function readEntry(name: string): Buffer | undefined {
  const path = join(cacheDir(), name);
  try {
    const data = readFileSync(path);
    const now = new Date();
    try { utimesSync(path, now, now); } catch { /* read-only cache */ }
    return data;
  } catch {
    return undefined;
  }
}

/** Writes an entry (atomically), and now and then removes entries long unused. */
export function writeEntry(name: string, data: Uint8Array | string): void {
  const dir = cacheDir();
  try {
    writeAtomic(join(dir, name), data);
    saveDigests();
    prune(dir);
  } catch {
    // A cache that cannot be written only costs time.
  }
}

const pruned = new Set<string>();

/** Removes entries not used for PRUNE_DAYS days; at most once a day per folder (a stamp file says when). */
export function prune(dir: string, now = Date.now()): void {
  if (pruned.has(dir)) return;
  pruned.add(dir);
  const stamp = join(dir, '.pruned');
  try {
    if (now - statSync(stamp).mtimeMs < DAY) return;
  } catch { /* never pruned */ }
  try {
    for (const name of readdirSync(dir)) {
      if (name.startsWith('.') || name === 'file-digests.json') continue;
      const path = join(dir, name);
      if (now - statSync(path).mtimeMs > PRUNE_DAYS * DAY) rmSync(path, { force: true });
    }
    writeAtomic(stamp, '');
  } catch { /* only costs room */ }
}

/** Entries made in this process, by folder and name: a rebuild reuses them without reading the disk. */
const memory = new Map<string, Promise<Buffer>>();

/**
 * The entry `name`, from this process, else from the disk, else made by `make` and stored.
 * Up to `keep` entries are kept in memory (the oldest forgotten first), so a long `watch` stays bounded.
 */
export function cachedFile(name: string, make: () => Promise<Buffer> | Buffer, keep = 256): Promise<Buffer> {
  const key = `${cacheDir()}\n${name}`;
  let entry = memory.get(key);
  if (entry) {
    memory.delete(key);
    memory.set(key, entry);
    return entry;
  }
  entry = (async () => {
    const found = readEntry(name);
    if (found) return found;
    const made = await make();
    writeEntry(name, made);
    return made;
  })();
  entry.catch(() => memory.delete(key));
  memory.set(key, entry);
  while (memory.size > keep) memory.delete(memory.keys().next().value!);
  return entry;
}
