// Runner of `wenji init`: a new project from scratch, about no corpus in particular — an edition
// file, wenji's neutral templates (to change at will) and an example document that shows what
// the document language can do, with a small image. `wenji build -C DIR` builds it at once.
import { cpSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fail } from '../diagnostics.ts';
import { DEFAULT_TEMPLATES } from '../edition/parts.ts';

const EXAMPLE = fileURLToPath(new URL('../edition/example/', import.meta.url));

/** A slug for file names from the folder's name, if it has letters or digits to make one. */
function slugOf(dir: string): string {
  return basename(dir).toLowerCase().replace(/[^a-z0-9]+/gu, '-').replace(/^-+|-+$/gu, '') || 'book';
}

function editionFile(title: string, slug: string, date: string): string {
  return `# The edition file: what the book is called, who made it, what is in it.
# Every field is described in README.md ("The edition file"); only title is required.
title: ${JSON.stringify(title)}
# Who wrote it: a name, or a list of names ([甲, 乙]); an editor instead, or as well.
author: 作者
# editor: 编者
publisher: 出版者
language: zh-Hans
description: 本书的简要说明。
# Output file name under out/ (out/${slug}.epub, out/${slug}.pdf).
slug: ${slug}
# Date of the edition (the colophon and both files' metadata).
date: ${date}
# Documents in reading order (ids or paths under corpus/); leave out to take all, by file name.
# documents:
#   - example
# The parts of the book; leave out for the default: title page, contents, documents, colophon.
# parts:
#   - kind: titlepage
#   - kind: toc
#     title: 目录
#   - kind: documents
#     template: document
#   - kind: colophon
#     title: 版本记录
pdf:
  paper: A5
  profile: print
`;
}

export function runInit(dir: string, opts: { title: string }): void {
  if (existsSync(dir) && readdirSync(dir).length) fail({ code: 'usage', file: dir, message: 'the folder is not empty', hint: 'choose a new folder: wenji init my-book' });
  mkdirSync(join(dir, 'corpus'), { recursive: true });
  const date = new Date().toISOString().slice(0, 10);
  writeFileSync(join(dir, 'corpus', 'edition.yaml'), editionFile(opts.title, slugOf(dir), date));
  cpSync(EXAMPLE, join(dir, 'corpus'), { recursive: true });
  mkdirSync(join(dir, 'templates'));
  for (const name of readdirSync(DEFAULT_TEMPLATES).filter((n) => n.endsWith('.md'))) cpSync(join(DEFAULT_TEMPLATES, name), join(dir, 'templates', name));
  const rel = relative(process.cwd(), dir) || '.';
  console.log(`new project in ${rel}/:
  corpus/edition.yaml        title, editor, paper, parts…
  corpus/example.md          an example document (with corpus/images/example.svg): replace it with yours
  templates/                 title page, document, colophon: change them at will
next: wenji build -C ${rel}`);
}
