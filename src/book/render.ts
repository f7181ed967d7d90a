// Parts from templates: a template rendered to Markdown and parsed, and a document's body parsed
// on its own and set where the template printed a placeholder for it. The body is thus never
// template source (`{{ x }}` in it stays as written), and its nodes carry their place in the
// document's own file.
import type { Diagnostic } from '../diagnostics.ts';
import { parseMarkdown } from '../language/index.ts';
import { blockChildren, plainText, visitBlocks, visitInlines, type Block, type Inline, type Pos } from '../model/types.ts';
import { renderTemplate, templateLabel, type Templates } from '../templates/engine.ts';

/** Markdown → blocks, with the parser's warnings collected. */
export function parseBlocks(source: string, opts: { file: string; firstLine?: number; idPrefix: string; lang?: string }, warnings: Diagnostic[]): Block[] {
  return parseMarkdown(source, { ...opts, warnings });
}

/** A template rendered and parsed; its nodes point into the template. */
export function renderPart(t: Templates, template: string, data: object, idPrefix: string, warnings: Diagnostic[], lang?: string): Block[] {
  return parseBlocks(renderTemplate(t, template, data), { file: templateLabel(t, template), idPrefix, lang }, warnings);
}

/** A word the template prints instead of the body, found again in the parsed frame. */
export function bodyPlaceholder(partId: string): string {
  return `WenjiBody${partId.replace(/[^A-Za-z0-9]/gu, '')}Here`;
}

/** Whether a block is a paragraph holding only the placeholder. */
const isPlaceholder = (b: Block, word: string) => b.type === 'para' && plainText(b.children).trim() === word;

/** Replaces the placeholder paragraph by the body, wherever the template put it (inside containers too). */
function replaceIn(list: Block[], word: string, body: Block[]): boolean {
  for (let i = 0; i < list.length; i++) {
    if (isPlaceholder(list[i], word)) {
      list.splice(i, 1, ...body);
      return true;
    }
    const b = list[i];
    if (b.type === 'list') { for (const item of b.items) if (replaceIn(item.blocks, word, body)) return true; }
    else if (blockChildren(b).length && replaceIn(blockChildren(b), word, body)) return true;
  }
  return false;
}

/** Ids the template's notes and headings use, so that the body's own do not collide with them. */
function frameIds(frame: Block[]): Set<string> {
  const ids = new Set<string>();
  visitBlocks(frame, (b) => { if (b.type === 'note' || b.type === 'heading') ids.add(b.id); });
  return ids;
}

/** Every inline run directly in a block (headings, paragraphs, table cells, captions). */
function runsOf(b: Block): Inline[][] {
  return b.type === 'heading' || b.type === 'para' ? [b.children] : b.type === 'table' ? [...b.head, ...b.rows.flat()] : b.type === 'figure' ? [b.caption] : [];
}

/**
 * Template and body are parsed apart, so their ids may meet: a template heading renamed (links
 * point at the body's headings); the body's notes renamed and numbered on after the template's
 * (both number their notes from 1).
 */
function separateIds(frame: Block[], body: Block[]): void {
  const bodyHeadings = new Set<string>();
  visitBlocks(body, (b) => { if (b.type === 'heading') bodyHeadings.add(b.id); });
  visitBlocks(frame, (b) => { if (b.type === 'heading' && bodyHeadings.has(b.id)) b.id = `${b.id}-title`; });
  const taken = frameIds(frame);
  let frameNotes = 0;
  visitBlocks(frame, (b) => { if (b.type === 'note') frameNotes++; });
  if (!frameNotes) return;
  const id = (note: string) => (taken.has(note) ? `${note}-text` : note);
  const label = (l: string) => (/^\d+$/u.test(l) ? String(Number(l) + frameNotes) : l);
  visitBlocks(body, (b) => {
    if (b.type === 'note') { b.id = id(b.id); b.label = label(b.label); }
    for (const r of runsOf(b)) visitInlines(r, (i) => { if (i.type === 'noteref') { i.note = id(i.note); i.label = label(i.label); } });
  });
}

/** The frame with the body set in place of its placeholder; a frame that prints the body inside a line is a warning, and the body follows the frame. */
export function spliceBody(frame: Block[], word: string, body: Block[], at: Pos, warnings: Diagnostic[]): Block[] {
  separateIds(frame, body);
  if (replaceIn(frame, word, body)) return frame;
  let inline = false;
  visitBlocks(frame, (b) => { if (b.type === 'para' && plainText(b.children).includes(word)) inline = true; });
  if (inline) {
    warnings.push({ severity: 'warning', code: 'template', file: at.file, line: at.line, column: 1, message: 'the document template prints doc.body inside a line of text; the body is set after the template instead', hint: 'put {{ doc.body | raw }} on a line of its own' });
    visitBlocks(frame, (b) => {
      if (b.type === 'para') visitInlines(b.children, (i) => { if (i.type === 'text') i.text = i.text.split(word).join(''); });
    });
    return [...frame, ...body];
  }
  return frame;
}
