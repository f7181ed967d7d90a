// Checks of an established corpus beyond its schema: cross references that must resolve and sections that
// must not be empty. Each finding points into the document's file.
import type { Diagnostic } from '../diagnostics.ts';
import type { CorpusDocument, EstablishedDocument } from '../corpus/load.ts';

function at(doc: CorpusDocument, needle: string): { line: number; column: number } {
  return findIn(doc, needle) ?? { line: 1, column: 1 };
}

function findIn(doc: CorpusDocument, needle: string): { line: number; column: number } | undefined {
  const text = doc.raw.split('\n');
  const i = text.findIndex((l) => l.includes(needle));
  return i < 0 ? undefined : { line: i + 1, column: text[i].indexOf(needle) + 1 };
}

/** Witness names used by the front matter and the apparatus must be witnesses of the document. */
function references(doc: EstablishedDocument): Diagnostic[] {
  const files = new Set(doc.front.witnesses.map((w) => w.file));
  const out: Diagnostic[] = [];
  const bad = (name: string, where: string) => out.push({ severity: 'error', code: 'reference', file: doc.file, ...at(doc, name), message: `${where} names ${name}, which is not among the document's witnesses`, hint: 'correct the name, or add the witness under witnesses:' });
  if (doc.front.title_source && !files.has(doc.front.title_source)) bad(doc.front.title_source, 'title_source');
  for (const v of doc.apparatus?.variants ?? []) for (const r of v.readings) if (!files.has(r.witness)) bad(r.witness, `variant ${v.n}`);
  if (doc.apparatus && doc.apparatus.variants.length !== doc.front.collation.variants) {
    out.push({ severity: 'error', code: 'reference', file: doc.file, ...at(doc, 'variants:'), message: `collation.variants says ${doc.front.collation.variants}, the apparatus has ${doc.apparatus.variants.length}`, hint: 'run `wenji import` to regenerate both' });
  }
  return out;
}

/** A section heading followed by another heading, or by nothing, is an empty section. */
function emptySections(doc: CorpusDocument): Diagnostic[] {
  const lines = doc.body.split('\n');
  const units = lines.map((l, i) => ({ l, i })).filter((u) => u.l.trim());
  return units.flatMap((u, k) => {
    const next = units[k + 1];
    if (!u.l.startsWith('## ') || (next && !next.l.startsWith('#'))) return [];
    return [{ severity: 'error' as const, code: 'empty-section' as const, file: doc.file, line: doc.bodyLine + u.i, column: 1, message: `section ${u.l.slice(3)} has no text`, hint: 'remove the heading, or declare the gap in the front matter' }];
  });
}

/** Checks of documents established from witnesses (an ordinary document may well have a heading with no text under it). */
export function checkDocuments(docs: CorpusDocument[]): Diagnostic[] {
  return docs.filter((d): d is EstablishedDocument => d.established).flatMap((d) => [...references(d), ...emptySections(d)]);
}
