#!/usr/bin/env node
// Entry point: runs the compiled JavaScript in dist/ (made by `npm install` or `npm run compile`)
// when it is at least as new as every file of src/; otherwise runs the TypeScript sources through
// tsx, saying so, as a changed source is then newer than its compiled form. Installs the handlers
// of signals and unexpected errors (src/cli/signals.ts), then runs the command; for `build`, starts
// the build's child process before all that.
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

/** The command named by the arguments: the first that is not an option (nor the folder of -C). */
function command(argv) {
  for (let i = 2; i < argv.length; i++) {
    if (argv[i] === '-C' || argv[i] === '--project') i++;
    else if (!argv[i].startsWith('-')) return argv[i];
  }
  return undefined;
}

let main;
let installHandlers;
if (process.env.WENJI_SOURCES !== '1' && compiled()) {
  // A build's child process is started first, so that node boots in it while this process
  // loads and parses the command line (src/build/abort.ts).
  if (command(process.argv) === 'build') (await import('../dist/build/abort.js')).prestart();
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
