// Tables. (Provisional: each cell set as a paragraph, row by row.)
import type { Block } from '../../../model/types.ts';
import type { FlowBlock } from '../flow.ts';
import { styleFor, textBlock, type LayoutContext } from '../text.ts';

export function layoutTable(b: Extract<Block, { type: 'table' }>, context: string[], ctx: LayoutContext): FlowBlock[] {
  const s = { ...styleFor(context, 'para'), align: 'left' as const, indent: 0 };
  return [b.head, ...b.rows].flat().map((cell) => textBlock(cell, s, ctx, 'P'));
}
