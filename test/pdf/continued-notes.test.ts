// Notes too long for the room left on their mark's page, read back from built PDFs (pdfjs-dist):
// a note begins on its mark's page and goes on at the foot of the next page(s), before that
// page's own notes, under a rule across the full measure; its text reads back whole; no page but
// the last of its part is short of the text block; no page holds notes alone.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { build, prepare } from '../../src/build/index.ts';
import { openPdf, pageLines, type TextLine } from '../../src/check/pdftext.ts';
import { pdfPartTexts } from '../../src/writers/pdf/readback.ts';
import { layoutBook } from '../../src/writers/pdf/index.ts';
import { geometry } from '../../src/writers/pdf/page.ts';
import type { Page } from '../../src/writers/pdf/paginate.ts';

const SENTENCES = [
  '双方将继续加强在国际事务中的协调配合，维护国际公平正义',
  '两国在经贸、能源、科技、人文等领域的务实合作取得丰硕成果',
  '双方愿共同努力，推动构建人类命运共同体，促进世界和平与发展',
  '中方欢迎俄方积极参与共建“一带一路”倡议框架下的各项合作',
  '双方商定继续深化地方合作和边境地区合作，扩大人员往来',
];
const para = (i: number, n: number) => Array.from({ length: n }, (_, k) => SENTENCES[(i + k) % SENTENCES.length]).join('，') + '。';

/** A project of one chapter: paragraphs, a note of `noteSentences` sentences marked in every `every`-th paragraph. */
function project(name: string, paragraphs: number, every: number, noteSentences: number): string {
  const dir = mkdtempSync(join(tmpdir(), `wenji-${name}-`));
  mkdirSync(join(dir, 'corpus'));
  writeFileSync(join(dir, 'corpus', 'edition.yaml'), `title: 注释续页样书\nslug: ${name}\n`);
  const notes: string[] = [];
  const body = Array.from({ length: paragraphs }, (_, i) => {
    if (i % every !== every - 1) return para(i, 2 + (i % 4));
    notes.push(`[^n${notes.length + 1}]: 注${notes.length + 1}：${para(i + 1, noteSentences)}`);
    return `${para(i, 3)}[^n${notes.length}]`;
  });
  writeFileSync(join(dir, 'corpus', '01.md'), ['# 第一章', ...body, ...notes].join('\n\n') + '\n');
  return dir;
}

interface Built { pdf: PDFDocumentProxy; lines: TextLine[][]; pages: Page[]; text: string; g: ReturnType<typeof geometry> }

async function buildAndRead(root: string): Promise<Built> {
  const out = mkdtempSync(join(tmpdir(), 'wenji-notes-'));
  // The build itself compares the text read back from the PDF with the model: it fails if a note does not read back whole.
  const [r] = await build(root, ['pdf'], out, { paper: 'A5', print: true });
  const data = readFileSync(r.path);
  const pdf = await openPdf(data);
  const lines: TextLine[][] = [];
  for (let n = 1; n <= pdf.numPages; n++) lines.push(await pageLines(pdf, n));
  const prep = await prepare(root, { paper: 'A5', print: true });
  const { pages } = layoutBook(prep.book, prep.fonts, prep.options);
  const texts = await pdfPartTexts(data);
  return { pdf, lines, pages, text: [...texts.values()].join(''), g: geometry('A5', true) };
}

/** Page index (0-based) of each note mark's link, and of the note it leads to. */
async function markAndNotePages(b: Built): Promise<{ dest: string; mark: number; note: number }[]> {
  const out: { dest: string; mark: number; note: number }[] = [];
  for (let i = 0; i < b.pdf.numPages; i++) {
    for (const a of await (await b.pdf.getPage(i + 1)).getAnnotations()) {
      if (a.subtype !== 'Link' || typeof a.dest !== 'string' || !a.dest.startsWith('fn-')) continue;
      const dest = await b.pdf.getDestination(a.dest);
      out.push({ dest: a.dest, mark: i, note: await b.pdf.getPageIndex(dest![0] as never) });
    }
  }
  return out;
}

/** Pages whose notes begin with a note going on from the page before: the rule over them runs across the measure. */
const continuedPages = (b: Built) => b.pages.filter((p) => p.lines.some((l) => l.footnote && l.line.rule !== undefined && l.line.rule >= b.g.measure - 0.01));

function checkPages(b: Built) {
  const chapter = b.pages.filter((p) => p.part.title === '第一章');
  expect(chapter.length).toBeGreaterThan(3);
  // Every page but the chapter's last is full: its last line, notes included, on the text block's last grid line.
  const bottom = b.g.top + b.g.textHeight;
  for (const p of chapter.slice(0, -1)) {
    const lines = b.lines[p.number - 1];
    expect(lines.length, `page ${p.number}`).toBeGreaterThan(0);
    expect(bottom - Math.max(...lines.map((l) => l.y)), `page ${p.number}`).toBeLessThan(b.g.pitch);
    // Never a page of notes alone.
    expect(lines.some((l) => l.tag !== 'Note' && l.tag !== 'Lbl'), `page ${p.number}`).toBe(true);
  }
}

describe('a note too long for the room left at its page foot', () => {
  let b: Built;
  beforeAll(async () => { b = await buildAndRead(project('long-notes', 90, 4, 6)); }, 240_000);

  it('begins on its mark\'s page and goes on at the foot of the next, before that page\'s own notes, under a full rule', async () => {
    const marks = await markAndNotePages(b);
    expect(marks.length).toBeGreaterThan(15);
    for (const m of marks) expect(m.note, m.dest).toBe(m.mark);
    const continued = continuedPages(b);
    expect(continued.length).toBeGreaterThan(0);
    for (const p of continued) {
      const notes = p.lines.filter((l) => l.footnote && !l.repeated);
      // The first note line on the page is not a note's first line: it goes on from the page before.
      expect(notes[0].first).toBe(false);
      const before = b.pages[p.number - 2].lines.filter((l) => l.footnote && !l.repeated);
      expect(before.at(-1)!.block.anchors).toEqual(notes[0].block.anchors);
    }
  });

  it('reads back whole, each note\'s text in one piece after the chapter\'s text', () => {
    for (let n = 1; n <= 20; n++) {
      const i = 4 * n - 1;
      expect(b.text).toContain(`注${n}：${para(i + 1, 6)}`.replace(/\s+/gu, ''));
    }
  });

  it('fills every page but the chapter\'s last, and sets no page of notes alone', () => checkPages(b));
});

describe('a note longer than a whole page', () => {
  let b: Built;
  beforeAll(async () => { b = await buildAndRead(project('huge-note', 70, 20, 70)); }, 240_000);

  it('goes on over the feet of the pages after its mark\'s, every page keeping lines of text, and reads back whole', async () => {
    const marks = await markAndNotePages(b);
    expect(marks.length).toBeGreaterThanOrEqual(3);
    for (const m of marks) expect(m.note, m.dest).toBe(m.mark);
    // The first note runs over at least two pages after its mark's.
    const first = marks[0].mark;
    expect(continuedPages(b).map((p) => p.number - 1)).toEqual(expect.arrayContaining([first + 1, first + 2]));
    expect(b.text).toContain(`注1：${para(20, 70)}`);
  });

  it('fills every page but the chapter\'s last, and sets no page of notes alone', () => checkPages(b));
});
