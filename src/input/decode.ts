// The text of a project file: UTF-8, with or without a BOM, line ends LF (CRLF and lone CR are
// made LF). Anything else is named as what it most likely is (UTF-16, GBK/GB18030, Latin-1, a
// binary file) at the first byte that is not UTF-8, with the command that converts it. Characters
// that XML does not allow (C0 controls but tab and line ends, U+FFFE, U+FFFF) are refused at
// their place: an EPUB holding one is not valid. Lines and columns count as an editor does: a
// column is a character (code point) of the line, the BOM is no column, CR LF is one line end.
import { DiagnosticError } from '../diagnostics.ts';

/** Characters XML 1.0 does not allow (§2.2), other than the surrogates, which UTF-8 cannot hold. */
export const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;

const CONTROL_NAMES: Record<number, string> = { 0: 'NUL', 7: 'BEL', 8: 'backspace', 0x0b: 'vertical tab', 0x0c: 'form feed', 0x1b: 'ESC' };

/** `U+000B (vertical tab)` */
export function describeChar(ch: string): string {
  const cp = ch.codePointAt(0)!;
  const name = CONTROL_NAMES[cp] ?? (cp >= 0xd800 && cp <= 0xdfff ? 'a lone surrogate' : cp >= 0xfffe ? 'a noncharacter' : 'a control character');
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')} (${name})`;
}

/** Offset of the first byte that is not part of well-formed UTF-8 (Unicode table 3-7), or -1. */
export function firstInvalidUtf8(b: Uint8Array): number {
  for (let i = 0; i < b.length;) {
    const x = b[i];
    if (x < 0x80) { i++; continue; }
    let need: number; let lo = 0x80; let hi = 0xbf;
    if (x >= 0xc2 && x <= 0xdf) need = 1;
    else if (x >= 0xe0 && x <= 0xef) { need = 2; if (x === 0xe0) lo = 0xa0; if (x === 0xed) hi = 0x9f; }
    else if (x >= 0xf0 && x <= 0xf4) { need = 3; if (x === 0xf0) lo = 0x90; if (x === 0xf4) hi = 0x8f; }
    else return i;
    if (i + need >= b.length) return i;
    if (b[i + 1] < lo || b[i + 1] > hi) return i;
    for (let k = 2; k <= need; k++) if ((b[i + k] & 0xc0) !== 0x80) return i;
    i += need + 1;
  }
  return -1;
}

/** Line and column (in characters) of a byte offset; the bytes before it are well-formed UTF-8. */
function bytePlace(b: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let start = b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
  for (let i = start; i < offset; i++) {
    if (b[i] === 0x0a || (b[i] === 0x0d && b[i + 1] !== 0x0a)) { line++; start = i + 1; }
  }
  const prefix = new TextDecoder('utf-8').decode(b.subarray(start, offset)).replace(/\r$/u, '');
  return { line, column: [...prefix].length + 1 };
}

/** Line and column of an index in text whose line ends are LF. */
export function textPlace(text: string, index: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < index; i = text.indexOf('\n', i + 1)) { line++; start = i + 1; }
  return { line, column: [...text.slice(start, index)].length + 1 };
}

const HAN = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/gu;

/** What a file that is not UTF-8 most likely is, by its bytes. */
function guessEncoding(b: Uint8Array): { name: string; iconv: string } {
  try {
    const text = new TextDecoder('gb18030', { fatal: true }).decode(b);
    const nonAscii = text.replace(/[\x00-\x7f]/gu, '').length;
    if (nonAscii && (text.match(HAN)?.length ?? 0) >= nonAscii * 0.6) return { name: 'GBK/GB18030 (a Chinese encoding of Windows)', iconv: 'GB18030' };
  } catch { /* not GB18030 either */ }
  const high = [...b].filter((x) => x >= 0x80);
  if (high.length && high.every((x) => x >= 0xa0 || (x >= 0x80 && x <= 0x9f))) return { name: 'Latin-1 (ISO-8859-1 or Windows-1252)', iconv: 'WINDOWS-1252' };
  return { name: 'not UTF-8', iconv: 'ENCODING' };
}

/** UTF-16 by its BOM, or by NUL bytes falling on every other byte of ASCII text. */
function utf16(b: Uint8Array): 'LE' | 'BE' | undefined {
  if (b[0] === 0xff && b[1] === 0xfe) return 'LE';
  if (b[0] === 0xfe && b[1] === 0xff) return 'BE';
  const n = Math.min(b.length, 4096) & ~1;
  if (n < 2) return undefined;
  let even = 0; let odd = 0;
  for (let i = 0; i < n; i += 2) { if (b[i] === 0) even++; if (b[i + 1] === 0) odd++; }
  if (odd > n / 2 * 0.3 && even < odd / 4) return 'LE';
  if (even > n / 2 * 0.3 && odd < even / 4) return 'BE';
  return undefined;
}

function encodingError(label: string, at: { line: number; column: number }, message: string, hint: string): DiagnosticError {
  return new DiagnosticError([{ severity: 'error', code: 'input-encoding', file: label, ...at, message, hint }]);
}

/** The first character XML does not allow, as an error at its line and column. */
export function invalidCharError(label: string, text: string, firstLine = 1, lineOffsetColumn = 0): DiagnosticError | undefined {
  const m = NOT_XML.exec(text);
  if (!m) return undefined;
  const at = textPlace(text, m.index);
  const nul = m[0] === '\u0000';
  return new DiagnosticError([{
    severity: 'error', code: 'input-character', file: label, line: at.line + firstLine - 1, column: at.column + (at.line === 1 ? lineOffsetColumn : 0),
    message: nul ? 'a NUL byte (U+0000): the file holds binary data, or is in an encoding with NUL bytes' : `the character ${describeChar(m[0])} is not allowed in a book (XML forbids it)`,
    hint: nul ? 'save the file as UTF-8 text' : 'delete it (it is invisible in most editors; `grep -nP "[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f]" FILE` finds it)',
  }]);
}

/** Bytes → text, or an error naming the encoding and the first bad byte's place. */
export function decodeText(bytes: Uint8Array, label: string): string {
  const wide = utf16(bytes);
  if (wide) {
    const bom = bytes[0] === 0xff || bytes[0] === 0xfe;
    const at = bom ? { line: 1, column: 1 } : bytePlace(bytes, bytes.indexOf(0));
    throw encodingError(label, at, `the file is UTF-16 ${wide === 'LE' ? 'little-endian' : 'big-endian'}${bom ? '' : ' (without a byte-order mark)'}, not UTF-8`, `convert it: iconv -f UTF-16${wide} -t UTF-8 ${label} > converted.md, or save it as UTF-8 in the editor`);
  }
  const bad = firstInvalidUtf8(bytes);
  if (bad >= 0) {
    const at = bytePlace(bytes, bad);
    const x = bytes[bad];
    const surrogate = x === 0xed && bytes[bad + 1] >= 0xa0 && bytes[bad + 1] <= 0xbf;
    if (surrogate) throw encodingError(label, at, 'an encoded surrogate (bytes ED A0–BF): a lone half of a UTF-16 pair, which UTF-8 cannot hold', 'delete the character, or re-save the file as UTF-8 from its source');
    const guess = guessEncoding(bytes);
    const known = guess.iconv !== 'ENCODING';
    throw encodingError(label, at, `byte 0x${x.toString(16).toUpperCase().padStart(2, '0')} is not UTF-8${known ? `: the file looks like ${guess.name}` : ''}`, `convert the file to UTF-8: iconv -f ${guess.iconv} -t UTF-8 ${label} > converted.md`);
  }
  const text = new TextDecoder('utf-8').decode(bytes).replace(/\r\n?/gu, '\n');
  const err = invalidCharError(label, text);
  if (err) throw err;
  return text;
}
