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
const pages = (prefix: string, ext = '.txt') => readdirSync(DIR).filter((f) => f.startsWith(prefix) && f.endsWith(ext));
const truthOf = (f: string) => units(readFileSync(join(DIR, f.replace(/\.(txt|html)$/u, '.truth.md')), 'utf8'));

describe('OCR pages of other column widths', () => {
  for (const set of ['ocr-', 'held-']) {
    it(`${set}* pages: ≥ 99 % of paragraphs exactly right, ≥ 0.999 character similarity`, () => {
      const files = pages(set);
      expect(files.length).toBeGreaterThanOrEqual(8);
      let total = 0;
      let exact = 0;
      for (const f of files) {
        const s = score(truthOf(f), reading(f, 'ocr'));
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

describe('HTML reposts in layouts unlike the seed repost', () => {
  const files = [...pages('html-', '.html'), ...pages('held-html-', '.html')];

  it('finds every paragraph and every section heading (centred bold numerals, <h3>, <div align=center>)', () => {
    expect(files.length).toBeGreaterThanOrEqual(5);
    for (const f of files) {
      const s = score(truthOf(f), reading(f, 'html'));
      expect(s.exact, f).toBe(s.units);
      expect(s.headingsFound, f).toBe(s.headings);
    }
    expect(files.reduce((n, f) => n + score(truthOf(f), reading(f, 'html')).headings, 0)).toBeGreaterThanOrEqual(20);
  });

  it('leaves no boilerplate: navigation, share bars, tag lists, ads, editor lines, related articles, comments, footer', () => {
    for (const f of files) {
      const text = reading(f, 'html').join('\n');
      expect(score(truthOf(f), reading(f, 'html')).extra, f).toBe(0);
      for (const junk of ['首页', '分享到', '标签', '限时优惠', '责任编辑', '相关阅读', '网友评论', '版权', '热门文章', '来源']) expect(text, f).not.toContain(junk);
    }
  });

  it('counts what it removed', () => {
    const r = readWitness(join(DIR, 'html-2023-centred.html'), 'html');
    const removed = Object.fromEntries(r.removed.map((x) => [x.what, x.count]));
    expect(removed['广告位']).toBe(1);
    expect(removed['标签链接（去链接，留文字）']).toBeGreaterThan(10);
    expect(removed['正文以外的导航与告示']).toBeGreaterThan(10);
    expect(r.docs[0].title?.text).toBe('中华人民共和国和俄罗斯联邦关于深化新时代全面战略协作伙伴关系的联合声明');
  });
});
