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
/** An entity (counted as one character), and a white space character (not counted). */
const ENTITY = /&[^;\s]+;/uy;
const SPACE = /^\s$/u;

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
    // Characters counted in place: an entity is one, a surrogate pair is one, white space none.
    let from = 0;
    for (let i = 0; i < token.length && todo.length;) {
      const c = token.charCodeAt(i);
      ENTITY.lastIndex = i;
      const entity = c === 0x26 ? ENTITY.exec(token) : null;
      const pair = c >= 0xd800 && c <= 0xdbff && (token.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
      const length = entity ? entity[0].length : pair ? 2 : 1;
      if (entity || !SPACE.test(token[i])) {
        while (todo.length && todo[0].offset <= count) { out += token.slice(from, i) + marker(todo.shift()!.label); from = i; }
        count++;
      }
      i += length;
    }
    out += token.slice(from);
  }
  return out + todo.map((m) => marker(m.label)).join('');
}

