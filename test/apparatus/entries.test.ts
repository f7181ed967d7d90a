// The 校勘记 entries as the view makes them from our corpus's variants file, and the lemmas found
// in the text: every variant located, witnesses that agree grouped, lemmas cut between words, the
// rule a key to a legend, look-alike dashes named; a lemma that cannot be found is a warning.
import { describe, expect, it } from 'vitest';
import { loadCorpus, type CorpusDocument } from '../../src/corpus/load.ts';
import type { Diagnostic } from '../../src/diagnostics.ts';
import { locateLemmas, markLemmas } from '../../src/book/apparatus.ts';
import { apparatusView, shortLemma } from '../../src/book/apparatus-view.ts';
import { phrases } from '../../src/cjk/phrases.ts';
import { parseMarkdown } from '../../src/language/index.ts';
import { readingText, visitBlocks, visitInlines, blockInlines } from '../../src/model/types.ts';
import { CORPUS } from '../helpers/paths.ts';

const doc = loadCorpus(CORPUS).find((d) => d.apparatus)!;
const variants = doc.apparatus!.variants;

describe('lemmas in the text', () => {
  it('finds every variant of the corpus at one place, without a warning', () => {
    const warnings: Diagnostic[] = [];
    const places = locateLemmas(doc, warnings);
    expect(warnings).toEqual([]);
    expect(places.size).toBe(variants.length);
  });

  it('marks each lemma by an anchor that adds no text', () => {
    const places = locateLemmas(doc, []);
    const body = parseMarkdown(doc.body, { file: doc.file, idPrefix: 'x' });
    const before = readingText(body);
    markLemmas(doc, body, places);
    const anchors: string[] = [];
    visitBlocks(body, (b) => { for (const r of blockInlines(b)) visitInlines(r, (i) => { if (i.type === 'anchor') anchors.push(i.id); }); });
    expect(anchors.filter((a) => !a.endsWith('-end'))).toEqual(variants.map((v) => `lemma-${doc.front.id}-${v.n}`));
    // A lemma of more than one character has a second anchor, at its last.
    expect(anchors.filter((a) => a.endsWith('-end'))).toEqual(variants.filter((v) => [...v.adopted.replace(/^〔.〕¶$|¶$/u, '')].length > 1).map((v) => `lemma-${doc.front.id}-${v.n}-end`));
    expect(readingText(body)).toBe(before);
  });

  it('puts each anchor before the adopted reading, after the words the variants file gives', () => {
    const places = locateLemmas(doc, []);
    const body = parseMarkdown(doc.body, { file: doc.file, idPrefix: 'x' });
    const texts: string[] = [];
    visitBlocks(body, (b) => { if (b.type === 'para' || b.type === 'heading') texts.push(b.children.map((i) => (i.type === 'text' ? i.text : '')).join('')); });
    const v = variants.find((x) => x.adopted === '向')!;
    const p = places.get(v.n)!;
    expect(texts[p.unit].slice(0, p.offset).endsWith(v.context.replace(/.*¶/u, ''))).toBe(true);
    expect(texts[p.unit].slice(p.offset).startsWith('向')).toBe(true);
  });

  it('warns, naming the variants file and the entry, when a lemma is not in the text', () => {
    const broken: CorpusDocument = { ...doc, apparatus: { ...doc.apparatus!, variants: variants.map((v, i) => (i === 4 ? { ...v, context: '此处并无此文' } : v)) } };
    const warnings: Diagnostic[] = [];
    const places = locateLemmas(broken, warnings);
    expect(places.size).toBe(variants.length - 1);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ code: 'lemma-not-found', file: `corpus/${doc.front.id}.variants.yaml` });
    expect(warnings[0].message).toContain(`variant ${variants[4].n} `);
    expect(apparatusView(broken, places).apparatus!.find((a) => a.n === variants[4].n)!.lemma_id).toBeNull();
  });
});

describe('the 校勘记 entries', () => {
  const view = apparatusView(doc, locateLemmas(doc, []));
  const entry = (pred: (v: (typeof variants)[number]) => boolean) => view.apparatus!.find((a) => a.n === variants.find(pred)!.n)!;

  it('groups the witnesses that agree with the text and those that share a reading', () => {
    const e = entry((v) => v.adopted === '向');
    expect(e.lemma).toBe('“向”');
    expect(e.statement).toBe('000、004本同；001本作“面”。');
    const lacking = entry((v) => v.adopted === '长');
    expect(lacking.statement).toBe('000、004本同；001本无。');
  });

  it('gives an addition of one witness after the words it follows', () => {
    const e = entry((v) => v.context.endsWith('（以下'));
    expect(e.lemma).toBe('“以下”下');
    expect(e.statement).toBe('001本有“简”；000本无。');
  });

  it('gives a paragraph break by the words before it, and who breaks there', () => {
    const e = entry((v) => v.adopted === '¶' && v.context.endsWith('经贸合作协定》。'));
    expect(e.lemma).toBe('“协定》。”下');
    expect(e.statement).toBe('004、001本分段；000本不分段。');
  });

  it('cuts a long lemma between words, by its first and last', () => {
    const long = variants.filter((v) => [...v.adopted].length > 12);
    expect(long.length).toBeGreaterThan(3);
    for (const v of long) {
      const shown = shortLemma(v.adopted);
      const [head, tail] = shown.split('……');
      const words = phrases(v.adopted);
      const prefixes = words.map((_, k) => words.slice(0, k + 1).join(''));
      const suffixes = words.map((_, k) => words.slice(k).join(''));
      expect(prefixes, shown).toContain(head);
      expect(suffixes, shown).toContain(tail);
      expect([...head].length + [...tail].length).toBeLessThan([...v.adopted].length);
    }
  });

  it('states each rule once, in a legend, and keys each entry to it', () => {
    const keys = view.rules_used.map((r) => r.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const e of view.apparatus!) {
      expect(keys).toContain(e.rule_key);
      expect(e.statement).not.toContain(e.rule);
    }
  });

  it('names look-alike dashes where readings differ by them, and places by section and paragraph without a stray space', () => {
    const v = { ...variants[0], adopted: '2023—2027', readings: [{ witness: '000_x.txt', text: '2023—2027' }, { witness: '001_x.txt', text: '2023－2027' }] };
    const e = apparatusView({ ...doc, apparatus: { ...doc.apparatus!, variants: [v] } }).apparatus![0];
    expect(e.lemma).toBe('“2023—2027”（“—”为破折号）');
    expect(e.statement).toBe('000本同；001本作“2023－2027”（“－”为全角连字号）。');
    expect(view.apparatus!.every((a) => /^〔[^〕\s]+〕第\d+段$/u.test(a.where))).toBe(true);
  });
});
