// Side by side with xelatex + ctex: the same Markdown book (the five documents of our edition as
// plain chapters, with Markdown notes after some paragraphs) set by wenji and by pandoc's LaTeX in
// ctexbook on the same text block (A5, 31 characters × 24 lines of 10.5 pt on an 18.9 pt pitch,
// Noto Serif CJK SC), and both PDFs measured by the same code from `pdftotext -bbox-layout`.
// Needs pandoc, xelatex with ctex, poppler-utils and Debian's fonts-noto-cjk; prints a table and,
// as its last line, one JSON object. `npx tsx scripts/compare-ctex.ts [--keep]`
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from '../src/build/index.ts';
import { geometry } from '../src/writers/pdf/page.ts';

const ROOT = new URL('..', import.meta.url).pathname;
const CORPUS = join(ROOT, 'corpus');
const g = geometry('A5', true);

/** The book as plain Markdown chapters: each document's body under its title, a note after every sixth paragraph. */
function chapters(): { name: string; text: string }[] {
  return readdirSync(CORPUS).filter((f) => /^\d{4}-.*\.md$/u.test(f)).sort().map((f) => {
    const src = readFileSync(join(CORPUS, f), 'utf8');
    const title = /^title: (.*)$/mu.exec(src)![1];
    const paras = src.replace(/^---\n[\s\S]*?\n---\n/u, '').split(/\n{2,}/u).map((p) => p.trim()).filter(Boolean);
    const notes: string[] = [];
    const body = paras.map((p, i) => {
      if (i % 6 !== 2 || /^[#>\-|:]/u.test(p)) return p;
      const n = notes.length + 1;
      notes.push(`[^n${n}]: 注：${p.split('。')[0]}。`);
      return `${p}[^n${n}]`;
    });
    return { name: f.replace(/\.md$/u, ''), text: [`# ${title}`, ...body, ...notes].join('\n\n') + '\n' };
  });
}

/** ctexbook on our text block: same paper, margins, size and pitch; ctex's defaults otherwise. */
function latex(body: string): string {
  const bp = (x: number) => `${x.toFixed(3)}bp`;
  return String.raw`\documentclass[UTF8,zihao=5,twoside,openany,fontset=none]{ctexbook}
\setCJKmainfont{Noto Serif CJK SC}[BoldFont={Noto Serif CJK SC Bold}]
\usepackage[paperwidth=148mm,paperheight=210mm,textwidth=${bp(g.measure)},textheight=${bp((g.lines - 1) * g.pitch + g.size)},inner=${bp(g.inner)},top=${bp(g.top)},headsep=12bp,footskip=24bp]{geometry}
\renewcommand\normalsize{\fontsize{10.5bp}{${g.pitch}bp}\selectfont}
\linespread{1}
\providecommand{\tightlist}{\setlength{\itemsep}{0pt}\setlength{\parskip}{0pt}}
\ctexset{chapter/format=\centering\Large\bfseries, chapter/number={}, chapter/name={}, section/format=\centering\large\bfseries, section/number={}, section/name={}}
\pagestyle{plain}
\begin{document}
\normalsize
${body}
\end{document}
`;
}

interface Line { page: number; x0: number; x1: number; y: number; h: number; text: string }

/** Every text line of a PDF, by `pdftotext -bbox-layout`: page, box (bottom as y) and text. */
function readLines(pdf: string): { lines: Line[]; pages: number } {
  const xml = execFileSync('pdftotext', ['-bbox-layout', pdf, '-'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const lines: Line[] = [];
  let page = 0;
  for (const m of xml.matchAll(/<page |<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([\s\S]*?)<\/line>/gu)) {
    if (m[0] === '<page ') { page++; continue; }
    const text = [...m[5].matchAll(/>([^<]*)<\/word>/gu)].map((w) => w[1].replace(/&amp;/gu, '&')).join('');
    lines.push({ page, x0: +m[1], x1: +m[3], y: +m[4], h: +m[4] - +m[2], text });
  }
  return { lines, pages: page };
}

const mode = (xs: number[], q = 0.5) => {
  const c = new Map<number, number>();
  for (const x of xs) c.set(Math.round(x / q) * q, (c.get(Math.round(x / q) * q) ?? 0) + 1);
  return [...c].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0][0];
};
/** With WENJI_DEBUG set, each line counted against a measure is named on stderr. */
const show = (what: string, l: Line) => { if (process.env.WENJI_DEBUG) console.error(`${what} p${l.page} x ${l.x0.toFixed(1)}–${l.x1.toFixed(1)} h ${l.h.toFixed(2)} ${l.text}`); };
const CLOSING = /^[，。、；：？！）》」』”’〕】…]/u;
const OPENING = /[（《「『“‘〔【]$/u;
const HAN = /\p{Script=Han}/gu;

/** The measures of the issue, on the pages from the first chapter on. */
function measure(pdf: string, firstTitle: string) {
  const { lines, pages } = readLines(pdf);
  const body = mode(lines.map((l) => l.h), 0.25);
  const isBody = (l: Line) => Math.abs(l.h - body) < 0.6;
  const startPage = lines.find((l) => l.text.replace(/\s/gu, '').startsWith(firstTitle.slice(0, 8)) && l.h > body + 0.6)?.page ?? 1;
  const inBook = lines.filter((l) => l.page >= startPage);
  const bodyLines = inBook.filter(isBody);
  const left = mode(bodyLines.map((l) => l.x0));
  const right = mode(bodyLines.map((l) => l.x1));
  const odd = bodyLines.filter((l) => l.page % 2 === 1);
  const even = bodyLines.filter((l) => l.page % 2 === 0);
  const leftOf = (p: number) => mode((p % 2 ? odd : even).map((l) => l.x0));
  const rightOf = (p: number) => mode((p % 2 ? odd : even).map((l) => l.x1));
  void left; void right;
  // A head set in the body size (一, 二, …) stands centred, away from both margins: no body line
  // (a head is centred in the grid lines it takes, as 行取り wants, so it need not sit on the grid).
  const head = (l: Line) => l.x0 > leftOf(l.page) + 3 * g.size && Math.abs((l.x0 + l.x1) / 2 - (leftOf(l.page) + rightOf(l.page)) / 2) < g.size;
  // The grid: the commonest first body baseline; every body line k pitches below it.
  const byPage = new Map<number, Line[]>();
  for (const l of inBook) byPage.set(l.page, [...(byPage.get(l.page) ?? []), l]);
  const top = mode([...byPage.values()].map((ls) => ls.filter(isBody).map((l) => l.y).sort((a, b) => a - b)[0]).filter((y) => y !== undefined));
  const onGrid = (y: number) => { const r = (((y - top) % g.pitch) + g.pitch) % g.pitch; return Math.min(r, g.pitch - r) < 0.5; };
  const inBlock = (l: Line) => l.y > top - g.pitch / 2 && l.y < top + (g.lines - 0.5) * g.pitch;
  const foot = mode([...byPage.values()].map((ls) => Math.max(...ls.filter(inBlock).map((l) => l.y))));
  const chapterStart = (p: number) => (byPage.get(p) ?? []).some((l) => l.h > body + 2 && inBlock(l));
  let short = 0; let nonFinal = 0; let offGrid = 0; let gridded = 0; let widows = 0; let orphans = 0; let oneChar = 0; let flush = 0; let nonFinalLines = 0; let kinsoku = 0; let unreg = 0; let spreads = 0;
  const offPages = new Set<number>();
  const pagesShort: number[] = [];
  for (let p = startPage; p <= pages; p++) {
    const ls = (byPage.get(p) ?? []).filter(inBlock);
    const bl = ls.filter(isBody).sort((a, b) => a.y - b.y);
    if (!bl.length) continue;
    for (const l of bl.filter((x) => !head(x))) { gridded++; if (!onGrid(l.y)) { offGrid++; offPages.add(p); show('off-grid', l); } }
    const last = p === pages || chapterStart(p + 1) || !(byPage.get(p + 1) ?? []).some(isBody);
    if (!last) { nonFinal++; if (foot - Math.max(...ls.map((l) => l.y)) > g.pitch / 2) { short++; pagesShort.push(p); } }
    // Paragraphs: a line starts one when it is indented; it ends one when it stops short or the next starts one.
    const starts = (l: Line) => l.x0 > leftOf(l.page) + 1.5 * g.size && l.x0 < leftOf(l.page) + 2.5 * g.size;
    const ends = (l: Line) => l.x1 < rightOf(l.page) - g.size * 0.75;
    const nextPage = (byPage.get(p + 1) ?? []).filter(inBlock).filter(isBody).sort((a, b) => a.y - b.y).filter((l) => !head(l));
    bl.forEach((l, i) => {
      if (head(l)) return;
      const next = bl[i + 1] ?? (last ? undefined : nextPage[0]);
      const final = ends(l) || !next || starts(next);
      if (final) { if ((l.text.match(HAN) ?? []).length <= 1 && l.text.replace(/\s/gu, '').length <= 2) { oneChar++; show('one-char', l); } }
      else { nonFinalLines++; if (Math.abs(l.x1 - rightOf(l.page)) < 1) flush++; }
      if (CLOSING.test(l.text.replace(/^\s+/u, '')) || OPENING.test(l.text.replace(/\s+$/u, ''))) kinsoku++;
    });
    const first = bl[0]; const lastLine = bl[bl.length - 1];
    if (!head(first) && !starts(first) && (ends(first) || (bl[1] && starts(bl[1])))) { widows++; show('widow', first); }
    if (!last && starts(lastLine) && !ends(lastLine) && nextPage[0] && !starts(nextPage[0])) { orphans++; show('orphan', lastLine); }
  }
  for (let p = startPage; p < pages; p++) {
    if (p % 2 !== 0) continue;
    const a = (byPage.get(p) ?? []).filter(isBody); const b = (byPage.get(p + 1) ?? []).filter(isBody);
    if (!a.length || !b.length) continue;
    spreads++;
    if (offPages.has(p) || offPages.has(p + 1)) unreg++;
  }
  return {
    pages: pages - startPage + 1, short: `${short}/${nonFinal}`, shortPages: pagesShort,
    on_grid: `${((100 * (gridded - offGrid)) / gridded).toFixed(1)} %`, unregistered_spreads: `${unreg}/${spreads}`,
    widows, orphans, one_char_last_lines: oneChar, flush: `${((100 * flush) / nonFinalLines).toFixed(1)} %`, kinsoku,
  };
}

const dir = mkdtempSync(join(tmpdir(), 'wenji-ctex-'));
mkdirSync(join(dir, 'corpus'));
const chs = chapters();
writeFileSync(join(dir, 'corpus', 'edition.yaml'), 'title: 对照样书\neditor: 测试编者\npublisher: 测试出版者\ndescription: 与 xelatex + ctex 对照用。\nslug: compare\nnote_numbers: arabic\n');
for (const c of chs) writeFileSync(join(dir, 'corpus', `${c.name}.md`), c.text);
const [r] = await build(dir, ['pdf'], join(dir, 'out'), { paper: 'A5', print: true });
const tex = chs.map((c) => execFileSync('pandoc', ['-f', 'markdown-auto_identifiers', '-t', 'latex', '--wrap=none', '--top-level-division=chapter'], { input: c.text, encoding: 'utf8' })).join('\n');
writeFileSync(join(dir, 'book.tex'), latex(tex.replace(/\\(chapter|section)\{/gu, '\\$1*{')));
for (let i = 0; i < 2; i++) execFileSync('xelatex', ['-interaction=batchmode', '-halt-on-error', 'book.tex'], { cwd: dir, stdio: 'ignore' });
const firstTitle = /^# (.*)$/mu.exec(chs[0].text)![1];
const result = { wenji: measure(r.path, firstTitle), ctex: measure(join(dir, 'book.pdf'), firstTitle), dir: process.argv.includes('--keep') ? dir : undefined };
for (const k of Object.keys(result.wenji) as (keyof typeof result.wenji)[]) if (k !== 'shortPages') console.log(`${k.padEnd(22)} wenji ${String(result.wenji[k]).padEnd(10)} ctex ${result.ctex[k]}`);
console.log(JSON.stringify(result));
