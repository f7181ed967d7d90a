// What rendering one part needs besides the nodes: where images are in the package, which parts
// and anchors the book has, the notes already referred to, and a way to warn about what cannot
// be set, with the place in the source.
import type { Diagnostic } from '../../diagnostics.ts';
import type { Pos, Target } from '../../model/types.ts';
import type { Labels } from '../labels.ts';

/** Characters XML 1.0 does not allow: they would make the file unreadable, so they are left out. */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/gu;

export function escapeXml(s: string): string {
  return s.replace(NOT_XML, '').replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;').replace(/"/gu, '&quot;');
}

/** The book as the renderer of one part sees it: its images, and the anchors of each part. */
export interface BookIndex {
  image(src: string): { href: string; width: number; height: number } | undefined;
  /** Ids of each part that a link may point to (headings, notes), by part id. */
  anchors: Map<string, Set<string>>;
  /** The writer's own words in the book's language. */
  labels: Labels;
}

export interface RenderContext extends BookIndex {
  /** How many references to each note have been set so far in this part. */
  noteRefs: Map<string, number>;
  /** The block being set, for the place of a warning. */
  pos?: Pos;
  warnAt(message: string, hint: string): void;
  /** Whether the part needs the manifest property `svg` (an inline SVG was set). */
  svg: boolean;
  /** Setting a display line (a heading): text breaks only between phrases. */
  display?: boolean;
}

export function renderContext(index: BookIndex, warn?: (d: Diagnostic) => void): RenderContext {
  const ctx: RenderContext = {
    ...index, noteRefs: new Map(), svg: false,
    warnAt: (message, hint) => warn?.({
      severity: 'warning', code: 'reference', message, hint,
      ...(ctx.pos ? { file: ctx.pos.file, line: ctx.pos.line, column: ctx.pos.column } : {}),
    }),
  };
  return ctx;
}

/**
 * Where a link goes in the package: a target inside the book becomes `part.xhtml#anchor`; an
 * address with a scheme stays as written; anything else (a file of the project that is not part
 * of the book, an anchor no part has) cannot be followed in the EPUB and is undefined.
 */
export function linkHref(href: string, target: Target | undefined, ctx: RenderContext): { href?: string; problem?: string } {
  if (!target) return /^[a-z][a-z0-9+.-]*:/iu.test(href) ? { href } : { problem: `the link to ${href} points to nothing in the book` };
  const anchors = ctx.anchors.get(target.part);
  if (!anchors) return { problem: `the link to ${href} points to a document that is not in this book` };
  if (target.anchor && !anchors.has(target.anchor)) return { href: `${target.part}.xhtml`, problem: `the link to ${href} names a heading that ${target.part} does not have; it goes to the document` };
  return { href: `${target.part}.xhtml${target.anchor ? `#${target.anchor}` : ''}` };
}
