// An SVG figure draws only what is inside it: references to files outside the project, to
// addresses and to other documents are left out with a warning, an image of the project it draws
// is taken in as data, scripts and event handlers are dropped; its text is set in the book's
// serif face, never in a standard font the PDF would not embed.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { buildAll } from '../../src/build/index.ts';
import { cleanSvg } from '../../src/input/svg.ts';

/** A PNG of one colour, w × h. */
function png(w: number, h: number, rgb: [number, number, number]): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0; });
  const crc = (b: Buffer) => { let c = 0xffffffff; for (const x of b) c = crcTable[(c ^ x) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
  const chunk = (type: string, data: Buffer) => { const len = Buffer.alloc(4); len.writeUInt32BE(data.length); const td = Buffer.concat([Buffer.from(type), data]); const c = Buffer.alloc(4); c.writeUInt32BE(crc(td)); return Buffer.concat([len, td, c]); };
  const ihdr = Buffer.alloc(13); ihdr.writeUInt32BE(w, 0); ihdr.writeUInt32BE(h, 4); ihdr[8] = 8; ihdr[9] = 2;
  const raw = Buffer.concat(Array.from({ length: h }, () => Buffer.from([0, ...Array.from({ length: w }, () => rgb).flat()])));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

describe('an SVG figure', () => {
  it('keeps an SVG that needs nothing byte for byte', () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/><text>甲</text></svg>');
    const clean = cleanSvg(svg, () => undefined);
    expect(clean.data).toBe(svg);
    expect(clean.dropped).toEqual([]);
    expect(clean.text).toBe('甲');
  });

  it('draws nothing from outside the project, takes in a project image, drops scripts; its text set in the serif face', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'wenji-outside-'));
    writeFileSync(join(outside, 'secret.png'), png(3, 3, [1, 2, 3]));
    const dir = mkdtempSync(join(tmpdir(), 'wenji-svg-'));
    mkdirSync(join(dir, 'corpus', 'img'), { recursive: true });
    writeFileSync(join(dir, 'corpus', 'edition.yaml'), 'title: 图书\nslug: book\n');
    writeFileSync(join(dir, 'corpus', 'img', 'inside.png'), png(4, 2, [200, 100, 50]));
    writeFileSync(join(dir, 'corpus', 'img', 'chart.svg'), `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="200" height="100" onload="alert(1)">
<style>@import url(https://example.com/a.css); rect { fill: url(file:///etc/x.svg#p) }</style>
<script>alert(2)</script>
<image width="50" height="50" xlink:href="${join(outside, 'secret.png')}"/>
<image x="50" width="50" height="50" href="file://${join(outside, 'secret.png')}"/>
<image x="100" width="50" height="50" href="../../../${outside.split('/').pop()}/secret.png"/>
<image x="150" width="50" height="50" href="https://example.com/a.png"/>
<use href="other.svg#shape"/>
<image y="50" width="40" height="20" href="inside.png"/>
<text x="60" y="90" font-family="Helvetica" font-weight="bold">销售额 2024</text>
</svg>`);
    writeFileSync(join(dir, 'corpus', 'a.md'), '# 图\n\n![统计图](img/chart.svg "图一　统计")\n');
    const out = mkdtempSync(join(tmpdir(), 'wenji-svg-out-'));
    const { results, warnings } = await buildAll(dir, ['epub', 'pdf'], out);
    const told = warnings.filter((w) => w.code === 'image-not-embedded');
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ file: 'corpus/a.md', line: 3 });
    expect(told[0].message).toMatch(/^image img\/chart\.svg refers to what is not inside it \(/u);
    const pdf = readFileSync(results.find((r) => r.path.endsWith('.pdf'))!.path);
    const raw = pdf.toString('latin1');
    // Every font embedded and subset: the SVG's text is not in Helvetica.
    expect(raw).not.toMatch(/\/BaseFont \/(Helvetica|Times|Courier)/u);
    // One raster image drawn: the project's, taken in as data.
    expect(raw.match(/\/Subtype \/Image/gu)).toHaveLength(1);
    expect(raw).toMatch(/\/Width 4\s[\s\S]*?\/Height 2|\/Height 2\s[\s\S]*?\/Width 4/u);
    const zip = await JSZip.loadAsync(readFileSync(results.find((r) => r.path.endsWith('.epub'))!.path));
    const name = Object.keys(zip.files).find((f) => f.endsWith('.svg') && !/wrap/u.test(f))!;
    const svg = await zip.file(name)!.async('string');
    expect(svg).toContain('data:image/png;base64,');
    for (const gone of [outside, 'example.com', 'file:', '<script', 'onload', 'other.svg', '@import']) expect(svg).not.toContain(gone);
    expect(svg).toContain('销售额 2024');
  }, 120_000);

  it('a raster image of more pixels than a page can use is refused before it is decoded', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wenji-pixels-'));
    mkdirSync(join(dir, 'corpus'));
    writeFileSync(join(dir, 'corpus', 'edition.yaml'), 'title: 图书\nslug: book\n');
    // A header of 20,000 × 20,000 pixels over a few bytes of data: refused by its header alone.
    const big = png(1, 1, [0, 0, 0]);
    big.writeUInt32BE(20000, 16);
    big.writeUInt32BE(20000, 20);
    writeFileSync(join(dir, 'corpus', 'big.png'), big);
    writeFileSync(join(dir, 'corpus', 'a.md'), '# 图\n\n![大图](big.png)\n');
    const { warnings } = await buildAll(dir, ['epub', 'pdf'], mkdtempSync(join(tmpdir(), 'wenji-pixels-out-')));
    expect(warnings.map((w) => `${w.line}:${w.column} ${w.message}`)).toEqual(['3:7 image big.png is 20000 × 20000 pixels (400 megapixels), more than the 40 a page can use; its alt text is set instead']);
  }, 120_000);
});
