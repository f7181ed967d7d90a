// Golden lines: how one document is broken into lines and pages at A5, with the real font.
// The expected file is never written by a plain run: a missing one is a failure. Regenerate with
// UPDATE_GOLDEN=1 and review the diff by eye before committing it.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { prepare } from '../../src/build/index.ts';
import { layoutBook } from '../../src/writers/pdf/index.ts';
import { ROOT } from '../helpers/paths.ts';

const DOC = 'doc-2025-05-08-international-law';
const GOLDEN = join(ROOT, 'test', 'fixtures', 'pdf', `${DOC}.a5.txt`);

it('sets the international-law statement exactly as reviewed', async () => {
  const prep = await prepare(ROOT, { paper: 'A5', print: true });
  const { pages } = layoutBook(prep.book, prep.fonts, prep.options);
  const text = pages.filter((p) => p.part.id === DOC).map((p) => [
    `--- page ${p.number}${p.opening ? ' (opening)' : ''}`,
    ...p.lines.map((l) => `${l.line.justified ? '=' : ' '} ${l.block.tag.padEnd(4)} ${l.line.glyphs.map((g) => g.text).join('')}`),
  ].join('\n')).join('\n') + '\n';
  if (process.env.UPDATE_GOLDEN) writeFileSync(GOLDEN, text);
  expect(existsSync(GOLDEN), `${GOLDEN} is missing: create it with \`UPDATE_GOLDEN=1 npx vitest run test/pdf/golden.test.ts\`, then review every line of it before committing`).toBe(true);
  expect(text).toBe(readFileSync(GOLDEN, 'utf8'));
});
