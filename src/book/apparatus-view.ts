// How a 校勘记 entry reads, as critical editions print an apparatus keyed to the text
// (reledmac, ekdosis): the lemma's place first (page.line in print, a link on screen), the lemma
// shortened at word boundaries (首……尾), the witnesses that agree named together (000、004本同),
// those that differ grouped by reading, and the rule of choice as a key to a legend stated once.
import { RULES } from '../import/collate.ts';
import { phrases } from '../cjk/phrases.ts';
import type { CorpusDocument } from '../corpus/load.ts';
import type { VariantEntry } from '../corpus/schema.ts';
import { entryId, lemmaId, type LemmaPlace } from './apparatus.ts';

/** A witness is called by the first three characters of its file name: 000本. */
export const witnessCode = (file: string) => file.slice(0, 3);

/** Keys of the rules of choice, in the order collate.ts states them. */
const KEYS = ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸'];

/** The rules with their keys, as the legend prints them. */
export const ruleKeys = (): { key: string; text: string }[] => Object.values(RULES).map((text, i) => ({ key: KEYS[i], text }));

const keyOf = (rule: string): string | null => ruleKeys().find((r) => r.text === rule)?.key ?? null;

/**
 * How a reading is shown. A long reading (a moved or repeated passage) is shown where it differs
 * from the reading it is compared with, with a little context, or else by its ends, and its
 * length; the apparatus file keeps every reading whole.
 */
const SHOWN = 40;
const CONTEXT = 6;
export function excerpt(text: string, other: string): string {
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

/** A lemma longer than this is shown by its first and last words. */
const LEMMA_WHOLE = 12;
const LEMMA_END = 4;

/** Whole phrases from one end of a text until at least `n` characters (never the whole text). */
function endPhrases(list: string[], n: number, fromEnd: boolean): string {
  const order = fromEnd ? [...list].reverse() : list;
  const taken: string[] = [];
  let len = 0;
  for (const p of order) {
    if (len >= n || taken.length === list.length - 1) break;
    taken.push(p);
    len += [...p].length;
  }
  return (fromEnd ? taken.reverse() : taken).join('');
}

/** The lemma as the entry shows it: whole when short, else 首……尾 cut between words. */
export function shortLemma(text: string): string {
  if ([...text].length <= LEMMA_WHOLE) return text;
  const words = phrases(text);
  if (words.length < 3) return text;
  return `${endPhrases(words, LEMMA_END, false)}……${endPhrases(words, LEMMA_END, true)}`;
}

/** The place before an empty lemma (a witness adds text): the last words of the context, without an opening mark they start with. */
function placeBefore(context: string): string {
  const words = phrases(context.replace(/¶$/u, ''));
  const tail = endPhrases(words, 2, true).replace(/^[（〔“‘《〈「『【(\[]+/u, '');
  return `${tail || context.replace(/¶$/u, '')}${context.endsWith('¶') ? '¶' : ''}`;
}

/** Marks that look alike in print and are named where readings differ by them. */
const DASHES: Record<string, string> = {
  '－': '全角连字号', '—': '破折号', '―': '横线', '–': '半字线', '-': '连字符', '‐': '连字符', '～': '波纹号', '〜': '波纹号',
};
const dashesIn = (s: string) => [...new Set([...s].filter((c) => c in DASHES))];

/** A reading in quotes, with the look-alike marks it holds named when the variant turns on them. */
function quoted(text: string, named: boolean): string {
  const marks = named ? dashesIn(text) : [];
  return `“${text}”${marks.length ? `（${marks.map((c) => `“${c}”为${DASHES[c]}`).join('，')}）` : ''}`;
}

/** Witness codes joined: 000、004本. */
const codes = (list: string[]) => `${list.join('、')}本`;

/** One entry's statement after its lemma: who agrees, who reads what, who lacks it. */
function statement(v: VariantEntry): { lemma: string; text: string } {
  const groups = new Map<string, string[]>();
  for (const r of v.readings) groups.set(r.text, [...(groups.get(r.text) ?? []), witnessCode(r.witness)]);
  const kinds = new Set(v.readings.flatMap((r) => dashesIn(r.text)));
  const named = kinds.size > 1 || (kinds.size === 1 && v.readings.some((r) => !dashesIn(r.text).length && r.text));
  const same = groups.get(v.adopted) ?? [];
  const differ = [...groups].filter(([text]) => text !== v.adopted);
  // A paragraph break and nothing else: where it falls, and who breaks there.
  if (v.readings.every((r) => r.text === '' || r.text === '¶')) {
    const says = (text: string) => (text ? '分段' : '不分段');
    const parts = [...groups].sort(([a], [b]) => Number(b === v.adopted) - Number(a === v.adopted)).map(([text, w]) => `${codes(w)}${says(text)}`);
    return { lemma: `“${placeBefore(v.context)}”下`, text: `${parts.join('；')}。` };
  }
  if (!v.adopted) {
    const parts = [...differ.map(([text, w]) => `${codes(w)}有${quoted(excerpt(text, ''), named)}`), ...(same.length ? [`${codes(same)}无`] : [])];
    return { lemma: `“${placeBefore(v.context)}”下`, text: `${parts.join('；')}。` };
  }
  const parts = [
    ...(same.length ? [`${codes(same)}同`] : []),
    ...differ.map(([text, w]) => (text ? `${codes(w)}作${quoted(excerpt(text, v.adopted), named)}` : `${codes(w)}无`)),
  ];
  const length = [...v.adopted].length;
  return { lemma: `${quoted(shortLemma(v.adopted), named)}${length > SHOWN ? `（共${length}字）` : ''}`, text: `${parts.join('；')}。` };
}

/** The apparatus of a document as the 校勘记 template prints it, and the rules it uses. */
export function apparatusView(d: CorpusDocument, places: Map<number, LemmaPlace> = new Map()) {
  const variants = d.apparatus?.variants;
  if (!variants) return { apparatus: null, rules_used: [] };
  const apparatus = variants.map((v) => {
    const s = statement(v);
    return {
      n: v.n, where: `〔${v.section}〕第${v.paragraph}段`,
      lemma_id: places.has(v.n) ? lemmaId(d.front.id, v.n) : null, entry_id: entryId(d.front.id, v.n),
      lemma: s.lemma, statement: s.text, rule_key: keyOf(v.rule), rule: v.rule,
      context: v.context, adopted: v.adopted,
      readings: v.readings.map((r) => ({ code: witnessCode(r.witness), text: r.text })),
    };
  });
  const used = new Set(apparatus.map((a) => a.rule_key));
  const unkeyed = [...new Set(apparatus.filter((a) => !a.rule_key).map((a) => a.rule))];
  return { apparatus, rules_used: [...ruleKeys().filter((r) => used.has(r.key)), ...unkeyed.map((text) => ({ key: null, text }))] };
}
