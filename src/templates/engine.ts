// The Markdown templates (templates/*.md), rendered with liquidjs in strict mode: an unknown
// variable or filter is an error naming the template, line and column. Every value printed is
// escaped for Markdown unless the template asks for `raw`. A project's templates/ comes first;
// wenji's neutral templates fill in any it does not have.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Liquid, LiquidError } from 'liquidjs';
import { DiagnosticError } from '../diagnostics.ts';
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

export function templateEngine(roots: TemplateRoot[] | string): Templates {
  const list = typeof roots === 'string' ? [{ dir: roots, label: 'templates' }] : roots;
  const liquid = new Liquid({
    root: list.map((r) => r.dir), extname: '.md', strictVariables: true, strictFilters: true, ownPropertyOnly: true,
    outputEscape: escapeMarkdown, cache: true, lenientIf: true,
  });
  liquid.registerFilter('cn_date', (iso: string | null) => (iso && /^\d{4}-\d{2}-\d{2}$/u.test(iso) ? chineseDate(iso) : (iso ?? '')));
  liquid.registerFilter('cn_num', (n: number) => chineseNumber(n));
  return { liquid, roots: list };
}

/** How messages name a template: `templates/document.md`, or where wenji's own one lives. */
export function templateLabel(t: Templates, name: string): string {
  const root = t.roots.find((r) => existsSync(join(r.dir, `${name}.md`))) ?? t.roots[0];
  return `${root.label}/${name}.md`;
}

/** Renders a template by name (`document` → templates/document.md) to Markdown. */
export function renderTemplate(t: Templates, name: string, data: object): string {
  try {
    return t.liquid.renderFileSync(name, data);
  } catch (e) {
    if (!(e instanceof LiquidError)) throw e;
    const token = (e as LiquidError & { token?: { getPosition(): [number, number] } }).token;
    const [line, column] = token?.getPosition() ?? [1, 1];
    throw new DiagnosticError([{
      severity: 'error', code: 'template', file: templateLabel(t, name), line, column,
      message: (e.message.split(', line:')[0] ?? e.message).replace(/^\w*Error: /u, ''),
      hint: 'check the name against the variables listed in README.md ("Templates"), or the filter name',
    }]);
  }
}
