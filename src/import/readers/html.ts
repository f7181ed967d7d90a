// Reader for an HTML repost: finds the element that holds the document's paragraphs, keeps their
// text (links unwrapped), and tallies everything else it drops: advertising, navigation, lists of
// other headlines, promotional links, stray `来源：` lines.
import { parseDocument, DomUtils } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';
import { DOCUMENT_GENRE, isHan } from '../../cjk/chars.ts';
import { tally, type RawBlock, type ReadResult, type Removal } from '../witness.ts';

const BLOCK_TAGS = new Set(['p', 'div', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'section', 'article', 'ul', 'ol', 'table', 'tr', 'td']);
const SKIP_TAGS = new Set(['script', 'style', 'noscript', 'iframe', 'form', 'nav', 'header', 'footer', 'aside']);
const AD_MARK = /(^|[\s_-])(ad|ads|adslot|advert\w*|banner\w*|sponsor\w*|taboola\w*|promo\w*)($|[\s_-])|ADSLOT/iu;
const SOURCE_LINE = /^\s*(来源|來源|稿源|出处)\s*[：:]/u;
/** Share of a block's text inside links above which it is a list of links, not prose. */
const LINK_DENSITY = 0.5;

const isElement = (n: ChildNode): n is Element => n.type === 'tag' || n.type === 'script' || n.type === 'style';

function hanCount(text: string): number {
  let n = 0;
  for (const ch of text) if (isHan(ch)) n++;
  return n;
}

function looksLikeAd(el: Element): boolean {
  return AD_MARK.test(`${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`);
}

const INLINE_TAGS = new Set(['a', 'span', 'b', 'strong', 'i', 'em', 'font', 'u', 'sup', 'sub', 'small', 'big', 'mark', 'abbr', 'cite', 'q', 's', 'strike', 'ins', 'del', 'code', 'time', 'label', 'bdi', 'bdo', 'ruby', 'rt', 'rp']);
const isInline = (n: ChildNode) => n.type === 'text' || (isElement(n) && INLINE_TAGS.has(n.name) && !looksLikeAd(n));

/**
 * Han characters an element holds as prose of its own: its paragraph children and its loose
 * text (a repost may set paragraphs as `<p>`s or as text split by `<br>`): the measure of a
 * content container.
 */
function proseScore(el: Element): number {
  return el.children.reduce((n, c) => n + (isInline(c) || (isElement(c) && c.name === 'p') ? hanCount(DomUtils.textContent(c)) : 0), 0);
}

function lineOf(source: string, index: number | null): number {
  return source.slice(0, index ?? 0).split('\n').length;
}

/** Text of nodes with links unwrapped (counted) and `<br>` as a paragraph break. */
function blockText(nodes: ChildNode[], removed: Removal[]): string[] {
  const parts: string[] = [''];
  const walk = (n: ChildNode) => {
    if (n.type === 'text') parts[parts.length - 1] += n.data;
    if (!isElement(n) || SKIP_TAGS.has(n.name)) return;
    if (n.name === 'br') parts.push('');
    if (n.name === 'a' && DomUtils.textContent(n).trim()) tally(removed, n.attribs.rel === 'tag' ? '标签链接（去链接，留文字）' : '关键词广告链接（去链接，留文字）', DomUtils.textContent(n));
    n.children.forEach(walk);
  };
  nodes.forEach(walk);
  return parts.map((p) => p.replace(/\s+/gu, ' ').trim()).filter(Boolean);
}

function linkShare(el: Element): number {
  const all = DomUtils.textContent(el).replace(/\s/gu, '').length;
  const linked = DomUtils.getElementsByTagName('a', el).reduce((n, a) => n + DomUtils.textContent(a).replace(/\s/gu, '').length, 0);
  return all ? linked / all : 0;
}

export function readHtml(source: string, file: string): ReadResult {
  const dom = parseDocument(source, { withStartIndices: true, decodeEntities: true });
  const removed: Removal[] = [];
  const candidates = DomUtils.findAll((el) => !SKIP_TAGS.has(el.name), dom.children);
  const container = candidates.reduce<Element | null>((best, el) => (!best || proseScore(el) > proseScore(best) ? el : best), null);
  if (!container || proseScore(container) === 0) return { blocks: [], removed };

  const blocks: RawBlock[] = [];
  // The nearest heading before the container is the repost's headline.
  const headings = DomUtils.findAll((el) => /^h[1-3]$/u.test(el.name) && (el.startIndex ?? 0) < (container.startIndex ?? 0), dom.children);
  const headline = headings[headings.length - 1];
  // A heading that names a kind of document (…的联合声明) is the document's title; any other
  // (中俄联合声明全文：加强…) is the reposting site's own headline.
  if (headline) {
    const text = DomUtils.textContent(headline).trim();
    const isTitle = DOCUMENT_GENRE.test(text.replace(/\s/gu, '')) && !/[：:|｜]/u.test(text);
    blocks.push({ type: isTitle ? 'title' : 'headline', text, line: lineOf(source, headline.startIndex) });
  }

  const visit = (el: Element) => {
    if (SKIP_TAGS.has(el.name)) return tally(removed, '脚本与嵌入框架', el.name);
    if (looksLikeAd(el)) return tally(removed, '广告位', el.attribs.id ?? el.attribs.class ?? el.name);
    const childBlocks = el.children.filter(isElement).filter((c) => BLOCK_TAGS.has(c.name));
    if (el.name === 'ul' || el.name === 'ol') {
      const items = DomUtils.getElementsByTagName('li', el);
      if (linkShare(el) > LINK_DENSITY) return items.forEach((li) => tally(removed, '他文标题（相关阅读）', DomUtils.textContent(li)));
    }
    if (childBlocks.length && el !== container && childBlocks.length === el.children.filter(isElement).length) return childBlocks.forEach(visit);
    if (el === container) return visitContainer(el);
    const text = DomUtils.textContent(el).trim();
    if (!text) return;
    if (linkShare(el) > LINK_DENSITY) {
      return DomUtils.getElementsByTagName('a', el).forEach((a) => tally(removed, '推广链接', DomUtils.textContent(a)));
    }
    addParagraphs(el.children, el.startIndex);
  };
  const addParagraphs = (nodes: ChildNode[], start: number | null) => {
    const line = lineOf(source, start);
    for (const para of blockText(nodes, removed)) {
      if (SOURCE_LINE.test(para)) tally(removed, '“来源”行', para);
      else blocks.push({ type: 'para', lines: [{ text: para, line }] });
    }
  };
  // The container's loose text and inline elements, up to the next block, are paragraphs too.
  const visitContainer = (el: Element) => {
    let run: ChildNode[] = [];
    const flush = () => { if (run.length) addParagraphs(run, run[0].startIndex); run = []; };
    for (const c of el.children) {
      if (isInline(c) || (isElement(c) && c.name === 'br')) { run.push(c); continue; }
      flush();
      if (isElement(c)) visit(c);
    }
    flush();
  };
  visit(container);

  // Whatever text lies outside the container is navigation, notices and the like.
  for (const el of DomUtils.findAll((e) => ['p', 'li', 'h1', 'h2', 'h3'].includes(e.name), dom.children)) {
    if (el === headline || DomUtils.findOne((x) => x === container, [el]) || isInside(el, container) || isInside(el, headline)) continue;
    if (DomUtils.textContent(el).trim()) tally(removed, '正文以外的导航与告示', DomUtils.textContent(el));
  }
  return { blocks, removed };
}

function isInside(el: Element, ancestor: Element | undefined): boolean {
  for (let p = el.parent; p; p = p.parent) if (p === ancestor) return true;
  return false;
}
