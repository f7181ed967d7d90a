// A TrueType font for embedding in a PDF: the tables a PDF viewer draws with (ISO 32000-1, 9.9:
// glyf, loca, head, hhea, hmtx, maxp, and the hinting tables cvt, fpgm, prep), with the outlines of
// only the glyphs given (and the components they are built from). Every other glyph stays, empty,
// so that glyph ids do not change: the PDF addresses glyphs by the font's own ids (CIDToGIDMap
// Identity) and needs no second subset renumbering them.
import { readTables, writeFont } from './sfnt.ts';

const DRAWING = new Set(['glyf', 'loca', 'head', 'hhea', 'hmtx', 'maxp', 'cvt ', 'fpgm', 'prep']);

/** Glyph ids a composite glyph is built from (none for a simple or empty glyph). */
function components(glyph: Buffer): number[] {
  if (glyph.length === 0 || glyph.readInt16BE(0) >= 0) return [];
  const out: number[] = [];
  for (let p = 10; ;) {
    const flags = glyph.readUInt16BE(p);
    out.push(glyph.readUInt16BE(p + 2));
    const args = flags & 0x0001 ? 4 : 2;
    const transform = flags & 0x0008 ? 2 : flags & 0x0040 ? 4 : flags & 0x0080 ? 8 : 0;
    p += 4 + args + transform;
    if (!(flags & 0x0020)) return out;
  }
}

/** The font with the outlines of `keep` (and of .notdef, glyph 0) only, and only the tables that draw. */
export function trimOutlines(font: Buffer, keep: Iterable<number>): Buffer {
  const tables = new Map(readTables(font).filter((t) => DRAWING.has(t.tag)).map((t) => [t.tag, t.data]));
  const count = tables.get('maxp')!.readUInt16BE(4);
  const long = tables.get('head')!.readInt16BE(50) === 1;
  const loca = tables.get('loca')!;
  const glyf = tables.get('glyf')!;
  const at = (i: number) => (long ? loca.readUInt32BE(4 * i) : 2 * loca.readUInt16BE(2 * i));
  const outline = (g: number) => glyf.subarray(at(g), at(g + 1));
  const kept = new Set<number>();
  const todo = [0, ...keep];
  while (todo.length) {
    const g = todo.pop()!;
    if (g >= count || kept.has(g)) continue;
    kept.add(g);
    todo.push(...components(outline(g)));
  }
  const glyphs = Array.from({ length: count }, (_, g) => (kept.has(g) ? outline(g) : Buffer.alloc(0)));
  const padded = glyphs.map((g) => (g.length % 4 ? Buffer.concat([g, Buffer.alloc(4 - (g.length % 4))]) : g));
  const offsets = Buffer.alloc(4 * (count + 1));
  padded.reduce((offset, g, i) => { offsets.writeUInt32BE(offset + g.length, 4 * (i + 1)); return offset + g.length; }, 0);
  const head = Buffer.from(tables.get('head')!);
  head.writeInt16BE(1, 50);
  tables.set('glyf', Buffer.concat(padded));
  tables.set('loca', offsets);
  tables.set('head', head);
  return writeFont(0x00010000, [...tables].map(([tag, data]) => ({ tag, data })));
}
