#!/usr/bin/env node
// Compiles src/ into dist/ (TypeScript → JavaScript, with the files the code reads beside it:
// templates, styles, the example project), so that `wenji` runs without a compiler at run time.
// Run by `npm install`/`npm ci` (prepare) and by `npm run compile`. The new tree is made in a
// temporary folder and put in place whole; dist/.compiled is written last and marks it complete.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
// `--out <dir>` compiles elsewhere (a folder directly under the repository, so that the code
// finds package.json and node_modules as from dist/).
const at = process.argv.indexOf('--out');
const DIST = at > 0 ? join(ROOT, process.argv[at + 1]) : join(ROOT, 'dist');
const NEXT = `${DIST}.${process.pid}.tmp`;

const require = createRequire(import.meta.url);
let tsc;
try {
  tsc = join(dirname(require.resolve('typescript/package.json')), 'bin', 'tsc');
} catch {
  console.error('wenji: typescript is not installed (a devDependency); not compiling, bin/wenji.js will run the sources through tsx');
  process.exit(0);
}

rmSync(NEXT, { recursive: true, force: true });
try {
  execFileSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', NEXT], { stdio: 'inherit', cwd: ROOT });
  // Every file of src/ that is not TypeScript is read by the code relative to itself: copy it.
  const copy = (dir) => {
    for (const e of readdirSync(join(ROOT, 'src', dir), { withFileTypes: true })) {
      const rel = join(dir, e.name);
      if (e.isDirectory()) copy(rel);
      else if (!e.name.endsWith('.ts')) {
        mkdirSync(dirname(join(NEXT, rel)), { recursive: true });
        cpSync(join(ROOT, 'src', rel), join(NEXT, rel));
      }
    }
  };
  copy('');
  writeFileSync(join(NEXT, '.compiled'), `${new Date().toISOString()}\n`);
  // The old tree is moved aside, not deleted first, so that it is missing only for a moment.
  const OLD = `${DIST}.${process.pid}.old`;
  if (existsSync(DIST)) renameSync(DIST, OLD);
  renameSync(NEXT, DIST);
  rmSync(OLD, { recursive: true, force: true });
} catch (e) {
  rmSync(NEXT, { recursive: true, force: true });
  console.error(`wenji: compiling src/ failed${existsSync(DIST) ? '' : '; bin/wenji.js will run the sources through tsx'}`);
  process.exit(1);
}
