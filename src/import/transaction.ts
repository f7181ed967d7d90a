// Writing the corpus as one transaction: every file is first written beside its target, and only
// when all are written are they renamed into place; if a rename fails, the files already replaced
// are put back. Import leaves the corpus as it was, or wholly as established.
import { existsSync, linkSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fail } from '../diagnostics.ts';
import { cleanStale } from '../fsutil.ts';

interface Staged {
  path: string;
  tmp: string;
  /** A second name for the file being replaced, to put it back. */
  backup?: string;
}

/** Temporary names in the pattern fsutil removes when a run was killed: `.<name>.wenji-<pid>.tmp`. */
const temp = (path: string, tag: string) => join(dirname(path), `.${basename(path)}${tag}.wenji-${process.pid}.tmp`);

function unwritable(path: string, e: unknown): never {
  fail({ code: 'output-unwritable', file: dirname(path), message: `cannot write ${basename(path)} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); the corpus was left as it was`, hint: 'make corpus/ writable and run import again' });
}

/** Writes all files or none. */
export function writeAll(files: { path: string; content: string }[]): void {
  for (const dir of new Set(files.map((f) => dirname(f.path)))) cleanStale(dir);
  const staged: Staged[] = [];
  const discard = () => { for (const s of staged) { rmSync(s.tmp, { force: true }); if (s.backup) rmSync(s.backup, { force: true }); } };
  try {
    for (const f of files) {
      const s: Staged = { path: f.path, tmp: temp(f.path, '') };
      staged.push(s);
      writeFileSync(s.tmp, f.content);
      if (existsSync(f.path)) { s.backup = temp(f.path, '.old'); linkSync(f.path, s.backup); }
    }
  } catch (e) {
    discard();
    unwritable(staged[staged.length - 1]?.path ?? files[0].path, e);
  }
  const done: Staged[] = [];
  try {
    for (const s of staged) { renameSync(s.tmp, s.path); done.push(s); }
  } catch (e) {
    for (const s of done.reverse()) {
      if (s.backup) renameSync(s.backup, s.path);
      else rmSync(s.path, { force: true });
    }
    discard();
    unwritable(staged[done.length].path, e);
  }
  discard();
}
