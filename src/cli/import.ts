// Runners of `wenji import` and `wenji normalize`.
import { readFileSync } from 'node:fs';
import type { FrontMatter } from '../corpus/schema.ts';
import { relative } from 'node:path';
import { fail, formatDiagnostic } from '../diagnostics.ts';
import { docxToHtml } from '../import/docx.ts';
import { htmlToMarkdown } from '../import/html-markdown.ts';
import { importCorpus, writeCorpus } from '../import/index.ts';
import { readWitness } from '../import/read.ts';
import type { WitnessDoc } from '../import/structure.ts';
import { WITNESS_KINDS, type WitnessKind } from '../import/witness.ts';

/** One line per document: its id, completeness, and each witness's divergences. */
function summary(front: FrontMatter): string {
  const ws = front.witnesses.map((w) => (w.role === 'base'
    ? `${w.file.slice(0, 3)} base: ${w.divergences} variation units, ${w.lone_readings} lone readings`
    : `${w.file.slice(0, 3)}${w.reliable ? '' : ' (unreliable)'}: ${w.divergences} divergences from the base, ${w.lone_readings} lone`));
  return `  ${front.id}: ${front.completeness}; ${ws.join('; ')}`;
}

export function runImport(corpusDir: string, opts: { check?: boolean }): void {
  const files = importCorpus(corpusDir);
  const changed = files.filter((f) => {
    try { return readFileSync(f.path, 'utf8') !== f.content; } catch { return true; }
  });
  if (opts.check) {
    for (const f of changed) console.error(`${relative(process.cwd(), f.path)}: differs from what import would write`);
    if (changed.length) process.exitCode = 1;
    else console.log(`corpus is reproducible: ${files.length} files match their sources`);
    return;
  }
  writeCorpus(changed);
  console.log(`import: ${files.length} files established, ${changed.length} changed`);
  for (const f of files) if (f.front) console.log(summary(f.front));
}

/** One witness document as Markdown: title, body, closing fields and gaps as comments. */
function asMarkdown(d: WitnessDoc): string {
  const out: string[] = [];
  if (d.title) out.push(`# ${d.title.text}`);
  if (d.headline) out.push(`<!-- headline of the repost: ${d.headline.text} -->`);
  for (const g of d.gaps.filter((x) => x.at === 'start')) out.push(`<!-- gap: text before this point is on page ${g.page} (${g.mark}) -->`);
  for (const u of d.body) out.push(u.type === 'heading' ? `## ${u.numeral}` : u.text);
  for (const g of d.gaps.filter((x) => x.at === 'end')) out.push(`<!-- gap: text after this point is on page ${g.page} (${g.mark}) -->`);
  const closing = [
    ...d.signatories.map((s) => `signatory: ${s.office} ${s.name}`),
    d.date ? `date: ${d.date}` : '', d.place ? `place: ${d.place}` : '', d.dateline ? `dateline: ${d.dateline.text}` : '',
  ].filter(Boolean);
  if (closing.length) out.push(`<!--\n${closing.join('\n')}\n-->`);
  return out.join('\n\n');
}

/** A Word file as Markdown: headings, lists, emphasis, footnotes and tables kept; what mammoth could not convert is warned about. */
function printDocx(file: string): void {
  const { html, messages } = docxToHtml(file);
  const { markdown, unknown } = htmlToMarkdown(html);
  process.stdout.write(markdown);
  for (const m of messages) console.error(formatDiagnostic({ severity: 'warning', code: 'not-rendered', file, message: `Word conversion: ${m}` }));
  for (const u of unknown) console.error(formatDiagnostic({ severity: 'warning', code: 'not-rendered', file, message: `<${u}> kept as plain text` }));
}

export function runNormalize(file: string, kind: string): void {
  if (!(WITNESS_KINDS as readonly string[]).includes(kind)) {
    fail({ code: 'usage', message: `unknown kind "${kind}"`, hint: `use one of: ${WITNESS_KINDS.join(', ')}` });
  }
  if (kind === 'docx') return printDocx(file);
  const w = readWitness(file, kind as WitnessKind);
  console.log(w.docs.map(asMarkdown).join('\n\n---\n\n'));
  const removed = w.removed.map((r) => `${r.what}: ${r.count}`).join('; ');
  if (removed) console.log(`\n<!-- removed: ${removed} -->`);
}
