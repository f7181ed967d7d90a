// Page-break markers of the printed edition in the EPUB's text: an empty span with the folio as
// its accessible name, which screen readers announce and which takes no room. A printed page
// begins at a character of a top-level block's reading text (pagemap.ts); here that place is
// found again in the block's XHTML, counting the same characters the read-back counts (text
// outside the labels, back links, apparatus references and ruby parentheses the writer adds),
// whitespace aside.
import { escapeXml } from './context.ts';

export interface PageMark {
  label: string;
  /** Characters of the block's reading text before the place. */
  offset: number;
}

/** The id of a page's marker in its file. */
export function pageId(label: string): string {
  return `page-${label.replace(/[^\w-]/gu, '_')}`;
}

export function marker(label: string): string {
  return `<span epub:type="pagebreak" role="doc-pagebreak" id="${pageId(label)}" aria-label="${escapeXml(label)}"></span>`;
}

/** A start tag whose content the writer made up (not in the reading text). */
function added(tag: string): boolean {
  const name = /^<([\w:-]+)/u.exec(tag)?.[1] ?? '';
  const cls = /\sclass="([^"]*)"/u.exec(tag)?.[1].split(/\s+/u) ?? [];
  return name === 'rp' || name === 'svg' || cls.includes('noteback') || cls.includes('stand-in') || cls.includes('lineref') || /\sepub:type="noteref"/u.test(tag);
}

const TOKEN = /<!--[\s\S]*?-->|<[^>]*>|[^<]+/gu;
const CHAR = /&[^;\s]+;|[\s\S]/gu;

/** The block's XHTML with a marker before the `offset`-th character of its reading text, for each mark; at the start or after the end as it falls. */
export function insertMarks(xhtml: string, marks: PageMark[]): string {
  const todo = [...marks].sort((a, b) => a.offset - b.offset);
  let out = '';
  while (todo.length && todo[0].offset <= 0) out += marker(todo.shift()!.label);
  let count = 0;
  const skipping: boolean[] = [];
  for (const [token] of xhtml.matchAll(TOKEN)) {
    if (token.startsWith('<!--') || !todo.length) { out += token; continue; }
    if (token.startsWith('</')) { skipping.pop(); out += token; continue; }
    if (token.startsWith('<')) {
      if (!token.endsWith('/>') && !token.startsWith('<?') && !token.startsWith('<!')) skipping.push(added(token) || skipping.at(-1) === true);
      out += token;
      continue;
    }
    if (skipping.at(-1)) { out += token; continue; }
    for (const [ch] of token.matchAll(CHAR)) {
      if (!/^\s$/u.test(ch)) {
        while (todo.length && todo[0].offset <= count) out += marker(todo.shift()!.label);
        count++;
      }
      out += ch;
    }
  }
  return out + todo.map((m) => marker(m.label)).join('');
}
