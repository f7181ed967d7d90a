// A document's title from its first heading: when the body opens with a level-1 heading (ATX
// `# …` or setext `…\n===`) and the front matter gives no title, that heading is the title and
// leaves the body, so that it is not set twice. Its lines are blanked, not removed, so that every
// later line keeps its number in messages.
import MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';

const md = new MarkdownIt('commonmark');

/** The text a reader sees in a heading's inline tokens. */
function tokenText(tokens: Token[]): string {
  return tokens.map((t) => (t.type === 'text' || t.type === 'code_inline' ? t.content : t.type === 'image' ? tokenText(t.children ?? []) : t.type === 'softbreak' ? ' ' : '')).join('').trim();
}

/** The title and the body without it, or undefined when the body does not open with a level-1 heading. */
export function firstHeading(body: string): { title: string; body: string } | undefined {
  const tokens = md.parse(body, {});
  const first = tokens[0];
  if (!first || first.type !== 'heading_open' || first.tag !== 'h1' || !first.map) return undefined;
  const title = tokenText(tokens[1].children ?? []);
  if (!title) return undefined;
  const lines = body.split('\n');
  for (let i = first.map[0]; i < first.map[1]; i++) lines[i] = '';
  return { title, body: lines.join('\n') };
}
