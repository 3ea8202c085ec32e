// `news-lens index` and `news-lens query`: the workspace index (src/workspace) from the command line.
//   news-lens index PATH... --db FILE [--jobs N] [--json]     analyse changed articles into the database
//   news-lens query entities|mentions|quotes|notes|sources --db FILE [filters] [--json]
// Argument handling and output only; the index itself is src/workspace.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import { version as PACKAGE_VERSION } from '../../package.json';
import { IndexFileError, WorkspaceIndex, WorkerRunner, inlineRunner, updateIndex } from '../workspace';
import type { JobRunner } from '../workspace';
import { UsageError, runCommand } from './args';
import type { CommandIO, CommandSpec } from './args';
import { STDIN_ARG, expandArticleArgs } from './files';
import { MAX_JOBS } from './jobs';
import { forTerminal, jsonForTerminal } from './terminal';

/** The worker bundle beside this bundle (dist/); undefined when running from sources. */
export function indexWorkerFile(): string | undefined {
  const file = path.join(__dirname, 'index-worker.js');
  return fs.existsSync(file) ? file : undefined;
}

export const INDEX_SPEC: CommandSpec = {
  name: 'index',
  synopsis: ['index PATH... --db FILE [--jobs N] [--json]'],
  summary: 'keep a workspace index (SQLite) of the articles under PATHs up to date',
  description:
    'Analyses the articles (*.txt) under the PATHs into the index database FILE (created if missing):\n' +
    'names with their clusters, quotations with speakers, and the notes of each sidecar. Only what\n' +
    'changed is analysed again: a file whose size and time are unchanged is not read, and one whose\n' +
    'content hash is unchanged is not analysed. Articles of the index under the PATHs that are gone\n' +
    'are removed. A file that is not a News Lens index is never overwritten; an index made by an\n' +
    'older News Lens is rebuilt. Query it with news-lens query.',
  arguments: [['PATH', 'an article, or a folder: every *.txt under it (as analyze reads folders)']],
  options: {
    db: { type: 'string', valueName: 'FILE', description: 'the index database (required)' },
    jobs: { type: 'string', valueName: 'N', description: `analyse in N worker threads (1-${MAX_JOBS}; default 1, this thread)` },
    json: { type: 'boolean', description: 'print {"analysed", "unchanged", "removed", "seconds"} as JSON' },
  },
  exitStatus: '0 indexed; 1 an article could not be read or analysed (the others are indexed), or the database cannot be used; 2 usage error.',
};

function dbOption(values: Record<string, string | boolean | undefined>): string {
  if (typeof values.db !== 'string' || !values.db) throw new UsageError('name the index database with --db FILE');
  return path.resolve(values.db);
}

/** `news-lens index …`. */
export function runIndex(args: string[], io: CommandIO): Promise<number> {
  return runCommand(INDEX_SPEC, args, io, async (values, positionals) => {
    const db = dbOption(values);
    if (!positionals.length) throw new UsageError('name at least one article or folder');
    if (positionals.includes(STDIN_ARG)) throw new UsageError('the index reads files; standard input (-) cannot be indexed');
    const jobs = values.jobs === undefined ? 1 : Number(values.jobs);
    if (!/^[1-9][0-9]*$/.test(String(values.jobs ?? '1')) || jobs > MAX_JOBS) {
      throw new UsageError(`--jobs must be a whole number from 1 to ${MAX_JOBS}, got "${String(values.jobs)}"`);
    }
    const started = performance.now();
    let status = 0;
    const files: string[] = [];
    for await (const source of expandArticleArgs(positionals)) {
      if (source.kind === 'error') {
        io.stderr(`news-lens: ${forTerminal(source.message)}\n`);
        status = 1;
      } else if (source.kind === 'file') files.push(path.resolve(source.path));
    }
    const index = openIndex(db, io);
    if (!index) return 1;
    let runner: JobRunner = inlineRunner;
    try {
      if (jobs > 1) {
        const workerFile = indexWorkerFile();
        if (!workerFile) throw new Error('--jobs needs the worker bundle index-worker.js beside the CLI bundle (npm run build)');
        runner = new WorkerRunner(workerFile, jobs);
      }
      const roots = positionals.map((p) => path.resolve(p));
      const summary = await updateIndex(index, files, runner, { roots });
      for (const f of summary.failed) io.stderr(`news-lens: ${forTerminal(f.message)}\n`);
      if (summary.failed.length) status = 1;
      const seconds = Math.round((performance.now() - started) / 10) / 100;
      if (values.json) {
        io.stdout(JSON.stringify({ analysed: summary.analysed, unchanged: summary.unchanged, removed: summary.removed, seconds }) + '\n');
      } else {
        io.stdout(`${forTerminal(db)}: ${summary.analysed} analysed, ${summary.unchanged} unchanged, ${summary.removed} removed` +
          `${summary.failed.length ? `, ${summary.failed.length} failed` : ''} (${seconds} s)\n`);
      }
    } finally {
      await runner.close();
      index.close();
    }
    return status;
  });
}

function openIndex(db: string, io: CommandIO, mustExist = false): WorkspaceIndex | undefined {
  if (mustExist && !fs.existsSync(db)) {
    io.stderr(`news-lens: no index at ${forTerminal(db)} (make one with news-lens index PATH... --db FILE)\n`);
    return undefined;
  }
  try {
    const index = WorkspaceIndex.open(db, PACKAGE_VERSION);
    if (index.rebuilt === 'older-schema' || index.rebuilt === 'other-engine') {
      io.stderr(`news-lens: the index ${forTerminal(db)} was made by ${index.rebuilt === 'older-schema' ? 'an older' : 'another'} version of News Lens; it was emptied and is rebuilt\n`);
    }
    return index;
  } catch (e) {
    if (!(e instanceof IndexFileError)) throw e;
    io.stderr(`news-lens: ${forTerminal(e.message)}\n`);
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------

const QUERIES = ['entities', 'mentions', 'quotes', 'notes', 'sources'] as const;

export const QUERY_SPEC: CommandSpec = {
  name: 'query',
  synopsis: [
    'query entities --db FILE [--type TYPE] [--name TEXT] [--json]',
    'query mentions NAME --db FILE [--type TYPE] [--json]',
    'query quotes [--speaker NAME] --db FILE [--json]',
    'query notes [--label L] [--status S] [--author A] --db FILE [--json]',
    'query sources --db FILE [--json]',
  ],
  summary: 'people, organisations, mentions, quotations and notes across the indexed articles',
  description:
    'Reads an index made by news-lens index. entities: one row per entity across articles, most\n' +
    'mentioned first ({name, type, aliases, articles, mentions}); a one-word name joins the one longer\n' +
    'name of its type that has it as alias or surname ("Trump" and "Donald Trump"), never when two\n' +
    'could. mentions: every mention of the entity NAME means, aliases and resolved pronouns included\n' +
    '({file, start, end, text, kind}). quotes: quotations with their speaker ({file, start, end, text,\n' +
    'kind, speaker, anonymous}). notes: reviewers\' notes of every article. sources: who is quoted,\n' +
    'how often, in which articles. Offsets are JavaScript string indices, as in analyze --json.',
  arguments: [['NAME', 'a name as written in an article, e.g. "Donald Trump" or "Trump"']],
  options: {
    db: { type: 'string', valueName: 'FILE', description: 'the index database (required; never created by query)' },
    type: { type: 'string', valueName: 'TYPE', description: 'entities, mentions: only this type (PERSON, ORG, GPE, …)' },
    name: { type: 'string', valueName: 'TEXT', description: 'entities: only those whose name or an alias contains TEXT (any case)' },
    speaker: { type: 'string', valueName: 'NAME', description: 'quotes: only those of this speaker' },
    label: { type: 'string', valueName: 'L', description: 'notes: only this label' },
    status: { type: 'string', valueName: 'S', description: 'notes: only this status (open, resolved)' },
    author: { type: 'string', valueName: 'A', description: 'notes: only this author' },
    json: { type: 'boolean', description: 'a JSON array' },
  },
  exitStatus: '0 answered (an empty answer too); 1 the database is missing or cannot be used; 2 usage error.',
};

const ALLOWED: Record<(typeof QUERIES)[number], string[]> = {
  entities: ['type', 'name'],
  mentions: ['type'],
  quotes: ['speaker'],
  notes: ['label', 'status', 'author'],
  sources: [],
};

/** `news-lens query …`. */
export function runQuery(args: string[], io: CommandIO): Promise<number> {
  return runCommand(QUERY_SPEC, args, io, async (values, positionals) => {
    const what = positionals[0] as (typeof QUERIES)[number] | undefined;
    if (!what || !QUERIES.includes(what)) throw new UsageError(`name what to query: ${QUERIES.join(', ')}${what ? ` (not "${what}")` : ''}`);
    const db = dbOption(values);
    for (const o of ['type', 'name', 'speaker', 'label', 'status', 'author']) {
      if (values[o] !== undefined && !ALLOWED[what].includes(o)) throw new UsageError(`--${o} does not apply to query ${what}`);
    }
    const rest = positionals.slice(1);
    if (what === 'mentions' ? rest.length !== 1 : rest.length) {
      throw new UsageError(what === 'mentions' ? 'name one entity: query mentions NAME' : `query ${what} takes no argument besides options`);
    }
    // A query is a short process: SQLite's WebAssembly runs on V8's baseline compiler (Liftoff) alone.
    // Otherwise V8 optimises the whole module on background threads, and Node waits for that at exit
    // (about 100 ms on this 2-core machine, longer than most queries take).
    v8.setFlagsFromString('--liftoff-only');
    const index = openIndex(db, io, true);
    if (!index) return 1;
    try {
      const str = (o: string): string | undefined => (typeof values[o] === 'string' ? (values[o] as string) : undefined);
      if (values.json && what === 'quotes' && str('speaker') === undefined) {
        // Every quotation of the workspace: SQLite writes each row's JSON (the same text as below).
        io.stdout(jsonForTerminal(jsonArray(index.quotesJson())) + '\n');
        return 0;
      }
      const rows: object[] =
        what === 'entities' ? index.entities({ type: str('type')?.toUpperCase(), name: str('name') })
        : what === 'mentions' ? index.mentions(rest[0]!, str('type')?.toUpperCase())
        : what === 'quotes' ? index.quotes({ speaker: str('speaker') })
        : what === 'notes' ? index.notes({ label: str('label'), status: str('status'), author: str('author') })
        : index.sources();
      io.stdout(values.json ? jsonForTerminal(jsonArray(rows.map((r) => JSON.stringify(r)))) + '\n' : forTerminal(readable(what, rows)));
    } finally {
      index.close();
    }
    return 0;
  });
}

/** A JSON array with one row per line (rows already JSON text): large listings stay compact and can be
 *  read and grepped line by line. */
function jsonArray(rows: string[]): string {
  return rows.length ? `[\n${rows.join(',\n')}\n]` : '[]';
}

function readable(what: string, rows: object[]): string {
  const lines = rows.map((row) => {
    const r = row as Record<string, unknown>;
    switch (what) {
      case 'entities':
        return `${r['name']} (${r['type']}): ${r['mentions']} mentions in ${r['articles']} articles${(r['aliases'] as string[]).length ? `; also ${(r['aliases'] as string[]).join(', ')}` : ''}`;
      case 'mentions':
        return `${r['file']}:${r['start']}-${r['end']}: ${r['text']}${r['kind'] === 'name' ? '' : ` (${r['kind']})`}`;
      case 'quotes':
        return `${r['file']}:${r['start']}-${r['end']} [${r['kind']}] ${r['speaker'] ?? '(no speaker)'}${r['anonymous'] ? ' (anonymous)' : ''}: ${oneLine(String(r['text']))}`;
      case 'notes':
        return `${r['file']}:${r['start']}-${r['end']} [${r['status']}] ${r['label'] ?? ''}${r['author'] ? ` by ${r['author']}` : ''}: ${oneLine(String(r['note'] ?? r['exact']))}`;
      default:
        return `${r['speaker']}${r['type'] ? ` (${r['type']})` : ''}: ${r['quotes']} quotations in ${(r['files'] as string[]).length} articles`;
    }
  });
  return lines.length ? lines.join('\n') + '\n' : `(no ${what})\n`;
}

function oneLine(s: string): string {
  const flat = s.replace(/\s+/g, ' ');
  return flat.length > 120 ? `${flat.slice(0, 117)}...` : flat;
}

export const INDEX_COMMANDS = [
  { spec: INDEX_SPEC, run: runIndex },
  { spec: QUERY_SPEC, run: runQuery },
];
