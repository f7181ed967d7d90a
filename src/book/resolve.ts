// Resolving what documents point at, once the book is assembled: images are read from inside the
// project and embedded (`Book.images`), links to other documents of the book get their target.
// What cannot be resolved is a warning at its place, and nothing is lost silently: an image
// that cannot be embedded is replaced by its alt text, a link that leads nowhere is kept as text.
import { dirname, isAbsolute, posix, relative, resolve, sep } from 'node:path';
import { imageSize } from 'image-size';
import type { Diagnostic } from '../diagnostics.ts';
import { LIMITS, MAX_PIXELS, readText, tryReadBytes, type Refusal } from '../input/index.ts';
import { cleanSvg } from '../input/svg.ts';
import { headingSlug } from '../language/slug.ts';
import { inlineIds, visitBlocks, type Block, type Book, type ImageResource, type Inline, type Part, type Pos, type Target } from '../model/types.ts';

/** Images larger than this are not embedded (a book is read on phones). */
export const IMAGE_LIMIT = LIMITS.image;

export interface ResolveContext {
  /** The project folder: images are read only from inside it (and from the corpus folder, if that lies elsewhere). */
  root: string;
  corpus?: string;
  warnings: Diagnostic[];
}

/** A percent-encoded address as the user wrote it (markdown-it encodes `#列表` as `#%E5%88%97…`). */
function safeDecode(s: string): string {
  try { return decodeURI(s); } catch { return s; }
}

const SCHEME = /^[a-z][a-z0-9+.-]*:|^\/\//iu;

/** The image type by its first bytes, whatever the file is called. */
export function sniffImage(data: Buffer): ImageResource['mime'] | undefined {
  if (data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  if (/^GIF8[79]a/u.test(data.subarray(0, 6).toString('latin1'))) return 'image/gif';
  const head = data.subarray(0, 4096).toString('utf8').replace(/^\uFEFF/u, '');
  if (/^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*|<!DOCTYPE[^>]*>\s*)*<svg[\s>]/u.test(head)) return 'image/svg+xml';
  return undefined;
}

/** Where an image named by `src` in a folder (`dir`) is, or why it is not read: an address, an absolute path. */
function imagePath(src: string, dir: string): { file: string } | Refusal {
  if (SCHEME.test(src)) return { why: 'is not a file of the project and is not embedded', hint: 'download it into the project and refer to it by a relative path' };
  const path = safeDecode(src);
  if (isAbsolute(path) || /^[A-Za-z]:[\\/]/u.test(path)) return { why: 'is an absolute path', hint: 'refer to images by a path relative to the document' };
  return { file: resolve(dir, path) };
}

/** An image's size in pixels, or why it is refused: it gives none, or (raster) has more pixels than a page can use. */
function sizeOf(data: Buffer, mime: ImageResource['mime']): { width: number; height: number } | Refusal {
  let size: { width?: number; height?: number } = {};
  try { size = imageSize(data); } catch { /* an SVG without width, height or viewBox */ }
  const { width, height } = size;
  if (!width || !height) return { why: 'has no size (an SVG needs width and height, or a viewBox)', hint: 'add a viewBox to the <svg> element' };
  if (mime !== 'image/svg+xml' && width * height > MAX_PIXELS) {
    return { why: `is ${width} × ${height} pixels (${Math.round((width * height) / 1e6)} megapixels), more than the ${MAX_PIXELS / 1e6} a page can use`, hint: 'scale it down (3,000 pixels on its longer side print a full page at 300 dpi)' };
  }
  return { width, height };
}

class Resolver {
  private texts = new Map<string, string[]>();
  private parts = new Map<string, Part>();
  private anchors = new Map<string, Set<string>>();
  private places = new Map<string, string>();

  constructor(private book: Book, private ctx: ResolveContext) {
    for (const p of book.parts) {
      if (p.source) this.parts.set(p.source, p);
      const ids = new Set<string>();
      visitBlocks(p.blocks, (b) => { if (b.type === 'heading' || b.type === 'note') ids.add(b.id); });
      this.anchors.set(p.id, ids);
      for (const id of inlineIds(p.blocks)) this.places.set(id, p.id);
    }
  }

  /** The folders images and documents are read from. */
  bounds(): string[] {
    return [resolve(this.ctx.root), ...(this.ctx.corpus ? [resolve(this.ctx.corpus)] : [])];
  }

  warn(at: Pos, needle: string, message: string, hint: string): void {
    this.ctx.warnings.push({ severity: 'warning', code: message.startsWith('link') ? 'link-unresolved' : 'image-not-embedded', ...this.locate(at, needle), message, hint });
  }

  /** The place of `needle` in the file at or after the block's line (the block knows only its line). */
  private locate(at: Pos, needle: string): { file: string; line: number; column: number } {
    let lines = this.texts.get(at.file);
    if (!lines) {
      try { lines = readText(resolve(this.ctx.root, at.file), { label: at.file, kind: 'document', bounds: this.bounds() }).split('\n'); } catch { lines = []; }
      this.texts.set(at.file, lines);
    }
    const needles = [needle, safeDecode(needle)].filter(Boolean);
    for (let i = at.line - 1; i >= 0 && i < lines.length; i++) {
      for (const n of needles) {
        const col = lines[i].indexOf(n);
        if (col >= 0) return { file: at.file, line: i + 1, column: col + 1 };
      }
    }
    return { file: at.file, line: at.line, column: at.column ?? 1 };
  }

  /** Reads one image for the book, or says why not. */
  image(src: string, at: Pos): string | undefined {
    const refuse = (why: string, hint: string) => { this.warn(at, src, `image ${src} ${why}; its alt text is set instead`, hint); return undefined; };
    const root = resolve(this.ctx.root);
    const where = imagePath(src, resolve(root, dirname(at.file)));
    if ('why' in where) return refuse(where.why, where.hint);
    const { file } = where;
    const key = relative(root, file).split(sep).join('/');
    if (this.book.images[key]) return key;
    const read = tryReadBytes(file, { kind: 'image', bounds: this.bounds() });
    if ('why' in read) return refuse(read.why, read.why === 'does not exist' ? `no file ${relative(root, file)}; check the path (relative to ${at.file})` : read.hint);
    let { data } = read;
    const mime = sniffImage(data);
    if (!mime) return refuse('is not a PNG, JPEG, GIF or SVG image', 'convert it to one of these');
    let text: string | undefined;
    if (mime === 'image/svg+xml') {
      const clean = cleanSvg(data, (href) => this.svgImage(href, file));
      if (clean.dropped.length) {
        this.warn(at, src, `image ${src} refers to what is not inside it (${clean.dropped.slice(0, 3).join(', ')}${clean.dropped.length > 3 ? ', …' : ''}): left out of the SVG, which is set without it`, 'keep the images an SVG draws beside it in the project, referred to by relative paths (or as data: URIs); an SVG takes no scripts');
      }
      data = clean.data;
      if (clean.text.trim()) text = clean.text;
    }
    const size = sizeOf(data, mime);
    if ('why' in size) return refuse(size.why, size.hint);
    this.book.images[key] = { path: key, mime, data, ...size, ...(text ? { text } : {}) };
    return key;
  }

  /** A raster image of the project that an SVG (`svg`, a path) draws, as a data: URI; undefined if it is none, or one the book would refuse. */
  private svgImage(href: string, svg: string): string | undefined {
    const where = imagePath(href, dirname(svg));
    if ('why' in where) return undefined;
    const read = tryReadBytes(where.file, { kind: 'image', bounds: this.bounds() });
    if ('why' in read) return undefined;
    const mime = sniffImage(read.data);
    if (!mime || mime === 'image/svg+xml' || 'why' in sizeOf(read.data, mime)) return undefined;
    return `data:${mime};base64,${read.data.toString('base64')}`;
  }

  /** Sets a link's target when it points into the book; a relative link that leads nowhere becomes its text. */
  link(link: Extract<Inline, { type: 'link' }>, part: Part, at: Pos): Inline[] {
    if (!link.href || SCHEME.test(link.href)) return [link];
    const href = safeDecode(link.href);
    const hash = href.indexOf('#');
    const pathPart = hash < 0 ? href : href.slice(0, hash);
    const fragment = hash < 0 ? '' : href.slice(hash + 1);
    let target: Part | undefined = part;
    if (pathPart) {
      const source = posix.normalize(posix.join(posix.dirname(at.file), pathPart));
      target = this.parts.get(source) ?? (source.endsWith('/') ? undefined : this.parts.get(`${source}.md`));
      if (!target) {
        this.warn(at, href, `link to ${href}: ${source} is not a document of the book; the link is set as text`, 'link to a document of the book (other.md, other.md#heading), or to a full address (https://…)');
        return link.children;
      }
    }
    if (!fragment) { link.target = { part: target.id }; return [link]; }
    const ids = this.anchors.get(target.id)!;
    const anchor = [`${target.id}-${headingSlug(fragment)}`, fragment, `${target.id}-${fragment}`].find((a) => ids.has(a));
    if (!anchor) this.warn(at, href, `link to ${href}: ${target.source ?? target.id} has no heading #${fragment}; the link goes to the start of the document`, 'use the heading\'s text as GitHub makes anchors: lower case, spaces as -, punctuation removed');
    link.target = anchor ? { part: target.id, anchor } : { part: target.id };
    return [link];
  }

  /** The part of an inline anchor or line reference, by its id. */
  place(id: string): Target | undefined {
    const part = this.places.get(id);
    return part ? { part, anchor: id } : undefined;
  }

  inlines(list: Inline[], part: Part, at: Pos): Inline[] {
    return list.flatMap((i): Inline[] => {
      if (i.type === 'image') {
        const key = this.image(i.src, at);
        return key ? [{ ...i, src: key }] : i.alt ? [{ type: 'text', text: i.alt }] : [];
      }
      if (i.type === 'link') {
        i.children = this.inlines(i.children, part, at);
        return this.link(i, part, at);
      }
      if (i.type === 'anchor' && i.back) i.target = this.place(i.back);
      if (i.type === 'lineref') {
        i.target = this.place(i.anchor);
        if (!i.target) this.warn(at, i.anchor, `link to #${i.anchor}: no place of the book has that id; its text is set instead of a page and line`, 'refer to an anchor of the book (an apparatus lemma)');
      }
      if ('children' in i) i.children = this.inlines(i.children, part, at);
      return [i];
    });
  }

  blocks(list: Block[], part: Part): Block[] {
    return list.flatMap((b): Block[] => {
      switch (b.type) {
        case 'heading': case 'para': b.children = this.inlines(b.children, part, b.pos); return [b];
        case 'table': b.head = b.head.map((c) => this.inlines(c, part, b.pos)); b.rows = b.rows.map((r) => r.map((c) => this.inlines(c, part, b.pos))); return [b];
        case 'figure': {
          b.caption = this.inlines(b.caption, part, b.pos);
          const key = this.image(b.src, b.pos);
          if (key) return [{ ...b, src: key }];
          const text: Inline[] = b.alt ? [{ type: 'text', text: b.alt }] : [];
          const caption = b.caption.length ? [...(text.length ? [{ type: 'break' } as Inline] : []), ...b.caption] : [];
          return text.length || caption.length ? [{ type: 'para', children: [...text, ...caption], pos: b.pos }] : [];
        }
        case 'list': for (const item of b.items) item.blocks = this.blocks(item.blocks, part); return [b];
        case 'quote': case 'div': case 'note': b.children = this.blocks(b.children, part); return [b];
        default: return [b];
      }
    });
  }
}

/** Embeds the images and resolves the links of every part, in place. */
export function resolveBook(book: Book, ctx: ResolveContext): void {
  const r = new Resolver(book, ctx);
  for (const part of book.parts) part.blocks = r.blocks(part.blocks, part);
}
