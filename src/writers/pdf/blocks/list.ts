// Lists: bullets or numbers in a hanging indent; items may hold any blocks, and lists nest.
import type { Block } from '../../../model/types.ts';
import { LABELS } from '../../labels.ts';
import type { FlowBlock } from '../flow.ts';
import { styleFor, textBlock, type LayoutBlocks, type LayoutContext } from '../text.ts';

/** A list: each item's first paragraph after its marker, the rest hanging under it. */
export function layoutList(b: Extract<Block, { type: 'list' }>, context: string[], ctx: LayoutContext, blocks: LayoutBlocks): FlowBlock[] {
  const s = styleFor(context, 'list');
  const size = ctx.geometry.size * s.scale;
  const hang = 2 * size;
  const group = { tag: 'L' as const, key: b };
  return b.items.flatMap((item, n) => item.blocks.flatMap((child, k): FlowBlock[] => {
    if (child.type !== 'para') return blocks([child], context, ctx);
    const fb = textBlock(child.children, { ...s, indent: 0 }, ctx, k === 0 ? 'LI' : 'P', k === 0 ? { group, labelled: true } : {}, hang);
    if (k === 0 && fb.lines[0]) {
      const marker = b.ordered ? `${n + 1}.` : LABELS.bullet;
      const mw = ctx.metrics.advance(marker, 'regular') * size;
      fb.lines[0].glyphs.unshift({ text: marker, x: b.ordered ? -hang + hang * 0.85 - mw : -hang + (hang - mw) / 2, width: mw, style: { weight: 'regular', size } });
    }
    fb.spaceAfter = 0.15 * ctx.geometry.pitch;
    return [fb];
  }));
}

