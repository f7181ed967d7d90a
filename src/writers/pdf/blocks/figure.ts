// Figures. (Provisional: the caption only.)
import type { Block } from '../../../model/types.ts';
import type { FlowBlock } from '../flow.ts';
import { styleFor, textBlock, type LayoutContext } from '../text.ts';

export function layoutFigure(b: Extract<Block, { type: 'figure' }>, context: string[], ctx: LayoutContext): FlowBlock[] {
  return b.caption.length ? [textBlock(b.caption, { ...styleFor(context, 'para'), align: 'center', indent: 0 }, ctx, 'P')] : [];
}
