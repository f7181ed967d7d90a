// Loading the documents of a project: every .md (or .markdown) under corpus/ (subfolders too, not sources/),
// front matter optional. Each document gets an id (front matter, else from its file name) and a
// title (front matter, else its first `#` heading, which then leaves the body, else the file
// name). Established documents (with witnesses) also get their variant apparatus. Every problem
// is reported with its file, line and column; warnings are collected, not thrown.
import { realpathSync } from 'node:fs';
import { join, posix } from 'node:path';
import { DiagnosticError, type Diagnostic } from '../diagnostics.ts';
import { checkPath, existsInside, listFolder, readText } from '../input/index.ts';
import { remembered } from '../memo.ts';
import { parseYaml } from '../yamlfile.ts';
import { readFront, type EstablishedFront, type OrdinaryFront } from './front.ts';
import { documentId, titleFromName } from './names.ts';
import { firstHeading } from './title.ts';
import { Apparatus } from './schema.ts';

/** What every document has after loading, whatever its front matter gave. */
export type DocumentFront = OrdinaryFront & Partial<EstablishedFront> & { id: string; title: string };

export interface CorpusDocument {
  /** Path as shown in messages (relative to the project): `corpus/chapters/01.md`. */
  file: string;
  /** Path inside the corpus folder, with forward slashes: `chapters/01.md`. */
  path: string;
  front: DocumentFront;
  /** Established from witnesses (has `witnesses`): the documented-edition schema and house rules apply. */
  established: boolean;
  /** The Markdown body and the line of the file on which it starts. */
  body: string;
  bodyLine: number;
  /** The whole file as read, for pointing at places in it. */
  raw: string;
  apparatus?: Apparatus;
}

/** A document established from witnesses: its front matter is the documented-edition schema. */
export type EstablishedDocument = CorpusDocument & { front: EstablishedFront & DocumentFront };

const FENCE = /^(?:\uFEFF)?---[ \t]*\r?\n([\s\S]*?\r?\n)?---[ \t]*(?:\r?\n|$)/u;

/** Splits `---` front matter from the body; a file without it is all body. */
export function splitFrontMatter(text: string): { yaml: string | null; body: string; bodyLine: number } {
  const m = FENCE.exec(text);
  if (!m) return { yaml: null, body: text.replace(/^\uFEFF/u, ''), bodyLine: 1 };
  return { yaml: m[1] ?? '', body: text.slice(m[0].length), bodyLine: m[0].split('\n').length - (m[0].endsWith('\n') ? 0 : 1) };
}

/** Where the apparatus file named in front matter is, as a path inside the corpus folder. */
function apparatusPath(docPath: string, named: string): string {
  return posix.normalize(posix.join(posix.dirname(docPath), named.split('\\').join('/')));
}

/** The line and column of a front matter key's value (`apparatus:`), for messages about it. */
function keyPlace(raw: string, key: string): { line: number; column: number } {
  const lines = raw.split('\n');
  const i = lines.findIndex((l) => new RegExp(`^\\s*${key}\\s*:`, 'u').test(l));
  return i < 0 ? { line: 1, column: 1 } : { line: i + 1, column: lines[i].indexOf(key) + 1 };
}

/**
 * One document. `path` is inside the corpus folder; `corpusLabel` is how the folder is shown.
 * Files are read only inside `bounds` (the corpus folder, and the project it belongs to).
 */
export function loadDocument(corpusDir: string, path: string, warnings: Diagnostic[] = [], corpusLabel = 'corpus', bounds: string[] = [corpusDir]): CorpusDocument {
  const file = `${corpusLabel}/${path}`;
  const raw = readText(join(corpusDir, path), { label: file, kind: 'document', bounds: [corpusDir] });
  const split = splitFrontMatter(raw);
  const yaml = split.yaml;
  const read = yaml === null ? { established: false as const, front: {} } : remembered('front matter', `${file}\0${yaml}`, warnings, (w) => readFront(file, yaml, 2, w));
  let body = split.body;
  let title = read.front.title;
  if (!title) {
    const heading = firstHeading(body);
    if (heading) ({ title, body } = heading);
  }
  const front: DocumentFront = { ...read.front, id: read.front.id ?? documentId(path), title: title || titleFromName(path) };
  const doc: CorpusDocument = { file, path, front, established: read.established, body, bodyLine: split.bodyLine, raw };
  const apparatusFile = read.established ? read.front.collation.apparatus : undefined;
  if (apparatusFile) {
    const rel = apparatusPath(path, apparatusFile);
    const named = { file, ...keyPlace(raw, 'apparatus') };
    const label = rel.startsWith('..') || posix.isAbsolute(apparatusFile) ? apparatusFile : `${corpusLabel}/${rel}`;
    const at = posix.isAbsolute(apparatusFile) ? apparatusFile : join(corpusDir, rel);
    const checked = checkPath(at, { kind: 'yaml', bounds });
    if ('why' in checked && checked.why === 'does not exist') {
      throw new DiagnosticError([{ severity: 'error', code: 'schema', ...named, message: `the apparatus file ${apparatusFile} named in collation.apparatus does not exist`, hint: 'run `wenji import` to regenerate it' }]);
    }
    const text = readText(at, { label, kind: 'yaml', bounds, from: named });
    doc.apparatus = remembered('apparatus', `${label}\0${text}`, [], () => parseYaml({ file: label, text }, Apparatus, 'variant apparatus'));
  }
  return doc;
}

/** The .md files of a corpus folder, and what in it cannot be read (a link outside, a FIFO, a folder called x.md). */
export function scanCorpus(corpusDir: string, corpusLabel = 'corpus'): { paths: string[]; problems: Diagnostic[]; skipped: Diagnostic[] } {
  const paths: string[] = [];
  const problems: Diagnostic[] = [];
  const skipped: Diagnostic[] = [];
  const seen = new Set<string>();
  const refuse = (p: string, why: string, hint: string) => problems.push({ severity: 'error', code: 'input-refused', file: `${corpusLabel}/${p}`, message: `${corpusLabel}/${p} ${why}`, hint });
  const walk = (rel: string) => {
    let real: string;
    try { real = realpathSync(join(corpusDir, rel)); } catch { return; }
    if (seen.has(real)) return;
    seen.add(real);
    for (const entry of listFolder(join(corpusDir, rel), [corpusDir])) {
      const { name } = entry;
      if (name.startsWith('.') || name === 'node_modules' || (!rel && name === 'sources')) continue;
      const p = rel ? `${rel}/${name}` : name;
      const isDocument = /\.(md|markdown)$/iu.test(name);
      if (entry.type === 'folder') {
        if (isDocument) refuse(p, 'is a folder, not a document', 'rename the folder: a name ending in .md is taken for a document');
        else walk(p);
      } else if (entry.type === 'file') {
        if (isDocument) paths.push(p);
      } else if (isDocument && entry.refused) refuse(p, entry.refused.why, entry.refused.hint);
      else if (entry.refused) skipped.push({ severity: 'warning', code: 'input-refused', file: `${corpusLabel}/${p}`, message: `${corpusLabel}/${p} ${entry.refused.why}; it is not read`, hint: entry.refused.hint });
    }
  };
  if (existsInside(corpusDir, [corpusDir])) walk('');
  return { paths: paths.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)), problems, skipped };
}

/** Every .md or .markdown file under the corpus folder, as forward-slash paths in code-point order; sources/ holds witnesses, not documents. */
export function documentPaths(corpusDir: string): string[] {
  return scanCorpus(corpusDir).paths;
}

/** Two documents may not share an id: the second is told so, at its file. */
function duplicateIds(docs: CorpusDocument[]): Diagnostic[] {
  const seen = new Map<string, string>();
  return docs.flatMap((d): Diagnostic[] => {
    const first = seen.get(d.front.id);
    seen.set(d.front.id, first ?? d.file);
    return first ? [{ severity: 'error', code: 'schema', file: d.file, line: 1, column: 1, message: `the id ${d.front.id} is also the id of ${first}`, hint: 'give one of them another `id:` in its front matter, or rename the file' }] : [];
  });
}

/** All documents of a corpus folder, in file-name order; all errors at once, warnings into `warnings`. */
export function loadDocuments(corpusDir: string, warnings: Diagnostic[] = [], corpusLabel = 'corpus', bounds: string[] = [corpusDir]): CorpusDocument[] {
  const { paths, problems, skipped } = scanCorpus(corpusDir, corpusLabel);
  warnings.push(...skipped);
  const docs: CorpusDocument[] = [];
  for (const path of paths) {
    try {
      docs.push(loadDocument(corpusDir, path, warnings, corpusLabel, bounds));
    } catch (e) {
      if (!(e instanceof DiagnosticError)) throw e;
      problems.push(...e.diagnostics);
    }
  }
  if (!paths.length && !problems.length) problems.push({ severity: 'error', code: 'corpus-empty', file: corpusLabel, message: 'the corpus has no documents (no .md files)', hint: 'add Markdown files to corpus/, or run `wenji import` to establish them from corpus/sources' });
  problems.push(...duplicateIds(docs));
  if (problems.length) throw new DiagnosticError(problems);
  return docs;
}

/** The documents established from witnesses, ordered by date then id (the import layer's view of a corpus). */
export function loadCorpus(corpusDir: string): EstablishedDocument[] {
  const established = loadDocuments(corpusDir).filter((d): d is EstablishedDocument => d.established);
  return established.sort((a, b) => a.front.date.localeCompare(b.front.date) || a.front.id.localeCompare(b.front.id));
}
