// Front matter of a document: optional, every field with a default. An ordinary document knows a
// few keys (ORDINARY); a document established from witnesses (one that has `witnesses`) is checked
// against the documented-edition schema. A key no one reads is a warning naming the nearest known
// key, at its line and column in the file as written.
import { isMap, isScalar } from 'yaml';
import { z } from 'zod';
import type { Diagnostic } from '../diagnostics.ts';
import { checkYamlSize, parseYaml, parseYamlText, toData, type ParsedYaml } from '../yamlfile.ts';
import { MAX_ID } from './names.ts';
import { FrontMatter, isCalendarDate } from './schema.ts';

/** Longest title, subtitle, author or tag. */
export const MAX_LINE = 500;

const text = z.union([z.string(), z.number()]).transform(String);
/** A line of text (a title, a name): set on title pages and in running heads, so of a line's length or a few. */
const line = text.pipe(z.string().max(MAX_LINE, `at most ${MAX_LINE} characters`));
const list = z.union([line, z.array(line)]).transform((v) => (Array.isArray(v) ? v : [v]));

/** A date and time as blogs and site generators write it (2024-03-01T10:00:00+08:00, 2024-03-01 08:30): its day. */
function dayOf(value: string): string {
  return value.trim().replace(/^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?$/u, '$1');
}

/** The keys of an ordinary document, each optional. */
export const ORDINARY = {
  title: line.pipe(z.string().min(1)).describe('title; default: the first `#` heading, else the file name'),
  subtitle: line.describe('a line under the title'),
  short_title: line.describe('a shorter title for running heads and the table of contents'),
  author: list.describe('author or authors'),
  date: text.transform(dayOf).pipe(z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/u, 'expected a date as YYYY, YYYY-MM or YYYY-MM-DD').refine(isCalendarDate, 'no such date in the calendar (month 01–12, and a day the month has)')).describe('date of the document (a time after it, as blogs write it, is dropped)'),
  lang: text.pipe(z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/u, 'expected a BCP 47 tag such as zh-Hant or en')).describe('language, if not the edition\'s'),
  id: text.pipe(z.string().regex(/^[a-z0-9][a-z0-9_-]*$/u, 'lower-case letters, digits, _ and -').max(MAX_ID, `at most ${MAX_ID} characters (it names files inside the EPUB)`)).describe('stable id; default: from the file name'),
  description: text.pipe(z.string().max(5000, 'at most 5000 characters')).describe('a sentence about the document'),
  tags: list.describe('keywords'),
} as const;

const Ordinary = z.object(ORDINARY).partial();
export type OrdinaryFront = z.infer<typeof Ordinary>;

/** A document established from witnesses: the documented-edition schema, plus the ordinary keys. */
export const Established = FrontMatter.extend({ subtitle: ORDINARY.subtitle.optional(), short_title: ORDINARY.short_title.optional(), author: ORDINARY.author.optional(), lang: ORDINARY.lang.optional(), description: ORDINARY.description.optional(), tags: ORDINARY.tags.optional() });
export type EstablishedFront = z.infer<typeof Established>;

/** The witness and collation keys: checked one by one when an ordinary document gives them. */
const WITNESS_KEYS = Object.keys(FrontMatter.shape).filter((k) => !(k in ORDINARY)) as (keyof typeof FrontMatter.shape)[];
const Partial = Ordinary.extend(Object.fromEntries(WITNESS_KEYS.map((k) => [k, FrontMatter.shape[k].optional()])));

export const KNOWN_KEYS = [...Object.keys(ORDINARY), ...WITNESS_KEYS];

/** Edit distance (with transpositions), for suggesting the key meant. */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** The known key nearest to an unknown one, if it is near enough to be a slip. */
export function nearestKey(key: string, known: readonly string[] = KNOWN_KEYS): string | undefined {
  const scored = known.map((k) => ({ k, d: distance(key.toLowerCase(), k) })).sort((a, b) => a.d - b.d || a.k.localeCompare(b.k));
  return scored[0] && scored[0].d <= Math.max(2, Math.floor(key.length / 3)) ? scored[0].k : undefined;
}

/** Warnings for keys no one reads, each at the key in the file. */
function unknownKeys(file: string, { doc, lines }: ParsedYaml, firstLine: number, known: readonly string[]): Diagnostic[] {
  if (!isMap(doc.contents)) return [];
  return doc.contents.items.flatMap((pair): Diagnostic[] => {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (!key || known.includes(key)) return [];
    const at = lines.linePos(isScalar(pair.key) ? pair.key.range?.[0] ?? 0 : 0);
    const near = nearestKey(key, known);
    return [{
      severity: 'warning', code: 'front-matter-key', file, line: at.line + firstLine - 1, column: at.col,
      message: `\`${key}\` is not a known key${near ? `; did you mean \`${near}\`?` : ''} (not read)`,
      hint: near ? `rename it to ${near}, or remove it` : `known keys: ${Object.keys(ORDINARY).join(', ')} (README.md, "Front matter")`,
    }];
  });
}

export type Front = { established: true; front: EstablishedFront } | { established: false; front: OrdinaryFront & z.infer<typeof Partial> };

/** Reads front matter: an established document when it has `witnesses`, else an ordinary one. */
export function readFront(file: string, yaml: string, firstLine: number, warnings: Diagnostic[]): Front {
  const src = { file, text: yaml, firstLine };
  checkYamlSize(src, 'front matter');
  // Parsed once: for telling the kind of document, for the unknown keys, and for the schema.
  const parsed = parseYamlText(yaml);
  const raw = toData(parsed.doc, src, 'front matter');
  const established = !!raw && typeof raw === 'object' && 'witnesses' in raw;
  if (established) return { established, front: parseYaml(src, Established, 'front matter', parsed) };
  warnings.push(...unknownKeys(file, parsed, firstLine, KNOWN_KEYS));
  if (raw === null || raw === undefined) return { established, front: {} };
  return { established, front: parseYaml(src, Partial, 'front matter', parsed) };
}
