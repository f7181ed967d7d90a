// The build server: the child process of a build (worker.ts) that, once its build is made, stays
// for the next ones instead of ending, listening on a socket in the user's cache folder. Node,
// the libraries and the compiled code are then loaded, and the code that lays out and paints is
// already optimized by the JIT: a build it serves skips the ~1 s of a new process warming up. It
// serves one build at a time (a command that finds it busy makes its own child, as without it),
// and ends after IDLE_MS without a build (less before its first), when its socket is taken away (the cache folder
// cleared), or after a build that crashed. The socket's name holds everything a build depends
// on besides its task (node, the compiled code, the environment it reads), so that a server is
// never asked to build with other code than the command's. WENJI_SERVER=0 turns it off.
// Messages are framed: 4 bytes of length, then the message as v8 serializes it (the files made
// are binary).
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { connect, createServer, type Socket } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import { cacheDir } from '../fonts/cache.ts';

/**
 * A server with no build for this long ends: 10 minutes once it has made a build it was asked
 * for, 2 before (a server left by a build with a new cache folder, a one-off command, goes soon).
 */
const IDLE_MS = Number(process.env.WENJI_SERVER_IDLE ?? 600) * 1000;
const FIRST_IDLE_MS = Math.min(IDLE_MS, 120_000);
/** How often a waiting server checks that its socket is still its own. */
const CHECK_MS = 5000;
/** Longest path of a Unix socket (sockaddr_un), less one. */
const MAX_PATH = 107;

/** What a build depends on besides its task: read by the compiled code from the environment. */
const ENV = ['WENJI_FONT_CACHE', 'XDG_CACHE_HOME', 'HOME', 'SOURCE_DATE_EPOCH', 'CI', 'WENJI_PARALLEL', 'WENJI_SERIAL', 'WENJI_QUIET', 'TZ', 'NODE_OPTIONS'];

/**
 * The socket of the build server for this code and environment, or none: turned off
 * (WENJI_SERVER=0), not on a system with Unix sockets, not running compiled code, or a path too
 * long for a socket.
 */
export function serverPath(): string | undefined {
  if (process.env.WENJI_SERVER === '0' || process.platform === 'win32') return undefined;
  try {
    return socketPath();
  } catch {
    // No compiled code's stamp, or no cache folder to be found (no home): no server.
    return undefined;
  }
}

function socketPath(): string | undefined {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.ts')) return undefined;
  const compiled = statSync(join(dirname(here), '..', '.compiled')).mtimeMs;
  const key = createHash('sha256').update(JSON.stringify([process.version, process.execPath, here, compiled, ENV.map((k) => process.env[k] ?? null)])).digest('hex').slice(0, 16);
  const path = join(cacheDir(), `server-${key}.sock`);
  return path.length <= MAX_PATH ? path : undefined;
}

/** Sends one framed message. */
export function sendFrame(socket: Socket, message: unknown): Promise<void> {
  const body = serialize(message);
  const head = Buffer.alloc(4);
  head.writeUInt32BE(body.length);
  // Written as two pieces, in order: the files of a long book are not copied to join them.
  socket.write(head);
  return new Promise((resolve) => { socket.write(body, () => resolve()); });
}

/** Calls `each` with every framed message that arrives on the socket (a message that cannot be read ends the connection). */
export function readFrames(socket: Socket, each: (message: unknown) => void): void {
  // The pieces received, joined only once a whole message is there (a book's files come in thousands of pieces).
  let pieces: Buffer[] = [];
  let size = 0;
  let want = -1;
  socket.on('data', (chunk: Buffer) => {
    pieces.push(chunk);
    size += chunk.length;
    for (;;) {
      if (want < 0 && size >= 4) {
        if (pieces[0].length < 4) pieces = [Buffer.concat(pieces)];
        want = 4 + pieces[0].readUInt32BE(0);
      }
      if (want < 0 || size < want) return;
      const all = pieces.length === 1 ? pieces[0] : Buffer.concat(pieces, size);
      const rest = all.subarray(want);
      let message: unknown;
      try {
        message = deserialize(all.subarray(4, want));
      } catch {
        socket.destroy();
        return;
      }
      pieces = rest.length ? [rest] : [];
      size = rest.length;
      want = -1;
      each(message);
    }
  });
}

/** How a build the server ran ended: it goes on serving, or (a crash) ends. */
export type Served = 'ok' | 'crashed';

/**
 * Serves builds on `path` until idle: `run` makes one, sending its messages with `send`; `signal`
 * is aborted if the command that asked goes away. The first message of every connection is the
 * server's process id (the command kills it if it is stopped while the server builds).
 */
export function serve(path: string, run: (task: unknown, send: (m: unknown) => Promise<void>, signal: AbortSignal) => Promise<Served>): void {
  let busy = false;
  let idle: NodeJS.Timeout | undefined;
  let inode = -1;
  const end = () => {
    try { if (statSync(path).ino === inode) { unlinkSync(path); unlinkSync(`${path}.pid`); } } catch { /* already gone */ }
    process.exit(0);
  };
  let served = 0;
  const wait = () => {
    clearTimeout(idle);
    idle = setTimeout(end, served ? IDLE_MS : FIRST_IDLE_MS);
  };
  const server = createServer((socket) => {
    socket.on('error', () => {});
    void sendFrame(socket, { type: 'server', pid: process.pid });
    if (busy) { void sendFrame(socket, { type: 'busy' }).then(() => socket.end()); return; }
    busy = true;
    clearTimeout(idle);
    const gone = new AbortController();
    let started = false;
    socket.on('close', () => {
      gone.abort();
      // Gone before it asked for a build (another server's probe, a command stopped at once): free again.
      if (!started) { busy = false; wait(); }
    });
    readFrames(socket, (task) => {
      if (started) return;
      started = true;
      void run(task, (m) => (socket.destroyed ? Promise.resolve() : sendFrame(socket, m)), gone.signal).then((how) => {
        socket.end();
        if (how === 'crashed') end();
        served++;
        busy = false;
        wait();
      });
    });
  });
  server.on('error', () => process.exit(0));
  const listen = () => server.listen(path, () => {
    // Only its user may ask it for a build.
    chmodSync(path, 0o600);
    inode = statSync(path).ino;
    writeFileSync(`${path}.pid`, String(process.pid));
    wait();
    // A socket taken away or replaced (the cache folder cleared) is no longer this server's.
    setInterval(() => { try { if (statSync(path).ino !== inode) end(); } catch { end(); } }, CHECK_MS).unref();
  });
  try {
    mkdirSync(dirname(path), { recursive: true });
  } catch {
    process.exit(0);
  }
  if (!existsSync(path)) return void listen();
  // A socket is there: another server's, if it answers; else one left behind, taken over.
  const probe = connect(path);
  probe.on('connect', () => { probe.destroy(); process.exit(0); });
  probe.on('error', () => {
    try { unlinkSync(path); } catch { /* taken meanwhile */ }
    listen();
  });
}
