// Heading anchors: a slug of the heading's text, as GitHub makes them, so that links written for
// GitHub (`other.md#第一章-总则`) find their heading. Han characters are kept; ids are made unique
// within a part by -1, -2 … and prefixed by the part's id (which starts with a letter).

/** `第一章 总则` → `第一章-总则`; `Hello, World!` → `hello-world`. */
export function headingSlug(text: string): string {
  return text.trim().toLowerCase().replace(/[^\p{L}\p{N}\p{M}\s_-]/gu, '').replace(/\s/gu, '-');
}

/** Slugs made unique in one part, in order of appearance; `a`, `a`, `a-1` give `a`, `a-1`, `a-1-1`. */
export class SlugCounter {
  private seen = new Map<string, number>();
  private used = new Set<string>();
  next(text: string): string {
    const base = headingSlug(text) || 'section';
    let n = this.seen.get(base) ?? 0;
    let slug = n ? `${base}-${n}` : base;
    while (this.used.has(slug)) slug = `${base}-${++n}`;
    this.seen.set(base, n + 1);
    this.used.add(slug);
    return slug;
  }
}
