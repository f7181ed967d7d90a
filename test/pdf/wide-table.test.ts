// A table wider than the measure: set in smaller type when that makes it fit, its cells broken
// between phrases; one warning for a table that cannot fit even so, not one per cell.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildAll } from '../../src/build/index.ts';
import { openPdf, pageLines } from '../../src/check/pdftext.ts';
import { geometry, leftEdge } from '../../src/writers/pdf/page.ts';

function table(cols: number, cell: (i: number) => string): string {
  return `| ${Array.from({ length: cols }, (_, i) => `项目${i}`).join(' | ')} |\n|${'---|'.repeat(cols)}\n${`| ${Array.from({ length: cols }, (_, i) => cell(i)).join(' | ')} |\n`.repeat(3)}`;
}

async function build(markdown: string) {
  const dir = mkdtempSync(join(tmpdir(), 'wenji-wide-'));
  mkdirSync(join(dir, 'corpus'));
  writeFileSync(join(dir, 'corpus', 'edition.yaml'), 'title: 表\nslug: book\n');
  writeFileSync(join(dir, 'corpus', 'a.md'), `# 表\n\n${markdown}`);
  const { results, warnings } = await buildAll(dir, ['pdf'], mkdtempSync(join(tmpdir(), 'wenji-wide-out-')));
  const pdf = await openPdf(readFileSync(results[0].path));
  const pages = [];
  for (let n = 1; n <= pdf.numPages; n++) pages.push(await pageLines(pdf, n));
  return { warnings, pages };
}

describe('a wide table', () => {
  it('of nine columns of two words fits the A5 measure in smaller type, each word whole', async () => {
    const { warnings, pages } = await build(table(9, (i) => `北京上海${i}`));
    expect(warnings).toEqual([]);
    const g = geometry('A5', true);
    const cells = pages.flatMap((p, i) => p.filter((l) => /北京|上海/u.test(l.text)).map((l) => ({ ...l, page: i + 1 })));
    expect(cells.length).toBeGreaterThan(0);
    for (const l of cells) expect(l.right).toBeLessThanOrEqual(leftEdge(g, l.page) + g.measure + 0.5);
    expect(cells.map((l) => l.text).join(' ')).not.toMatch(/北(?!京)|(?<!上)海/u);
  }, 120_000);

  it('of thirty columns is one warning at the table, not one per cell', async () => {
    const { warnings } = await build(table(30, (i) => `内容${i}很长的单元格`));
    expect(warnings.map((w) => `${w.line}:${w.code}`)).toEqual(['3:overfull']);
    expect(warnings[0].message).toMatch(/^a table of 30 columns is wider than the page even in smaller type/u);
  }, 120_000);
});
