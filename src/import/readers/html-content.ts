// What in an HTML page is the article, and what is not, decided by content (after Readability,
// Mozilla's reader view): a paragraph scores by its Han text and clause marks, a container by the
// paragraphs it holds, links count against prose, and the usual names sites give their
// navigation, sharing, comment and advertising blocks count against a block. Inside the article,
// blocks are boilerplate by what they say (share bars, tag lists, editor lines, promotions) or by
// what they are (a picture in a link, a list of links).
import { DomUtils } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';
import { isHan } from '../../cjk/chars.ts';

export const SKIP_TAGS = new Set(['script', 'style', 'noscript', 'iframe', 'form', 'nav', 'header', 'footer', 'aside', 'button', 'select', 'svg']);
export const INLINE_TAGS = new Set(['a', 'span', 'b', 'strong', 'i', 'em', 'font', 'u', 'sup', 'sub', 'small', 'big', 'mark', 'abbr', 'cite', 'q', 's', 'strike', 'ins', 'del', 'code', 'time', 'label', 'bdi', 'bdo', 'ruby', 'rt', 'rp', 'img']);

/** Class and id words of blocks that are not the article (Readability's "unlikely candidates", and advertising). */
const UNLIKELY = /(^|[\s_-])(ad|ads|adslot|advert\w*|banner\w*|sponsor\w*|taboola\w*|promo\w*|gg|guanggao|share\w*|social|comment\w*|reply|replies|related|recommend\w*|sidebar|side|footer|foot|header|menu|nav\w*|breadcrumbs?|crumbs?|pager|pagination|popup|tags?|keywords?|hot|rank\w*)($|[\s_-])|ADSLOT/iu;
/** Class and id words of the article itself. */
const LIKELY = /(^|[\s_-])(article|content|entry|post|text|body|main|story|artibody|zw|detail)($|[\s_-])/iu;

/** Lines a news site adds to an article: sharing, tags, editors, sources, navigation, promotions. */
const BOILERPLATE_TEXT = /^[\s（(【]*(分享到|分享|标签|关键词|tags?|相关阅读|相关新闻|延伸阅读|推荐阅读|热门文章|责任编辑|编辑|作者|来源|稿源|出处|点击|扫码|扫一扫|关注|上一篇|下一篇|返回|打印|关闭|网友评论|发表评论|评论|举报|版权)\s*[：:|]?/iu;
const PROMOTION = /下载.{0,8}(客户端|APP|App|app)|限时|优惠|领取|会员权益|扫码|关注(我们|公众号)|翻墙|禁闻/u;

export const isElement = (n: ChildNode): n is Element => n.type === 'tag' || n.type === 'script' || n.type === 'style';

export function hanCount(text: string): number {
  let n = 0;
  for (const ch of text) if (isHan(ch)) n++;
  return n;
}

function names(el: Element): string {
  return `${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`;
}

/** Whether a block is named as navigation, sharing, comments or advertising, and not as the article. */
export function unlikely(el: Element): boolean {
  const n = names(el);
  return UNLIKELY.test(n) && !LIKELY.test(n);
}

const AD_NAME = /(^|[\s_-])(ad|ads|adslot|advert\w*|banner\w*|sponsor\w*|taboola\w*|promo\w*|gg)($|[\s_-])|ADSLOT/iu;

/** Whether a block is named as advertising. */
export const adNamed = (el: Element) => AD_NAME.test(names(el));

/** Text, or an inline element that is not an advertisement (a keyword or tag link keeps its text). */
export const isInline = (n: ChildNode) => n.type === 'text' || (isElement(n) && INLINE_TAGS.has(n.name) && !adNamed(n));

/** Share of a block's text inside links. */
export function linkShare(el: Element): number {
  const all = DomUtils.textContent(el).replace(/\s/gu, '').length;
  const linked = DomUtils.getElementsByTagName('a', el).reduce((n, a) => n + DomUtils.textContent(a).replace(/\s/gu, '').length, 0);
  return all ? linked / all : 0;
}

/** Whether an element holds only inline content: a paragraph, whatever its tag. */
export function paragraphLike(el: Element): boolean {
  return el.name === 'p' || (['div', 'section', 'td', 'li', 'blockquote'].includes(el.name) && el.children.every((c) => isInline(c) || (isElement(c) && c.name === 'br')));
}

/**
 * A paragraph's worth as article text: its Han characters and clause marks, less its linked
 * text. Readability scores commas; Chinese prose is recognised by its 、，；。.
 */
function paragraphScore(nodes: ChildNode[]): number {
  const text = nodes.map((n) => DomUtils.textContent(n)).join('');
  const han = hanCount(text);
  if (han < 10) return 0;
  const linked = nodes.reduce((n, c) => n + (isElement(c) ? DomUtils.getElementsByTagName('a', c, true).reduce((m, a) => m + hanCount(DomUtils.textContent(a)), 0) + (c.name === 'a' ? hanCount(DomUtils.textContent(c)) : 0) : 0), 0);
  const marks = (text.match(/[，、；。：]/gu) ?? []).length;
  return Math.max(0, han - 2 * linked) * (1 + Math.min(marks, 20) / 20);
}

/** A container's score: the paragraphs it holds directly (elements, or loose text between them), weighed by its names. */
export function containerScore(el: Element): number {
  if (SKIP_TAGS.has(el.name)) return 0;
  let score = 0;
  let loose: ChildNode[] = [];
  const flush = () => { score += paragraphScore(loose); loose = []; };
  for (const c of el.children) {
    if (isInline(c)) { loose.push(c); continue; }
    flush();
    if (isElement(c) && paragraphLike(c) && !unlikely(c)) score += paragraphScore(c.children);
  }
  flush();
  const n = names(el);
  const weight = (LIKELY.test(n) ? 1.25 : 1) * (unlikely(el) ? 0.25 : 1);
  return score * weight;
}

/** Why a block inside the article is not part of it, or undefined if it is. */
export function boilerplate(el: Element): string | undefined {
  const text = DomUtils.textContent(el).trim();
  if (unlikely(el)) return adNamed(el) ? '广告位' : '正文以外的导航与告示';
  const imageLink = DomUtils.getElementsByTagName('a', el).some((a) => DomUtils.getElementsByTagName('img', a).length > 0);
  if (PROMOTION.test(text) && (imageLink || hanCount(text) < 60)) return '广告位';
  if (imageLink && hanCount(text) < 40) return '广告位';
  if (BOILERPLATE_TEXT.test(text) && hanCount(text) < 60) return '正文以外的导航与告示';
  return undefined;
}
