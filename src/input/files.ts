// Every read of a project file goes through here, so that one rule holds for all of them: a path
// that comes from input (front matter, the edition file, a template, an image, an option) is read
// only when it lies inside the project (symbolic links resolved on both sides), only when it is a
// regular file (never a FIFO, a device or a folder), and only up to a size limit for its kind.
// What is refused is a diagnostic naming the file, or the place that named it, and what to do.
import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { DiagnosticError, type Diagnostic } from '../diagnostics.ts';
import { decodeText } from './decode.ts';

/** What a file is read as, which sets its size limit. */
export type FileKind = 'document' | 'yaml' | 'template' | 'image' | 'witness';

const MB = 1024 * 1024;

/**
 * The most read of each kind. A document of 5 MB holds some 1.7 million Chinese characters (twice
 * the length of 红楼梦); front matter and configuration are a few fields; a template is a page.
 */
export const LIMITS: Record<FileKind, number> = {
  document: 5 * MB,
  yaml: 1 * MB,
  template: 256 * 1024,
  image: 20 * MB,
  witness: 32 * MB,
};

/**
 * Most pixels a raster image may have: 40 megapixels, more than a full A4 page at 600 dpi. A small
 * file can declare far more (a compressed blank of 20,000 × 20,000 took 6.6 GB and 97 s to embed).
 */
export const MAX_PIXELS = 40_000_000;

const WHAT: Record<FileKind, string> = { document: 'a document', yaml: 'a YAML file', template: 'a template', image: 'an image', witness: 'a witness' };

/** The place that named a file (a key of front matter, an image in a document), for messages. */
export interface NamedAt {
  file: string;
  line?: number;
  column?: number;
}

/** Where a refusal is reported: at the file itself, or where it was named. */
export interface ReadRequest {
  /** The file as messages show it (`corpus/a.md`). */
  label: string;
  kind: FileKind;
  /** Folders the file must lie in (the project, and the corpus folder if it lies elsewhere). */
  bounds: string[];
  from?: NamedAt;
}

export type Refusal = { why: string; hint: string };

function formatSize(bytes: number): string {
  return bytes >= MB ? `${(bytes / MB).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

export function formatLimit(kind: FileKind): string {
  return formatSize(LIMITS[kind]);
}

/** The real path of a folder, or the folder itself if it does not exist yet. */
function realFolder(dir: string): string {
  try { return realpathSync(dir); } catch { return resolve(dir); }
}

/** True when `path` is `dir` or lies below it. */
export function within(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/** Why a path may not be read as the kind asked, or its real path. */
export function checkPath(path: string, req: Pick<ReadRequest, 'kind' | 'bounds'>): { real: string } | Refusal {
  const bounds = req.bounds.map((b) => resolve(b));
  const abs = resolve(path);
  if (!bounds.some((b) => within(b, abs))) return { why: 'lies outside the project', hint: 'copy the file into the project and name it by a path relative to the file that names it' };
  let real: string;
  try {
    lstatSync(abs);
    real = realpathSync(abs);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') return { why: 'is a symbolic link that points to itself', hint: 'replace the link by the file' };
    if (code === 'EACCES') return { why: 'cannot be read (permission denied)', hint: 'make the file readable' };
    return { why: 'does not exist', hint: 'check the path and the spelling of the file name' };
  }
  if (!bounds.map(realFolder).some((b) => within(b, real))) return { why: 'is a link to a file outside the project', hint: 'copy the file itself into the project' };
  let stat;
  try { stat = statSync(real); } catch { return { why: 'cannot be read', hint: 'check the file' }; }
  if (stat.isDirectory()) return { why: 'is a folder, not a file', hint: 'name a file; a folder\'s name should not end like a file\'s (.md, .yaml)' };
  if (stat.isFIFO()) return { why: 'is a named pipe (FIFO), not a file', hint: 'replace it by a regular file' };
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return { why: 'is a device, not a file', hint: 'name a regular file' };
  if (stat.isSocket()) return { why: 'is a socket, not a file', hint: 'name a regular file' };
  if (!stat.isFile()) return { why: 'is not a regular file', hint: 'name a regular file' };
  if (stat.size > LIMITS[req.kind]) return { why: `is ${formatSize(stat.size)}; ${WHAT[req.kind]} may be at most ${formatLimit(req.kind)}`, hint: tooLargeHint(req.kind) };
  return { real };
}

function tooLargeHint(kind: FileKind): string {
  switch (kind) {
    case 'document': return 'split it into several documents (one per chapter)';
    case 'yaml': return 'front matter and configuration hold a few fields; put long text in a document';
    case 'template': return 'a template is a page of Markdown with a few variables; put the text in a document';
    case 'image': return 'make the image smaller (fewer pixels, or JPEG)';
    case 'witness': return 'split the witness into several files';
  }
}

function refusal(req: ReadRequest, r: Refusal): DiagnosticError {
  const at: Diagnostic = req.from
    ? { severity: 'error', code: 'input-refused', file: req.from.file, line: req.from.line ?? 1, column: req.from.column ?? 1, message: `${req.label} ${r.why}`, hint: r.hint }
    : { severity: 'error', code: 'input-refused', file: req.label, message: `${req.label} ${r.why}`, hint: r.hint };
  return new DiagnosticError([at]);
}

/**
 * The bytes of a regular file, read through a descriptor opened without blocking and checked
 * again after opening, so that a file swapped for a pipe or grown meanwhile is still refused.
 */
function readChecked(real: string, kind: FileKind): Buffer | Refusal {
  let fd: number;
  try { fd = openSync(real, constants.O_RDONLY | constants.O_NONBLOCK | (constants.O_NOFOLLOW ?? 0)); } catch { return { why: 'cannot be opened', hint: 'check that the file is readable' }; }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { why: 'is not a regular file', hint: 'name a regular file' };
    const limit = LIMITS[kind];
    const buf = Buffer.alloc(Math.min(stat.size, limit) + 1);
    let n = 0;
    for (;;) {
      const got = readSync(fd, buf, n, buf.length - n, null);
      if (got === 0) break;
      n += got;
      if (n === buf.length) {
        if (n > limit) return { why: `is larger than ${formatLimit(kind)}, the most ${WHAT[kind]} may be`, hint: tooLargeHint(kind) };
        break;
      }
    }
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/** The bytes of a file of the project, or a Refusal (for callers that turn it into a warning). */
export function tryReadBytes(path: string, req: Pick<ReadRequest, 'kind' | 'bounds'>): { data: Buffer; real: string } | Refusal {
  const checked = checkPath(path, req);
  if ('why' in checked) return checked;
  const data = readChecked(checked.real, req.kind);
  return 'why' in data ? data : { data, real: checked.real };
}

/** The bytes of a file of the project; a refusal is thrown as a diagnostic. */
export function readBytes(path: string, req: ReadRequest): Buffer {
  const r = tryReadBytes(path, req);
  if ('why' in r) throw refusal(req, r);
  return r.data;
}

/**
 * The text of a file of the project: UTF-8 (a BOM is accepted), line ends made LF, and every
 * character one that XML allows; anything else is an error at its line and column.
 */
export function readText(path: string, req: ReadRequest): string {
  return decodeText(readBytes(path, req), req.label);
}

/** True when the path names an existing entry (of any type) inside the bounds; never follows it outside. */
export function existsInside(path: string, bounds: string[]): boolean {
  const abs = resolve(path);
  if (!bounds.some((b) => within(resolve(b), abs))) return false;
  try { lstatSync(abs); return true; } catch { return false; }
}

/** One entry of a folder, as the walk of a project folder sees it. */
export interface Entry {
  name: string;
  /** A folder to walk, a regular file, or something that is neither (reported when it matters). */
  type: 'folder' | 'file' | 'other';
  /** Why it cannot be read, for an entry that is a link outside the project, a FIFO, a device … */
  refused?: Refusal;
}

/** The entries of a folder of the project, links resolved and kept inside the bounds; sorted by code point. */
export function listFolder(dir: string, bounds: string[]): Entry[] {
  let names: string[];
  try { names = readdirSync(dir); } catch { return []; }
  const realBounds = bounds.map(realFolder);
  return names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map((name): Entry => {
    const path = resolve(dir, name);
    let real: string;
    try { real = realpathSync(path); } catch { return { name, type: 'other', refused: { why: 'is a broken symbolic link', hint: 'remove the link, or replace it by the file' } }; }
    if (!realBounds.some((b) => within(b, real))) return { name, type: 'other', refused: { why: 'is a symbolic link to something outside the project', hint: 'copy the file itself into the project' } };
    let stat;
    try { stat = statSync(real); } catch { return { name, type: 'other', refused: { why: 'cannot be read', hint: 'check its permissions' } }; }
    if (stat.isDirectory()) return { name, type: 'folder' };
    if (stat.isFile()) return { name, type: 'file' };
    const kind = stat.isFIFO() ? 'a named pipe (FIFO)' : stat.isSocket() ? 'a socket' : 'a device';
    return { name, type: 'other', refused: { why: `is ${kind}, not a file`, hint: 'remove it from the project, or replace it by a regular file' } };
  });
}

/** A folder of the project (templates/, corpus/) that is a link leading out of the project is refused. */
export function checkFolderInside(dir: string, root: string, label: string): void {
  let real: string;
  try { real = realpathSync(dir); } catch { return; }
  if (within(realFolder(root), real)) return;
  throw new DiagnosticError([{ severity: 'error', code: 'input-refused', file: label, message: `${label} is a link to a folder outside the project`, hint: label === 'corpus' ? 'copy the folder into the project, or name it with --corpus' : 'copy the folder into the project' }]);
}
