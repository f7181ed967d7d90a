// The edition file, corpus/edition.yaml: one schema for its types, its validation and its docs.
// The top level describes a book; `editions:` may define several books from the same project,
// each inheriting every field it does not give from the top level.
import { dirname } from 'node:path';
import { z } from 'zod';
import { isoDate } from '../corpus/schema.ts';
import { fail } from '../diagnostics.ts';
import { checkPath, readText } from '../input/index.ts';
import { parseYaml } from '../yamlfile.ts';

import { PAPER_SIZES } from './papers.ts';

export { PAPER_SIZES };

const SAFE_ID = /^[a-z][a-z0-9-]*$/u;

/** Longest slug or id: they name files (out/<slug>-<id>.epub, files inside the EPUB), which systems limit to 255 bytes. */
export const MAX_NAME = 80;

/** One part of the book, or (`documents`) one part per document. */
export const PartSpec = z.strictObject({
  kind: z.enum(['titlepage', 'frontmatter', 'toc', 'documents', 'appendix', 'colophon']).describe('what the part is; `documents` stands for one part per document'),
  id: z.string().regex(SAFE_ID, 'lower-case letters, digits and hyphens, starting with a letter').max(MAX_NAME).optional().describe('file name and anchor prefix; default: the template name'),
  template: z.string().regex(/^[A-Za-z0-9][\w-]*$/u, 'a template name without .md').optional().describe('templates/<template>.md; default: titlepage, document or colophon by kind'),
  title: z.string().min(1).optional().describe('its title in the table of contents and running heads'),
});
export type PartSpec = z.infer<typeof PartSpec>;

/** Text; a number (a title such as 1984) is read as its digits. */
const text = z.union([z.string(), z.number()]).transform(String).pipe(z.string().max(5000, 'at most 5000 characters'));

/** The fields a book is described by; at the top level and in each entry of `editions`. */
const bookFields = {
  title: text.pipe(z.string().min(1).max(500, 'at most 500 characters')).describe('title of the edition'),
  subtitle: text.optional().describe('a line under the title'),
  author: z.union([text.pipe(z.string().min(1).max(500, 'at most 500 characters')), z.array(text.pipe(z.string().min(1).max(500, 'at most 500 characters'))).max(50, 'at most 50 names')]).transform((v) => (Array.isArray(v) ? v : [v])).describe('who wrote the book: a name or a list of names'),
  editor: text.describe('who established or edited the text'),
  publisher: text.describe('who publishes it'),
  language: z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/u, 'expected a BCP 47 tag such as zh-Hans or zh-Hant-TW').describe('BCP 47 tag of the text, e.g. zh-Hans'),
  description: text.describe('a sentence about the book, for the metadata'),
  subjects: z.array(text.pipe(z.string().min(1))),
  slug: z.string().regex(/^[a-z0-9][a-z0-9-]*$/u, 'lower-case letters, digits and hyphens').max(MAX_NAME, `at most ${MAX_NAME} characters (it names files under out/)`).describe('output file name under out/'),
  identifier: z.string().describe('a stable identifier; by default a UUID derived from the content'),
  series: text.pipe(z.string().min(1)).describe('the set of books this edition belongs to, for the e-book metadata'),
  series_position: z.number().positive().describe('its place in the series (1, 2, …)'),
  certifier: text.pipe(z.string().min(1)).describe('who checked the e-book\'s accessibility; default: the publisher'),
  date: isoDate.describe('date of the edition; default: the latest document date'),
  documents: z.array(z.string().min(1)).min(1, 'lists no document: name at least one, or leave `documents:` out to take all').describe('document ids or paths in reading order; default: all, by file name'),
  parts: z.array(PartSpec).min(1).describe('the parts of the book in order'),
  toc_depth: z.number().int().min(1).max(6).describe('deepest heading level in the contents and the PDF outline'),
  house_rules: z.boolean().describe('check the house rules of a documented edition on every document'),
  note_numbers: z.enum(['arabic', 'circled']).describe('how notes are numbered in each document: arabic 1 2 3 or circled ①②③'),
  pdf: z.strictObject({
    paper: z.enum(PAPER_SIZES).optional().describe('A5, A4, B5 or 16K (185 × 260 mm)'),
    profile: z.enum(['print', 'screen']).optional().describe('print: mirrored margins, documents on right-hand pages; screen: no blank pages'),
    line_numbers: z.enum(['page', 'document', 'none']).optional().describe('line numbers of documents with an apparatus, every fifth line in the outer margin: restarting on each page (default), running through each document, or none'),
    apparatus: z.enum(['end', 'foot']).optional().describe('where the PDF sets the 校勘记 entries: in the source notes at the end of the book, each by page.line (default), or at the foot of the page of their lemma, under the text and its notes, each by its line number'),
  }),
};

const EditionEntry = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9][\w-]*$/u, 'letters, digits, _ and -').describe('what `wenji build --edition NAME` calls it'),
  per_document: z.boolean().optional().describe('one book per document, titled by the document, slug <slug>-<document id>'),
  ...Object.fromEntries(Object.entries(bookFields).map(([k, v]) => [k, v.optional()])) as { [K in keyof typeof bookFields]: z.ZodOptional<(typeof bookFields)[K]> },
});

export const EditionFile = z.strictObject({
  ...Object.fromEntries(Object.entries(bookFields).map(([k, v]) => [k, v.optional()])) as { [K in keyof typeof bookFields]: z.ZodOptional<(typeof bookFields)[K]> },
  title: bookFields.title,
  editions: z.array(EditionEntry).min(1).optional().describe('several books from one project; each inherits what it does not give'),
});
export type EditionFile = z.infer<typeof EditionFile>;

/** One book to build, every field resolved. */
export interface EditionConfig {
  name: string;
  title: string;
  subtitle?: string;
  authors: string[];
  editor: string;
  publisher: string;
  language: string;
  description: string;
  subjects: string[];
  slug: string;
  identifier?: string;
  series?: string;
  seriesPosition?: number;
  certifier?: string;
  date?: string;
  documents?: string[];
  /** Given by the edition file; else the default parts for the language. */
  parts?: PartSpec[];
  tocDepth: number;
  houseRules: boolean;
  noteNumbers: 'arabic' | 'circled';
  perDocument: boolean;
  pdf: { paper: (typeof PAPER_SIZES)[number]; profile: 'print' | 'screen'; lineNumbers: 'page' | 'document' | 'none'; apparatus: 'end' | 'foot' };
}

type Fields = Partial<{ [K in keyof typeof bookFields]: z.infer<(typeof bookFields)[K]> }>;

function resolve(name: string, top: Fields & { title: string }, own: Fields = {}, perDocument = false): EditionConfig {
  const f = { ...top, ...own, pdf: { ...top.pdf, ...own.pdf } };
  return {
    name, title: f.title ?? top.title, subtitle: f.subtitle, authors: f.author ?? [], editor: f.editor ?? '', publisher: f.publisher ?? '',
    language: f.language ?? 'zh-Hans', description: f.description ?? f.title ?? top.title, subjects: f.subjects ?? [],
    slug: f.slug ?? 'book', identifier: f.identifier, series: f.series, seriesPosition: f.series_position, certifier: f.certifier, date: f.date, documents: f.documents, parts: f.parts,
    tocDepth: f.toc_depth ?? 2, houseRules: f.house_rules ?? false, noteNumbers: f.note_numbers ?? 'arabic', perDocument,
    pdf: { paper: f.pdf.paper ?? 'A5', profile: f.pdf.profile ?? 'print', lineNumbers: f.pdf.line_numbers ?? 'page', apparatus: f.pdf.apparatus ?? 'end' },
  };
}

/** Every edition the file defines (one, if it has no `editions:`). */
export function editionsOf(file: EditionFile): EditionConfig[] {
  const { editions, ...top } = file;
  if (!editions) return [resolve(top.slug ?? 'book', top)];
  return editions.map(({ name, per_document, ...own }) => resolve(name, top, own, per_document ?? false));
}

export function readEditionFile(path: string, label = 'corpus/edition.yaml'): EditionFile {
  const bounds = [dirname(path)];
  const checked = checkPath(path, { kind: 'yaml', bounds });
  if ('why' in checked && checked.why === 'does not exist') fail({ code: 'schema', file: label, message: 'the edition file is missing', hint: 'create it (see README.md, "The edition file") or run `wenji init`' });
  const file = parseYaml({ file: label, text: readText(path, { label, kind: 'yaml', bounds }) }, EditionFile, 'edition');
  const names = (file.editions ?? []).map((e) => e.name);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice) fail({ code: 'schema', file: label, message: `two editions are named ${twice}`, hint: 'give each edition its own name' });
  return file;
}

/** Every edition of the file; two that would write the same files are an error. */
export function loadEditions(path: string, label = 'corpus/edition.yaml'): EditionConfig[] {
  const editions = editionsOf(readEditionFile(path, label));
  const slugs = editions.filter((e) => !e.perDocument).map((e) => e.slug);
  const twice = slugs.find((s, i) => slugs.indexOf(s) !== i);
  if (twice) fail({ code: 'schema', file: label, message: `two editions have the slug ${twice} and would write the same files`, hint: 'give each edition its own slug' });
  return editions;
}

/** The first edition of the file (most projects have one). */
export function loadEdition(path: string, label = 'corpus/edition.yaml'): EditionConfig {
  return loadEditions(path, label)[0];
}
