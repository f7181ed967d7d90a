// The character map of a TrueType font (the `cmap` table): which glyph draws which code point.
// Read to learn what a subset holds; written when slices of a typeface are merged into one font.
// Formats 4 (the Basic Multilingual Plane) and 12 (all planes), as the OpenType spec describes.

/** Code point → glyph id, from the font's fullest Unicode subtable (format 12 if it has one, else format 4). */
export function readCmap(cmap: Buffer): Map<number, number> {
  const subtables = Array.from({ length: cmap.readUInt16BE(2) }, (_, i) => cmap.readUInt32BE(4 + 8 * i + 4));
  const formats = subtables.map((offset) => ({ offset, format: cmap.readUInt16BE(offset) }));
  const full = formats.find((s) => s.format === 12);
  if (full) return readFormat12(cmap, full.offset);
  const bmp = formats.find((s) => s.format === 4);
  return bmp ? readFormat4(cmap, bmp.offset) : new Map();
}

function readFormat12(cmap: Buffer, at: number): Map<number, number> {
  const map = new Map<number, number>();
  const groups = cmap.readUInt32BE(at + 12);
  for (let i = 0; i < groups; i++) {
    const g = at + 16 + 12 * i;
    const [start, end, glyph] = [cmap.readUInt32BE(g), cmap.readUInt32BE(g + 4), cmap.readUInt32BE(g + 8)];
    for (let cp = start; cp <= end; cp++) map.set(cp, glyph + cp - start);
  }
  return map;
}

function readFormat4(cmap: Buffer, at: number): Map<number, number> {
  const map = new Map<number, number>();
  const segX2 = cmap.readUInt16BE(at + 6);
  const ends = at + 14;
  const starts = ends + segX2 + 2;
  const deltas = starts + segX2;
  const ranges = deltas + segX2;
  for (let s = 0; s < segX2; s += 2) {
    const [start, end] = [cmap.readUInt16BE(starts + s), cmap.readUInt16BE(ends + s)];
    const [delta, range] = [cmap.readUInt16BE(deltas + s), cmap.readUInt16BE(ranges + s)];
    for (let cp = start; cp <= end && cp !== 0xffff; cp++) {
      const raw = range === 0 ? cp : cmap.readUInt16BE(ranges + s + range + 2 * (cp - start));
      const glyph = range !== 0 && raw === 0 ? 0 : (raw + delta) & 0xffff;
      if (glyph) map.set(cp, glyph);
    }
  }
  return map;
}

/** A cmap table for a character map: format 4 for the BMP, and format 12 as well when a character lies beyond it. */
export function writeCmap(map: Map<number, number>): Buffer {
  const cps = [...map.keys()].sort((a, b) => a - b);
  const bmp = formatFour(cps.filter((cp) => cp < 0xffff), map);
  const astral = cps.some((cp) => cp > 0xffff);
  // Encoding records, sorted by platform and encoding: Unicode BMP / full, Windows BMP / full.
  const records: [number, number, 'bmp' | 'full'][] = astral
    ? [[0, 3, 'bmp'], [0, 4, 'full'], [3, 1, 'bmp'], [3, 10, 'full']]
    : [[0, 3, 'bmp'], [3, 1, 'bmp']];
  const header = Buffer.alloc(4 + 8 * records.length);
  header.writeUInt16BE(records.length, 2);
  const full = astral ? formatTwelve(cps, map) : Buffer.alloc(0);
  records.forEach(([platform, encoding, which], i) => {
    header.writeUInt16BE(platform, 4 + 8 * i);
    header.writeUInt16BE(encoding, 6 + 8 * i);
    header.writeUInt32BE(which === 'bmp' ? header.length : header.length + bmp.length, 8 + 8 * i);
  });
  return Buffer.concat([header, bmp, full]);
}

interface Segment { start: number; end: number }

/** Runs of code points; with `maxGap`, a gap that short joins two runs (its slots, mapped to no glyph, cost less than a segment's 8 bytes). */
function segments(cps: number[], maxGap: number): Segment[] {
  const out: Segment[] = [];
  for (const cp of cps) {
    const last = out[out.length - 1];
    if (last && cp - last.end - 1 <= maxGap) last.end = cp;
    else out.push({ start: cp, end: cp });
  }
  return out;
}

/** A format 4 subtable of exact runs; if it is too large (64 KB), runs joined across short gaps. */
function formatFour(cps: number[], map: Map<number, number>): Buffer {
  for (const maxGap of [0, 4, 16]) {
    const table = formatFourWith(segments(cps, maxGap), map);
    if (table.length <= 0xffff) return table;
  }
  throw new Error(`a character map of ${cps.length} characters does not fit a format 4 subtable`);
}

function formatFourWith(segs: Segment[], map: Map<number, number>): Buffer {
  const all = [...segs, { start: 0xffff, end: 0xffff }];
  const n = all.length;
  const glyphIds: number[] = [];
  const fields = all.map((seg, i) => {
    if (seg.start === 0xffff) return { delta: 1, range: 0 };
    const delta = (map.get(seg.start) ?? 0) - seg.start;
    let contiguous = true;
    for (let cp = seg.start; cp <= seg.end; cp++) if (map.get(cp) !== cp + delta) contiguous = false;
    if (contiguous) return { delta: delta & 0xffff, range: 0 };
    const range = 2 * (n - i) + 2 * glyphIds.length;
    for (let cp = seg.start; cp <= seg.end; cp++) glyphIds.push(map.get(cp) ?? 0);
    return { delta: 0, range };
  });
  const table = Buffer.alloc(16 + 8 * n + 2 * glyphIds.length);
  const entrySelector = Math.floor(Math.log2(n));
  const searchRange = 2 * 2 ** entrySelector;
  table.writeUInt16BE(4, 0);
  table.writeUInt16BE(Math.min(table.length, 0xffff), 2);
  table.writeUInt16BE(2 * n, 6);
  table.writeUInt16BE(searchRange, 8);
  table.writeUInt16BE(entrySelector, 10);
  table.writeUInt16BE(2 * n - searchRange, 12);
  all.forEach((seg, i) => {
    table.writeUInt16BE(seg.end, 14 + 2 * i);
    table.writeUInt16BE(seg.start, 16 + 2 * n + 2 * i);
    table.writeUInt16BE(fields[i].delta, 16 + 4 * n + 2 * i);
    table.writeUInt16BE(fields[i].range, 16 + 6 * n + 2 * i);
  });
  glyphIds.forEach((g, i) => table.writeUInt16BE(g, 16 + 8 * n + 2 * i));
  return table;
}

function formatTwelve(cps: number[], map: Map<number, number>): Buffer {
  const groups: { start: number; end: number; glyph: number }[] = [];
  for (const cp of cps) {
    const last = groups[groups.length - 1];
    if (last && cp === last.end + 1 && map.get(cp) === last.glyph + cp - last.start) last.end = cp;
    else groups.push({ start: cp, end: cp, glyph: map.get(cp)! });
  }
  const table = Buffer.alloc(16 + 12 * groups.length);
  table.writeUInt16BE(12, 0);
  table.writeUInt32BE(table.length, 4);
  table.writeUInt32BE(groups.length, 12);
  groups.forEach((g, i) => {
    table.writeUInt32BE(g.start, 16 + 12 * i);
    table.writeUInt32BE(g.end, 20 + 12 * i);
    table.writeUInt32BE(g.glyph, 24 + 12 * i);
  });
  return table;
}
