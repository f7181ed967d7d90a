// One TrueType font from subsets of slices of the same typeface. The font packages ship a
// typeface cut into files by unicode-range (Noto Serif SC in about a hundred); a book needs
// glyphs from several of them in one font. Slices of one typeface share their em, metrics and
// hinting, so merging is concatenation: the first subset keeps its glyph ids, and with them its
// layout tables (GSUB, GPOS: kerning, vertical forms) intact; the glyphs of the others follow it,
// drawn and measured exactly as in their slice, without layout features.
import { readCmap, writeCmap } from './cmap.ts';
import { readTables, writeFont } from './sfnt.ts';

type Metric = [advance: number, bearing: number];

interface Parsed {
  tables: Map<string, Buffer>;
  glyphs: Buffer[];
  horizontal: Metric[];
  vertical?: Metric[];
  cmap: Map<number, number>;
}

/** Tables that list every glyph and would be wrong after a merge; optional, so dropped. */
const PER_GLYPH = new Set(['hdmx', 'LTSH', 'VDMX', 'DSIG']);

function parse(font: Buffer): Parsed {
  const tables = new Map(readTables(font).map((t) => [t.tag, t.data]));
  const count = tables.get('maxp')!.readUInt16BE(4);
  const long = tables.get('head')!.readInt16BE(50) === 1;
  const loca = tables.get('loca')!;
  const glyf = tables.get('glyf')!;
  const at = (i: number) => (long ? loca.readUInt32BE(4 * i) : 2 * loca.readUInt16BE(2 * i));
  const glyphs = Array.from({ length: count }, (_, i) => glyf.subarray(at(i), at(i + 1)));
  const hasVertical = tables.has('vhea') && tables.has('vmtx');
  return {
    tables, glyphs,
    horizontal: metrics(tables.get('hmtx')!, tables.get('hhea')!.readUInt16BE(34), count),
    vertical: hasVertical ? metrics(tables.get('vmtx')!, tables.get('vhea')!.readUInt16BE(34), count) : undefined,
    cmap: readCmap(tables.get('cmap')!),
  };
}

/** hmtx/vmtx: `long` full records, then bearings only, the last advance repeating. */
function metrics(table: Buffer, long: number, count: number): Metric[] {
  return Array.from({ length: count }, (_, i) => (i < long
    ? [table.readUInt16BE(4 * i), table.readInt16BE(4 * i + 2)]
    : [table.readUInt16BE(4 * (long - 1)), table.readInt16BE(4 * long + 2 * (i - long))]));
}

function writeMetrics(list: Metric[]): { table: Buffer; long: number } {
  let long = list.length;
  while (long > 1 && list[long - 2][0] === list[list.length - 1][0]) long--;
  const table = Buffer.alloc(4 * long + 2 * (list.length - long));
  list.forEach(([advance, bearing], i) => {
    if (i < long) {
      table.writeUInt16BE(advance, 4 * i);
      table.writeInt16BE(bearing, 4 * i + 2);
    } else table.writeInt16BE(bearing, 4 * long + 2 * (i - long));
  });
  return { table, long };
}

/** A composite glyph with its components' glyph ids renumbered. */
function renumber(glyph: Buffer, id: (g: number) => number): Buffer {
  if (glyph.length === 0 || glyph.readInt16BE(0) >= 0) return glyph;
  const out = Buffer.from(glyph);
  for (let p = 10; ;) {
    const flags = out.readUInt16BE(p);
    out.writeUInt16BE(id(out.readUInt16BE(p + 2)), p + 2);
    const args = flags & 0x0001 ? 4 : 2;
    const transform = flags & 0x0008 ? 2 : flags & 0x0040 ? 4 : flags & 0x0080 ? 8 : 0;
    p += 4 + args + transform;
    if (!(flags & 0x0020)) return out;
  }
}

/** Merges subsets of one typeface's slices; the first is the base. A single font is returned as it is. */
export function mergeSubsets(fonts: Buffer[]): Buffer {
  if (fonts.length === 1) return fonts[0];
  const [base, ...rest] = fonts.map(parse);
  const glyphs = [...base.glyphs];
  const horizontal = [...base.horizontal];
  const vertical = [base, ...rest].every((p) => p.vertical) ? [...base.vertical!] : undefined;
  const cmap = new Map(base.cmap);
  for (const p of rest) {
    // Every glyph but .notdef follows the glyphs already there.
    const first = glyphs.length - 1;
    const id = (g: number) => (g === 0 ? 0 : first + g);
    glyphs.push(...p.glyphs.slice(1).map((g) => renumber(g, id)));
    horizontal.push(...p.horizontal.slice(1));
    vertical?.push(...p.vertical!.slice(1));
    for (const [cp, g] of p.cmap) if (!cmap.has(cp)) cmap.set(cp, id(g));
  }
  return assemble([base, ...rest], { glyphs, horizontal, vertical, cmap });
}

function assemble(all: Parsed[], merged: { glyphs: Buffer[]; horizontal: Metric[]; vertical?: Metric[]; cmap: Map<number, number> }): Buffer {
  const base = all[0];
  const tables = new Map([...base.tables].filter(([tag]) => !PER_GLYPH.has(tag)));
  const padded = merged.glyphs.map((g) => Buffer.concat([g, Buffer.alloc(g.length % 2)]));
  const loca = Buffer.alloc(4 * (padded.length + 1));
  padded.reduce((offset, g, i) => { loca.writeUInt32BE(offset + g.length, 4 * (i + 1)); return offset + g.length; }, 0);
  tables.set('glyf', Buffer.concat(padded));
  tables.set('loca', loca);
  tables.set('cmap', writeCmap(merged.cmap));
  tables.set('head', head(all));
  tables.set('maxp', maxp(all, padded.length));
  const h = writeMetrics(merged.horizontal);
  tables.set('hmtx', h.table);
  tables.set('hhea', header(all.map((p) => p.tables.get('hhea')!), h.long));
  if (merged.vertical) {
    const v = writeMetrics(merged.vertical);
    tables.set('vmtx', v.table);
    tables.set('vhea', header(all.map((p) => p.tables.get('vhea')!), v.long));
  } else {
    tables.delete('vmtx');
    tables.delete('vhea');
  }
  tables.set('OS/2', os2(all, merged.cmap));
  tables.set('post', post(base.tables.get('post')!));
  return writeFont(0x00010000, [...tables].map(([tag, data]) => ({ tag, data })));
}

/** head: long glyph offsets, and the bounding box of all glyphs. */
function head(all: Parsed[]): Buffer {
  const out = Buffer.from(all[0].tables.get('head')!);
  const heads = all.map((p) => p.tables.get('head')!);
  out.writeInt16BE(Math.min(...heads.map((t) => t.readInt16BE(36))), 36);
  out.writeInt16BE(Math.min(...heads.map((t) => t.readInt16BE(38))), 38);
  out.writeInt16BE(Math.max(...heads.map((t) => t.readInt16BE(40))), 40);
  out.writeInt16BE(Math.max(...heads.map((t) => t.readInt16BE(42))), 42);
  out.writeInt16BE(1, 50);
  return out;
}

/** maxp 1.0: the glyph count, and each limit the largest of the slices'. */
function maxp(all: Parsed[], count: number): Buffer {
  const tables = all.map((p) => p.tables.get('maxp')!);
  const out = Buffer.from(tables[0]);
  out.writeUInt16BE(count, 4);
  for (let at = 6; at + 2 <= out.length; at += 2) out.writeUInt16BE(Math.max(...tables.map((t) => t.readUInt16BE(at))), at);
  return out;
}

/** hhea or vhea (same layout): extremes over all slices, and the count of full metric records. */
function header(tables: Buffer[], long: number): Buffer {
  const out = Buffer.from(tables[0]);
  out.writeUInt16BE(Math.max(...tables.map((t) => t.readUInt16BE(10))), 10);
  out.writeInt16BE(Math.min(...tables.map((t) => t.readInt16BE(12))), 12);
  out.writeInt16BE(Math.min(...tables.map((t) => t.readInt16BE(14))), 14);
  out.writeInt16BE(Math.max(...tables.map((t) => t.readInt16BE(16))), 16);
  out.writeUInt16BE(long, 34);
  return out;
}

/** OS/2: the base's, with the Unicode and code page ranges of all slices and the first and last character. */
function os2(all: Parsed[], cmap: Map<number, number>): Buffer {
  const tables = all.map((p) => p.tables.get('OS/2')!);
  const out = Buffer.from(tables[0]);
  const fields = out.length >= 86 ? [42, 46, 50, 54, 78, 82] : [42, 46, 50, 54];
  for (const at of fields) out.writeUInt32BE(tables.reduce((bits, t) => (bits | t.readUInt32BE(at)) >>> 0, 0), at);
  const cps = [...cmap.keys()];
  out.writeUInt16BE(Math.min(0xffff, ...cps), 64);
  out.writeUInt16BE(Math.min(0xffff, Math.max(...cps)), 66);
  return out;
}

/** post 3.0: the base's header (italic angle, underline, fixed pitch) without glyph names. */
function post(table: Buffer): Buffer {
  const out = Buffer.from(table.subarray(0, 32));
  out.writeUInt32BE(0x00030000, 0);
  return out;
}
