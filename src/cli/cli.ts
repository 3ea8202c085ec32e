// news-lens: the command-line face of the engine (batch use, CI, measurement).
//
// Conventions: every command is parsed by the one strict parser in args.ts (node:util parseArgs)
// and answers -h/--help; `news-lens --version` prints the package version; `-` names standard
// input; a folder stands for the articles in it; exit status 0 ok, 1 failure (unreadable input,
// problems found), 2 usage error, 70 internal error; a closed standard output (`| head`) ends the
// process quietly with status 0.

import { parseArgs } from 'node:util';
import { stat } from 'node:fs/promises';
import { analyze, type AnalyzeOptions } from '../engine';
import { MAX_ARTICLE_BYTES, decodeArticle, decodeWarning, nodeFileSystem, readArticleFile } from '../store';
import type { DecodedArticle } from '../store';
import { version as PACKAGE_VERSION } from '../../package.json';
import { formatSummary } from './format';
import { analyzeJsonlLine } from './jsonl';
import { MAX_JOBS, analyzeJsonlInWorkers, jsonlWorkerFile } from './jobs';
import { ANNOTATION_COMMANDS } from './annotations';
import { LEARN_SPEC, runLearn } from './learn';
import { loadAdaptedModel } from '../learning/adaptedModel';
import { PerceptronRecognizer } from '../engine/ner';
import type { NerModel } from '../engine/ner/model';
import { INDEX_COMMANDS } from './indexCommands';
import { EXIT_USAGE, UsageError, commandHelp, runCommand, table } from './args';
import type { CommandSpec } from './args';
import { STDIN_ARG, STDIN_NAME, describeFsError, expandArticleArgs, readAllBytes, readLines } from './files';
import { forTerminal, jsonForTerminal } from './terminal';
import { correctAnalysis, readSidecarCorrections, sidecarErrorText } from '../corrections';
import { correctionsJson, correctionsSummary } from './corrections';

export interface CliIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  stdin: NodeJS.ReadableStream;
}

/** The package version, taken from package.json when the bundle is built. */
export const VERSION: string = PACKAGE_VERSION;

export interface Command {
  spec: CommandSpec;
  run: (args: string[], io: CliIO) => Promise<number>;
}

// ---------------------------------------------------------------------------------------------

export const ANALYZE_SPEC: CommandSpec = {
  name: 'analyze',
  synopsis: ['analyze [--json] [--no-corrections] [--model FILE] FILE|DIR|-...', 'analyze --jsonl [--jobs N] [--model FILE] [-]'],
  summary: 'names with aliases and descriptors, dates and numbers, quotations with speakers',
  description:
    'Analyses news articles. Without options, prints a readable summary of each: names with type,\n' +
    'mention count, aliases and descriptors; dates, times, money and numbers; quotations and reported\n' +
    'speech with speaker, cue and time. A file that cannot be read is reported and the others are\n' +
    'still analysed. Only regular files are read (not devices, pipes or folders); binary files are\n' +
    'refused; invalid UTF-8 is warned about (with its byte offset) and read as U+FFFD. A byte order\n' +
    'mark is not part of the text: offsets count from the character after it. Control characters\n' +
    'from an article are shown escaped (\\x1b) in the readable summary. The reviewers\' corrections in\n' +
    'an article\'s sidecar (FILE.annotations.yaml, `corrections:`) are applied, and listed: applied, or\n' +
    'not and why (a correction whose text is orphaned or needs review is never applied).',
  arguments: [
    ['FILE', 'an article (plain text: UTF-8, or UTF-16 with a byte order mark; at most 50 MB), whatever its name'],
    ['DIR', 'every *.txt file under it, recursively, in sorted order (node_modules, dot-folders and *.annotations.yaml left out)'],
    ['-', 'standard input'],
  ],
  options: {
    json: { type: 'boolean', description: 'the whole analysis as JSON: one object for a single FILE or -, an array (in order) otherwise' },
    jsonl: { type: 'boolean', description: 'batch mode: JSON Lines {"id","text"} on standard input, one analysis record per line, in order (lines end at \\n; a raw \\r inside a line does not end it)' },
    'no-corrections': { type: 'boolean', description: 'the raw analysis: do not apply the corrections in the articles\' sidecars' },
    jobs: { type: 'string', valueName: 'N', description: `with --jsonl: analyse in N threads, this one and N - 1 workers (1-${MAX_JOBS}; default 1, this thread alone); same output, in order` },
    model: { type: 'string', valueName: 'FILE', description: 'find names with the adapted model FILE (written by news-lens learn) instead of the shipped one' },
  },
  exitStatus: '0 all analysed; 1 a file or folder could not be read, a folder had no articles, a sidecar with corrections was invalid (that article is shown uncorrected), or a --jsonl line was bad (the rest are still analysed); 2 usage error.',
};

/** `news-lens analyze …`. */
export function runAnalyze(args: string[], io: CliIO): Promise<number> {
  return runCommand(ANALYZE_SPEC, args, io, async (values, positionals) => {
    if (values.jobs !== undefined && !values.jsonl) throw new UsageError('--jobs works with --jsonl');
    const options: AnalyzeOptions = {};
    let adapted: NerModel | undefined;
    if (typeof values.model === 'string') {
      try {
        adapted = loadAdaptedModel(values.model);
        options.recognizer = new PerceptronRecognizer(adapted);
      } catch (e) {
        io.stderr(`news-lens analyze: ${forTerminal((e as Error).message)}\n`);
        return 1;
      }
    }
    if (values.jsonl) {
      if (values['no-corrections']) throw new UsageError('--no-corrections works with files (--jsonl has no sidecars)');
      if (values.json) throw new UsageError('--json and --jsonl cannot be combined (--jsonl writes JSON already)');
      if (positionals.some((p) => p !== STDIN_ARG) || positionals.length > 1) {
        throw new UsageError('--jsonl reads standard input; name no files (or just -)');
      }
      const jobs = values.jobs === undefined ? 1 : Number(values.jobs);
      if (!/^[1-9][0-9]*$/.test(String(values.jobs ?? '1')) || jobs > MAX_JOBS) {
        throw new UsageError(`--jobs must be a whole number from 1 to ${MAX_JOBS}, got "${String(values.jobs)}"`);
      }
      if (jobs > 1) {
        const workerFile = jsonlWorkerFile();
        if (!workerFile) throw new Error('--jobs needs the worker bundle jsonl-worker.js beside the CLI bundle (npm run build)');
        return analyzeJsonlInWorkers(io, jobs, workerFile, adapted);
      }
      return analyzeJsonl(io, options);
    }
    if (!positionals.length) throw new UsageError('name at least one file or folder, or - for standard input');
    if (positionals.filter((p) => p === STDIN_ARG).length > 1) throw new UsageError('standard input (-) can be named only once');
    return analyzeFiles(positionals, !!values.json, io, options, !values['no-corrections']);
  });
}

async function analyzeFiles(args: string[], json: boolean, io: CliIO, options: AnalyzeOptions = {}, withCorrections = true): Promise<number> {
  // JSON: one object for a single file argument, an array otherwise (decided before any output).
  const single = args.length === 1 && (args[0] === STDIN_ARG || !(await stat(args[0]!).then((s) => s.isDirectory(), () => false)));
  let status = 0;
  let written = 0;
  for await (const source of expandArticleArgs(args)) {
    if (source.kind === 'error') {
      io.stderr(`news-lens: ${forTerminal(source.message)}\n`);
      status = 1;
      continue;
    }
    const name = source.kind === 'stdin' ? STDIN_NAME : source.path;
    let article: DecodedArticle;
    try {
      article = source.kind === 'stdin'
        ? decodeArticle(await readAllBytes(io.stdin, MAX_ARTICLE_BYTES), STDIN_NAME)
        : await readArticleFile(nodeFileSystem, source.path);
    } catch (err) {
      // FileReadError / ArticleDecodeError name the file and say what it is; fs errors get a few words.
      const known = err instanceof Error && err.message.startsWith(name);
      io.stderr(`news-lens: ${forTerminal(known ? (err as Error).message : `cannot read ${name}: ${describeFsError(err)}`)}\n`);
      status = 1;
      continue;
    }
    const warning = decodeWarning(name, article);
    if (warning) io.stderr(`news-lens: warning: ${forTerminal(warning)}\n`);
    const text = article.text;
    let analysis = analyze(text, options);
    let corrections: ReturnType<typeof correctionsJson> | undefined;
    let correctionLines = '';
    if (withCorrections && source.kind !== 'stdin') {
      // The sidecar's corrections (none without a sidecar): applied, each reported.
      const sidecar = await readSidecarCorrections(nodeFileSystem, source.path, text);
      if (sidecar.state === 'invalid' || sidecar.state === 'conflicted') {
        for (const e of sidecar.errors) io.stderr(`news-lens: ${forTerminal(sidecarErrorText(sidecar.sidecarPath, e))}; corrections not applied\n`);
        status = 1;
      } else if (sidecar.resolved.length > 0) {
        const corrected = correctAnalysis(text, analysis, sidecar.resolved);
        analysis = corrected.analysis;
        corrections = correctionsJson(sidecar.sidecarPath, corrected.reports);
        correctionLines = correctionsSummary(sidecar.sidecarPath, corrected.reports);
      }
    }
    if (json) {
      const record = jsonForTerminal(JSON.stringify({ file: source.kind === 'stdin' ? STDIN_ARG : source.path, ...analysis, ...(corrections ? { corrections } : {}) }, null, 2));
      // Written as it goes; the same text as JSON.stringify(array, null, 2) (string values hold no raw newline).
      if (single) io.stdout(record + '\n');
      else io.stdout(`${written ? ',\n' : '[\n'}  ${record.replace(/\n/g, '\n  ')}`);
    } else {
      io.stdout(`${written ? '\n' : ''}${forTerminal(formatSummary(name, text, analysis) + correctionLines)}\n`);
    }
    written++;
    // Let pending I/O events in between articles (a reader that went away, Ctrl-C handlers).
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  if (json && !single && written) io.stdout('\n]\n');
  return status;
}

async function analyzeJsonl(io: CliIO, options: AnalyzeOptions = {}): Promise<number> {
  let lineNo = 0;
  let failed = 0;
  // Split at \n only: a raw \r inside a line (invalid JSON, but one line) must not shift the numbers.
  for await (const line of readLines(io.stdin, MAX_ARTICLE_BYTES)) {
    const r = analyzeJsonlLine(typeof line === 'string' ? line : null, ++lineNo, options);
    if (r.stdout !== undefined) io.stdout(r.stdout);
    else if (r.stderr !== undefined) {
      io.stderr(r.stderr);
      failed++;
    }
  }
  if (failed) io.stderr(`news-lens: ${failed} of ${lineNo} lines failed\n`);
  return failed ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------

export const HELP_SPEC: CommandSpec = {
  name: 'help',
  synopsis: ['help [COMMAND]'],
  summary: 'this overview, or the usage and options of COMMAND (same as news-lens COMMAND --help)',
  arguments: [['COMMAND', 'a command name, e.g. analyze']],
  options: {},
};

function runHelp(args: string[], io: CliIO): Promise<number> {
  return runCommand(HELP_SPEC, args, io, async (_values, positionals) => {
    if (positionals.length > 1) throw new UsageError('name at most one command');
    if (!positionals.length) {
      io.stdout(globalHelp());
      return 0;
    }
    const command = findCommand(positionals[0]!);
    if (!command) throw new UsageError(`unknown command "${positionals[0]}" (commands: ${COMMANDS.map((c) => c.spec.name).join(', ')})`);
    io.stdout(commandHelp(command.spec));
    return 0;
  });
}

/** Every command of news-lens, in the order the help lists them. */
export const COMMANDS: readonly Command[] = [
  { spec: ANALYZE_SPEC, run: runAnalyze },
  ...ANNOTATION_COMMANDS,
  { spec: LEARN_SPEC, run: (args, io) => runLearn(args, io) },
  ...INDEX_COMMANDS,
  { spec: HELP_SPEC, run: runHelp },
];

function findCommand(name: string): Command | undefined {
  return COMMANDS.find((c) => c.spec.name === name);
}

const GLOBAL_OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
} as const;

const GLOBAL_USAGE = 'Usage: news-lens COMMAND [options] [arguments]\n       news-lens --help | --version\n';

function globalHelp(): string {
  return (
    GLOBAL_USAGE +
    '\nNews Lens: names, quotations and reviewers\' notes in news articles.\n\nCommands:\n' +
    table(COMMANDS.map((c) => [c.spec.name, c.spec.summary])) +
    '\nOptions:\n' +
    table([['-h, --help', 'show this help'], ['-V, --version', 'print the version of news-lens']]) +
    '\nRun "news-lens COMMAND --help" for the usage and options of a command.\n' +
    'Exit status: 0 ok; 1 failure (unreadable input, problems found); 2 usage error.\n'
  );
}

function globalUsageError(message: string): string {
  return `news-lens: ${message}\n${GLOBAL_USAGE}Run "news-lens --help" for the commands.\n`;
}

export async function main(argv: string[], io: CliIO): Promise<number> {
  // Options before the command word belong to news-lens itself (--help, --version).
  let at = 0;
  while (at < argv.length && argv[at]!.startsWith('-') && argv[at] !== STDIN_ARG && argv[at] !== '--') at++;
  let globals;
  try {
    globals = parseArgs({ args: argv.slice(0, at), options: GLOBAL_OPTIONS, strict: true, allowPositionals: false }).values;
  } catch (err) {
    const option = /'(-[^' ]*)/.exec((err as Error).message)?.[1];
    io.stderr(globalUsageError(option ? `unknown option ${option}` : (err as Error).message.split('\n')[0]!));
    return EXIT_USAGE;
  }
  if (argv[at] === '--') at++;
  const [command, ...rest] = argv.slice(at);
  if (globals.version) {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  if (globals.help) {
    const c = command === undefined ? undefined : findCommand(command);
    io.stdout(c ? commandHelp(c.spec) : globalHelp());
    return 0;
  }
  if (command === undefined) {
    io.stderr(globalUsageError('name a command'));
    return EXIT_USAGE;
  }
  const c = findCommand(command);
  if (!c) {
    io.stderr(globalUsageError(`unknown command "${command}" (commands: ${COMMANDS.map((x) => x.spec.name).join(', ')})`));
    return EXIT_USAGE;
  }
  return c.run(rest, io);
}

// ---------------------------------------------------------------------------------------------

/**
 * Standard output of the real process. When the reader goes away (`news-lens … | head -1`), the
 * next write fails with EPIPE: stop writing and exit 0 at once, without a stack trace. Other write
 * errors (a full disk) are reported and exit 1.
 */
function processStdout(): (s: string) => void {
  const stdout = process.stdout;
  const failed = (err: NodeJS.ErrnoException): never => {
    if (err.code === 'EPIPE') process.exit(0);
    try {
      process.stderr.write(`news-lens: cannot write to standard output: ${err.message}\n`);
    } finally {
      process.exit(1);
    }
  };
  stdout.on('error', failed);
  return (s) => {
    stdout.write(s);
    // A pipe write fails synchronously on Linux; the 'error' event would only come after the
    // current (possibly long) batch, so look at once.
    if (stdout.errored) failed(stdout.errored);
  };
}

if (require.main === module) {
  const out = processStdout();
  process.stderr.on('error', () => { /* nowhere left to report */ });
  const errOut = (s: string) => { process.stderr.write(s); };
  main(process.argv.slice(2), { stdout: out, stderr: errOut, stdin: process.stdin }).then(
    (code) => { process.exitCode = code; },
    (err) => { process.stderr.write(`news-lens: internal error: ${(err as Error).stack ?? err}\n`); process.exitCode = 70; },
  );
}
