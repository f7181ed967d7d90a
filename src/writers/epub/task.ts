// The box of a task list item: a small inline SVG drawn in the text colour (so it follows night
// mode), announced to screen readers by its label. Its part then needs the manifest property svg.
import type { RenderContext } from './context.ts';

export function taskBox(checked: boolean, ctx: RenderContext): string {
  ctx.svg = true;
  const tick = checked ? '<path d="M4 8.5l3 3 5-7" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round"/>' : '';
  return `<svg xmlns="http://www.w3.org/2000/svg" class="task-box" viewBox="0 0 16 16" width="1em" height="1em" role="img" aria-label="${checked ? ctx.labels.taskDone : ctx.labels.taskOpen}">`
    + `<rect x="1.5" y="1.5" width="13" height="13" rx="2" fill="none" stroke="currentColor" stroke-width="1.2"/>${tick}</svg>`;
}
