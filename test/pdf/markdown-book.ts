// A book made from the Markdown files of a fixture folder by the document language (one part per
// file, images keyed as the documents name them), for the PDF writer's tests until the book
// assembly reads ordinary Markdown projects.
import { readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { GifReader } from 'omggif';
import { PNG } from 'pngjs';
import { parseMarkdown } from '../../src/language/index.ts';
import { blockInlines, visitBlocks, visitInlines, type Book, type ImageResource, type Part } from '../../src/model/types.ts';

/** Width and height of a JPEG from its first start-of-frame segment. */
function jpegSize(data: Buffer): [number, number] {
  let i = 2;
  while (i < data.length) {
    const marker = data[i + 1];
    if (marker >= 0xc0 && marker <= 0xc3) return [data.readUInt16BE(i + 7), data.readUInt16BE(i + 5)];
    i += 2 + data.readUInt16BE(i + 2);
  }
  return [1, 1];
}

function image(path: string, data: Buffer): ImageResource {
  const ext = posix.extname(path).toLowerCase();
  if (ext === '.png') { const p = PNG.sync.read(data); return { path, mime: 'image/png', data, width: p.width, height: p.height }; }
  if (ext === '.gif') { const g = new GifReader(new Uint8Array(data)); return { path, mime: 'image/gif', data, width: g.width, height: g.height }; }
  if (ext === '.svg') {
    const box = /viewBox="[\d.]+ [\d.]+ ([\d.]+) ([\d.]+)"/u.exec(data.toString('utf8'));
    return { path, mime: 'image/svg+xml', data, width: Number(box?.[1] ?? 100), height: Number(box?.[2] ?? 100) };
  }
  const [width, height] = jpegSize(data);
  return { path, mime: 'image/jpeg', data, width, height };
}

export function markdownBook(dir: string, tocDepth = 3): Book {
  const parts: Part[] = [];
  const images: Record<string, ImageResource> = {};
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.md')).sort()) {
    let text = readFileSync(join(dir, f), 'utf8');
    const front = /^---\n[\s\S]*?\n---\n/u.exec(text);
    if (front) text = text.slice(front[0].length);
    const id = `doc-${f.replace(/\.md$/u, '')}`;
    const blocks = parseMarkdown(text, { file: `corpus/${f}`, firstLine: front ? front[0].split('\n').length : 1, idPrefix: id, warnings: [] });
    const srcs: string[] = [];
    visitBlocks(blocks, (b) => {
      if (b.type === 'figure') srcs.push(b.src);
      for (const r of blockInlines(b)) visitInlines(r, (i) => { if (i.type === 'image') srcs.push(i.src); });
    });
    for (const s of srcs) images[s] ??= image(s, readFileSync(join(dir, s)));
    parts.push({ id, kind: 'document', title: f, source: `corpus/${f}`, blocks });
  }
  return {
    meta: {
      title: 'Markdown', authors: [], editor: '编者', publisher: '出版者', language: 'zh-CN', description: '测试', subjects: [],
      identifier: 'urn:uuid:00000000-0000-0000-0000-000000000001', modified: '2025-01-01T00:00:00Z', sources: [], slug: 'markdown', tocDepth,
    },
    parts,
    images,
  };
}
