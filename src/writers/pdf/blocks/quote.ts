// Block quotations. (Provisional: the quote's blocks are set as they are.)
import type { Block } from '../../../model/types.ts';
import type { FlowBlock } from '../flow.ts';
import type { LayoutBlocks, LayoutContext } from '../text.ts';

export function layoutQuote(b: Extract<Block, { type: 'quote' }>, context: string[], ctx: LayoutContext, blocks: LayoutBlocks): FlowBlock[] {
  return blocks(b.children, [...context, 'quote'], ctx);
}
