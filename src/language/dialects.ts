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
    id: 'wikilink',
    find: (t) => t.search(/\[\[[^\]\n]+\]\]/u),
    message: 'a wiki link ([[…]]) is not rendered; it is set as written',
    hint: 'write a Markdown link: [text](other.md)',
  },
];
