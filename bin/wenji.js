#!/usr/bin/env node
// Entry point: runs the compiled JavaScript in dist/ (made by `npm install` or `npm run compile`)
// when it is at least as new as every file of src/; otherwise runs the TypeScript sources through
// tsx, saying so, as a changed source is then newer than its compiled form. Installs the handlers
// of signals and unexpected errors (src/cli/signals.ts), then runs the command.
import { readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The newest modification time of a file under `dir`. */
function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return t;
}

function compiled() {
  try {
    return statSync(join(ROOT, 'dist', '.compiled')).mtimeMs >= newest(join(ROOT, 'src'));
  } catch {
    return false;
  }
}

let main;
let installHandlers;
if (process.env.WENJI_SOURCES !== '1' && compiled()) {
  ({ installHandlers } = await import('../dist/cli/signals.js'));
  ({ main } = await import('../dist/cli/main.js'));
} else {
  if (process.env.WENJI_SOURCES !== '1') console.error('wenji: dist/ is missing or older than src/ (run `npm run compile`); running the sources through tsx');
  const { register } = await import('tsx/esm/api');
  register();
  ({ installHandlers } = await import('../src/cli/signals.ts'));
  ({ main } = await import('../src/cli/main.ts'));
}
installHandlers();
process.stdout.on('error', (e) => { if (e.code === 'EPIPE') process.exit(0); });
process.exitCode = await main(process.argv);
