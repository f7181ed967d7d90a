// The finish of the edition's PDF, read back with pdfjs-dist: display lines broken between
// phrases, running heads whole, folios equal to page labels, every glyph drawn in its subset,
// the two-em dash one rule, closing marks hung at a flush-right end. The layout is consulted
// only to know which lines belong to one heading or contents entry.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { build, prepare } from '../../src/build/index.ts';
import { NO_LINE_START } from '../../src/cjk/chars.ts';
import { phraseBreaks } from '../../src/cjk/phrases.ts';
import { openPdf, pageLines, taggedItems, type TextLine } from '../../src/check/pdftext.ts';
import type { Book } from '../../src/model/types.ts';
import { layoutBook } from '../../src/writers/pdf/index.ts';
import { geometry, leftEdge } from '../../src/writers/pdf/page.ts';
import type { Page } from '../../src/writers/pdf/paginate.ts';
import type { FontSet } from '../../src/fonts/index.ts';
import { ROOT } from '../helpers/paths.ts';

const g = geometry('A5', true);
let bytes: Buffer;
let pdf: PDFDocumentProxy;
let pages: Page[];
let book: Book;
let fonts: FontSet;
let lines: TextLine[][];
/** Every text item of each page with its place, artifacts (running heads, folios, leaders) included. */
let items: { str: string; y: number; artifact: boolean }[][];

const squash = (s: string) => s.replace(/\s+/gu, '');

beforeAll(async () => {
  const out = mkdtempSync(join(tmpdir(), 'wenji-finish-'));
  const [r] = await build(ROOT, ['pdf'], out, { paper: 'A5', print: true });
  bytes = readFileSync(r.path);
  pdf = await openPdf(bytes);
  const prep = await prepare(ROOT, { paper: 'A5', print: true });
  ({ book, fonts } = prep);
  pages = layoutBook(prep.book, prep.fonts, prep.options).pages;
  lines = [];
  items = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    lines.push(await pageLines(pdf, n));
    const page = await pdf.getPage(n);
    const list: (typeof items)[number] = [];
    for (const it of await taggedItems(page)) if (it.str) list.push({ str: it.str, y: page.view[3] - it.transform[5], artifact: it.tags.includes('Artifact') });
    items.push(list);
  }
}, 240_000);

/** The artifact lines of a page above or below the text block: running heads, folios. */
function furniture(i: number, where: 'head' | 'foot'): string[] {
  const rows = new Map<number, string>();
  for (const it of items[i].filter((x) => x.artifact && (where === 'head' ? x.y < g.top : x.y > g.top + g.textHeight))) {
    const key = [...rows.keys()].find((y) => Math.abs(y - it.y) < 2) ?? it.y;
    rows.set(key, (rows.get(key) ?? '') + it.str);
  }
  return [...rows.entries()].sort((a, b) => a[0] - b[0]).map(([, s]) => squash(s));
}

describe('display lines in the PDF', () => {
  it('break every heading, title and contents entry of more than one line between phrases', () => {
    let joins = 0;
    const inside: string[] = [];
    pages.forEach((page, i) => {
      const display = page.lines.filter((p) => /^H\d$|^TOCI$/u.test(p.block.tag) || page.part.kind === 'titlepage');
      for (let k = 0; k + 1 < display.length; k++) {
        const [a, b] = [display[k], display[k + 1]];
        if (a.block !== b.block) continue;
        const find = (p: typeof a) => lines[i].find((l) => Math.abs(l.y - (g.top + p.y + p.line.baseline)) < 1.5);
        const [la, lb] = [find(a), find(b)];
        expect(la && lb, `page ${i + 1}: lines of ${a.block.tag} read back`).toBeTruthy();
        // Note marks (Lbl) are not text: the reading line leaves them out.
        const [ta, tb] = [squash(la!.text).replace(/\d+$/u, ''), squash(lb!.text)];
        joins++;
        if (!phraseBreaks(ta + tb).includes(ta.length)) inside.push(`page ${i + 1}: ${ta} / ${tb}`);
      }
    });
    expect(joins).toBeGreaterThanOrEqual(10);
    expect(inside).toEqual([]);
  });

  it('set every running head whole, on each page that has one: a part\'s own (or short) title, the edition\'s on versos', () => {
    let heads = 0;
    pages.forEach((page, i) => {
      const head = furniture(i, 'head').join('');
      if (page.blank || page.opening || page.part.kind === 'titlepage') return expect(head, `page ${i + 1}`).toBe('');
      const verso = page.number % 2 === 0;
      expect(head, `page ${i + 1}`).toBe(squash(verso ? book.meta.title : page.part.runningHead));
      expect(head).not.toMatch(/……$/u);
      heads++;
    });
    expect(heads).toBeGreaterThan(40);
  });

  it('prints on every page with a folio the page\'s own label, roman in front matter', async () => {
    const labels = (await pdf.getPageLabels())!;
    let printed = 0;
    pages.forEach((page, i) => {
      const foot = furniture(i, 'foot');
      if (page.blank || page.part.kind === 'titlepage') return expect(foot, `page ${i + 1}`).toEqual([]);
      expect(foot, `page ${i + 1}`).toEqual([labels[i]]);
      printed++;
    });
    expect(labels.slice(0, 8)).toEqual(['i', 'ii', 'iii', 'iv', 'v', 'vi', 'vii', 'viii']);
    expect(printed).toBeGreaterThan(60);
  });
});

describe('glyphs', () => {
  it('draws only characters its font subsets hold, and never the .notdef glyph', () => {
    const held = new Set(fonts.fonts.flatMap((f) => [...f.chars]));
    const missing = items.flatMap((list, i) => list.flatMap((it) => [...it.str].filter((ch) => !/\s/u.test(ch) && !held.has(ch)).map((ch) => `page ${i + 1}: ${ch}`)));
    expect(missing).toEqual([]);
    // Every text-showing operator of every page: no glyph id 0 among its hex strings.
    const pdfText = bytes.toString('latin1');
    const streams = [...pdfText.matchAll(/stream\r?\n/gu)].map((m) => {
      const start = m.index! + m[0].length;
      try { return inflateSync(bytes.subarray(start, pdfText.indexOf('endstream', start))).toString('latin1'); } catch { return ''; }
    });
    const shown = streams.flatMap((s) => [...s.matchAll(/\[([^\]]*)\]\s*TJ/gu)].flatMap((m) => [...m[1].matchAll(/<([0-9a-f]+)>/giu)].map((h) => h[1])));
    expect(shown.length).toBeGreaterThan(1000);
    expect(shown.filter((h) => /^(?:[0-9a-f]{4})*0000(?:[0-9a-f]{4})*$/iu.test(h) && h.match(/.{4}/gu)!.includes('0000'))).toEqual([]);
  });

  it('fails a build that would draw a character no subset holds, naming the page and the character', async () => {
    const { paint } = await import('../../src/writers/pdf/paint.ts');
    const page = pages.findIndex((p) => p.lines.some((l) => l.line.glyphs.length > 3));
    const copy = pages.map((p, i) => (i !== page ? p : { ...p, lines: p.lines.map((l, k) => (k ? l : { ...l, line: { ...l.line, glyphs: [{ ...l.line.glyphs[0], text: '𠀋' }, ...l.line.glyphs.slice(1)] } })) }));
    const attempt = (async () => paint({ pages: copy, geometry: g, meta: book.meta, fonts: fonts.fonts, images: book.images, measure: (t, s) => s * t.length }))();
    await expect(attempt).rejects.toThrow(new RegExp(`𠀋 \\(U\\+2000B\\) would be drawn on page ${page + 1}\\b.*font subset NotoSerifSC`, 'u'));
  });
});

describe('marks at their best', () => {
  it('draws —— as one rule across its two ems, its text kept for reading', () => {
    let dashes = 0;
    for (const page of pages) {
      for (const { line } of page.lines) {
        line.glyphs.forEach((x, k) => {
          if (x.text !== '—' || line.glyphs[k + 1]?.text !== '—') return;
          dashes++;
          const em = x.style.size;
          expect(line.glyphs[k + 1].x - x.x).toBeCloseTo(em, 3);
          const rules = (line.marks ?? []).filter((m) => m.kind === 'line' && Math.abs(m.x1 - (x.x + 0.04 * em)) < 0.01);
          expect(rules, line.glyphs.map((y) => y.text).join('')).toHaveLength(1);
          const rule = rules[0] as Extract<(typeof rules)[number], { kind: 'line' }>;
          expect(rule.x2 - rule.x1).toBeCloseTo(1.92 * em, 3);
        });
      }
    }
    expect(dashes).toBeGreaterThan(30);
    const read = items.map((l) => l.filter((x) => !x.artifact).map((x) => x.str).join('')).join('');
    expect((read.match(/——/gu) ?? []).length).toBe(dashes);
  });

  it('sets a note mark tight against the word it follows', () => {
    let marks = 0;
    for (const page of pages) {
      for (const { line } of page.lines) {
        line.glyphs.forEach((x, k) => {
          const prev = line.glyphs[k - 1];
          if (!x.style.rise || x.style.rise < 0 || !prev || prev.style.rise || !/\p{Script=Han}/u.test(prev.text)) return;
          expect(x.x - (prev.x + prev.width)).toBeCloseTo(0, 3);
          marks++;
        });
      }
    }
    expect(marks).toBeGreaterThanOrEqual(4);
  });

  it('hangs the blank half of a closing mark that ends a flush-right line: its ink meets the margin', () => {
    let hung = 0;
    pages.forEach((page, i) => {
      const right = leftEdge(g, page.number) + g.measure;
      for (const p of page.lines) {
        const last = p.line.glyphs.at(-1);
        if (p.line.justified || p.line.x < g.size || !last || !NO_LINE_START.includes(last.text) || Math.abs(p.line.x + p.line.width - g.measure) > 0.01) continue;
        const line = lines[i].find((l) => Math.abs(l.y - (g.top + p.y + p.line.baseline)) < 1.5)!;
        expect(line.lastStart + line.size / 2).toBeCloseTo(right, 1);
        hung++;
      }
    });
    expect(hung).toBeGreaterThanOrEqual(3);
  });
});
