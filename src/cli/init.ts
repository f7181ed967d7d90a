// Runner of `wenji init`: a new edition from scratch — the edition file, one example document in
// the canonical format, and the templates — ready for `wenji build`.
import { cpSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { stringify } from 'yaml';
import { fail } from '../diagnostics.ts';
import type { FrontMatter } from '../corpus/schema.ts';

const TEMPLATES = new URL('../../templates/', import.meta.url);

function edition(title: string): string {
  return `# The edition: what the built book is called and who made it. See README.md, "The edition file".
title: ${title}
editor: 编者
publisher: 出版者
language: zh-Hans
description: 本集的简要说明。
subjects: []
slug: my-edition
pdf:
  paper: A5
  profile: print
`;
}

function example(date: string): string {
  const id = `${date}-example`;
  const front: FrontMatter = {
    id, title: '示例文件', title_supplied: false, date, date_supplied: false, place: '北京',
    signatories: [], completeness: 'complete', completeness_note: '全文完整。', gaps: [],
    witnesses: [{
      file: 'example.md', kind: 'markdown', medium: '录文', origin: '说明这份底本从何而来。', role: 'base', reliable: true,
      covers: '全文', state: '说明底本的现状。', divergences: 0, lone_readings: 0, removed: [],
    }],
    collation: { rules: [], variants: 0 },
  };
  return `---\n${stringify(front, { lineWidth: 0 })}---\n\n这里是第一段正文。段落之间空一行，段内不换行。\n\n## 一\n\n分部标题单独成行；条目序号如“一、”留在段首。\n`;
}

export function runInit(dir: string, opts: { title: string }): void {
  if (existsSync(dir) && readdirSync(dir).length) fail({ code: 'usage', file: dir, message: 'the folder is not empty', hint: 'choose a new folder: wenji init my-edition' });
  mkdirSync(join(dir, 'corpus', 'sources'), { recursive: true });
  const date = new Date().toISOString().slice(0, 10);
  writeFileSync(join(dir, 'corpus', 'edition.yaml'), edition(opts.title));
  writeFileSync(join(dir, 'corpus', `${date}-example.md`), example(date));
  cpSync(TEMPLATES, join(dir, 'templates'), { recursive: true });
  const rel = relative(process.cwd(), dir) || '.';
  console.log(`new edition in ${rel}/:
  corpus/edition.yaml          title, editor, paper…
  corpus/${date}-example.md  an example document: replace it with yours
  templates/                   title page, editorial note, document, source notes, colophon
next: wenji build -C ${rel}`);
}
