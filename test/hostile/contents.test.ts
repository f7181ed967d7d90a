// Hostile and unusual contents of project files, through the real command line: encodings other
// than UTF-8, characters XML forbids, impossible dates, huge strings, alias bombs, overlong ids,
// duplicates, templates that never end. Each is one message at its place with a hint, exit 1,
// never a stack trace, and out/ and corpus/ as they were.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../src/input/index.ts';
import { DiagnosticError } from '../../src/diagnostics.ts';
import { copyProject, snapshot, wenji } from './project.ts';

/** Breaks a copy of the project, builds it, and checks the failure: exit 1, no stack trace, nothing changed. */
function refused(setup: (dir: string) => void, timeout = 180_000): string {
  const dir = copyProject();
  setup(dir);
  const before = snapshot(dir);
  const r = wenji(['build', '-C', dir, '-f', 'epub'], timeout);
  expect(r.signal, r.err).toBeNull();
  expect(r.code, r.err).toBe(1);
  expect(r.err).not.toMatch(/^\s+at .+:\d+:\d+\)?$/mu);
  expect(snapshot(dir)).toEqual(before);
  return r.err;
}

const put = (dir: string, name: string, data: string | Buffer) => writeFileSync(join(dir, 'corpus', name), data);
const utf16 = (s: string, be = false) => { const b = Buffer.from(s, 'utf16le'); if (be) b.swap16(); return b; };

/** The first error a decoding gives, as `line:column message`. */
function decodeError(bytes: Buffer): string {
  try { decodeText(bytes, 'x.md'); } catch (e) {
    const d = (e as DiagnosticError).diagnostics[0];
    return `${d.line}:${d.column} ${d.message} | ${d.hint}`;
  }
  return 'no error';
}

describe('encodings', () => {
  it('names each encoding at the first bad byte, with the command that converts it', () => {
    expect(decodeError(Buffer.concat([Buffer.from([0xff, 0xfe]), utf16('# 标题\n正文')]))).toMatch(/^1:1 the file is UTF-16 little-endian, not UTF-8 \| convert it: iconv -f UTF-16LE -t UTF-8/u);
    expect(decodeError(utf16('# title\nbody', true))).toMatch(/^1:1 the file is UTF-16 big-endian \(without a byte-order mark\)/u);
    expect(decodeError(utf16('ab\ncd'))).toMatch(/^1:2 the file is UTF-16 little-endian \(without a byte-order mark\)/u);
    // 中文 in GBK on line 2 after a CRLF, after ASCII: column 4.
    expect(decodeError(Buffer.concat([Buffer.from('abc\r\nxyz'), Buffer.from([0xd6, 0xd0, 0xce, 0xc4]), Buffer.from('\r\n')]))).toMatch(/^2:4 byte 0xD6 is not UTF-8: the file looks like GBK\/GB18030 .* \| convert the file to UTF-8: iconv -f GB18030 -t UTF-8/u);
    // café in Latin-1, after a BOM and Chinese text: the BOM is no column, 中文 are two.
    expect(decodeError(Buffer.concat([Buffer.from('\uFEFF中文caf'), Buffer.from([0xe9]), Buffer.from(' ok\n')]))).toMatch(/^1:6 byte 0xE9 is not UTF-8: the file looks like Latin-1 .* \| convert the file to UTF-8: iconv -f WINDOWS-1252/u);
    expect(decodeError(Buffer.from('ab\r\ncd\u0000ef\n'))).toMatch(/^2:3 a NUL byte/u);
    expect(decodeError(Buffer.from('line\rnext\r\u000Bx'))).toMatch(/^3:1 the character U\+000B \(vertical tab\)/u);
    expect(decodeError(Buffer.from([0x61, 0x0a, 0x62, 0xed, 0xa0, 0x80]))).toMatch(/^2:2 an encoded surrogate/u);
    expect(decodeError(Buffer.from('\uFEFFa\r\n\uFFFEb'))).toMatch(/^2:1 the character U\+FFFE \(a noncharacter\)/u);
  });

  it('accepts a BOM and CRLF or CR line ends, giving LF text', () => {
    expect(decodeText(Buffer.from('\uFEFF# 标题\r\n\r\n正文\r末\n'), 'x.md')).toBe('# 标题\n\n正文\n末\n');
  });

  it('a project of files in every wrong encoding: each file told at its place, in one build', { timeout: 300_000 }, () => {
    const err = refused((d) => {
      put(d, 'u16le.md', Buffer.concat([Buffer.from([0xff, 0xfe]), utf16('# 标题\n正文\n')]));
      put(d, 'u16be.md', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16('# 标题\n正文\n', true)]));
      put(d, 'gbk.md', Buffer.concat([Buffer.from('---\r\ntitle: x\r\n---\r\n'), Buffer.from([0xd6, 0xd0, 0xce, 0xc4])]));
      put(d, 'latin.md', Buffer.concat([Buffer.from('\uFEFFEin Caf'), Buffer.from([0xe9, 0x0a])]));
      put(d, 'nul.md', Buffer.from('正文\r\n正\u0000文\r\n'));
      put(d, 'vt.md', Buffer.from('\uFEFF正文\r\n甲乙\u000B丙\r\n'));
      put(d, 'ff.md', Buffer.from('---\ntitle: "甲\\f乙"\n---\n正文\n'));
    });
    expect(err).toMatch(/corpus\/u16le\.md:1:1: error: the file is UTF-16 little-endian, not UTF-8 \[input-encoding\]\n  hint: convert it: iconv -f UTF-16LE/u);
    expect(err).toMatch(/corpus\/u16be\.md:1:1: error: the file is UTF-16 big-endian, not UTF-8/u);
    expect(err).toMatch(/corpus\/gbk\.md:4:1: error: byte 0xD6 is not UTF-8: the file looks like GBK\/GB18030/u);
    expect(err).toMatch(/corpus\/latin\.md:1:8: error: byte 0xE9 is not UTF-8: the file looks like Latin-1/u);
    expect(err).toMatch(/corpus\/nul\.md:2:2: error: a NUL byte \(U\+0000\)/u);
    expect(err).toMatch(/corpus\/vt\.md:2:3: error: the character U\+000B \(vertical tab\) is not allowed in a book \(XML forbids it\) \[input-character\]\n  hint: delete it/u);
    expect(err).toMatch(/corpus\/ff\.md:2:8: error: front matter: `title` holds the character U\+000C \(form feed\)/u);
  });
});

describe('contents that a loader must refuse with a message', { timeout: 900_000 }, () => {
  it('documents: impossible dates, a 2 MB title, a title of 600 characters, an alias bomb, an id of 300 characters, a duplicate id', () => {
    const bomb = ['a: &a [x,x,x,x,x,x,x,x,x]', ...'bcdefg'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefg'[i]}`).join(',')}]`)].join('\n');
    const err = refused((d) => {
      put(d, 'd1.md', '---\ndate: 2099-13-01\n---\n正文\n');
      put(d, 'd2.md', '---\ndate: 2023-02-30\n---\n正文\n');
      put(d, 'big.md', `---\ntitle: ${'a'.repeat(2_100_000)}\n---\n正文\n`);
      put(d, 'title.md', `---\ntitle: ${'长'.repeat(600)}\n---\n正文\n`);
      put(d, 'bomb.md', `---\n${bomb}\n---\n正文\n`);
      put(d, 'long.md', `---\nid: ${'a'.repeat(300)}\n---\n正文\n`);
      put(d, 'same.md', '---\nid: a\n---\n正文\n');
    });
    expect(err).toMatch(/corpus\/d1\.md:2:7: error: front matter: `date`: no such date in the calendar/u);
    expect(err).toMatch(/corpus\/d2\.md:2:7: error: front matter: `date`: no such date in the calendar/u);
    expect(err).toMatch(/corpus\/big\.md:2:1: error: front matter is 2\.0 MB of YAML; at most 1 MB is read/u);
    expect(err).toMatch(/corpus\/title\.md:2:8: error: front matter: `title`: at most 500 characters/u);
    expect(err).toMatch(/corpus\/bomb\.md:2:1: error: front matter: Excessive alias count .*\n  hint: use fewer YAML aliases/u);
    expect(err).toMatch(/corpus\/long\.md:2:5: error: front matter: `id`: at most 80 characters/u);
    expect(err).toMatch(/corpus\/same\.md:1:1: error: the id a is also the id of corpus\/a\.md/u);
  });

  it('a 50 MB document is refused by its size, at once', () => {
    const err = refused((d) => put(d, 'huge.md', Buffer.alloc(50 * 1024 * 1024, '中文段落。\n')));
    expect(err).toMatch(/corpus\/huge\.md: error: corpus\/huge\.md is 50\.0 MB; a document may be at most 5\.0 MB \[input-refused\]\n  hint: split it/u);
  });

  it('the edition file: a slug of 300 characters, an impossible date, an empty documents list, all at once', () => {
    const err = refused((d) => {
      const path = join(d, 'corpus', 'edition.yaml');
      writeFileSync(path, `${readFileSync(path, 'utf8').replace('slug: book', `slug: ${'a'.repeat(300)}`).replace('date: 2024-01-01', 'date: 2024-02-30')}documents: []\n`);
    });
    expect(err).toMatch(/corpus\/edition\.yaml:6:7: error: edition: `slug`: at most 80 characters/u);
    expect(err).toMatch(/corpus\/edition\.yaml:7:7: error: edition: `date`: no such day in the calendar/u);
    expect(err).toMatch(/corpus\/edition\.yaml:11:12: error: edition: `documents`: lists no document/u);
  });

  it('the edition file: a document listed twice', () => {
    const err = refused((d) => writeFileSync(join(d, 'corpus', 'edition.yaml'), `${readFileSync(join(d, 'corpus', 'edition.yaml'), 'utf8')}documents:\n  - a\n  - b\n  - a\n`));
    expect(err).toMatch(/corpus\/edition\.yaml:14:5: error: document a is listed twice/u);
  });

  it('templates: a loop of 10⁹ turns and nested loops stop at their limit, at the loop', () => {
    let err = refused((d) => writeFileSync(join(d, 'templates', 'document.md'), '# {{ doc.title }}\n{% for i in (1..1000000000) %}x{% endfor %}\n{{ doc.body | raw }}\n'));
    expect(err).toMatch(/templates\/document\.md:2:\d+: error: memory alloc limit exceeded \[template\]\n  hint: a template may run 15 s/u);
    err = refused((d) => writeFileSync(join(d, 'templates', 'document.md'), '{% for i in (1..5000) %}{% for j in (1..5000) %}{% for k in (1..5000) %}x{% endfor %}{% endfor %}{% endfor %}\n{{ doc.body | raw }}\n'));
    expect(err).toMatch(/templates\/document\.md:1:\d+: error: (memory alloc|template render) limit exceeded \[template\]/u);
  });

  it('a template that includes itself', () => {
    const err = refused((d) => writeFileSync(join(d, 'templates', 'colophon.md'), 'x\n{% include "colophon" %}\n'));
    expect(err).toMatch(/templates\/colophon\.md:\d+:\d+: error: .*(include each other too deeply|limit exceeded)/u);
  });

  it('nesting deeper than the parser reads is an error at its line', () => {
    const err = refused((d) => put(d, 'deep.md', `前文\n\n${'>'.repeat(300)} 深\n`));
    expect(err).toMatch(/corpus\/deep\.md:3:1: error: quotes, lists or containers are nested more than 50 levels deep here/u);
  });
});
