// Import: corpus/sources/* → corpus/<id>.md (+ <id>.variants.yaml).
// Contract: reads only corpus/sources.yaml and corpus/sources/; computes every output in memory;
// writes nothing unless all documents were established, and then all files as one transaction.
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { FrontMatter } from '../corpus/schema.ts';
import { fail } from '../diagnostics.ts';
import { writeAll } from './transaction.ts';
import { establish, type Established, type Member } from './establish.ts';
import { loadManifest, type DocumentEntry, type Manifest } from './manifest.ts';
import { readWitness } from './read.ts';
import type { WitnessDoc } from './structure.ts';

export interface GeneratedFile {
  path: string;
  content: string;
  /** The front matter written into a document file. */
  front?: FrontMatter;
}

/** Character 8-grams of a document's body, for assigning a witness that has no title or date. */
function shingles(doc: WitnessDoc): Set<string> {
  const text = doc.body.map((u) => (u.type === 'para' ? u.text : '')).join('');
  const out = new Set<string>();
  for (let i = 0; i + 8 <= text.length; i += 4) out.add(text.slice(i, i + 8));
  return out;
}

function matches(entry: DocumentEntry, doc: WitnessDoc): boolean {
  if (doc.title) return !!entry.match.title && doc.title.text.includes(entry.match.title);
  return !!doc.date && doc.date === entry.match.date;
}

/** Assigns every witness document to a document of the manifest: by title, by date, else by shared text. */
function assign(manifest: Manifest, read: { source: Manifest['sources'][number]; docs: WitnessDoc[]; removed: Member['removed'] }[]): Map<string, Member[]> {
  const groups = new Map(manifest.documents.map((d) => [d.id, [] as Member[]]));
  const pending: { member: Member; file: string }[] = [];
  for (const r of read) {
    for (const doc of r.docs) {
      const hits = manifest.documents.filter((e) => matches(e, doc));
      const member = { source: r.source, doc, removed: r.removed };
      if (hits.length > 1) fail({ code: 'witness-unassigned', file: `corpus/sources/${r.source.file}`, line: doc.lines[0], message: `this document matches ${hits.map((h) => h.id).join(' and ')}`, hint: 'make the `match` phrases in corpus/sources.yaml distinct' });
      if (hits.length) groups.get(hits[0].id)!.push(member);
      else pending.push({ member, file: r.source.file });
    }
  }
  for (const { member, file } of pending) {
    const mine = shingles(member.doc);
    const score = (id: string) => {
      const theirs = groups.get(id)!.map((m) => shingles(m.doc));
      return Math.max(0, ...theirs.map((t) => [...mine].filter((s) => t.has(s)).length / Math.max(1, mine.size)));
    };
    const best = manifest.documents.map((d) => ({ id: d.id, s: score(d.id) })).sort((a, b) => b.s - a.s)[0];
    if (!best || best.s < 0.2) {
      fail({ code: 'witness-unassigned', file: `corpus/sources/${file}`, line: member.doc.lines[0], message: 'a document in this witness has no title or date that matches corpus/sources.yaml, and shares too little text with any other witness', hint: 'add a document entry for it to corpus/sources.yaml' });
    }
    groups.get(best.id)!.push(member);
  }
  return groups;
}

/** The canonical Markdown file: YAML front matter, then the body. */
export function serialize(e: Established): string {
  const body = e.body.map((u) => u).join('\n\n');
  return `---\n${stringify(e.front, { lineWidth: 0 })}---\n\n${body}\n`;
}

/** Computes all corpus files from the sources, without writing anything. */
export function importCorpus(corpusDir: string): GeneratedFile[] {
  const manifestPath = join(corpusDir, 'sources.yaml');
  const manifest = loadManifest(manifestPath);
  const read = manifest.sources.map((source) => ({ source, ...readWitness(join(corpusDir, 'sources', source.file), source.kind, { label: `corpus/sources/${source.file}`, style: manifest.style, script: source.script }) }));
  const groups = assign(manifest, read);
  return manifest.documents.flatMap((entry) => {
    const e = establish(entry, groups.get(entry.id)!);
    const files: GeneratedFile[] = [{ path: join(corpusDir, `${entry.id}.md`), content: serialize(e), front: e.front }];
    if (e.apparatus) files.push({ path: join(corpusDir, `${entry.id}.variants.yaml`), content: stringify(e.apparatus, { lineWidth: 0 }) });
    return files;
  });
}

/** Writes the generated files as one transaction: all of them or none. */
export function writeCorpus(files: GeneratedFile[]): void {
  writeAll(files);
}
