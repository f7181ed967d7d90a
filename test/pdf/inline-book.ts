// A small book made by hand that uses every inline element and every heading level, for the
// PDF writer's tests; and a font set with the Latin italic and monospace faces the book needs.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as fontkit from 'fontkit';
import { PNG } from 'pngjs';
import subsetFont from 'subset-font';
import { bookText } from '../../src/book/text.ts';
import { buildFontSet, type FaceRequest, type FontSet, type SubsetFont, type Weight } from '../../src/fonts/index.ts';
import type { Block, Book, Inline, Pos } from '../../src/model/types.ts';

const pos: Pos = { file: 'corpus/a.md', line: 1 };
const t = (text: string): Inline => ({ type: 'text', text });
const h = (level: number, id: string, text: string): Block => ({ type: 'heading', level, id, children: [t(text)], pos });
const para = (...children: Inline[]): Block => ({ type: 'para', children, pos });

export const URL_OUT = 'https://example.org/a?b=c';
export const LONG_URL = 'https://example.org/a/very/long/path/that/cannot/fit/on/one/line/of/the/page/index.html?query=value&other=thing';
export const NOTE = 'doc-a-note1';
export const IMAGE = 'corpus/images/dot.png';

function png(width: number, height: number): Buffer {
  const p = new PNG({ width, height });
  for (let i = 0; i < width * height; i++) p.data.set([200, 40, 40, 255], i * 4);
  return PNG.sync.write(p);
}

/** The book: two documents; the first has every inline element, h1–h6, a thematic break and a note. */
export function inlineBook(tocDepth = 3): Book {
  const a: Block[] = [
    { type: 'heading', level: 1, id: 'doc-a-h1', children: [t('第一篇 Inline elements'), { type: 'noteref', note: NOTE, label: '1' }], pos },
    para(
      t('正文有'), { type: 'emph', children: [t('着重号')] }, t('和'), { type: 'emph', children: [t('italic words')] }, t('，'),
      { type: 'strong', children: [t('粗体')] }, t('，'), { type: 'strike', children: [t('删除线')] }, t('，代码'), { type: 'code', text: 'const x = 1;' },
      t('与'), { type: 'code', text: 'f(汉字)' }, t('，链接'), { type: 'link', href: URL_OUT, children: [t('外部链接')] },
      t('与'), { type: 'link', href: 'b.md#section', target: { part: 'doc-b', anchor: 'doc-b-section' }, children: [t('内部链接')] },
      t('和'), { type: 'link', href: 'b.md', target: { part: 'doc-b' }, children: [t('另一篇')] },
      t('，注音'), { type: 'ruby', children: [t('漢')], annotation: 'hàn' }, t('，上标x'), { type: 'sup', children: [t('2')] },
      t('与下标H'), { type: 'sub', children: [t('2')] }, t('O，'), { type: 'lang', lang: 'en', children: [t('English text')] },
      t('，图'), { type: 'image', src: IMAGE, alt: '红点' }, t('，注释。'), { type: 'noteref', note: NOTE, label: '1' },
    ),
    para(t('第一行'), { type: 'break' }, t('第二行'), { type: 'break' }, t('第三行')),
    para(t('长网址'), { type: 'link', href: LONG_URL, children: [t(LONG_URL)] }, t('和长数字'), t('1234567890'.repeat(6)), t('都要断开。')),
    h(2, 'doc-a-h2', '二级标题'), para(t('二级下的文字。')),
    h(3, 'doc-a-h3', '三级标题'), para(t('三级下的文字。')),
    h(4, 'doc-a-h4', '四级标题'), para(t('四级下的文字。')),
    h(5, 'doc-a-h5', '五级标题'), para(t('五级下的文字。')),
    h(6, 'doc-a-h6', '六级标题'), para(t('六级下的文字。')),
    { type: 'rule', pos },
    para(t('分隔线之后的段落。')),
    { type: 'note', id: NOTE, label: '1', children: [para(t('注释的文字，'), { type: 'emph', children: [t('有着重')] }, t('。'))], pos },
  ];
  const b: Block[] = [
    h(1, 'doc-b-h1', '第二篇'), para(t('第二篇的文字。')),
    h(2, 'doc-b-section', '链接的目标'), para(t('目标下的文字。')),
  ];
  return {
    meta: {
      title: '行内元素测试', authors: [], editor: '编者', publisher: '出版者', language: 'zh-CN', description: '测试', subjects: [],
      identifier: 'urn:uuid:00000000-0000-0000-0000-000000000000', modified: '2025-01-01T00:00:00Z', sources: [], slug: 'inline', tocDepth,
    },
    parts: [
      { id: 'doc-a', kind: 'document', title: '第一篇 Inline elements', source: 'corpus/a.md', blocks: a },
      { id: 'doc-b', kind: 'document', title: '第二篇', source: 'corpus/b.md', blocks: b },
    ],
    images: { [IMAGE]: { path: IMAGE, mime: 'image/png', data: png(30, 20), width: 30, height: 20 } },
  };
}

const require = createRequire(import.meta.url);
const fontFile = (pkg: string, file: string) => readFileSync(join(dirname(require.resolve(`@fontsource/${pkg}/package.json`)), 'files', file));

/**
 * The book's serif faces (the project's font set) with a Latin italic (Source Serif 4) and a
 * monospace face (Source Code Pro) added: Latin letters under emphasis in the italic, code in the
 * monospace face, everything else in the serif.
 */
export async function fontsWithLatinFaces(book: Book): Promise<FontSet> {
  // The project's own font set, once it has these faces; until then they are made here.
  const own = await buildFontSet(bookText(book).map((p) => ({ text: p.text, req: (p as { req?: FaceRequest }).req ?? { weight: 'regular' as const } })));
  if (own.fonts.some((f) => f.id === 'italic-regular') && own.fonts.some((f) => f.id === 'mono-regular')) return own;
  // Every character the book holds anywhere (its parts as JSON: text, code, labels, annotations).
  const text = bookText(book).map((p) => p.text).join('') + JSON.stringify(book.parts);
  const serif = await buildFontSet([{ text, req: { weight: 'regular' } }]);
  const latin = [...new Set(text)].filter((c) => c.codePointAt(0)! < 0x250).join('');
  const make = async (id: string, pkg: string, file: string, weight: Weight, style: 'normal' | 'italic'): Promise<SubsetFont> => {
    const data = await subsetFont(fontFile(pkg, file), latin, { targetFormat: 'truetype' });
    const name = (fontkit.create(data) as fontkit.Font).postscriptName;
    // (Cast: a project font carries more, such as its licence file, that the writer does not read.)
    return { id, family: pkg, style, role: style === 'italic' ? 'italic' : 'mono', weight, filename: `${name}.ttf`, postscript: name, data, chars: latin } as unknown as SubsetFont;
  };
  const extra = await Promise.all([
    make('italic-regular', 'source-serif-4', 'source-serif-4-latin-400-italic.woff2', 'regular', 'italic'),
    make('italic-bold', 'source-serif-4', 'source-serif-4-latin-700-italic.woff2', 'bold', 'italic'),
    make('mono-regular', 'source-code-pro', 'source-code-pro-latin-400-normal.woff2', 'regular', 'normal'),
  ]);
  const faces = new Map(extra.map((f) => [f.id, fontkit.create(f.data) as fontkit.Font]));
  const has = (id: string, ch: string) => faces.get(id)!.hasGlyphForCodePoint(ch.codePointAt(0)!);
  return {
    fonts: [...serif.fonts, ...extra],
    faceFor: (ch, req) => {
      if (req.mono && has('mono-regular', ch)) return extra[2];
      const italic = `italic-${req.weight}`;
      if (req.italic && /\p{Script=Latin}/u.test(ch) && has(italic, ch)) return extra.find((f) => f.id === italic);
      return serif.faceFor(ch, req);
    },
  };
}
