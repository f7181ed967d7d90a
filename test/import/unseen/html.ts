// Unseen HTML reposts made from the corpus text, in layouts unlike the repost among the seeds:
// section numerals as centred bold paragraphs or as <h3>, paragraphs as <p>, as <div>s or as text
// split by <br>, and the boilerplate of ordinary news sites around and inside the article:
// navigation, a breadcrumb, a sidebar of headlines, share bars, tag links and a tag cloud, an
// advertising block in the middle of the text, an editor's line, related articles, comments, a
// footer.
import { random } from './ocr.ts';

export interface RepostStyle {
  layout: 'centred-numerals' | 'h3-numerals' | 'div-br' | 'table';
  title: string;
  seed: number;
}

const esc = (s: string) => s.replace(/&/gu, '&amp;').replace(/</gu, '&lt;');

const NAV = `<div id="topnav"><ul class="menu"><li><a href="/">首页</a></li><li><a href="/news">新闻</a></li><li><a href="/world">国际</a></li><li><a href="/china">国内</a></li><li><a href="/opinion">评论</a></li></ul></div>
<div class="crumbs">当前位置：<a href="/">首页</a> &gt; <a href="/world">国际</a> &gt; 正文</div>`;
const SIDEBAR = `<div class="sidebar"><h3>热门文章</h3><ul><li><a href="/a/1.html">外交部发言人答记者问</a></li><li><a href="/a/2.html">国际油价周五收跌，布伦特原油期货下跌百分之二</a></li><li><a href="/a/3.html">多国专家学者热议全球治理改革方向</a></li><li><a href="/a/4.html">今年前十个月进出口总值同比增长</a></li></ul></div>`;
const SHARE = `<div class="share-bar">分享到：<a href="#">微信</a> <a href="#">微博</a> <a href="#">QQ空间</a></div>`;
const AD = `<div class="gg-box"><a href="https://ads.example.com/click?id=1"><img src="/ad.png" alt="广告"></a><p>限时优惠：立即下载新闻客户端，领取会员权益</p></div>`;
const TAGS = `<div class="article-tags">标签：<a href="/tag/zhong-e" rel="tag">中俄</a> <a href="/tag/lianhe-shengming" rel="tag">联合声明</a> <a href="/tag/waijiao" rel="tag">外交</a></div>`;
const RELATED = `<div class="related"><h4>相关阅读</h4><ul><li><a href="/a/5.html">两国元首举行会谈</a></li><li><a href="/a/6.html">联合声明全文发布</a></li><li><a href="/a/7.html">专家解读双边关系新定位</a></li></ul></div>`;
const COMMENTS = `<div id="comments"><h4>网友评论</h4><div class="comment"><p>这篇文章写得很好，支持！</p></div><div class="comment"><p>希望两国合作越来越好，造福两国人民。</p></div></div>`;
const FOOTER = `<div class="foot">关于我们 | 联系我们 | 广告服务 | 版权声明<br>Copyright © 2025 某某新闻网 版权所有 京ICP备00000000号</div>`;
const KEYWORDS = ['中俄', '双方', '合作', '国际'];

/** Wraps a few of the article's words in tag links, as reposting sites do. */
function tagLinks(text: string, rnd: () => number): string {
  let out = esc(text);
  for (const k of KEYWORDS) {
    if (rnd() < 0.3) out = out.replace(k, `<a href="/tag/${encodeURIComponent(k)}" class="keyword">${k}</a>`);
  }
  return out;
}

function numeral(n: string, style: RepostStyle): string {
  if (style.layout === 'centred-numerals') return `<p style="text-align:center"><strong>${n}</strong></p>`;
  if (style.layout === 'h3-numerals') return `<h3>${n}</h3>`;
  if (style.layout === 'table') return `<p align="center"><font face="黑体"><b>${n}、</b></font></p>`;
  return `<div class="para" align="center"><b>${n}</b></div>`;
}

/** A repost page of the units of a document body (`## 一` headings, paragraphs). */
export function repostPage(units: string[], style: RepostStyle): string {
  const rnd = random(style.seed);
  const body: string[] = [];
  units.forEach((u, i) => {
    if (u.startsWith('## ')) { body.push(numeral(u.slice(3), style)); return; }
    const text = tagLinks(u, rnd);
    if (style.layout === 'div-br') body.push(`${text}<br><br>`);
    else if (style.layout === 'table') body.push(`<p><font size="3">\u3000\u3000${text}</font></p>`);
    else body.push(`<p>${text}</p>`);
    if (i === Math.floor(units.length / 2)) body.push(AD);
  });
  const article = style.layout === 'div-br'
    ? `<div class="content" id="artibody">${body.join('\n')}</div>`
    : style.layout === 'table'
      ? `<table width="100%"><tr><td class="c1">${SHARE}</td></tr><tr><td>\n${body.join('\n')}\n</td></tr></table>`
      : `<div class="article-body">\n${body.join('\n')}\n</div>`;
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>${esc(style.title)}_国际_某某新闻网</title><script>var _hmt = _hmt || [];</script></head>
<body>
${NAV}
<div class="main"><div class="left">
<h1 class="art-title">${esc(style.title)}</h1>
<div class="info">2025-05-09 08:30 来源：新华社 作者：本网编辑</div>
${SHARE}
${article}
<p class="editor">（责任编辑：王某）</p>
${TAGS}
${RELATED}
${COMMENTS}
</div>
${SIDEBAR}
</div>
${FOOTER}
</body></html>
`;
}
