// Figures: the image scaled to fit the measure and at most a share of the text height (never
// enlarged beyond its own size), centred, its caption small and centred under it. Image and
// caption are each kept whole and kept together, so a figure is never split across pages or
// from its caption. An image missing from the book is reported and its caption set alone.
import type { Block } from '../../../model/types.ts';
import type { FlowBlock, PlacedLine } from '../flow.ts';
import { BODY, textBlock, type LayoutContext, type TextStyle } from '../text.ts';

type Figure = Extract<Block, { type: 'figure' }>;

/** The tallest an image may be, as a share of the text height; CSS pixels to points. */
const MAX_HEIGHT = 0.6;
const PX = 0.75;
const CAPTION: TextStyle = { ...BODY, scale: 0.85, leading: 0.85, align: 'center', indent: 0, before: 0.3, after: 0.6 };

/** The size an image is set at, in points. */
export function figureSize(width: number, height: number, ctx: LayoutContext): { width: number; height: number } {
  const g = ctx.geometry;
  const [w, h] = width > 0 && height > 0 ? [width * PX, height * PX] : [g.measure, g.measure * 0.75];
  const k = Math.min(1, g.measure / w, (MAX_HEIGHT * g.textHeight) / h);
  return { width: w * k, height: h * k };
}

export function layoutFigure(b: Figure, _context: string[], ctx: LayoutContext): FlowBlock[] {
  const g = ctx.geometry;
  const caption = b.caption.length ? textBlock(b.caption, CAPTION, ctx, 'Caption') : undefined;
  if (caption) Object.assign(caption, { orphans: caption.lines.length, widows: caption.lines.length });
  const img = ctx.images[b.src];
  if (!img) {
    ctx.warn?.({
      severity: 'warning', code: 'image-missing', message: `image ${b.src} is not in the book: not rendered`,
      file: b.pos.file, line: b.pos.line, column: b.pos.column, hint: 'check the path of the image, relative to the document',
    });
    return caption ? [caption] : [];
  }
  const { width, height } = figureSize(img.width, img.height, ctx);
  const line: PlacedLine = {
    glyphs: [], x: (g.measure - width) / 2, height, baseline: height, width, justified: false,
    image: { src: b.src, x: 0, y: 0, width, height, alt: b.alt },
  };
  const figure: FlowBlock = {
    lines: [line], spaceBefore: 0.6 * g.pitch, spaceAfter: caption ? 0 : 0.6 * g.pitch, orphans: 1, widows: 1,
    keepWithNext: !!caption, tag: 'Figure', body: false, anchors: [], alt: b.alt,
  };
  return caption ? [figure, caption] : [figure];
}
