// The one argument parser of `news-lens`: every command describes itself as a CommandSpec and is
// parsed by `node:util` parseArgs in strict mode. The same spec writes the command's --help text
// and the usage lines of its errors, so help and parser cannot drift apart.

import { parseArgs } from 'node:util';

/** Exit status of a usage error (bad option, missing or extra argument), as is conventional. */
export const EXIT_USAGE = 2;

export interface OptionSpec {
  type: 'boolean' | 'string';
  /** One-letter alias, e.g. `h` for `-h`. */
  short?: string;
  /** Placeholder of a string option's value in the help, e.g. `FORMAT`. */
  valueName?: string;
  description: string;
}

export interface CommandSpec {
  /** The command word, e.g. `analyze`. */
  name: string;
  /** Synopsis lines without the leading `news-lens `, e.g. `analyze [--json] FILE|DIR|-...`. */
  synopsis: string[];
  /** One line for the list of commands in `news-lens --help`. */
  summary: string;
  /** Paragraphs shown under the synopsis in the command's --help. */
  description?: string;
  /** Positional arguments explained in the help: [name, explanation]. */
  arguments?: [string, string][];
  /** Options besides -h/--help, which every command gets. Keys are long names without `--`. */
  options: Record<string, OptionSpec>;
  /** Shown at the end of the help. */
  exitStatus?: string;
}

export const HELP_OPTION: OptionSpec = { type: 'boolean', short: 'h', description: "show this command's usage and options" };

export type ParsedValues = Record<string, string | boolean | undefined>;

export type ParseResult =
  | { kind: 'ok'; values: ParsedValues; positionals: string[] }
  | { kind: 'help' }
  | { kind: 'error'; message: string };

function allOptions(spec: CommandSpec): Record<string, OptionSpec> {
  return { ...spec.options, help: HELP_OPTION };
}

/**
 * Parses `args` (the words after the command) strictly. `-h`/`--help` anywhere before `--` asks for
 * help, even next to other mistakes; `--` ends the options (`analyze -- -h` names a file `-h`); a
 * lone `-` is a positional argument (standard input, where the command supports it).
 */
export function parseCommand(spec: CommandSpec, args: string[]): ParseResult {
  const options = Object.fromEntries(
    Object.entries(allOptions(spec)).map(([name, o]) => [name, o.short ? { type: o.type, short: o.short } : { type: o.type }]),
  );
  try {
    const { values, positionals } = parseArgs({ args, options, strict: true, allowPositionals: true });
    if (values.help) return { kind: 'help' };
    return { kind: 'ok', values: values as ParsedValues, positionals };
  } catch (err) {
    const end = args.indexOf('--');
    const head = end < 0 ? args : args.slice(0, end);
    if (head.includes('--help') || head.includes('-h')) return { kind: 'help' };
    return { kind: 'error', message: describeParseError(err) };
  }
}

/** parseArgs's errors, reworded to name the option plainly. */
function describeParseError(err: unknown): string {
  const e = err as { code?: string; message?: string };
  const message = String(e.message ?? err);
  const option = /'(-[^' ]*)/.exec(message)?.[1];
  switch (e.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      if (!option) return message;
      return option.startsWith('--') ? `unknown option ${option}` : `unknown option ${option} (a file named "${option}" goes after --, as in: -- ${option})`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (option && /does not take an argument/.test(message)) return `option ${option} takes no value`;
      if (option && /argument missing/.test(message)) return `option ${option} needs a value`;
      if (option && /ambiguous/.test(message)) return `option ${option} needs a value (a value starting with "-" is written ${option}=VALUE)`;
      return message.split('\n')[0]!;
    default:
      return message.split('\n')[0]!;
  }
}

/** `Usage: news-lens …` lines of a command. */
export function usageLines(spec: CommandSpec): string {
  return spec.synopsis.map((s, i) => `${i === 0 ? 'Usage: ' : '       '}news-lens ${s}`).join('\n') + '\n';
}

/** What a usage error prints to standard error: the problem, the usage, where to find more. */
export function usageError(spec: CommandSpec, message: string): string {
  return `news-lens ${spec.name}: ${message}\n${usageLines(spec)}Run "news-lens ${spec.name} --help" for the options.\n`;
}

/** Help text width: wrapped at word boundaries to fit 100 columns. */
const WIDTH = 100;

/** `text` wrapped to `width` columns, continuation lines indented by `indent` spaces. */
export function wrap(text: string, indent = 0, width = WIDTH, firstIndent = indent): string {
  const lines: string[] = [];
  let line = ' '.repeat(firstIndent);
  let empty = true;
  for (const word of text.split(/ +/)) {
    if (!empty && line.length + 1 + word.length > width) {
      lines.push(line);
      line = ' '.repeat(indent);
      empty = true;
    }
    line += (empty ? '' : ' ') + word;
    empty = false;
  }
  lines.push(line);
  return lines.join('\n');
}

/** Two columns: names, then explanations wrapped beside them. */
export function table(rows: [string, string][]): string {
  const width = Math.min(28, Math.max(...rows.map(([l]) => l.length)));
  return (
    rows
      .map(([l, r]) =>
        l.length > width ? `  ${l}\n${wrap(r, width + 4)}` : `  ${l.padEnd(width)}  ${wrap(r, width + 4).slice(width + 4)}`,
      )
      .join('\n') + '\n'
  );
}

/** The full --help text of a command. */
export function commandHelp(spec: CommandSpec): string {
  let out = usageLines(spec) + '\n';
  if (spec.description) out += `${spec.description.trimEnd()}\n\n`;
  if (spec.arguments?.length) out += `Arguments:\n${table(spec.arguments)}\n`;
  const rows = Object.entries(allOptions(spec)).map(([name, o]): [string, string] => [
    `${o.short ? `-${o.short}, ` : '    '}--${name}${o.type === 'string' ? ` ${o.valueName ?? 'VALUE'}` : ''}`,
    o.description,
  ]);
  out += `Options:\n${table(rows)}`;
  if (spec.exitStatus) out += `\n${wrap(`Exit status: ${spec.exitStatus}`, 2, WIDTH, 0)}\n`;
  return out;
}

export interface CommandIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

/**
 * Parses `args` for `spec` and runs `body` with the result; prints the help (standard output,
 * exit 0) or a usage error (standard error, exit 2) instead when that is what the arguments ask for.
 */
export async function runCommand(
  spec: CommandSpec,
  args: string[],
  io: CommandIO,
  body: (values: ParsedValues, positionals: string[]) => Promise<number>,
): Promise<number> {
  const parsed = parseCommand(spec, args);
  if (parsed.kind === 'help') {
    io.stdout(commandHelp(spec));
    return 0;
  }
  if (parsed.kind === 'error') {
    io.stderr(usageError(spec, parsed.message));
    return EXIT_USAGE;
  }
  try {
    return await body(parsed.values, parsed.positionals);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.stderr(usageError(spec, err.message));
    return EXIT_USAGE;
  }
}

/** Thrown inside a command body for a usage error found after parsing (wrong number of files…). */
export class UsageError extends Error {}
