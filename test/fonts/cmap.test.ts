// The character map written for a merged font reads back as it was given: runs of consecutive
// glyphs, scattered glyphs, and characters beyond the BMP (format 12 beside format 4).
import { describe, expect, it } from 'vitest';
import { readCmap, writeCmap } from '../../src/fonts/cmap.ts';

describe('character maps', () => {
  it('round-trips consecutive runs, scattered glyphs and astral characters', () => {
    const map = new Map<number, number>();
    for (let i = 0; i < 95; i++) map.set(0x20 + i, 3 + i); // ASCII, glyphs in order
    for (let i = 0; i < 3000; i++) map.set(0x4e00 + 7 * i, 4000 - i); // scattered Han, glyphs reversed
    for (let i = 0; i < 10; i++) map.set(0x4e00 + 7 * 3000 + i, 5000 + 3 * i); // a run with gaps in its glyphs
    map.set(0x1f21a, 6000);
    map.set(0x2a6a5, 6001);
    const table = writeCmap(map);
    expect(readCmap(table)).toEqual(map);
    // Both subtables are there: format 4 for the BMP alone, format 12 for everything.
    const formats = Array.from({ length: table.readUInt16BE(2) }, (_, i) => table.readUInt16BE(table.readUInt32BE(8 + 8 * i)));
    expect(formats.sort((a, b) => a - b)).toEqual([4, 4, 12, 12]);
  });

  it('writes only format 4 when every character is in the BMP', () => {
    const map = new Map([[0x41, 1], [0x42, 2], [0x4e2d, 9]]);
    const table = writeCmap(map);
    expect(table.readUInt16BE(2)).toBe(2);
    expect(readCmap(table)).toEqual(map);
  });
});
