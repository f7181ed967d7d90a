// From a witness's raw blocks to the documents it carries: titles and continuation marks divide
// documents; section numerals become headings; the closing lines (signatures, place and date,
// news agency dateline) are lifted out of the body into fields.
import { CN_DIGITS } from '../cjk/chars.ts';
import { readChineseNumber } from '../cjk/numerals.ts';
import { normalizeInline } from './normalize.ts';
import type { RawBlock, SourceLine } from './witness.ts';

export type BodyUnit = { type: 'heading'; numeral: string; line: number } | { type: 'para'; text: string; line: number };

export interface Signatory { office: string; name: string }

export interface Gap {
  /** Where the text breaks off: before the first surviving unit or after the last. */
  at: 'start' | 'end';
  /** The continuation mark as printed, and the page it names. */
  mark: string;
  page: string;
  line: number;
}

export interface WitnessDoc {
  title?: { text: string; line: number };
  headline?: { text: string; line: number };
  body: BodyUnit[];
  signatories: Signatory[];
  date?: string;
  place?: string;
  datePlaceLine?: number;
  dateline?: { text: string; line: number };
  gaps: Gap[];
  /** First and last source line of the document in its witness. */
  lines: [number, number];
}

const DATELINE = /[（(]\s*([^（）()]*?社[^（）()]*?电)\s*[）)]\s*$/u;
const DATE_PLACE = new RegExp(`^([${CN_DIGITS}]{4})年([${CN_DIGITS}]{1,3})月([${CN_DIGITS}]{1,3})日于(\\S{1,12})$`, 'u');

/** `二〇二三年三月二十一日于莫斯科` → date and place, or undefined. */
export function parseDatePlace(text: string): { date: string; place: string } | undefined {
  const m = DATE_PLACE.exec(text.replace(/\s/gu, ''));
  if (!m) return undefined;
  const pad = (n: number) => String(n).padStart(2, '0');
  return { date: `${readChineseNumber(m[1])}-${pad(readChineseNumber(m[2]))}-${pad(readChineseNumber(m[3]))}`, place: m[4] };
}

/** A closing line: no sentence punctuation, short, a few fields apart. */
function isClosingLine(text: string): boolean {
  const t = text.trim();
  if (DATELINE.test(t) || parseDatePlace(t.replace(DATELINE, ''))) return true;
  return !/[，。；：！？、,;:!?]/u.test(t) && [...t].length <= 40 && t.split(/\s+/u).length >= 2;
}

/** Office/name pairs: two lines of offices over names, or one line alternating office and name. */
function signatories(lines: string[]): Signatory[] {
  const fields = lines.map((l) => l.trim().split(/\s+/u).map(normalizeInline));
  if (fields.length === 2 && fields[0].length === fields[1].length) return fields[0].map((office, i) => ({ office, name: fields[1][i] }));
  const flat = fields.flat();
  const out: Signatory[] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) out.push({ office: flat[i], name: flat[i + 1] });
  return out;
}

/** Lifts the closing lines off the end of the blocks into the document's fields. */
function liftClosing(blocks: RawBlock[], doc: WitnessDoc): void {
  const tail: SourceLine[] = [];
  while (blocks.length) {
    const last = blocks[blocks.length - 1];
    if (last.type !== 'para' || !last.lines.every((l) => isClosingLine(l.text))) break;
    tail.unshift(...last.lines);
    blocks.pop();
  }
  const signatureLines: string[] = [];
  for (const src of tail) {
    let text = src.text.trim();
    const dl = DATELINE.exec(text);
    if (dl) {
      doc.dateline = { text: normalizeInline(dl[1]), line: src.line };
      text = text.slice(0, dl.index).trim();
    }
    const dp = parseDatePlace(text);
    if (dp) Object.assign(doc, dp, { datePlaceLine: src.line });
    else if (text) signatureLines.push(text);
  }
  doc.signatories = signatories(signatureLines);
}

/**
 * Joins the lines of a paragraph. A digit run is never broken by a line end, so digits on both
 * sides join directly; elsewhere a space marks the join, which normalization keeps only between
 * two Latin words.
 */
export function joinLines(lines: SourceLine[]): string {
  return lines.map((l) => l.text.trim()).reduce((acc, t) => (/[0-9]$/u.test(acc) && /^[0-9]/u.test(t) ? acc + t : `${acc} ${t}`));
}

function emptyDoc(line: number): WitnessDoc {
  return { body: [], signatories: [], gaps: [], lines: [line, line] };
}

const hasText = (blocks: RawBlock[]) => blocks.some((b) => b.type === 'para' || b.type === 'section');

function lineOf(b: RawBlock): number {
  return b.type === 'para' ? b.lines[0].line : b.line;
}

/** Divides a witness's blocks into documents and recognises each one's parts. */
export function documentsOf(blocks: RawBlock[]): WitnessDoc[] {
  const groups: { doc: WitnessDoc; blocks: RawBlock[] }[] = [];
  let cur: { doc: WitnessDoc; blocks: RawBlock[] } | undefined;
  let closed = false;
  const start = (line: number) => { cur = { doc: emptyDoc(line), blocks: [] }; groups.push(cur); closed = false; return cur; };
  for (const b of blocks) {
    const line = lineOf(b);
    if (b.type === 'title' || b.type === 'headline') {
      if (!cur || closed || hasText(cur.blocks) || cur.doc.title) start(line);
      cur!.doc[b.type] = { text: normalizeInline(b.text), line };
    } else if (b.type === 'continuation' && b.direction === 'from') {
      if (!cur || closed || hasText(cur.blocks)) start(line);
      cur!.doc.gaps.push({ at: 'start', mark: b.mark, page: b.page, line });
    } else if (b.type === 'continuation') {
      (cur ?? start(line)).doc.gaps.push({ at: 'end', mark: b.mark, page: b.page, line });
      closed = true;
    } else {
      if (!cur || closed) start(line);
      cur!.blocks.push(b);
    }
    if (cur) cur.doc.lines[1] = Math.max(cur.doc.lines[1], b.type === 'para' ? b.lines[b.lines.length - 1].line : line);
  }
  return groups.map(({ doc, blocks: own }) => {
    liftClosing(own, doc);
    doc.body = own.map((b): BodyUnit => b.type === 'section'
      ? { type: 'heading', numeral: normalizeInline(b.numeral), line: b.line }
      : { type: 'para', text: normalizeInline(b.type === 'para' ? joinLines(b.lines) : ''), line: lineOf(b) });
    return doc;
  }).filter((d) => d.body.length > 0 || d.title);
}
