// YAML read against a zod schema, with every problem reported at its line and column in the
// user's own file (front matter, the source manifest, the edition file).
import { isMap, isNode, isScalar, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { DiagnosticError, type Diagnostic } from './diagnostics.ts';
import { describeChar, NOT_XML } from './input/index.ts';

export interface YamlSource {
  file: string;
  text: string;
  /** Line of the YAML text's first line in the file (front matter starts after `---`). */
  firstLine?: number;
}

/**
 * The parser notices an unclosed `[`, `{` or quote only where the next line begins; the mistake
 * is the unclosed mark on the line before, so that is where the message points.
 */
function opening(text: string, offset: number): number {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  if (offset !== lineStart || lineStart === 0) return offset;
  const prevStart = text.lastIndexOf('\n', lineStart - 2) + 1;
  const prev = text.slice(prevStart, lineStart - 1);
  for (const [open, close] of [['[', ']'], ['{', '}'], ['"', '"'], ["'", "'"]]) {
    const opens = prev.split(open).length - 1;
    const closes = open === close ? 0 : prev.split(close).length - 1;
    if (open === close ? opens % 2 === 1 : opens > closes) return prevStart + prev.lastIndexOf(open);
  }
  return offset;
}

/** YAML larger than this is not front matter or configuration but a mistake (or an attack). */
const MAX_YAML = 1 << 20;

/** The YAML as plain data; aliases are resolved with a limit, so that an alias bomb is an error, not a hang. */
export function toData(doc: ReturnType<typeof parseDocument>, src: YamlSource, what: string): unknown {
  try {
    return doc.toJS({ maxAliasCount: 1000 });
  } catch (e) {
    throw new DiagnosticError([{ severity: 'error', code: 'yaml-syntax', file: src.file, line: src.firstLine ?? 1, column: 1, message: `${what}: ${(e as Error).message}`, hint: 'use fewer YAML aliases (*name): write the values out' }]);
  }
}

/** YAML longer than MAX_YAML is refused before it is parsed. */
export function checkYamlSize(src: YamlSource, what: string): void {
  if (src.text.length > MAX_YAML) {
    throw new DiagnosticError([{ severity: 'error', code: 'yaml-syntax', file: src.file, line: src.firstLine ?? 1, column: 1, message: `${what} is ${(src.text.length / 1048576).toFixed(1)} MB of YAML; at most 1 MB is read`, hint: 'front matter and configuration hold a few fields; put long text in the body' }]);
  }
}

/** Strings of the data with a character XML does not allow (written as an escape such as "\v"), each at its node. */
function badCharacters(doc: ReturnType<typeof parseDocument>, data: unknown, src: YamlSource, what: string, at: (offset: number) => { line: number; column: number }): Diagnostic[] {
  const found: Diagnostic[] = [];
  const walk = (v: unknown, path: (string | number)[]) => {
    if (found.length >= 10) return;
    if (typeof v === 'string') {
      const m = NOT_XML.exec(v);
      if (!m) return;
      const node = doc.getIn(path, true);
      found.push({
        severity: 'error', code: 'input-character', file: src.file, ...(isNode(node) && node.range ? at(node.range[0]) : { line: src.firstLine ?? 1, column: 1 }),
        message: `${what}: \`${path.join('.')}\` holds the character ${describeChar(m[0])}, which a book cannot hold (XML forbids it)`,
        hint: 'remove the escape (such as \\v, \\f, \\0 or \\x01) from the quoted string',
      });
    } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
  };
  walk(data, []);
  return found;
}

/** A YAML text parsed once, with the line of every offset: for the data, the checks and the messages. */
export interface ParsedYaml {
  doc: ReturnType<typeof parseDocument>;
  lines: LineCounter;
}

export function parseYamlText(text: string): ParsedYaml {
  const lines = new LineCounter();
  return { doc: parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true }), lines };
}

/** Parses (unless `parsed` is given) and validates; throws a DiagnosticError listing every problem found. */
export function parseYaml<S extends z.ZodType>(src: YamlSource, schema: S, what: string, parsed?: ParsedYaml): z.infer<S> {
  checkYamlSize(src, what);
  const { doc, lines } = parsed ?? parseYamlText(src.text);
  const offsetLine = (src.firstLine ?? 1) - 1;
  const at = (offset: number) => {
    const p = lines.linePos(offset);
    return { line: p.line + offsetLine, column: p.col };
  };
  const syntax: Diagnostic[] = doc.errors.map((e) => ({
    severity: 'error', code: 'yaml-syntax', file: src.file, ...at(opening(src.text, e.pos[0])),
    message: `${what}: ${e.message.split('\n')[0]}`,
    hint: 'fix the YAML syntax (indentation, quotes, a colon after each key)',
  }));
  if (syntax.length) throw new DiagnosticError(syntax);
  const data = toData(doc, src, what);
  const bad = badCharacters(doc, data, src, what, at);
  if (bad.length) throw new DiagnosticError(bad);
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  throw new DiagnosticError(result.error.issues.map((issue): Diagnostic => {
    // Point at the deepest node of the path that exists in the file.
    let path = issue.path as (string | number)[];
    let node: unknown = doc.getIn(path, true);
    while (!isNode(node) && path.length) { path = path.slice(0, -1); node = path.length ? doc.getIn(path, true) : doc.contents; }
    // An unknown key is pointed at itself, not at the map that holds it.
    const keys = issue.code === 'unrecognized_keys' ? (issue as { keys: string[] }).keys : [];
    if (keys.length && isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === keys[0]);
      if (pair && isNode(pair.key)) node = pair.key;
    }
    const range = isNode(node) ? node.range : undefined;
    return {
      severity: 'error', code: 'schema', file: src.file, ...(range ? at(range[0]) : { line: src.firstLine ?? 1, column: 1 }),
      message: `${what}: ${issue.path.length ? `\`${issue.path.join('.')}\`: ` : ''}${issue.message}`,
      hint: 'see the field list at the top of the file or in README.md',
    };
  }));
}
