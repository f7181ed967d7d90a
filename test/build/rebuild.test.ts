// A rebuild in the same process (as `wenji watch` makes it) takes laid-out parts, and front matter
// read before, from what it kept, and still reports every warning they gave: nothing is lost
// silently on the second build.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildAll } from '../../src/build/index.ts';
import { formatDiagnostic } from '../../src/diagnostics.ts';

describe('a rebuild in the same process', () => {
  it('reports the layout warnings of the parts it takes from the cache', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wenji-rebuild-'));
    mkdirSync(join(dir, 'corpus'));
    writeFileSync(join(dir, 'corpus', 'edition.yaml'), 'title: 长词\n');
    const wide = '| a | b | c | d | e | f | g | h | i | j |\n|---|---|---|---|---|---|---|---|---|---|\n| Supercalifragilisticexpialidocious | Pneumonoultramicroscopicsilicovolcanoconiosis | x | x | x | x | x | x | x | x |\n';
    writeFileSync(join(dir, 'corpus', 'a.md'), `# 长词\n\n${'A'.repeat(400)}\n\n${wide}`);
    // Its front matter has a key no one reads: a warning that the second build must give again.
    writeFileSync(join(dir, 'corpus', 'b.md'), '---\nsubtitel: 无\n---\n\n# 短文\n\n一段文字。\n');
    const first = (await buildAll(dir, ['epub', 'pdf'], join(dir, 'out'))).warnings.map(formatDiagnostic);
    expect(first.filter((w) => w.includes('[overfull]')).length).toBeGreaterThanOrEqual(2);
    expect(first.filter((w) => w.includes('subtitel'))).toHaveLength(1);
    // Another document edited: a.md comes from the layout cache, b.md's front matter from what was read before.
    writeFileSync(join(dir, 'corpus', 'b.md'), '---\nsubtitel: 无\n---\n\n# 短文\n\n一段新的文字。\n');
    const second = (await buildAll(dir, ['epub', 'pdf'], join(dir, 'out'))).warnings.map(formatDiagnostic);
    expect(second).toEqual(first);
  }, 120_000);
});
