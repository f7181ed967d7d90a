// Nesting: the blocks inside a list item or a quotation are laid out in a narrower measure and
// then moved right, so that every block type (paragraphs, code, tables, figures, lists) nests
// without knowing where it stands.
import type { FlowBlock } from '../flow.ts';
import type { LayoutContext } from '../text.ts';

/** The context of blocks set `width` points narrower than the measure. */
export function narrower(ctx: LayoutContext, width: number): LayoutContext {
  return { ...ctx, geometry: { ...ctx.geometry, measure: ctx.geometry.measure - width } };
}

/**
 * Moves laid-out blocks right by `dx` points (their marks, relative to each line, move with them).
 * Set in a narrower measure, they are no longer body text that fills the measure.
 */
export function shift(blocks: FlowBlock[], dx: number): FlowBlock[] {
  for (const b of blocks) {
    b.body = false;
    for (const l of b.lines) l.x += dx;
  }
  return blocks;
}
