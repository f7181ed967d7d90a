// Publishing: the files of every edition built, and a SHA256SUMS manifest of all the editions in
// the output folder, appear together or not at all. Everything is written to a staging folder
// inside out/ and flushed to the disk; then one journaled commit (fsutil.ts) renames the files
// into place. A failure before the commit (a full disk, an unwritable folder) removes the staging
// folder and leaves out/ as it was; a kill during the commit is finished by the next command.
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { DiagnosticError, fail, type Diagnostic } from '../diagnostics.ts';
import { cleanStale, commitMoves, diskProblem, recover, release, stagingFolder, syncFolder, writeDurable, type Move } from '../fsutil.ts';

export type Format = 'epub' | 'pdf';

/** The files made for one edition, ready to publish. */
export interface Made {
  slug: string;
  files: { format: Format; data: Uint8Array }[];
}

export interface BuildResult {
  format: Format;
  path: string;
  bytes: number;
}

/** The manifest of every edition in the folder, in the format of `sha256sum` (check with `sha256sum -c`). */
export const MANIFEST = 'SHA256SUMS';
/** Marks a folder wenji made, which `--out` may name again though it is outside the project. */
export const MARKER = '.wenji';
const MARKER_TEXT = 'This folder holds editions built by wenji (EPUB, PDF and their SHA256SUMS); `wenji build` replaces them.\n';
/** The files a manifest lists: the editions in the folder. */
const EDITION_FILE = /\.(epub|pdf)$/u;

/** A path with its symbolic links resolved, as far as it exists. */
function realPath(path: string): string {
  const abs = resolve(path);
  try {
    return realpathSync(abs);
  } catch {
    const parent = dirname(abs);
    return parent === abs ? abs : join(realPath(parent), basename(abs));
  }
}

function within(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !/^[A-Za-z]:|^\//u.test(rel));
}

/**
 * The output folder must be inside the project (and not in its corpus or templates), or a new or
 * empty folder, or one wenji made before (it holds MARKER): `--out /` or `--out ~` is refused.
 */
export function checkOutDir(root: string, outDir: string, corpusDir = join(root, 'corpus')): void {
  const out = realPath(outDir);
  const project = realPath(root);
  const refuse = (message: string, hint: string) => fail({ code: 'usage', file: outDir, message, hint });
  if (within(out, project)) refuse('the output folder would hold the project itself', 'choose a folder of its own, such as out/ in the project');
  for (const dir of [corpusDir, join(root, 'templates')]) {
    if (within(realPath(dir), out)) refuse(`the output folder is inside ${relative(root, dir) || dir}/, which wenji build never writes`, 'choose a folder of its own, such as out/ in the project');
  }
  if (within(project, out) || !existsSync(out)) return;
  let names: string[];
  try {
    names = readdirSync(out);
  } catch {
    return refuse('the output folder is not a folder that can be read', 'choose a new or empty folder, or one inside the project');
  }
  if (names.length && !names.includes(MARKER)) {
    refuse('the output folder is outside the project, not empty, and not one wenji made', `give a folder inside the project, a new or empty folder, or one an earlier build wrote (it holds a ${MARKER} file)`);
  }
}

/** `sha256sum`'s line for a file: the hash, two spaces, the name (escaped as sha256sum escapes it). */
function manifestLine(name: string, data: Uint8Array): string {
  const hash = createHash('sha256').update(data).digest('hex');
  const escaped = name.replace(/\\/gu, '\\\\').replace(/\n/gu, '\\n').replace(/\r/gu, '\\r');
  return `${escaped === name ? '' : '\\'}${hash}  ${escaped}\n`;
}

/** The manifest of the folder once `made` is in place: new files and the editions already there. */
export function manifest(outDir: string, made: Map<string, Uint8Array>): string {
  const names = new Set(made.keys());
  let existing: string[] = [];
  try { existing = readdirSync(outDir); } catch { /* a new folder */ }
  for (const name of existing) {
    if (!EDITION_FILE.test(name) || names.has(name)) continue;
    try { if (lstatSync(join(outDir, name)).isFile()) names.add(name); } catch { /* gone meanwhile */ }
  }
  return [...names].sort().map((name) => manifestLine(name, made.get(name) ?? readFileSync(join(outDir, name)))).join('');
}

/** The manifest checked as `sha256sum -c` checks it: each file listed must exist with its hash. */
export function verifyManifest(outDir: string, label = outDir): Diagnostic[] {
  const file = join(label, MANIFEST);
  let text: string;
  try { text = readFileSync(join(outDir, MANIFEST), 'utf8'); } catch {
    return [{ severity: 'warning', code: 'output-manifest', file, message: 'no manifest of the built files', hint: 'run `wenji build` again: it writes SHA256SUMS with the files' }];
  }
  const found: Diagnostic[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line) return;
    const m = /^(\\?)([0-9a-f]{64}) [ *](.+)$/u.exec(line);
    if (!m) { found.push({ severity: 'error', code: 'output-manifest', file, line: i + 1, column: 1, message: 'not a line of sha256sum', hint: 'run `wenji build` again' }); return; }
    const name = m[1] ? m[3].replace(/\\(\\|n|r)/gu, (_, c: string) => (c === 'n' ? '\n' : c === 'r' ? '\r' : '\\')) : m[3];
    let data: Buffer | undefined;
    try { data = readFileSync(join(outDir, name)); } catch { /* listed but missing */ }
    const hash = data && createHash('sha256').update(data).digest('hex');
    if (hash !== m[2]) found.push({ severity: 'error', code: 'output-manifest', file, line: i + 1, column: 1, message: data ? `${name} does not match its checksum: it was changed after the build` : `${name} is listed but missing`, hint: 'run `wenji build` again' });
  });
  return found;
}

function unwritable(outDir: string, e: unknown, name: string): never {
  const why = diskProblem(e);
  if (!why) throw e;
  fail({ code: 'output-unwritable', file: outDir, message: `cannot write ${name} here (${why}); the folder was left as it was`, hint: 'make the folder writable and free some space, or choose another with --out' });
}

/** Is the output folder inside the project (where it needs no marker)? */
export function insideProject(root: string, outDir: string): boolean {
  return within(realPath(root), realPath(outDir));
}

/**
 * Every file of every edition and the manifest into `outDir` as one commit; with `mark`, also the
 * marker that lets a folder outside the project be built into again.
 */
export function publish(outDir: string, editions: Made[], mark = false): BuildResult[] {
  const files = new Map<string, Uint8Array>();
  for (const e of editions) for (const f of e.files) files.set(`${e.slug}.${f.format}`, f.data);
  const problems = [...files.keys(), MANIFEST].filter((name) => {
    try { return lstatSync(join(outDir, name)).isDirectory(); } catch { return false; }
  });
  if (problems.length) {
    throw new DiagnosticError(problems.map((name) => ({ severity: 'error' as const, code: 'output-unwritable' as const, file: join(outDir, name), message: `${name} is a folder where the build must write a file; nothing was written`, hint: `move or remove the folder ${name}, or build into another folder with --out` })));
  }
  let stage: string | undefined;
  let current = [...files.keys()][0] ?? MANIFEST;
  try {
    mkdirSync(outDir, { recursive: true });
    recover(outDir);
    cleanStale(outDir);
    stage = stagingFolder(outDir);
    const moves: Move[] = [];
    const put = (name: string, data: string | Uint8Array) => {
      current = name;
      writeDurable(join(stage!, name), data);
      moves.push({ from: join(stage!, name), to: join(outDir, name) });
    };
    for (const [name, data] of files) put(name, data);
    put(MANIFEST, manifest(outDir, files));
    if (mark && !existsSync(join(outDir, MARKER))) put(MARKER, MARKER_TEXT);
    syncFolder(stage);
    current = MANIFEST;
    commitMoves(outDir, moves);
  } catch (e) {
    if (e instanceof DiagnosticError) throw e;
    unwritable(outDir, e, current);
  } finally {
    if (stage) { rmSync(stage, { recursive: true, force: true }); release(stage); }
  }
  return [...files].map(([name, data]) => ({ format: name.slice(name.lastIndexOf('.') + 1) as Format, path: join(outDir, name), bytes: data.length }));
}
