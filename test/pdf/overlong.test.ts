// Runs that no rule lets break and that are wider than the measure (a 5,000-letter word, a long
// URL, a long number; in text and in a table cell): broken at the measure without a hyphen, never
// running off the page, and told as warnings at their place when the break falls between two
// characters of a word.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildAll } from '../../src/build/index.ts';
import type { Diagnostic } from '../../src/diagnostics.ts';
import { openPdf, pageLines, type TextLine } from '../../src/check/pdftext.ts';
import { pdfPartTexts } from '../../src/writers/pdf/readback.ts';
import { geometry, leftEdge } from '../../src/writers/pdf/page.ts';

const WORD = 'a'.repeat(5000);
const URL = `https://example.com/${Array.from({ length: 80 }, (_, i) => `segment${i}`).join('/')}`;
const DIGITS = '7'.repeat(400);
const CELL = 'b'.repeat(600);

let lines: TextLine[][];
let warnings: Diagnostic[];
let pdf: Buffer;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wenji-overlong-'));
  mkdirSync(join(dir, 'corpus'));
  writeFileSync(join(dir, 'corpus/edition.yaml'), 'title: 长词之书\nslug: overlong\n');
  writeFileSync(join(dir, 'corpus/long.md'), [
    '---', 'title: 长词', '---', '',
    `一个很长的词：${WORD}。`, '',
    `网址：${URL}。`, '',
    `数字：${DIGITS}。`, '',
    '| 名称 | 值 |', '| --- | --- |', `| 长词 | ${CELL} |`, '',
  ].join('\n'));
  const result = await buildAll(dir, ['pdf']);
  warnings = result.warnings;
  pdf = readFileSync(result.results[0].path);
  const doc = await openPdf(pdf);
  lines = [];
  for (let n = 1; n <= doc.numPages; n++) lines.push(await pageLines(doc, n));
}, 240_000);

describe('runs wider than the measure', () => {
  it('are set whole, and no line reaches beyond the text block', async () => {
    const text = [...(await pdfPartTexts(pdf)).values()].join('');
    for (const run of [WORD, URL, DIGITS, CELL]) expect(text).toContain(run);
    const g = geometry('A5', true);
    const beyond = lines.flatMap((page, i) => page.filter((l) => l.right > leftEdge(g, i + 1) + g.measure + 0.5 || l.left < leftEdge(g, i + 1) - 0.5).map((l) => `page ${i + 1}: ${l.text.slice(0, 30)}`));
    expect(beyond).toEqual([]);
    // Broken without a hyphen: no line of the word ends in one.
    expect(lines.flat().filter((l) => /a-$|7-$|b-$/u.test(l.text.trim()))).toEqual([]);
  });

  it('break a URL after its slashes, with no warning', () => {
    const url = lines.flat().filter((l) => l.text.includes('segment'));
    expect(url.length).toBeGreaterThan(5);
    for (const l of url.slice(0, -1)) expect(l.text.trim()).toMatch(/\/$/u);
    expect(warnings.filter((w) => w.message.includes('segment'))).toEqual([]);
  });

  it('warn, at the file, line and column of their block, where a word or number is broken between two characters', () => {
    const overfull = warnings.filter((w) => w.code === 'overfull');
    expect(overfull.map((w) => [w.file, w.line, w.column])).toEqual([['corpus/long.md', 5, 1], ['corpus/long.md', 9, 1], ['corpus/long.md', 11, 1]]);
    expect(overfull[0].message).toContain('5000 characters');
    expect(overfull[1].message).toContain('400 characters');
    expect(overfull[2].message).toContain('600 characters');
  });
});
