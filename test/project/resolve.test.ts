// Images and links resolved at assembly, on real files: images read from inside the project only,
// typed by their bytes and embedded under their project path; links to other documents get
// their part and anchor; everything that cannot be resolved is a warning at its place, and the
// reader keeps the alt text or the link text.
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveBook, sniffImage } from '../../src/book/resolve.ts';
import type { Diagnostic } from '../../src/diagnostics.ts';
import type { Block, Book, Inline, Part } from '../../src/model/types.ts';
import { GIF_1x1, JPEG_8x4, makeProject, PNG_1x1, SVG_20x10 } from './make.ts';

const SOURCE = `# A

![map](img/map.png "The map")

Text with ![icon](../icons/i.gif) inside, and [a link](b.md#second-part).
`;

const meta = { title: 't', authors: [], editor: '', publisher: '', language: 'en', description: '', subjects: [], identifier: 'x', modified: '2020-01-01T00:00:00Z', sources: [], slug: 't', tocDepth: 2 };
const para = (children: Inline[], line: number): Block => ({ type: 'para', children, pos: { file: 'corpus/ch/a.md', line } });
const figure = (src: string, line: number): Block => ({ type: 'figure', src, alt: 'map', caption: [{ type: 'text', text: 'The map' }], pos: { file: 'corpus/ch/a.md', line } });
const image = (src: string): Inline => ({ type: 'image', src, alt: 'icon' });
const link = (href: string): Extract<Inline, { type: 'link' }> => ({ type: 'link', href, children: [{ type: 'text', text: 'a link' }] });

function book(a: Block[]): Book {
  const parts: Part[] = [
    { id: 'doc-a', kind: 'document', title: 'A', source: 'corpus/ch/a.md', blocks: [{ type: 'heading', level: 2, id: 'doc-a-intro', children: [], pos: { file: 'corpus/ch/a.md', line: 1 } }, ...a] },
    { id: 'doc-b', kind: 'document', title: 'B', source: 'corpus/ch/b.md', blocks: [{ type: 'heading', level: 2, id: 'doc-b-second-part', children: [{ type: 'text', text: 'Second part' }], pos: { file: 'corpus/ch/b.md', line: 3 } }] },
  ];
  return { meta, parts, images: {} };
}

function resolveIn(files: Record<string, string | Buffer>, blocks: Block[]) {
  const root = makeProject({ 'corpus/ch/a.md': SOURCE, 'corpus/ch/b.md': '# B\n\n## Second part\n', ...files });
  const b = book(blocks);
  const warnings: Diagnostic[] = [];
  resolveBook(b, { root, warnings });
  return { book: b, warnings, root };
}

describe('images', () => {
  it('are typed by their bytes, not their names', () => {
    expect([PNG_1x1, JPEG_8x4, GIF_1x1, Buffer.from(SVG_20x10), Buffer.from('\uFEFF<!-- drawn by hand -->\n<svg viewBox="0 0 1 1"/>'), Buffer.from('not an image')].map(sniffImage))
      .toEqual(['image/png', 'image/jpeg', 'image/gif', 'image/svg+xml', 'image/svg+xml', undefined]);
  });

  it('are embedded under their project path, with their size, and the nodes point at them', () => {
    const { book: b, warnings } = resolveIn({ 'corpus/ch/img/map.png': PNG_1x1, 'corpus/icons/i.gif': GIF_1x1 }, [figure('img/map.png', 3), para([{ type: 'text', text: 'Text with ' }, image('../icons/i.gif')], 5)]);
    expect(warnings).toEqual([]);
    expect(Object.keys(b.images).sort()).toEqual(['corpus/ch/img/map.png', 'corpus/icons/i.gif']);
    expect(b.images['corpus/ch/img/map.png']).toMatchObject({ mime: 'image/png', width: 1, height: 1 });
    expect(b.images['corpus/icons/i.gif'].data.equals(GIF_1x1)).toBe(true);
    const [, fig, p] = b.parts[0].blocks;
    expect(fig).toMatchObject({ type: 'figure', src: 'corpus/ch/img/map.png' });
    expect(p.type === 'para' && p.children[1]).toMatchObject({ type: 'image', src: 'corpus/icons/i.gif' });
  });

  it('that are missing, outside the project, absolute, remote or not images are warnings at their place, and their alt text stays', () => {
    const { book: b, warnings } = resolveIn({ 'corpus/ch/img/map.png': 'just text', 'outside.png': PNG_1x1 }, [
      figure('img/map.png', 3),
      para([{ type: 'text', text: 'Text with ' }, image('../icons/i.gif'), { type: 'text', text: ' and ' }, image('../../../outside.png'), image('/etc/passwd'), image('https://example.com/x.png')], 5),
    ]);
    expect(warnings.map((w) => `${w.file}:${w.line}:${w.column}: ${w.message} [${w.code}]`)).toEqual([
      'corpus/ch/a.md:3:8: image img/map.png is not a PNG, JPEG, GIF or SVG image; its alt text is set instead [image-not-embedded]',
      'corpus/ch/a.md:5:19: image ../icons/i.gif does not exist; its alt text is set instead [image-not-embedded]',
      'corpus/ch/a.md:5:1: image ../../../outside.png lies outside the project; its alt text is set instead [image-not-embedded]',
      'corpus/ch/a.md:5:1: image /etc/passwd is an absolute path; its alt text is set instead [image-not-embedded]',
      'corpus/ch/a.md:5:1: image https://example.com/x.png is not a file of the project and is not embedded; its alt text is set instead [image-not-embedded]',
    ]);
    expect(b.images).toEqual({});
    const [, fig, p] = b.parts[0].blocks;
    expect(fig).toEqual({ type: 'para', children: [{ type: 'text', text: 'map' }, { type: 'break' }, { type: 'text', text: 'The map' }], pos: { file: 'corpus/ch/a.md', line: 3 } });
    expect(p.type === 'para' && p.children).toEqual([{ type: 'text', text: 'Text with ' }, { type: 'text', text: 'icon' }, { type: 'text', text: ' and ' }, { type: 'text', text: 'icon' }, { type: 'text', text: 'icon' }, { type: 'text', text: 'icon' }]);
  });

  it('a symbolic link that points outside the project is refused; one inside is followed', () => {
    const outside = makeProject({ 'secret.png': PNG_1x1 });
    const root = makeProject({ 'corpus/ch/a.md': SOURCE, 'corpus/ch/img/inside.png': PNG_1x1 });
    symlinkSync(join(outside, 'secret.png'), join(root, 'corpus', 'ch', 'img', 'leak.png'));
    symlinkSync(join(root, 'corpus', 'ch', 'img', 'inside.png'), join(root, 'corpus', 'ch', 'img', 'alias.png'));
    const b = book([figure('img/leak.png', 3), figure('img/alias.png', 3)]);
    const warnings: Diagnostic[] = [];
    resolveBook(b, { root, warnings });
    expect(warnings.map((w) => w.message)).toEqual(['image img/leak.png is a link to a file outside the project; its alt text is set instead']);
    expect(Object.keys(b.images)).toEqual(['corpus/ch/img/alias.png']);
  });

  it('an SVG without any size is refused with a hint', () => {
    const { warnings } = resolveIn({ 'corpus/ch/img/map.png': '<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>' }, [figure('img/map.png', 3)]);
    expect(warnings.map((w) => w.hint)).toEqual(['add a viewBox to the <svg> element']);
  });
});

describe('links', () => {
  it('to another document and its heading, and to a heading of the same document, get their target', () => {
    const l1 = link('b.md#second-part');
    const l2 = link('b.md');
    const l3 = link('#intro');
    const l4 = link('https://example.com/b.md');
    const { warnings } = resolveIn({}, [para([l1, l2, l3, l4], 5)]);
    expect(warnings).toEqual([]);
    expect([l1.target, l2.target, l3.target, l4.target]).toEqual([{ part: 'doc-b', anchor: 'doc-b-second-part' }, { part: 'doc-b' }, { part: 'doc-a', anchor: 'doc-a-intro' }, undefined]);
  });

  it('a heading written as its text finds its slug', () => {
    const l = link('b.md#Second%20Part');
    resolveIn({}, [para([l], 5)]);
    expect(l.target).toEqual({ part: 'doc-b', anchor: 'doc-b-second-part' });
  });

  it('to a file that is not in the book is a warning, and the link text stays as text', () => {
    const { book: b, warnings } = resolveIn({ 'corpus/ch/c.md': '# C\n' }, [para([{ type: 'text', text: 'Text with ' }, link('c.md')], 5), para([link('b.md#nowhere')], 5)]);
    expect(warnings.map((w) => `${w.file}:${w.line}:${w.column}: ${w.message}`)).toEqual([
      'corpus/ch/a.md:5:1: link to c.md: corpus/ch/c.md is not a document of the book; the link is set as text',
      'corpus/ch/a.md:5:1: link to b.md#nowhere: corpus/ch/b.md has no heading #nowhere; the link goes to the start of the document',
    ]);
    const p = b.parts[0].blocks[1];
    expect(p.type === 'para' && p.children).toEqual([{ type: 'text', text: 'Text with ' }, { type: 'text', text: 'a link' }]);
  });
});
