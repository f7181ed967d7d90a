// Entry of the build's child process (abort.ts): the compiled module beside this file when there
// is one (dist/), else the TypeScript source through tsx, as in bin/wenji.js.
import { existsSync } from 'node:fs';

if (existsSync(new URL('./worker.js', import.meta.url))) {
  await import(new URL('./worker.js', import.meta.url).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL('./worker.ts', import.meta.url).href);
}
