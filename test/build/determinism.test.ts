// Determinism: the same project built twice, each time in a process of its own with an empty font
// cache (so no subset, layout or module state is shared), gives byte-identical EPUB, PDF and
// SHA256SUMS.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { wenjiDone } from '../helpers/child.ts';
import { tempProject } from '../helpers/project.ts';

it('two builds in fresh processes with fresh caches give byte-identical files', async () => {
  const dir = tempProject();
  for (const out of ['out-a', 'out-b']) {
    const r = await wenjiDone(['-C', dir, 'build', '--quiet', '--out', out], { WENJI_FONT_CACHE: mkdtempSync(join(tmpdir(), 'wenji-fonts-')) });
    expect(r.code, r.err).toBe(0);
  }
  const names = readdirSync(join(dir, 'out-a')).sort();
  expect(names).toEqual(['SHA256SUMS', 'zhong-e-lianhe-shengming-2023-2025.epub', 'zhong-e-lianhe-shengming-2023-2025.pdf']);
  expect(readdirSync(join(dir, 'out-b')).sort()).toEqual(names);
  for (const name of names) expect(readFileSync(join(dir, 'out-b', name)).equals(readFileSync(join(dir, 'out-a', name))), name).toBe(true);
}, 600_000);
