// What rendering one part needs besides the nodes: where images are in the package, the notes
// already referred to, and a way to warn about what cannot be set, with the place in the source.
import type { Diagnostic } from '../../diagnostics.ts';
import type { Pos } from '../../model/types.ts';

export function escapeXml(s: string): string {
  return s.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;').replace(/"/gu, '&quot;');
}

export interface RenderContext {
  /** The package path of an image of the book (`images/01-map.png`), or undefined if it is not there. */
  imageHref(src: string): string | undefined;
  /** How many references to each note have been set so far in this part. */
  noteRefs: Map<string, number>;
  /** The block being set, for the place of a warning. */
  pos?: Pos;
  warnAt(message: string): void;
  /** Whether the part needs the manifest property `svg` (an inline SVG was set). */
  svg: boolean;
}

export function renderContext(imageHref: (src: string) => string | undefined, warn?: (d: Diagnostic) => void): RenderContext {
  const ctx: RenderContext = {
    imageHref, noteRefs: new Map(), svg: false,
    warnAt: (message) => warn?.({
      severity: 'warning', code: 'reference', message, hint: 'check the image path; the EPUB sets the alt text in its place',
      ...(ctx.pos ? { file: ctx.pos.file, line: ctx.pos.line, column: ctx.pos.column } : {}),
    }),
  };
  return ctx;
}
