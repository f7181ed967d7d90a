// A long book of plain Markdown made from our edition's documents, for the page tests and
// scripts/measure-pages.ts (`--long`).
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CORPUS } from './paths.ts';

/**
 * A long book of plain Markdown: the documents of our edition three times over as chapters, with
 * Markdown notes of one to four sentences after some paragraphs, a list and a quotation.
 */
export function longBook(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wenji-long-'));
  mkdirSync(join(dir, 'corpus'));
  writeFileSync(join(dir, 'corpus', 'edition.yaml'), 'title: 长篇样书\neditor: 测试编者\npublisher: 测试出版者\ndescription: 由本集文献拼成的长书。\nslug: long-book\nnote_numbers: circled\n');
  const bodies = readdirSync(CORPUS).filter((f) => /^\d{4}-.*\.md$/u.test(f)).sort()
    .map((f) => readFileSync(join(CORPUS, f), 'utf8').replace(/^---\n[\s\S]*?\n---\n/u, ''));
  for (let c = 0; c < 3 * bodies.length; c++) {
    const paras = bodies[c % bodies.length].split(/\n{2,}/u).filter(Boolean);
    const notes: string[] = [];
    const text = paras.map((p, i) => {
      if (i % 6 !== 2 || /^[#>\-|:]/u.test(p)) return p;
      const n = notes.length + 1;
      const sentences = p.split('。').filter(Boolean).slice(0, 1 + ((c + i) % 4)).join('。');
      notes.push(`[^n${n}]: 注：${sentences}。`);
      return `${p}[^n${n}]`;
    });
    const extra = c % 4 === 1 ? ['- 第一项，列表中的一行。', '- 第二项，列表中的另一行，稍长一些，足以折行显示在第二行上。', '', '> 引文一段：双方将继续加强在国际事务中的协调配合，维护国际公平正义。'] : [];
    writeFileSync(join(dir, 'corpus', `${String(c + 1).padStart(2, '0')}.md`), [`# 第${c + 1}章`, ...text.slice(0, 20), ...extra, ...text.slice(20), ...notes].join('\n\n') + '\n');
  }
  return dir;
}

