// Page footnotes (脚注): a note is set at the foot of the page that holds its (first) mark, under
// a short rule, in the note style laid out by layout.ts. The notes of a page take whole grid
// lines at the foot of the text block, so that the body above them stays on the grid.
import { blockInlines, visitBlocks, visitInlines, type Block } from '../../model/types.ts';
import type { FlowBlock, PartFlow, PlacedLine } from './flow.ts';
import { ceilGrid } from './grid.ts';
import type { Geometry } from './page.ts';

/** The notes whose marks a line holds, in order: note marks, and lemmas whose apparatus entry is set at the page's foot. */
export function noteRefs(line: PlacedLine): string[] {
  const out: string[] = [];
  for (const g of line.glyphs) {
    const id = g.style.anchor && (g.style.link ?? g.style.note);
    if (id && !out.includes(id)) out.push(id);
  }
  return out;
}

/** The rule over the notes of a page: a short line, drawn by the painter as a pagination artifact, in `height` points of room. */
export function noteRule(g: Geometry, height = g.pitch * 0.6): PlacedLine {
  return { glyphs: [], rule: 6 * g.size, x: 0, height, baseline: height / 2, width: 0, justified: false };
}

/**
 * The room the rule takes above the notes, in grid lines: the foot area is made of whole grid
 * lines with at least this much for the rule (it takes more when the notes leave it more, up to
 * 0.6). Where the page has no more room, the rule makes do with RULE_LEAST: a note of one line
 * (0.85) then sets in one grid line, with about 3 pt of white on either side of the rule, rather
 * than leave the page a line short.
 */
const RULE_ROOM = 0.25;
const RULE_LEAST = 0.15;

/** A part's notes by id, each the blocks it is laid out as. */
export function notesById(part: PartFlow): Map<string, FlowBlock[]> {
  return new Map((part.notes ?? []).map((n) => [n.id, n.blocks]));
}

/** The notes `ids` bring with them: their own, and those whose marks stand in their text. */
export function withNested(ids: string[], notes: Map<string, FlowBlock[]>, placed: Set<string>): string[] {
  const out: string[] = [];
  const add = (id: string) => {
    if (out.includes(id) || placed.has(id) || !notes.has(id)) return;
    out.push(id);
    for (const b of notes.get(id)!) for (const l of b.lines) noteRefs(l).forEach(add);
  };
  ids.forEach(add);
  return out;
}

/** A line of the notes of a part: the line, its block, the white above it (between a note's paragraphs), and whether it opens its note. */
export interface NoteLine { id: string; block: FlowBlock; line: PlacedLine; gap: number; opens: boolean }

/**
 * The notes of a part as one sequence of lines, in the order they are set at the feet of the
 * pages: a page sets a run of it, so that a note too long for the room left on its mark's page
 * goes on at the foot of the next page, before that page's own notes. `below[i]` is the height
 * of the lines before line i (white between paragraphs included).
 */
export interface NoteStream { lines: NoteLine[]; below: number[] }

export function noteStream(ids: string[], notes: Map<string, FlowBlock[]>): NoteStream {
  const lines: NoteLine[] = [];
  for (const id of ids) notes.get(id)!.forEach((block, i) => block.lines.forEach((line, k) => lines.push({ id, block, line, gap: i && !k ? block.spaceBefore : 0, opens: !i && !k })));
  const below = [0];
  lines.forEach((l, i) => below.push(below[i] + l.gap + l.line.height));
  return { lines, below };
}

/** Height of the lines `from` … `to` − 1 of the notes (the white above the first left out). */
export const runHeight = (s: NoteStream, from: number, to: number): number => (to > from ? s.below[to] - s.below[from] - s.lines[from].gap : 0);

/** Height of the foot area for the lines `from` … `to` − 1 of the notes, their rule included: whole grid lines, 0 if none. */
export function areaHeight(s: NoteStream, from: number, to: number, g: Geometry): number {
  return to > from ? ceilGrid(RULE_ROOM * g.pitch + runHeight(s, from, to), g.pitch) : 0;
}

/** Whether the lines `from` … `to` − 1 of the notes fit in `room` points at a page's foot, with their rule. */
export const fitsIn = (s: NoteStream, from: number, to: number, room: number, g: Geometry): boolean => RULE_LEAST * g.pitch + runHeight(s, from, to) <= room + 0.01;

/**
 * Lines of the foot area, set flush with the foot of the text block (y from the top of the text
 * block): the lines `from` … `to` − 1 of the notes in `area` points, under a rule. The rule is
 * short, as over any page's notes, but runs across the whole measure over notes that begin with
 * a note continued from the page before (as footmisc's \splitfootnoterule and the Chicago
 * Manual's continued notes): the reader sees that the first lines go on from the page before.
 */
export function placeNotes(s: NoteStream, from: number, to: number, area: number, g: Geometry): { line: PlacedLine; block?: FlowBlock; y: number }[] {
  if (to <= from) return [];
  const text = runHeight(s, from, to);
  const rule = noteRule(g, Math.max(0, Math.min(0.6 * g.pitch, area - text)));
  if (!s.lines[from].opens) rule.rule = g.measure;
  let y = g.textHeight - text - rule.height;
  const out: { line: PlacedLine; block?: FlowBlock; y: number }[] = [{ line: rule, y }];
  y += rule.height;
  for (let i = from; i < to; i++) {
    if (i > from) y += s.lines[i].gap;
    out.push({ line: s.lines[i].line, block: s.lines[i].block, y });
    y += s.lines[i].line.height;
  }
  return out;
}

type NoteBlock = Extract<Block, { type: 'note' }>;

/** A part's blocks without its notes (taken out of the containers that hold them too), and its notes. */
export function splitNotes(blocks: Block[]): { flow: Block[]; notes: NoteBlock[] } {
  const notes: NoteBlock[] = [];
  const strip = (list: Block[]): Block[] => list.flatMap((b): Block[] => {
    if (b.type === 'note') { notes.push(b); return []; }
    return b.type === 'div' ? [{ ...b, children: strip(b.children) }] : [b];
  });
  return { flow: strip(blocks), notes };
}

/**
 * Notes in the order a reader meets them at the feet of the pages: by their first mark in the
 * flow (a lemma marks its apparatus entry there), a note marked in a note right after it; then
 * the notes no mark refers to.
 */
export function notesInMarkOrder(flow: Block[], notes: NoteBlock[]): NoteBlock[] {
  const byId = new Map(notes.map((n) => [n.id, n]));
  const out: NoteBlock[] = [];
  const marksIn = (list: Block[]) => visitBlocks(list, (b) => {
    for (const runs of blockInlines(b)) visitInlines(runs, (i) => { if (i.type === 'noteref') add(i.note); else if (i.type === 'anchor' && i.note) add(i.note); });
  });
  const add = (id: string) => {
    const n = byId.get(id);
    if (!n || out.includes(n)) return;
    out.push(n);
    marksIn(n.children);
  };
  marksIn(flow);
  return [...out, ...notes.filter((n) => !out.includes(n))];
}
