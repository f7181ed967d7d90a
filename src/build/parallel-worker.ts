// The worker thread of parallel.ts: makes the formats it is sent, each written and read back by
// the same functions as in the calling thread (and, before them, a face of the fonts that the cache lacks), and sends back the file (without a copy), the
// warnings and the steps; and, when asked, the printed pages of a PDF as soon as they are laid
// out (for the EPUB's page-list). The PDF writer, its reader and the phrase dictionary are loaded
// as the thread starts, while the calling thread is still assembling the book.
import { createHash } from 'node:crypto';
import { MessageChannel, parentPort } from 'node:worker_threads';
import { DiagnosticError } from '../diagnostics.ts';
import { fontSet, makeFaceById } from '../fonts/index.ts';
import type { Book } from '../model/types.ts';
import type { PageText, ShareReading } from '../writers/pdf/readback.ts';
import { makeOne } from './formats.ts';
import type { FaceJob, WorkerJob, WorkerReply } from './parallel.ts';

const port = parentPort!;
// Loading what the PDF needs, before it is asked for (an error here is the job's, when it runs).
// and jieba's dictionary, which layout uses.
const loaded = Promise.all([import('../writers/pdf/index.ts'), import('../writers/pdf/readback.ts'), import('../cjk/phrases.ts')])
  .then((m) => { m[2].loadPhrases(); return m; })
  .catch(() => undefined);
const send = (m: WorkerReply, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);

/** Buffers arrive as plain byte arrays: the model's images and the fonts are given theirs back. */
const buffer = (u: Uint8Array) => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

/**
 * The font files of the last jobs, by face and content. A job comes with copies of its fonts;
 * one whose fonts did not change (every rebuild of `wenji watch` that sets no new character) is
 * given the same buffers as before, so that what is kept per font file (the parsed font, its
 * program deflated for the PDF, its digest) is found again instead of made again.
 */
const fontFiles = new Map<string, Buffer>();
const FONT_FILES_KEPT = 16;
function fontFile(id: string, data: Uint8Array): Buffer {
  const key = `${id}\0${createHash('sha256').update(data).digest('hex')}`;
  let file = fontFiles.get(key);
  if (file) fontFiles.delete(key);
  else file = buffer(data);
  fontFiles.set(key, file);
  if (fontFiles.size > FONT_FILES_KEPT) fontFiles.delete(fontFiles.keys().next().value!);
  return file;
}

/**
 * The calling thread asked to read a share of the PDF's pages (readback.ts): it is sent the file
 * (in memory both threads share) and the counter, and answers on a port of its own once its own
 * format is made.
 */
const shareWith = (id: number): ShareReading => (pdf, claim) => new Promise<Map<number, PageText[]>>((resolve) => {
  const { port1, port2 } = new MessageChannel();
  const shared = new Uint8Array(new SharedArrayBuffer(pdf.byteLength));
  shared.set(pdf);
  port1.once('message', (chunks: Map<number, PageText[]>) => { port1.close(); resolve(chunks); });
  port.postMessage({ id, type: 'read', pdf: shared, claim, port: port2 } satisfies WorkerReply, [port2]);
});

port.on('message', async (job: WorkerJob | FaceJob) => {
  const { id } = job;
  try {
    if ('face' in job) {
      const { font, lacking } = await makeFaceById(job.face, new Set(job.asked), job.always);
      if (!font) return send({ id, type: 'face', made: { lacking } });
      const data = new Uint8Array(font.data);
      return send({ id, type: 'face', made: { lacking, font: { ...font, data } } }, [data.buffer as ArrayBuffer]);
    }
    const book: Book = { ...job.book, images: Object.fromEntries(Object.entries(job.book.images).map(([k, img]) => [k, { ...img, data: buffer(img.data) }])) };
    const fonts = { ...fontSet(job.fonts.map((f) => ({ ...f, data: fontFile(f.id, f.data) }))), ...(job.asked ? { asked: new Set(job.asked) } : {}) };
    const data = await makeOne(book, fonts, job.format, {
      ...job.options,
      ...(job.pages ? { laidOut: { part: (part, printed) => send({ id, type: 'pages', part, printed }), end: () => send({ id, type: 'laid' }) } } : {}),
      warn: (diagnostic) => send({ id, type: 'warn', diagnostic }),
      progress: (message) => send({ id, type: 'step', message }),
      shareReading: shareWith(id),
    });
    (await loaded)?.[2].saveCuts();
    const owned = new Uint8Array(data);
    send({ id, type: 'done', data: owned }, [owned.buffer as ArrayBuffer]);
  } catch (e) {
    if (e instanceof DiagnosticError) send({ id, type: 'failed', diagnostics: e.diagnostics });
    else send({ id, type: 'crashed', message: (e as Error)?.message ?? String(e), stack: (e as Error)?.stack ?? String(e) });
  }
});
