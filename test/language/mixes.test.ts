// The parser on random mixes of the syntax (headings, lists, quotes, fences, tables, footnotes,
// HTML, containers) with Chinese text between: it never throws anything but a diagnostic, and
// the text a reader sees keeps every Chinese character of the input (a comment, a link
// definition or a fence's language, which hold no text to read, are not generated), except
// what a warning names as left out (a footnote defined twice, or never referred to).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DiagnosticError, type Diagnostic } from '../../src/diagnostics.ts';
import { parseMarkdown } from '../../src/language/index.ts';
import { md } from '../../src/language/markdown.ts';
import { readingText } from '../../src/model/types.ts';

const HAN = [...'天地玄黄宇宙洪荒日月盈昃辰宿列张寒来暑往秋收冬藏'];
const cjk = fc.array(fc.constantFrom(...HAN, '，', '。', '「', '」'), { minLength: 1, maxLength: 5 }).map((a) => a.join(''));

/** Pieces of syntax that hold no reader's text of their own. */
const SYNTAX = [
  '# ', '## ', '###### ', '> ', '>> ', '- ', '* ', '1. ', '  - ', '    ', '- [ ] ', '::: note\n', '::: verse\n', ':::\n', '```\n', '~~~\n', '```js\n',
  '| a | b |', '|---|---|', '|', '<div>', '</div>', '<span lang="en">', '</span>', '<b>', '</b>', '<ruby>', '<rt>', '</rt>', '</ruby>', '<sup>', '</sup>', '<br>',
  '*', '**', '_', '~~', '`', '---', '***', '===', '\\', '[^1]', '&amp;', '&#11;', '&#xD800;', '<', '>', '!', '(', ')', ' ', '\t', '\r\n', '\u000b',
];

const piece = fc.oneof(
  { weight: 3, arbitrary: cjk },
  { weight: 3, arbitrary: fc.constantFrom(...SYNTAX) },
  { weight: 2, arbitrary: fc.constant('\n') },
  { weight: 1, arbitrary: fc.constant('\n\n') },
);

/** How often each Chinese character occurs. */
function counts(s: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const ch of s) if (HAN.includes(ch)) m.set(ch, (m.get(ch) ?? 0) + 1);
  return m;
}

describe('the parser on random mixes of syntax and Chinese text', () => {
  it('never throws anything but a diagnostic, and keeps every Chinese character', () => {
    fc.assert(fc.property(fc.array(piece, { minLength: 1, maxLength: 60 }), (pieces) => {
      // A footnote is referred to, so that its definition is read.
      const source = `${pieces.join('')}\n\n引[^1]\n\n[^1]: 注`;
      const warnings: Diagnostic[] = [];
      let text: string;
      try {
        text = readingText(parseMarkdown(source, { file: 'x.md', idPrefix: 'doc-x', warnings }));
      } catch (e) {
        expect(e).toBeInstanceOf(DiagnosticError);
        return;
      }
      for (const w of warnings) expect(w.line).toBeGreaterThan(0);
      const got = counts(text);
      // A footnote definition that is not set is quoted in its warning (its start, with “…”, when long).
      const named = warnings.filter((w) => w.message.startsWith('footnote [')).map((w) => w.message).join('\n');
      const quoted = counts(named);
      // A fence's language (\`~~~~天\`, made of two pieces) is no text to read.
      for (const t of md.parse(source, {})) for (const [ch, n] of counts(t.type === 'fence' ? t.info : '')) quoted.set(ch, (quoted.get(ch) ?? 0) + n);
      for (const [ch, n] of counts(source)) {
        const kept = (got.get(ch) ?? 0) + (quoted.get(ch) ?? 0) >= n || named.includes('…”');
        expect(kept, `${ch} in\n${source}\n---\n${text}\n---\n${named}`).toBe(true);
      }
    }), { numRuns: 1500 });
  });

  it('sets nesting deeper than it can read as an error at its line, never a silent loss', () => {
    const source = `前文\n\n${'>'.repeat(200)} 深\n\n后文`;
    expect(() => parseMarkdown(source, { file: 'x.md', idPrefix: 'doc-x' })).toThrow(/x\.md:3:1: error: quotes, lists or containers are nested more than 50 levels/u);
  });

  it('sets quotes and lists deeper than eight levels at level eight, with a warning, and keeps their text', () => {
    const warnings: Diagnostic[] = [];
    const list = Array.from({ length: 30 }, (_, i) => `${'  '.repeat(i)}- 列${HAN[i % HAN.length]}`).join('\n');
    const source = `${'>'.repeat(30)} 深引\n\n${list}\n\n后文`;
    const text = readingText(parseMarkdown(source, { file: 'x.md', idPrefix: 'doc-x', warnings }));
    expect(text).toContain('深引');
    for (let i = 0; i < 30; i++) expect(text).toContain(`列${HAN[i % HAN.length]}`);
    expect(text).toContain('后文');
    expect(warnings.filter((w) => /nested more than 8 levels/u.test(w.message)).map((w) => w.line)).toEqual([1]);
  });

  it('warns of a footnote defined twice or never referred to, at the definition that is not set', () => {
    const warnings: Diagnostic[] = [];
    parseMarkdown('正文[^1]\n\n[^1]: 甲\n\n[^1]: 乙\n\n  [^9]: 未引\n', { file: 'x.md', firstLine: 3, idPrefix: 'doc-x', warnings });
    expect(warnings.map((w) => `${w.line}:${w.column} ${w.message}`)).toEqual([
      '5:1 footnote [^1] is defined again further on; this definition is not set (“甲”) (footnote)',
      '9:3 footnote [^9] is defined but never referred to; it is not set (“未引”) (footnote)',
    ]);
  });
});
