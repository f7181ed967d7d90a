// A throwaway copy of the project's corpus, for tests that feed bad input or write output.
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CORPUS } from './paths.ts';

export function tempProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wenji-'));
  cpSync(CORPUS, join(dir, 'corpus'), { recursive: true });
  return dir;
}

/** Every file under a folder with its content, to show that a command changed nothing. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[p.slice(dir.length)] = readFileSync(p, 'latin1');
    }
  };
  walk(dir);
  return out;
}
