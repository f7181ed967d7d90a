// The canonical document's front matter and its variant apparatus: one schema, used by the
// importer to write them and by the loader to check them.
import { z } from 'zod';

/** A date that is in the calendar: 2023-02-30 and 2099-13-01 are not. `YYYY` and `YYYY-MM` are checked as far as they go. */
export function isCalendarDate(s: string): boolean {
  const [y, m = 1, d = 1] = s.split('-').map(Number);
  if (!(m >= 1 && m <= 12 && d >= 1)) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
}

/** YYYY-MM-DD, a day of the calendar. */
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/u, 'expected a date as YYYY-MM-DD').refine(isCalendarDate, 'no such day in the calendar (month 01–12, and a day the month has)');

export const Witness = z.strictObject({
  file: z.string(),
  kind: z.enum(['ocr', 'text', 'html', 'markdown', 'docx']),
  medium: z.string(),
  origin: z.string(),
  role: z.enum(['base', 'collated', 'rejected']),
  reliable: z.boolean(),
  /** What part of the document the witness has, in words. */
  covers: z.string(),
  state: z.string(),
  /** Variation units where its reading differs from the base text (base: units in all). */
  divergences: z.number().int().nonnegative(),
  /** Units where it stands alone against the other witnesses. */
  lone_readings: z.number().int().nonnegative(),
  removed: z.array(z.strictObject({ what: z.string(), count: z.number().int().positive(), examples: z.array(z.string()) })),
  note: z.string().optional(),
});

export const Gap = z.strictObject({
  at: z.enum(['start', 'end']),
  note: z.string(),
});

export const FrontMatter = z.strictObject({
  id: z.string().regex(/^\d{4}-\d{2}-\d{2}-[a-z0-9-]+$/u).max(80, 'at most 80 characters'),
  title: z.string().min(1),
  title_supplied: z.boolean(),
  title_source: z.string().optional(),
  date: isoDate,
  date_supplied: z.boolean(),
  place: z.string().min(1),
  supplied_reason: z.string().optional(),
  signatories: z.array(z.strictObject({ office: z.string().min(1), name: z.string().min(1) })),
  dateline: z.string().optional(),
  completeness: z.enum(['complete', 'incomplete']),
  completeness_note: z.string(),
  gaps: z.array(Gap),
  witnesses: z.array(Witness).min(1),
  collation: z.strictObject({
    rules: z.array(z.string()),
    variants: z.number().int().nonnegative(),
    apparatus: z.string().optional(),
  }),
});

export const Variant = z.strictObject({
  n: z.number().int().positive(),
  /** Where: section numeral (or 序言) and paragraph number within it. */
  section: z.string(),
  paragraph: z.number().int().positive(),
  /** A few characters of the edition's text before the place. */
  context: z.string(),
  readings: z.array(z.strictObject({ witness: z.string(), text: z.string() })),
  adopted: z.string(),
  rule: z.string(),
});

export const Apparatus = z.strictObject({
  document: z.string(),
  base: z.string(),
  variants: z.array(Variant),
});

export type FrontMatter = z.infer<typeof FrontMatter>;
export type WitnessInfo = z.infer<typeof Witness>;
export type VariantEntry = z.infer<typeof Variant>;
export type Apparatus = z.infer<typeof Apparatus>;
