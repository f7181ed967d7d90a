// Entry of the build's child process: the TypeScript sources run through tsx, as in bin/wenji.js.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
