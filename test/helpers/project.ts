// A throwaway copy of the project's corpus, for tests that feed bad input or write output.
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CORPUS, ROOT } from './paths.ts';

/** A copy of the corpus and templates in a fresh folder (no out/). */
export function tempProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wenji-'));
  cpSync(CORPUS, join(dir, 'corpus'), { recursive: true });
  cpSync(join(ROOT, 'templates'), join(dir, 'templates'), { recursive: true });
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
