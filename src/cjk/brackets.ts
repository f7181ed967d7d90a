// Paired marks of Chinese text: book-title marks, parentheses, quotation marks, corner brackets.
// A pair never spans a paragraph break; the importer uses these functions not to infer one, and
// the corpus lint to find a pair left open or closed without opening, with its place.
import type { Diagnostic } from '../diagnostics.ts';

/** Opening mark → closing mark. ‘’ are left out: ’ also stands as an apostrophe in Latin text. */
export const PAIRS: Readonly<Record<string, string>> = {
  '《': '》', '〈': '〉', '（': '）', '“': '”', '「': '」', '『': '』', '〔': '〕', '【': '】',
};

const CLOSERS: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(PAIRS).map(([o, c]) => [c, o]));
// The same as a set and a map: looked up for every character of a text, faster than `in` an object.
const OPENERS = new Set(Object.keys(PAIRS));
const OPENER_OF = new Map(Object.entries(CLOSERS));

export interface OpenMark {
  mark: string;
  /** Index in the text (UTF-16 offset). */
  index: number;
}

export interface PairProblem {
  mark: string;
  /** Where the mark stands: 0-based UTF-16 offset in the text given. */
  index: number;
  kind: 'unclosed' | 'unopened';
}

/**
 * Walks a text's paired marks with a stack. A closer that matches a mark deeper in the stack
 * closes it, and the marks above it are unclosed (`《…（…》` leaves `（` open); a closer that
 * matches nothing open is unopened.
 */
export function pairProblems(text: string): { problems: PairProblem[]; open: OpenMark[] } {
  const stack: OpenMark[] = [];
  const problems: PairProblem[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (OPENERS.has(ch)) { stack.push({ mark: ch, index: i }); continue; }
    const opener = OPENER_OF.get(ch);
    if (!opener) continue;
    const at = stack.map((m) => m.mark).lastIndexOf(opener);
    if (at < 0) { problems.push({ mark: ch, index: i, kind: 'unopened' }); continue; }
    for (const m of stack.splice(at).slice(1)) problems.push({ ...m, kind: 'unclosed' });
  }
  return { problems, open: stack };
}

/** Whether a text leaves a pair open at its end (with its closer not missing before). */
export function opensPair(text: string): boolean {
  return pairProblems(text).open.length > 0;
}

/** Whether a text closes a pair it did not open (the rest of a pair opened before it). */
export function closesPair(text: string): boolean {
  return pairProblems(text).problems.some((p) => p.kind === 'unopened');
}

export interface UnbalancedPair {
  /** 1-based line and column (in characters) in the body given. */
  line: number;
  column: number;
  mark: string;
  kind: 'unclosed' | 'unopened';
  /** The paragraph's words around the mark, for the message. */
  context: string;
}

/**
 * Paired marks left unbalanced in a Markdown document body, paragraph by paragraph (a paragraph
 * is a run of non-blank lines; headings are paragraphs of their own). The corpus lint of the
 * build calls this for every document.
 */
export function unbalancedPairs(body: string): UnbalancedPair[] {
  const lines = body.split('\n');
  const out: UnbalancedPair[] = [];
  let para: { text: string; starts: number[]; first: number } | undefined;
  const flush = () => {
    if (!para) return;
    const { problems, open } = pairProblems(para.text);
    for (const p of [...problems, ...open.map((m) => ({ ...m, kind: 'unclosed' as const }))].sort((a, b) => a.index - b.index)) {
      const k = para.starts.filter((s) => s <= p.index).length - 1;
      const lineText = lines[para.first + k];
      const col = p.index - para.starts[k];
      out.push({ line: para.first + k + 1, column: [...lineText.slice(0, col)].length + 1, mark: p.mark, kind: p.kind, context: lineText.slice(Math.max(0, col - 8), col + 9) });
    }
    para = undefined;
  };
  lines.forEach((line, i) => {
    const heading = /^#{1,6} /u.test(line);
    if (!line.trim() || heading) flush();
    if (!line.trim()) return;
    if (!para) para = { text: '', starts: [], first: i };
    para.starts.push(para.text.length);
    para.text += `${line}\n`;
    if (heading) flush();
  });
  flush();
  return out;
}

/**
 * The corpus-level lint: every unbalanced pair in a document body as a diagnostic at its place
 * in the file (`bodyLine` is the file line on which the body starts).
 */
export function pairDiagnostics(doc: { file: string; bodyLine: number; body: string }): Diagnostic[] {
  return unbalancedPairs(doc.body).map((p) => ({
    severity: 'error', code: 'pairs-unbalanced', file: doc.file, line: doc.bodyLine + p.line - 1, column: p.column,
    message: p.kind === 'unclosed' ? `${p.mark} is not closed in its paragraph (…${p.context}…)` : `${p.mark} closes nothing opened in its paragraph (…${p.context}…)`,
    hint: 'a paired mark never spans a paragraph break: join the paragraphs in the witness reading (wenji import does), or correct the mark',
  }));
}
