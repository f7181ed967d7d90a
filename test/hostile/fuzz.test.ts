// A bounded fuzz run of the whole build through the command line, on mutated copies of a small
// project: bytes flipped, files cut short, lines repeated, HTML, YAML and template junk inserted.
// Every run ends within its time bound with exit 0 and an EPUB, or exit 1 and a message at a
// place (out/ then as it was); never a stack trace, a signal or another exit code. The runs are
// seeded, so a failure repeats; WENJI_FUZZ_RUNS sets how many (default 8, about a minute on an idle machine).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { copyProject, snapshot, wenji } from './project.ts';

const RUNS = Number(process.env.WENJI_FUZZ_RUNS ?? 8);
const SEED = Number(process.env.WENJI_FUZZ_SEED ?? 20261201);
/** A build of the small project takes a few seconds; a hang is anything past this. */
const BOUND = 120_000;

const JUNK = [
  '<div>', '</span>', '<script>alert(1)</script>', '<img src="/etc/passwd">', '<!--', '-->', '<ruby>天<rt>', '&#0;', '&#xFFFF;',
  '---', '---\n', ': &a [x]', '*a', '!!binary', '? ', '- - -', '{', '}', '"', "'", '\t', 'title: [1, 2]', 'id: ../../x', 'date: 2023-02-30', 'documents: []',
  '{{', '}}', '{%', '%}', '{% for i in (1..100000000) %}', '{% endfor %}', '{{ doc.nothing }}', '{% include "../../x" %}',
  '[^1]', '[^1]: ', '::: note', ':::', '```', '>>>>>>>>>>', '| a |\n|---|', '# ', '![x](../../../etc/passwd)', '[x](#nowhere)',
  '\u000b', '\u0000', '\uFFFE', '\u200b', '\r', '\r\n', '\uFEFF', '𠀀', 'x'.repeat(3000),
];

type Mutation =
  | { kind: 'flip'; at: number; byte: number }
  | { kind: 'cut'; at: number }
  | { kind: 'repeat'; line: number; times: number }
  | { kind: 'insert'; at: number; junk: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('repeat' as const), line: fc.nat(), times: fc.integer({ min: 2, max: 50 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), junk: fc.constantFrom(...JUNK) }),
);

/** A mutated copy of a file's bytes. */
function mutate(data: Buffer, m: Mutation): Buffer {
  const at = data.length ? m.kind === 'repeat' ? 0 : (m as { at: number }).at % (data.length + 1) : 0;
  switch (m.kind) {
    case 'flip': { const b = Buffer.from(data); if (b.length) b[at % b.length] = m.byte; return b; }
    case 'cut': return data.subarray(0, at);
    case 'insert': return Buffer.concat([data.subarray(0, at), Buffer.from(m.junk), data.subarray(at)]);
    case 'repeat': {
      const lines = data.toString('latin1').split('\n');
      const i = m.line % lines.length;
      lines.splice(i, 0, ...Array<string>(m.times - 1).fill(lines[i]));
      return Buffer.from(lines.join('\n'), 'latin1');
    }
  }
}

/** The files of the project a mutation may hit. */
function projectFiles(dir: string): string[] {
  return [
    ...readdirSync(join(dir, 'corpus')).map((n) => join('corpus', n)),
    ...readdirSync(join(dir, 'templates')).map((n) => join('templates', n)),
  ];
}

describe('the build on mutated projects', () => {
  it(`${RUNS} seeded runs: exit 0 with an EPUB, or exit 1 with a placed message; never a trace or a hang`, () => {
    const cases = fc.sample(fc.array(fc.tuple(fc.nat(), mutation), { minLength: 1, maxLength: 4 }), { numRuns: RUNS, seed: SEED });
    cases.forEach((mutations, run) => {
      const dir = copyProject();
      const files = projectFiles(dir);
      for (const [which, m] of mutations) {
        const path = join(dir, files[which % files.length]);
        writeFileSync(path, mutate(readFileSync(path), m));
      }
      const out = snapshot(join(dir, 'out'));
      const what = `run ${run} (seed ${SEED}): ${JSON.stringify(mutations.map(([w, m]) => [files[w % files.length], m]))}`;
      const r = wenji(['build', '-C', dir, '-f', 'epub'], BOUND);
      expect(r.signal, `${what}: killed after ${BOUND} ms`).toBeNull();
      expect([0, 1], `${what}\n${r.err}`).toContain(r.code);
      expect(r.err, what).not.toMatch(/^\s+at .+:\d+:\d+\)?$/mu);
      expect(r.err, what).not.toMatch(/internal error/iu);
      if (r.code === 1) {
        expect(r.err, what).toMatch(/^\S+?(:\d+){0,2}: error: .+ \[[a-z-]+\]$/mu);
        expect(snapshot(join(dir, 'out')), what).toEqual(out);
      } else {
        const epub = readFileSync(join(dir, 'out', 'book.epub'));
        expect(epub.subarray(0, 2).toString('latin1'), what).toBe('PK');
        expect(epub.toString('latin1'), what).toContain('mimetypeapplication/epub+zip');
        expect(epub.toString('latin1'), what).not.toContain('root:x:0');
      }
    });
  }, RUNS * BOUND + 120_000);
});
