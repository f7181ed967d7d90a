// Where the variants are in the text. Each entry of a document's variant apparatus
// (corpus/<id>.variants.yaml) names its place as the importer saw the established text: the
// section and paragraph, a few characters before the place (paragraph breaks as ¶, section heads
// dropped) and the adopted reading (a section head as 〔一〕, a paragraph break as ¶). The same
// text is rebuilt from the parsed body (a head as `## 一`, paragraphs one a line), the entry is
// found in it, and an anchor node is set at the lemma's start: the apparatus entry refers to it,
// and it back to the entry. An entry that cannot be found is a warning at the variants file.
import type { Diagnostic } from '../diagnostics.ts';
import type { CorpusDocument } from '../corpus/load.ts';
import type { VariantEntry } from '../corpus/schema.ts';
import { parseMarkdown } from '../language/index.ts';
import { plainText, visitBlocks, type Block, type Inline } from '../model/types.ts';

/** The anchor at a lemma, and the id of its apparatus entry (unique in the book: the document id is). */
export const lemmaId = (doc: string, n: number) => `lemma-${doc}-${n}`;
export const entryId = (doc: string, n: number) => `app-${doc}-${n}`;
/** The anchor at a lemma's last character, when it has more than one (for page.line–line). */
export const lemmaEndId = (doc: string, n: number) => `${lemmaId(doc, n)}-end`;

/** A lemma found: the text block (in visiting order, headings and paragraphs) and the offset in its text. */
export interface LemmaPlace {
  unit: number;
  offset: number;
  /** The place of its last character, when it has more than one. */
  last?: { unit: number; offset: number };
}

interface Unit { text: string; heading: boolean; start: number; section: string; paragraph: number }

/** The established text as the importer wrote it, one block a line, with each line's place. */
function units(blocks: Block[]): { text: string; list: Unit[] } {
  const list: Unit[] = [];
  let pos = 0;
  let section = '序言';
  let paragraph = 0;
  visitBlocks(blocks, (b) => {
    if (b.type !== 'para' && b.type !== 'heading') return;
    const text = plainText(b.children);
    const heading = b.type === 'heading';
    if (heading) { section = text; paragraph = 0; } else paragraph++;
    list.push({ text, heading, start: pos, section, paragraph: Math.max(1, paragraph) });
    pos += (heading ? 3 : 0) + text.length + 1;
  });
  return { text: list.map((u) => (u.heading ? `## ${u.text}` : u.text)).join('\n'), list };
}

/** A reading as the variants file shows it: heads as 〔一〕, breaks as ¶ (as src/import/establish.ts writes them). */
const shown = (s: string) => s.replace(/(^|\n)## ([^\n]+)(?=\n|$)/gu, '$1〔$2〕').replace(/\n/gu, '¶');

/** The eight characters before an offset, as the importer gives them (`context`). */
function contextAt(text: string, at: number): string {
  const from = Math.max(0, at - 200);
  const lineStart = from === 0 ? 0 : text.lastIndexOf('\n', from) + 1;
  const window = (lineStart > 0 ? '\n' : '') + text.slice(lineStart, at);
  const folded = [...window.replace(/\n(## .+\n)?/gu, '¶')];
  return folded.slice(-8).join('');
}

/** A character that the shown text and the context keep as it is: not a line break, a head's `#`, or half of a surrogate pair. */
function plain(ch: string | undefined): boolean {
  if (ch === undefined || ch === '\n' || ch === '#') return false;
  const code = ch.charCodeAt(0);
  return code < 0xd800 || code > 0xdfff;
}

/** Every offset the entry's words fit, in its section and paragraph. */
function candidates(text: string, list: Unit[], v: VariantEntry): number[] {
  const out: number[] = [];
  for (const u of list) {
    if (u.section !== v.section || u.paragraph !== v.paragraph) continue;
    const end = u.start + (u.heading ? 3 : 0) + u.text.length;
    for (let at = u.start; at <= end; at++) {
      // Most offsets fail on their first character or on the one before them: told apart at once
      // where a plain character stands there (what `shown` and `contextAt` keep as it is).
      if (v.adopted && plain(text[at]) && text[at] !== v.adopted[0]) continue;
      if (plain(text[at - 1]) && !v.context.endsWith(text[at - 1])) continue;
      if (shown(text.slice(at, at + v.adopted.length * 2 + 8)).startsWith(v.adopted) && contextAt(text, at) === v.context) out.push(at);
    }
  }
  return out;
}

/** The block and offset in its text of an offset of the rebuilt text (inside a head's `## `, its start). */
function placeOf(list: Unit[], at: number): LemmaPlace {
  const unit = list.findIndex((u, i) => at >= u.start && (i === list.length - 1 || at < list[i + 1].start));
  const u = list[unit];
  return { unit, offset: Math.max(0, at - u.start - (u.heading ? 3 : 0)) };
}

/**
 * The place of every variant of a document, by entry number; an entry not found, or found at
 * more than one place, is a warning naming the variants file, the entry and why.
 */
export function locateLemmas(doc: CorpusDocument, warnings: Diagnostic[]): Map<number, LemmaPlace> {
  const places = new Map<number, LemmaPlace>();
  if (!doc.apparatus) return places;
  const blocks = parseMarkdown(doc.body, { file: doc.file, firstLine: doc.bodyLine, idPrefix: 'lemma', warnings: [] });
  const { text, list } = units(blocks);
  const file = doc.file.replace(/[^/]*$/u, doc.front.collation?.apparatus ?? '');
  for (const v of doc.apparatus.variants) {
    const found = candidates(text, list, v);
    const warn = (why: string, hint: string) => warnings.push({
      severity: 'warning', code: 'lemma-not-found', file, line: 1, column: 1,
      message: `variant ${v.n} (${v.section}·${v.paragraph}, after “${v.context}”): ${why}`, hint,
    });
    if (!found.length) {
      warn(`its lemma “${v.adopted}” is not in ${doc.file} at that place; its apparatus entry is printed without page and line, and the text has no mark for it`, `re-run \`wenji import\` if the document was edited by hand, so that the apparatus matches its text`);
      continue;
    }
    if (found.length > 1) warn(`its lemma “${v.adopted}” fits ${found.length} places of that paragraph; the first is taken`, 're-run `wenji import` to regenerate the apparatus');
    const at = found[0];
    let length = 0;
    while (at + length < text.length && shown(text.slice(at, at + length)) !== v.adopted) length++;
    // Its last character: a paragraph break it ends with is not one.
    let end = Math.max(at, at + length - 1);
    while (end > at && text[end] === '\n') end--;
    const first = placeOf(list, at);
    const last = placeOf(list, end);
    places.set(v.n, { ...first, ...(last.unit !== first.unit || last.offset !== first.offset ? { last } : {}) });
  }
  return places;
}

/** Inserts `node` into inline runs at an offset of their plain text (before any text there). */
function insertAt(list: Inline[], offset: number, node: Inline): boolean {
  let at = offset;
  for (let k = 0; k < list.length; k++) {
    const i = list[k];
    const len = plainText([i]).length;
    if (at === 0) { list.splice(k, 0, node); return true; }
    if (at < len) {
      if (i.type === 'text') { list.splice(k, 1, { type: 'text', text: i.text.slice(0, at) }, node, { type: 'text', text: i.text.slice(at) }); return true; }
      if ('children' in i && i.type !== 'lineref' && insertAt(i.children, at, node)) return true;
      list.splice(k + 1, 0, node);
      return true;
    }
    at -= len;
  }
  list.push(node);
  return true;
}

/** Sets an anchor at each lemma found, in the parsed body (the same blocks the places were found in). */
export function markLemmas(doc: CorpusDocument, body: Block[], places: Map<number, LemmaPlace>): void {
  const runs: Inline[][] = [];
  visitBlocks(body, (b) => { if (b.type === 'para' || b.type === 'heading') runs.push(b.children); });
  // Later places first, so that an insertion does not move the offsets of the ones before it.
  const marks = [...places].flatMap(([n, p]) => [
    { n, unit: p.unit, offset: p.offset, node: { type: 'anchor', id: lemmaId(doc.front.id, n), back: entryId(doc.front.id, n) } as Inline },
    // Before the last character: carried onto it by the PDF writer, it names the line the lemma ends in.
    ...(p.last ? [{ n, unit: p.last.unit, offset: p.last.offset, node: { type: 'anchor', id: lemmaEndId(doc.front.id, n) } as Inline }] : []),
  ]);
  marks.sort((a, b) => b.unit - a.unit || b.offset - a.offset || b.n - a.n);
  for (const m of marks) {
    const target = runs[m.unit];
    if (target) insertAt(target, m.offset, m.node);
  }
}
