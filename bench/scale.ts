// Makes a book of N documents from the project's corpus, for measuring how build time and memory
// grow with the size of a book: a new project in a temporary folder whose corpus holds copies of
// the corpus documents (taken in turn) under new ids, with the edition file and templates of the
// project. Nothing is written into corpus/.
//   npx tsx bench/scale.ts 500        # prints the project folder
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** A project of `count` documents in a new temporary folder (or `into`); returns its folder. */
export function makeScaleProject(count: number, root = ROOT, into = mkdtempSync(join(tmpdir(), `wenji-scale-${count}-`))): string {
  const corpus = join(root, 'corpus');
  const docs = readdirSync(corpus).filter((f) => f.endsWith('.md')).sort();
  if (!docs.length) throw new Error(`no documents in ${corpus}`);
  mkdirSync(join(into, 'corpus'), { recursive: true });
  if (existsSync(join(root, 'templates'))) cpSync(join(root, 'templates'), join(into, 'templates'), { recursive: true });
  const ids: string[] = [];
  for (let n = 0; n < count; n++) {
    const file = docs[n % docs.length];
    const oldId = file.replace(/\.md$/u, '');
    const id = `${oldId}-c${String(n + 1).padStart(5, '0')}`;
    ids.push(id);
    const text = readFileSync(join(corpus, file), 'utf8').replace(/^id: .*$/mu, `id: ${id}`).replace(/^(\s*apparatus: ).*\.variants\.yaml$/mu, `$1${id}.variants.yaml`);
    writeFileSync(join(into, 'corpus', `${id}.md`), text);
    const variants = join(corpus, `${oldId}.variants.yaml`);
    if (existsSync(variants)) writeFileSync(join(into, 'corpus', `${id}.variants.yaml`), readFileSync(variants, 'utf8').replace(/^document: .*$/mu, `document: ${id}`));
  }
  // The edition file with the new documents in turn, and a slug of its own.
  const edition = parseDocument(readFileSync(join(corpus, 'edition.yaml'), 'utf8'));
  edition.set('documents', ids);
  edition.set('slug', `scale-${count}`);
  edition.set('title', `${String(edition.get('title'))}（${count}篇）`);
  writeFileSync(join(into, 'corpus', 'edition.yaml'), edition.toString());
  return into;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(makeScaleProject(Number(process.argv[2] ?? 50)));
}
