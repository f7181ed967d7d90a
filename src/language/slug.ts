// Heading anchors: a slug of the heading's text, as GitHub makes them, so that links written for
// GitHub (`other.md#第一章-总则`) find their heading. Han characters are kept; ids are made unique
// within a part by -1, -2 … and prefixed by the part's id (which starts with a letter).

/** `第一章 总则` → `第一章-总则`; `Hello, World!` → `hello-world`. */
export function headingSlug(text: string): string {
  return text.trim().toLowerCase().replace(/[^\p{L}\p{N}\p{M}\s_-]/gu, '').replace(/\s/gu, '-');
}

/** Slugs made unique in one part, in order of appearance. */
export class SlugCounter {
  private seen = new Map<string, number>();
  next(text: string): string {
    const base = headingSlug(text) || 'section';
    const n = this.seen.get(base) ?? 0;
    this.seen.set(base, n + 1);
    return n ? `${base}-${n}` : base;
  }
}
