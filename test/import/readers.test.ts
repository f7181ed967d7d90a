import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readOcr } from '../../src/import/readers/ocr.ts';
import { readHtml } from '../../src/import/readers/html.ts';
import { readMarkdown } from '../../src/import/readers/markdown.ts';
import { readText } from '../../src/import/readers/text.ts';
import { documentsOf } from '../../src/import/structure.ts';
import { loadCorpus } from '../../src/corpus/load.ts';
import { CORPUS, SEED } from '../helpers/paths.ts';
import { ocrPage, wrap } from '../helpers/wrap.ts';

const corpus = loadCorpus(CORPUS);
const units = (id: string) => corpus.find((d) => d.front.id === id)!.body.split('\n').filter((l) => l.trim());
const paragraphs = corpus.flatMap((d) => d.body.split('\n').filter((l) => l.trim() && !l.startsWith('#')));
const bodyOf = (doc: ReturnType<typeof documentsOf>[number]) => doc.body.map((u) => (u.type === 'heading' ? `## ${u.numeral}` : u.text));

describe('OCR reader', () => {
  it('gives a clean paragraph back after re-wrapping it at any column width', () => {
    // Every paragraph of the corpus, at every width from 6 to 40 ems, with and without blank lines.
    let cases = 0;
    for (const p of paragraphs) {
      for (let width = 6; width <= 40; width++) {
        for (const blanks of [false, true]) {
          const page = wrap(p, width, 2).join(blanks ? '\n\n' : '\n');
          expect(documentsOf(readOcr(page, 'page.txt').blocks).flatMap(bodyOf), `width ${width}`).toEqual([p]);
          cases++;
        }
      }
    }
    expect(cases).toBeGreaterThan(15000);
  });

  it('gives random text back after re-wrapping it (property)', () => {
    const han = fc.constantFrom(...'中华人民共和国俄罗斯联邦双方关于新时代合作发展'.split(''));
    const mark = fc.constantFrom('，', '。', '、', '；', '：', '“', '”', '《', '》', '——', '2023', 'AUKUS');
    const paragraph = fc.array(fc.oneof({ weight: 6, arbitrary: han }, { weight: 1, arbitrary: mark }), { minLength: 4, maxLength: 300 })
      .map((a) => `${a.join('')}。`).filter((p) => !/^[，。、；：”》]/u.test(p))
      // A dash leading a line after a sentence end is read as a new item (——…；), by design.
      .filter((p) => !/[。！？；：]——/u.test(p));
    fc.assert(fc.property(paragraph, fc.integer({ min: 6, max: 40 }), (p, width) => {
      const got = documentsOf(readOcr(wrap(p, width, 2).join('\n'), 'page.txt').blocks).flatMap(bodyOf);
      expect(got).toEqual([p]);
    }), { numRuns: 500 });
  });

  it('reads an unseen page set in another column width, without blank lines', () => {
    for (const [id, width] of [['2025-05-08-international-law', 23], ['2023-03-21-deepening-partnership', 26], ['2025-05-08-moscow-joint-statement', 15]] as const) {
      const expected = units(id);
      const docs = documentsOf(readOcr(ocrPage(expected, width), 'unseen.txt').blocks);
      const got = docs.flatMap(bodyOf);
      const found = expected.filter((u) => got.includes(u)).length;
      // Paragraphing of print is inferred from line lengths: where a paragraph ends flush with the
      // column and the next line's indent is hidden by a digit run that did not fit, nothing on
      // the page shows the break. Text is always exact; paragraphs nearly always.
      expect(got.join('')).toBe(expected.join(''));
      expect(found / expected.length).toBeGreaterThanOrEqual(0.98);
    }
  });

  it('splits the 2025 page into its three documents with their continuation gaps', () => {
    const docs = documentsOf(readOcr(readFileSync(SEED.page2025, 'utf8'), 'p').blocks);
    expect(docs.map((d) => d.title?.text ?? null)).toEqual([
      '中华人民共和国和俄罗斯联邦关于全球战略稳定的联合声明',
      '中华人民共和国和俄罗斯联邦关于进一步加强合作维护国际法权威的联合声明',
      null,
    ]);
    expect(docs.map((d) => d.gaps.map((g) => `${g.at}:${g.page}`))).toEqual([['end:四'], ['end:四'], ['start:二']]);
    expect(docs[2]).toMatchObject({ date: '2025-05-08', place: '莫斯科', dateline: { text: '新华社莫斯科5月8日电' } });
    expect(docs[2].signatories).toEqual([{ office: '中华人民共和国主席', name: '习近平' }, { office: '俄罗斯联邦总统', name: '弗·弗·普京' }]);
  });

  it('does not take a body line that OCR spaced out for a title', () => {
    const docs = documentsOf(readOcr(readFileSync(SEED.ocr2023, 'utf8'), 'o').blocks);
    expect(docs).toHaveLength(1);
    expect(bodyOf(docs[0]).some((u) => u.startsWith('双方同意加强涉外法治和立法经验交流，'))).toBe(true);
  });
});

describe('HTML reader', () => {
  it('extracts only the text from an unseen repost with other boilerplate', () => {
    const paras = units('2023-03-21-deepening-partnership').filter((u) => !u.startsWith('#')).slice(0, 12);
    const linked = paras.map((p, i) => (i % 3 === 0 ? p.replace('双方', '<a href="/tag/x" rel="tag">双方</a>') : p));
    const page = `<!doctype html><html><head><title>转载</title><script>var ad = 1;</script></head><body>
      <nav><ul><li><a href="/">首页</a></li><li><a href="/news">新闻</a></li></ul></nav>
      <div class="sidebar"><p>热门文章：<a href="/a">某某新闻标题一则</a><a href="/b">另一则标题</a></p></div>
      <h1>网站自拟的转载标题</h1>
      <article id="post">
        ${linked.map((p) => `<p>${p}</p>`).join('\n')}
        <p class="source">来源：某通讯社</p>
        <div class="ad-banner"><a href="/buy">立即购买优惠商品</a></div>
        <ul class="related"><li><a href="/x">相关阅读：别的新闻一</a></li><li><a href="/y">相关阅读：别的新闻二</a></li></ul>
      </article>
      <footer><p>版权所有 © 某网站</p></footer></body></html>`;
    const r = readHtml(page, 'repost.html');
    const docs = documentsOf(r.blocks);
    expect(docs.flatMap(bodyOf)).toEqual(paras);
    expect(docs[0].headline?.text).toBe('网站自拟的转载标题');
    const removed = Object.fromEntries(r.removed.map((x) => [x.what, x.count]));
    expect(removed['“来源”行']).toBe(1);
    expect(removed['他文标题（相关阅读）']).toBe(2);
    expect(removed['标签链接（去链接，留文字）']).toBe(linked.filter((p) => p.includes('rel="tag"')).length);
  });

  it('keeps the text of tag links in the seed repost and drops everything around it', () => {
    const r = readHtml(readFileSync(SEED.html2023, 'utf8'), 'h');
    const text = documentsOf(r.blocks).flatMap(bodyOf).join('\n');
    expect(text).toContain('增进两国学生交流');
    for (const junk of ['翻墙', '来源：', 'AuctionX', 'http', '<', '习近平透露李强']) expect(text).not.toContain(junk);
  });
});

describe('web text and Markdown readers', () => {
  it('reads the title, keeps paragraphs and drops the truncated tag of the web text', () => {
    const r = readText(readFileSync(SEED.web2023, 'utf8'), 'w');
    const [doc] = documentsOf(r.blocks);
    expect(doc.title?.text).toBe('中华人民共和国和俄罗斯联邦关于深化新时代全面战略协作伙伴关系的联合声明');
    expect(bodyOf(doc).at(-1)).toMatch(/作出重要贡献。$/u);
    expect(r.removed[0]).toMatchObject({ count: 1, examples: ['</'] });
  });

  it('reads the Markdown witness: page mark as a gap, half-width punctuation made full-width', () => {
    const [doc] = documentsOf(readMarkdown(readFileSync(SEED.md2024, 'utf8'), 'm').blocks);
    expect(doc.gaps).toEqual([{ at: 'start', mark: '(上接第2版)', page: '2', line: 5 }]);
    expect(doc).toMatchObject({ date: '2024-05-16', place: '北京', dateline: { text: '新华社北京5月16日电' } });
    const text = bodyOf(doc).join('\n');
    expect(text).toContain('拉美和加勒比国家共同体（CELAC）、南方共同市场（MERCOSUR）');
    expect(text).not.toMatch(/[,:;()]/u);
  });
});

describe('HTML reader on a repost without paragraph elements', () => {
  it('takes text split by <br> inside the content element as paragraphs, and drops what sits between', () => {
    const paras = loadCorpus(CORPUS).find((d) => d.front.id === '2024-05-16-75th-anniversary')!.body.split('\n').filter((l) => l.trim() && !l.startsWith('#')).slice(0, 6);
    const page = `<html><body><div id="menu"><a href="/">首页</a> | <a href="/world">国际</a></div>
      <div class="article-body"><font size="3">${paras.slice(0, 3).join('<br><br>\n')}</font><br><br>
      <div class="sponsor-box"><a href="/ad">广告：点击领取优惠</a></div>
      ${paras.slice(3).map((p) => `<span>${p}</span>`).join('<br/><br/>')}
      <br><br>来源：某某网</div><div class="footer">© 某某网</div></body></html>`;
    const r = readHtml(page, 'br-repost.html');
    expect(documentsOf(r.blocks).flatMap(bodyOf)).toEqual(paras);
    const removed = Object.fromEntries(r.removed.map((x) => [x.what, x.count]));
    expect(removed['广告位']).toBe(1);
    expect(removed['“来源”行']).toBe(1);
  });
});

describe('OCR reader on a page that keeps its indents', () => {
  it('takes leading ideographic spaces as paragraph starts, even where the line lengths say nothing', () => {
    const expected = units('2025-05-08-moscow-joint-statement');
    // Every first line indented with two ideographic spaces, the column 24 ems, no blank lines.
    const page = expected.map((u) => (u.startsWith('## ') ? u.slice(3) : wrap(u, 24, 2).map((l, i) => (i === 0 ? `\u3000\u3000${l}` : l)).join('\n'))).join('\n');
    const got = documentsOf(readOcr(page, 'indented.txt').blocks).flatMap(bodyOf);
    expect(got).toEqual(expected);
  });
});

describe('OCR reader and titles set without letter-spacing', () => {
  it('recognises a two-line title at the top of a page and another after a continuation mark', () => {
    const law = units('2025-05-08-international-law');
    const stability = units('2025-05-08-global-strategic-stability');
    const page = [
      '中华人民共和国和俄罗斯联邦关于进一步加强合作', '维护国际法权威的联合声明', ocrPage(law, 20).trim(),
      '（下转第四版）',
      '中华人民共和国和俄罗斯联邦关于全球战略稳定的联合声明', ocrPage(stability, 20).trim(),
    ].join('\n');
    const docs = documentsOf(readOcr(page, 'plain-titles.txt').blocks);
    expect(docs.map((d) => d.title?.text)).toEqual(['中华人民共和国和俄罗斯联邦关于进一步加强合作维护国际法权威的联合声明', '中华人民共和国和俄罗斯联邦关于全球战略稳定的联合声明']);
    expect(docs.map((d) => bodyOf(d).join(''))).toEqual([law.join(''), stability.join('')]);
  });
});

describe('HTML reader and headings', () => {
  it('takes a heading that names a kind of document as the title, a site headline as a headline', () => {
    const body = '<div class="content"><p>双方将继续密切协作，推动上海合作组织发挥更大作用。</p><p>双方将加强在东亚峰会框架下的协调。</p></div>';
    const titled = documentsOf(readHtml(`<h1>中华人民共和国和俄罗斯联邦联合声明</h1>${body}`, 'a.html').blocks)[0];
    expect(titled.title?.text).toBe('中华人民共和国和俄罗斯联邦联合声明');
    const headlined = documentsOf(readHtml(`<h2>中俄联合声明全文：加强全面战略协作伙伴关系</h2>${body}`, 'b.html').blocks)[0];
    expect([headlined.title, headlined.headline?.text]).toEqual([undefined, '中俄联合声明全文：加强全面战略协作伙伴关系']);
  });
});
