// news-lens: the command-line face of the engine (batch use, CI, measurement).
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { analyze } from '../engine';
import { formatSummary, toJsonlRecord } from './format';
import { ANNOTATIONS_USAGE, ANNOTATION_COMMANDS } from './annotations';

export interface CliIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  stdin: NodeJS.ReadableStream;
}

const USAGE = `Usage:
  news-lens analyze FILE...            readable summary: names with aliases and descriptors, quotations with speakers
  news-lens analyze --json FILE...     the whole analysis as JSON (one object per file, an array for several)
  news-lens analyze --jsonl            JSON Lines {"id","text"} on standard input -> one analysis record per line
${ANNOTATIONS_USAGE}  news-lens help                       this text
`;

export async function main(argv: string[], io: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'analyze':
      return runAnalyze(rest, io);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      io.stdout(USAGE);
      return command === undefined ? 2 : 0;
    default: {
      const annotationCommand = Object.hasOwn(ANNOTATION_COMMANDS, command) ? ANNOTATION_COMMANDS[command] : undefined;
      if (annotationCommand) return annotationCommand(rest, io);
      io.stderr(`news-lens: unknown command "${command}"\n${USAGE}`);
      return 2;
    }
  }
}

async function runAnalyze(args: string[], io: CliIO): Promise<number> {
  const flags = new Set(args.filter((a) => a.startsWith('--')));
  const files = args.filter((a) => !a.startsWith('--'));
  for (const f of flags) {
    if (f !== '--json' && f !== '--jsonl') { io.stderr(`news-lens analyze: unknown option ${f}\n${USAGE}`); return 2; }
  }
  if (flags.has('--jsonl')) {
    if (files.length) { io.stderr('news-lens analyze --jsonl reads standard input; do not name files\n'); return 2; }
    return analyzeJsonl(io);
  }
  if (!files.length) { io.stderr(`news-lens analyze: name at least one file\n${USAGE}`); return 2; }
  let status = 0;
  const json: unknown[] = [];
  files.forEach((file, i) => {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      io.stderr(`news-lens: cannot read ${file}: ${describeFsError(err)}\n`);
      status = 1;
      return;
    }
    const analysis = analyze(text);
    if (flags.has('--json')) json.push({ file, ...analysis });
    else io.stdout(`${i > 0 ? '\n' : ''}${formatSummary(file, text, analysis)}\n`);
  });
  if (flags.has('--json') && json.length) io.stdout(JSON.stringify(json.length === 1 && files.length === 1 ? json[0] : json, null, 2) + '\n');
  return status;
}

async function analyzeJsonl(io: CliIO): Promise<number> {
  const rl = createInterface({ input: io.stdin, crlfDelay: Infinity });
  let lineNo = 0;
  let failed = 0;
  for await (const line of rl) {
    lineNo++;
    if (!line.trim()) continue;
    let doc: unknown;
    try {
      doc = JSON.parse(line);
    } catch (err) {
      io.stderr(`news-lens: line ${lineNo}: not valid JSON (${(err as Error).message})\n`);
      failed++;
      continue;
    }
    if (typeof doc !== 'object' || doc === null || typeof (doc as { text?: unknown }).text !== 'string') {
      io.stderr(`news-lens: line ${lineNo}: expected an object with a string "text" field\n`);
      failed++;
      continue;
    }
    const { id, text } = doc as { id?: unknown; text: string };
    io.stdout(JSON.stringify(toJsonlRecord(id, analyze(text))) + '\n');
  }
  if (failed) io.stderr(`news-lens: ${failed} of ${lineNo} lines failed\n`);
  return failed ? 1 : 0;
}

function describeFsError(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  switch (e.code) {
    case 'ENOENT': return 'no such file';
    case 'EISDIR': return 'it is a directory';
    case 'EACCES': case 'EPERM': return 'permission denied';
    default: return e.message ?? String(err);
  }
}

if (require.main === module) {
  const out = (s: string) => { process.stdout.write(s); };
  const errOut = (s: string) => { process.stderr.write(s); };
  main(process.argv.slice(2), { stdout: out, stderr: errOut, stdin: process.stdin }).then(
    (code) => { process.exitCode = code; },
    (err) => { process.stderr.write(`news-lens: internal error: ${(err as Error).stack ?? err}\n`); process.exitCode = 70; },
  );
}
