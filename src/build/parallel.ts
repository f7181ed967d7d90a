// The writers of one book at the same time, on two cores: the EPUB is made (and read back) in the
// calling thread and every other format in a worker thread (with one format, the calling thread
// makes it). The worker receives copies of the book and the fonts (plain data; the fonts' buffers
// are copied once, the writers' files come back without a copy) and stays alive between builds,
// unreferenced, so that `wenji watch` does not pay for loading the writers each time; it can be
// started before the book is ready (startWorker), loading the PDF writer and its reader while the
// book is assembled. The PDF is laid out once: the worker sends its printed pages as soon as they
// are laid out, and the EPUB takes them for its page-list instead of laying the PDF out again.
// Warnings and errors are given to the caller in the order of the formats, as a serial build gives
// them, and the files are the same bytes.
import { availableParallelism } from 'node:os';
import { Worker, type MessagePort } from 'node:worker_threads';
import { DiagnosticError, type Diagnostic } from '../diagnostics.ts';
import type { FaceMaker, FontSet, MadeFace, SubsetFont } from '../fonts/index.ts';
import type { Book } from '../model/types.ts';
import type { PrintedPage } from '../writers/pdf/pagemap.ts';
import { PrintedFeed } from '../writers/printed.ts';
import type { WriterOptions } from '../writers/options.ts';
import type { Format } from './formats.ts';

/** Progress of one writer: it starts, tells what it does, or ends. */
export interface WriterProgress {
  stage: Format;
  state: 'start' | 'step' | 'done';
  message?: string;
}

/** A format made in the worker: what is sent there. */
export interface WorkerJob {
  id: number;
  format: Format;
  book: Book;
  fonts: SubsetFont[];
  /** The characters the subsets were made for (FontSet.asked): one no face has is a warning already, not a painting error. */
  asked?: string[];
  options: Pick<WriterOptions, 'paper' | 'print' | 'lineNumbers' | 'apparatus' | 'incremental'>;
  /** Send the printed pages as soon as they are laid out (a PDF whose pages the EPUB takes). */
  pages: boolean;
}

/** A face of the book's fonts that the cache lacks, made in the worker while the calling thread makes another (fonts/index.ts). */
export interface FaceJob {
  id: number;
  face: string;
  asked: number[];
  always: boolean;
}

/** What the worker sends back about a job. */
export type WorkerReply =
  | { id: number; type: 'face'; made: { lacking: number[]; font?: Omit<SubsetFont, 'data'> & { data: Uint8Array } } }
  | { id: number; type: 'warn'; diagnostic: Diagnostic }
  | { id: number; type: 'pages'; part: string; printed: PrintedPage[] }
  | { id: number; type: 'laid' }
  | { id: number; type: 'step'; message: string }
  | { id: number; type: 'read'; pdf: Uint8Array; claim: Int32Array; port: MessagePort }
  | { id: number; type: 'done'; data: Uint8Array }
  | { id: number; type: 'failed'; diagnostics: Diagnostic[] }
  | { id: number; type: 'crashed'; message: string; stack: string };

/** One format, made in the calling thread: the writer, then the read-back of its file. */
export type MakeOne = (format: Format, options: WriterOptions) => Promise<Buffer>;

const BOOT = new URL('./parallel-boot.mjs', import.meta.url);

let shared: Worker | undefined;
const threadError = new WeakMap<Worker, Error>();
let nextId = 0;

function worker(): Worker {
  if (!shared) {
    // The thread takes node's options, less one that only fits a script given on the command line;
    // none if a thread cannot take them (--expose-gc and other options of the whole process).
    let w: Worker;
    try {
      w = new Worker(BOOT, { execArgv: process.execArgv.filter((a) => !a.startsWith('--input-type')) });
    } catch (e) {
      if ((e as { code?: string }).code !== 'ERR_WORKER_INVALID_EXEC_ARGV') throw e;
      w = new Worker(BOOT, { execArgv: [] });
    }
    w.unref();
    w.on('exit', () => { if (shared === w) shared = undefined; });
    // An error of the thread itself (not of a job) ends it; the jobs waiting are told by 'exit', with it.
    w.on('error', (e) => { threadError.set(w, e); if (shared === w) shared = undefined; });
    shared = w;
  }
  return shared;
}

/**
 * Starts the worker thread now, if formats will be made in it, so that it loads its writers while
 * the book is assembled.
 */
export function startWorker(formats: Format[]): void {
  if (parallel(formats)) worker();
}

/** Stops the worker thread (it is started again when needed). */
export async function stopWorker(): Promise<void> {
  const w = shared;
  shared = undefined;
  await w?.terminate();
}

/** Running from the TypeScript sources (tsx, tests), where a worker thread would first have to load tsx. */
const FROM_SOURCES = import.meta.url.endsWith('.ts');

/**
 * Whether formats are made in a worker: more than one format, more than one core, not turned off
 * (WENJI_SERIAL=1); from the sources only when asked (WENJI_PARALLEL=1), as the worker would spend
 * longer compiling the writers than making the file.
 */
export function parallel(formats: Format[]): boolean {
  if (process.env.WENJI_SERIAL === '1' || formats.length < 2 || availableParallelism() < 2) return false;
  return !FROM_SOURCES || process.env.WENJI_PARALLEL === '1';
}

/** Outcome of one format: its file, or the error it threw; and its warnings, given later in format order. */
interface Outcome {
  format: Format;
  data?: Buffer;
  error?: unknown;
  warnings: Diagnostic[];
}

/** Makes a face in the worker (a FaceMaker for buildFontSet): the font comes back without a copy. */
export const faceInWorker: FaceMaker = (face, asked, always) => {
  const w = worker();
  const id = nextId++;
  return new Promise<MadeFace>((resolve, reject) => {
    const finish = () => { w.off('message', onMessage); w.off('exit', onExit); w.unref(); };
    const onMessage = (m: WorkerReply) => {
      if (m.id !== id) return;
      switch (m.type) {
        case 'face': {
          const { font, lacking } = m.made;
          resolve({ lacking, ...(font ? { font: { ...font, data: Buffer.from(font.data.buffer, font.data.byteOffset, font.data.byteLength) } } : {}) });
          break;
        }
        case 'failed': reject(new DiagnosticError(m.diagnostics)); break;
        case 'crashed': { const e = new Error(m.message); e.stack = m.stack; reject(e); break; }
        default: return;
      }
      finish();
    };
    const onExit = (code: number) => { finish(); reject(threadError.get(w) ?? new Error(`the fonts' thread ended without a result (exit code ${code})`)); };
    w.on('message', onMessage);
    w.on('exit', onExit);
    w.ref();
    const job: FaceJob = { id, face, asked: [...asked], always };
    w.postMessage(job);
  });
};

/** The worker's request to read a share of a PDF's pages. */
type ReadRequest = Extract<WorkerReply, { type: 'read' }>;

/**
 * This thread's help with the worker's read-back of a PDF: a request is answered once this
 * thread's own format is made (`free`), so that it never delays it, and at once after that.
 */
class Helper {
  private idle = false;
  private readonly waiting: ReadRequest[] = [];

  ask(r: ReadRequest): void {
    if (this.idle) void answer(r);
    else this.waiting.push(r);
  }

  free(): void {
    this.idle = true;
    for (const r of this.waiting.splice(0)) void answer(r);
  }
}

/** Reads the chunks of pages this thread claims and sends them; none if it cannot (the worker reads them, and meets the error itself). */
async function answer(r: ReadRequest): Promise<void> {
  let chunks = new Map();
  try {
    chunks = (await import('../writers/pdf/readback.ts')).readShare(r.pdf, r.claim);
  } catch {
    // Nothing is sent of what was read: the worker reads every chunk it is not given.
  }
  r.port.postMessage(chunks);
  r.port.close();
}

function inWorker(format: Format, book: Book, fonts: FontSet, options: WriterOptions, step: (m: string) => void, helper: Helper, signal?: AbortSignal, feed?: PrintedFeed): Promise<Outcome> {
  const w = worker();
  const id = nextId++;
  const warnings: Diagnostic[] = [];
  return new Promise<Outcome>((resolve) => {
    const finish = (o: Omit<Outcome, 'format' | 'warnings'>) => {
      w.off('message', onMessage);
      w.off('exit', onExit);
      signal?.removeEventListener('abort', onAbort);
      w.unref();
      resolve({ format, warnings, ...o });
    };
    const onMessage = (m: WorkerReply) => {
      if (m.id !== id) return;
      if (m.type === 'warn') warnings.push(m.diagnostic);
      else if (m.type === 'pages') feed?.give(m.part, m.printed);
      else if (m.type === 'laid') feed?.end();
      else if (m.type === 'step') step(m.message);
      else if (m.type === 'read') helper.ask(m);
      else if (m.type === 'done') finish({ data: Buffer.from(m.data.buffer, m.data.byteOffset, m.data.byteLength) });
      else if (m.type === 'failed') finish({ error: new DiagnosticError(m.diagnostics) });
      else if (m.type === 'crashed') { const e = new Error(m.message); e.stack = m.stack; finish({ error: e }); }
    };
    const onExit = (code: number) => finish({ error: signal?.aborted ? signal.reason : threadError.get(w) ?? new Error(`the ${format.toUpperCase()} writer's thread ended without a result (exit code ${code})`) });
    const onAbort = () => { void stopWorker(); };
    w.on('message', onMessage);
    w.on('exit', onExit);
    signal?.addEventListener('abort', onAbort, { once: true });
    w.ref();
    const job: WorkerJob = { id, format, book, fonts: fonts.fonts, ...(fonts.asked ? { asked: [...fonts.asked] } : {}), options: { paper: options.paper, print: options.print, lineNumbers: options.lineNumbers, apparatus: options.apparatus, incremental: options.incremental }, pages: Boolean(feed) };
    w.postMessage(job);
  });
}

/**
 * Every format of one book, each written and read back (`make` does both in this thread; the
 * worker does the same with the same functions). Same contract as making them one after the
 * other: the files in the order of `formats`, warnings given to `options.warn` in that order,
 * and the first format's error thrown if any failed.
 */
export async function writeFormatsWith(make: MakeOne, book: Book, fontSet: FontSet, formats: Format[], options: WriterOptions, signal?: AbortSignal, progress?: (p: WriterProgress) => void): Promise<{ format: Format; data: Buffer }[]> {
  const make1 = async (format: Format, printed?: PrintedFeed, started = false): Promise<Outcome> => {
    const warnings: Diagnostic[] = [];
    try {
      signal?.throwIfAborted();
      if (!started) progress?.({ stage: format, state: 'start' });
      const data = await make(format, { ...options, ...(printed ? { printed } : {}), warn: (d) => { warnings.push(d); }, progress: (message) => progress?.({ stage: format, state: 'step', message }) });
      signal?.throwIfAborted();
      return { format, data, warnings };
    } catch (error) {
      return { format, error, warnings };
    }
  };
  let outcomes: Outcome[];
  if (!parallel(formats)) {
    outcomes = [];
    for (const f of formats) {
      const o = await make1(f);
      outcomes.push(o);
      if (o.error) break;
    }
  } else {
    const mine = formats.includes('epub') ? 'epub' : formats[formats.length - 1];
    // The EPUB's page-list takes the PDF's pages, laid out as the EPUB would lay them out itself
    // (the same options); until they come, or if the PDF ends without them, it waits or lays out.
    const printed = new PrintedFeed();
    const share = mine === 'epub' && formats.includes('pdf');
    // Told as starting in the order of the formats, as a serial build tells them.
    for (const f of formats) progress?.({ stage: f, state: 'start' });
    const helper = new Helper();
    const away = formats.filter((f) => f !== mine).map((f) => {
      const made = inWorker(f, book, fontSet, options, (message) => progress?.({ stage: f, state: 'step', message }), helper, signal, share && f === 'pdf' ? printed : undefined);
      if (share && f === 'pdf') void made.then(() => printed.fail());
      return made;
    });
    const here = await make1(mine, share ? printed : undefined, true);
    helper.free();
    const done = new Map((await Promise.all(away)).map((o) => [o.format, o]));
    done.set(mine, here);
    outcomes = formats.map((f) => done.get(f)!);
  }
  const files: { format: Format; data: Buffer }[] = [];
  for (const o of outcomes) {
    for (const d of o.warnings) options.warn?.(d);
    if (o.error) throw o.error;
    progress?.({ stage: o.format, state: 'done', message: `${(o.data!.length / 1024).toFixed(0)} KB` });
    files.push({ format: o.format, data: o.data! });
  }
  return files;
}
