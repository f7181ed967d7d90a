// Reading a witness from bytes: UTF-8 (with or without BOM) or GB18030/GBK, CRLF or LF.
// Anything else is an error that names the file and the first bad line.
import { fail } from '../diagnostics.ts';

export interface DecodedSource {
  file: string;
  text: string;
  encoding: 'utf-8' | 'gb18030';
}

/** Line (1-based) and column of a byte offset, counting lines by LF. */
function byteLine(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) { line++; start = i + 1; }
  return { line, column: offset - start + 1 };
}

/** First offset at which the bytes stop being valid UTF-8, or -1. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    const need = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (need < 0 || i + need >= bytes.length) return i;
    for (let k = 1; k <= need; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return i;
    i += need + 1;
  }
  return -1;
}

export function decodeSource(file: string, bytes: Uint8Array): DecodedSource {
  if (bytes.length === 0 || /^\s*$/u.test(new TextDecoder('utf-8').decode(bytes))) {
    fail({ code: 'source-empty', file, message: 'the file is empty', hint: 'put the witness text in it, or remove it from corpus/sources.yaml' });
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    const at = byteLine(bytes, nul);
    fail({ code: 'source-binary', file, ...at, message: 'the file holds NUL bytes: it is binary, not a text witness', hint: 'export the witness as text (UTF-8 or GB18030)' });
  }
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = hasBom ? bytes.subarray(3) : bytes;
  let text: string;
  let encoding: DecodedSource['encoding'] = 'utf-8';
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    try {
      text = new TextDecoder('gb18030', { fatal: true }).decode(body);
      encoding = 'gb18030';
    } catch {
      const bad = Math.max(0, firstInvalidUtf8(body));
      fail({
        code: 'source-encoding', file, ...byteLine(body, bad),
        message: `byte 0x${body[bad].toString(16).padStart(2, '0')} is neither UTF-8 nor GB18030`,
        hint: 'convert the file to UTF-8 (e.g. iconv -f <encoding> -t UTF-8)',
      });
    }
  }
  // Control characters other than tab and line ends mean a file that is not text.
  const control = /[\u0001-\u0008\u000b\u000c\u000e-\u001f\u007f]/u.exec(text);
  if (control) {
    const line = text.slice(0, control.index).split('\n').length;
    fail({ code: 'source-binary', file, line, message: `control character U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}: the file is not a text witness`, hint: 'export the witness as plain text' });
  }
  return { file, text: text.replace(/\r\n?/gu, '\n'), encoding };
}
