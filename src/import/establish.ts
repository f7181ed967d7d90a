// Establishing one canonical document from its witnesses: regularize, collate, and describe
// what each witness gave, what is missing, and which reading was followed where they disagree.
import { fail } from '../diagnostics.ts';
import type { Apparatus, FrontMatter, VariantEntry, WitnessInfo } from '../corpus/schema.ts';
import { collate, RULES, type Collation } from './collate.ts';
import type { DocumentEntry, SourceEntry } from './manifest.ts';
import type { BodyUnit, WitnessDoc } from './structure.ts';
import type { Removal } from './witness.ts';

export interface Member {
  source: SourceEntry;
  doc: WitnessDoc;
  removed: Removal[];
}

export interface Established {
  front: FrontMatter;
  /** Body units of the edition's text: `## 一` headings and paragraphs. */
  body: string[];
  apparatus?: Apparatus;
}

const HEADING = /^## (.+)$/u;

function bodyText(units: BodyUnit[]): string {
  return units.map((u) => (u.type === 'heading' ? `## ${u.numeral}` : u.text)).join('\n');
}

/**
 * A repost that sets section numbers as run-in heads (`二、双方指出…`) where the base has a
 * heading line is regularized to the base's form, so that layout is not counted as a variant.
 */
function regularizeRunInHeads(units: BodyUnit[], headings: Set<string>): { units: BodyUnit[]; count: number } {
  const own = new Set(units.filter((u) => u.type === 'heading').map((u) => u.type === 'heading' && u.numeral));
  let count = 0;
  const out = units.flatMap((u): BodyUnit[] => {
    const m = u.type === 'para' ? /^([〇一二三四五六七八九十]{1,3})、/u.exec(u.text) : null;
    if (!m || u.type !== 'para' || !headings.has(m[1]) || own.has(m[1])) return [u];
    count++;
    return [{ type: 'heading', numeral: m[1], line: u.line }, { ...u, text: u.text.slice(m[0].length) }];
  });
  return { units: out, count };
}

/** Witnesses in order of authority: print first, then by how much text they have. */
function ranked(members: Member[]): Member[] {
  const size = (m: Member) => m.doc.body.reduce((n, u) => n + (u.type === 'para' ? u.text.length : 0), 0);
  return [...members].sort((a, b) => Number(b.source.authority === 'print') - Number(a.source.authority === 'print') || size(b) - size(a));
}

/** A reading as the apparatus shows it: ¶ for a paragraph break, 〔一〕 for a section heading. */
export function shown(reading: string): string {
  return reading.replace(/(^|\n)## ([^\n]+)(?=\n|$)/gu, '$1〔$2〕').replace(/\n/gu, '¶');
}

const clip = (s: string, n: number) => ([...s].length > n ? [...s].slice(0, n).join('') : s);
const clipEnd = (s: string, n: number) => ([...s].length > n ? [...s].slice(-n).join('') : s);

/** Section and paragraph of an offset in the edition's text (`序言` before the first heading). */
function placeOf(text: string, offset: number): { section: string; paragraph: number } {
  let section = '序言';
  let paragraph = 0;
  let pos = 0;
  for (const line of text.split('\n')) {
    const h = HEADING.exec(line);
    if (h) { section = h[1]; paragraph = 0; } else paragraph++;
    if (offset <= pos + line.length) break;
    pos += line.length + 1;
  }
  return { section, paragraph: Math.max(1, paragraph) };
}

/** What part of the document a witness has, in words, from its coverage of the base. */
function coverageWords(c: Collation, [s, e]: [number, number], gaps: WitnessDoc['gaps']): string {
  const from = s === 0 && !gaps.some((g) => g.at === 'start') ? '自开头' : `自“${clip(c.base.slice(s).replace(/^## .+\n/u, ''), 10)}”`;
  const to = e >= c.base.length && !gaps.some((g) => g.at === 'end') ? '至文末' : `至“${clipEnd(c.base.slice(0, e), 10)}”`;
  return from === '自开头' && to === '至文末' ? '全文' : `${from}${to}`;
}

function witnessNote(st: Collation['witnesses'][number], regularized: number): string | undefined {
  const notes: string[] = [];
  if (regularized) notes.push(`分部序号作段首“一、”式标题，已按底本统一为分部标题（${regularized}处），不计为异文`);
  if (st.unreliable) {
    const span = st.coverage[1] - st.coverage[0];
    const rate = ((st.lone * 1000) / Math.max(1, span)).toFixed(1);
    const wording = st.examples.filter((x) => x.reading.replace(/[\n#\s]/gu, '') !== x.others.replace(/[\n#\s]/gu, '') && !/##/u.test(x.reading + x.others));
    const ex = wording.slice(0, 3).map((x) => `“${clip(shown(x.reading), 16) || '（无）'}”（他本作“${clip(shown(x.others), 16) || '（无）'}”）`).join('；');
    notes.push(`独有异文${st.lone}处，每千字${rate}处，远超OCR误差所能解释，定为不可靠底本：其异文录入校勘记，不据以改字。例：${ex}`);
  }
  return notes.length ? notes.join('。') + '。' : undefined;
}

function gapNotes(base: WitnessDoc, body: string[], titleSupplied: boolean): FrontMatter['gaps'] {
  const firstPara = body.find((u) => !HEADING.test(u)) ?? '';
  const lastPara = [...body].reverse().find((u) => !HEADING.test(u)) ?? '';
  const firstHeading = body.map((u) => HEADING.exec(u)?.[1]).find(Boolean);
  return base.gaps.map((g) => {
    if (g.at === 'start') {
      const where = HEADING.test(body[0] ?? '') ? `第${HEADING.exec(body[0])![1]}部分` : firstHeading ? `第${firstHeading}部分之前的文字（属于哪一部分，原版面未标明）` : '一段文字';
      return { at: 'start' as const, note: `本文开头部分${titleSupplied ? '（连同标题）' : ''}原载报纸第${g.page}版，该版不在本集底本之内，今缺；现存文字始于${where}“${clip(firstPara, 12)}……”。原版面转版标记“${g.mark}”已删。` };
    }
    const closing = base.signatories.length ? '' : '（连同文末签署、日期）';
    return { at: 'end' as const, note: `本文“……${clipEnd(lastPara, 12)}”之后的部分${closing}续载于报纸第${g.page}版，该版不在本集底本之内，今缺。原版面转版标记“${g.mark}”已删。` };
  });
}

export function establish(entry: DocumentEntry, members: Member[]): Established {
  if (!members.length) {
    fail({ code: 'manifest-unmatched', file: 'corpus/sources.yaml', message: `document ${entry.id} has no witness`, hint: 'check its `match` phrase against the witnesses\' titles and dates' });
  }
  const order = ranked(members);
  const base = order[0];
  const headings = new Set(base.doc.body.flatMap((u) => (u.type === 'heading' ? [u.numeral] : [])));
  const prepared = order.map((m, i) => (i === 0 ? { units: m.doc.body, count: 0 } : regularizeRunInHeads(m.doc.body, headings)));
  const c = collate(order.map((m, i) => ({ id: m.source.file, authority: m.source.authority, text: bodyText(prepared[i].units) })));
  const body = c.text.split('\n').filter((u) => u.trim());

  const titled = order.find((m) => m.doc.title);
  const title = titled?.doc.title?.text ?? entry.supplied?.title;
  const dated = order.find((m) => m.doc.date);
  const date = dated?.doc.date ?? entry.supplied?.date;
  const place = dated?.doc.place ?? entry.supplied?.place;
  const missing = [!title && 'title', !date && 'date', !place && 'place'].filter(Boolean);
  if (missing.length) {
    fail({ code: 'manifest-unmatched', file: 'corpus/sources.yaml', message: `no witness of ${entry.id} gives its ${missing.join(', ')}`, hint: `add them under supplied: in the entry of ${entry.id}, with a reason` });
  }
  const closing = order.find((m) => m.doc.signatories.length);
  const dateline = order.find((m) => m.doc.dateline)?.doc.dateline?.text;
  const titleSupplied = !titled;
  const gaps = gapNotes(base.doc, body, titleSupplied);
  const supplied = [titleSupplied && '标题', !dated && '日期、地点'].filter(Boolean).join('及');

  const witnesses = order.map((m, i): WitnessInfo => {
    const st = c.witnesses[i];
    const note = witnessNote(st, prepared[i].count);
    return {
      file: m.source.file, kind: m.source.kind, medium: m.source.medium, origin: m.source.origin,
      role: i === 0 ? 'base' : 'collated', reliable: !st.unreliable,
      covers: coverageWords(c, st.coverage, m.doc.gaps), state: m.source.state,
      divergences: st.divergences, lone_readings: st.lone, removed: m.removed,
      ...(note ? { note } : {}),
    };
  });

  const variants = c.variants.map((v, i): VariantEntry => {
    const at = v.at;
    return {
      n: i + 1, ...placeOf(c.text, at), context: clipEnd(c.text.slice(0, at).replace(/\n(## .+\n)?/gu, '¶'), 8),
      readings: v.readings.map((r) => ({ ...r, text: shown(r.text) })), adopted: shown(v.chosen), rule: RULES[v.rule],
    };
  });

  const front: FrontMatter = {
    id: entry.id, title: title!, title_supplied: titleSupplied,
    ...(entry.short_title ? { short_title: entry.short_title } : {}),
    ...(titled && titled !== base ? { title_source: titled.source.file } : {}),
    date: date!, date_supplied: !dated, place: place!,
    ...(supplied ? { supplied_reason: `${supplied}为编者所补：${entry.supplied?.reason ?? ''}` } : {}),
    signatories: closing?.doc.signatories ?? [],
    ...(dateline ? { dateline } : {}),
    completeness: gaps.length ? 'incomplete' : 'complete',
    completeness_note: gaps.length ? gaps.map((g) => g.note).join('') : '全文完整。',
    gaps, witnesses,
    collation: {
      rules: order.length > 1 ? Object.values(RULES) : [],
      variants: variants.length,
      ...(order.length > 1 ? { apparatus: `${entry.id}.variants.yaml` } : {}),
    },
  };
  return { front, body, ...(order.length > 1 ? { apparatus: { document: entry.id, base: base.source.file, variants } } : {}) };
}
