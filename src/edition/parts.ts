// The parts of a book, from the edition file's `parts:` or, when it lists none, the default: a
// title page, the contents, the documents and a colophon, titled in the edition's language.
// Which templates exist is settled here, so that a missing one is reported at the edition file.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { Diagnostic } from '../diagnostics.ts';
import type { PartKind } from '../model/types.ts';
import { wordsOf } from '../model/language.ts';
import type { EditionConfig, PartSpec } from './config.ts';

/** The neutral templates shipped with wenji; a project's templates/ overrides them file by file. */
export const DEFAULT_TEMPLATES = fileURLToPath(new URL('./default-templates/', import.meta.url));

/** A part as the book is assembled from it; `documents` parts repeat per document. */
export interface PartPlan {
  kind: PartKind | 'documents';
  id: string;
  template: string;
  title: string;
}

const DEFAULT_TEMPLATE: Record<PartSpec['kind'], string> = {
  titlepage: 'titlepage', frontmatter: '', toc: '', documents: 'document', appendix: '', colophon: 'colophon',
};

type Titles = Record<'titlepage' | 'toc' | 'colophon', string>;

/** Default titles for a language: its own entry, else that of its script or its first subtag, else English. */
export function defaultTitles(language: string): Titles {
  const table = parse(readFileSync(join(DEFAULT_TEMPLATES, 'titles.yaml'), 'utf8')) as Record<string, Titles>;
  const lang = language.toLowerCase();
  const traditional = wordsOf(language) === 'zh-Hant';
  const key = Object.keys(table).find((k) => k.toLowerCase() === lang)
    ?? (traditional ? 'zh-Hant' : Object.keys(table).find((k) => k.split('-')[0] === lang.split('-')[0]))
    ?? 'en';
  return table[key];
}

const DEFAULT_PARTS: PartSpec[] = [{ kind: 'titlepage' }, { kind: 'toc' }, { kind: 'documents' }, { kind: 'colophon' }];

function exists(template: string, templatesDir: string): boolean {
  return existsSync(join(templatesDir, `${template}.md`)) || existsSync(join(DEFAULT_TEMPLATES, `${template}.md`));
}

/** The parts of an edition; problems (a missing template, a part without a title) point into the edition file. */
export function planParts(config: EditionConfig, templatesDir: string, editionFile: { label: string; text: string }): { plan: PartPlan[]; problems: Diagnostic[] } {
  const titles = defaultTitles(config.language);
  const problems: Diagnostic[] = [];
  const lines = editionFile.text.split('\n');
  const at = (needle: string) => {
    const i = lines.findIndex((l) => l.includes(needle));
    return i < 0 ? { line: 1, column: 1 } : { line: i + 1, column: lines[i].indexOf(needle) + 1 };
  };
  const plan = (config.parts ?? DEFAULT_PARTS).map((spec, i): PartPlan => {
    const template = spec.template ?? DEFAULT_TEMPLATE[spec.kind];
    const id = spec.id ?? (spec.kind === 'documents' ? 'doc' : template || spec.kind);
    const title = spec.title ?? (spec.kind in titles ? titles[spec.kind as keyof Titles] : '');
    const where = { file: editionFile.label, ...at(spec.template ? `template: ${spec.template}` : `kind: ${spec.kind}`) };
    if (spec.kind !== 'toc' && !template) problems.push({ severity: 'error', code: 'schema', ...where, message: `part ${i + 1} (${spec.kind}) names no template`, hint: 'add `template: NAME` for templates/NAME.md' });
    else if (spec.kind !== 'toc' && !exists(template, templatesDir)) problems.push({ severity: 'error', code: 'template', ...where, message: `the template ${template} of part ${i + 1} does not exist`, hint: `create templates/${template}.md, or name another template` });
    if (!title && spec.kind !== 'documents') problems.push({ severity: 'error', code: 'schema', ...where, message: `part ${i + 1} (${spec.kind}) has no title`, hint: 'add `title:` to the part' });
    return { kind: spec.kind === 'documents' ? 'documents' : spec.kind, id, template, title };
  });
  const ids = plan.filter((p) => p.kind !== 'documents').map((p) => p.id);
  const twice = ids.find((x, i) => ids.indexOf(x) !== i);
  if (twice) problems.push({ severity: 'error', code: 'schema', file: editionFile.label, ...at(twice), message: `two parts have the id ${twice}`, hint: 'give one of them `id:`' });
  return { plan, problems };
}
