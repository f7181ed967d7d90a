// A book made by hand with every block type the PDF writer sets beyond paragraphs: nested lists
// (bullets, numbers from 3, tasks), nested quotations, a code block with a long line, a table
// long enough to break across pages, and figures in PNG, JPEG, GIF and SVG.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GifWriter } from 'omggif';
import { PNG } from 'pngjs';
import * as fontkit from 'fontkit';
import subsetFont from 'subset-font';
import { bookText } from '../../src/book/text.ts';
import { buildFontSet, type FontSet, type SubsetFont } from '../../src/fonts/index.ts';
import type { Block, Book, ImageResource, Inline, ListItem } from '../../src/model/types.ts';
import { LABEL_TEXT } from '../../src/writers/labels.ts';
import { ROOT } from '../helpers/paths.ts';

const pos = { file: 'corpus/blocks.md', line: 1 };
const t = (text: string): Inline[] => [{ type: 'text', text }];
const para = (text: string): Block => ({ type: 'para', children: t(text), pos });
const item = (text: string, more: Block[] = [], checked?: boolean): ListItem => ({ checked, blocks: [para(text), ...more] });

/** A 120×80 PNG: a blue field with a red diagonal band. */
function png(): Buffer {
  const img = new PNG({ width: 120, height: 80 });
  for (let y = 0; y < 80; y++) for (let x = 0; x < 120; x++) {
    const i = (y * 120 + x) * 4;
    const band = Math.abs(x - 1.5 * y) < 12;
    img.data.set(band ? [200, 40, 40, 255] : [60, 90, 160, 255], i);
  }
  return PNG.sync.write(img);
}

/** A 60×60 GIF of four coloured squares. */
function gif(): Buffer {
  const buf = Buffer.alloc(4096);
  const w = new GifWriter(buf, 60, 60, { palette: [0xffffff, 0xcc3333, 0x33aa55, 0x3355cc] });
  const pixels = Array.from({ length: 3600 }, (_, i) => 1 + ((Math.floor((i % 60) / 30) + 2 * Math.floor(i / 1800)) % 3));
  w.addFrame(0, 0, 60, 60, pixels);
  return buf.subarray(0, w.end());
}

export const SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="150" viewBox="0 0 300 150"><rect x="10" y="10" width="280" height="130" fill="none" stroke="#333" stroke-width="3"/><circle cx="80" cy="75" r="40" fill="#c33"/><path d="M150 120 L200 30 L250 120 Z" fill="#36a"/></svg>';

function image(path: string, mime: ImageResource['mime'], data: Buffer, width: number, height: number): ImageResource {
  return { path, mime, data, width, height };
}

export const IMAGES: Record<string, ImageResource> = {
  'corpus/img/band.png': image('corpus/img/band.png', 'image/png', png(), 120, 80),
  'corpus/img/photo.jpg': image('corpus/img/photo.jpg', 'image/jpeg', readFileSync(join(ROOT, 'test/fixtures/blocks/photo.jpg')), 240, 160),
  'corpus/img/squares.gif': image('corpus/img/squares.gif', 'image/gif', gif(), 60, 60),
  'corpus/img/shapes.svg': image('corpus/img/shapes.svg', 'image/svg+xml', Buffer.from(SVG), 300, 150),
};

export const LONG_CODE_LINE = 'const result = items.filter((item) => item.visible && item.weight > threshold).map((item) => ({ ...item, label: `${item.name}（${item.weight}）` }));';
export const CODE = `function main() {\n\tconst 文集 = load('corpus');\n\t// 注释：保留空白\n    ${LONG_CODE_LINE}\n\treturn 文集;\n}\n`;

const CITIES = ['北京', '上海', '广州', '深圳', '成都', '重庆', '杭州', '武汉', '西安', '南京'];
/** Header cells and rows of the long table. */
export const TABLE_HEAD = ['序号', '城市', '说明', '人口（万）'];
export const TABLE_ROWS = Array.from({ length: 40 }, (_, r) => [
  String(r + 1), CITIES[r % CITIES.length],
  r % 4 === 0 ? `第${r + 1}行的说明较长，需要在单元格里折成几行，以检验中文在表格中的换行与对齐是否妥当。` : `第${r + 1}行`,
  String(1000 + r * 37),
]);

export const QUOTE_OUTER = '引文的第一段。引文应当与正文有所区别：两侧缩进，左侧有一道细线，跨页时每一页都有这道线，读者一眼就能看出哪些文字是引来的。';
export const QUOTE_INNER = '这是引文中的引文，缩进更深，左边有第二道细线。';

/** Paragraphs of a quotation long enough to go on to another page. */
export const LONG_QUOTE = Array.from({ length: 12 }, (_, k) => `长引文的第${k + 1}段。这段引文很长，会跨过一页，每一页上都应当有左边那道细线，表明这些文字仍然是引文，而不是正文。`);

export const CAPTIONS = { png: '图一　斜带（PNG）', jpg: '图二　风景（JPEG）', gif: '图三　方格（GIF）', svg: '图四　图形（SVG）' };

const nested: Block = {
  type: 'list', ordered: false, start: 1, tight: true, pos, items: [
    item('第一层的第一项，文字较长，要折行，看看悬挂缩进是否让第二行与第一行的文字对齐，而不是与项目符号对齐。', [
      { type: 'list', ordered: true, start: 3, tight: true, pos, items: [
        item('第二层编号从三开始。', [
          { type: 'list', ordered: false, start: 1, tight: true, pos, items: [item('第三层的项目，用另一种符号，文字也要长一些以便折行，检验更深一层的悬挂缩进。'), item('第三层第二项。')] },
        ]),
        item('第二层第二项。'),
        item('第二层第三项，编号应为五。'),
      ] },
    ]),
    item('第一层的第二项，下面的项目符号是短横。', [
      { type: 'list', ordered: false, start: 1, tight: true, pos, items: [item('第二层的无序项目。'), item('又一个第二层的无序项目。')] },
    ]),
  ],
};

const tasks: Block = {
  type: 'list', ordered: false, start: 1, tight: false, pos, items: [
    item('已完成的任务：写好解析器。', [], true),
    item('未完成的任务：排好表格，让长表格跨页时重复表头。', [], false),
  ],
};

const figure = (key: keyof typeof CAPTIONS, src: string, alt: string): Block => ({ type: 'figure', src, alt, caption: t(CAPTIONS[key]), pos });

export function blocksBook(): Book {
  const body: Block[] = [
    { type: 'heading', level: 1, id: 'blocks', children: t('块级元素'), pos },
    para('这是一段正文，用来与下面的列表、引文、代码、表格和插图相比较。正文两端对齐，首行缩进两字。'),
    nested,
    tasks,
    { type: 'list', ordered: true, start: 1, tight: true, pos, items: [{ blocks: [{ type: 'code', lang: '', text: 'npm install wenji\n', pos }, para('先安装，再开始。')] }, item('第二步。')] },
    { type: 'quote', pos, children: [para(QUOTE_OUTER), { type: 'quote', pos, children: [para(QUOTE_INNER)] }, para('引文的最后一段。')] },
    para('下面是一段代码，等宽字体，保留空白，长行折行并有续行标记。'),
    { type: 'code', lang: 'ts', text: CODE, pos },
    para('下面是一张长表格，跨页时在新的一页重复表头。'),
    { type: 'table', align: ['right', 'center', 'left', 'right'], head: TABLE_HEAD.map(t), rows: TABLE_ROWS.map((r) => r.map(t)), pos },
    para('下面是四幅插图。'),
    figure('png', 'corpus/img/band.png', '一条红色斜带'),
    figure('jpg', 'corpus/img/photo.jpg', '山丘与太阳'),
    figure('gif', 'corpus/img/squares.gif', '四个方格'),
    figure('svg', 'corpus/img/shapes.svg', '圆与三角形'),
    para('插图之后的一段正文。下面是一张窄表格，不拉宽，居中。'),
    { type: 'table', align: [null, 'center', 'right'], head: ['项目', '单位', '数量'].map(t), rows: [['纸张', '令', '12'], ['油墨', '千克', '3.5'], ['装订线', '卷', '40']].map((r) => r.map(t)), pos },
    para('下面是一段跨页的长引文。'),
    { type: 'quote', pos, children: LONG_QUOTE.map(para) },
    para('长引文之后的正文。'),
  ];
  return {
    meta: {
      title: '块级元素样书', authors: [], editor: '编者', publisher: '出版者', language: 'zh-CN', description: '样书', subjects: [],
      identifier: 'urn:uuid:00000000-0000-0000-0000-000000000000', modified: '2026-01-01T00:00:00Z', sources: [], slug: 'blocks', tocDepth: 2,
    },
    parts: [{ id: 'doc-blocks', kind: 'document', title: '块级元素', source: 'corpus/blocks.md', blocks: body }],
    images: IMAGES,
  };
}

/** A monospace face for code (Source Code Pro, Latin), subset to `chars`, made like `like`: for a font set that has none yet. */
async function monoFace(chars: string, like: SubsetFont): Promise<SubsetFont> {
  const source = readFileSync(join(ROOT, 'node_modules/@fontsource/source-code-pro/files/source-code-pro-latin-400-normal.woff2'));
  const data = Buffer.from(await subsetFont(source, chars, { targetFormat: 'truetype' }));
  return { ...like, id: 'mono-regular', family: 'Source Code Pro', role: 'mono', filename: 'SourceCodePro-Regular.ttf', postscript: 'SourceCodePro-Regular', data, chars };
}

/** Fonts subset to every character of the book; code in a monospace face, Han in code from the serif face. */
export async function blocksFonts(book: Book): Promise<FontSet> {
  // Every character the parts hold (JSON keeps the ideographic spaces of captions), the writers' labels and digits.
  const text = JSON.stringify(book.parts) + LABEL_TEXT + '0123456789' + book.meta.title;
  const base = await buildFontSet([
    { text, req: { weight: 'regular' } }, { text, req: { weight: 'bold' } }, ...bookText(book),
  ]);
  if (base.fonts.some((f) => f.id === 'mono-regular')) return base;
  const mono = await monoFace(text, base.fonts[0]);
  const face = fontkit.create(mono.data) as fontkit.Font;
  return {
    ...base,
    fonts: [...base.fonts, mono],
    faceFor: (ch, req) => (req.mono && face.hasGlyphForCodePoint(ch.codePointAt(0)!) ? mono : base.faceFor(ch, req)),
  };
}
