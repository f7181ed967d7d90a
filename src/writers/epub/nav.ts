// The table of contents, for the nav document and the NCX: every part but the cover, title page
// and the table itself, and inside each document its headings down to the edition's tocDepth,
// nested by level. A part's own title heading (its first heading, at level 1) is the part's
// entry. The headings of front and back matter stay out: they are the book's apparatus, and
// would repeat the documents' titles (a list of sources has one heading per document).
import { plainText, visitBlocks, type Part } from '../../model/types.ts';
import { escapeXml } from './context.ts';
import { phrased } from './phrased.ts';

export interface TocEntry {
  label: string;
  href: string;
  kind: string;
  children: TocEntry[];
}

function headings(p: Part, depth: number): { level: number; id: string; label: string }[] {
  const out: { level: number; id: string; label: string }[] = [];
  visitBlocks(p.blocks, (b, context) => {
    if (b.type === 'heading' && !context.includes('note')) out.push({ level: b.level, id: b.id, label: plainText(b.children) });
  });
  if (out[0]?.level === 1) out.shift();
  return out.filter((h) => h.level <= depth && h.label.trim());
}

/** Headings nested under the nearest earlier heading of a smaller level; the part is level 1. */
function nest(p: Part, depth: number): TocEntry[] {
  const root: TocEntry[] = [];
  const stack: { level: number; children: TocEntry[] }[] = [{ level: 1, children: root }];
  for (const h of headings(p, depth)) {
    const entry: TocEntry = { label: h.label, href: `${p.id}.xhtml#${h.id}`, kind: 'section', children: [] };
    while (stack.length > 1 && stack[stack.length - 1].level >= h.level) stack.pop();
    stack[stack.length - 1].children.push(entry);
    stack.push({ level: h.level, children: entry.children });
  }
  return root;
}

export function tocEntries(parts: Part[], depth: number): TocEntry[] {
  return parts.filter((p) => p.kind !== 'toc' && p.kind !== 'titlepage').map((p) => ({
    label: p.title, href: `${p.id}.xhtml`, kind: p.kind, children: p.kind === 'document' ? nest(p, depth) : [],
  }));
}

/** Short leaf entries (section numerals 一, 二, …) run on in a line; anything longer is a list. */
function runsOn(list: TocEntry[]): boolean {
  return list.every((e) => !e.children.length && [...e.label].length <= 4);
}

export function navList(list: TocEntry[], indent = '    '): string {
  const items = list.map((e) => {
    const kids = e.children.length ? `\n${navList(e.children, `${indent}    `)}${indent}  ` : '';
    const cls = e.kind === 'section' ? '' : ` class="toc-${e.kind}"`;
    return `${indent}  <li${cls}><a href="${escapeXml(e.href)}">${phrased(e.label)}</a>${kids}</li>\n`;
  }).join('');
  const cls = list[0]?.kind === 'section' ? ` class="sections${runsOn(list) ? ' inline' : ''}"` : '';
  return `${indent}<ol${cls}>\n${items}${indent}</ol>\n`;
}

export function ncxPoints(list: TocEntry[], counter = { n: 0 }, indent = '    '): string {
  return list.map((e) => {
    const order = ++counter.n;
    return `${indent}<navPoint id="nav-${order}" playOrder="${order}">\n${indent}  <navLabel><text>${escapeXml(e.label)}</text></navLabel>\n${indent}  <content src="${escapeXml(e.href)}"/>\n`
      + `${ncxPoints(e.children, counter, `${indent}  `)}${indent}</navPoint>\n`;
  }).join('');
}

export function tocDepthOf(list: TocEntry[]): number {
  return list.length ? 1 + Math.max(...list.map((e) => tocDepthOf(e.children))) : 0;
}

/**
 * The NCX's page list, for reading systems that read the NCX (EPUB 2): each printed page of the
 * PDF as a page target after the navigation points in play order; arabic folios are `normal`
 * pages with their number, roman ones `front` matter.
 */
export function ncxPageList(pages: { label: string; href: string }[], title: string, after: number): string {
  if (!pages.length) return '';
  const targets = pages.map((p, i) => {
    const normal = /^\d+$/u.test(p.label);
    return `    <pageTarget id="page-target-${i + 1}" type="${normal ? 'normal' : 'front'}"${normal ? ` value="${p.label}"` : ''} playOrder="${after + i + 1}">\n`
      + `      <navLabel><text>${escapeXml(p.label)}</text></navLabel>\n      <content src="${escapeXml(p.href)}"/>\n    </pageTarget>\n`;
  }).join('');
  return `  <pageList>\n    <navLabel><text>${escapeXml(title)}</text></navLabel>\n${targets}  </pageList>\n`;
}

/** How many entries a table of contents holds, at every level. */
export function countEntries(list: TocEntry[]): number {
  return list.reduce((n, e) => n + 1 + countEntries(e.children), 0);
}
