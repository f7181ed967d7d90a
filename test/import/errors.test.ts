// Bad input: each gives one clear message naming the file and line, exits non-zero, and leaves
// the corpus as it was.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeSource } from '../../src/import/decode.ts';
import { DiagnosticError } from '../../src/diagnostics.ts';
import { tempProject, snapshot } from '../helpers/project.ts';
import { run } from '../helpers/run.ts';
import { ROOT } from '../helpers/paths.ts';

const OCR = '000_bc26827d51292f16.txt';

async function importWith(file: string, content: string | Uint8Array) {
  const dir = tempProject();
  writeFileSync(join(dir, 'corpus', 'sources', file), content);
  const before = snapshot(join(dir, 'corpus'));
  const r = await run('-C', dir, 'import');
  const unchanged = JSON.stringify(snapshot(join(dir, 'corpus'))) === JSON.stringify(before);
  return { ...r, unchanged };
}

describe('bad witnesses', () => {
  it('an empty file', async () => {
    const r = await importWith(OCR, '');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^corpus\/sources\/000_bc26827d51292f16\.txt: error: the file is empty \[source-empty\]/mu);
    expect(r.unchanged).toBe(true);
  });

  it('a binary file', async () => {
    const r = await importWith(OCR, new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/000_bc26827d51292f16\.txt:3:1: error: the file holds NUL bytes: it is binary/u);
    expect(r.unchanged).toBe(true);
  });

  it('bytes that are neither UTF-8 nor GB18030', async () => {
    const good = new TextEncoder().encode('第一行\n第二行');
    const r = await importWith(OCR, new Uint8Array([...good, 0x0a, 0xff, 0xff, 0x0a]));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/000_bc26827d51292f16\.txt:3:1: error: byte 0xff is neither UTF-8 nor GB18030 \[source-encoding\]/u);
    expect(r.err).toMatch(/hint: convert the file to UTF-8/u);
    expect(r.unchanged).toBe(true);
  });

  it('a file in which no document can be recognised', async () => {
    const r = await importWith('004_670cd57cfbf4118f.txt', '<html><body><nav><a href="/">home</a></nav></body></html>');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/004_670cd57cfbf4118f\.txt:1: error: no document text found when reading it as html \[source-no-document\]/u);
    expect(r.unchanged).toBe(true);
  });

  it('a continuation mark that names no page', async () => {
    const r = await importWith(OCR, '双方强调，\n巩固和深化中俄关系。（下转）\n');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/000_bc26827d51292f16\.txt:2:11: error: continuation mark （下转） names no page \[continuation-no-page\]/u);
    expect(r.unchanged).toBe(true);
  });

  it('a manifest with a wrong field', async () => {
    const dir = tempProject();
    const path = join(dir, 'corpus', 'sources.yaml');
    const text = (await import('node:fs')).readFileSync(path, 'utf8').replace('kind: markdown', 'kind: pdf');
    writeFileSync(path, text);
    const r = await run('-C', dir, 'import');
    expect(r.code).toBe(1);
    const line = text.split('\n').findIndex((l) => l.includes('kind: pdf')) + 1;
    expect(r.err).toContain(`corpus/sources.yaml:${line}:11: error: source manifest: \`sources.3.kind\``);
  });
});

describe('encodings', () => {
  const text = '中华人民共和国和俄罗斯联邦，\r\n声明如下：\r\n';
  it('reads UTF-8 with a BOM and CRLF line ends', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]);
    expect(decodeSource('f', bytes)).toEqual({ file: 'f', text: '中华人民共和国和俄罗斯联邦，\n声明如下：\n', encoding: 'utf-8' });
  });
  it('reads GB18030', () => {
    // 中华 in GB18030 (GBK range) and a full-width comma, then a line end.
    const bytes = new Uint8Array([0xd6, 0xd0, 0xbb, 0xaa, 0xa3, 0xac, 0x0d, 0x0a]);
    expect(decodeSource('f', bytes)).toMatchObject({ text: '中华，\n', encoding: 'gb18030' });
  });
  it('names the file of an undecodable witness', () => {
    expect(() => decodeSource('corpus/sources/x.txt', new Uint8Array([0x41, 0xff]))).toThrow(DiagnosticError);
    expect(() => decodeSource('corpus/sources/x.txt', new Uint8Array([0x41, 0xff]))).toThrow(/corpus\/sources\/x\.txt:1:2/u);
  });
});

describe('the command line of import', () => {
  it('normalize prints one witness as Markdown', async () => {
    const r = await run('normalize', '--kind', 'ocr', 'corpus/sources/002_26cc67a30f32e7ad.txt');
    expect(r.code).toBe(0);
    expect(r.out).toContain('# 中华人民共和国和俄罗斯联邦关于全球战略稳定的联合声明');
    expect(r.out).toContain('<!-- gap: text after this point is on page 四 (（下转第四版）) -->');
  });
  it('import --check confirms the corpus is reproducible', async () => {
    const r = await run('import', '--check');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/corpus is reproducible: 6 files/u);
  });
  it('an unknown kind is a usage error', async () => {
    const r = await run('normalize', '--kind', 'pdf', 'x');
    expect(r.code).toBe(2);
  });
});

describe('encodings, end to end', () => {
  it('a witness in GB18030 with CRLF line ends reads as its UTF-8 copy does', async () => {
    const dir = join(ROOT, 'test', 'fixtures', 'import');
    const gb = await run('normalize', '--kind', 'markdown', join(dir, '003-head.gb18030-crlf.md'));
    const utf8 = await run('normalize', '--kind', 'markdown', join(dir, '003-head.utf8-bom.md'));
    expect(gb.code).toBe(0);
    expect(gb.out).toBe(utf8.out);
    expect(gb.out).toContain('# 中华人民共和国和俄罗斯联邦在两国建交75周年之际关于深化新时代全面战略协作伙伴关系的联合声明');
    expect(gb.out).toContain('双方愿继续按照互利共赢原则深化各领域合作，密切配合');
  });
});
