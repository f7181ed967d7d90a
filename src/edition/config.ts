// The edition file, corpus/edition.yaml: one schema for its types, its validation and its docs.
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { fail } from '../diagnostics.ts';
import { parseYaml } from '../yamlfile.ts';

export const PAPER_SIZES = ['A5', 'A4', 'B5', '16K'] as const;

export const EditionConfig = z.strictObject({
  title: z.string().min(1).describe('title of the edition'),
  subtitle: z.string().optional().describe('a line under the title'),
  editor: z.string().min(1).describe('who established the text'),
  publisher: z.string().min(1),
  language: z.string().default('zh-Hans').describe('BCP 47 tag of the text, e.g. zh-Hans'),
  description: z.string().min(1),
  subjects: z.array(z.string().min(1)).default([]),
  slug: z.string().regex(/^[a-z0-9][a-z0-9-]*$/u, 'lower-case letters, digits and hyphens').describe('output file name under out/'),
  identifier: z.string().optional().describe('a stable identifier; by default a UUID derived from the content'),
  documents: z.array(z.string()).optional().describe('document ids in reading order; default all, by date'),
  pdf: z.strictObject({
    paper: z.enum(PAPER_SIZES).default('A5').describe('A5, A4, B5 or 16K (185 × 260 mm)'),
    profile: z.enum(['print', 'screen']).default('print').describe('print: mirrored margins, documents on right-hand pages; screen: no blank pages'),
  }).default({ paper: 'A5', profile: 'print' }),
});

export type EditionConfig = z.infer<typeof EditionConfig>;

export function loadEdition(path: string, label = 'corpus/edition.yaml'): EditionConfig {
  if (!existsSync(path)) fail({ code: 'schema', file: label, message: 'the edition file is missing', hint: 'create it (see README.md, "The edition file") or run `wenji init`' });
  return parseYaml({ file: label, text: readFileSync(path, 'utf8') }, EditionConfig, 'edition');
}
