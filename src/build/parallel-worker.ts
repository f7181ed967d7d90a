// The worker thread of parallel.ts: makes the formats it is sent, each written and read back by
// the same functions as in the calling thread, and sends back the file (without a copy), the
// warnings and the steps.
import { parentPort } from 'node:worker_threads';
import { DiagnosticError } from '../diagnostics.ts';
import { fontSet } from '../fonts/index.ts';
import type { Book } from '../model/types.ts';
import { makeOne } from './formats.ts';
import type { WorkerJob, WorkerReply } from './parallel.ts';

const port = parentPort!;
const send = (m: WorkerReply, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);

/** Buffers arrive as plain byte arrays: the model's images and the fonts are given theirs back. */
const buffer = (u: Uint8Array) => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

port.on('message', async (job: WorkerJob) => {
  const { id } = job;
  try {
    const book: Book = { ...job.book, images: Object.fromEntries(Object.entries(job.book.images).map(([k, img]) => [k, { ...img, data: buffer(img.data) }])) };
    const fonts = fontSet(job.fonts.map((f) => ({ ...f, data: buffer(f.data) })));
    const data = await makeOne(book, fonts, job.format, {
      ...job.options,
      warn: (diagnostic) => send({ id, type: 'warn', diagnostic }),
      progress: (message) => send({ id, type: 'step', message }),
    });
    const owned = new Uint8Array(data);
    send({ id, type: 'done', data: owned }, [owned.buffer as ArrayBuffer]);
  } catch (e) {
    if (e instanceof DiagnosticError) send({ id, type: 'failed', diagnostics: e.diagnostics });
    else send({ id, type: 'crashed', message: (e as Error)?.message ?? String(e), stack: (e as Error)?.stack ?? String(e) });
  }
});
