// A small project built once (EPUB, so that out/ holds a book), copied for each hostile case,
// and a way to show that a failed build changed neither out/ nor corpus/.
import { spawnSync } from 'node:child_process';
import { cpSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers/paths.ts';

export const WENJI = join(ROOT, 'bin', 'wenji.js');

export interface Result { code: number | null; signal: string | null; out: string; err: string; ms: number }

/** `node bin/wenji.js …` in a process of its own, killed after `timeout` ms. */
export function wenji(args: string[], timeout = 120_000): Result {
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [WENJI, ...args], { encoding: 'utf8', timeout, killSignal: 'SIGKILL', env: { ...process.env, WENJI_QUIET: '1', NO_COLOR: '1' } });
  return { code: r.status, signal: r.signal, out: r.stdout ?? '', err: r.stderr ?? '', ms: Date.now() - t0 };
}

/** The documents of the base project: two short chapters with a heading, a note and a list. */
const EDITION = 'title: 试验文集\neditor: 编者\npublisher: 出版者\nlanguage: zh-Hans\ndescription: 一本试验用的书。\nslug: book\ndate: 2024-01-01\npdf:\n  paper: A5\n  profile: screen\n';
const DOCS: Record<string, string> = {
  'a.md': '---\ntitle: 第一篇\ndate: 2024-01-01\n---\n\n## 缘起\n\n天地玄黄，宇宙洪荒。日月盈昃，辰宿列张。[^1]\n\n- 寒来暑往\n- 秋收冬藏\n\n[^1]: 出自《千字文》。\n',
  'b.md': '# 第二篇\n\n> 闰余成岁，律吕调阳。\n\n云腾致雨，露结为霜。\n',
};

let base: string | undefined;

/** The base project, built once per test file (out/book.epub exists). */
export function baseProject(): string {
  if (base) return base;
  const dir = mkdtempSync(join(tmpdir(), 'wenji-hostile-base-'));
  cpSync(join(ROOT, 'src', 'edition', 'default-templates'), join(dir, 'templates'), { recursive: true, filter: (p) => !p.endsWith('.yaml') });
  mkdirSync(join(dir, 'corpus'));
  for (const [name, text] of Object.entries({ 'edition.yaml': EDITION, ...DOCS })) writeFileSync(join(dir, 'corpus', name), text);
  const r = wenji(['build', '-C', dir, '-f', 'epub', '-q']);
  if (r.code !== 0) throw new Error(`the base project does not build: ${r.err}`);
  base = dir;
  return dir;
}

/** A fresh copy of the built base project. */
export function copyProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wenji-hostile-'));
  cpSync(baseProject(), dir, { recursive: true });
  return dir;
}

/** Every entry under a folder: file contents (latin1), link targets, or the kind of a special file. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      const st = lstatSync(p);
      if (st.isSymbolicLink()) out[p.slice(dir.length)] = `-> ${readlinkSync(p)}`;
      else if (st.isDirectory()) { out[p.slice(dir.length)] = 'folder'; walk(p); }
      else if (st.isFile()) out[p.slice(dir.length)] = st.size > 1e6 ? `${st.size} bytes` : readFileSync(p, 'latin1');
      else out[p.slice(dir.length)] = 'special';
    }
  };
  walk(dir);
  return out;
}
