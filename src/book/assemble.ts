// Assembly: documents + edition file + templates → books (document model). The parts of a book
// and their titles come from the edition file (src/edition/parts.ts); each part is a template
// rendered with the edition's data. A document's body is parsed on its own, at its place in its
// file, and set where the template prints `doc.body`: it is text, never template source.
import { createHash } from 'node:crypto';
import { join, relative } from 'node:path';
import { DiagnosticError, fail, type Diagnostic } from '../diagnostics.ts';
import { documentPaths, loadDocuments, type CorpusDocument } from '../corpus/load.ts';
import { lintBody } from '../corpus/lint.ts';
import { remembered, rememberedWith } from '../memo.ts';
import { loadEditions, type EditionConfig } from '../edition/config.ts';
import { DEFAULT_TEMPLATES, planParts, type PartPlan } from '../edition/parts.ts';
import type { Book, BookMeta, Part } from '../model/types.ts';
import { checkFolderInside, listFolder, readBytes, readText } from '../input/index.ts';
import { templateEngine, type Templates } from '../templates/engine.ts';
import { locateLemmas, markLemmas, type LemmaPlace } from './apparatus.ts';
import { numberNotes } from './notes.ts';
import { bodyPlaceholder, parseBlocks, renderPart, spliceBody } from './render.ts';
import { resolveBook } from './resolve.ts';
import { documentView, editionView, UNDATED } from './view.ts';

export interface Project {
  root: string;
  corpus: string;
  templates: string;
}

/** The project's folders; the corpus may live elsewhere (`--corpus`). */
export function project(root: string, corpus = join(root, 'corpus')): Project {
  return { root, corpus, templates: join(root, 'templates') };
}

/** How messages name a file of the project (`corpus/a.md`), or the path itself when it lies outside. */
export function projectLabel(p: Project, path: string): string {
  const rel = relative(p.root, path).split('\\').join('/');
  return rel && !rel.startsWith('..') ? rel : path;
}

const editionFile = (p: Project) => join(p.corpus, 'edition.yaml');

/** The folders files of the project may be read from: the project, and the corpus folder if it lies elsewhere. */
export function projectBounds(p: Project): string[] {
  return [p.root, p.corpus];
}

/** The edition file's text, for pointing at places in it. */
function editionText(p: Project): string {
  return readText(editionFile(p), { label: projectLabel(p, editionFile(p)), kind: 'yaml', bounds: [p.corpus] });
}

/** A book made, with the edition it was made for and what was found on the way. */
export interface Assembled {
  book: Book;
  config: EditionConfig;
  warnings: Diagnostic[];
}

/** Documents in the edition's order (ids or paths), else all in file-name order; an unknown one is an error in the edition file. */
function selectDocuments(p: Project, config: EditionConfig, all: CorpusDocument[]): CorpusDocument[] {
  if (!config.documents) return all;
  const text = editionText(p).split('\n');
  const twice = config.documents.find((k, i) => config.documents!.indexOf(k) !== i);
  if (twice) {
    const line = text.length - [...text].reverse().findIndex((l) => l.includes(twice));
    fail({ code: 'schema', file: projectLabel(p, editionFile(p)), line, column: (text[line - 1]?.indexOf(twice) ?? 0) + 1, message: `document ${twice} is listed twice`, hint: 'a document appears once in a book; remove one of the entries' });
  }
  return config.documents.map((key) => {
    const doc = all.find((d) => d.front.id === key || d.path === key || d.path === `${key}.md`);
    if (!doc) {
      const line = text.findIndex((l) => l.includes(key)) + 1;
      fail({ code: 'schema', file: projectLabel(p, editionFile(p)), line, column: (text[line - 1]?.indexOf(key) ?? 0) + 1, message: `document ${key} is not in the corpus`, hint: `corpus ids: ${all.map((d) => d.front.id).join(', ')}` });
    }
    return doc;
  });
}

/** A UUID (RFC 4122 form, version 5 bits) from a digest of everything the edition is made of. */
function contentIdentifier(p: Project, config: EditionConfig, docs: CorpusDocument[]): string {
  const h = createHash('sha256');
  const read = (dir: string, name: string, kind: 'document' | 'yaml' | 'template') => readBytes(join(dir, name), { label: projectLabel(p, join(dir, name)), kind, bounds: [dir] });
  const top = listFolder(p.corpus, [p.corpus]).filter((e) => e.type === 'file' && /\.yaml$/u.test(e.name)).map((e) => e.name);
  for (const name of [...new Set([...top, ...documentPaths(p.corpus)])].sort()) h.update(name).update(read(p.corpus, name, name.endsWith('.yaml') ? 'yaml' : 'document'));
  for (const e of listFolder(p.templates, [p.templates])) if (e.type === 'file' && e.name.endsWith('.md')) h.update(e.name).update(read(p.templates, e.name, 'template'));
  h.update(docs.map((d) => d.front.id).join());
  if (config.perDocument || config.name !== config.slug) h.update(config.slug);
  const hex = h.digest('hex');
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** SOURCE_DATE_EPOCH if set, else the edition's date, else the latest document date, else a fixed date (never the clock: builds repeat). */
function modifiedDate(config: EditionConfig, docs: CorpusDocument[]): string {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/u.test(epoch)) return new Date(Number(epoch) * 1000).toISOString().replace(/\.\d{3}Z$/u, 'Z');
  const full = (d: string) => (d.length === 4 ? `${d}-01-01` : d.length === 7 ? `${d}-01` : d);
  const latest = config.date ?? docs.flatMap((d) => (d.front.date ? [full(d.front.date)] : [])).sort().at(-1) ?? UNDATED;
  return `${latest}T00:00:00Z`;
}

/** Title of a document in the contents: an editor's supplied title is bracketed 〔…〕 in a documented edition. */
function partTitle(doc: CorpusDocument): string {
  return doc.front.title_supplied ? `〔${doc.front.title}〕` : doc.front.title;
}

function bookMeta(p: Project, config: EditionConfig, docs: CorpusDocument[]): BookMeta {
  return {
    title: config.title, subtitle: config.subtitle, authors: config.authors, editor: config.editor, publisher: config.publisher,
    language: config.language, description: config.description, subjects: config.subjects,
    identifier: config.identifier ?? contentIdentifier(p, config, docs), modified: modifiedDate(config, docs),
    sources: [...new Set(docs.flatMap((d) => (d.established ? d.front.witnesses ?? [] : []).map((w) => w.file)))].sort(),
    sourceNotes: [...new Set(docs.flatMap((d) => (d.established ? d.front.witnesses ?? [] : []).map((w) => `${w.medium}：${w.origin}`)))],
    ...(config.series ? { series: { name: config.series, ...(config.seriesPosition !== undefined ? { position: config.seriesPosition } : {}) } } : {}),
    ...(config.certifier ? { certifier: config.certifier } : {}),
    slug: config.slug, tocDepth: config.tocDepth,
  };
}

/** The part (or parts) one entry of the plan makes. */
function makeParts(l: PartPlan, t: Templates, edition: { language: string }, docs: CorpusDocument[], lemmas: Map<CorpusDocument, Map<number, LemmaPlace>>, warnings: Diagnostic[]): Part[] {
  const part = { id: l.id, kind: l.kind, title: l.title };
  if (l.kind === 'toc') return [{ id: l.id, kind: 'toc', title: l.title, blocks: [] }];
  if (l.kind !== 'documents') {
    const documents = docs.map((d) => documentView(d, d.body, edition.language, lemmas.get(d)));
    return [{ id: l.id, kind: l.kind, title: l.title, blocks: renderPart(t, l.template, { edition, documents, part }, l.id, warnings, edition.language) }];
  }
  return docs.map((doc): Part => {
    const id = `${l.id}-${doc.front.id}`;
    const placeholder = bodyPlaceholder(id);
    const frame = renderPart(t, l.template, { edition, doc: documentView(doc, placeholder, edition.language, lemmas.get(doc)), part: { ...part, id } }, id, warnings, edition.language);
    const body = parseBlocks(doc.body, { file: doc.file, firstLine: doc.bodyLine, idPrefix: id, lang: doc.front.lang ?? edition.language }, warnings);
    markLemmas(doc, body, lemmas.get(doc) ?? new Map());
    return {
      id, kind: 'document', title: partTitle(doc), ...(doc.front.short_title ? { shortTitle: doc.front.short_title } : {}), source: doc.file,
      blocks: spliceBody(frame, placeholder, body, { file: doc.file, line: doc.bodyLine }, warnings),
    };
  });
}

/** One book from an edition and its documents. */
function assembleOne(p: Project, config: EditionConfig, docs: CorpusDocument[], warnings: Diagnostic[]): Book {
  const problems = docs.filter((d) => d.established || config.houseRules).flatMap((d) => remembered('house rules', `${d.file}\0${d.raw}`, [], () => lintBody(d)));
  const text = editionText(p);
  const { plan, problems: planProblems } = planParts(config, p.templates, { label: projectLabel(p, editionFile(p)), text });
  problems.push(...planProblems);
  if (problems.length) throw new DiagnosticError(problems);
  const meta = bookMeta(p, config, docs);
  const t = templateEngine([{ dir: p.templates, label: 'templates' }, { dir: DEFAULT_TEMPLATES, label: '(wenji default templates)' }]);
  const edition = editionView(config, meta, docs);
  const lemmas = new Map(docs.map((d) => [d, d.apparatus ? rememberedWith(d.apparatus, 'lemmas', `${d.file}\0${d.raw}`, warnings, (w) => locateLemmas(d, w)) : new Map<number, LemmaPlace>()]));
  const parts = plan.flatMap((l) => makeParts(l, t, edition, docs, lemmas, warnings));
  numberNotes(parts, config.noteNumbers);
  const book: Book = { meta, parts, images: {} };
  resolveBook(book, { root: p.root, corpus: p.corpus, warnings });
  return book;
}

export interface AssembleOptions {
  /** Only this edition (by name or slug). */
  edition?: string;
  /** Only this document, as a small edition of its own. */
  document?: string;
}

/** The editions to build: all, or the one asked for; a name the file does not define is a usage error. */
function chooseEditions(p: Project, editions: EditionConfig[], name?: string): EditionConfig[] {
  if (!name) return editions;
  const chosen = editions.filter((e) => e.name === name || e.slug === name);
  if (!chosen.length) fail({ code: 'usage', file: projectLabel(p, editionFile(p)), message: `no edition named ${name}`, hint: `editions: ${editions.map((e) => e.name).join(', ')}` });
  return chosen;
}

/** A per-document edition, or `--document`, is one book per document, named after it. */
function expand(config: EditionConfig, docs: CorpusDocument[], single: boolean): { config: EditionConfig; docs: CorpusDocument[] }[] {
  if (!config.perDocument && !single) return [{ config, docs }];
  return docs.map((d) => ({
    config: { ...config, ...(config.perDocument ? { title: d.front.title, subtitle: d.front.subtitle ?? config.subtitle } : {}), slug: `${config.slug}-${d.front.id}`, documents: [d.front.id] },
    docs: [d],
  }));
}

/** A document that no edition takes is reported, at its file: nothing in corpus/ is left out silently. */
function unused(all: CorpusDocument[], used: Set<CorpusDocument>, p: Project): Diagnostic[] {
  return all.filter((d) => !used.has(d)).map((d) => ({
    severity: 'warning', code: 'document-unused', file: d.file, line: 1, column: 1,
    message: `${d.file} is in no edition: the edition file's documents list leaves it out`,
    hint: `add ${d.front.id} to documents: in ${projectLabel(p, editionFile(p))}, or move the file out of the corpus`,
  }));
}

/** Every book the project defines (or the ones asked for), with the warnings of each. */
export function assembleBooks(p: Project, opts: AssembleOptions = {}): Assembled[] {
  checkFolderInside(p.templates, p.root, 'templates');
  if (p.corpus === join(p.root, 'corpus')) checkFolderInside(p.corpus, p.root, 'corpus');
  const editions = chooseEditions(p, loadEditions(editionFile(p), projectLabel(p, editionFile(p))), opts.edition);
  const loadWarnings: Diagnostic[] = [];
  const all = loadDocuments(p.corpus, loadWarnings, projectLabel(p, p.corpus), projectBounds(p));
  const out: Assembled[] = [];
  const used = new Set<CorpusDocument>();
  // With --document, the first edition (or the one named) makes the small edition.
  for (const config of opts.document ? editions.slice(0, 1) : editions) {
    let docs = selectDocuments(p, config, all);
    if (opts.document) {
      const doc = all.find((d) => d.front.id === opts.document || d.path === opts.document);
      if (!doc) fail({ code: 'usage', message: `no document ${opts.document} in the corpus`, hint: `documents: ${all.map((d) => d.front.id).join(', ')}` });
      docs = [doc];
    }
    for (const d of docs) used.add(d);
    for (const one of expand(config, docs, !!opts.document)) {
      const warnings = [...loadWarnings.filter((w) => one.docs.some((d) => d.file === w.file))];
      out.push({ book: assembleOne(p, one.config, one.docs, warnings), config: one.config, warnings });
    }
  }
  if (!opts.edition && !opts.document) out[0].warnings.push(...unused(all, used, p));
  // What the corpus holds and cannot be read (a link outside, a FIFO) is told once, with the first book.
  out[0].warnings.push(...loadWarnings.filter((w) => w.code === 'input-refused'));
  return out;
}

/** The first book of the project (or the one document asked for). */
export function assembleBook(p: Project, override: { documents?: string[] } = {}): Book {
  return assembleBooks(p, override.documents ? { document: override.documents[0] } : {})[0].book;
}
