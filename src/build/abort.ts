// A build that can be stopped at any moment. Layout and painting are long synchronous work, and
// a signal is handled only when the thread that receives it is free; a worker thread cannot be
// stopped while it waits in a system call (reading a FIFO, say), and the process cannot exit
// until it is. So the command line runs the making of the files (makeAll) in a child process,
// keeps its own thread free, and on SIGINT/SIGTERM kills the child, which always works at once.
// The child writes nothing to out/; the files it made are published by the parent (publish.ts).
// The command line starts the child before it has parsed its arguments (prestart), so that node
// boots in the child meanwhile; its task is sent once known.
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DiagnosticError, type Diagnostic } from '../diagnostics.ts';
import type { makeAll, MadeEdition, PipelineOptions, Progress } from './index.ts';
import type { Format } from './publish.ts';
import type { WriterOptions } from '../writers/options.ts';
import { readFrames, sendFrame, serverPath } from './server.ts';

/** What the child is asked to make (only data: it is copied to the child). */
export interface WorkerTask {
  root: string;
  formats: Format[];
  writer: Partial<WriterOptions>;
  opts: Omit<PipelineOptions, 'progress' | 'signal' | 'make'>;
  /** Once the build is made, the child stays as the build server on this socket (server.ts). */
  serve?: string;
}

export type WorkerMessage =
  | { type: 'progress'; progress: Progress }
  | { type: 'done'; editions: MadeEdition[]; warnings: Diagnostic[] }
  | { type: 'failed'; diagnostics: Diagnostic[] }
  | { type: 'crashed'; message: string; stack: string };

/** An error of the program in the child, with the child's stack. */
export class WorkerCrash extends Error {
  constructor(message: string, readonly workerStack: string) {
    super(message);
    this.name = 'WorkerCrash';
    this.stack = workerStack;
  }
}

const BOOT = fileURLToPath(new URL('./worker-boot.mjs', import.meta.url));
const running = new Set<ChildProcess>();
/** What each child printed to stderr (the first MB), for the message if it ends without a result. */
const printed = new WeakMap<ChildProcess, string>();
/** A child started by prestart, waiting for the task of the next build. */
let spare: ChildProcess | undefined;

/** A child process of the build, waiting for its task (worker.ts reads it from its first message). */
function startChild(): ChildProcess {
  const child = fork(BOOT, [], { serialization: 'advanced', stdio: ['ignore', 'ignore', 'pipe', 'ipc'], execArgv: [] });
  running.add(child);
  printed.set(child, '');
  child.stderr!.on('data', (d) => { const s = printed.get(child)!; if (s.length < 1 << 20) printed.set(child, s + String(d)); });
  return child;
}

/**
 * Starts the child of the next build now, before its task is known: node boots in it (~50 ms)
 * while this process loads and parses the command line. It holds nothing open:
 * if no build takes it (a usage error, --help), the command ends as before and the child ends
 * with its channel.
 */
export function prestart(): void {
  if (spare) return;
  // A build server will make the build: no child is needed.
  const path = serverPath();
  if (path && existsSync(path)) return;
  spare = startChild();
  spare.unref();
  spare.channel?.unref();
  (spare.stderr as unknown as { unref?: () => void }).unref?.();
}

/** Kills every build child at once (SIGKILL: nothing of theirs needs cleaning up). */
export function stopWorkers(): void {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
  for (const pid of serving) try { process.kill(pid, 'SIGKILL'); } catch { /* already gone */ }
  serving.clear();
}

const OUT_OF_MEMORY = new DiagnosticError([{ severity: 'error', code: 'out-of-memory', message: 'the build ran out of memory; nothing was written', hint: 'look for a very large document or image in the corpus, or give Node more memory (NODE_OPTIONS=--max-old-space-size=8192)' }]);

type Made = Awaited<ReturnType<typeof makeAll>>;

/** Settles a build by the message that ends it (progress goes to `progress`). */
function outcome(m: WorkerMessage, progress: PipelineOptions['progress'], settle: (f: () => void) => void, resolve: (made: Made) => void, reject: (e: unknown) => void): void {
  if (m.type === 'progress') progress?.(m.progress);
  else if (m.type === 'done') settle(() => resolve({ editions: m.editions.map((e) => ({ ...e, files: e.files.map((f) => ({ format: f.format, data: Buffer.from(f.data.buffer, f.data.byteOffset, f.data.byteLength) })) })), warnings: m.warnings }));
  else if (m.type === 'failed') settle(() => reject(new DiagnosticError(m.diagnostics)));
  else settle(() => reject(new WorkerCrash(m.message, m.stack)));
}

/** Build servers making a build of this process: killed with the children on Ctrl-C. */
const serving = new Set<number>();

/**
 * `makeAll`, run in a child process; `signal` kills it wherever it is. Same contract as makeAll.
 * A build server of this code (server.ts) makes it if there is one and it is free; else a child
 * makes it, and stays as the server of the next builds.
 */
export const makeInWorker: typeof makeAll = async (root, formats, writer = {}, opts = {}) => {
  const { progress, signal, make: _make, ...rest } = opts;
  const task: WorkerTask = { root, formats, writer: {}, opts: rest };
  if (writer.paper !== undefined) task.writer.paper = writer.paper;
  if (writer.print !== undefined) task.writer.print = writer.print;
  signal?.throwIfAborted();
  const path = serverPath();
  served = false;
  if (path && existsSync(path)) {
    const made = await fromServer(path, task, progress, signal);
    if (made) {
      served = true;
      return made;
    }
  }
  return inChild(path ? { ...task, serve: path } : task, progress, signal);
};

let served = false;
/** Whether the last build was made by a build server. */
export const servedLast = () => served;

/** The build made by the server on `path`; none if there is no server there, it is busy, or it ended without a result (the command then makes the build itself). */
function fromServer(path: string, task: WorkerTask, progress: PipelineOptions['progress'], signal: AbortSignal | undefined): Promise<Made | undefined> {
  return new Promise((resolve, reject) => {
    const socket = connect(path);
    let pid = 0;
    let settled = false;
    const settle = (f: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', stop);
      serving.delete(pid);
      socket.destroy();
      f();
    };
    // Stopped while the server builds: it is killed, as a child would be (it may be stuck in a system call).
    const stop = () => settle(() => {
      try { if (pid) process.kill(pid, 'SIGKILL'); } catch { /* already gone */ }
      reject(signal!.reason);
    });
    signal?.addEventListener('abort', stop, { once: true });
    socket.on('error', () => settle(() => resolve(undefined)));
    socket.on('close', () => settle(() => resolve(undefined)));
    socket.on('connect', () => void sendFrame(socket, task));
    readFrames(socket, (message) => {
      const m = message as WorkerMessage | { type: 'server'; pid: number } | { type: 'busy' };
      if (m.type === 'server') { pid = m.pid; serving.add(pid); } else if (m.type === 'busy') settle(() => resolve(undefined));
      else outcome(m, progress, settle, resolve, reject);
    });
  });
}

/** The build made by a child process (the one prestarted, if any); a child given a socket stays as the build server once done. */
function inChild(task: WorkerTask, progress: PipelineOptions['progress'], signal: AbortSignal | undefined): Promise<Made> {
  return new Promise((resolve, reject) => {
    signal?.throwIfAborted();
    // A spare that has already ended (it could not boot) is not waited for: a new child tells why.
    const child = spare?.connected ? spare : startChild();
    if (child === spare) {
      child.ref();
      child.channel?.ref();
      (child.stderr as unknown as { ref?: () => void }).ref?.();
    }
    spare = undefined;
    let settled = false;
    const settle = (f: () => void, stays = false) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', stop);
      running.delete(child);
      if (stays) {
        // It goes on as the build server, on its own: this process no longer waits for it.
        child.unref();
        child.channel?.unref();
        child.stderr?.destroy();
      } else child.kill('SIGKILL');
      f();
    };
    const stop = () => settle(() => reject(signal!.reason));
    signal?.addEventListener('abort', stop, { once: true });
    child.on('message', (m: WorkerMessage) => outcome(m, progress, (f) => settle(f, !!task.serve && (m.type === 'done' || m.type === 'failed')), resolve, reject));
    child.on('error', (e) => settle(() => reject(e)));
    // A child that ends before it has the task (it failed to boot) is told of by 'close'.
    child.send(task, (e) => { if (e && child.connected) settle(() => reject(e)); });
    child.on('close', (code, sig) => {
      if (settled) return;
      const stderr = printed.get(child) ?? '';
      if (/heap out of memory|Reached heap limit/u.test(stderr)) return settle(() => reject(OUT_OF_MEMORY));
      const how = sig ? `was stopped by ${sig}` : `ended with exit code ${code}`;
      const log = join(tmpdir(), `wenji-build-${process.pid}.stderr.log`);
      try { writeFileSync(log, stderr); } catch { /* the message says enough */ }
      // Stopped by a signal meant for the whole command (Ctrl-C reaches every process of the
      // terminal): the command's own handler says so and exits; give it the moment it needs.
      const after = sig === 'SIGINT' || sig === 'SIGTERM' ? 250 : 0;
      setTimeout(() => settle(() => reject(new WorkerCrash(`the build's process ${how} without a result`, `the build's process ${how}; its output is in ${log}\n${stderr}`))), after);
    });
  });
}
