// The build's worker thread: stages 1–3 of the pipeline (makeAll), with progress and the files
// made sent back to the thread that started it (abort.ts), which publishes them. Nothing here
// writes to out/, so stopping this thread at any moment leaves out/ as it was.
import { parentPort, workerData } from 'node:worker_threads';
import { DiagnosticError } from '../diagnostics.ts';
import { makeAll } from './index.ts';
import type { WorkerMessage, WorkerTask } from './abort.ts';

const port = parentPort!;
const task = workerData as WorkerTask;
const send = (m: WorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);

try {
  const { editions, warnings } = await makeAll(task.root, task.formats, task.writer, { ...task.opts, progress: (progress) => send({ type: 'progress', progress }) });
  // Each file in a buffer of its own, handed over without a copy.
  const owned = editions.map((e) => ({ ...e, files: e.files.map((f) => ({ format: f.format, data: new Uint8Array(f.data) })) }));
  send({ type: 'done', editions: owned, warnings }, owned.flatMap((e) => e.files.map((f) => f.data.buffer as ArrayBuffer)));
} catch (e) {
  if (e instanceof DiagnosticError) send({ type: 'failed', diagnostics: e.diagnostics });
  else send({ type: 'crashed', message: (e as Error)?.message ?? String(e), stack: (e as Error)?.stack ?? String(e) });
}
