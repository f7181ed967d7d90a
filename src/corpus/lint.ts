// House rules of a documented edition, not rules of the document language: no hard line breaks
// inside a paragraph, no spaces beside Chinese characters, full-width punctuation in Chinese
// text, no leftovers of the witnesses (continuation marks, markup). They apply to documents
// established by `wenji import` (those with `witnesses`), and to every document of an edition
// whose file says `house_rules: true`; never to an ordinary document otherwise.
import type { Diagnostic } from '../diagnostics.ts';
import { pairDiagnostics } from '../cjk/brackets.ts';
import { isCjk } from '../cjk/chars.ts';
import { fullWidthPunctuation } from '../import/normalize.ts';
import type { CorpusDocument } from './load.ts';

interface BodyRule {
  id: string;
  test: (line: string) => number;
  message: string;
}

const RULES: BodyRule[] = [
  { id: 'space-in-cjk', test: (l) => [...l].findIndex((ch, i, a) => /\s/u.test(ch) && (isCjk(a[i - 1] ?? '') || isCjk(a[i + 1] ?? ''))), message: 'a space next to a Chinese character' },
  { id: 'half-width-punctuation', test: (l) => { const f = [...fullWidthPunctuation(l)]; return [...l].findIndex((ch, i) => ch !== f[i]); }, message: 'half-width punctuation in Chinese text' },
  { id: 'continuation-mark', test: (l) => l.search(/[（(]\s*(上接|下转)/u), message: 'a newspaper continuation mark' },
  { id: 'markup', test: (l) => l.search(/<\/?[A-Za-z][^>]*>?|<\//u), message: 'HTML markup' },
];

/** Problems in a document's body, each at its line and column; a bracket pair left open (《…, （…) among them. */
export function lintBody(doc: CorpusDocument): Diagnostic[] {
  const out: Diagnostic[] = pairDiagnostics(doc);
  const lines = doc.body.split('\n');
  lines.forEach((line, i) => {
    const at = { file: doc.file, line: doc.bodyLine + i };
    if (line.trim() && lines[i + 1]?.trim() && !line.startsWith('#') && !lines[i + 1].startsWith('#')) {
      out.push({ severity: 'error', code: 'corpus-format', ...at, column: line.length + 1, message: 'a hard line break inside a paragraph', hint: 'join the lines; paragraphs are separated by a blank line (house rule no-hard-break, README.md "House rules")' });
    }
    const marker = /^#{1,6} /u.exec(line)?.[0] ?? '';
    for (const rule of RULES) {
      const col = rule.test(line.slice(marker.length));
      if (col >= 0) out.push({ severity: 'error', code: 'corpus-format', ...at, column: marker.length + col + 1, message: rule.message, hint: `house rule ${rule.id} of a documented edition (README.md, "House rules")` });
    }
  });
  return out;
}
