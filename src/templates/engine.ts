// The Markdown templates (templates/*.md), rendered with liquidjs in strict mode: an unknown
// variable or filter is an error naming the template, line and column. Every value printed is
// escaped for Markdown unless the template asks for `raw` (a document body is Markdown already).
import { Liquid, LiquidError } from 'liquidjs';
import { basename } from 'node:path';
import { DiagnosticError } from '../diagnostics.ts';
import { chineseDate, chineseNumber } from '../cjk/numerals.ts';

/** Backslash-escapes ASCII punctuation that Markdown would read as markup. */
export function escapeMarkdown(value: unknown): string {
  return String(value ?? '').replace(/[\\`*_{}[\]<>()#+\-!|~]/gu, (ch) => `\\${ch}`);
}

export function templateEngine(root: string): Liquid {
  const liquid = new Liquid({
    root, extname: '.md', strictVariables: true, strictFilters: true, ownPropertyOnly: true,
    outputEscape: escapeMarkdown, cache: true, lenientIf: true,
  });
  liquid.registerFilter('cn_date', (iso: string) => chineseDate(iso));
  liquid.registerFilter('cn_num', (n: number) => chineseNumber(n));
  return liquid;
}

/** Renders a template by name (`document` → templates/document.md) to Markdown. */
export function renderTemplate(liquid: Liquid, root: string, name: string, data: object): string {
  try {
    return liquid.renderFileSync(name, data);
  } catch (e) {
    if (!(e instanceof LiquidError)) throw e;
    const token = (e as LiquidError & { token?: { getPosition(): [number, number] } }).token;
    const [line, column] = token?.getPosition() ?? [1, 1];
    throw new DiagnosticError([{
      severity: 'error', code: 'template', file: `${basename(root)}/${name}.md`, line, column,
      message: (e.message.split(', line:')[0] ?? e.message).replace(/^\w*Error: /u, ''),
      hint: 'check the name against the variables listed in README.md ("Templates"), or the filter name',
    }]);
  }
}
