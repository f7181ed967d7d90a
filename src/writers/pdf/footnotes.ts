// Page footnotes (脚注): a note is set at the foot of the page that holds its (first) mark, under
// a short rule, in the note style laid out by layout.ts. The notes of a page take whole grid
// lines at the foot of the text block, so that the body above them stays on the grid.
import { blockInlines, visitBlocks, visitInlines, type Block } from '../../model/types.ts';
import type { FlowBlock, PartFlow, PlacedLine } from './flow.ts';
import { ceilGrid } from './grid.ts';
import type { Geometry } from './page.ts';

/** The notes whose marks a line holds, in order. */
export function noteRefs(line: PlacedLine): string[] {
  const out: string[] = [];
  for (const g of line.glyphs) if (g.style.anchor && g.style.link && !out.includes(g.style.link)) out.push(g.style.link);
  return out;
}

/** The rule over the notes of a page: a short line, drawn by the painter as a pagination artifact, in `height` points of room. */
export function noteRule(g: Geometry, height = g.pitch * 0.6): PlacedLine {
  return { glyphs: [], rule: 6 * g.size, x: 0, height, baseline: height / 2, width: 0, justified: false };
}

/** The least room the rule takes above the notes, in grid lines (it takes more when the notes leave it more). */
const RULE_ROOM = 0.25;

/** A part's notes by id, each the blocks it is laid out as. */
export function notesById(part: PartFlow): Map<string, FlowBlock[]> {
  return new Map((part.notes ?? []).map((n) => [n.id, n.blocks]));
}

const blocksHeight = (blocks: FlowBlock[]) => blocks.reduce((h, b, i) => h + (i ? b.spaceBefore : 0) + b.lines.reduce((s, l) => s + l.height, 0), 0);

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

/** Height of the foot area for notes `ids` (their rule included): whole grid lines, 0 if none. */
export function areaHeight(ids: string[], notes: Map<string, FlowBlock[]>, g: Geometry): number {
  if (!ids.length) return 0;
  const text = ids.reduce((h, id) => h + blocksHeight(notes.get(id)!), 0);
  return ceilGrid(RULE_ROOM * g.pitch + text, g.pitch);
}

/** Lines of the foot area, set flush with the foot of the text block: y from the top of the text block. */
export function placeNotes(ids: string[], notes: Map<string, FlowBlock[]>, g: Geometry): { line: PlacedLine; block?: FlowBlock; y: number }[] {
  if (!ids.length) return [];
  const text = ids.reduce((h, id) => h + blocksHeight(notes.get(id)!), 0);
  const rule = noteRule(g, Math.min(0.6 * g.pitch, areaHeight(ids, notes, g) - text));
  let y = g.textHeight - text - rule.height;
  const out: { line: PlacedLine; block?: FlowBlock; y: number }[] = [{ line: rule, y }];
  y += rule.height;
  for (const id of ids) {
    notes.get(id)!.forEach((b, i) => {
      if (i) y += b.spaceBefore;
      for (const line of b.lines) { out.push({ line, block: b, y }); y += line.height; }
    });
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
 * flow, a note marked in a note right after it; then the notes no mark refers to.
 */
export function notesInMarkOrder(flow: Block[], notes: NoteBlock[]): NoteBlock[] {
  const byId = new Map(notes.map((n) => [n.id, n]));
  const out: NoteBlock[] = [];
  const marksIn = (list: Block[]) => visitBlocks(list, (b) => {
    for (const runs of blockInlines(b)) visitInlines(runs, (i) => { if (i.type === 'noteref') add(i.note); });
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
