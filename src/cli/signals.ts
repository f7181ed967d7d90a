// What the command line does when it is interrupted or meets an error of its own, installed
// explicitly by the entry point (bin/wenji.js), never as a side effect of importing a module.
// SIGINT/SIGTERM: this run's temporary files and staging folder are removed, one line says what
// became of the output, and the process ends with 130/143. The main thread is kept free during a
// build (the work runs in a child process, src/build/abort.ts), so this happens within moments; the
// commit of a build's files is synchronous, so a signal is handled before or after it, never
// in the middle. An error nobody expected is reported as an internal error (internal.ts).
import { stopWorkers } from '../build/abort.ts';
import { removePending } from '../fsutil.ts';
import { reportInternal } from './internal.ts';

export const EXIT_SIGNAL = { SIGINT: 130, SIGTERM: 143 } as const;

let note = 'nothing was left half written';

/** What the one line printed on an interruption says about the output, for the current stage of the command. */
export function setInterruptNote(text: string): void {
  note = text;
}

const controller = new AbortController();
/** Aborted when SIGINT/SIGTERM arrives: a command passes it on so that nothing is written after. */
export const interruption: AbortSignal = controller.signal;

/** Kills the build's child process, removes this run's temporary files, says what became of the output, exits with 130/143. */
function interrupted(signal: keyof typeof EXIT_SIGNAL): void {
  if (controller.signal.aborted) return;
  controller.abort(new Error(`interrupted by ${signal}`));
  removePending();
  process.stderr.write(`wenji: interrupted by ${signal}; ${note}\n`);
  stopWorkers();
  process.exit(EXIT_SIGNAL[signal]);
}

/** Installs the handlers of signals and of errors that escape every command. */
export function installHandlers(): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => interrupted(signal));
  const crash = (e: unknown) => {
    stopWorkers();
    removePending();
    process.exit(reportInternal(e));
  };
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
}
