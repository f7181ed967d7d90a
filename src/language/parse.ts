// Markdown → blocks of the document model, through markdown-it's tokens and the element tables
// of elements.ts. Every place is given in the file as written (`firstLine` is the line of the
// file on which the source starts). What cannot be rendered is a warning, never a silent loss.
import type { Token } from 'markdown-it';
import { isCjk } from '../cjk/chars.ts';
import { DiagnosticError, type Diagnostic } from '../diagnostics.ts';
import { plainText, type Block, type Inline, type Pos } from '../model/types.ts';
import { DIALECTS } from './dialects.ts';
import { BLOCK_ELEMENTS, HTML_CONTAINERS, INLINE_CONTAINERS, type Parser } from './elements.ts';
import { readHtmlBlock, readTag } from './html.ts';
import { admonitionTags, MAX_NESTING, md, NOTE_DEFINITIONS, TOO_DEEP, type NoteDefinition } from './markdown.ts';
import { SlugCounter } from './slug.ts';

export interface ParseOptions {
  /** The file as shown in messages (`corpus/a.md`, `templates/document.md`). */
  file: string;
  /** Line of the file on which `source` starts (1-based). */
  firstLine?: number;
  /** Prefix of heading and note ids, unique in the book (the part's id). */
  idPrefix: string;
  /** Where warnings go: constructs that are not rendered, lint findings. */
  warnings?: Diagnostic[];
  /** The language of the text (BCP 47); Simplified Chinese by default. */
  lang?: string;
}

const ELEMENTS = new Map(BLOCK_ELEMENTS.map((e) => [e.token, e]));

/** Deepest nesting of quotes, lists and containers that is set as written. */
export const MAX_SET_DEPTH = 8;

/** Note labels are plain numbers, set as superscripts by the writers. */
export function noteLabel(n: number): string {
  return String(n);
}

/** A soft line break is a space only between two Latin characters; Chinese text joins directly. */
function softBreak(prev: Inline | undefined, next: Token | undefined): string {
  const before = prev?.type === 'text' ? prev.text.slice(-1) : '';
  const after = next?.type === 'text' ? next.content.slice(0, 1) : '';
  return before && after && !isCjk(before) && !isCjk(after) ? ' ' : '';
}

/** An open inline element while its children are read. */
interface Frame {
  children: Inline[];
  /** The token type or HTML tag that closes it. */
  closer?: string;
  /** A <ruby>: base and annotation pairs read so far. */
  ruby?: { base: Inline[]; annotation: string }[];
  /** An <rt> (its text is the annotation) or <rp> (dropped). */
  rt?: boolean;
  discard?: boolean;
}

class MarkdownParser implements Parser {
  tokens: Token[] = [];
  lang: string;
  private lines: string[];
  private slugs = new SlugCounter();
  private notes = new Map<number, { id: string; label: string }>();
  private warnedDepth = false;

  constructor(source: string, private opts: ParseOptions) {
    this.lines = source.split('\n');
    this.lang = opts.lang ?? 'zh-Hans';
  }

  run(source: string): Block[] {
    const env: Record<string, number | undefined> = {};
    this.tokens = md.parse(admonitionTags(source), env);
    const deep = env[TOO_DEEP];
    if (deep !== undefined) {
      throw new DiagnosticError([{
        severity: 'error', code: 'corpus-format', file: this.opts.file, line: (this.opts.firstLine ?? 1) + deep, column: 1,
        message: `quotes, lists or containers are nested more than ${MAX_NESTING / 2} levels deep here; the text from this line on cannot be read`,
        hint: `nest at most ${MAX_SET_DEPTH} levels (\`>\` quotes, indented lists, \`:::\` containers)`,
      }]);
    }
    this.unsetNotes(env as { footnotes?: { refs?: Record<string, number> } });
    return this.capDepth(this.blocks(0, this.tokens.length), 0);
  }

  /**
   * Footnotes that are defined but not set (never referred to, or defined again later): a
   * warning at each definition left out, quoting the text that is not set.
   */
  private unsetNotes(env: { footnotes?: { refs?: Record<string, number> }; [NOTE_DEFINITIONS]?: NoteDefinition[] }): void {
    const refs = env.footnotes?.refs ?? {};
    const defs = env[NOTE_DEFINITIONS] ?? [];
    for (const key of Object.keys(refs)) {
      const label = key.slice(1);
      const mine = defs.filter((d) => d.label === label);
      const left = refs[key] < 0 ? mine : mine.slice(0, -1);
      for (const d of left) {
        const line = Math.max(d.line, 0);
        const at: Pos = { file: this.opts.file, line: (this.opts.firstLine ?? 1) + line, column: Math.max(this.lines[line]?.indexOf('[^') ?? 0, 0) + 1 };
        const said = d.text ? ` (${quote(d.text)})` : '';
        if (refs[key] < 0) this.warn(at, 'footnote', `footnote [^${label}] is defined but never referred to; it is not set${said}`, `refer to it in the text with [^${label}], or remove the definition`);
        else this.warn(at, 'footnote', `footnote [^${label}] is defined again further on; this definition is not set${said}`, 'give each footnote its own label');
      }
    }
  }

  /**
   * Quotes, lists and containers deeper than MAX_SET_DEPTH are set at that depth (their content
   * lifted into the container above), with a warning: a page has no room for more indents.
   */
  private capDepth(list: Block[], depth: number): Block[] {
    return list.flatMap((b): Block[] => {
      const nested = b.type === 'list' || b.type === 'quote' || b.type === 'div';
      if (nested && depth >= MAX_SET_DEPTH) {
        if (!this.warnedDepth) { this.warnedDepth = true; this.warn(b.pos, 'depth', `quotes, lists or containers nested more than ${MAX_SET_DEPTH} levels deep are set at level ${MAX_SET_DEPTH}`, `nest at most ${MAX_SET_DEPTH} levels`); }
        return this.capDepth(b.type === 'list' ? b.items.flatMap((i) => i.blocks) : b.children, depth);
      }
      if (b.type === 'list') for (const item of b.items) item.blocks = this.capDepth(item.blocks, depth + 1);
      else if (b.type === 'quote' || b.type === 'div' || b.type === 'note') b.children = this.capDepth(b.children, depth + (nested ? 1 : 0));
      return [b];
    });
  }

  pos(t: Token): Pos {
    const line = t.map?.[0] ?? 0;
    const text = this.lines[line] ?? '';
    return { file: this.opts.file, line: (this.opts.firstLine ?? 1) + line, column: text.length - text.trimStart().length + 1 };
  }

  /** The place of a snippet of source at or after a block's first line. */
  private locate(snippet: string, at: Pos): Pos {
    const first = at.line - (this.opts.firstLine ?? 1);
    const probe = snippet.split('\n')[0];
    for (let l = Math.max(0, first); l < this.lines.length; l++) {
      const col = this.lines[l].indexOf(probe);
      if (col >= 0) return { file: at.file, line: (this.opts.firstLine ?? 1) + l, column: [...this.lines[l].slice(0, col)].length + 1 };
    }
    return at;
  }

  warn(at: Pos, id: string, message: string, hint: string, code: 'not-rendered' | 'accessibility' = 'not-rendered'): void {
    this.opts.warnings?.push({ severity: 'warning', code, file: at.file, line: at.line, column: at.column, message: `${message} (${id})`, hint });
  }

  close(i: number): number {
    if (this.tokens[i].nesting !== 1) return i;
    let depth = 0;
    for (let j = i; j < this.tokens.length; j++) {
      depth += this.tokens[j].nesting;
      if (depth === 0) return j;
    }
    return this.tokens.length - 1;
  }

  headingId(text: string): string {
    return `${this.opts.idPrefix}-${this.slugs.next(text)}`;
  }

  note(index: number): { id: string; label: string } {
    let n = this.notes.get(index);
    if (!n) this.notes.set(index, (n = { id: `fn-${this.opts.idPrefix}-${index + 1}`, label: noteLabel(index + 1) }));
    return n;
  }

  blocks(from: number, until: number): Block[] {
    const out: Block[] = [];
    for (let i = from; i < until; i++) {
      const t = this.tokens[i];
      const element = ELEMENTS.get(t.type);
      if (element) {
        const { nodes, end } = element.parse(this, i);
        out.push(...nodes);
        i = end;
      } else if (t.type === 'html_block') out.push(...this.htmlBlock(t));
    }
    return out;
  }

  /** An HTML block: its images become figures and its text paragraphs; the tags are reported. */
  private htmlBlock(t: Token): Block[] {
    const at = this.pos(t);
    const content = readHtmlBlock(t.content);
    if (content.hidden.length) this.warn(at, 'html', `HTML <${content.hidden.join('>, <')}> is left out with its content: code or styles, not text of the book`, 'remove it; a book takes no scripts or style sheets from its documents');
    if (content.dropped.length) this.warn(at, 'html', `HTML block <${content.dropped.join('>, <')}> is not rendered; its text${content.images.length ? ' and images are' : ' is'} kept`, 'write it in Markdown; HTML is limited to <ruby>, <sup>, <sub>, <br> and <span lang> inside text');
    return [
      ...content.images.map((img): Block => ({ type: 'figure', src: img.src, alt: img.alt, caption: img.title ? [{ type: 'text', text: img.title }] : [], pos: at })),
      ...content.paragraphs.map((text): Block => ({ type: 'para', children: [{ type: 'text', text }], pos: at })),
    ];
  }

  inlines(t: Token, at: Pos): Inline[] {
    for (const d of DIALECTS) {
      const k = d.find(t.content);
      if (k >= 0) this.warn(this.locate(t.content.slice(k, k + 20), at), d.id, d.message, d.hint);
    }
    const warned = new Set<string>();
    const frames: Frame[] = [{ children: [] }];
    const top = () => frames[frames.length - 1];
    const push = (i: Inline) => {
      const list = top().children;
      const last = list[list.length - 1];
      if (i.type === 'text' && last?.type === 'text') last.text += i.text;
      else if (i.type !== 'text' || i.text) list.push(i);
    };
    const open = (node: Inline, closer: string) => { push(node); frames.push({ children: (node as { children: Inline[] }).children, closer }); };
    const closeTo = (closer: string) => {
      const k = frames.map((f) => f.closer).lastIndexOf(closer);
      if (k > 0) while (frames.length > k) this.endFrame(frames, push);
    };
    const children = t.children ?? [];
    children.forEach((c, k) => {
      const make = INLINE_CONTAINERS[c.type];
      if (make) { open(make(c), c.type.replace('_open', '_close')); return; }
      switch (c.type) {
        case 'text': push({ type: 'text', text: k > 0 && children[k - 1].content.includes('task-list-item-checkbox') ? c.content.replace(/^ /u, '') : c.content }); break;
        case 'code_inline': push({ type: 'code', text: c.content }); break;
        case 'softbreak': push({ type: 'text', text: softBreak(top().children.at(-1), children[k + 1]) }); break;
        case 'hardbreak': push({ type: 'break' }); break;
        case 'image': {
          const title = c.attrGet('title');
          push({ type: 'image', src: String(c.attrGet('src') ?? ''), alt: c.content, ...(title ? { title: String(title) } : {}) });
          break;
        }
        case 'footnote_ref': { const n = this.note((c.meta as { id: number }).id); push({ type: 'noteref', note: n.id, label: n.label }); break; }
        case 'html_inline': this.htmlInline(c.content, frames, push, open, closeTo, at, warned); break;
        default: if (c.type.endsWith('_close')) closeTo(c.type);
      }
    });
    while (frames.length > 1) this.endFrame(frames, push);
    return frames[0].children;
  }

  /** Closes the innermost open element; a ruby emits one node per base/annotation pair. */
  private endFrame(frames: Frame[], push: (i: Inline) => void): void {
    const f = frames.pop()!;
    const parent = frames[frames.length - 1];
    if (f.rt && parent.ruby) {
      parent.ruby.push({ base: parent.children.splice(0), annotation: plainText(f.children) });
    } else if (f.ruby) {
      for (const pair of f.ruby) push({ type: 'ruby', children: pair.base, annotation: pair.annotation });
      for (const rest of f.children) push(rest);
    }
  }

  private htmlInline(html: string, frames: Frame[], push: (i: Inline) => void, open: (n: Inline, closer: string) => void, closeTo: (c: string) => void, at: Pos, warned: Set<string>): void {
    if (/^<!--/u.test(html) || html.includes('task-list-item-checkbox')) return;
    const tag = readTag(html);
    if (!tag) { this.warn(this.locate(html, at), 'html', `HTML \`${html}\` is not rendered`, 'remove it, or write it as text'); return; }
    if (tag.name === 'br') { push({ type: 'break' }); return; }
    if (tag.closing) { closeTo(`</${tag.name}>`); return; }
    if (tag.name === 'rt' || tag.name === 'rp') {
      if (frames[frames.length - 1].ruby) frames.push({ children: [], closer: `</${tag.name}>`, rt: tag.name === 'rt', discard: tag.name === 'rp' });
      return;
    }
    if (tag.name === 'ruby') { frames.push({ children: [], closer: '</ruby>', ruby: [] }); return; }
    const node = HTML_CONTAINERS[tag.name]?.(tag.attrs);
    if (node) { open(node, `</${tag.name}>`); return; }
    if (warned.has(tag.name)) return;
    warned.add(tag.name);
    this.warn(this.locate(html, at), 'html', `HTML <${tag.name}> is not rendered; its text is kept`, 'inline HTML is limited to <ruby>, <sup>, <sub>, <br>, <span lang="…"> and the tags Markdown has (<b>, <i>, <s>, <a href>)');
  }
}

/**
 * Parses Markdown into blocks. `file` and `firstLine` place messages; `idPrefix` makes heading
 * and note ids unique in the book; warnings go to `warnings`.
 */
export function parseMarkdown(source: string, opts: ParseOptions): Block[] {
  return new MarkdownParser(source, opts).run(source);
}

/** A note's text as a warning quotes it: whole up to 40 characters, else its start and “…”. */
function quote(text: string): string {
  const chars = [...text.replace(/\s+/gu, ' ').trim()];
  return `“${chars.length > 40 ? `${chars.slice(0, 39).join('')}…` : chars.join('')}”`;
}
