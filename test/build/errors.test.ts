// Broken input to `wenji build`: one clear message naming the place, a non-zero exit, and
// out/ and corpus/ exactly as they were.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { snapshot, tempProject } from '../helpers/project.ts';
import { run } from '../helpers/run.ts';

const DOC = '2025-05-08-international-law';

/** Builds a temp project after `edit`; returns the result and whether out/ and corpus/ stayed as they were. */
async function buildWith(edit: (dir: string) => void) {
  const dir = tempProject();
  mkdirSync(join(dir, 'out'));
  writeFileSync(join(dir, 'out', 'previous.epub'), 'the previous build');
  edit(dir);
  const before = { out: snapshot(join(dir, 'out')), corpus: snapshot(join(dir, 'corpus')) };
  const r = await run('-C', dir, 'build');
  const same = JSON.stringify({ out: snapshot(join(dir, 'out')), corpus: snapshot(join(dir, 'corpus')) }) === JSON.stringify(before);
  return { ...r, same };
}

const editFile = (dir: string, rel: string, f: (s: string) => string) => writeFileSync(join(dir, rel), f(readFileSync(join(dir, rel), 'utf8')));
const lineOf = (dir: string, rel: string, needle: string) => readFileSync(join(dir, rel), 'utf8').split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('broken input to build', () => {
  it('a paragraph break inside a pair of title marks (an established document)', async () => {
    let line = 0;
    const r = await buildWith((dir) => {
      editFile(dir, `corpus/${DOC}.md`, (s) => s.replace(/《([^》]{2})/u, '《$1\n\n'));
      line = lineOf(dir, `corpus/${DOC}.md`, '《');
    });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(new RegExp(`^corpus/${DOC}\\.md:${line}:\\d+: error: 《 is not closed in its paragraph .*\\[pairs-unbalanced\\]`, 'mu'));
    expect(r.same).toBe(true);
  });

  it('bad YAML in front matter', async () => {
    let line = 0;
    const r = await buildWith((dir) => {
      editFile(dir, `corpus/${DOC}.md`, (s) => s.replace('place: 莫斯科', 'place: [莫斯科'));
      line = lineOf(dir, `corpus/${DOC}.md`, 'place: [');
    });
    expect(r.code).toBe(1);
    // The parser notices the unclosed `[` where the next key begins; the message points at the `[`.
    expect(r.err).toMatch(new RegExp(`^corpus/${DOC}\\.md:${line}:8: error: front matter: .*must .*end with a \\] \\[yaml-syntax\\]`, 'mu'));
    expect(r.same).toBe(true);
  });

  it('a field of the wrong type', async () => {
    let line = 0;
    const r = await buildWith((dir) => {
      editFile(dir, `corpus/${DOC}.md`, (s) => s.replace('title_supplied: false', 'title_supplied: "no"'));
      line = lineOf(dir, `corpus/${DOC}.md`, 'title_supplied:');
    });
    expect(r.code).toBe(1);
    expect(r.err).toContain(`corpus/${DOC}.md:${line}:17: error: front matter: \`title_supplied\`: Invalid input: expected boolean, received string [schema]`);
    expect(r.same).toBe(true);
  });

  it('an unknown template variable', async () => {
    const r = await buildWith((dir) => editFile(dir, 'templates/colophon.md', (s) => s.replace('{{ edition.publisher }}', '{{ edition.publsher }}')));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/templates\/colophon\.md:8:4: error: undefined variable: edition\.publsher \[template\]/u);
    expect(r.same).toBe(true);
  });

  it('an unknown template filter', async () => {
    const r = await buildWith((dir) => editFile(dir, 'templates/colophon.md', (s) => s.replace('{{ edition.modified_date | cn_date }}', '{{ edition.modified_date | cn_dat }}')));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/templates\/colophon\.md:\d+:\d+: error: .*cn_dat.* \[template\]/u);
    expect(r.same).toBe(true);
  });

  it('an empty corpus', async () => {
    const r = await buildWith((dir) => {
      for (const n of ['2023-03-21-deepening-partnership', '2024-05-16-75th-anniversary', '2025-05-08-global-strategic-stability', DOC, '2025-05-08-moscow-joint-statement']) rmSync(join(dir, 'corpus', `${n}.md`));
    });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^corpus: error: the corpus has no documents \(no \.md files\) \[corpus-empty\]/mu);
    expect(r.same).toBe(true);
  });

  it('a document of the documented edition that breaks a house rule', async () => {
    let line = 0;
    const r = await buildWith((dir) => {
      editFile(dir, `corpus/${DOC}.md`, (s) => s.replace('四、中华人民共和国和俄罗斯联邦共同认为', '四、中华人民共和国和俄罗斯联邦共同认为,'));
      line = lineOf(dir, `corpus/${DOC}.md`, '共同认为,');
    });
    expect(r.code).toBe(1);
    expect(r.err).toContain(`corpus/${DOC}.md:${line}:`);
    expect(r.err).toMatch(/error: half-width punctuation in Chinese text \[corpus-format\]/u);
    expect(r.same).toBe(true);
  });

  it('a part whose template does not exist', async () => {
    let line = 0;
    const r = await buildWith((dir) => {
      editFile(dir, 'corpus/edition.yaml', (s) => s.replace('template: editorial-note', 'template: editorial-notes'));
      line = lineOf(dir, 'corpus/edition.yaml', 'editorial-notes');
    });
    expect(r.code).toBe(1);
    expect(r.err).toContain(`corpus/edition.yaml:${line}:5: error: the template editorial-notes of part 2 does not exist [template]`);
    expect(r.same).toBe(true);
  });

  it('a document id in the edition file that the corpus lacks', async () => {
    const r = await buildWith((dir) => editFile(dir, 'corpus/edition.yaml', (s) => s.replace('  - 2025-05-08-international-law', '  - 2025-05-08-internationl-law')));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/corpus\/edition\.yaml:\d+:5: error: document 2025-05-08-internationl-law is not in the corpus \[schema\]/u);
    expect(r.same).toBe(true);
  });
});
