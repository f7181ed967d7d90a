// Assembly: corpus + edition file + templates → the book (document model). Pure apart from
// reading the project's files; both writers start from its result.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DiagnosticError, fail } from '../diagnostics.ts';
import { loadCorpus, type CorpusDocument } from '../corpus/load.ts';
import { lintBody } from '../corpus/lint.ts';
import { loadEdition, type EditionConfig } from '../edition/config.ts';
import { parseMarkdown } from '../language/index.ts';
import type { Book, BookMeta, Part, PartKind } from '../model/types.ts';
import { renderTemplate, templateEngine } from '../templates/engine.ts';
import { documentView, editionView } from './view.ts';

export interface Project {
  root: string;
  corpus: string;
  templates: string;
}

/** The project's folders; the corpus may live elsewhere (`--corpus`). */
export function project(root: string, corpus = join(root, 'corpus')): Project {
  return { root, corpus, templates: join(root, 'templates') };
}

/** The parts of the book in order: template, kind, id and title. `document` repeats per document. */
const LAYOUT: { template: string; kind: PartKind; id: string; title: string }[] = [
  { template: 'titlepage', kind: 'titlepage', id: 'titlepage', title: '书名页' },
  { template: 'editorial-note', kind: 'frontmatter', id: 'editorial-note', title: '编辑说明' },
  { template: '', kind: 'toc', id: 'toc', title: '目录' },
  { template: 'document', kind: 'document', id: 'doc', title: '' },
  { template: 'source-notes', kind: 'appendix', id: 'source-notes', title: '文献来源说明' },
  { template: 'colophon', kind: 'colophon', id: 'colophon', title: '版本记录' },
];

/** Documents in the edition's order (or by date); an unknown id is an error in the edition file. */
function selectDocuments(config: EditionConfig, all: CorpusDocument[], editionFile: string): CorpusDocument[] {
  if (!config.documents) return all;
  const text = readFileSync(editionFile, 'utf8').split('\n');
  return config.documents.map((id) => {
    const doc = all.find((d) => d.front.id === id);
    if (!doc) {
      const line = text.findIndex((l) => l.includes(id)) + 1;
      fail({ code: 'schema', file: 'corpus/edition.yaml', line, column: (text[line - 1]?.indexOf(id) ?? 0) + 1, message: `document ${id} is not in the corpus`, hint: `corpus ids: ${all.map((d) => d.front.id).join(', ')}` });
    }
    return doc;
  });
}

/** A UUID (RFC 4122 form, version 5 bits) from a digest of everything the edition is made of. */
function contentIdentifier(p: Project, docs: CorpusDocument[]): string {
  const h = createHash('sha256');
  for (const name of readdirSync(p.corpus).filter((n) => /\.(md|yaml)$/u.test(n)).sort()) h.update(name).update(readFileSync(join(p.corpus, name)));
  for (const name of readdirSync(p.templates).sort()) h.update(name).update(readFileSync(join(p.templates, name)));
  h.update(docs.map((d) => d.front.id).join());
  const hex = h.digest('hex');
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** SOURCE_DATE_EPOCH if set, else the date of the latest document. */
function modifiedDate(docs: CorpusDocument[]): string {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/u.test(epoch)) return new Date(Number(epoch) * 1000).toISOString().replace(/\.\d{3}Z$/u, 'Z');
  const latest = docs.map((d) => d.front.date).sort().at(-1)!;
  return `${latest}T00:00:00Z`;
}

export function assembleBook(p: Project, override: { documents?: string[] } = {}, loaded = loadEdition(join(p.corpus, 'edition.yaml'))): Book {
  // A single document is built as a small edition of its own, named after it.
  const config = override.documents ? { ...loaded, documents: override.documents, slug: `${loaded.slug}-${override.documents.join('-')}` } : loaded;
  const all = loadCorpus(p.corpus);
  const docs = selectDocuments(config, all, join(p.corpus, 'edition.yaml'));
  const problems = docs.flatMap(lintBody);
  if (problems.length) throw new DiagnosticError(problems);
  const meta: BookMeta = {
    title: config.title, subtitle: config.subtitle, editor: config.editor, publisher: config.publisher,
    language: config.language, description: config.description, subjects: config.subjects,
    identifier: config.identifier ?? contentIdentifier(p, docs), modified: modifiedDate(docs),
    sources: [...new Set(docs.flatMap((d) => d.front.witnesses.map((w) => w.file)))].sort(), slug: config.slug, tocDepth: 2,
  };
  const liquid = templateEngine(p.templates);
  const edition = editionView(config, meta, docs);
  const documents = docs.map(documentView);
  const render = (template: string, data: object, idPrefix: string) =>
    parseMarkdown(renderTemplate(liquid, p.templates, template, data), { file: `templates/${template}.md`, idPrefix });

  const parts: Part[] = LAYOUT.flatMap((l): Part[] => {
    if (l.kind === 'toc') return [{ id: l.id, kind: l.kind, title: l.title, blocks: [] }];
    if (l.kind === 'document') {
      return documents.map((doc) => {
        const id = `doc-${doc.id}`;
        return { id, kind: 'document', title: doc.title_supplied ? `〔${doc.title}〕` : doc.title, blocks: render(l.template, { edition, doc }, id) };
      });
    }
    return [{ id: l.id, kind: l.kind, title: l.title, blocks: render(l.template, { edition, documents }, l.id) }];
  });
  return { meta, parts, images: {} };
}
