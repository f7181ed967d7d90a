// Writes that a crash cannot leave half done. A single file is written to a temporary name in
// its folder and renamed into place. A set of files (an edition, the corpus) is committed as one
// step: every file is first written in full and flushed to the disk, then a journal naming the
// renames is written, then the renames are done and the journal removed. A run killed between
// the journal and its removal is finished by `recover`, which every command calls first on the
// folders it uses; a run killed before the journal leaves only temporary files, which `recover`
// removes. Nothing here installs signal handlers: the command line does (src/cli/signals.ts)
// and calls `removePending` when it is interrupted.
import { closeSync, copyFileSync, existsSync, fsyncSync, linkSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path';
import { fail } from './diagnostics.ts';

/** Temporary files: `.<name>.wenji-<pid>.tmp` (and `.old` copies kept to undo a failed commit). */
const TMP = /^\.(.+)\.wenji-(\d+)\.(tmp|old)$/u;
/** Staging folders of a commit: `.wenji-stage-<pid>`. */
const STAGE = /^\.wenji-stage-(\d+)$/u;
/** The journal of a commit in progress, in the folder it commits into. */
export const JOURNAL = '.wenji-journal';

const pending = new Set<string>();

/** Removes this run's temporary files and staging folders (called when the run is interrupted). */
export function removePending(): void {
  for (const p of pending) {
    try { rmSync(p, { recursive: true, force: true }); } catch { /* nothing more can be done */ }
  }
  pending.clear();
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes temporary files and staging folders left in a folder by runs that no longer exist. */
export function cleanStale(dir: string): void {
  let names: string[] = [];
  try { names = readdirSync(dir); } catch { return; }
  for (const name of names) {
    const tmp = TMP.exec(name);
    const stage = STAGE.exec(name);
    const pid = Number(tmp?.[2] ?? stage?.[1]);
    if (!tmp && !stage) continue;
    const path = join(dir, name);
    if (pid === process.pid ? !pending.has(path) : !alive(pid)) rmSync(path, { recursive: true, force: true });
  }
}

/** A temporary name beside `path`, removed if this run is interrupted. */
export function tempBeside(path: string, tag = 'tmp'): string {
  const tmp = join(dirname(path), `.${basename(path)}.wenji-${process.pid}.${tag}`);
  pending.add(tmp);
  return tmp;
}

/** A staging folder inside `dir` for this run, removed if the run is interrupted. */
export function stagingFolder(dir: string): string {
  const stage = join(dir, `.wenji-stage-${process.pid}`);
  rmSync(stage, { recursive: true, force: true });
  pending.add(stage);
  mkdirSync(stage);
  return stage;
}

/** Forgets a temporary path this run has removed or renamed itself. */
export function release(path: string): void {
  pending.delete(path);
}

/** Writes a file and flushes it to the disk. */
export function writeDurable(path: string, data: string | Uint8Array): void {
  const fd = openSync(path, 'w');
  try {
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    let done = 0;
    while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Flushes a folder's entries (the renames done in it) to the disk, where the system allows it. */
export function syncFolder(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try { fsyncSync(fd); } finally { closeSync(fd); }
  } catch { /* not every file system lets a folder be flushed */ }
}

/** Errors of the disk rather than of the program: the folder cannot be written, or is full. */
export function diskProblem(e: unknown): string | undefined {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC' || code === 'EDQUOT') return 'the disk is full';
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return `no permission to write (${code})`;
  if (code === 'ENOTDIR' || code === 'EEXIST' || code === 'EISDIR' || code === 'ENOTEMPTY' || code === 'ENOENT' || code === 'EIO' || code === 'EMFILE' || code === 'ENAMETOOLONG') return code;
  return undefined;
}

export function writeAtomic(path: string, data: string | Uint8Array): void {
  let tmp: string | undefined;
  try {
    mkdirSync(dirname(path), { recursive: true });
    tmp = tempBeside(path);
    writeDurable(tmp, data);
    renameSync(tmp, path);
  } catch (e) {
    if (tmp) { try { rmSync(tmp, { force: true }); } catch { /* the folder itself is unusable */ } }
    const why = diskProblem(e);
    if (why) fail({ code: 'output-unwritable', file: dirname(path), message: `cannot write ${basename(path)} here (${why})`, hint: 'make the folder writable and free some space, or choose another with --out' });
    throw e;
  } finally {
    if (tmp) release(tmp);
  }
}

/** One rename of a commit: a file written in full at `from` takes the place of `to`. */
export interface Move {
  from: string;
  to: string;
}

interface Journal {
  pid: number;
  /** Paths relative to the journal's folder. */
  moves: [string, string][];
}

function inside(dir: string, path: string): string {
  const rel = relative(dir, path);
  if (!rel || rel.startsWith(`..${sep}`) || rel === '..' || isAbsolute(rel)) throw new Error(`commit outside its folder: ${path}`);
  return rel;
}

/** Finishes the renames a journal names (those not done yet), then removes the journal. */
function rollForward(dir: string, journal: Journal): void {
  for (const [from, to] of journal.moves) {
    const source = join(dir, from);
    if (existsSync(source)) renameSync(source, join(dir, to));
  }
  for (const d of new Set(journal.moves.map(([, to]) => dirname(join(dir, to))))) syncFolder(d);
  rmSync(join(dir, JOURNAL), { force: true });
  syncFolder(dir);
  for (const d of new Set(journal.moves.flatMap(([from, to]) => [dirname(join(dir, from)), dirname(join(dir, to))]))) cleanStale(d);
}

/**
 * Makes a folder whole again after a run that was killed: a commit it had journaled is finished,
 * and its temporary files and staging folders are removed. Called at the start of every command.
 */
export function recover(dir: string): void {
  const path = join(dir, JOURNAL);
  let text: string | undefined;
  try { text = readFileSync(path, 'utf8'); } catch { /* no journal: nothing was being committed */ }
  if (text !== undefined) {
    let journal: Journal | undefined;
    try { journal = JSON.parse(text) as Journal; } catch { /* a journal is written whole or not at all */ }
    // A journal of this very process is stale (its pid was reused): recover runs before any commit.
    if (journal && (journal.pid === process.pid || !alive(journal.pid))) rollForward(dir, journal);
    else if (!journal) rmSync(path, { force: true });
  }
  cleanStale(dir);
}

/**
 * Renames every `from` onto its `to` (all inside `dir`) as one step: after a kill at any moment
 * either none is done or, once `recover` has run, all are. The `from` files must be written in
 * full and flushed (writeDurable). If a rename fails, the files already replaced are put back.
 * The renames run synchronously, so a signal is handled only once they are all done.
 */
export function commitMoves(dir: string, moves: Move[]): void {
  const journal: Journal = { pid: process.pid, moves: moves.map((m) => [inside(dir, m.from), inside(dir, m.to)]) };
  const backups: { to: string; backup: string }[] = [];
  for (const m of moves) {
    let existing = false;
    try { existing = !lstatSync(m.to).isDirectory(); } catch { /* a new file */ }
    if (!existing) continue;
    const backup = tempBeside(m.to, 'old');
    rmSync(backup, { force: true });
    try { linkSync(m.to, backup); } catch { copyFileSync(m.to, backup); }
    backups.push({ to: m.to, backup });
  }
  const journalTmp = tempBeside(join(dir, JOURNAL));
  writeDurable(journalTmp, JSON.stringify(journal));
  renameSync(journalTmp, join(dir, JOURNAL));
  release(journalTmp);
  syncFolder(dir);
  const done: Move[] = [];
  try {
    for (const m of moves) { renameSync(m.from, m.to); done.push(m); }
  } catch (e) {
    for (const m of done.reverse()) {
      const b = backups.find((x) => x.to === m.to);
      if (b) renameSync(b.backup, m.to);
      else rmSync(m.to, { force: true });
    }
    rmSync(join(dir, JOURNAL), { force: true });
    for (const b of backups) { rmSync(b.backup, { force: true }); release(b.backup); }
    throw e;
  }
  for (const d of new Set(moves.map((m) => dirname(m.to)))) syncFolder(d);
  rmSync(join(dir, JOURNAL), { force: true });
  syncFolder(dir);
  for (const b of backups) { rmSync(b.backup, { force: true }); release(b.backup); }
}
