// The real command line in a process of its own (bin/wenji.js), for what only a whole process
// shows: signals, kills, fresh caches. Also the state of a folder as hashes of every file.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './paths.ts';

export const WENJI = join(ROOT, 'bin', 'wenji.js');

export interface Child {
  process: ChildProcess;
  /** Everything printed so far, stdout and stderr. */
  out: () => string;
  err: () => string;
  /** Resolves when the output shows `pattern` (rejects if the process ends first). */
  waitFor: (pattern: RegExp) => Promise<void>;
  /** The exit: code (or null), signal (or null), and when it came (performance.now()). */
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

export function wenji(args: string[], env: Record<string, string> = {}): Child {
  const child = spawn(process.execPath, [WENJI, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env, CI: '1' } });
  let out = '';
  let err = '';
  const watchers: { pattern: RegExp; resolve: () => void }[] = [];
  const check = () => { for (const w of [...watchers]) if (w.pattern.test(out + err)) { watchers.splice(watchers.indexOf(w), 1); w.resolve(); } };
  child.stdout!.on('data', (d) => { out += String(d); check(); });
  child.stderr!.on('data', (d) => { err += String(d); check(); });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, at: performance.now() })));
  const waitFor = (pattern: RegExp) => new Promise<void>((resolve, reject) => {
    watchers.push({ pattern, resolve });
    check();
    void exit.then(() => reject(new Error(`the process ended before printing ${pattern}:\n${out}\n${err}`)));
  });
  return { process: child, out: () => out, err: () => err, waitFor, exit };
}

/** Runs to the end. */
export async function wenjiDone(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; out: string; err: string }> {
  const c = wenji(args, env);
  const { code } = await c.exit;
  return { code, out: c.out(), err: c.err() };
}

/** Every file under a folder (hidden ones too) → the SHA-256 of its bytes. */
export function hashes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[p.slice(dir.length + 1)] = createHash('sha256').update(readFileSync(p)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

/** Names under a folder that a run leaves only while it works: temporary files, staging, journal. */
export function leftovers(dir: string): string[] {
  return readdirSync(dir, { recursive: true }).map(String).filter((n) => /\.wenji-\d+\.(tmp|old)$|\.wenji-stage-\d+|\.wenji-journal/u.test(n));
}
