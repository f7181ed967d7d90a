// Entry of the writers' worker thread (parallel.ts): the compiled module beside this file when
// there is one (dist/), else the TypeScript source through tsx.
import { existsSync } from 'node:fs';

if (existsSync(new URL('./parallel-worker.js', import.meta.url))) {
  await import(new URL('./parallel-worker.js', import.meta.url).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL('./parallel-worker.ts', import.meta.url).href);
}
