// Page geometry: paper sizes, margins fit for binding, and a text block that is a whole number
// of characters wide and of lines high, as Chinese books are set (版心 = 字数 × 行数).
import type { PAPER_SIZES } from '../../edition/config.ts';

export type Paper = (typeof PAPER_SIZES)[number];

const MM = 72 / 25.4;

/** Paper sizes in millimetres; 16K is the Chinese 16开 book size. */
const PAPER: Record<Paper, [number, number]> = {
  A5: [148, 210],
  A4: [210, 297],
  B5: [176, 250],
  '16K': [185, 260],
};

export interface Geometry {
  paper: Paper;
  width: number;
  height: number;
  /** Body type size and line pitch, in points. */
  size: number;
  pitch: number;
  /** Text block: a whole number of characters by a whole number of lines. */
  measure: number;
  lines: number;
  textHeight: number;
  /** Margins: inner (binding side), outer, top and bottom of the text block. */
  inner: number;
  outer: number;
  top: number;
  /** Whether pages are mirrored for printing on both sides (documents start on a right-hand page). */
  print: boolean;
}

export function geometry(paper: Paper, print: boolean): Geometry {
  const [wmm, hmm] = PAPER[paper];
  const width = wmm * MM;
  const height = hmm * MM;
  const size = paper === 'A5' ? 10.5 : 12;
  const pitch = Math.round(size * 1.8 * 100) / 100;
  // Margins in proportion to the page: the binding side narrower than the outer, the foot deeper than the head.
  const innerMin = width * 0.12;
  const outerMin = width * 0.1;
  const chars = Math.floor((width - innerMin - outerMin) / size);
  const measure = chars * size;
  const slack = width - innerMin - outerMin - measure;
  const topMin = height * 0.1;
  const bottomMin = height * 0.11;
  const lines = Math.floor((height - topMin - bottomMin) / pitch);
  const textHeight = lines * pitch;
  return {
    paper, width, height, size, pitch, measure, lines, textHeight,
    inner: innerMin + slack / 2, outer: outerMin + slack / 2,
    top: topMin + (height - topMin - bottomMin - textHeight) * 0.4, print,
  };
}

/** Left edge of the text block on a page (1-based page number): mirrored for print. */
export function leftEdge(g: Geometry, page: number): number {
  return !g.print || page % 2 === 1 ? g.inner : g.outer;
}
