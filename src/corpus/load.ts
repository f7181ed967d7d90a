// Loading the canonical corpus: corpus/*.md (front matter + body) and the variant apparatus
// beside each. Every problem is reported with its file, line and column.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DiagnosticError, type Diagnostic } from '../diagnostics.ts';
import { parseYaml } from '../yamlfile.ts';
import { Apparatus, FrontMatter } from './schema.ts';

export interface CorpusDocument {
  /** Path as shown in messages (relative to the project). */
  file: string;
  front: FrontMatter;
  /** The Markdown body and the line of the file on which it starts. */
  body: string;
  bodyLine: number;
  /** The whole file as read, for pointing at places in it. */
  raw: string;
  apparatus?: Apparatus;
}

const FENCE = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/u;

/** Splits `---` front matter from the body; a file without it is an error at line 1. */
export function splitFrontMatter(file: string, text: string): { yaml: string; body: string; bodyLine: number } {
  const m = FENCE.exec(text);
  if (!m) {
    throw new DiagnosticError([{ severity: 'error', code: 'yaml-syntax', file, line: 1, column: 1, message: 'the file does not start with YAML front matter between two `---` lines', hint: 'a corpus document begins with ---, its fields, and --- again' }]);
  }
  return { yaml: m[1], body: text.slice(m[0].length), bodyLine: m[0].split('\n').length };
}

export function loadDocument(corpusDir: string, name: string, label = `corpus/${name}`): CorpusDocument {
  const text = readFileSync(join(corpusDir, name), 'utf8');
  const { yaml, body, bodyLine } = splitFrontMatter(label, text);
  const front = parseYaml({ file: label, text: yaml, firstLine: 2 }, FrontMatter, 'front matter');
  const doc: CorpusDocument = { file: label, front, body, bodyLine, raw: text };
  if (front.collation.apparatus) {
    const path = join(corpusDir, front.collation.apparatus);
    if (!existsSync(path)) {
      throw new DiagnosticError([{ severity: 'error', code: 'schema', file: label, line: 1, message: `the apparatus file ${front.collation.apparatus} named in collation.apparatus does not exist`, hint: 'run `wenji import` to regenerate it' }]);
    }
    doc.apparatus = parseYaml({ file: `corpus/${front.collation.apparatus}`, text: readFileSync(path, 'utf8') }, Apparatus, 'variant apparatus');
  }
  return doc;
}

/** All documents of a corpus folder, ordered by date then id; all problems at once. */
export function loadCorpus(corpusDir: string): CorpusDocument[] {
  const names = existsSync(corpusDir) ? readdirSync(corpusDir).filter((n) => n.endsWith('.md')).sort() : [];
  const docs: CorpusDocument[] = [];
  const problems: Diagnostic[] = [];
  for (const name of names) {
    try {
      docs.push(loadDocument(corpusDir, name));
    } catch (e) {
      if (!(e instanceof DiagnosticError)) throw e;
      problems.push(...e.diagnostics);
    }
  }
  if (!names.length) problems.push({ severity: 'error', code: 'corpus-empty', file: corpusDir, message: 'the corpus has no documents (no .md files)', hint: 'run `wenji import` to establish them from corpus/sources, or add documents' });
  if (problems.length) throw new DiagnosticError(problems);
  return docs.sort((a, b) => a.front.date.localeCompare(b.front.date) || a.front.id.localeCompare(b.front.id));
}
