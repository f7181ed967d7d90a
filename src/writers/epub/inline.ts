// Inline runs of the document model → XHTML. Emphasis follows clreq: Han text takes emphasis
// dots (CSS text-emphasis on <em>), Latin text inside it is wrapped in <span class="latin"> and
// set in the italic face instead, since dots under Latin letters are not how Latin emphasises.
import { plainText, type Inline } from '../../model/types.ts';
import { escapeXml, linkHref, type RenderContext } from './context.ts';
import { phrased, tidyBrackets } from './phrased.ts';

/** A run of non-Chinese characters that holds at least one Latin, Greek or Cyrillic letter. */
const LATIN_RUN = /[^\p{Script=Han}\u3000-\u303F\uFF01-\uFF65\u2014\u2026\u2018\u2019\u201C\u201D\u00B7\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]*[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}][^\p{Script=Han}\u3000-\u303F\uFF01-\uFF65\u2014\u2026\u2018\u2019\u201C\u201D\u00B7\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]*/gu;

/** Emphasised text: Latin runs in italic spans, the rest (Han, digits, punctuation) left for the dots. */
export function emphText(text: string): string {
  let out = '';
  let at = 0;
  for (const m of text.matchAll(LATIN_RUN)) {
    out += escapeXml(text.slice(at, m.index)) + `<span class="latin">${escapeXml(m[0])}</span>`;
    at = m.index + m[0].length;
  }
  return out + escapeXml(text.slice(at));
}

/** An image this short is a glyph or an icon in the line (a rare character, a badge): set at the text's height. */
const GLYPH_HEIGHT = 128;

function image(i: Extract<Inline, { type: 'image' }>, ctx: RenderContext): string {
  const img = ctx.image(i.src);
  if (!img) {
    ctx.warnAt(`image ${i.src} is not in the book; its alt text is set instead`, 'check the image path');
    return `<span class="stand-in">${escapeXml(i.alt)}</span>`;
  }
  const title = i.title ? ` title="${escapeXml(i.title)}"` : '';
  const cls = img.height <= GLYPH_HEIGHT ? 'inline glyph' : 'inline';
  return `<img class="${cls}" src="${img.href}" alt="${escapeXml(i.alt)}"${title}/>`;
}

function noteref(i: Extract<Inline, { type: 'noteref' }>, ctx: RenderContext): string {
  // A note referred to twice gets a second anchor id; its back link returns to the first.
  const n = ctx.noteRefs.get(i.note) ?? 0;
  ctx.noteRefs.set(i.note, n + 1);
  const id = n ? `${i.note}-ref-${n + 1}` : `${i.note}-ref`;
  return `<a epub:type="noteref" role="doc-noteref" class="noteref" id="${id}" href="#${i.note}">${escapeXml(i.label)}</a>`;
}

function link(i: Extract<Inline, { type: 'link' }>, ctx: RenderContext, inEmph: boolean): string {
  const { href, problem } = linkHref(i.href, i.target, ctx);
  if (problem) ctx.warnAt(problem, href ? 'the EPUB links to the start of the document' : 'the EPUB sets the link text without a link; link to a document of the book or to a full address (https://…)');
  const text = inlines(i.children, ctx, inEmph);
  if (!href) return `<span class="link">${text}</span>`;
  const title = i.title ? ` title="${escapeXml(i.title)}"` : '';
  // An address written out (an autolink) may break anywhere, so it does not leave a gap.
  const url = /^[a-z][a-z0-9+.-]*:\S+$/iu.test(plainText(i.children));
  const external = i.target ? '' : ` class="external${url ? ' url' : ''}"`;
  return `<a href="${escapeXml(href)}"${title}${external}>${text}</a>`;
}

/**
 * An apparatus lemma: a small linked mark (drawn by CSS, no text of its own) that leads to its
 * entry, the entry linking back to it; without an entry, an invisible target.
 */
function anchor(i: Extract<Inline, { type: 'anchor' }>, ctx: RenderContext): string {
  const id = escapeXml(i.id);
  const back = i.target ? linkHref('', i.target, ctx).href : undefined;
  if (!back) return `<a id="${id}"></a>`;
  return `<a class="lemma" id="${id}" href="${escapeXml(back)}" role="doc-noteref" aria-label="${ctx.labels.apparatusEntry}"></a>`;
}

/** A reference to a place by page and line: on screen, a link to the place showing its fallback text. */
function lineref(i: Extract<Inline, { type: 'lineref' }>, ctx: RenderContext, inEmph: boolean): string {
  const id = i.id ? ` id="${escapeXml(i.id)}"` : '';
  const href = i.target ? linkHref(`#${i.anchor}`, i.target, ctx).href : undefined;
  const text = inlines(i.children, ctx, inEmph);
  return href ? `<a class="lineref"${id} href="${escapeXml(href)}">${text}</a>` : `<span class="lineref"${id}>${text}</span>`;
}

function inline(i: Inline, ctx: RenderContext, inEmph: boolean): string {
  const kids = (list: Inline[], emph = inEmph) => inlines(list, ctx, emph);
  switch (i.type) {
    case 'text': return inEmph ? emphText(tidyBrackets(i.text)) : ctx.display ? phrased(i.text) : escapeXml(tidyBrackets(i.text));
    case 'break': return '<br/>';
    case 'emph': return `<em>${kids(i.children, true)}</em>`;
    case 'strong': return `<strong>${kids(i.children)}</strong>`;
    case 'strike': return `<del>${kids(i.children)}</del>`;
    case 'mark': return `<mark>${kids(i.children)}</mark>`;
    case 'code': return `<code>${escapeXml(i.text)}</code>`;
    case 'link': return link(i, ctx, inEmph);
    case 'image': return image(i, ctx);
    case 'noteref': return noteref(i, ctx);
    // No <rp>: EPUBCheck discourages it (HTM-055); a reader without ruby sets the annotation small after its base (rt in style.css).
    case 'ruby': return `<ruby>${kids(i.children)}<rt>${escapeXml(i.annotation)}</rt></ruby>`;
    case 'sup': return `<sup>${kids(i.children)}</sup>`;
    case 'sub': return `<sub>${kids(i.children)}</sub>`;
    case 'lang': return `<span lang="${escapeXml(i.lang)}" xml:lang="${escapeXml(i.lang)}">${kids(i.children)}</span>`;
    case 'anchor': return anchor(i, ctx);
    case 'lineref': return lineref(i, ctx, inEmph);
  }
}

export function inlines(list: Inline[], ctx: RenderContext, inEmph = false): string {
  return list.map((i) => inline(i, ctx, inEmph)).join('');
}
