// Reader for OCR of a printed page: hard line breaks at the column width, blank lines that mean
// nothing, letter-spaced titles, continuation marks. Paragraph breaks are decided from the
// evidence of the print, in ocr-paragraphs.ts.
import { textWidth, CN_DIGITS, DOCUMENT_GENRE, SECTION_ALONE } from '../../cjk/chars.ts';
import { isSourceLine, splitAtMarks } from '../marks.ts';
import { collapseSpacing } from '../normalize.ts';
import { INDENTED, measureColumn, ocrParagraphs } from './ocr-paragraphs.ts';
import { tally, type RawBlock, type ReadResult, type Removal, type SourceLine } from '../witness.ts';

const ARTICLE_START = new RegExp(`^[${CN_DIGITS}]{1,3}、`, 'u');
/** Room that shows a line is indented: the two-character paragraph indent, less OCR variation. */
const INDENT_BY = 1;

/** A line whose characters are spaced apart, as titles are set: `中 华 人 民 共 和 国`. */
function isLetterSpaced(text: string): boolean {
  const t = text.trim();
  const glyphs = t.replace(/\s/gu, '');
  if ([...glyphs].length < 6) return false;
  const gaps = t.match(/\S\s+(?=\S)/gu)?.length ?? 0;
  return gaps >= 0.8 * ([...glyphs].length - 1);
}

type Piece = { kind: 'text'; src: SourceLine } | { kind: 'title'; src: SourceLine } | { kind: 'section'; src: SourceLine } | { kind: 'mark'; block: RawBlock };

/** Splits lines at continuation marks and classifies each piece. */
function pieces(text: string, file: string): Piece[] {
  return plainTitles(text.split('\n').flatMap((raw, i) => splitAtMarks({ text: raw, line: i + 1 }, file)
    .map((x): Piece => (isSourceLine(x) ? classify(x) : { kind: 'mark', block: x }))));
}

const CLAUSE_MARK = /[，。；：！？、]/u;

/** Whether a text has as many closing as opening brackets of each kind. */
function balanced(t: string): boolean {
  return [['《', '》'], ['〈', '〉'], ['（', '）'], ['“', '”']].every(([o, c]) => t.split(o).length === t.split(c).length);
}

/** Whether a paragraph visibly starts at piece `i`: a mark, a numeral, a dash or indent, or a line shorter than the next by an indent. */
function paragraphFollows(list: Piece[], i: number): boolean {
  const next = list[i];
  if (!next || next.kind !== 'text') return true;
  const t = next.src.text;
  if (t.trim().startsWith('——') || ARTICLE_START.test(t.trim()) || INDENTED.test(t)) return true;
  const after = list[i + 1];
  return after?.kind === 'text' && textWidth(t) + INDENT_BY + 0.5 <= textWidth(after.src.text);
}

/** The closing line of a document: a news agency dateline, or a place-and-date line. */
const CLOSING_LINE = /(社.*电\s*[）)]\s*$)|(^[〇零一二三四五六七八九十\s]+年.*日于\S+$)/u;

/**
 * A title set without letter-spacing: up to three lines where a document can begin (the top of
 * the page, after a continuation mark, after the closing line of the previous document), with no
 * clause punctuation, that together name a kind of document (…的联合声明).
 */
function plainTitles(list: Piece[]): Piece[] {
  const atStart = (i: number) => i === 0 || list[i - 1].kind === 'mark' || (list[i - 1].kind === 'text' && CLOSING_LINE.test((list[i - 1] as { src: SourceLine }).src.text.trim()));
  for (let i = 0; i < list.length; i++) {
    if (list[i].kind !== 'text' || !atStart(i)) continue;
    for (let n = 1; n <= 3 && i + n <= list.length; n++) {
      const group = list.slice(i, i + n);
      if (group.some((p) => p.kind !== 'text' || CLAUSE_MARK.test((p as { src: SourceLine }).src.text))) break;
      const joined = group.map((p) => (p as { src: SourceLine }).src.text).join('').replace(/\s/gu, '');
      if (DOCUMENT_GENRE.test(joined) && balanced(joined) && list[i + n]?.kind !== 'title' && paragraphFollows(list, i + n)) {
        for (let k = i; k < i + n; k++) list[k] = { kind: 'title', src: (list[k] as { src: SourceLine }).src };
        break;
      }
    }
  }
  return list;
}

function classify(src: SourceLine): Piece {
  const t = src.text.trim();
  if (SECTION_ALONE.test(t)) return { kind: 'section', src };
  if (isLetterSpaced(t)) return { kind: 'title', src };
  return { kind: 'text', src };
}

export function readOcr(text: string, file: string): ReadResult {
  // Runs of text lines wait until the whole segment (between titles and continuation marks, one
  // article's column) is read, so that its column is measured on all of its lines.
  const out: (RawBlock | { run: SourceLine[]; segment: number })[] = [];
  let segment = 0;
  let run: SourceLine[] = [];
  let title: SourceLine[] = [];
  const flushRun = () => { if (run.length) out.push({ run, segment }); run = []; };
  // A run of letter-spaced lines is a title only if it names a kind of document; otherwise it is
  // body text that OCR spaced out, and goes back into the paragraph run.
  const flushTitle = () => {
    const text = title.map((l) => l.text).join(' ');
    if (title.length && DOCUMENT_GENRE.test(text.replace(/\s/gu, ''))) {
      flushRun();
      out.push({ type: 'title', text, line: title[0].line });
      segment++;
    } else run.push(...title);
    title = [];
  };
  for (const p of pieces(text, file)) {
    if (p.kind !== 'title') flushTitle();
    if (p.kind !== 'text' && p.kind !== 'title') flushRun();
    if (p.kind === 'text') run.push(p.src);
    else if (p.kind === 'title') title.push(p.src);
    else if (p.kind === 'section') out.push({ type: 'section', numeral: p.src.text.trim(), line: p.src.line });
    else { out.push(p.block); segment++; }
  }
  flushTitle();
  flushRun();
  const layouts = new Map<number, ReturnType<typeof measureColumn>>();
  for (const x of out) if ('run' in x) layouts.set(x.segment, measureColumn([...(layouts.get(x.segment)?.lines ?? []), ...x.run]));
  const blocks = out.flatMap((x) => ('run' in x ? ocrParagraphs(x.run, layouts.get(x.segment)!) : [x]));
  return { blocks, removed: tallyLayout(text, blocks) };
}

/** Counts what the reader took away: line breaks, blank lines, OCR spaces, continuation marks. */
function tallyLayout(text: string, blocks: RawBlock[]): Removal[] {
  const removed: Removal[] = [];
  const lines = text.split('\n');
  tally(removed, '版面硬换行（已接排）', '', blocks.reduce((n, b) => n + (b.type === 'para' ? b.lines.length - 1 : 0), 0));
  tally(removed, '空行（非分段）', '', lines.filter((l) => !l.trim()).length);
  const spaces = (t: string) => t.trim().match(/\s+/gu)?.length ?? 0;
  for (const b of blocks) {
    const texts = b.type === 'para' ? b.lines.map((l) => l.text) : b.type === 'title' ? [b.text] : [];
    for (const t of texts) tally(removed, 'OCR字距及汉字与数字间空格', t.trim(), spaces(t) - spaces(collapseSpacing(t)));
    if (b.type === 'continuation') tally(removed, '转版标记', b.mark);
  }
  return removed;
}
