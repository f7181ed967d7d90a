// What templates see: the edition and its documents as plain data, with the display forms
// (witness codes, role names, readings shown as the apparatus prints them) computed here once.
import { RULES } from '../import/collate.ts';
import type { CorpusDocument } from '../corpus/load.ts';
import type { LemmaPlace } from './apparatus.ts';
import { apparatusView, ruleKeys, witnessCode } from './apparatus-view.ts';
import type { EditionConfig } from '../edition/config.ts';
import type { BookMeta } from '../model/types.ts';
import { names } from '../model/names.ts';
import { rememberedWith } from '../memo.ts';

const ROLE_NAMES = { base: '底本', collated: '校本', rejected: '未用' } as const;

/** The apparatus fields of an established document (null for an ordinary one, so templates can test them). */
function establishedView(d: CorpusDocument, places?: Map<number, LemmaPlace>) {
  const f = d.front;
  if (!d.established || !f.witnesses || !f.collation || !f.gaps) {
    return {
      title_supplied: false, title_source_code: null, title_source: null, date_supplied: false, place: null, supplied_reason: null,
      signatories: [], dateline: null, completeness: null, completeness_note: null, gaps_start: [], gaps_end: [],
      variants: 0, base_code: null, witnesses: [], apparatus: null, rules_used: [],
    };
  }
  return {
    title_supplied: f.title_supplied ?? false,
    title_source_code: f.title_source ? witnessCode(f.title_source) : null, title_source: f.title_source ?? null,
    date_supplied: f.date_supplied ?? false, place: f.place ?? null, supplied_reason: f.supplied_reason ?? null,
    signatories: f.signatories ?? [], dateline: f.dateline ?? null,
    completeness: f.completeness ?? null, completeness_note: f.completeness_note ?? null,
    gaps_start: f.gaps.filter((g) => g.at === 'start'), gaps_end: f.gaps.filter((g) => g.at === 'end'),
    variants: f.collation.variants,
    base_code: witnessCode(f.witnesses[0].file),
    witnesses: f.witnesses.map((w) => ({
      code: witnessCode(w.file), file: w.file, medium: w.medium, origin: w.origin, role_name: ROLE_NAMES[w.role],
      reliable: w.reliable, covers: w.covers, state: w.state, removed: w.removed, note: w.note ?? null,
      divergences_shown: w.divergences, lone_readings: w.lone_readings,
    })),
    // The same for every part that shows the document: made once for its text and apparatus.
    ...(d.apparatus ? rememberedWith(d.apparatus, places ? 'view, placed' : 'view', `${d.file}\0${d.raw}`, [], () => apparatusView(d, places)) : apparatusView(d, places)),
  };
}

/**
 * What a template sees of a document. Every key is present (null when not given), so that a
 * strict template can test any of them. `body` is the document's Markdown; the assembly sets it
 * in place of `{{ doc.body | raw }}` as text parsed on its own, never as template source.
 */
export function documentView(d: CorpusDocument, body: string, language = 'zh-Hans', places?: Map<number, LemmaPlace>) {
  const f = d.front;
  const authors = f.author ?? [];
  return {
    id: f.id, file: d.file, title: f.title, subtitle: f.subtitle ?? null, short_title: f.short_title ?? null,
    author: authors.length ? names(authors, f.lang ?? language) : null, authors,
    date: f.date ?? null, lang: f.lang ?? null, description: f.description ?? null, tags: f.tags ?? [],
    established: d.established, body,
    ...establishedView(d, places),
  };
}

/** The date of an edition that nothing dates: the files need one, a page does not print it. */
export const UNDATED = '1980-01-01';

export function editionView(config: EditionConfig, meta: BookMeta, docs: CorpusDocument[]) {
  const years = docs.flatMap((d) => (d.front.date ? [Number(d.front.date.slice(0, 4))] : []));
  return {
    title: config.title, subtitle: config.subtitle ?? '', author: names(config.authors, config.language), authors: config.authors, editor: config.editor, publisher: config.publisher,
    language: config.language, description: config.description,
    identifier: meta.identifier, modified_date: meta.modified.slice(0, 10),
    // The date of the edition as a person would print it: none when nothing dates it (the files' metadata then say 1980-01-01).
    date: meta.modified.startsWith(UNDATED) ? '' : meta.modified.slice(0, 10),
    first_year: years.length ? Math.min(...years) : null, last_year: years.length ? Math.max(...years) : null,
    document_count: docs.length, source_count: meta.sources.length, rules: Object.values(RULES), rule_keys: ruleKeys(),
    // Where the PDF sets the 校勘记 entries: `end` (here, by page.line) or `foot` (under the text of each page, by line).
    apparatus: config.pdf.apparatus,
  };
}
