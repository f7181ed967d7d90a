// A book made by hand that uses every node of the document model, with real images (PNG, JPEG,
// GIF, SVG) and fonts subset to its text: what the EPUB writer must set, checked element by element.
import { readFileSync } from 'node:fs';
import { buildFontSet, type FaceRequest, type FontSet } from '../../src/fonts/index.ts';
import { visitBlocks, visitInlines, type Block, type Book, type ImageResource, type Inline, type Part } from '../../src/model/types.ts';
import { LABEL_TEXT } from '../../src/writers/labels.ts';
import { markdownBook } from './markdown-book.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

function image(path: string, mime: ImageResource['mime'], width: number, height: number): ImageResource {
  return { path, mime, data: fixture(path.split('/').pop()!), width, height };
}

const t = (text: string): Inline => ({ type: 'text', text });
const pos = (line: number) => ({ file: 'corpus/every.md', line, column: 1 });
const para = (line: number, ...children: Inline[]): Block => ({ type: 'para', children, pos: pos(line) });

const NOTE = 'every-note1';

const first: Block[] = [
  { type: 'heading', level: 1, id: 'every-title', children: [t('样书：全部元素')], pos: pos(1) },
  para(3, t('这一段有'), { type: 'emph', children: [t('着重号和 Latin italic 混排，2024年')] }, t('，有'), { type: 'strong', children: [t('粗体')] },
    t('、'), { type: 'strike', children: [t('删除线')] }, t('、行内代码'), { type: 'code', text: 'const x = a  &&  b;' },
    t('。外部链接'), { type: 'link', href: 'https://example.com/search?q=文集&lang=zh', title: '示例 "站点"', children: [t('example.com')] },
    t('，书内链接'), { type: 'link', href: 'second.md#第二节', target: { part: 'every-second', anchor: 'every-second-h2' }, children: [t('见第二篇')] },
    t('，整篇链接'), { type: 'link', href: 'second.md', target: { part: 'every-second' }, children: [t('第二篇')] },
    t('。图标'), { type: 'image', src: 'corpus/images/icon.gif', alt: '黄底红圆', title: '图标' }, t('在行内。'),
    { type: 'noteref', note: NOTE, label: '1' }),
  para(5, t('床前明月光，'), { type: 'break' }, t('疑是地上霜。'), { type: 'break' }, t('举头望明月，低头思故乡。'),
    { type: 'noteref', note: NOTE, label: '1' }),
  para(7, { type: 'ruby', children: [t('漢')], annotation: 'hàn' }, { type: 'ruby', children: [t('字')], annotation: 'zì' },
    t('，水的分子式是H'), { type: 'sub', children: [t('2')] }, t('O，面积单位m'), { type: 'sup', children: [t('2')] },
    t('，'), { type: 'lang', lang: 'en', children: [t('a phrase in English')] }, t('。')),
  { type: 'heading', level: 2, id: 'every-h2', children: [t('二级标题')], pos: pos(9) },
  { type: 'heading', level: 3, id: 'every-h3', children: [t('三级标题')], pos: pos(10) },
  { type: 'heading', level: 4, id: 'every-h4', children: [t('四级标题')], pos: pos(11) },
  { type: 'heading', level: 5, id: 'every-h5', children: [t('五级标题')], pos: pos(12) },
  { type: 'heading', level: 6, id: 'every-h6', children: [t('六级标题')], pos: pos(13) },
  {
    type: 'list', ordered: false, start: 1, tight: true, pos: pos(15), items: [
      { blocks: [para(15, t('第一项'))] },
      {
        blocks: [para(16, t('第二项，下有嵌套')), {
          type: 'list', ordered: false, start: 1, tight: true, pos: pos(17), items: [
            { blocks: [para(17, t('二级一'))] },
            { blocks: [para(18, t('二级二')), { type: 'list', ordered: true, start: 1, tight: true, pos: pos(19), items: [{ blocks: [para(19, t('三级一'))] }, { blocks: [para(20, t('三级二'))] }] }] },
          ],
        }],
      },
    ],
  },
  { type: 'list', ordered: true, start: 3, tight: false, pos: pos(22), items: [{ blocks: [para(22, t('从三开始')), para(24, t('松散列表的第二段'))] }, { blocks: [para(26, t('第四'))] }] },
  { type: 'list', ordered: false, start: 1, tight: true, pos: pos(28), items: [{ checked: true, blocks: [para(28, t('已办的事'))] }, { checked: false, blocks: [para(29, t('未办的事，文字较长，换行时与上一行的文字对齐，不与方框对齐。'))] }] },
  { type: 'quote', pos: pos(31), children: [para(31, t('引文一段。')), { type: 'quote', pos: pos(33), children: [para(33, t('引文中的引文。'))] }] },
  { type: 'code', lang: 'ts', pos: pos(35), text: 'function 问候(名字: string) {\n    return `你好，${名字}`;  // 缩进保留\n}\n\nconst veryLongIdentifierNameThatWillNotFitOnAPhoneScreen = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16];\n' },
  {
    type: 'table', pos: pos(42), align: ['left', 'center', 'right', null, null, null],
    head: [[t('名称')], [t('居中')], [t('数量')], [t('说明')], [t('备注')], [t('Latin header')]],
    rows: [
      [[t('甲')], [t('中')], [t('1,024')], [t('一段较长的中文说明，在单元格里换行。')], [{ type: 'emph', children: [t('强调')] }], [{ type: 'code', text: 'averyveryverylongtokenwithoutanyspaces' }]],
      [[t('乙')], [t('间')], [t('7')], [t('短')], [t('无')], [t('plain words')]],
    ],
  },
  { type: 'figure', src: 'corpus/images/photo.jpg', alt: '渐变底上的红色圆盘', caption: [t('图一　一张 JPEG 照片')], pos: pos(46) },
  { type: 'figure', src: 'corpus/images/map.svg', alt: '三角与圆的示意图', caption: [t('图二　高而窄的 SVG 图')], pos: pos(48) },
  { type: 'figure', src: 'corpus/images/wide.png', alt: '很宽的条形图', caption: [], pos: pos(50) },
  { type: 'rule', pos: pos(52) },
  { type: 'div', role: 'dateline', pos: pos(54), children: [para(55, t('（新华社北京电）'))] },
  { type: 'note', id: NOTE, label: '1', pos: pos(58), children: [para(58, t('注释的正文，含'), { type: 'emph', children: [t('着重')] }, t('。')), para(59, t('注释的第二段。'))] },
];

const second: Block[] = [
  { type: 'heading', level: 1, id: 'every-second-title', children: [t('第二篇')], pos: { file: 'corpus/second.md', line: 1 } },
  { type: 'heading', level: 2, id: 'every-second-h2', children: [t('第二节')], pos: { file: 'corpus/second.md', line: 3 } },
  { type: 'para', children: [t('回到'), { type: 'link', href: 'every.md#二级标题', target: { part: 'every-first', anchor: 'every-h2' }, children: [t('第一篇的二级标题')] }, t('。')], pos: { file: 'corpus/second.md', line: 5 } },
  { type: 'heading', level: 3, id: 'every-second-h3', children: [t('第二篇的三级标题')], pos: { file: 'corpus/second.md', line: 7 } },
  { type: 'heading', level: 4, id: 'every-second-h4', children: [t('不进目录的四级标题')], pos: { file: 'corpus/second.md', line: 9 } },
];

/**
 * The hand-made parts (every node, some in combinations Markdown rarely gives) followed by the
 * documents of the every-element fixture project, parsed from Markdown: one book, so that one
 * EPUBCheck run covers both.
 */
export function everyElementBook(): Book {
  const fromMarkdown = markdownBook();
  const parts: Part[] = [
    { id: 'toc', kind: 'toc', title: '目录', blocks: [] },
    { id: 'every-first', kind: 'document', title: '样书：全部元素', source: 'corpus/every.md', blocks: first },
    { id: 'every-second', kind: 'document', title: '第二篇', source: 'corpus/second.md', blocks: second },
    ...fromMarkdown.parts.filter((p) => p.kind !== 'toc'),
  ];
  const images = [image('corpus/images/icon.gif', 'image/gif', 64, 64), image('corpus/images/photo.jpg', 'image/jpeg', 800, 500),
    image('corpus/images/map.svg', 'image/svg+xml', 600, 1200), image('corpus/images/wide.png', 'image/png', 2400, 300)];
  return {
    meta: {
      title: '全部元素样书', authors: [], editor: '编者', publisher: '出版者', language: 'zh-Hans', description: '测试用书', subjects: ['测试'],
      identifier: 'urn:uuid:0f0e0d0c-0b0a-5908-8706-050403020100', modified: '2024-01-01T00:00:00Z', sources: [], slug: 'every', tocDepth: 3,
    },
    // A fresh copy each time: tests change their book.
    parts: structuredClone(parts),
    images: { ...Object.fromEntries(images.map((i) => [i.path, i])), ...fromMarkdown.images },
  };
}

/** Every piece of text of the book with what it asks of the fonts (italic for emphasis, mono for code). */
export function everyText(book: Book): { text: string; req: FaceRequest }[] {
  const out: { text: string; req: FaceRequest }[] = [{ text: `${LABEL_TEXT}0123456789${book.meta.title}${book.meta.editor}${book.meta.publisher}`, req: { weight: 'regular' } }];
  const inl = (list: Inline[], weight: FaceRequest['weight']) => visitInlines(list, (i, parents) => {
    const italic = parents.some((p) => p.type === 'emph');
    const bold = weight === 'bold' || parents.some((p) => p.type === 'strong');
    const req: FaceRequest = { weight: bold ? 'bold' : 'regular', italic, mono: i.type === 'code' };
    if (i.type === 'text' || i.type === 'code') out.push({ text: i.text, req });
    if (i.type === 'noteref') out.push({ text: i.label, req });
    if (i.type === 'ruby') out.push({ text: i.annotation, req });
  });
  for (const p of book.parts) {
    out.push({ text: p.title, req: { weight: 'bold' } });
    visitBlocks(p.blocks, (b) => {
      if (b.type === 'code') out.push({ text: b.text, req: { weight: 'regular', mono: true } });
      if (b.type === 'note') out.push({ text: b.label, req: { weight: 'regular' } });
      if (b.type === 'heading') inl(b.children, 'bold');
      else if (b.type === 'para') inl(b.children, 'regular');
      else if (b.type === 'table') { b.head.forEach((c) => inl(c, 'bold')); b.rows.flat().forEach((c) => inl(c, 'regular')); } else if (b.type === 'figure') inl(b.caption, 'regular');
    });
  }
  return out;
}

export function everyFonts(book: Book): Promise<FontSet> {
  return buildFontSet(everyText(book));
}
