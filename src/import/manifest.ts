// The source manifest, corpus/sources.yaml: what each witness is, and which documents the
// edition establishes from them.
import { dirname } from 'node:path';
import { fail } from '../diagnostics.ts';
import { z } from 'zod';
import { isoDate } from '../corpus/schema.ts';
import { checkPath, readText } from '../input/index.ts';
import { parseYaml } from '../yamlfile.ts';
import { WITNESS_KINDS } from './witness.ts';


export const SourceEntry = z.strictObject({
  file: z.string().regex(/^[^/\\]+$/u, 'a file name inside corpus/sources/'),
  kind: z.enum(WITNESS_KINDS),
  authority: z.enum(['print', 'web']),
  medium: z.string().min(1),
  origin: z.string().min(1),
  state: z.string().min(1),
  /** hant: a witness in Traditional characters, read in Simplified; detected when absent. */
  script: z.enum(['hans', 'hant']).optional(),
});

export const DocumentEntry = z.strictObject({
  id: z.string().regex(/^\d{4}-\d{2}-\d{2}-[a-z0-9-]+$/u, 'expected <YYYY-MM-DD>-<slug>, slug in lower-case letters, digits and hyphens').max(80, 'at most 80 characters (it names the document file)'),
  match: z.strictObject({ title: z.string().min(2).optional(), date: isoDate.optional() })
    .refine((m) => m.title || m.date, 'give a title phrase or a date to match witnesses by'),
  /** The editor's shorter title, for running heads (a title too long for one line would take two). */
  short_title: z.string().min(1).max(40, 'at most 40 characters: it must fit a running head').optional(),
  supplied: z.strictObject({
    title: z.string().min(1).optional(),
    date: isoDate.optional(),
    place: z.string().min(1).optional(),
    reason: z.string().min(1),
  }).optional(),
});

/** The house style (see src/import/style.ts); GB/T 15834-2011 by default. */
export const Style = z.strictObject({
  range: z.enum(['—', '～', '－', '-', '–']).default('—'),
});

export const Manifest = z.strictObject({
  style: Style.default({ range: '—' }),
  sources: z.array(SourceEntry).min(1, 'list at least one source file'),
  documents: z.array(DocumentEntry).min(1, 'list at least one document'),
});

export type SourceEntry = z.infer<typeof SourceEntry>;
export type DocumentEntry = z.infer<typeof DocumentEntry>;
export type Manifest = z.infer<typeof Manifest>;

export function loadManifest(file: string): Manifest {
  const checked = checkPath(file, { kind: 'yaml', bounds: [dirname(file)] });
  if ('why' in checked && checked.why === 'does not exist') fail({ code: 'manifest-invalid', file: 'corpus/sources.yaml', message: 'the source manifest is missing', hint: 'list the witness files in corpus/sources.yaml (see README.md, "The corpus") before running import' });
  const label = 'corpus/sources.yaml';
  return parseYaml({ file: label, text: readText(file, { label, kind: 'yaml', bounds: [dirname(file)] }) }, Manifest, 'source manifest');
}
