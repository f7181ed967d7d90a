// The every-element fixture project (test/fixtures/every-element) as a book, from its Markdown
// through the document language: the parts the EPUB writer gets once assembly reads any project.
// Until then this does the little assembly needs here: front matter skipped, links between the
// files resolved to parts and headings, image paths resolved to the project's files.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { imageSize } from 'image-size';
import { parseMarkdown } from '../../src/language/index.ts';
import { visitBlocks, visitInlines, blockInlines, plainText, type Book, type ImageResource, type Inline, type Part } from '../../src/model/types.ts';
import { ROOT } from '../helpers/paths.ts';

const PROJECT = join(ROOT, 'test/fixtures/every-element');
const MIME: Record<string, ImageResource['mime']> = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', svg: 'image/svg+xml' };

function image(key: string): ImageResource {
  const data = readFileSync(join(PROJECT, key));
  const { width = 0, height = 0 } = imageSize(data);
  return { path: key, mime: MIME[key.split('.').pop()!], data, width, height };
}

/** `02-tables.md#长表格` → part `02-tables`, anchor `02-tables-长表格`. */
function resolve(link: Extract<Inline, { type: 'link' }>, part: string, ids: Set<string>): void {
  const m = /^(?:([\w-]+)\.md)?(?:#(.*))?$/u.exec(link.href);
  if (!m || /^[a-z]+:/u.test(link.href)) return;
  const target = m[1] ?? part;
  const anchor = m[2] ? `${target}-${decodeURIComponent(m[2])}` : undefined;
  if (anchor && !ids.has(anchor)) throw new Error(`fixture link ${link.href} does not resolve`);
  link.target = anchor ? { part: target, anchor } : { part: target };
}

export function markdownBook(): Book {
  const files = readdirSync(join(PROJECT, 'corpus')).filter((n) => n.endsWith('.md')).sort();
  const parts: Part[] = [{ id: 'toc', kind: 'toc', title: '目录', blocks: [] }];
  for (const name of files) {
    const id = name.replace(/\.md$/u, '');
    const text = readFileSync(join(PROJECT, 'corpus', name), 'utf8');
    const front = /^---\n[\s\S]*?\n---\n/u.exec(text)?.[0] ?? '';
    const blocks = parseMarkdown(text.slice(front.length), { file: `corpus/${name}`, firstLine: front.split('\n').length, idPrefix: id });
    const heading = blocks.find((b) => b.type === 'heading');
    const title = /^title: (.*)$/mu.exec(front)?.[1] ?? (heading?.type === 'heading' ? plainText(heading.children) : id);
    parts.push({ id, kind: 'document', title, source: `corpus/${name}`, blocks });
  }
  const ids = new Set<string>();
  for (const p of parts) visitBlocks(p.blocks, (b) => { if (b.type === 'heading') ids.add(b.id); });
  const images: Record<string, ImageResource> = {};
  for (const p of parts) {
    visitBlocks(p.blocks, (b) => {
      if (b.type === 'figure') { b.src = `corpus/${b.src}`; images[b.src] ??= image(b.src); }
      for (const run of blockInlines(b)) {
        visitInlines(run, (i) => {
          if (i.type === 'link') resolve(i, p.id, ids);
          if (i.type === 'image') { i.src = `corpus/${i.src}`; images[i.src] ??= image(i.src); }
        });
      }
    });
  }
  return {
    meta: {
      title: '文集样书', subtitle: '文档语言的每一种元素', authors: [], editor: '样书编者', publisher: '样书出版者', language: 'zh-Hans',
      description: '用于测试的样书，包含文档语言的全部元素。', subjects: [], identifier: 'urn:uuid:1e2d3c4b-5a69-5788-9695-a4b3c2d1e0f0',
      modified: '2024-01-15T00:00:00Z', sources: [], slug: 'every-element', tocDepth: 3,
    },
    parts,
    images,
  };
}
