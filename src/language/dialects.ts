// Syntax of other Markdown dialects that the language does not render: found in the text where
// it would otherwise pass as plain characters, and reported (the text itself is kept).

export interface Dialect {
  id: string;
  /** Where it starts in a paragraph's source text, or -1. */
  find: (text: string) => number;
  message: string;
  hint: string;
}

/** TeX math between dollars or \( \), as many Markdown renderers take it: `$x^2$`, `$$…$$`. */
const MATH = /\$\$[^$]+\$\$|\$[^$\s](?:[^$\n]*[^$\s])?\$|\\\(.+?\\\)|\\\[.+?\\\]/su;
const TEX = /[\\^_{}]/u;

export const DIALECTS: Dialect[] = [
  {
    id: 'math',
    find: (t) => { const m = MATH.exec(t); return m && TEX.test(m[0]) ? m.index : -1; },
    message: 'TeX math is not rendered; it is set as written',
    hint: 'write the formula as text (x², H₂O) or as an image',
  },
  {
    id: 'admonition',
    find: (t) => t.search(/^(?:!!!|\?\?\?\+?) ?[a-z]+/mu),
    message: 'an admonition (`!!! note`) is not rendered; its text is set as a paragraph',
    hint: 'use a block quote (> **注意**：…) instead',
  },
  {
    id: 'mdx',
    find: (t) => t.search(/^(?:import|export)\s.+\sfrom\s+['"][^'"]+['"];?$/mu),
    message: 'an MDX import or export is not rendered; it is set as text',
    hint: 'remove it: MDX components are not part of Markdown',
  },
  {
    id: 'unsafe-link',
    find: (t) => t.search(/\]\(\s*<?\s*(?:javascript|vbscript|file|data):(?!image\/(?:gif|png|jpeg|webp);)/iu),
    message: 'a link to a script, a local file or data is not made (a reader would run or open it); it is set as written',
    hint: 'link to a full address (https://…) or to a document of the book',
  },
  {
    id: 'toc-marker',
    find: (t) => t.search(/^(?:\[TOC\]|\[\[_?TOC_?\]\]|\$\{toc\}|\{:toc\}|<!-- ?toc ?-->)$/imu),
    message: 'a table-of-contents marker of another tool is not rendered; it is set as written',
    hint: 'remove it: the book makes its own contents (parts and toc_depth in the edition file)',
  },
  {
    id: 'template-tag',
    find: (t) => t.search(/\{%-?\s*[a-z]\w*.*?%\}/u),
    message: 'a template tag of another tool ({% … %}: Jekyll, Hexo, GitBook) is not rendered; it is set as written',
    hint: 'write it in Markdown: a hint or note as a quotation (> **提示**：…) or `::: tip`, an include as the text itself',
  },
  {
    id: 'definition-list',
    find: (t) => { const m = /\n(?::|~)[ \t]+\S/u.exec(t); return m ? m.index + 1 : -1; },
    message: 'a definition list (a term, then `: its definition`) is not rendered; it is set as one paragraph',
    hint: 'write the term in bold at the head of its paragraph (**术语**：定义), or use a list',
  },
  {
    id: 'wikilink',
    find: (t) => t.search(/\[\[[^\]\n]+\]\]/u),
    message: 'a wiki link ([[…]]) is not rendered; it is set as written',
    hint: 'write a Markdown link: [text](other.md)',
  },
];
