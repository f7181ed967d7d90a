// Reading one witness file end to end: bytes → text (in the edition's script) → blocks
// (paragraph breaks never inside a pair of marks) → documents → the house style. Everything
// changed on the way is counted in `removed`, which the source note prints.
import { dirname } from 'node:path';
import { DiagnosticError, fail } from '../diagnostics.ts';
import { readBytes } from '../input/index.ts';
import { decodeSource } from './decode.ts';
import { docxToHtml } from './docx.ts';
import { punctuationFixes } from './normalize.ts';
import { joinFalseBreaks } from './pairs.ts';
import { READERS } from './readers/index.ts';
import { detectScript, simplify, type Script } from './script.ts';
import { documentsOf, type WitnessDoc } from './structure.ts';
import { applyStyle, DEFAULT_STYLE, type HouseStyle } from './style.ts';
import { tally, type RawBlock, type Removal, type WitnessKind } from './witness.ts';

export interface ReadWitness {
  file: string;
  docs: WitnessDoc[];
  removed: Removal[];
  encoding: string;
  script: Script;
  /** What a converter could not carry over (mammoth's messages for a Word file). */
  warnings: string[];
}

export interface ReadOptions {
  /** Name used in messages (the path as the user gave it). */
  label?: string;
  style?: HouseStyle;
  /** The witness's script if the manifest says; else it is detected. */
  script?: Script;
}

/** Reads the bytes of a witness, or fails with a diagnostic. */
function bytesOf(path: string, label: string): Uint8Array {
  try {
    return readBytes(path, { label, kind: 'witness', bounds: [dirname(path)] });
  } catch (e) {
    if (e instanceof DiagnosticError) throw e;
    fail({ code: 'source-unreadable', file: label, message: `cannot read the file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, hint: 'check that the file exists and is readable' });
  }
}

/** Lines of text a block holds, as the witness has them. */
function blockLines(b: RawBlock): string[] {
  if (b.type === 'para') return b.lines.map((l) => l.text);
  if (b.type === 'title' || b.type === 'headline') return [b.text];
  return [];
}

/** Counts half-width marks made full-width and spaces dropped next to Han characters (OCR counts its own spacing). */
function tallyInline(blocks: RawBlock[], kind: WitnessKind, removed: Removal[]): void {
  // Spaces between Han characters and Latin letters or digits (`于 2023 年`); spaces between
  // Han characters separate the fields of signature lines and are not counted.
  const mixed = /\p{Script=Han}[^\S\n]+(?=[A-Za-z0-9])|[A-Za-z0-9][^\S\n]+(?=\p{Script=Han})/gu;
  for (const t of blocks.flatMap(blockLines)) {
    tally(removed, '中文文本中的半角标点（已改为全角）', '', punctuationFixes(t));
    if (kind !== 'ocr') tally(removed, '汉字与拉丁字母、数字间的空格（按体例删）', t.trim(), t.match(mixed)?.length ?? 0);
  }
}

/** Applies the house style to every paragraph and title of the documents, counting each change. */
function styleDocs(docs: WitnessDoc[], style: HouseStyle, removed: Removal[]): void {
  const apply = (text: string) => {
    const r = applyStyle(text, style);
    for (const c of r.changes) tally(removed, `体例：${c.what}`, c.example);
    return r.text;
  };
  for (const d of docs) {
    if (d.title) d.title.text = apply(d.title.text);
    d.body = d.body.map((u) => (u.type === 'para' ? { ...u, text: apply(u.text) } : u));
  }
}

/** Reads a witness of the given kind into its documents. */
export function readWitness(path: string, kind: WitnessKind, opts: ReadOptions = {}): ReadWitness {
  const label = opts.label ?? path;
  const docx = kind === 'docx' ? docxToHtml(path, label) : undefined;
  const decoded = docx ? { text: `<article>${docx.html}</article>`, encoding: 'docx' } : decodeSource(label, bytesOf(path, label));
  const removed: Removal[] = [];
  const script = opts.script ?? detectScript(decoded.text);
  let text = decoded.text;
  if (script === 'hant') {
    const s = simplify(text);
    text = s.text;
    tally(removed, '繁体字（按本书用字转为简体，OpenCC）', '', s.changed);
  }
  const read = READERS[kind](text, label);
  removed.push(...read.removed);
  const { blocks, joins } = joinFalseBreaks(read.blocks);
  for (const j of joins) tally(removed, j.reason === 'pair' ? '成对标点之内的分段（已接排）' : '句中分段（已接排）', j.at);
  tallyInline(blocks, kind, removed);
  const docs = documentsOf(blocks);
  if (!docs.some((d) => d.body.length > 0)) {
    fail({
      code: 'source-no-document', file: label, line: 1,
      message: `no document text found when reading it as ${kind}`,
      hint: kind === 'html' ? 'the page has no element holding paragraphs of Chinese text' : 'check the file and its kind in corpus/sources.yaml',
    });
  }
  styleDocs(docs, opts.style ?? DEFAULT_STYLE, removed);
  return { file: label, docs, removed, encoding: decoded.encoding, script, warnings: docx?.messages ?? [] };
}
