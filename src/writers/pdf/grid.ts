// The line grid (版心行格): every page of the text block is ruled into lines one body pitch
// apart, from the top of the text block. Body lines sit on it; a block that is not a whole number
// of grid lines high (a heading, a figure, a table, a note) is given whole lines of room or the
// text after it re-enters the grid at the next line. Pure arithmetic, shared by pagination and checks.
import type { FlowBlock } from './flow.ts';

/** Tolerance of positions, in points (lines are computed in floating point). */
export const EPS = 0.01;

/** The first grid line at or below `y`. */
export const ceilGrid = (y: number, pitch: number): number => Math.ceil(y / pitch - EPS / pitch) * pitch;

/** The grid line nearest `y`, a half-way position going down. */
export const roundGrid = (y: number, pitch: number): number => Math.floor(y / pitch + 0.5 + EPS / pitch) * pitch;

/** Whether every line of a block is a whole number of grid lines high: then it is set on the grid. */
export function onGrid(b: FlowBlock, pitch: number): boolean {
  return b.lines.every((l) => {
    const n = l.height / pitch;
    return n >= 1 - EPS && Math.abs(n - Math.round(n)) * pitch < EPS;
  });
}

/** Whether a block is a heading, set centred in the whole grid lines it and its spacing take (标题占行). */
export const isHeading = (b: FlowBlock): boolean => /^H\d$/u.test(b.tag);

/**
 * The room a heading takes: its lines and the space around them rounded to whole grid lines
 * (never less than its own height), with the white shared equally above and below it.
 * At the top of a page the space above it is not counted.
 */
export function headingRoom(b: FlowBlock, pitch: number, atTop: boolean): { lines: number; above: number } {
  const height = b.lines.reduce((h, l) => h + l.height, 0);
  const before = atTop ? 0 : b.spaceBefore;
  const lines = Math.max(Math.ceil(height / pitch - EPS / pitch), Math.floor((before + height + b.spaceAfter) / pitch + 0.5));
  const white = lines * pitch - height;
  return { lines, above: white / 2 };
}
