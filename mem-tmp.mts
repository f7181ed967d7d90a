// Profile of watch rebuilds after a one-character edit, in process.
import { cpSync, mkdtempSync, readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { watchProject } from './src/cli/watch.ts';
import { Session } from 'node:inspector/promises';
process.env.WENJI_PARALLEL ??= '1';
const root = mkdtempSync(join(tmpdir(), 'wenji-rb-'));
cpSync('corpus', join(root, 'corpus'), { recursive: true }); cpSync('templates', join(root, 'templates'), { recursive: true });
const doc = join(root, 'corpus', readdirSync(join(root, 'corpus')).filter((f) => f.endsWith('.md')).sort()[0]);
const original = readFileSync(doc, 'utf8');
let waiting: ((ms: number) => void) | undefined;
const w = watchProject(root, { formats: ['epub', 'pdf'], outDir: join(root, 'out'), writer: {}, onBuild: ({ ms, error }) => { if (error) console.error(error); waiting?.(ms); } });
await w.ready;
const s = new Session(); s.connect();
const N = Number(process.argv[2] ?? 8);
for (let i = 0; i < N; i++) {
  if (i === N - 3) { await s.post('Profiler.enable'); await s.post('Profiler.start'); }
  const built = new Promise<number>((r) => { waiting = r; });
  writeFileSync(doc, original.replace(/。(\s*)$/u, `${'一二三四五六七八九十'[i % 10]}。$1`));
  console.log('rebuild', (await built).toFixed(0));
}
const { profile } = await s.post('Profiler.stop');
writeFileSync('/tmp/rebuild.cpuprofile', JSON.stringify(profile));
await w.close();
process.exit(0);
