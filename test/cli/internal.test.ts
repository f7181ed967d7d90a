// An error of the program itself reaches the user as one line: that it is an internal error,
// where to report it, where the details are; the stack goes to the log file; exit code 70.
import { readFileSync } from 'node:fs';
import { expect, it, vi } from 'vitest';
import { run } from '../helpers/run.ts';

vi.mock('../../src/cli/init.ts', () => ({ runInit: () => { throw new TypeError('cannot read properties of undefined (reading \'x\')'); } }));

it('an unexpected error is one line, with its log; no stack trace', async () => {
  const r = await run('init', '/tmp/wenji-never-made');
  expect(r.code).toBe(70);
  const m = /^wenji: internal error: cannot read properties of undefined \(reading 'x'\) \(please report it (at \S+|to the maintainers)\); details in (\S+\.log)\n$/u.exec(r.err);
  expect(m, r.err).not.toBeNull();
  expect(r.err).not.toMatch(/\bat .*\.ts:\d+/u);
  expect(readFileSync(m![2], 'utf8')).toMatch(/TypeError: cannot read properties[\s\S]*\bat /u);
});
