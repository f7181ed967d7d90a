// YAML from users' files: hostile input is a message at its place, never a hang or a stack trace.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DiagnosticError } from '../../src/diagnostics.ts';
import { parseYaml } from '../../src/yamlfile.ts';

function problems(text: string): string[] {
  try {
    parseYaml({ file: 'corpus/a.md', text, firstLine: 2 }, z.record(z.string(), z.unknown()), 'front matter');
    return [];
  } catch (e) {
    if (!(e instanceof DiagnosticError)) throw e;
    return e.diagnostics.map((d) => `${d.file}:${d.line}:${d.column}: ${d.message}`);
  }
}

describe('hostile YAML', () => {
  it('an alias bomb is an error at the front matter, not a hang', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x]', ...'bcdefg'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefg'[i]}`).join(', ')}]`)];
    expect(problems(levels.join('\n'))).toEqual(['corpus/a.md:2:1: front matter: Excessive alias count indicates a resource exhaustion attack']);
  });

  it('more than a megabyte of YAML is refused with its size', () => {
    expect(problems(`title: ${'长'.repeat(600_000)}\n`.repeat(2))).toEqual(['corpus/a.md:2:1: front matter is 1.1 MB of YAML; at most 1 MB is read']);
  });

  it('ordinary aliases still work', () => {
    expect(problems('a: &x 甲\nb: *x\n')).toEqual([]);
  });
});
