// The document language: every element of a real Markdown file becomes its node, with its place;
// what is not rendered is a warning at its line and column.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics.ts';
import { parseMarkdown } from '../../src/language/index.ts';
import { plainText, readingText, visitBlocks, visitInlines, type Block, type Inline } from '../../src/model/types.ts';
import { ROOT } from '../helpers/paths.ts';

const FIXTURE = join(ROOT, 'test/fixtures/every-element/corpus');

function parse(source: string, firstLine = 1) {
  const warnings: Diagnostic[] = [];
  const blocks = parseMarkdown(source, { file: 'corpus/x.md', firstLine, idPrefix: 'doc-x', warnings });
  return { blocks, warnings };
}

function count(blocks: Block[]) {
  const n: Record<string, number> = {};
  visitBlocks(blocks, (b) => {
    n[b.type] = (n[b.type] ?? 0) + 1;
    const runs: Inline[][] = b.type === 'heading' || b.type === 'para' ? [b.children] : b.type === 'table' ? [...b.head, ...b.rows.flat()] : b.type === 'figure' ? [b.caption] : [];
    for (const r of runs) visitInlines(r, (i) => { n[`inline:${i.type}`] = (n[`inline:${i.type}`] ?? 0) + 1; });
  });
  return n;
}

describe('the document language', () => {
  it('reads every element of an ordinary Markdown chapter into its node', () => {
    const { blocks, warnings } = parse(readFileSync(join(FIXTURE, '01-elements.md'), 'utf8'));
    expect(warnings).toEqual([]);
    const n = count(blocks);
    expect(n).toMatchObject({
      heading: 12, list: 5, quote: 2, code: 1, figure: 4, rule: 1, note: 2,
      'inline:emph': 4, 'inline:strong': 2, 'inline:strike': 1, 'inline:code': 1, 'inline:link': 6,
      'inline:ruby': 1, 'inline:sub': 1, 'inline:sup': 1, 'inline:lang': 1, 'inline:break': 4, 'inline:image': 1, 'inline:noteref': 2,
    });
    const levels = blocks.filter((b) => b.type === 'heading').map((b) => (b as { level: number }).level);
    expect(levels.slice(0, 6)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(new Set(levels)).toEqual(new Set([1, 2, 3, 4, 5, 6]));
    const lists = blocks.filter((b): b is Extract<Block, { type: 'list' }> => b.type === 'list');
    expect(lists.map((l) => [l.ordered, l.start])).toEqual([[false, 1], [true, 3], [false, 1]]);
    expect(lists[2].items.map((i) => i.checked)).toEqual([true, false]);
    // Three levels of nesting inside the first list.
    const nested = lists[0].items[1].blocks.find((b) => b.type === 'list') as Extract<Block, { type: 'list' }>;
    expect(nested.ordered).toBe(true);
    expect(nested.items[1].blocks.some((b) => b.type === 'list')).toBe(true);
    const figures = blocks.filter((b): b is Extract<Block, { type: 'figure' }> => b.type === 'figure');
    expect(figures.map((f) => [f.src, f.alt, plainText(f.caption)])).toEqual([
      ['images/bands.png', '条纹图', '图一　PNG格式的条纹图'],
      ['images/gradient.jpg', '渐变图', '图二　JPEG格式的渐变图'],
      ['images/checks.gif', '方格图', '图三　GIF格式的方格图'],
      ['images/diagram.svg', '示意图', '图四　SVG格式的示意图'],
    ]);
  });

  it('keeps the text whole: no Markdown syntax left as text', () => {
    const { blocks } = parse(readFileSync(join(FIXTURE, '01-elements.md'), 'utf8'));
    const text = readingText(blocks);
    expect(text).toContain('着重的文字');
    expect(text).toContain('床前明月光，疑是地上霜。');
    expect(text).toContain('行háng业');
    expect(text).not.toMatch(/\*\*|~~|\]\(|^#|\[\^|<\/?[a-z]/mu);
  });

  it('gives headings ids from their text, unique in the part', () => {
    const { blocks } = parse('# 总则\n\n## 总则\n\n## Hello, World!\n');
    expect(blocks.map((b) => (b as { id: string }).id)).toEqual(['doc-x-总则', 'doc-x-总则-1', 'doc-x-hello-world']);
  });

  it('reads tables with alignment and pads short rows', () => {
    const { blocks } = parse('| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 |\n');
    const t = blocks[0] as Extract<Block, { type: 'table' }>;
    expect(t.align).toEqual(['left', 'center', 'right']);
    expect(t.rows[0].map(plainText)).toEqual(['1', '2', '']);
  });

  it('places every node in the file as written, front matter counted', () => {
    const { blocks } = parse('段落一\n\n## 标题\n\n  - 项\n', 5);
    expect(blocks.map((b) => [b.pos.line, b.pos.column])).toEqual([[5, 1], [7, 1], [9, 3]]);
  });

  it('warns at its line and column about what it does not render, and keeps the text', () => {
    const source = [
      '正文有公式 $E = mc^2$ 和 <u>下划线</u>。', // 1
      '', // 2
      '::: sidebar', // 3
      '小心', // 4
      ':::', // 5
      '', // 6
      '```mermaid', // 7
      'graph TD', // 8
      '```', // 9
      '', // 10
      '!!! note "提示"', // 11
      '', // 12
      '<details><summary>更多</summary>隐藏的文字</details>', // 13
    ].join('\n');
    const { blocks, warnings } = parse(source, 10);
    const at = warnings.map((w) => `${w.line}:${w.column} ${w.code} ${/\((\w+)\)$/u.exec(w.message)?.[1]}`);
    expect(at).toEqual([
      '10:7 not-rendered math',
      '10:20 not-rendered html',
      '12:1 not-rendered container',
      '16:1 not-rendered mermaid',
      '20:1 not-rendered admonition',
      '22:1 not-rendered html',
    ]);
    for (const w of warnings) expect(w.severity).toBe('warning');
    const text = readingText(blocks);
    for (const kept of ['E=mc^2', '下划线', '小心', 'graphTD', '提示', '更多', '隐藏的文字']) expect(text).toContain(kept);
  });

  it('warns of other tools\' syntax set as written: contents markers, template tags, definition lists; reads ==highlight== and <mark>', () => {
    const source = [
      '[TOC]', // 1
      '', // 2
      '{% include "x.md" %}', // 3
      '提示的文字。', // 4
      '{% endraw %}', // 5
      '', // 6
      '术语', // 7
      ': 定义的文字。', // 8
      '', // 9
      '这是==要点==与<mark>标记</mark>，范围1~3条和第5~7条、a == b 都不是。', // 10
      '', // 11
      '[脚本](javascript:alert(1)) 与 <a href="javascript:x()">链接</a>，[图](data:image/png;base64,AA) 可以。', // 12
    ].join('\n');
    const { blocks, warnings } = parse(source);
    expect(warnings.map((w) => `${w.line}:${w.column} ${/\((\S+)\)$/u.exec(w.message)?.[1]}`)).toEqual(['1:1 toc-marker', '3:1 template-tag', '8:1 definition-list', '12:4 unsafe-link', '12:29 html']);
    expect(count(blocks)['inline:mark']).toBe(2);
    const text = readingText(blocks);
    for (const kept of ['[TOC]', '{%include"x.md"%}', '术语:定义的文字。', '这是要点与标记，范围1~3条和第5~7条、a==b都不是。']) expect(text).toContain(kept);
  });

  it('reads GitBook hints and Hexo notes as admonitions, every place kept; a tag without its pair is left as written', () => {
    const source = ['{% hint style="warning" %}', '小心**这里**。', '{% endhint %}', '', '{% note success %}', '完成。', '{% endnote %}', '', '{% note %}', '没有结尾。'].join('\n');
    const { blocks, warnings } = parse(source);
    expect(blocks.map((b) => b.type)).toEqual(['quote', 'quote', 'para']);
    expect(blocks.slice(0, 2).map((b) => readingText([b]))).toEqual(['警告小心这里。', '完成完成。']);
    expect(blocks.map((b) => b.pos.line)).toEqual([1, 5, 9]);
    expect(warnings.map((w) => `${w.line}:${w.column} ${/\((\S+)\)$/u.exec(w.message)?.[1]}`)).toEqual(['9:1 template-tag']);
  });

  it('names an admonition or a GitHub alert in the language of the text', () => {
    const names = (lang: string) => parseMarkdown('::: warning\n小心。\n:::\n\n> [!TIP]\n> 好。\n', { file: 'corpus/x.md', idPrefix: 'doc-x', lang }).map((b) => readingText([b]));
    expect(names('zh-Hans')).toEqual(['警告小心。', '提示好。']);
    expect(names('zh-Hant')).toEqual(['警告小心。', '提示好。']);
    expect(names('en')).toEqual(['Warning小心。', 'Tip好。']);
    expect(names('ja')).toEqual(['警告小心。', 'ヒント好。']);
    expect(parseMarkdown('::: danger\n险。\n:::\n', { file: 'corpus/x.md', idPrefix: 'doc-x', lang: 'zh-Hant' }).map((b) => readingText([b]))).toEqual(['危險险。']);
  });

  it('reads ruby with several pairs and drops the fallback parentheses', () => {
    const { blocks } = parse('<ruby>漢<rp>(</rp><rt>hàn</rt><rp>)</rp>字<rt>zì</rt></ruby>');
    const ruby = (blocks[0] as { children: Inline[] }).children;
    expect(ruby).toEqual([
      { type: 'ruby', children: [{ type: 'text', text: '漢' }], annotation: 'hàn' },
      { type: 'ruby', children: [{ type: 'text', text: '字' }], annotation: 'zì' },
    ]);
  });

  it('prints template syntax in a body as written', () => {
    const { blocks } = parse('价格 {{ price }} 与 {% if x %} 照录。');
    expect(plainText((blocks[0] as { children: Inline[] }).children)).toBe('价格 {{ price }} 与 {% if x %} 照录。');
  });

  it('leaves a script or a style sheet out with its content, and says so; keeps the text of other HTML blocks', () => {
    const { blocks, warnings } = parse('<script>alert("不是正文")</script>\n\n<style>p { color: red }</style>\n\n<div>是正文</div>\n');
    expect(readingText(blocks)).toBe('是正文');
    expect(warnings.map((w) => `${w.line}:${w.column} ${w.message}`)).toEqual([
      '1:1 HTML <script> is left out with its content: code or styles, not text of the book (html)',
      '3:1 HTML <style> is left out with its content: code or styles, not text of the book (html)',
      '5:1 HTML block <div> is not rendered; its text is kept (html)',
    ]);
  });

  it('sets admonitions of other tools (`::: tip`, `::: warning 标题`) as quotations led by their name, as GitHub alerts', () => {
    const { blocks, warnings } = parse(':::tip\n按住再松开。\n:::\n\n::: warning 小心\n- 一\n:::\n\n> [!NOTE]\n> 备注。\n');
    expect(warnings).toEqual([]);
    expect(blocks.map((b) => b.type)).toEqual(['quote', 'quote', 'quote']);
    const lead = (b: Block) => { const q = b as { children: Block[] }; return plainText((q.children[0] as { children: Inline[] }).children); };
    expect(blocks.map(lead)).toEqual(['提示　按住再松开。', '小心', '注　备注。']);
    expect(readingText(blocks)).toContain('一');
  });
});
