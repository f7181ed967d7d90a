// Pages the readers were not written against: OCR pages made from the corpus text at other column
// widths, with the printer's handling of closing marks (hung or pushed down), with and without
// indents kept as spaces, blank lines, OCR letter-spacing and half-width marks
// (test/import/unseen/make.ts wrote them; `held-*` pages were made after the reader was tuned on
// the `ocr-*` ones). Each reading is scored against the true paragraphs.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readWitness } from '../../src/import/read.ts';
import { ROOT } from '../helpers/paths.ts';
import { score } from './unseen/measure.ts';

const DIR = join(ROOT, 'test/fixtures/import/unseen');
const units = (text: string) => text.split('\n').filter((l) => l.trim());
const reading = (file: string, kind: 'ocr' | 'html' | 'text') => readWitness(join(DIR, file), kind).docs
  .flatMap((d) => d.body.map((u) => (u.type === 'heading' ? `## ${u.numeral}` : u.text)));
const pages = (prefix: string) => readdirSync(DIR).filter((f) => f.startsWith(prefix) && f.endsWith('.txt') && !f.endsWith('.truth.md'));

describe('OCR pages of other column widths', () => {
  for (const set of ['ocr-', 'held-']) {
    it(`${set}* pages: ≥ 99 % of paragraphs exactly right, ≥ 0.999 character similarity`, () => {
      const files = pages(set);
      expect(files.length).toBeGreaterThanOrEqual(8);
      let total = 0;
      let exact = 0;
      for (const f of files) {
        const s = score(units(readFileSync(join(DIR, f.replace(/\.txt$/u, '.truth.md')), 'utf8')), reading(f, 'ocr'));
        total += s.units;
        exact += s.exact;
        expect(s.similarity, f).toBeGreaterThanOrEqual(0.999);
        expect(s.headingsFound, f).toBe(s.headings);
        expect(s.exact / s.units, f).toBeGreaterThanOrEqual(0.98);
      }
      expect(exact / total).toBeGreaterThanOrEqual(0.99);
    });
  }
});
