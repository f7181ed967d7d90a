// Paths from input that lead out of the project or to what is not a regular file: each is one
// message at the place that names it, through the real command line; out/ and corpus/ unchanged,
// and nothing of the file outside ever reaches the output.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { copyProject, snapshot, wenji } from './project.ts';

/** A FIFO (mkfifo has no Node API). */
function fifo(path: string): void {
  execFileSync('mkfifo', [path]);
}

/** Front matter of a document established from witnesses, naming its apparatus file. */
function established(apparatus: string): string {
  return `---
id: 2024-01-02-x
title: 标题
title_supplied: false
date: 2024-01-02
date_supplied: false
place: 北京
signatories: []
completeness: complete
completeness_note: ''
gaps: []
witnesses:
  - {file: a.txt, kind: text, medium: m, origin: o, role: base, reliable: true, covers: all, state: s, divergences: 0, lone_readings: 0, removed: []}
collation:
  rules: []
  variants: 0
  apparatus: ${apparatus}
---

正文。
`;
}

/** Breaks a copy of the project, builds it, and checks the failure: exit 1, the messages, no stack trace, nothing changed. */
function refused(setup: (dir: string) => void, expected: RegExp[]): string {
  const dir = copyProject();
  setup(dir);
  const before = snapshot(dir);
  const r = wenji(['build', '-C', dir, '-f', 'epub'], 180_000);
  expect(r.signal, r.err).toBeNull();
  expect(r.code, r.err).toBe(1);
  for (const re of expected) expect(r.err).toMatch(re);
  expect(r.err).not.toMatch(/^\s+at .+:\d+:\d+\)?$/mu);
  expect(r.err).not.toContain('root:x:0');
  expect(snapshot(dir)).toEqual(before);
  return r.err;
}

describe('paths that leave the project are refused', { timeout: 900_000 }, () => {
  it('an absolute apparatus path, a relative one climbing out, and a device are refused at the key', () => {
    for (const path of ['/etc/passwd', '../../../../../../etc/passwd', '/dev/zero']) {
      refused((d) => writeFileSync(join(d, 'corpus', 'x.md'), established(path)), [new RegExp(`corpus/x\\.md:17:3: error: ${path.replace(/[./]/gu, '\\$&')} lies outside the project \\[input-refused\\]\\n  hint: copy the file into the project`, 'u')]);
    }
  });

  it('an apparatus file that is a link to /dev/zero, or a FIFO, is refused at the key', () => {
    refused((d) => { writeFileSync(join(d, 'corpus', 'x.md'), established('z.yaml')); symlinkSync('/dev/zero', join(d, 'corpus', 'z.yaml')); }, [/corpus\/x\.md:17:3: error: corpus\/z\.yaml is a link to a file outside the project/u]);
    refused((d) => { writeFileSync(join(d, 'corpus', 'x.md'), established('z.yaml')); fifo(join(d, 'corpus', 'z.yaml')); }, [/corpus\/x\.md:17:3: error: corpus\/z\.yaml is a named pipe \(FIFO\), not a file/u]);
  });

  it('a document that is a link outside, a FIFO, a link to a device, or a folder named x.md: one message each', () => {
    refused((d) => symlinkSync('/etc/passwd', join(d, 'corpus', 'p.md')), [/corpus\/p\.md: error: corpus\/p\.md is a symbolic link to something outside the project \[input-refused\]\n  hint: /u]);
    refused((d) => fifo(join(d, 'corpus', 'pipe.md')), [/corpus\/pipe\.md: error: corpus\/pipe\.md is a named pipe \(FIFO\), not a file/u]);
    refused((d) => symlinkSync('/dev/zero', join(d, 'corpus', 'z.md')), [/corpus\/z\.md: error: corpus\/z\.md is a symbolic link to something outside the project/u]);
    refused((d) => mkdirSync(join(d, 'corpus', 'x.md')), [/corpus\/x\.md: error: corpus\/x\.md is a folder, not a document \[input-refused\]\n  hint: rename the folder/u]);
  });

  it('a folder of the corpus that links outside is not walked, and is told', () => {
    const dir = copyProject();
    symlinkSync('/etc', join(dir, 'corpus', 'etc'));
    const r = wenji(['build', '-C', dir, '-f', 'epub'], 180_000);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/corpus\/etc: warning: corpus\/etc is a symbolic link to something outside the project; it is not read \[input-refused\]/u);
  });

  it('the edition file as a link outside, or a FIFO', () => {
    refused((d) => { execFileSync('rm', [join(d, 'corpus', 'edition.yaml')]); symlinkSync('/etc/passwd', join(d, 'corpus', 'edition.yaml')); }, [/corpus\/edition\.yaml: error: corpus\/edition\.yaml is a link to a file outside the project/u]);
    refused((d) => { execFileSync('rm', [join(d, 'corpus', 'edition.yaml')]); fifo(join(d, 'corpus', 'edition.yaml')); }, [/corpus\/edition\.yaml: error: corpus\/edition\.yaml is a named pipe \(FIFO\)/u]);
  });

  it('a template that includes a file outside, or is a link outside, or a FIFO', () => {
    refused((d) => writeFileSync(join(d, 'templates', 'document.md'), '{% include "../../../../etc/passwd" %}\n{{ doc.body | raw }}\n'), [/templates\/document\.md:1:1: error: Failed to lookup "\.\.\/\.\.\/\.\.\/\.\.\/etc\/passwd" \[template\]\n  hint: include templates by name/u]);
    refused((d) => { execFileSync('rm', [join(d, 'templates', 'document.md')]); symlinkSync('/etc/passwd', join(d, 'templates', 'document.md')); }, [/templates\/document\.md: error: the template templates\/document\.md is a link to a file outside the project \[input-refused\]/u]);
    refused((d) => { execFileSync('rm', [join(d, 'templates', 'colophon.md')]); fifo(join(d, 'templates', 'colophon.md')); }, [/templates\/colophon\.md: error: the template templates\/colophon\.md is a named pipe \(FIFO\), not a file/u]);
  });
});
