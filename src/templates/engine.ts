// The Markdown templates (templates/*.md), rendered with liquidjs in strict mode: an unknown
// variable or filter is an error naming the template, line and column. Every value printed is
// escaped for Markdown unless the template asks for `raw`. A project's templates/ comes first;
// wenji's neutral templates fill in any it does not have. Templates are read through the project's
// one reader (inside their folders only, regular files, at most LIMITS.template each) and run with
// limits on time, memory and output, so that a loop of 10⁹ turns is an error, not a dead process.
import { dirname, join, relative, resolve } from 'node:path';
import { Liquid, LiquidError, type FS } from 'liquidjs';
import { DiagnosticError } from '../diagnostics.ts';
import { checkPath, existsInside, readText, within } from '../input/index.ts';
import { chineseDate, chineseNumber } from '../cjk/numerals.ts';

/**
 * Backslash-escapes ASCII punctuation that Markdown would read as markup. Parentheses are left
 * alone: with `[` and `]` escaped they cannot make a link, and `\(…\)` would read as TeX math.
 */
export function escapeMarkdown(value: unknown): string {
  return String(value ?? '').replace(/[\\`*_{}[\]<>#+\-!|~]/gu, (ch) => `\\${ch}`);
}

/** Folders searched for a template, first match wins, each with the name messages give it. */
export interface TemplateRoot {
  dir: string;
  label: string;
}

export interface Templates {
  liquid: Liquid;
  roots: TemplateRoot[];
}

/** What one template may use: time (ms), memory (liquid's units: characters and array items), output (characters), and nesting of includes. */
export const TEMPLATE_LIMITS = { time: 15_000, memory: 50_000_000, output: 4_000_000, parse: 2_000_000, includes: 20 } as const;

/** How messages name a template file: `templates/document.md`, or `(wenji default templates)/x.md`. */
function labelOf(roots: TemplateRoot[], path: string): string {
  const root = roots.find((r) => within(resolve(r.dir), resolve(path))) ?? roots[0];
  return `${root.label}/${relative(root.dir, path).split('\\').join('/')}`;
}

/**
 * Whether liquidjs may look for a template at `file` under `root`: a path outside the folder is
 * not in it, and a file that does not exist is left to the lookup (the next folder, then "not
 * found"); a link leading out of the folder, a FIFO or a device is refused with its own message.
 */
function contained(roots: TemplateRoot[], root: string, file: string): boolean {
  // liquidjs asks of every folder; a path outside this one is simply not in it.
  if (!within(resolve(root), resolve(file))) return false;
  const r = checkPath(file, { kind: 'template', bounds: [root] });
  if ('why' in r && r.why !== 'does not exist') {
    const label = labelOf(roots, file);
    throw new DiagnosticError([{ severity: 'error', code: 'input-refused', file: label, message: `the template ${label} ${r.why}`, hint: r.hint }]);
  }
  return true;
}

/** liquidjs's file access, through the project's reader: no template is read from outside its folders. */
function safeFs(roots: TemplateRoot[]): FS {
  const bounds = roots.map((r) => r.dir);
  const read = (path: string) => readText(path, { label: labelOf(roots, path), kind: 'template', bounds });
  return {
    existsSync: (path) => existsInside(path, bounds),
    exists: async (path) => existsInside(path, bounds),
    readFileSync: read,
    readFile: async (path) => read(path),
    resolve: (dir, file, ext) => resolve(dir, file.endsWith(ext) ? file : file + ext),
    containsSync: (root, file) => contained(roots, root, file),
    contains: async (root, file) => contained(roots, root, file),
    dirname,
    sep: '/',
  };
}

export function templateEngine(roots: TemplateRoot[] | string): Templates {
  const list = typeof roots === 'string' ? [{ dir: roots, label: 'templates' }] : roots;
  const liquid = new Liquid({
    root: list.map((r) => r.dir), extname: '.md', strictVariables: true, strictFilters: true, ownPropertyOnly: true,
    outputEscape: escapeMarkdown, cache: true, lenientIf: true, fs: safeFs(list), relativeReference: false,
    parseLimit: TEMPLATE_LIMITS.parse, renderLimit: TEMPLATE_LIMITS.time, memoryLimit: TEMPLATE_LIMITS.memory,
  });
  liquid.registerFilter('cn_date', (iso: string | null) => (iso && /^\d{4}-\d{2}-\d{2}$/u.test(iso) ? chineseDate(iso) : (iso ?? '')));
  liquid.registerFilter('cn_num', (n: number) => chineseNumber(n));
  return { liquid, roots: list };
}

/** How messages name a template: `templates/document.md`, or where wenji's own one lives. */
export function templateLabel(t: Templates, name: string): string {
  const root = t.roots.find((r) => existsInside(join(r.dir, `${name}.md`), [r.dir])) ?? t.roots[0];
  return `${root.label}/${name}.md`;
}

/** The error liquidjs wrapped (a refused file read is the project's own diagnostic). */
function cause(e: unknown): unknown {
  let c = e;
  for (let i = 0; i < 10 && c instanceof LiquidError && (c as { originalError?: unknown }).originalError; i++) c = (c as { originalError?: unknown }).originalError;
  return c;
}

/** What to do about a template error, by what went wrong. */
function hintFor(message: string): string {
  if (/limit exceeded/u.test(message)) return `a template may run ${TEMPLATE_LIMITS.time / 1000} s and build ${TEMPLATE_LIMITS.memory / 1e6} million characters or items: make loops shorter (a range such as (1..1000000) is too long)`;
  if (/include|render|ENOENT|Failed to lookup/u.test(message)) return 'include templates by name from templates/ (`{% include \'name\' %}`), without ../ or absolute paths';
  return 'check the name against the variables listed in README.md ("Templates"), or the filter name';
}

/** Renders a template by name (`document` → templates/document.md) to Markdown, within TEMPLATE_LIMITS. */
export function renderTemplate(t: Templates, name: string, data: object): string {
  const file = templateLabel(t, name);
  let out: string;
  try {
    out = t.liquid.renderFileSync(name, data);
  } catch (e) {
    const inner = cause(e);
    const token = e instanceof LiquidError ? (e as LiquidError & { token?: { getPosition(): [number, number]; file?: string } }).token : undefined;
    const [line, column] = token?.getPosition() ?? [1, 1];
    const where = token?.file ? labelOf(t.roots, token.file) : file;
    // A template refused by the reader is told at the tag that includes it, when there is one.
    if (inner instanceof DiagnosticError) throw token ? new DiagnosticError(inner.diagnostics.map((d) => ({ ...d, file: where, line, column }))) : inner;
    const overflow = inner instanceof RangeError || e instanceof RangeError;
    if (!(e instanceof LiquidError) && !overflow) throw e;
    const message = overflow ? 'templates include each other too deeply (an include that includes itself?)' : (e as Error).message.split(/, (?:file|line):/u)[0].replace(/^\w*Error: /u, '').replace(/^ENOENT: /u, '').replace(/ in "[^"]*"$/u, '');
    throw new DiagnosticError([{ severity: 'error', code: 'template', file: where, line, column, message, hint: overflow ? 'remove the include that leads back to the template' : hintFor(message) }]);
  }
  if (out.length > TEMPLATE_LIMITS.output) {
    throw new DiagnosticError([{ severity: 'error', code: 'template', file, line: 1, column: 1, message: `the template printed ${(out.length / 1e6).toFixed(1)} million characters; at most ${TEMPLATE_LIMITS.output / 1e6} million are set`, hint: 'a template frames the text; print document bodies with {{ doc.body }} once, and keep loops short' }]);
  }
  return out;
}
