// Checks of a built PDF, read back as a reader would read it: every font embedded and subset;
// no line starting with closing punctuation or ending with opening punctuation; every line that
// is continued by the next line of its paragraph flush with the right edge of the text block;
// every body line on the line grid; no line past the right edge.
import { readFileSync } from 'node:fs';
import type { Diagnostic } from '../diagnostics.ts';
import { NO_LINE_END, NO_LINE_START } from '../cjk/chars.ts';
import { leftEdge, type Geometry } from '../writers/pdf/page.ts';
import { openPdf, pageLines, type TextLine } from './pdftext.ts';

function fontProblems(bytes: Buffer, file: string): Diagnostic[] {
  const text = bytes.toString('latin1');
  const fonts = [...text.matchAll(/\/BaseFont \/([^\s/]+)/gu)].map((m) => m[1]);
  const embedded = (text.match(/\/FontFile[23]? /gu) ?? []).length;
  const out: Diagnostic[] = fonts.filter((f) => !/^[A-Z]{6}\+/u.test(f)).map((f) => ({ severity: 'error' as const, code: 'pdf-font' as const, file, message: `font ${f} is not a subset`, hint: 'fonts must be subset to the characters used' }));
  if (embedded < new Set(fonts.filter((f) => /\+/u.test(f))).size) out.push({ severity: 'error', code: 'pdf-font', file, message: `${fonts.length} fonts but ${embedded} embedded font files`, hint: 'every font must be embedded' });
  return out;
}

/** Whether a line ends at `edge`, by its last glyph's advance or by half of it for a closing mark set half-width. */
export function flushAt(l: TextLine, edge: number): boolean {
  return Math.abs(l.right - edge) <= 0.5 || (NO_LINE_START.includes([...l.text].at(-1)!) && Math.abs(l.lastStart + l.size / 2 - edge) <= 0.5);
}

function mostCommon(values: number[]): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(Math.round(v * 10) / 10, (counts.get(Math.round(v * 10) / 10) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
}

/**
 * The right edge of the text block on odd and on even pages (a print profile's binding margin
 * moves it): the commonest right end of body lines over all pages of that hand, where at least
 * three lines end there. One page's own commonest end is no measure: a page of short list items
 * or a table may have three lines of one width.
 */
function rightEdges(pages: TextLine[][], bodySize: number): [number | undefined, number | undefined] {
  const edge = (odd: boolean) => {
    const ends = pages.filter((_, i) => (i % 2 === 0) === odd).flat().filter((l) => Math.abs(l.size - bodySize) < 0.05).map((l) => l.right);
    const e = mostCommon(ends);
    return ends.filter((r) => Math.abs(r - e) <= 0.5).length >= 3 ? e : undefined;
  };
  return [edge(true), edge(false)];
}

function lineProblems(page: TextLine[], n: number, file: string, bodySize: number, edge: number | undefined, justified?: { y: number; right: number }[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const body = page.filter((l) => Math.abs(l.size - bodySize) < 0.05);
  const left = Math.min(...body.map((l) => l.left));
  page.forEach((l, i) => {
    const where = `page ${n}, line ${i + 1}`;
    if (l.size >= 8 && NO_LINE_START.includes(l.text.trim()[0])) out.push({ severity: 'error', code: 'pdf-kinsoku', file, message: `${where} starts with ${l.text.trim()[0]}: 「${l.text.slice(0, 12)}…」`, hint: 'closing punctuation may not start a line (clreq)' });
    if (l.size >= 8 && NO_LINE_END.includes([...l.text.trim()].at(-1)!)) out.push({ severity: 'error', code: 'pdf-kinsoku', file, message: `${where} ends with ${[...l.text.trim()].at(-1)}: 「…${l.text.slice(-12)}」`, hint: 'opening punctuation may not end a line (clreq)' });
    const next = page[i + 1];
    const isBody = l.tag === 'P' && Math.abs(l.size - bodySize) < 0.05 && (Math.abs(l.left - left) < 0.5 || Math.abs(l.left - left - 2 * bodySize) < 0.5);
    const continued = next && Math.abs(next.size - bodySize) < 0.05 && Math.abs(next.left - left) < 0.5 && next.y - l.y < bodySize * 2.5;
    // Where the layout is known, the lines it justified; else a body line its paragraph continues
    // (which takes a line before a forced break, in verse, for one that should be flush).
    const right = justified ? justified.find((j) => Math.abs(j.y - l.y) < 0.5)?.right : isBody && continued ? edge : undefined;
    if (right !== undefined && !flushAt(l, right)) out.push({ severity: 'error', code: 'pdf-justify', file, message: `${where} ends at ${l.right.toFixed(2)} pt, not at the margin ${right.toFixed(2)} pt: 「…${l.text.slice(-12)}」`, hint: 'a justified line must fill the measure' });
  });
  return out;
}

/** Distance of `v` from the nearest multiple of `m` shifted by `r`. */
const offBy = (v: number, m: number, r: number) => { const d = ((((v - r) % m) + m) % m); return Math.min(d, m - d); };

/**
 * The line grid, read back: the pitch is the commonest distance between successive body lines
 * (body size, not headings), the grid's place the commonest baseline modulo the pitch. A body
 * line elsewhere is off the grid; as every page has the one grid, facing pages register.
 */
function gridProblems(pages: TextLine[][], file: string, bodySize: number): Diagnostic[] {
  const isBody = (l: TextLine) => Math.abs(l.size - bodySize) < 0.05 && !/^H\d$/u.test(l.tag);
  const steps = pages.flatMap((p) => p.filter(isBody).flatMap((l, i, a) => (i && l.y - a[i - 1].y < 1.5 * bodySize * 2 ? [l.y - a[i - 1].y] : [])));
  const pitch = mostCommon(steps);
  if (!pitch) return [];
  const residue = mostCommon(pages.flatMap((p) => p.filter(isBody).map((l) => ((l.y % pitch) + pitch) % pitch)));
  return pages.flatMap((p, n) => {
    const off = p.filter((l) => isBody(l) && offBy(l.y, pitch, residue) > 0.5);
    return off.length ? [{ severity: 'error' as const, code: 'pdf-off-grid' as const, file, message: `page ${n + 1}: ${off.length} body line${off.length > 1 ? 's' : ''} off the line grid (pitch ${pitch.toFixed(1)} pt), first 「${off[0].text.slice(0, 12)}…」`, hint: 'body lines should sit on the grid of the text block' }] : [];
  });
}

/**
 * Lines that run past the right edge of the text block (`rightEdges`): a closing mark may hang at
 * most half an em beyond it (optical alignment).
 */
function overfullProblems(page: TextLine[], n: number, file: string, edge: number | undefined): Diagnostic[] {
  if (edge === undefined) return [];
  return page.filter((l) => l.right > edge + 0.5 && !(NO_LINE_START.includes([...l.text].at(-1)!) && l.lastStart + l.size / 2 <= edge + 0.5))
    .map((l) => ({ severity: 'error' as const, code: 'pdf-overfull' as const, file, message: `page ${n}: a line runs ${(l.right - edge).toFixed(1)} pt past the right edge of the text block: 「…${l.text.slice(-12)}」`, hint: 'a line must fit the measure' }));
}

/** What the caller knows of how the book was set: its geometry, and per page its justified lines (baseline from the page's top, right end from its left). */
export interface SetAs {
  g: Geometry;
  justified: { y: number; right: number }[][];
}

/**
 * `set`, when the caller knows how the book was laid out, gives the right edge of the text block
 * on each page and the lines that must end there; without it the edge is read from the lines
 * (`rightEdges`) and every line its paragraph continues must end there.
 */
export async function checkPdf(path: string, label: string, set?: SetAs): Promise<Diagnostic[]> {
  const bytes = readFileSync(path);
  const doc = await openPdf(bytes);
  const pages: TextLine[][] = [];
  for (let n = 1; n <= doc.numPages; n++) pages.push(await pageLines(doc, n));
  const bodySize = mostCommon(pages.flat().map((l) => l.size));
  const read = rightEdges(pages, bodySize);
  const edge = (i: number) => (set ? leftEdge(set.g, i + 1) + set.g.measure : read[i % 2]);
  return [
    ...fontProblems(bytes, label), ...pages.flatMap((p, i) => lineProblems(p, i + 1, label, bodySize, edge(i), set && (set.justified[i] ?? []))),
    ...gridProblems(pages, label, bodySize), ...pages.flatMap((p, i) => overfullProblems(p, i + 1, label, edge(i))),
  ];
}
