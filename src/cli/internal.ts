// An error of the program itself (not of the user's files) never reaches the user as a stack
// trace: one line says it is an internal error, where to report it and where the details are;
// the stack goes to a log file in the system's temporary folder. Exit code 70 (EX_SOFTWARE).
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const EXIT_INTERNAL = 70;

/** Where to report a bug: the repository's issues from package.json, if it names them. */
function reportTo(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { bugs?: string | { url?: string }; repository?: string | { url?: string } };
    const bugs = typeof pkg.bugs === 'string' ? pkg.bugs : pkg.bugs?.url;
    if (bugs) return `please report it at ${bugs}`;
    const repo = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
    const web = repo?.replace(/^git\+/u, '').replace(/\.git$/u, '');
    if (web?.startsWith('https://')) return `please report it at ${web}/issues`;
  } catch { /* fall through */ }
  return 'please report it to the maintainers';
}

/** Prints the one line, writes the log, and gives the exit code. */
export function reportInternal(e: unknown): number {
  const message = ((e as Error)?.message ?? String(e)).split('\n')[0].slice(0, 300);
  const log = join(tmpdir(), `wenji-internal-error-${new Date().toISOString().replace(/[:.]/gu, '-')}-${process.pid}.log`);
  let where = `details in ${log}`;
  try {
    writeFileSync(log, `wenji ${process.argv.slice(2).join(' ')}\nnode ${process.version} ${process.platform} ${process.arch}\n\n${(e as Error)?.stack ?? String(e)}\n`);
  } catch {
    where = 'no log could be written';
  }
  process.stderr.write(`wenji: internal error: ${message} (${reportTo()}); ${where}\n`);
  return EXIT_INTERNAL;
}
