// @font-face rules for every face of the book's font set, and the font stacks the stylesheet
// uses, made from the faces present: the body in the CJK serif, Latin emphasis in the italic
// face, code in the monospace face, each falling back to the CJK serif for Han characters and
// then to the fallback face (symbols) for what neither has.
import type { FontSet, SubsetFont } from '../../fonts/index.ts';

const FORMAT: Record<string, { css: string; mime: string }> = {
  ttf: { css: 'truetype', mime: 'font/ttf' },
  otf: { css: 'opentype', mime: 'font/otf' },
  woff: { css: 'woff', mime: 'font/woff' },
  woff2: { css: 'woff2', mime: 'font/woff2' },
};

export function fontFormat(f: SubsetFont): { css: string; mime: string } {
  return FORMAT[f.filename.split('.').pop()!.toLowerCase()] ?? FORMAT.ttf;
}

function fontFace(f: SubsetFont): string {
  return `@font-face {
  font-family: "${f.family}";
  font-weight: ${f.weight === 'bold' ? 'bold' : 'normal'};
  font-style: ${f.style};
  src: url("fonts/${f.filename}") format("${fontFormat(f).css}");
}
`;
}

/** Families of one role, in the order of the set, each once. */
function families(set: FontSet, role: SubsetFont['role']): string[] {
  return [...new Set(set.fonts.filter((f) => f.role === role).map((f) => `"${f.family}"`))];
}

function stack(...lists: string[][]): string {
  return [...new Set(lists.flat())].join(', ');
}

export function fontCss(set: FontSet): string {
  const cjk = families(set, 'cjk');
  const fallback = families(set, 'fallback');
  const body = stack(cjk, fallback, ['serif']);
  const italic = stack(families(set, 'italic'), cjk, fallback, ['serif']);
  const mono = stack(families(set, 'mono'), cjk, fallback, ['monospace']);
  return `${set.fonts.map(fontFace).join('')}html, body {
  font-family: ${body};
}
em .latin, i, cite {
  font-family: ${italic};
}
code, pre, kbd, samp {
  font-family: ${mono};
}
`;
}
