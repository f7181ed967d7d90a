// A small reader of PDF files as wenji writes them (ISO 32000-1): the cross-reference table, the
// objects, the page tree, the named destinations, and the text each page draws, decoded through
// each font's ToUnicode map, with the marked-content tags it is drawn in. Enough to read a built
// file back in a few milliseconds a page (pdf.js, a whole viewer, took most of a second for our
// book, reading every font program too); it reads only what the file says, not what the writer
// meant. A file it cannot read (compressed cross-references, an unknown filter, a font without
// ToUnicode) is an error, never a guess.
import { inflateSync } from 'node:zlib';

/** A PDF object: numbers, booleans and null as they are; names, strings, arrays, dictionaries, references, streams. */
export type PdfValue = number | boolean | null | PdfName | PdfString | PdfValue[] | PdfDict | PdfRef | PdfStream;
export class PdfName { constructor(readonly name: string) {} }
export class PdfString { constructor(readonly bytes: Uint8Array) {} }
export class PdfRef { constructor(readonly num: number) {} }
export type PdfDict = Map<string, PdfValue>;
export class PdfStream { constructor(readonly dict: PdfDict, readonly raw: Buffer) {} }

/** A text drawn, and the marked-content tags open around it (outermost first; shared between texts, not to be changed). */
export interface DrawnText { text: string; tags: readonly string[] }

/** Short operators met so far, by their bytes (operator() in Lexer). */
const OPERATORS = new Map<number, { op: string }>();

/** Short names met in content streams, by their bytes (name() in Lexer). */
const NAMES = new Map<number, PdfName>();

/** Byte classes (7.2.2): 1 white space, 2 delimiter; and the value of each hexadecimal digit (else -1). */
const CLASS = new Uint8Array(256);
for (const b of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) CLASS[b] = 1;
for (const ch of '()<>[]{}/%') CLASS[ch.charCodeAt(0)] = 2;
const HEX = new Int8Array(256).fill(-1);
for (let i = 0; i < 16; i++) { HEX['0123456789abcdef'.charCodeAt(i)] = i; HEX['0123456789ABCDEF'.charCodeAt(i)] = i; }

/** Tokens and objects of a PDF's syntax (7.2, 7.3), over the bytes of a file or a content stream. */
class Lexer {
  /** `refs`: whether `n g R` is a reference here (in the file's objects; a content stream has none). */
  constructor(readonly data: Buffer, public pos = 0, private readonly refs = true) {}

  private skipSpace(): void {
    const d = this.data;
    while (this.pos < d.length) {
      if (CLASS[d[this.pos]] === 1) this.pos++;
      else if (d[this.pos] === 0x25) { while (this.pos < d.length && d[this.pos] !== 0x0a && d[this.pos] !== 0x0d) this.pos++; }
      else break;
    }
  }

  atEnd(): boolean {
    this.skipSpace();
    return this.pos >= this.data.length;
  }

  /** The end of the regular word at the position: a number, a keyword or an operator. */
  private wordEnd(): number {
    let end = this.pos;
    while (end < this.data.length && CLASS[this.data[end]] === 0) end++;
    return end;
  }

  private word(): string {
    const start = this.pos;
    this.pos = this.wordEnd();
    return this.data.toString('latin1', start, this.pos);
  }

  /** The operator at the position: one object per short operator, shared (a content stream repeats a few operators hundreds of thousands of times). */
  private operator(): { op: string } {
    const d = this.data;
    const end = this.wordEnd();
    if (end - this.pos > 3 || OPERATORS.size > 512) return { op: this.word() };
    let key = end - this.pos;
    for (let i = this.pos; i < end; i++) key = key * 256 + d[i];
    let op = OPERATORS.get(key);
    if (!op) OPERATORS.set(key, (op = { op: d.toString('latin1', this.pos, end) }));
    this.pos = end;
    return op;
  }

  /** A number (7.3.3): digits with a sign and a point read from the bytes; anything else through Number. */
  private number(): number {
    const d = this.data;
    const end = this.wordEnd();
    // A content stream's numbers place and size what is drawn, never its text: not read.
    if (!this.refs) { this.pos = end; return 0; }
    let i = this.pos;
    const negative = d[i] === 0x2d;
    if (negative || d[i] === 0x2b) i++;
    let n = 0;
    let scale = 0;
    for (; i < end; i++) {
      const b = d[i];
      if (b === 0x2e && !scale) scale = 1;
      else if (b >= 0x30 && b <= 0x39) { n = n * 10 + b - 0x30; if (scale) scale *= 10; }
      else break;
    }
    const start = this.pos;
    this.pos = end;
    if (i < end) {
      const v = Number(d.toString('latin1', start, end));
      if (Number.isNaN(v)) throw new Error(`PDF: bad number at ${start}`);
      return v;
    }
    const v = scale ? n / scale : n;
    return negative ? -v : v;
  }

  /** A hexadecimal string (7.3.4.3): pairs of digits, white space between them ignored, a last odd digit followed by 0. */
  private hexString(): PdfString {
    const d = this.data;
    const end = d.indexOf(0x3e, this.pos);
    if (end < 0) throw new Error(`PDF: unterminated hexadecimal string at ${this.pos}`);
    let digits = 0;
    for (let i = this.pos + 1; i < end; i++) {
      if (HEX[d[i]] >= 0) digits++;
      else if (CLASS[d[i]] !== 1) throw new Error(`PDF: bad hexadecimal string at ${i}`);
    }
    const out = new Uint8Array((digits + 1) >> 1);
    let k = 0;
    for (let i = this.pos + 1; i < end; i++) {
      const v = HEX[d[i]];
      if (v >= 0) out[k >> 1] |= k++ & 1 ? v : v << 4;
    }
    this.pos = end + 1;
    return new PdfString(out);
  }

  /** A name (7.3.5), after its slash: one object per name of a content stream (a page names its few fonts and tags again and again). */
  private name(): PdfName {
    const d = this.data;
    const end = this.wordEnd();
    let key = end - this.pos;
    for (let i = this.pos; i < end && key >= 0; i++) key = d[i] === 0x23 ? -1 : key * 256 + d[i];
    if (this.refs || key < 0 || end - this.pos > 6) return new PdfName(this.word().replace(/#([0-9a-f]{2})/giu, (_, h: string) => String.fromCharCode(parseInt(h, 16))));
    let name = NAMES.get(key);
    if (!name) NAMES.set(key, (name = new PdfName(d.toString('latin1', this.pos, end))));
    this.pos = end;
    return name;
  }

  /** The next object, or an operator (a keyword that is not an object) as a string. */
  next(): PdfValue | { op: string } {
    this.skipSpace();
    const d = this.data;
    const c = d[this.pos];
    if (c === 0x2f) { this.pos++; return this.name(); }
    if (c === 0x28) return this.literal();
    if (c === 0x3c && d[this.pos + 1] === 0x3c) { this.pos += 2; return this.dict(); }
    if (c === 0x3c) return this.hexString();
    if (c === 0x5b) {
      this.pos++;
      const items: PdfValue[] = [];
      for (;;) {
        this.skipSpace();
        if (d[this.pos] === 0x5d) { this.pos++; return items; }
        items.push(this.object());
      }
    }
    if (c === 0x5d || c === 0x3e || c === 0x7b || c === 0x7d || c === 0x29) { this.pos++; return { op: String.fromCharCode(c) }; }
    // A number begins with a digit, a sign or a point (7.3.3).
    if ((c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e) {
      const n = this.number();
      // `n g R` is a reference (7.3.10).
      if (this.refs && Number.isInteger(n)) {
        const m = /^\s+(\d+)\s+R(?=[\s/<[(>\]]|$)/u.exec(d.toString('latin1', this.pos, this.pos + 24));
        if (m) { this.pos += m[0].length; return new PdfRef(n); }
      }
      return n;
    }
    const w = this.operator();
    if (w.op === 'true' || w.op === 'false') return w.op === 'true';
    if (w.op === 'null') return null;
    if (!w.op) throw new Error(`PDF: unexpected byte ${c} at ${this.pos}`);
    return w;
  }

  /** The next object (an operator here is an error). */
  object(): PdfValue {
    const v = this.next();
    if (v !== null && typeof v === 'object' && 'op' in v) throw new Error(`PDF: unexpected ${v.op} at ${this.pos}`);
    return v;
  }

  private dict(): PdfDict {
    const out: PdfDict = new Map();
    for (;;) {
      this.skipSpace();
      if (this.data[this.pos] === 0x3e && this.data[this.pos + 1] === 0x3e) { this.pos += 2; return out; }
      const key = this.object();
      if (!(key instanceof PdfName)) throw new Error(`PDF: a dictionary key is not a name at ${this.pos}`);
      out.set(key.name, this.object());
    }
  }

  /** A literal string (7.3.4.2): balanced parentheses, backslash escapes. */
  private literal(): PdfString {
    const d = this.data;
    const out: number[] = [];
    let depth = 0;
    this.pos++;
    for (;;) {
      const c = d[this.pos++];
      if (c === undefined) throw new Error('PDF: unterminated string');
      if (c === 0x5c) {
        const e = d[this.pos++];
        const simple: Record<number, number> = { 0x6e: 0x0a, 0x72: 0x0d, 0x74: 0x09, 0x62: 0x08, 0x66: 0x0c, 0x28: 0x28, 0x29: 0x29, 0x5c: 0x5c };
        if (e in simple) out.push(simple[e]);
        else if (e >= 0x30 && e <= 0x37) {
          let n = e - 0x30;
          for (let k = 0; k < 2 && d[this.pos] >= 0x30 && d[this.pos] <= 0x37; k++) n = n * 8 + d[this.pos++] - 0x30;
          out.push(n & 0xff);
        } else if (e === 0x0d) { if (d[this.pos] === 0x0a) this.pos++; }
        else if (e !== 0x0a) out.push(e);
        continue;
      }
      if (c === 0x28) depth++;
      if (c === 0x29 && depth-- === 0) return new PdfString(Buffer.from(out));
      out.push(c);
    }
  }
}

/** A PDF string as text: UTF-16BE after its byte order mark, else one byte a character. */
export function stringText(s: PdfString): string {
  const b = Buffer.from(s.bytes);
  return b[0] === 0xfe && b[1] === 0xff ? b.subarray(2).swap16().toString('utf16le') : b.toString('latin1');
}

/**
 * A font's codes to text: the code length and the ToUnicode map (9.10.3); `unit` gives the
 * code's text where it is one UTF-16 unit (the rest are in `map` only), 0 where it is not.
 */
interface FontCodes { bytes: 1 | 2; map: Map<number, string>; unit: Uint16Array }

function fontCodes(bytes: 1 | 2, map: Map<number, string>): FontCodes {
  const unit = new Uint16Array(bytes === 2 ? 0x10000 : 0x100);
  for (const [code, text] of map) if (text.length === 1 && code < unit.length) unit[code] = text.charCodeAt(0);
  return { bytes, map, unit };
}

/** Text decoded from a content stream's strings for the operator that shows it, as UTF-16 units (PdfFile.content). */
let units = new Uint16Array(4096);

function utf16be(hex: string): string {
  return Buffer.from(hex, 'hex').swap16().toString('utf16le');
}

/** The bfchar and bfrange mappings of a ToUnicode CMap. */
function toUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/gu)) {
    for (const [, code, text] of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>/gu)) map.set(parseInt(code, 16), utf16be(text));
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/gu)) {
    for (const [, lo, hi, rest] of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(<[0-9a-fA-F]*>|\[[^\]]*\])/gu)) {
      const [from, to] = [parseInt(lo, 16), parseInt(hi, 16)];
      if (rest.startsWith('[')) [...rest.matchAll(/<([0-9a-fA-F]*)>/gu)].forEach((m, i) => { if (from + i <= to) map.set(from + i, utf16be(m[1])); });
      else {
        const start = Buffer.from(rest.slice(1, -1), 'hex');
        for (let c = from; c <= to; c++) {
          const b = Buffer.from(start);
          b.writeUInt16BE((b.readUInt16BE(b.length - 2) + c - from) & 0xffff, b.length - 2);
          map.set(c, b.swap16().toString('utf16le'));
        }
      }
    }
  }
  return map;
}

/** A PDF file: its objects by number, read when first asked for. */
export class PdfFile {
  private readonly offsets = new Map<number, number>();
  private readonly objects = new Map<number, PdfValue>();
  private readonly fonts = new Map<unknown, FontCodes>();
  readonly trailer: PdfDict;

  constructor(readonly data: Buffer) {
    const tail = data.toString('latin1', Math.max(0, data.length - 1024));
    const start = /startxref\s+(\d+)\s+%%EOF\s*$/u.exec(tail);
    if (!start) throw new Error('PDF: no startxref at the end of the file');
    const lex = new Lexer(data, Number(start[1]));
    if ((lex.next() as { op?: string }).op !== 'xref') throw new Error('PDF: the cross-reference is not a table');
    // Sections of `first count` and then `offset generation n|f` lines, up to the trailer (7.5.4).
    for (;;) {
      const first = lex.next();
      if (typeof first !== 'number') { if ((first as { op?: string }).op !== 'trailer') throw new Error('PDF: bad cross-reference table'); break; }
      const count = lex.object() as number;
      for (let i = 0; i < count; i++) {
        const offset = lex.object() as number;
        lex.object();
        if ((lex.next() as { op: string }).op === 'n') this.offsets.set(first + i, offset);
      }
    }
    this.trailer = lex.object() as PdfDict;
  }

  /** An object by number, or what a value refers to. */
  get(v: PdfValue | undefined): PdfValue | undefined {
    if (!(v instanceof PdfRef)) return v;
    if (this.objects.has(v.num)) return this.objects.get(v.num);
    const at = this.offsets.get(v.num);
    if (at === undefined) return undefined;
    const lex = new Lexer(this.data, at);
    lex.object(); lex.object();
    if ((lex.next() as { op?: string }).op !== 'obj') throw new Error(`PDF: object ${v.num} is not where the cross-reference says`);
    let value = lex.object();
    const after = lex.next() as { op?: string };
    if (after.op === 'stream') {
      const dict = value as PdfDict;
      let s = lex.pos;
      if (this.data[s] === 0x0d) s++;
      if (this.data[s] === 0x0a) s++;
      value = new PdfStream(dict, this.data.subarray(s, s + (this.get(dict.get('Length')) as number)));
    }
    this.objects.set(v.num, value);
    return value;
  }

  dict(v: PdfValue | undefined): PdfDict | undefined {
    const d = this.get(v);
    return d instanceof Map ? d : d instanceof PdfStream ? d.dict : undefined;
  }

  /** A stream's data, decoded (FlateDecode only: what wenji writes). */
  streamData(v: PdfValue | undefined): Buffer {
    const s = this.get(v);
    if (!(s instanceof PdfStream)) throw new Error('PDF: not a stream');
    const filter = this.get(s.dict.get('Filter'));
    const filters = (Array.isArray(filter) ? filter : filter ? [filter] : []).map((f) => (f as PdfName).name);
    if (filters.some((f) => f !== 'FlateDecode')) throw new Error(`PDF: a stream with the filter ${filters.join(', ')}`);
    return filters.length ? inflateSync(s.raw) : s.raw;
  }

  /** The pages in order: each page's dictionary and its object (destinations point to it). */
  pages(): { ref: PdfValue; dict: PdfDict }[] {
    const out: { ref: PdfValue; dict: PdfDict }[] = [];
    const walk = (ref: PdfValue, inherited: PdfDict) => {
      const node = this.dict(ref)!;
      const merged: PdfDict = new Map(inherited);
      for (const key of ['Resources', 'MediaBox']) if (node.has(key)) merged.set(key, node.get(key)!);
      if ((this.get(node.get('Type')) as PdfName | undefined)?.name === 'Page') out.push({ ref, dict: new Map([...merged, ...node]) });
      else for (const kid of this.get(node.get('Kids')) as PdfValue[]) walk(kid, merged);
    };
    walk(this.dict(this.trailer.get('Root'))!.get('Pages')!, new Map());
    return out;
  }

  /** The named destinations of the catalog's Dests name tree: name → its array. */
  destinations(): Map<string, PdfValue[]> {
    const out = new Map<string, PdfValue[]>();
    const walk = (node: PdfDict | undefined) => {
      if (!node) return;
      const names = this.get(node.get('Names')) as PdfValue[] | undefined;
      for (let i = 0; names && i + 1 < names.length; i += 2) {
        const dest = this.get(names[i + 1]);
        const array = dest instanceof Map ? this.get(dest.get('D')) : dest;
        out.set(stringText(this.get(names[i]) as PdfString), array as PdfValue[]);
      }
      for (const kid of (this.get(node.get('Kids')) as PdfValue[] | undefined) ?? []) walk(this.dict(kid));
    };
    walk(this.dict(this.dict(this.dict(this.trailer.get('Root'))?.get('Names'))?.get('Dests')));
    return out;
  }

  private fontCodes(ref: PdfValue | undefined): FontCodes {
    if (ref === undefined) throw new Error('PDF: text set in a font the page does not have');
    let codes = this.fonts.get(ref instanceof PdfRef ? ref.num : ref);
    if (!codes) {
      const font = this.dict(ref)!;
      const map = font.get('ToUnicode');
      if (!map) throw new Error('PDF: a font without ToUnicode: its text cannot be read');
      codes = fontCodes((this.get(font.get('Subtype')) as PdfName).name === 'Type0' ? 2 : 1, toUnicode(this.streamData(map).toString('latin1')));
      this.fonts.set(ref instanceof PdfRef ? ref.num : ref, codes);
    }
    return codes;
  }

  /** The text a page draws, in drawing order, with the marked-content tags around each piece (forms drawn by the page included). */
  pageText(page: PdfDict): DrawnText[] {
    const out: DrawnText[] = [];
    const contents = this.get(page.get('Contents'));
    // Several streams are read as one, a line end between each; one is read as it is.
    const data = Array.isArray(contents) ? Buffer.concat(contents.flatMap((c) => [this.streamData(c), Buffer.from('\n')])) : this.streamData(page.get('Contents'));
    this.content(data, this.dict(page.get('Resources')), [], out);
    return out;
  }

  /**
   * The text a content stream draws. A string's text is decoded as the string is met (inside an
   * array too: the font cannot change there), into `units`, and given to the text-showing
   * operator that follows; strings of other operators are dropped. Arrays are not made: no
   * operator read here takes one but TJ, whose strings are all that is read of it.
   */
  private content(data: Buffer, resources: PdfDict | undefined, tags: string[], out: DrawnText[]): void {
    const lex = new Lexer(data, 0, false);
    const operands: PdfValue[] = [];
    let font: FontCodes | undefined;
    let n = 0;
    const room = () => { if (n + 1 >= units.length) { const more = new Uint16Array(units.length * 2); more.set(units); units = more; } };
    const add = (f: FontCodes, code: number) => {
      const u = code < f.unit.length ? f.unit[code] : 0;
      if (u) { room(); units[n++] = u; return; }
      const text = f.map.get(code) ?? '';
      for (let i = 0; i < text.length; i++) { room(); units[n++] = text.charCodeAt(i); }
    };
    const chosen = () => {
      if (!font) throw new Error('PDF: text drawn before a font is chosen');
      return font;
    };
    /** A hexadecimal string's codes, read in place from its `<` to its `>`: `bytes` pairs of digits each; a last odd digit is followed by 0. */
    const hex = (from: number, to: number) => {
      const f = chosen();
      const digits = f.bytes * 2;
      let code = 0;
      let k = 0;
      for (let i = from + 1; i < to; i++) {
        const v = HEX[data[i]];
        if (v < 0) { if (CLASS[data[i]] !== 1) throw new Error(`PDF: bad hexadecimal string at ${i}`); continue; }
        code = code * 16 + v;
        if (++k === digits) { add(f, code); code = 0; k = 0; }
      }
      if (k === digits - 1) add(f, code * 16);
    };
    const literal = (s: PdfString) => {
      const f = chosen();
      for (let i = 0; i + f.bytes <= s.bytes.length; i += f.bytes) add(f, f.bytes === 2 ? (s.bytes[i] << 8) | s.bytes[i + 1] : s.bytes[i]);
    };
    /** The text decoded since the last operator. */
    const decoded = () => {
      let text = '';
      for (let i = 0; i < n; i += 4096) text += String.fromCharCode.apply(null, units.subarray(i, Math.min(n, i + 4096)) as unknown as number[]);
      return text;
    };
    // The tags open, as one array shared by every text drawn until they change.
    let open = [...tags];
    const show = () => { if (n) out.push({ text: decoded(), tags: open }); };
    while (!lex.atEnd()) {
      const c = data[lex.pos];
      if (c === 0x3c && data[lex.pos + 1] !== 0x3c) {
        const to = data.indexOf(0x3e, lex.pos);
        if (to < 0) throw new Error(`PDF: unterminated hexadecimal string at ${lex.pos}`);
        hex(lex.pos, to);
        lex.pos = to + 1;
        continue;
      }
      if (c === 0x5b || c === 0x5d) { lex.pos++; continue; }
      const t = lex.next();
      if (t instanceof PdfString) { literal(t); continue; }
      if (t === null || typeof t !== 'object' || !('op' in t)) { operands.push(t); continue; }
      switch (t.op) {
        case 'Tf': font = this.fontCodes(this.dict(resources?.get('Font'))?.get((operands[0] as PdfName).name)); break;
        case 'Tj': case "'": case '"': case 'TJ': show(); break;
        case 'BMC': case 'BDC': tags.push((operands[0] as PdfName).name); open = [...tags]; break;
        case 'EMC': tags.pop(); open = [...tags]; break;
        case 'Do': {
          const xobject = this.get(this.dict(resources?.get('XObject'))?.get((operands[0] as PdfName).name));
          if (xobject instanceof PdfStream && (this.get(xobject.dict.get('Subtype')) as PdfName).name === 'Form') {
            this.content(this.streamData(xobject), this.dict(xobject.dict.get('Resources')) ?? resources, tags, out);
            open = [...tags];
          }
          break;
        }
        case 'BI': {
          // An inline image: its data runs from ID to EI.
          const end = data.indexOf('EI', data.indexOf('ID', lex.pos));
          lex.pos = end + 2;
          break;
        }
        default: break;
      }
      operands.length = 0;
      n = 0;
    }
  }
}
