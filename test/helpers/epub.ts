// Reading a built EPUB back: its files, and the text of its XHTML as a reader would see it.
import { readFileSync } from 'node:fs';
import JSZip from 'jszip';
import { parseDocument, DomUtils } from 'htmlparser2';
import type { Element } from 'domhandler';

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

export { epubcheck } from '../../src/check/epubcheck.ts';
