// Writing the corpus as one transaction: every file is first written in full beside its target,
// then all are renamed into place as one journaled commit (fsutil.ts). An error before the
// commit removes what was written; an error during it puts back the files already replaced; a
// kill during it is finished by the next command. Import leaves the corpus as it was, or wholly
// as established.
import { lstatSync, rmSync } from 'node:fs';
import { basename, dirname, sep } from 'node:path';
import { fail } from '../diagnostics.ts';
import { cleanStale, commitMoves, diskProblem, recover, release, tempBeside, writeDurable, type Move } from '../fsutil.ts';

/** The deepest folder holding every path. */
function commonFolder(paths: string[]): string {
  let dir = dirname(paths[0]);
  while (!paths.every((p) => p.startsWith(dir.endsWith(sep) ? dir : dir + sep))) dir = dirname(dir);
  return dir;
}

function unwritable(path: string, e: unknown): never {
  const why = diskProblem(e);
  if (!why) throw e;
  fail({ code: 'output-unwritable', file: dirname(path), message: `cannot write ${basename(path)} (${why}); the corpus was left as it was`, hint: 'make corpus/ writable, free some space, and run import again' });
}

function isFolder(path: string): boolean {
  try { return lstatSync(path).isDirectory(); } catch { return false; }
}

/** Writes all files or none. */
export function writeAll(files: { path: string; content: string }[]): void {
  if (!files.length) return;
  const dir = commonFolder(files.map((f) => f.path));
  for (const f of files) {
    if (isFolder(f.path)) fail({ code: 'output-unwritable', file: f.path, message: `${basename(f.path)} is a folder where import must write a file; the corpus was left as it was`, hint: 'move the folder away and run import again' });
  }
  recover(dir);
  for (const d of new Set(files.map((f) => dirname(f.path)))) cleanStale(d);
  const moves: Move[] = [];
  const discard = () => { for (const m of moves) { rmSync(m.from, { force: true }); release(m.from); } };
  let current = files[0].path;
  try {
    for (const f of files) {
      current = f.path;
      const tmp = tempBeside(f.path);
      moves.push({ from: tmp, to: f.path });
      writeDurable(tmp, f.content);
    }
    commitMoves(dir, moves);
    for (const m of moves) release(m.from);
  } catch (e) {
    discard();
    unwritable(current, e);
  }
}
