// Code blocks. (Provisional: each line of code set as a ragged paragraph.)
import type { Block } from '../../../model/types.ts';
import type { FlowBlock } from '../flow.ts';
import { styleFor, textBlock, type LayoutContext } from '../text.ts';

export function layoutCode(b: Extract<Block, { type: 'code' }>, context: string[], ctx: LayoutContext): FlowBlock[] {
  const s = { ...styleFor(context, 'para'), align: 'left' as const, indent: 0 };
  return b.text.replace(/\n$/u, '').split('\n').map((line) => textBlock([{ type: 'text', text: line || ' ' }], s, ctx, 'P'));
}
