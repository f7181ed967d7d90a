// The printed pages of the PDF as places in the document model, for the EPUB's page-list: each
// page's folio (roman in front matter, arabic after, as the painter prints it) and where its text
// begins — the part, the top-level block the page's first line comes from, and how many
// characters of that block's reading text (`readingText`, whitespace removed) come before it.
// "p. 17" then means the same place in both files.
import { folios } from './paint.ts';
import type { Page, PlacedOnPage } from './paginate.ts';

export interface PrintedPage {
  /** The folio printed on the page. */
  label: string;
  /** 1-based physical page number in the PDF. */
  number: number;
  /** Id of the part the page belongs to. */
  part: string;
  /** Index of the top-level block (in `Part.blocks`) where the page begins; -1 for a page of what layout makes itself (the contents). */
  block: number;
  /** Characters of that block's reading text (whitespace removed) set on earlier pages. */
  offset: number;
  /** The reading text of the page's first line, whitespace removed. */
  text: string;
}

/** What a line gives to the reading text: its glyphs less labels (a list item's first glyph) and artifacts, whitespace removed. */
export function lineText(l: PlacedOnPage): string {
  const glyphs = l.block.labelled && l.first ? l.line.glyphs.slice(1) : l.line.glyphs;
  return glyphs.filter((g) => !g.style.label && !g.style.artifact).map((g) => g.text).join('').replace(/\s+/gu, '');
}

/**
 * Every printed page but the blank ones, in order. A page begins at its topmost line of text (a
 * table header set again at the top is not the page's own text, nor is the rule above the
 * notes); its offset counts the characters of its block already set on earlier pages. The pages
 * may be those of one part at a time, with their folios.
 */
export function pageMap(pages: Page[], labels = folios(pages)): PrintedPage[] {
  const setSoFar = new Map<string, number>();
  const out: PrintedPage[] = [];
  pages.forEach((page, i) => {
    if (page.blank || !page.lines.length) return;
    const own = page.lines.filter((l) => !l.repeated);
    // The topmost line made from the part's text (not a rule above the notes); in the contents, the topmost line.
    const byY = [...own].sort((a, b) => a.y - b.y);
    const top = byY.find((l) => l.block.origin) ?? byY[0];
    if (top) {
      const origin = top.block.origin;
      const key = `${page.part.id}\n${origin?.block ?? -1}`;
      out.push({ label: labels[i], number: page.number, part: page.part.id, block: origin?.block ?? -1, offset: origin ? setSoFar.get(key) ?? 0 : 0, text: lineText(top) });
    }
    for (const l of own) {
      const origin = l.block.origin;
      if (!origin) continue;
      const key = `${page.part.id}\n${origin.block}`;
      setSoFar.set(key, (setSoFar.get(key) ?? 0) + [...lineText(l)].length);
    }
  });
  return out;
}
