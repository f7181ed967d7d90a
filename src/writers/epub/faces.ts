// Which embedded face sets each character of the EPUB, read from the XHTML the writer made, so
// that each font file holds just the characters set in it (bold only what is bold). The faces
// follow style.css and the font stacks of fonts.ts: bold in headings h1–h5, <strong>, <b>, table
// headers and the documents' entries in the contents; the italic face for Latin text under
// emphasis (<em> <span class="latin">), <i> and <cite>; the monospace face in code; each falling
// back along its stack to the serif and then to the symbols face, character by character, as a
// browser's font matching does. Hidden elements (the landmarks and page list) and the head set
// nothing; an ordered list's numbers are set in its items' face.
import { parseDocument } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';
import type { SubsetFont } from '../../fonts/index.ts';

interface State { bold: boolean; italic: boolean; mono: boolean; system: boolean }

const cls = (el: Element) => (el.attribs.class ?? '').split(/\s+/u).filter(Boolean);

function styleOf(el: Element, parent: State, ancestors: Element[]): State {
  const s = { ...parent };
  const n = el.name;
  if (/^h[1-5]$/u.test(n) || n === 'strong' || n === 'b' || n === 'th') s.bold = true;
  if (n === 'h6') s.bold = false;
  if (n === 'a' && ancestors.at(-1)?.name === 'li' && cls(ancestors.at(-1)!).includes('toc-document') && ancestors.some((a) => a.name === 'nav')) s.bold = true;
  if (n === 'i' || n === 'cite' || (cls(el).includes('latin') && ancestors.some((a) => a.name === 'em'))) s.italic = true;
  if (n === 'code' || n === 'pre' || n === 'kbd' || n === 'samp') s.mono = true;
  if (cls(el).includes('licence-text')) s.system = true;
  return s;
}

/** Text set in each combination of style, by a key `bold italic mono`. */
export type Runs = Map<string, Set<string>>;

const key = (s: State) => `${+s.bold}${+s.italic}${+s.mono}`;

function add(runs: Runs, s: State, text: string): void {
  if (s.system) return;
  let set = runs.get(key(s));
  if (!set) runs.set(key(s), (set = new Set()));
  // Collapsible white space (not U+3000) draws nothing but a space, and only between other text.
  const t = s.mono ? text : text.replace(/[ \t\n\r\f]+/gu, ' ');
  if (!s.mono && !t.trim()) return;
  for (const ch of t) if (!/[\t\n\r\f]/u.test(ch)) set.add(ch);
}

function walk(nodes: ChildNode[], s: State, ancestors: Element[], runs: Runs): void {
  for (const node of nodes) {
    if (node.type === 'text') { add(runs, s, (node as unknown as { data: string }).data); continue; }
    if (node.type !== 'tag' && node.type !== 'script' && node.type !== 'style') continue;
    const el = node as Element;
    if (el.name === 'head' || el.name === 'svg' || 'hidden' in el.attribs) continue;
    const own = styleOf(el, s, ancestors);
    if (el.name === 'ol' && !ancestors.some((a) => a.name === 'nav')) {
      const start = Number(el.attribs.start ?? 1);
      const items = el.children.filter((c) => c.type === 'tag' && (c as Element).name === 'li' && !cls(c as Element).includes('task'));
      items.forEach((_, i) => add(runs, own, `${start + i}.`));
    }
    walk(el.children, own, [...ancestors, el], runs);
  }
}

/** The characters each face sets in the given XHTML files, by face id; a face that sets nothing is absent. */
export function charsByFace(files: string[], fonts: SubsetFont[]): Map<string, Set<string>> {
  return facesOf(styledText(files), fonts);
}

/**
 * The text of XHTML files (or of a body's content: the elements around it set nothing) by style,
 * added to `runs`: a writer reads what it has made so far, and the rest later.
 */
export function styledText(files: string[], runs: Runs = new Map()): Runs {
  for (const f of files) walk(parseDocument(f, { xmlMode: true, decodeEntities: true }).children, { bold: false, italic: false, mono: false, system: false }, [], runs);
  return runs;
}

/** The characters each face sets of text by style, by face id, falling back along each style's stack. */
export function facesOf(runs: Runs, fonts: SubsetFont[]): Map<string, Set<string>> {
  const byId = new Map(fonts.map((f) => [f.id, f]));
  const holds = new Map(fonts.map((f) => [f.id, new Set(f.chars)]));
  // A family's face for a weight: its own if it has one, else the family's other weight (synthesised).
  const pick = (ids: string[]) => ids.find((id) => byId.has(id));
  const out = new Map<string, Set<string>>();
  for (const [k, chars] of runs) {
    const [bold, italic, mono] = [...k].map((c) => c === '1');
    const w = bold ? ['bold', 'regular'] : ['regular', 'bold'];
    const stack = [
      ...(mono ? [pick(['mono-regular'])] : []),
      ...(italic && !mono ? [pick(w.map((x) => `italic-${x}`))] : []),
      pick(w.map((x) => `serif-${x}`)),
      pick(['fallback-regular']),
      pick(['emoji-regular']),
    ].filter((id): id is string => !!id);
    for (const ch of chars) {
      const id = stack.find((f) => holds.get(f)!.has(ch));
      if (!id) continue;
      let set = out.get(id);
      if (!set) out.set(id, (set = new Set()));
      set.add(ch);
    }
  }
  return out;
}
