#!/usr/bin/env node
// Entry point: runs the TypeScript sources through tsx, so no compile step is needed. Installs
// the handlers of signals and unexpected errors (src/cli/signals.ts), then runs the command.
import { register } from 'tsx/esm/api';

register();
const { installHandlers } = await import('../src/cli/signals.ts');
installHandlers();
const { main } = await import('../src/cli/main.ts');
process.stdout.on('error', (e) => { if (e.code === 'EPIPE') process.exit(0); });
process.exitCode = await main(process.argv);
