// `wenji build` starts its child process before it parses its arguments (src/build/abort.ts,
// prestart): a command that then builds nothing ends at once with its own exit code, as before
// (the child holds nothing open, and ends with its channel); one that builds gives its child the task.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { wenjiDone } from '../helpers/child.ts';

describe('the build child started early', () => {
  it('ends with a command that builds nothing (a usage error, help, a missing project)', async () => {
    const missing = join(mkdtempSync(join(tmpdir(), 'wenji-prestart-')), 'none');
    for (const args of [['build', '--format', 'nope'], ['build', '--help'], ['-C', missing, 'build']]) {
      // A child that held the command open would make it wait for ever (this test's time-out).
      const r = await wenjiDone(args);
      expect(r.code, r.err).toBe(args.includes('--help') ? 0 : 2);
    }
  }, 120_000);

  it('is given the task of the build', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'wenji-prestart-')), 'book');
    expect((await wenjiDone(['init', dir, '--title', '早'])).code).toBe(0);
    const r = await wenjiDone(['-C', dir, 'build', '--quiet']);
    expect(r.code, r.err).toBe(0);
  }, 120_000);
});
