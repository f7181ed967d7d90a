// Reader for an HTML repost: finds the element that holds the article by content scoring
// (html-content.ts), keeps its paragraphs (links unwrapped) and headings, and tallies everything
// it drops: advertising, navigation, lists of other headlines, promotional links, tag lists,
// stray `来源：` lines.
import { parseDocument, DomUtils } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';
import { CN_DIGITS, DOCUMENT_GENRE } from '../../cjk/chars.ts';
import { tally, type RawBlock, type ReadResult, type Removal } from '../witness.ts';
import { boilerplate, containerScore, isElement, isInline, linkShare, SKIP_TAGS } from './html-content.ts';

const BLOCK_TAGS = new Set(['p', 'div', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'section', 'article', 'main', 'ul', 'ol', 'table', 'tbody', 'tr', 'td', 'center', 'dl', 'dd', 'dt', 'figure', 'figcaption']);
const HEADING_TAG = /^h[1-6]$/u;
const SOURCE_LINE = /^\s*(来源|來源|稿源|出处)\s*[：:]/u;
/** A section number standing as a heading: `一`, `十二、`, `第三部分`, `第五条`. */
const NUMERAL_HEADING = new RegExp(`^(?:[${CN_DIGITS}]{1,3}|第[${CN_DIGITS}0-9]{1,4}(?:部分|章|节|条))[、．.]?$`, 'u');
/** Share of a block's text inside links above which it is a list of links, not prose. */
const LINK_DENSITY = 0.5;

function lineOf(source: string, index: number | null): number {
  return source.slice(0, index ?? 0).split('\n').length;
}

/** A heading as the document's title (it names a kind of document) or the reposting site's headline. */
function titleBlock(text: string, line: number): RawBlock {
  const isTitle = DOCUMENT_GENRE.test(text.replace(/\s/gu, '')) && !/[：:|｜]/u.test(text);
  return { type: isTitle ? 'title' : 'headline', text, line };
}

/** Text of nodes with links unwrapped (counted) and `<br>` as a paragraph break. */
function blockText(nodes: ChildNode[], removed: Removal[]): string[] {
  const parts: string[] = [''];
  const walk = (n: ChildNode) => {
    if (n.type === 'text') parts[parts.length - 1] += n.data;
    if (!isElement(n) || SKIP_TAGS.has(n.name)) return;
    // A note reference ([1]) goes with its note.
    if (n.name === 'a' && /^#(foot|end)note-\d+$/u.test(n.attribs.href ?? '')) return;
    if (n.name === 'br') parts.push('');
    if (n.name === 'a' && DomUtils.textContent(n).trim()) {
      const tag = n.attribs.rel === 'tag' || /\/tags?\//u.test(n.attribs.href ?? '');
      tally(removed, tag ? '标签链接（去链接，留文字）' : '关键词广告链接（去链接，留文字）', DomUtils.textContent(n));
    }
    n.children.forEach(walk);
  };
  nodes.forEach(walk);
  return parts.map((p) => p.replace(/\s+/gu, ' ').trim()).filter(Boolean);
}

function isInside(el: Element, ancestor: Element | undefined): boolean {
  for (let p = el.parent; p; p = p.parent) if (p === ancestor) return true;
  return false;
}

export function readHtml(source: string, file: string): ReadResult {
  const dom = parseDocument(source, { withStartIndices: true, decodeEntities: true });
  const removed: Removal[] = [];
  const candidates = DomUtils.findAll((el) => !SKIP_TAGS.has(el.name), dom.children);
  const scored = candidates.map((el) => ({ el, score: containerScore(el) }));
  const container = scored.reduce<{ el: Element; score: number } | null>((best, c) => (!best || c.score > best.score ? c : best), null);
  if (!container || container.score === 0) return { blocks: [], removed };
  const root = container.el;

  const blocks: RawBlock[] = [];
  // The nearest heading before the article is the title or the repost's headline.
  const before = DomUtils.findAll((el) => /^h[1-3]$/u.test(el.name) && (el.startIndex ?? 0) < (root.startIndex ?? 0) && !isInside(root, el), dom.children);
  const headline = before[before.length - 1];
  if (headline) blocks.push(titleBlock(DomUtils.textContent(headline).trim(), lineOf(source, headline.startIndex)));

  const addParagraphs = (nodes: ChildNode[], start: number | null) => {
    const line = lineOf(source, start);
    for (const para of blockText(nodes, removed)) {
      if (SOURCE_LINE.test(para)) tally(removed, '“来源”行', para);
      else if (NUMERAL_HEADING.test(para)) blocks.push({ type: 'section', numeral: para.replace(/[、．.]$/u, ''), line });
      else blocks.push({ type: 'para', lines: [{ text: para, line }] });
    }
  };
  const heading = (el: Element) => {
    const text = DomUtils.textContent(el).replace(/\s+/gu, ' ').trim();
    const line = lineOf(source, el.startIndex);
    if (!text) return;
    // A heading before any text of the article is its title or headline; later ones are sections.
    if (!blocks.some((b) => b.type === 'para' || b.type === 'section') && !NUMERAL_HEADING.test(text) && !blocks.some((b) => b.type === 'title')) blocks.push(titleBlock(text, line));
    else blocks.push({ type: 'section', numeral: text.replace(/[、．.]$/u, ''), line });
  };

  const visit = (el: Element) => {
    if (SKIP_TAGS.has(el.name)) return tally(removed, '脚本与嵌入框架', el.name);
    if (HEADING_TAG.test(el.name)) return heading(el);
    if (el.name === 'ul' || el.name === 'ol') {
      const items = DomUtils.getElementsByTagName('li', el);
      // The notes of a Word file, as mammoth sets them after the text: not part of it.
      if (items.length && items.every((li) => /^(foot|end)note-\d+$/u.test(li.attribs.id ?? ''))) return items.forEach((li) => tally(removed, '脚注（不属正文）', DomUtils.textContent(li)));
      if (linkShare(el) > LINK_DENSITY) return items.forEach((li) => tally(removed, '他文标题（相关阅读）', DomUtils.textContent(li)));
    }
    const text = DomUtils.textContent(el).trim();
    if (SOURCE_LINE.test(text)) return tally(removed, '“来源”行', text);
    const junk = el === root ? undefined : boilerplate(el);
    if (junk) return tally(removed, junk, text || (el.attribs.id ?? el.attribs.class ?? el.name));
    const children = el.children.filter(isElement);
    if (children.some((c) => BLOCK_TAGS.has(c.name))) return visitMixed(el);
    if (!text) return;
    if (linkShare(el) > LINK_DENSITY) {
      return DomUtils.getElementsByTagName('a', el).forEach((a) => tally(removed, '推广链接', DomUtils.textContent(a)));
    }
    addParagraphs(el.children, el.startIndex);
  };
  // Loose text and inline elements, up to the next block, are paragraphs too.
  const visitMixed = (el: Element) => {
    let run: ChildNode[] = [];
    const flush = () => { if (run.length) addParagraphs(run, run[0].startIndex); run = []; };
    for (const c of el.children) {
      if (isInline(c) || (isElement(c) && c.name === 'br')) { run.push(c); continue; }
      flush();
      if (isElement(c)) visit(c);
    }
    flush();
  };
  visit(root);

  // Whatever text lies outside the article is navigation, notices and the like.
  for (const el of DomUtils.findAll((e) => ['p', 'li', 'h1', 'h2', 'h3', 'h4'].includes(e.name), dom.children)) {
    if (el === headline || el === root || isInside(el, root) || isInside(el, headline) || isInside(root, el)) continue;
    if (DomUtils.textContent(el).trim()) tally(removed, '正文以外的导航与告示', DomUtils.textContent(el));
  }
  return { blocks, removed };
}
