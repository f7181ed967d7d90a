// What rendering one part needs besides the nodes: where images are in the package, the notes
// already referred to, and a way to warn about what cannot be set, with the place in the source.
import type { Diagnostic } from '../../diagnostics.ts';
import type { Pos } from '../../model/types.ts';

export function escapeXml(s: string): string {
  return s.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;').replace(/"/gu, '&quot;');
}

export interface RenderContext {
  /** An image of the book: its package path (`images/01-map.png`) and size, or undefined if it is not there. */
  image(src: string): { href: string; width: number; height: number } | undefined;
  /** How many references to each note have been set so far in this part. */
  noteRefs: Map<string, number>;
  /** The block being set, for the place of a warning. */
  pos?: Pos;
  warnAt(message: string): void;
  /** Whether the part needs the manifest property `svg` (an inline SVG was set). */
  svg: boolean;
}

export function renderContext(image: RenderContext['image'], warn?: (d: Diagnostic) => void): RenderContext {
  const ctx: RenderContext = {
    image, noteRefs: new Map(), svg: false,
    warnAt: (message) => warn?.({
      severity: 'warning', code: 'reference', message, hint: 'check the image path; the EPUB sets the alt text in its place',
      ...(ctx.pos ? { file: ctx.pos.file, line: ctx.pos.line, column: ctx.pos.column } : {}),
    }),
  };
  return ctx;
}
