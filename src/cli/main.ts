// The `wenji` command: one entry per command, each a parser (commander) and a runner.
// Exit codes: 0 ok, 1 findings or a failed build, 2 usage, 70 internal error, 130/143 interrupted.
// Before any command runs, the folders it uses are made whole again (a commit of a killed run
// is finished: fsutil.ts).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { DiagnosticError, fail, formatDiagnostic } from '../diagnostics.ts';
import { diskProblem, recover } from '../fsutil.ts';
import { insideProject, MARKER } from '../build/publish.ts';
import { reportInternal } from './internal.ts';
import { interruption } from './signals.ts';
// Each command's runner is loaded when the command runs, so that starting one command does not
// load the libraries of all the others (pdfjs for check, chokidar for watch, …).
const runImport: typeof import('./import.ts').runImport = async (...a) => (await import('./import.ts')).runImport(...a);
const runNormalize: typeof import('./import.ts').runNormalize = async (...a) => (await import('./import.ts')).runNormalize(...a);
const runBuild: typeof import('./build.ts').runBuild = async (...a) => (await import('./build.ts')).runBuild(...a);
const runCheck: typeof import('./check.ts').runCheck = async (...a) => (await import('./check.ts')).runCheck(...a);
const runInit: typeof import('./init.ts').runInit = async (...a) => (await import('./init.ts')).runInit(...a);
const runWatch: typeof import('./watch.ts').runWatch = async (...a) => (await import('./watch.ts')).runWatch(...a);
import type { Format } from '../build/index.ts';
import { PAPER_SIZES } from '../edition/papers.ts';
import type { Paper } from '../writers/pdf/page.ts';

export const EXIT = { ok: 0, findings: 1, usage: 2, internal: 70, interrupted: 130 } as const;

/** Finishes or removes what a killed run left in a folder (fsutil.ts); a folder that cannot be written is one message. */
function makeWhole(dir: string): void {
  try {
    recover(dir);
  } catch (e) {
    const why = diskProblem(e);
    if (!why) throw e;
    fail({ code: 'output-unwritable', file: dir, message: `cannot finish the files an interrupted run left here (${why})`, hint: 'make the folder writable and run the command again' });
  }
}

/** The project folder named by -C must exist. */
function checkProject(dir: string, given: string): void {
  let folder = false;
  try { folder = statSync(dir).isDirectory(); } catch { /* missing */ }
  if (!folder) fail({ code: 'usage', file: given, message: `the project folder ${given} does not exist or is not a folder`, hint: 'give -C the folder that holds corpus/ (or make one with wenji init)' });
}

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

function program(): Command {
  const cmd = new Command('wenji')
    .description('Build books from Markdown documents: EPUB 3 and PDF, set for Chinese text.')
    .version(version())
    .option('-C, --project <dir>', 'project folder (holds corpus/, templates/, out/)', '.')
    .exitOverride()
    .showHelpAfterError();
  const root = () => resolve(cmd.opts().project);
  cmd.hook('preAction', (_cmd, action) => {
    if (action.name() === 'init' || action.name() === 'normalize') return;
    checkProject(root(), cmd.opts().project);
    const o = action.opts() as { out?: string; corpus?: string };
    makeWhole(resolve(root(), o.corpus ?? 'corpus'));
    makeWhole(join(root(), 'out'));
    // A folder of --out is made whole only if wenji may write there (see checkOutDir).
    const out = resolve(root(), o.out ?? 'out');
    if (insideProject(root(), out) || existsSync(join(out, MARKER))) makeWhole(out);
  });

  cmd.command('import')
    .description('establish corpus/*.md from the witnesses in corpus/sources/ (the only command that writes into corpus/)')
    .option('--check', 'write nothing; exit 1 if the checked-in corpus differs from what import would write')
    .addHelpText('after', '\nExample:\n  wenji import           # regenerate corpus/*.md and the variant apparatus\n  wenji import --check   # verify the corpus is reproducible from its sources')
    .action((opts: { check?: boolean }) => runImport(resolve(root(), 'corpus'), opts));

  cmd.command('normalize')
    .description('print what one witness file yields, as Markdown, for inspection')
    .requiredOption('-k, --kind <kind>', 'how to read the file: ocr, text, html, markdown or docx (a Word file, printed as Markdown)')
    .argument('<file>', 'the witness file')
    .addHelpText('after', '\nExamples:\n  wenji normalize --kind ocr corpus/sources/000_bc26827d51292f16.txt\n  wenji normalize --kind html saved-article.html\n  wenji normalize --kind docx statement.docx')
    .action((file: string, opts: { kind: string }) => runNormalize(file, opts.kind));

  cmd.command('build')
    .description('build every edition of the project (EPUB and PDF) into out/')
    .option('-o, --out <dir>', 'output folder', 'out')
    .addOption(new Option('-f, --format <format>', 'what to build').choices(['epub', 'pdf', 'both']).default('both'))
    .addOption(new Option('-p, --paper <size>', 'PDF paper size (default: from corpus/edition.yaml)').choices([...PAPER_SIZES]))
    .addOption(new Option('--profile <profile>', 'PDF profile: print (mirrored margins, documents on right-hand pages) or screen').choices(['print', 'screen']))
    .option('-e, --edition <name>', 'build only this edition of the edition file (default: all)')
    .option('-d, --document <id>', 'build one document as its own small edition')
    .option('--strict', 'treat every warning as an error: exit 1 and write nothing')
    .option('-c, --corpus <dir>', 'corpus folder (default: corpus/ in the project)')
    .option('-q, --quiet', 'print nothing but errors')
    .addHelpText('after', `
Examples:
  wenji build                          # EPUB and PDF of the whole edition into out/
  wenji build --format pdf --paper A4  # only the PDF, on A4
  wenji build --document 2024-05-16-75th-anniversary --out /tmp/one
  wenji build --profile screen         # PDF without blank pages, for reading on screen
  wenji build --edition selection      # one edition of several
  wenji build --strict                 # fail on any warning (for CI)`)
    .action(async (opts: { out: string; format: string; paper?: Paper; profile?: string; document?: string; edition?: string; corpus?: string; quiet?: boolean; strict?: boolean }) => { await runBuild(root(), {
      corpus: opts.corpus ? resolve(root(), opts.corpus) : undefined,
      formats: opts.format === 'both' ? ['epub', 'pdf'] : [opts.format as Format],
      outDir: resolve(root(), opts.out),
      writer: { ...(opts.paper ? { paper: opts.paper } : {}), ...(opts.profile ? { print: opts.profile === 'print' } : {}) },
      document: opts.document, edition: opts.edition, strict: opts.strict, quiet: opts.quiet || process.env.WENJI_QUIET === '1',
    }); });
  cmd.command('watch')
    .description('rebuild the edition whenever the corpus or the templates change')
    .option('-o, --out <dir>', 'output folder', 'out')
    .addOption(new Option('-f, --format <format>', 'what to build').choices(['epub', 'pdf', 'both']).default('both'))
    .addOption(new Option('-p, --paper <size>', 'PDF paper size').choices([...PAPER_SIZES]))
    .addHelpText('after', '\nKeep a PDF viewer open on out/*.pdf beside the editor; a failed rebuild prints its problems and keeps the previous files.\n\nExample:\n  wenji watch --format pdf')
    .action(async (opts: { out: string; format: string; paper?: Paper }) => {
      await runWatch(root(), { formats: opts.format === 'both' ? ['epub', 'pdf'] : [opts.format as Format], outDir: resolve(root(), opts.out), writer: opts.paper ? { paper: opts.paper } : {} });
    });

  cmd.command('init')
    .description('start a new project: an edition file, an example document and the default templates')
    .argument('<dir>', 'a new or empty folder')
    .option('-t, --title <title>', 'title of the edition', '我的文集')
    .addHelpText('after', '\nExample:\n  wenji init my-edition --title 文集 && wenji build -C my-edition')
    .action((dir: string, opts: { title: string }) => runInit(resolve(dir), opts));

  cmd.command('check')
    .description('check the corpus (schema, body rules, references, empty sections, glyphs) and the built files (EPUBCheck; PDF fonts, kinsoku, justification)')
    .option('-o, --out <dir>', 'folder of the built files', 'out')
    .option('--no-built', 'check the corpus only, not the built files')
    .addHelpText('after', '\nExit code 1 if anything is found; each finding is printed as file:line:column.\n\nExamples:\n  wenji build && wenji check\n  wenji check --no-built')
    .action(async (opts: { out: string; built: boolean }) => { await runCheck(root(), { outDir: resolve(root(), opts.out), built: opts.built }); });
  return cmd;
}

/** Runs the command line; returns the exit code instead of exiting, so tests can call it. */
export async function main(argv: string[]): Promise<number> {
  try {
    await program().parseAsync(argv);
    return process.exitCode === undefined ? EXIT.ok : Number(process.exitCode);
  } catch (e) {
    // Interrupted: the signal's handler has said so and ends the process (signals.ts).
    if (interruption.aborted) return EXIT.interrupted;
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    if (e instanceof DiagnosticError) {
      for (const d of e.diagnostics) console.error(formatDiagnostic(d));
      return e.diagnostics.every((d) => d.code === 'usage') ? EXIT.usage : EXIT.findings;
    }
    return reportInternal(e);
  }
}
