// The cover, made by the build: the edition's title set in the subset font on a plain ground,
// drawn as SVG and rasterised to PNG (resvg), since Kindle and Kobo want a bitmap cover.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { digest, readEntry, writeEntry } from '../../fonts/cache.ts';
import type { SubsetFont } from '../../fonts/index.ts';
import type { BookMeta } from '../../model/types.ts';
import { byline } from '../../model/names.ts';
import { textWidth } from '../../cjk/chars.ts';
import { escapeXml } from './xhtml.ts';

const W = 1600;
const H = 2400;

/**
 * Splits a title into lines of at most `max` ems: first before an opening parenthesis, then
 * between Han characters, never inside a run of digits or Latin letters.
 */
function titleLines(title: string, max: number): string[] {
  return title.replace(/（/gu, '\n（').split('\n').flatMap((segment) => {
    const lines: string[] = [];
    let line = '';
    for (const piece of segment.match(/[A-Za-z0-9—–-]+|./gu) ?? []) {
      if (line && textWidth(line + piece) > max) { lines.push(line); line = ''; }
      line += piece;
    }
    return line ? [...lines, line] : lines;
  });
}

export function coverSvg(meta: BookMeta): string {
  const lines = titleLines(meta.title, 9);
  const title = lines.map((l, i) => `<text x="${W / 2}" y="${820 + i * 170}" font-size="${i === 0 ? 130 : 96}" font-weight="bold" text-anchor="middle">${escapeXml(l)}</text>`).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">
  <rect width="${W}" height="${H}" fill="#f4efe4"/>
  <rect x="90" y="90" width="${W - 180}" height="${H - 180}" fill="none" stroke="#7a1f1f" stroke-width="6"/>
  <rect x="120" y="120" width="${W - 240}" height="${H - 240}" fill="none" stroke="#7a1f1f" stroke-width="2"/>
  <g font-family="Noto Serif SC" fill="#2b2118">${title}
    <text x="${W / 2}" y="${820 + lines.length * 170 + 110}" font-size="64" text-anchor="middle">${escapeXml(meta.subtitle ?? '')}</text>
    <text x="${W / 2}" y="${H - 420}" font-size="64" text-anchor="middle">${escapeXml(byline(meta))}</text>
    <text x="${W / 2}" y="${H - 260}" font-size="56" text-anchor="middle" fill="#7a1f1f">${escapeXml(meta.publisher)}</text>
  </g>
</svg>`;
}

const require = createRequire(import.meta.url);
const RESVG = (require('@resvg/resvg-js/package.json') as { version: string }).version;

/** The cover as PNG; kept in the font cache by everything it is drawn from (the SVG, the fonts, resvg's version). */
export function coverPng(meta: BookMeta, fonts: SubsetFont[]): Buffer {
  const svg = coverSvg(meta);
  const name = `cover-${digest(`resvg ${RESVG}`, svg, ...fonts.map((f) => f.data))}.png`;
  const found = readEntry(name);
  if (found) return found;
  const png = renderPng(svg, fonts);
  writeEntry(name, png);
  return png;
}

function renderPng(svg: string, fonts: SubsetFont[]): Buffer {
  // resvg (a native module) is loaded only when a cover is drawn.
  const { Resvg } = require('@resvg/resvg-js') as typeof import('@resvg/resvg-js');
  // resvg loads fonts from files: the subset fonts go to a scratch folder for the moment.
  const dir = mkdtempSync(join(tmpdir(), 'wenji-cover-'));
  try {
    const files = fonts.map((f) => { const p = join(dir, f.filename); writeFileSync(p, f.data); return p; });
    const resvg = new Resvg(svg, { font: { fontFiles: files, loadSystemFonts: false, defaultFontFamily: 'Noto Serif SC' }, fitTo: { mode: 'width', value: W } });
    return Buffer.from(resvg.render().asPng());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
