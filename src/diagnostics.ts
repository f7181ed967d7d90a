// Problems are data: each one points into a file and says what to do next.
// Only fatal problems stop a command; they are thrown as a DiagnosticError carrying all findings.

export type Severity = 'error' | 'warning';

/** Every diagnostic code the project emits, with the rule it stands for. */
export const CODES = {
  'source-empty': 'a source file has no text',
  'source-binary': 'a source file is not text',
  'source-encoding': 'a source file cannot be decoded as UTF-8 or GB18030',
  'source-unreadable': 'a source file cannot be read',
  'source-no-document': 'no document can be recognised in a source file',
  'source-docx': 'a Word file cannot be converted',
  'pairs-unbalanced': 'a paired mark (《》, （）, “”, 「」, 〔〕 …) is left open or closed without opening in a paragraph',
  'continuation-no-page': 'a continuation mark names no page',
  'manifest-invalid': 'the source manifest does not match its schema',
  'manifest-unmatched': 'a document in the manifest has no witness',
  'witness-unassigned': 'a witness document matches no document of the manifest',
  'yaml-syntax': 'a YAML file cannot be parsed',
  'schema': 'front matter or configuration does not match its schema',
  'corpus-format': 'a document body breaks the corpus format',
  'template': 'a template cannot be rendered',
  'glyph-missing': 'a character is not in the font',
  'reference': 'a cross reference does not resolve',
  'lemma-not-found': 'a variant of the apparatus whose lemma is not found in the text of its document',
  'image-missing': 'an image a document shows is not in the book',
  'empty-section': 'a section has a heading and no text',
  'epubcheck': 'EPUBCheck reports a problem in the EPUB',
  'pdf-font': 'a font of the PDF is not embedded or not subset',
  'pdf-kinsoku': 'a PDF line breaks a Chinese line-start or line-end rule',
  'pdf-justify': 'a PDF line that should be justified is not flush with the margin',
  'pdf-glyph': 'a character drawn on a PDF page is not in the embedded font subset',
  'running-head': 'a running head does not fit on one line',
  'overfull': 'an unbreakable run wider than the measure is broken where no break is allowed',
  'pdf-off-grid': 'a PDF body line is off the line grid (its baseline is not on the grid of the text block)',
  'pdf-overfull': 'a PDF line runs past the right edge of the text block',
  'page-short': 'a page ends short of the text block though its part goes on and what follows could stand there',
  'page-keep': 'a block kept together is split across pages, or one kept with the next is left at a page foot',
  'output-missing': 'a built file to check does not exist',
  'output-stale': 'a built file is older than the corpus or templates it comes from',
  'corpus-empty': 'the corpus has no documents',
  'output-unwritable': 'an output file cannot be written',
  'output-manifest': 'a built file does not match the SHA256SUMS manifest of its folder',
  'usage': 'the command line is not valid',
  'front-matter-key': 'a front matter key that no one reads',
  'image-not-embedded': 'an image cannot be embedded (missing, outside the project, too large or of an unknown type)',
  'link-unresolved': 'a link to a file or heading that is not in the book',
  'document-unused': 'a document of the corpus that no edition takes',
  'not-rendered': 'a construct of the document that a writer does not render',
  'accessibility': 'an element lacks what a reader who cannot see it needs (an image without alt text)',
  'apparatus-lines': 'the line numbers of an apparatus keyed to the text did not settle, some entries may name another line',
  'readback': 'the text read back from a built file differs from the document',
  'input-refused': 'a file named by input lies outside the project, is not a regular file, or is larger than its limit',
  'input-encoding': 'a project file is not UTF-8 (UTF-16, GBK, Latin-1 …)',
  'input-character': 'a character XML does not allow (a C0 control, U+FFFE, U+FFFF, a lone surrogate)',
  'out-of-memory': 'the build needed more memory than it has',
} as const;

export type Code = keyof typeof CODES;

export interface Diagnostic {
  severity: Severity;
  code: Code;
  message: string;
  file?: string;
  line?: number;
  column?: number;
  hint?: string;
}

/** `file:line:column: severity: message (code)` and the hint on its own line. */
export function formatDiagnostic(d: Diagnostic): string {
  const place = d.file ? [d.file, d.line, d.column].filter((p) => p !== undefined).join(':') + ': ' : '';
  const hint = d.hint ? `\n  hint: ${d.hint}` : '';
  return `${place}${d.severity}: ${d.message} [${d.code}]${hint}`;
}

export class DiagnosticError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(diagnostics.map(formatDiagnostic).join('\n'));
    this.name = 'DiagnosticError';
  }
}

/** Throws one fatal diagnostic. */
export function fail(d: Omit<Diagnostic, 'severity'>): never {
  throw new DiagnosticError([{ severity: 'error', ...d }]);
}
