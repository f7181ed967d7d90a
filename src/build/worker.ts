// The build's child process: stages 1–3 of the pipeline (makeAll) for the task its parent gives,
// with progress and the files made sent back (abort.ts), which the parent publishes. Nothing here
// writes to out/, so killing this process at any moment leaves out/ as it was. If the parent goes
// away, this process ends at the next stage or page it checks. The writers' worker thread
// (parallel.ts) is started first, so that it loads its writers while this thread loads the
// pipeline and assembles the book. Once its build is made, the process stays as the build
// server of the next builds when the task names a socket (server.ts).
import { DiagnosticError } from '../diagnostics.ts';
import type { WorkerMessage, WorkerTask } from './abort.ts';
import { startWorker, stopWorker } from './parallel.ts';
import { serve, type Served } from './server.ts';

/** Past this much memory after a build, the waiting server ends its writers' thread. */
const SERVER_RSS = 400 * 1024 * 1024;

/**
 * A long book leaves the writers' thread holding a large heap: a server about to wait ends it, to
 * be started again (cold) by the next build, rather than keep that memory while it waits.
 */
async function lighten(): Promise<void> {
  if (process.memoryUsage().rss > SERVER_RSS) await stopWorker();
}

/** Makes the task's editions, telling `send` its progress and its outcome. */
async function run(task: WorkerTask, send: (m: WorkerMessage) => Promise<void>, signal: AbortSignal): Promise<Served> {
  startWorker(task.formats);
  try {
    const { makeAll } = await import('./index.ts');
    const { editions, warnings } = await makeAll(task.root, task.formats, task.writer, { ...task.opts, signal, progress: (progress) => void send({ type: 'progress', progress }) });
    await send({ type: 'done', editions, warnings });
  } catch (e) {
    if (signal.aborted) return 'ok';
    if (e instanceof DiagnosticError) await send({ type: 'failed', diagnostics: e.diagnostics });
    else {
      await send({ type: 'crashed', message: (e as Error)?.message ?? String(e), stack: (e as Error)?.stack ?? String(e) });
      return 'crashed';
    }
  }
  return 'ok';
}

/** Sends a message; resolves once it is handed to the system (a large one may take a while). */
const send = (m: WorkerMessage) => new Promise<void>((resolve) => { process.send!(m, undefined, undefined, () => resolve()); });
const parentGone = new AbortController();
process.on('disconnect', () => parentGone.abort());

// The task comes in the first message: the parent may start this process before it knows it (abort.ts).
// A message that comes before there is a listener is kept by node for the first one, which must be
// this one. A parent that went away before sending it (a command that built nothing) ends this process.
const task = await new Promise<WorkerTask>((resolve) => {
  const gone = () => process.exit(1);
  process.once('disconnect', gone);
  process.once('message', (m) => { process.off('disconnect', gone); resolve(m as WorkerTask); });
});
const how = await run(task, send, parentGone.signal);
if (parentGone.signal.aborted) process.exit(1);
if (how === 'ok' && task.serve) {
  // The parent has the files and goes on without this process, whose stderr it no longer reads.
  process.stderr.on('error', () => {});
  process.disconnect();
  await lighten();
  serve(task.serve, async (t, sendFrame, signal) => {
    const how = await run(t as WorkerTask, sendFrame, signal);
    await lighten();
    return how;
  });
} else process.disconnect();
