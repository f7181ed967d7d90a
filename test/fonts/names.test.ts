// The copyright and version of a subset, read from its name table without fontkit (plainNames),
// are what fontkit reads, for the first slice of every face; a table that is not plain is left to
// fontkit.
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { plainNames, readTables, writeFont } from '../../src/fonts/sfnt.ts';
import { FACES, slices } from '../../src/fonts/sources.ts';
import { subsetSlice } from '../../src/fonts/subset.ts';

describe('name table', () => {
  for (const face of FACES) {
    it(`of ${face.id} gives fontkit's copyright and version`, async () => {
      const data = await subsetSlice(slices(face)[0], 'Aa');
      const names = plainNames(data, [0, 5]);
      expect(names).toBeDefined();
      const font = fontkit.create(data) as fontkit.Font;
      expect(names!.get(0)).toBe(font.copyright);
      expect(names!.get(5)).toBe(font.version);
      expect(names!.get(0)).toMatch(/\S/u);
    }, 60_000);
  }

  it('is not read when a record of a name asked is not Windows Unicode English', async () => {
    const data = await subsetSlice(slices(FACES[0])[0], 'Aa');
    const tables = readTables(data).map((t) => {
      if (t.tag !== 'name') return t;
      const name = Buffer.from(t.data);
      name.writeUInt16BE(1, 6); // the first record's platform: Macintosh
      return { tag: t.tag, data: name };
    });
    const mac = writeFont(data.readUInt32BE(0), tables);
    expect(plainNames(mac, [name0Id(mac)])).toBeUndefined();
  });
});

/** The name id of the table's first record. */
function name0Id(font: Buffer): number {
  return readTables(font).find((t) => t.tag === 'name')!.data.readUInt16BE(6 + 6);
}
