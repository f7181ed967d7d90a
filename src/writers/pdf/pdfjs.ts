// pdf.js, loaded once per thread with the built-ins it replaces put back. Its legacy build (the
// one that runs on Node 20) brings core-js polyfills that replace some of the thread's built-ins
// for good: Array.prototype.push and JSON.parse/stringify among them, several times slower than
// V8's own, which slowed every layout, every cache key and every message made after a read-back in
// the same thread (a 50-document book spent 1.3 s in the polyfilled push alone). V8's built-ins do
// all that pdf.js asks of them; the methods it only adds (Set.prototype.union, …) are left.
type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

let loading: Promise<PdfJs> | undefined;

const KEPT: [object, PropertyKey][] = [[Array.prototype, 'push'], [JSON, 'parse'], [JSON, 'stringify']];

/** pdf.js and its worker code (which it would load on first use), with the thread's built-ins as they were. */
export function pdfjs(): Promise<PdfJs> {
  loading ??= (async () => {
    const saved = KEPT.map(([o, k]) => Object.getOwnPropertyDescriptor(o, k)!);
    try {
      const lib = await import('pdfjs-dist/legacy/build/pdf.mjs');
      // @ts-expect-error the worker module has no types of its own
      await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
      return lib;
    } finally {
      KEPT.forEach(([o, k], i) => Object.defineProperty(o, k, saved[i]));
    }
  })();
  return loading;
}
