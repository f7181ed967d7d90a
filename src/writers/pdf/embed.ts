// The book's fonts as pdfkit draws with them, embedded as the files they are. pdfkit's own
// embedding reads each font again, lays every run out again with fontkit and, at the end, makes a
// subset of our subset, renumbering its glyphs (more than half a second for our book). Here a run's
// glyphs are those measure.ts measured (a character alone: its glyph in the character map; longer
// text: fontkit's layout, cut after spaces as pdfkit cuts it), with the font's own glyph ids, and
// the font goes into the PDF as its file, less the outlines of the glyphs the PDF does not draw
// (trimOutlines). The object has the shape of pdfkit's embedded fonts (id, name, encode, ref,
// finalize, metrics), which paint.ts and svg-to-pdfkit use.
import type { Font, Glyph } from 'fontkit';
import { deflateSync } from 'node:zlib';
import { trimOutlines } from '../../fonts/trim.ts';

/** A glyph's placement, in thousandths of an em, as pdfkit gives it. */
export interface Position { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number; advanceWidth: number }

/** The parts of a pdfkit document and of its objects that embedding uses. */
interface Reference { data: Record<string, unknown>; compress: boolean; write(data: Uint8Array): void; end(data?: Buffer | string): void }
interface Document { ref(data?: Record<string, unknown>): Reference; subset?: number }

interface Shaped { glyphs: Glyph[]; positions: Position[] }

const hex4 = (n: number) => `0000${n.toString(16)}`.slice(-4);

/**
 * A font's program as the PDF holds it: less the outlines of the glyphs not drawn, deflated as
 * pdfkit deflates a stream (the same bytes). Made once per font file and set of glyphs, and kept
 * for the next builds of the process (`wenji watch` rebuilds with the same fonts and glyphs).
 */
const programs = new WeakMap<Buffer, { used: string; data: Buffer }>();
function program(file: Buffer, used: number[]): Buffer {
  const key = used.join(' ');
  const known = programs.get(file);
  if (known?.used === key) return known.data;
  const data = deflateSync(trimOutlines(file, used));
  programs.set(file, { used: key, data });
  return data;
}

export class PdfFont {
  readonly name: string;
  readonly scale: number;
  readonly ascender: number;
  readonly descender: number;
  readonly xHeight: number;
  readonly capHeight: number;
  readonly lineGap: number;
  readonly bbox: Font['bbox'];
  /** Code points of each glyph drawn (by glyph id), as pdfkit keeps them: ToUnicode, and svg-to-pdfkit's text. */
  readonly unicode: number[][] = [[0]];
  /** Advance of each glyph drawn, in thousandths of an em (by glyph id; .notdef always). */
  private readonly widths = new Map<number, number>();
  private readonly runs = new Map<string, Shaped>();
  private readonly encoded = new Map<string, [string[], Position[]]>();
  private dictionary?: Reference;
  private embedded = false;

  constructor(private readonly document: Document, readonly font: Font, private readonly file: Buffer, readonly id: string) {
    this.name = font.postscriptName;
    this.scale = 1000 / font.unitsPerEm;
    this.ascender = font.ascent * this.scale;
    this.descender = font.descent * this.scale;
    this.xHeight = font.xHeight * this.scale;
    this.capHeight = font.capHeight * this.scale;
    this.lineGap = font.lineGap * this.scale;
    this.bbox = font.bbox;
    this.widths.set(0, font.getGlyph(0).advanceWidth * this.scale);
  }

  /** One piece of text shaped: a character alone by the character map, as measure.ts measures it; longer text by fontkit's layout. */
  private shapePiece(text: string): Shaped {
    let run = this.runs.get(text);
    if (run) return run;
    const cp = text.codePointAt(0)!;
    if (text.length === (cp > 0xffff ? 2 : 1)) {
      const glyph = this.font.glyphForCodePoint(cp);
      const advance = glyph.advanceWidth * this.scale;
      run = { glyphs: [glyph], positions: [{ xAdvance: advance, yAdvance: 0, xOffset: 0, yOffset: 0, advanceWidth: advance }] };
    } else {
      const laid = this.font.layout(text);
      run = {
        glyphs: laid.glyphs,
        positions: laid.positions.map((p, i) => ({ xAdvance: p.xAdvance * this.scale, yAdvance: p.yAdvance * this.scale, xOffset: p.xOffset * this.scale, yOffset: p.yOffset * this.scale, advanceWidth: laid.glyphs[i].advanceWidth * this.scale })),
      };
    }
    this.runs.set(text, run);
    return run;
  }

  /** Text shaped in pieces that end after each space or tab, as pdfkit shapes it. */
  private shape(text: string): Shaped {
    const glyphs: Glyph[] = [];
    const positions: Position[] = [];
    let last = 0;
    for (let i = 0; i < text.length; i++) {
      if (text[i] !== ' ' && text[i] !== '\t' && i < text.length - 1) continue;
      const piece = this.shapePiece(text.slice(last, i + 1));
      glyphs.push(...piece.glyphs);
      positions.push(...piece.positions);
      last = i + 1;
    }
    return { glyphs, positions };
  }

  /** The glyph ids of a text (four hex digits each) and their positions; the glyphs are drawn. */
  encode(text: string): [string[], Position[]] {
    // Once per text: a book draws the same few thousand characters a million times (the result is only read).
    let done = this.encoded.get(text);
    if (done) return done;
    const { glyphs, positions } = this.shape(text);
    const hex = glyphs.map((g) => {
      if (!this.widths.has(g.id)) {
        this.widths.set(g.id, g.advanceWidth * this.scale);
        this.unicode[g.id] = g.codePoints;
      }
      return hex4(g.id);
    });
    this.encoded.set(text, (done = [hex, positions]));
    return done;
  }

  widthOfString(text: string, size: number): number {
    return this.shape(text).positions.reduce((w, p) => w + p.xAdvance, 0) * (size / 1000);
  }

  lineHeight(size: number, includeGap = false): number {
    return ((this.ascender + (includeGap ? this.lineGap : 0) - this.descender) / 1000) * size;
  }

  ref(): Reference {
    return (this.dictionary ??= this.document.ref());
  }

  /** Called by pdfkit as the document ends: the font is embedded if a page uses it. */
  finalize(): void {
    if (this.embedded || !this.dictionary) return;
    this.embed(this.dictionary);
    this.embedded = true;
  }

  private embed(dictionary: Reference): void {
    const used = [...this.widths.keys()].sort((a, b) => a - b);
    const fontFile = this.document.ref();
    fontFile.compress = false;
    fontFile.write(program(this.file, used));
    fontFile.data.Filter = 'FlateDecode';
    fontFile.end();
    // Flags (ISO 32000-1, 9.8.2): fixed pitch, serif (from the OS/2 family class), symbolic, script, italic.
    const tables = this.font as Font & { post: { isFixedPitch: number }; head: { macStyle: { italic: boolean } } };
    const familyClass = (this.font['OS/2']?.sFamilyClass ?? 0) >> 8;
    let flags = 1 << 2;
    if (tables.post.isFixedPitch) flags |= 1 << 0;
    if (familyClass >= 1 && familyClass <= 7) flags |= 1 << 1;
    if (familyClass === 10) flags |= 1 << 3;
    if (tables.head.macStyle.italic) flags |= 1 << 6;
    // A subset's name begins with six capital letters of its own (9.6.4).
    const tag = [1, 2, 3, 4, 5, 6].map((i) => String.fromCharCode((this.id.charCodeAt(i) || 73) + 17)).join('');
    const name = `${tag}+${this.name.replaceAll(' ', '_')}`;
    const { bbox } = this.font;
    const descriptor = this.document.ref({
      Type: 'FontDescriptor', FontName: name, Flags: flags,
      FontBBox: [bbox.minX * this.scale, bbox.minY * this.scale, bbox.maxX * this.scale, bbox.maxY * this.scale],
      ItalicAngle: this.font.italicAngle, Ascent: this.ascender, Descent: this.descender,
      CapHeight: (this.font.capHeight || this.font.ascent) * this.scale, XHeight: (this.font.xHeight || 0) * this.scale,
      StemV: 0, FontFile2: fontFile,
    });
    if (this.document.subset === 1) {
      // PDF/A-1 lists the glyphs the font program holds.
      const set = new Uint8Array(Math.ceil((used[used.length - 1] + 1) / 8));
      for (const g of used) set[g >> 3] |= 0x80 >> (g % 8);
      const cidSet = this.document.ref();
      cidSet.write(set);
      cidSet.end();
      descriptor.data.CIDSet = cidSet;
    }
    descriptor.end();
    const descendant = this.document.ref({
      Type: 'Font', Subtype: 'CIDFontType2', BaseFont: name,
      CIDSystemInfo: { Registry: new String('Adobe'), Ordering: new String('Identity'), Supplement: 0 },
      FontDescriptor: descriptor, W: widthRuns(used.map((g) => [g, this.widths.get(g)!])), CIDToGIDMap: 'Identity',
    });
    descendant.end();
    dictionary.data = { Type: 'Font', Subtype: 'Type0', BaseFont: name, Encoding: 'Identity-H', DescendantFonts: [descendant], ToUnicode: this.toUnicode(used) };
    dictionary.end();
  }

  /** The ToUnicode CMap (9.10.3): each glyph drawn → its characters, in UTF-16. */
  private toUnicode(used: number[]): Reference {
    const utf16 = (cps: number[]) => cps.map((cp) => (cp > 0xffff ? hex4(((cp - 0x10000) >>> 10) | 0xd800) + hex4(((cp - 0x10000) & 0x3ff) | 0xdc00) : hex4(cp))).join('');
    const entries = used.map((g) => `<${hex4(g)}> <${utf16(this.unicode[g] ?? [])}>`);
    // At most 100 mappings in one beginbfchar … endbfchar block.
    const blocks: string[] = [];
    for (let i = 0; i < entries.length; i += 100) {
      const block = entries.slice(i, i + 100);
      blocks.push(`${block.length} beginbfchar\n${block.join('\n')}\nendbfchar`);
    }
    const cmap = this.document.ref();
    cmap.end(`/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo <<
  /Registry (Adobe)
  /Ordering (UCS)
  /Supplement 0
>> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<0000><ffff>
endcodespacerange
${blocks.join('\n')}
endcmap
CMapName currentdict /CMap defineresource pop
end
end`);
    return cmap;
  }
}

/** The W array of a CIDFont (9.7.4.3): each run of consecutive glyph ids as its first id and its widths. */
function widthRuns(widths: [number, number][]): (number | number[])[] {
  const out: (number | number[])[] = [];
  let run: number[] = [];
  let next = -1;
  for (const [g, w] of widths) {
    if (g !== next) { run = []; out.push(g, run); }
    run.push(w);
    next = g + 1;
  }
  return out;
}
