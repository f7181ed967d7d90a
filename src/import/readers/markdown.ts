// Reader for a Markdown witness: `#` is the title, `##` a section numeral, paragraphs as parsed
// by markdown-it (so escapes and soft breaks are handled as Markdown defines them).
import MarkdownIt from 'markdown-it';
import { lineBlocks } from './text.ts';
import { type RawBlock, type ReadResult, type Removal } from '../witness.ts';

const md = new MarkdownIt('commonmark');

export function readMarkdown(text: string, file: string): ReadResult {
  const tokens = md.parse(text, {});
  const blocks: RawBlock[] = [];
  const removed: Removal[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const open = tokens[i];
    if (open.type !== 'heading_open' && open.type !== 'paragraph_open') continue;
    const inline = tokens[i + 1];
    const line = (open.map?.[0] ?? 0) + 1;
    // Soft breaks inside a Markdown paragraph are hard wraps, not content.
    const content = (inline.children ?? []).map((c) => (c.type === 'softbreak' || c.type === 'hardbreak' ? ' ' : c.content)).join('');
    if (open.type === 'heading_open' && open.tag === 'h1') blocks.push({ type: 'title', text: content, line });
    else if (open.type === 'heading_open') blocks.push({ type: 'section', numeral: content.trim(), line });
    else blocks.push(...lineBlocks([{ text: content, line }], file));
  }
  return { blocks, removed };
}
