// Block quotations: set inside the measure (deeper for a nested quote), with a thin rule down
// their left side on every line, so that the rule follows the quote onto each page it spans.
import type { Block } from '../../../model/types.ts';
import type { FlowBlock } from '../flow.ts';
import type { LayoutBlocks, LayoutContext } from '../text.ts';
import { narrower, shift } from './nest.ts';

/** Insets from the measure, the rule's place inside the left one, in ems; space around the quote in pitches. */
const LEFT = 2;
const RIGHT = 1;
const RULE_AT = 0.7;
const AROUND = 0.4;

export function layoutQuote(b: Extract<Block, { type: 'quote' }>, context: string[], ctx: LayoutContext, blocks: LayoutBlocks): FlowBlock[] {
  const em = ctx.geometry.size;
  const inner = shift(blocks(b.children, [...context, 'quote'], narrower(ctx, (LEFT + RIGHT) * em)), LEFT * em);
  const group = { tag: 'BlockQuote' as const, key: b };
  inner.forEach((fb, k) => {
    fb.group ??= group;
    // The rule runs on through the space between this block and the next one of the quote.
    const gap = k < inner.length - 1 ? fb.spaceAfter + inner[k + 1].spaceBefore : 0;
    fb.lines.forEach((l, n) => {
      const x = RULE_AT * em - l.x;
      const down = n === fb.lines.length - 1 ? gap : 0;
      l.marks = [...(l.marks ?? []), { kind: 'line', x1: x, y1: 0, x2: x, y2: l.height + down, width: 0.08 * em, gray: 0.55 }];
    });
  });
  if (inner.length) {
    const pitch = ctx.geometry.pitch;
    inner[0].spaceBefore = Math.max(inner[0].spaceBefore, AROUND * pitch);
    inner[inner.length - 1].spaceAfter = Math.max(inner[inner.length - 1].spaceAfter, AROUND * pitch);
  }
  return inner;
}
