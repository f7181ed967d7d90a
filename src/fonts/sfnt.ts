// Reading and writing the tables of a TrueType (sfnt) font, and renaming one. The font packages'
// files call themselves `NotoSerifSCExtraLight-*`, `SourceCodeProExtraLight-*` whatever their
// weight; readers and PDF viewers show that name, so a subset is renamed for what it is (family,
// style, PostScript name).

export interface Table { tag: string; data: Buffer }

export function readTables(font: Buffer): Table[] {
  const count = font.readUInt16BE(4);
  return Array.from({ length: count }, (_, i) => {
    const rec = 12 + 16 * i;
    const offset = font.readUInt32BE(rec + 8);
    return { tag: font.toString('latin1', rec, rec + 4), data: font.subarray(offset, offset + font.readUInt32BE(rec + 12)) };
  });
}

function checksum(data: Buffer): number {
  const padded = Buffer.concat([data, Buffer.alloc((4 - (data.length % 4)) % 4)]);
  let sum = 0;
  for (let i = 0; i < padded.length; i += 4) sum = (sum + padded.readUInt32BE(i)) >>> 0;
  return sum;
}

/**
 * Strings of a font's name table by name id (null for an id it lacks), where the table is plain:
 * every record of each id asked is Windows Unicode English (UTF-16, so of even length), as in the
 * fonts of our packages. Then
 * they are what fontkit gives (its getName: the last such record) without loading fontkit (~0.1 s);
 * for any other table, undefined: the caller asks fontkit.
 */
export function plainNames(font: Buffer, ids: number[]): Map<number, string | null> | undefined {
  const table = readTables(font).find((t) => t.tag === 'name')?.data;
  if (!table) return undefined;
  const count = table.readUInt16BE(2);
  const strings = table.readUInt16BE(4);
  const found = new Map<number, string | null>(ids.map((id) => [id, null]));
  for (let i = 0; i < count; i++) {
    const r = 6 + 12 * i;
    const id = table.readUInt16BE(r + 6);
    if (!found.has(id)) continue;
    const [platform, encoding, language] = [table.readUInt16BE(r), table.readUInt16BE(r + 2), table.readUInt16BE(r + 4)];
    const length = table.readUInt16BE(r + 8);
    if (platform !== 3 || (encoding !== 1 && encoding !== 10) || language !== 0x409 || length % 2) return undefined;
    const start = strings + table.readUInt16BE(r + 10);
    found.set(id, Buffer.from(table.subarray(start, start + length)).swap16().toString('utf16le'));
  }
  return found;
}

/** A `name` table (format 0) of Windows Unicode English records. */
function nameTable(names: Record<number, string>): Buffer {
  const ids = Object.keys(names).map(Number).sort((a, b) => a - b);
  const strings = ids.map((id) => Buffer.from(names[id], 'utf16le').swap16());
  const header = Buffer.alloc(6 + 12 * ids.length);
  header.writeUInt16BE(0, 0);
  header.writeUInt16BE(ids.length, 2);
  header.writeUInt16BE(header.length, 4);
  let offset = 0;
  ids.forEach((id, i) => {
    const r = 6 + 12 * i;
    header.writeUInt16BE(3, r); // platform: Windows
    header.writeUInt16BE(1, r + 2); // encoding: Unicode BMP
    header.writeUInt16BE(0x409, r + 4); // language: English (US)
    header.writeUInt16BE(id, r + 6);
    header.writeUInt16BE(strings[i].length, r + 8);
    header.writeUInt16BE(offset, r + 10);
    offset += strings[i].length;
  });
  return Buffer.concat([header, ...strings]);
}

/** Assembles tables into a font file, with table checksums and the head checksum adjustment. */
export function writeFont(sfntVersion: number, tables: Table[]): Buffer {
  const sorted = [...tables].sort((a, b) => (a.tag < b.tag ? -1 : 1));
  const n = sorted.length;
  const entrySelector = Math.floor(Math.log2(n));
  const searchRange = 2 ** entrySelector * 16;
  const dir = Buffer.alloc(12 + 16 * n);
  dir.writeUInt32BE(sfntVersion, 0);
  dir.writeUInt16BE(n, 4);
  dir.writeUInt16BE(searchRange, 6);
  dir.writeUInt16BE(entrySelector, 8);
  dir.writeUInt16BE(n * 16 - searchRange, 10);
  let offset = dir.length;
  const bodies: Buffer[] = [];
  sorted.forEach((t, i) => {
    const data = t.tag === 'head' ? Buffer.from(t.data) : t.data;
    if (t.tag === 'head') data.writeUInt32BE(0, 8);
    const r = 12 + 16 * i;
    dir.write(t.tag, r, 'latin1');
    dir.writeUInt32BE(checksum(data), r + 4);
    dir.writeUInt32BE(offset, r + 8);
    dir.writeUInt32BE(data.length, r + 12);
    const padded = Buffer.concat([data, Buffer.alloc((4 - (data.length % 4)) % 4)]);
    bodies.push(padded);
    offset += padded.length;
  });
  const font = Buffer.concat([dir, ...bodies]);
  const head = sorted.findIndex((t) => t.tag === 'head');
  const headOffset = dir.readUInt32BE(12 + 16 * head + 8);
  font.writeUInt32BE((0xb1b0afba - checksum(font)) >>> 0, headOffset + 8);
  return font;
}

export interface FontNames {
  family: string;
  style: string;
  postscript: string;
  copyright: string;
  version: string;
  license: string;
  licenseUrl: string;
}

/** The font with a new name table. STAT goes too: it names axes and styles by ids of the old name table. */
export function renameFont(font: Buffer, names: FontNames): Buffer {
  const tables = readTables(font).filter((t) => t.tag !== 'STAT').map((t) => (t.tag !== 'name' ? t : {
    tag: 'name',
    data: nameTable({
      0: names.copyright, 1: names.family, 2: names.style, 3: `${names.postscript};wenji subset`,
      4: `${names.family} ${names.style}`, 5: names.version, 6: names.postscript, 13: names.license, 14: names.licenseUrl,
    }),
  }));
  return writeFont(font.readUInt32BE(0), tables);
}
