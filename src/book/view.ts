// What templates see: the edition and its documents as plain data, with the display forms
// (witness codes, role names, readings shown as the apparatus prints them) computed here once.
import { RULES } from '../import/collate.ts';
import type { CorpusDocument } from '../corpus/load.ts';
import type { EditionConfig } from '../edition/config.ts';
import type { BookMeta } from '../model/types.ts';

/** A witness is called by the first three characters of its file name: 000本. */
export const witnessCode = (file: string) => file.slice(0, 3);

const ROLE_NAMES = { base: '底本', collated: '校本', rejected: '未用' } as const;

/**
 * How a reading is shown in the 校勘记. A long reading (a moved or repeated passage) is shown
 * where it differs from the reading it is compared with, with a little context, or else by its
 * ends, and its length; the apparatus file keeps every reading whole.
 */
const SHOWN = 40;
const CONTEXT = 6;
function excerpt(text: string, other: string): string {
  if (!text) return '（无）';
  const a = [...text];
  const b = [...other];
  if (a.length <= SHOWN) return text;
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const from = Math.max(0, pre - CONTEXT);
  const to = Math.min(a.length, a.length - suf + CONTEXT);
  const core = to - from <= SHOWN
    ? `${from > 0 ? '……' : ''}${a.slice(from, to).join('')}${to < a.length ? '……' : ''}`
    : `${a.slice(0, 12).join('')}……${a.slice(-8).join('')}`;
  return `${core}（共${a.length}字）`;
}

export function documentView(d: CorpusDocument) {
  const f = d.front;
  const base = f.witnesses[0];
  return {
    id: f.id, title: f.title, title_supplied: f.title_supplied,
    title_source_code: f.title_source ? witnessCode(f.title_source) : null, title_source: f.title_source ?? null,
    date: f.date, date_supplied: f.date_supplied, place: f.place, supplied_reason: f.supplied_reason ?? null,
    signatories: f.signatories, dateline: f.dateline ?? null,
    completeness: f.completeness, completeness_note: f.completeness_note,
    gaps_start: f.gaps.filter((g) => g.at === 'start'), gaps_end: f.gaps.filter((g) => g.at === 'end'),
    body: d.body.trim(),
    variants: f.collation.variants,
    base_code: witnessCode(base.file),
    witnesses: f.witnesses.map((w) => ({
      code: witnessCode(w.file), file: w.file, medium: w.medium, origin: w.origin, role_name: ROLE_NAMES[w.role],
      reliable: w.reliable, covers: w.covers, state: w.state, removed: w.removed, note: w.note ?? null,
      divergences_shown: w.divergences, lone_readings: w.lone_readings,
    })),
    apparatus: d.apparatus?.variants.map((v) => ({
      n: v.n, where: `${v.section}·${v.paragraph}`, context: v.context,
      readings: v.readings.map((r) => ({ code: witnessCode(r.witness), text: excerpt(r.text, r.text === v.adopted ? (v.readings.find((x) => x.text !== v.adopted)?.text ?? '') : v.adopted) })),
      adopted: excerpt(v.adopted, v.readings.find((x) => x.text !== v.adopted)?.text ?? ''), rule: v.rule,
    })) ?? null,
  };
}

export function editionView(config: EditionConfig, meta: BookMeta, docs: CorpusDocument[]) {
  const years = docs.map((d) => Number(d.front.date.slice(0, 4)));
  return {
    title: config.title, subtitle: config.subtitle ?? '', editor: config.editor, publisher: config.publisher,
    identifier: meta.identifier, modified_date: meta.modified.slice(0, 10),
    first_year: Math.min(...years), last_year: Math.max(...years),
    source_count: meta.sources.length, rules: Object.values(RULES),
  };
}
