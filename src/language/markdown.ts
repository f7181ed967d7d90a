// The markdown-it set-up of the document language: CommonMark, GitHub's extensions (tables,
// strikethrough, autolinks, task lists, footnotes), ==highlight== (markdown-it-mark) and one generic container rule for our
// semantic blocks (`::: role`). Raw HTML is tokenised so that the safe set can be rendered and
// everything else reported (html.ts); nothing here decides what a token means (elements.ts does).
import MarkdownIt from 'markdown-it';
import container from 'markdown-it-container';
import footnote from 'markdown-it-footnote';
// @ts-expect-error markdown-it-mark ships no types: a plugin function.
import mark from 'markdown-it-mark';
// @ts-expect-error markdown-it-task-lists ships no types: a plugin function.
import taskLists from 'markdown-it-task-lists';

/** `::: role` or `::: role title` (the title form is other tools' admonition syntax). */
const ROLE = /^[A-Za-z][\w-]*(?:\s.*)?$/u;

/**
 * Nesting markdown-it follows before it stops reading (it then drops the rest of the block
 * silently); the parser refuses a document that reaches it, and sets what is deeper than
 * MAX_SET_DEPTH at that depth (parse.ts).
 */
export const MAX_NESTING = 100;

/** The env key under which the first line that was too deep to read is recorded. */
export const TOO_DEEP = 'wenjiTooDeep';

/** The env key under which every footnote definition is recorded, in order (see NoteDefinition). */
export const NOTE_DEFINITIONS = 'wenjiNoteDefinitions';

/** A footnote definition as written: its label, first line (0-based, in the source) and text. */
export interface NoteDefinition { label: string; line: number; text: string }

function markdown() {
  const md = new MarkdownIt('commonmark', { html: true, linkify: true, typographer: false, maxNesting: MAX_NESTING })
    .enable(['table', 'strikethrough', 'linkify'])
    .use(footnote)
    .use(mark)
    .use(taskLists, { enabled: false });
  // Autolinks of the GitHub kind (www.…, https://…); no e-mail or bare-domain guessing in Chinese text.
  md.linkify.set({ fuzzyLink: false, fuzzyEmail: false });
  md.use(container, 'div', { validate: (params: string) => ROLE.test(params.trim()) });
  // Blockquotes and lists read their content through this function: record where it gives up.
  const tokenize = md.block.tokenize.bind(md.block);
  md.block.tokenize = (state, startLine, endLine) => {
    if (state.level >= MAX_NESTING && state.skipEmptyLines(startLine) < endLine && state.env[TOO_DEEP] === undefined) state.env[TOO_DEEP] = state.skipEmptyLines(startLine);
    tokenize(state, startLine, endLine);
  };
  // markdown-it-footnote's tail keeps one definition per label that is referred to and drops
  // the others without a word: record them all first, so that the parser can name what is left out.
  md.core.ruler.before('footnote_tail', 'wenji_note_definitions', (state) => {
    const defs: NoteDefinition[] = [];
    let open: NoteDefinition | undefined;
    for (const t of state.tokens) {
      if (t.type === 'footnote_reference_open') open = { label: (t.meta as { label: string }).label, line: -1, text: '' };
      else if (t.type === 'footnote_reference_close' && open) { defs.push(open); open = undefined; }
      else if (open) {
        if (open.line < 0 && t.map) open.line = t.map[0];
        if (t.type === 'inline') open.text += (open.text ? ' ' : '') + t.content;
      }
    }
    state.env[NOTE_DEFINITIONS] = defs;
  });
  return md;
}

export const md = markdown();

/** GitBook's `{% hint style="info" %}` and Hexo's `{% note info %}` opening a block, on a line of their own. */
const TAG_OPEN = /^[ \t]*\{%-?[ \t]*(hint|note)(?:[ \t]+style=["']?([\w-]+)["']?|[ \t]+([\w-]+))?[^%\n]*-?%\}[ \t]*$/u;
const TAG_CLOSE = /^[ \t]*\{%-?[ \t]*end(hint|note)[ \t]*-?%\}[ \t]*$/u;
/** Hexo's note classes that are not admonition names. */
const PLAIN_NOTE = new Set(['default', 'primary', 'no-icon']);

/**
 * Other tools' admonition tags, read as our admonition containers: a `{% hint %}` or `{% note %}`
 * line and its `{% endhint %}`/`{% endnote %}` become `::: kind` and `:::`, line for line, so that
 * every place in the file stays where it was. A tag without its pair is left as written.
 */
export function admonitionTags(source: string): string {
  const lines = source.split('\n');
  const open: { line: number; tag: string }[] = [];
  const pairs: [number, number, string][] = [];
  lines.forEach((l, n) => {
    const o = TAG_OPEN.exec(l);
    if (o) { open.push({ line: n, tag: o[1] }); return; }
    const c = TAG_CLOSE.exec(l);
    if (c && open.at(-1)?.tag === c[1]) pairs.push([open.pop()!.line, n, c[1]]);
  });
  if (!pairs.length) return source;
  for (const [from, to] of pairs) {
    const o = TAG_OPEN.exec(lines[from])!;
    const kind = (o[2] ?? o[3] ?? '').toLowerCase();
    lines[from] = `::: ${kind && !PLAIN_NOTE.has(kind) ? kind : o[1] === 'hint' ? 'info' : 'note'}`;
    lines[to] = ':::';
  }
  return lines.join('\n');
}
