// The document language, one element a row: the markdown-it token that opens it, the model node
// it becomes (src/model/types.ts, with its place) and its lint rules. The parser (parse.ts) reads
// only these tables; each writer has one render function per node type, which the type checker
// requires (writers/epub/xhtml.ts, writers/pdf/layout.ts). Adding an element means a row here, a
// node type, and two render functions.
import type { Token } from 'markdown-it';
import type { Align, Block, Inline, ListItem, Pos } from '../model/types.ts';
import { wordsOf, type Words } from '../model/language.ts';

/** What element parsers may ask of the parser. */
export interface Parser {
  tokens: Token[];
  /** The language of the text (BCP 47), for the words the parser adds (an admonition's name). */
  lang: string;
  /** Place of a block token in the file as written. */
  pos(t: Token): Pos;
  /** The blocks between two token indexes. */
  blocks(from: number, until: number): Block[];
  /** The inline runs of an `inline` token. */
  inlines(t: Token, at: Pos): Inline[];
  /** Index of the token that closes the one at `i`. */
  close(i: number): number;
  /** A new heading id, unique in the part. */
  headingId(text: string): string;
  /** A note's id and label by markdown-it's footnote index. */
  note(index: number): { id: string; label: string };
  /** A warning at a place; by default about something not rendered. */
  warn(at: Pos, id: string, message: string, hint: string, code?: 'not-rendered' | 'accessibility'): void;
}

export interface BlockElement {
  /** Name in messages and documentation. */
  name: string;
  /** The token type that opens it. */
  token: string;
  /** The node(s) for the token at `i`, and the index of its last token. */
  parse(p: Parser, i: number): { nodes: Block[]; end: number };
}

/** Semantic containers our templates use (`::: role`); any other role is set as plain blocks, with a warning. */
export const CONTAINER_ROLES = [
  'titlepage', 'subtitle', 'byline', 'imprint', 'colophon', 'text', 'docdate', 'dateplace', 'dateline',
  'signatures', 'gap', 'sourcenote', 'apparatus', 'epigraph', 'center', 'right', 'verse', 'noindent',
] as const;

const single = (nodes: Block[], end: number) => ({ nodes, end });

function listItems(p: Parser, from: number, end: number): ListItem[] {
  const items: ListItem[] = [];
  for (let j = from; j < end; j++) {
    if (p.tokens[j].type !== 'list_item_open') continue;
    const itemEnd = p.close(j);
    const task = String(p.tokens[j].attrGet('class') ?? '').includes('task-list-item');
    const blocks = p.blocks(j + 1, itemEnd);
    items.push(task ? { checked: taskChecked(p.tokens, j, itemEnd), blocks } : { blocks });
    j = itemEnd;
  }
  return items;
}

/** markdown-it-task-lists puts a checkbox `<input … checked="">` first in the item's text; the inline parser drops it. */
function taskChecked(tokens: Token[], from: number, until: number): boolean {
  for (let k = from; k < until; k++) {
    const box = tokens[k].children?.find((c) => c.type === 'html_inline' && c.content.includes('task-list-item-checkbox'));
    if (box) return /\schecked/u.test(box.content);
  }
  return false;
}

const ALIGN: Record<string, Align> = { 'text-align:left': 'left', 'text-align:center': 'center', 'text-align:right': 'right' };

function table(p: Parser, i: number): { nodes: Block[]; end: number } {
  const end = p.close(i);
  const at = p.pos(p.tokens[i]);
  const head: Inline[][] = [];
  const rows: Inline[][][] = [];
  const align: Align[] = [];
  let row: Inline[][] | null = null;
  let inHead = false;
  for (let j = i + 1; j < end; j++) {
    const t = p.tokens[j];
    if (t.type === 'thead_open') inHead = true;
    else if (t.type === 'thead_close') inHead = false;
    else if (t.type === 'tr_open') row = inHead ? head : [];
    else if (t.type === 'tr_close' && row && !inHead) rows.push(row);
    else if (t.type === 'th_open' || t.type === 'td_open') {
      if (inHead) align.push(ALIGN[t.attrGet('style') ?? ''] ?? null);
      row?.push(p.inlines(p.tokens[j + 1], t.map ? p.pos(t) : at));
    }
  }
  // GFM pads short rows and cuts long ones to the header's width.
  for (const r of rows) { while (r.length < head.length) r.push([]); r.length = head.length; }
  return single([{ type: 'table', align, head, rows, pos: at }], end);
}

/** A paragraph whose only content is an image is a figure; its caption is the image's title. */
function paragraph(p: Parser, i: number): { nodes: Block[]; end: number } {
  const at = p.pos(p.tokens[i]);
  const children = p.inlines(p.tokens[i + 1], at);
  const content = children.filter((c) => !(c.type === 'text' && !c.text.trim()));
  if (content.length === 1 && content[0].type === 'image') {
    const img = content[0];
    if (!img.alt.trim()) p.warn(at, 'alt', `the image ${img.src} has no text alternative`, 'describe it between the brackets: ![一幅地图](map.png); readers who cannot see it hear this text', 'accessibility');
    return single([{ type: 'figure', src: img.src, alt: img.alt, caption: img.title ? [{ type: 'text', text: img.title }] : [], pos: at }], p.close(i));
  }
  return single(content.length ? [{ type: 'para', children, pos: at }] : [], p.close(i));
}

/**
 * Admonitions of other tools' Markdown (`::: tip`, `::: warning 标题`, as Docusaurus, VuePress and
 * markdown-it-container books write them), by their name: set as GitHub's alerts are.
 */
const ADMONITIONS: Record<string, string> = {
  note: '注', info: '说明', tip: '提示', hint: '提示', important: '重要', warning: '警告', attention: '注意',
  caution: '注意', danger: '危险', error: '错误', details: '详情', example: '示例', quote: '引语', success: '完成', question: '问题',
};

/** The admonitions' names in each language wenji has words in. */
const ADMONITION_NAMES: Record<Words, Record<string, string>> = {
  'zh-Hans': ADMONITIONS,
  'zh-Hant': { note: '註', info: '說明', tip: '提示', hint: '提示', important: '重要', warning: '警告', attention: '注意', caution: '注意', danger: '危險', error: '錯誤', details: '詳情', example: '示例', quote: '引語', success: '完成', question: '問題' },
  ja: { note: '注', info: '情報', tip: 'ヒント', hint: 'ヒント', important: '重要', warning: '警告', attention: '注意', caution: '注意', danger: '危険', error: 'エラー', details: '詳細', example: '例', quote: '引用', success: '完了', question: '質問' },
  en: { note: 'Note', info: 'Info', tip: 'Tip', hint: 'Hint', important: 'Important', warning: 'Warning', attention: 'Attention', caution: 'Caution', danger: 'Danger', error: 'Error', details: 'Details', example: 'Example', quote: 'Quote', success: 'Success', question: 'Question' },
};

/** An admonition's name (note, warning, …) in the language of the text; Simplified Chinese by default. */
function admonitionName(kind: string, lang: string): string | undefined {
  return ADMONITION_NAMES[wordsOf(lang) ?? 'zh-Hans'][kind.toLowerCase()];
}

function container(p: Parser, i: number): { nodes: Block[]; end: number } {
  const end = p.close(i);
  const at = p.pos(p.tokens[i]);
  const [role, ...words] = p.tokens[i].info.trim().split(/\s+/u);
  const title = words.join(' ');
  const admonition = admonitionName(role, p.lang);
  if (admonition && !(CONTAINER_ROLES as readonly string[]).includes(role)) return single([led(p.blocks(i + 1, end), title || admonition, at)], end);
  if (!(CONTAINER_ROLES as readonly string[]).includes(role)) {
    p.warn(at, 'container', `container \`::: ${role}\` is not known; its content is set as ordinary blocks${title ? ' under its title in bold' : ''}`, `known containers: ${CONTAINER_ROLES.join(', ')}, and the admonitions ${Object.keys(ADMONITIONS).join(', ')}`);
  }
  const head: Block[] = title ? [{ type: 'para', children: [{ type: 'strong', children: [{ type: 'text', text: title }] }], pos: at }] : [];
  return single([{ type: 'div', role, children: [...head, ...p.blocks(i + 1, end)], pos: at }], end);
}

/** A quotation led by a name in bold: the first paragraph begins with it, or it stands alone before the rest. */
function led(children: Block[], name: string, pos: Pos): Block {
  const label: Inline[] = [{ type: 'strong', children: [{ type: 'text', text: name }] }];
  const first = children[0];
  if (first?.type === 'para') first.children.unshift(...label, { type: 'text', text: '　' });
  else children.unshift({ type: 'para', children: label, pos });
  return { type: 'quote', children, pos };
}

/** GitHub's alerts (`> [!NOTE]`) are block quotes whose first words name their kind: set as a quote led by that name in bold. */
/** GitHub's alerts, named as the admonitions of the same kind. */
const ALERTS = new Set(['NOTE', 'TIP', 'IMPORTANT', 'WARNING', 'CAUTION']);
const ALERT = /^\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]\s*/iu;

function quote(p: Parser, i: number): { nodes: Block[]; end: number } {
  const end = p.close(i);
  const children = p.blocks(i + 1, end);
  const first = children[0];
  const lead = first?.type === 'para' && first.children[0]?.type === 'text' ? first.children[0] : undefined;
  const alert = lead ? ALERT.exec(lead.text) : null;
  const at = p.pos(p.tokens[i]);
  if (first?.type === 'para' && lead && alert) {
    lead.text = lead.text.slice(alert[0].length);
    if (!lead.text) first.children.shift();
    return single([led(children, admonitionName(alert[1], p.lang)!, at)], end);
  }
  return single([{ type: 'quote', children, pos: at }], end);
}

/** Footnote bodies, in the order of their first reference. */
function footnotes(p: Parser, i: number): { nodes: Block[]; end: number } {
  const end = p.close(i);
  const notes: Block[] = [];
  for (let j = i + 1; j < end; j++) {
    if (p.tokens[j].type !== 'footnote_open') continue;
    const noteEnd = p.close(j);
    const n = p.note((p.tokens[j].meta as { id: number }).id);
    const body = p.tokens.slice(j, noteEnd).find((t) => t.map);
    notes.push({ type: 'note', id: n.id, label: n.label, children: p.blocks(j + 1, noteEnd), pos: body ? p.pos(body) : p.pos(p.tokens[i]) });
    j = noteEnd;
  }
  return single(notes, end);
}

export const BLOCK_ELEMENTS: BlockElement[] = [
  {
    name: 'heading', token: 'heading_open',
    parse: (p, i) => {
      const at = p.pos(p.tokens[i]);
      const children = p.inlines(p.tokens[i + 1], at);
      const text = p.tokens[i + 1].content;
      if (!text.trim()) p.warn(at, 'empty-heading', 'an empty heading', 'write its text after the #');
      return single([{ type: 'heading', level: Number(p.tokens[i].tag.slice(1)), id: p.headingId(text), children, pos: at }], p.close(i));
    },
  },
  { name: 'paragraph (or figure)', token: 'paragraph_open', parse: paragraph },
  {
    name: 'list', token: 'bullet_list_open',
    parse: (p, i) => { const end = p.close(i); return single([{ type: 'list', ordered: false, start: 1, tight: isTight(p.tokens, i, end), items: listItems(p, i + 1, end), pos: p.pos(p.tokens[i]) }], end); },
  },
  {
    name: 'ordered list', token: 'ordered_list_open',
    parse: (p, i) => { const end = p.close(i); return single([{ type: 'list', ordered: true, start: Number(p.tokens[i].attrGet('start') ?? 1), tight: isTight(p.tokens, i, end), items: listItems(p, i + 1, end), pos: p.pos(p.tokens[i]) }], end); },
  },
  { name: 'block quote (and GitHub alert)', token: 'blockquote_open', parse: quote },
  {
    name: 'fenced code', token: 'fence',
    parse: (p, i) => {
      const t = p.tokens[i];
      const lang = t.info.trim().split(/\s+/u)[0] ?? '';
      if (lang === 'math' || lang === 'latex' || lang === 'mermaid') p.warn(p.pos(t), lang, `a \`${lang}\` block is not rendered as ${lang === 'mermaid' ? 'a diagram' : 'math'}; it is set as code`, 'export it as an image (SVG or PNG) and insert the image');
      return single([{ type: 'code', lang, text: t.content.replace(/\n$/u, ''), pos: p.pos(t) }], i);
    },
  },
  { name: 'indented code', token: 'code_block', parse: (p, i) => single([{ type: 'code', lang: '', text: p.tokens[i].content.replace(/\n$/u, ''), pos: p.pos(p.tokens[i]) }], i) },
  { name: 'table', token: 'table_open', parse: table },
  { name: 'thematic break', token: 'hr', parse: (p, i) => single([{ type: 'rule', pos: p.pos(p.tokens[i]) }], i) },
  { name: 'container', token: 'container_div_open', parse: container },
  { name: 'footnotes', token: 'footnote_block_open', parse: footnotes },
];

/** A list is tight when markdown-it hid its paragraphs. */
function isTight(tokens: Token[], from: number, end: number): boolean {
  return !tokens.slice(from, end).some((t) => t.type === 'paragraph_open' && !t.hidden);
}

/** Inline elements that wrap other inline runs: the opening token type and the node it opens. */
export const INLINE_CONTAINERS: Record<string, (t: Token) => Inline> = {
  em_open: () => ({ type: 'emph', children: [] }),
  strong_open: () => ({ type: 'strong', children: [] }),
  s_open: () => ({ type: 'strike', children: [] }),
  mark_open: () => ({ type: 'mark', children: [] }),
  link_open: (t) => {
    const title = t.attrGet('title');
    return { type: 'link', href: String(t.attrGet('href') ?? ''), ...(title ? { title: String(title) } : {}), children: [] };
  },
};

/** A link an HTML <a> may make, as markdown-it allows a Markdown link: no script, file or data address but an image's. */
function safeHref(href: string): boolean {
  const h = href.trim().toLowerCase();
  return !/^(vbscript|javascript|file|data):/u.test(h) || /^data:image\/(gif|png|jpeg|webp);/u.test(h);
}

/** Safe inline HTML tags that wrap other inline runs, and the node each opens. */
export const HTML_CONTAINERS: Record<string, (attrs: Record<string, string>) => Inline | undefined> = {
  sup: () => ({ type: 'sup', children: [] }),
  sub: () => ({ type: 'sub', children: [] }),
  span: (a) => (a.lang ? { type: 'lang', lang: a.lang, children: [] } : undefined),
  // Tags with a Markdown equivalent are read as it.
  b: () => ({ type: 'strong', children: [] }),
  strong: () => ({ type: 'strong', children: [] }),
  i: () => ({ type: 'emph', children: [] }),
  em: () => ({ type: 'emph', children: [] }),
  s: () => ({ type: 'strike', children: [] }),
  del: () => ({ type: 'strike', children: [] }),
  mark: () => ({ type: 'mark', children: [] }),
  // `<a class="lineref" href="#id">` refers to an anchor by its page and line (the apparatus).
  a: (a) => (a.class === 'lineref' && a.href?.startsWith('#') ? { type: 'lineref', anchor: a.href.slice(1), ...(a.id ? { id: a.id } : {}), children: [] }
    : a.href && safeHref(a.href) ? { type: 'link', href: a.href, ...(a.title ? { title: a.title } : {}), children: [] } : undefined),
};
