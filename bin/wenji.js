#!/usr/bin/env node
// Entry point: runs the TypeScript sources through tsx, so no compile step is needed.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.stdout.on('error', (e) => { if (e.code === 'EPIPE') process.exit(0); });
process.exitCode = await main(process.argv);
