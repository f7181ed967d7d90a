// Heading ids stay unique in a part even when a heading's slug is another's numbered form.
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../src/language/index.ts';
import { SlugCounter } from '../../src/language/slug.ts';

describe('heading ids', () => {
  it('are unique when headings collide after slugging', () => {
    const c = new SlugCounter();
    expect(['A', 'a', 'A-1', 'A!', '', '!!'].map((t) => c.next(t))).toEqual(['a', 'a-1', 'a-1-1', 'a-2', 'section', 'section-1']);
  });

  it('in a parsed document, every heading has its own id', () => {
    const blocks = parseMarkdown('# A\n\n# A\n\n# A-1\n\n# a?\n\n# 第一章\n\n# 第一章！', { file: 'x.md', idPrefix: 'doc-x' });
    const ids = blocks.flatMap((b) => (b.type === 'heading' ? [b.id] : []));
    expect(ids).toHaveLength(6);
    expect(new Set(ids).size).toBe(6);
  });
});
