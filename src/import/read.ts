// Reading one witness file end to end: bytes → text → blocks → documents.
import { readFileSync } from 'node:fs';
import { fail } from '../diagnostics.ts';
import { decodeSource } from './decode.ts';
import { READERS } from './readers/index.ts';
import { documentsOf, type WitnessDoc } from './structure.ts';
import type { Removal, WitnessKind } from './witness.ts';

export interface ReadWitness {
  file: string;
  docs: WitnessDoc[];
  removed: Removal[];
  encoding: string;
}

/** Reads a witness; `label` is the name used in messages (the path as the user gave it). */
export function readWitness(path: string, kind: WitnessKind, label = path): ReadWitness {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    fail({ code: 'source-unreadable', file: label, message: `cannot read the file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, hint: 'check that the file exists and is readable' });
  }
  const { text, encoding } = decodeSource(label, bytes);
  const { blocks, removed } = READERS[kind](text, label);
  const docs = documentsOf(blocks);
  if (!docs.some((d) => d.body.length > 0)) {
    fail({
      code: 'source-no-document', file: label, line: 1,
      message: `no document text found when reading it as ${kind}`,
      hint: kind === 'html' ? 'the page has no element holding paragraphs of Chinese text' : 'check the file and its kind in corpus/sources.yaml',
    });
  }
  return { file: label, docs, removed, encoding };
}
