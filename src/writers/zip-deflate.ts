// Zip entries of the EPUB deflated and inflated by Node's zlib instead of jszip's own JavaScript
// port (pako): jszip takes its compressions from one table, whose DEFLATE entry is replaced here
// by workers that gather an entry's bytes and run zlib once. Importing this module installs them,
// for every user of jszip in the process (the EPUB writer and the read-back of the EPUB).
// zlib's output is the same for the same input and level, so builds stay byte-identical; large
// entries (the fonts) are deflated once per process and content, so that `wenji watch` does not
// deflate them again at every build.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { deflateRawSync, inflateRawSync } from 'node:zlib';

const require = createRequire(import.meta.url);

interface Chunk { data: unknown; meta: unknown }
interface Worker { push(chunk: Chunk): void }
type WorkerClass = new (name: string) => Worker;

const GenericWorker = require('jszip/lib/stream/GenericWorker') as WorkerClass & { prototype: object };
const utils = require('jszip/lib/utils') as { transformTo(type: string, data: unknown): Uint8Array; inherits(child: unknown, parent: unknown): void };
const compressions = require('jszip/lib/compressions') as Record<string, { magic: string; compressWorker(o: { level?: number }): Worker; uncompressWorker(): Worker }>;

/** A worker that holds an entry's chunks and gives out their (de)compression when the entry ends. */
function ZlibWorker(this: Worker & { chunks: Uint8Array[]; meta: unknown; run: (b: Buffer) => Buffer }, name: string, run: (b: Buffer) => Buffer) {
  (GenericWorker as unknown as (this: unknown, n: string) => void).call(this, name);
  this.chunks = [];
  this.meta = {};
  this.run = run;
}
utils.inherits(ZlibWorker, GenericWorker);
Object.assign(ZlibWorker.prototype, {
  processChunk(this: { chunks: Uint8Array[]; meta: unknown }, chunk: Chunk) {
    this.meta = chunk.meta;
    this.chunks.push(utils.transformTo('uint8array', chunk.data));
  },
  flush(this: Worker & { chunks: Uint8Array[]; meta: unknown; run: (b: Buffer) => Buffer }) {
    const data = this.run(Buffer.concat(this.chunks));
    this.chunks = [];
    this.push({ data: new Uint8Array(data.buffer, data.byteOffset, data.length), meta: this.meta });
  },
});

/** Entries this large are remembered, by a digest of their bytes and the level; at most KEEP of them. */
const LARGE = 64 * 1024;
const KEEP = 16;
const deflated = new Map<string, Buffer>();

/** Entries deflated before the zip is made (deflateAhead), by a digest of their bytes and the level: each taken once. */
const ahead = new Map<string, Buffer>();

const keyOf = (b: Buffer, level: number) => `${level}:${createHash('sha256').update(b).digest('hex')}`;

/**
 * Deflates an entry's text (UTF-8, as jszip writes it) now, while the caller waits for
 * something else, for the zip made next in this process; forgotten by forgetAhead.
 */
export function deflateAhead(text: string, level: number): void {
  const b = Buffer.from(text, 'utf8');
  ahead.set(keyOf(b, level), deflateRawSync(b, { level }));
}

/** Forgets what deflateAhead made and no zip took. */
export function forgetAhead(): void {
  ahead.clear();
}

function deflate(b: Buffer, level: number): Buffer {
  if (ahead.size) {
    const key = keyOf(b, level);
    const made = ahead.get(key);
    if (made) { ahead.delete(key); return made; }
  }
  if (b.length < LARGE) return deflateRawSync(b, { level });
  const key = keyOf(b, level);
  let out = deflated.get(key);
  if (out) deflated.delete(key);
  else out = deflateRawSync(b, { level });
  deflated.set(key, out);
  while (deflated.size > KEEP) deflated.delete(deflated.keys().next().value!);
  return out;
}

const make = (name: string, run: (b: Buffer) => Buffer): Worker => new (ZlibWorker as unknown as new (n: string, r: (b: Buffer) => Buffer) => Worker)(name, run);

compressions.DEFLATE = {
  magic: '\x08\x00',
  compressWorker: (o) => make('zlib deflate', (b) => deflate(b, o.level && o.level > 0 ? o.level : 6)),
  uncompressWorker: () => make('zlib inflate', (b) => inflateRawSync(b)),
};
