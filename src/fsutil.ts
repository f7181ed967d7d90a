// Atomic writes: a file appears complete or not at all. Output goes to a temporary file in the
// same folder and is renamed into place, so an interrupted run leaves the previous file intact.
// Temporary files of a run that is interrupted are removed on SIGINT/SIGTERM, and those of a
// run that was killed outright are removed by the next one.
import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fail } from './diagnostics.ts';

const TMP = /^\.(.+)\.wenji-(\d+)\.tmp$/u;
const pending = new Set<string>();

function removePending(): void {
  for (const p of pending) rmSync(p, { force: true });
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    removePending();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Removes temporary files left in a folder by runs that no longer exist. */
export function cleanStale(dir: string): void {
  let names: string[] = [];
  try { names = readdirSync(dir); } catch { return; }
  for (const name of names) {
    const m = TMP.exec(name);
    if (m && (Number(m[2]) === process.pid ? !pending.has(join(dir, name)) : !alive(Number(m[2])))) rmSync(join(dir, name), { force: true });
  }
}

export function writeAtomic(path: string, data: string | Uint8Array): void {
  const tmp = join(dirname(path), `.${basename(path)}.wenji-${process.pid}.tmp`);
  try {
    mkdirSync(dirname(path), { recursive: true });
    pending.add(tmp);
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (e) {
    try { rmSync(tmp, { force: true }); } catch { /* the folder itself is unusable */ }
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'ENOTDIR' || code === 'EEXIST') {
      fail({ code: 'output-unwritable', file: dirname(path), message: `cannot write ${basename(path)} here (${code})`, hint: 'make the folder writable, or choose another with --out' });
    }
    throw e;
  } finally {
    pending.delete(tmp);
  }
}
