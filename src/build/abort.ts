// A build that can be stopped at any moment. Layout and painting are long synchronous work, and
// a signal is handled only when the thread that receives it is free; so the command line runs
// the making of the files (makeAll) in a worker thread, keeps its own thread free, and on
// SIGINT/SIGTERM stops the worker at once. The worker writes nothing to out/; the files it made
// are published by the calling thread (publish.ts).
import { Worker } from 'node:worker_threads';
import { DiagnosticError, type Diagnostic } from '../diagnostics.ts';
import type { makeAll, MadeEdition, PipelineOptions, Progress } from './index.ts';
import type { Format } from './publish.ts';
import type { WriterOptions } from '../writers/options.ts';

/** What the worker is asked to make (only data: it is copied to the worker). */
export interface WorkerTask {
  root: string;
  formats: Format[];
  writer: Partial<WriterOptions>;
  opts: Omit<PipelineOptions, 'progress' | 'signal' | 'make'>;
}

export type WorkerMessage =
  | { type: 'progress'; progress: Progress }
  | { type: 'done'; editions: MadeEdition[]; warnings: Diagnostic[] }
  | { type: 'failed'; diagnostics: Diagnostic[] }
  | { type: 'crashed'; message: string; stack: string };

/** An error of the program in the worker, with the worker's stack. */
export class WorkerCrash extends Error {
  constructor(message: string, readonly workerStack: string) {
    super(message);
    this.name = 'WorkerCrash';
    this.stack = workerStack;
  }
}

const BOOT = new URL('./worker-boot.mjs', import.meta.url);
const running = new Set<Worker>();

/**
 * Stops every build worker; true if all have ended within `ms`. A worker blocked in a system call
 * (reading a FIFO, say) cannot be stopped, and the process cannot end normally while it lives: the
 * caller must then end the process by other means (signals.ts re-raises the signal).
 */
export async function stopWorkers(ms: number): Promise<boolean> {
  const all = Promise.all([...running].map((w) => w.terminate())).then(() => true);
  return Promise.race([all, new Promise<boolean>((resolve) => setTimeout(() => resolve(running.size === 0), ms).unref())]);
}

/** `makeAll`, run in a worker thread; `signal` stops the worker wherever it is. Same contract as makeAll. */
export const makeInWorker: typeof makeAll = (root, formats, writer = {}, opts = {}) => {
  const { progress, signal, make: _make, ...rest } = opts;
  const task: WorkerTask = { root, formats, writer: { paper: writer.paper, print: writer.print }, opts: rest };
  for (const k of Object.keys(task.writer) as (keyof WriterOptions)[]) if (task.writer[k] === undefined) delete task.writer[k];
  return new Promise((resolve, reject) => {
    signal?.throwIfAborted();
    const worker = new Worker(BOOT, { workerData: task, stdout: false, stderr: false });
    running.add(worker);
    let settled = false;
    const settle = (f: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', stop);
      f();
      void worker.terminate();
    };
    const stop = () => settle(() => reject(signal!.reason));
    signal?.addEventListener('abort', stop, { once: true });
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'progress') progress?.(m.progress);
      else if (m.type === 'done') settle(() => resolve({ editions: m.editions.map((e) => ({ ...e, files: e.files.map((f) => ({ format: f.format, data: Buffer.from(f.data.buffer, f.data.byteOffset, f.data.byteLength) })) })), warnings: m.warnings }));
      else if (m.type === 'failed') settle(() => reject(new DiagnosticError(m.diagnostics)));
      else settle(() => reject(new WorkerCrash(m.message, m.stack)));
    });
    worker.on('error', (e) => settle(() => reject((e as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY'
      ? new DiagnosticError([{ severity: 'error', code: 'out-of-memory', message: 'the build ran out of memory; nothing was written', hint: 'look for a very large document or image in the corpus, or give Node more memory (NODE_OPTIONS=--max-old-space-size=8192)' }])
      : e)));
    worker.on('exit', (code) => running.delete(worker) && settle(() => reject(new Error(`the build's worker thread ended without a result (exit code ${code})`))));
  });
};
