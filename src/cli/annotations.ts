// CLI subcommands for reviewers' annotations (listed by cli.ts with `analyze` and `help`):
//   news-lens annotations [--json] FILE                      list annotations and where they are now
//   news-lens annotate FILE (--exact T | --start N --end N) --label L   add a note (locked like the editor)
//   news-lens check [--json] [PATH...]                       re-anchor every sidecar under PATHs (CI)
//   news-lens export [--format w3c|csv|markdown] [--bom] FILE  export (src/store/export.ts does the work)
//   news-lens merge-driver BASE OURS THEIRS                  git merge driver for sidecars
// Arguments are parsed by args.ts (one strict parser, -h/--help on every command). Each returns an
// exit code: 0 ok, 1 problems found (check, merge-driver) or unreadable input, 2 usage error.
// This file does only argument handling and I/O.

import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import {
  AnnotationStore,
  CodePointMapper,
  EXPORT_FORMATS,
  FileReadError,
  articlePathFor,
  fileKindOf,
  decodeWarning,
  exportAnnotations,
  isSidecarPath,
  mergeSidecarTexts,
  nodeFileSystem,
  notAFileMessage,
  oneLine,
  readArticleFile,
  sidecarPathFor,
  writeFileAtomic,
} from '../store';
import type { AnchorState, ExportFormat, ResolvedAnnotation, SidecarError, SidecarState, StoreFileSystem } from '../store';
import { UsageError, runCommand } from './args';
import type { CommandIO, CommandSpec } from './args';
import { STDIN_ARG, describeFsError, walkFiles } from './files';
import { forTerminal, jsonForTerminal } from './terminal';
import { TRAINING_FORMATS, isTrainingFormat } from './trainingFormats';
import { runTrainingExport } from './trainingExport';

export type AnnotationsIO = CommandIO;

const STATES: AnchorState[] = ['anchored', 'moved', 'fuzzy', 'needs-review', 'orphaned'];

export interface Loaded {
  articlePath: string;
  text: string;
  store: AnnotationStore;
  resolved: ResolvedAnnotation[];
}

/** Accept either the article or its sidecar path. */
function articleOf(file: string): string {
  return isSidecarPath(file) ? articlePathFor(file) : file;
}

/** Reads the article (a regular file, at most MAX_ARTICLE_BYTES, not binary: see readArticleFile)
 *  and its sidecar. `warn` gets a warning about the article's bytes (invalid UTF-8). */
async function load(file: string, fs: StoreFileSystem, warn?: (message: string) => void): Promise<Loaded> {
  const articlePath = articleOf(file);
  if (!(await fs.stat(articlePath))) throw new Error(`article not found: ${articlePath}`);
  let article;
  try {
    article = await readArticleFile(fs, articlePath);
  } catch (e) {
    if ((e instanceof FileReadError && e.kind === 'directory') || (e as NodeJS.ErrnoException).code === 'EISDIR') {
      throw new Error(`${articlePath} is a folder; name one article (news-lens check ${articlePath} checks every note under a folder)`, { cause: e });
    }
    throw e;
  }
  const warning = decodeWarning(articlePath, article);
  if (warning) warn?.(warning);
  const text = article.text;
  const store = await AnnotationStore.open(fs, articlePath, { text });
  return { articlePath, text, store, resolved: store.resolve(text) };
}

function formatError(file: string, e: SidecarError): string {
  return `${file}:${e.line}:${e.column}: ${e.code === 'conflict' ? 'conflict' : 'error'}: ${e.message}${e.path ? ` [${e.path}]` : ''}`;
}

/** The one article a command works on: `-` is refused (the notes live beside the article). */
function oneArticle(positionals: string[], what: string): string {
  if (positionals.length !== 1) throw new UsageError(positionals.length ? `name only one file (got ${positionals.length})` : 'name the article (or its sidecar)');
  if (positionals[0] === STDIN_ARG) {
    throw new UsageError(`standard input (-) is not supported: ${what} reads the notes from the sidecar beside the article; name the article`);
  }
  return positionals[0]!;
}

const ARTICLE_ARGUMENT: [string, string] = ['FILE', 'the article (x.txt) or its sidecar (x.txt.annotations.yaml)'];

// ---------------------------------------------------------------------------------------------

export const ANNOTATIONS_SPEC: CommandSpec = {
  name: 'annotations',
  synopsis: ['annotations [--json] FILE'],
  summary: "reviewers' notes on an article and where each is now (anchored, moved, fuzzy, needs-review, orphaned)",
  description:
    "Lists the reviewers' notes on an article, each with its id, label, state and where it resolves in\n" +
    'the current text (UTF-16 offsets). Problems in the sidecar are listed with line and column.',
  arguments: [ARTICLE_ARGUMENT],
  options: {
    json: { type: 'boolean', description: 'the sidecar state, its errors and every note as JSON' },
  },
  exitStatus: '0 ok; 1 the article is missing or unreadable, or the sidecar is invalid or conflicted; 2 usage error.',
};

/** `news-lens annotations [--json] FILE`. */
export function runAnnotations(args: string[], io: AnnotationsIO, fs: StoreFileSystem = nodeFileSystem): Promise<number> {
  return runCommand(ANNOTATIONS_SPEC, args, io, async (values, positionals) => {
    const file = oneArticle(positionals, 'annotations');
    let loaded: Loaded;
    try {
      loaded = await load(file, fs, (w) => io.stderr(`news-lens annotations: warning: ${forTerminal(w)}\n`));
    } catch (e) {
      io.stderr(`news-lens annotations: ${forTerminal((e as Error).message)}\n`);
      return 1;
    }
    return printAnnotations(loaded, !!values.json, io);
  });
}

function printAnnotations(loaded: Loaded, json: boolean, io: AnnotationsIO): number {
  const { store, resolved, articlePath } = loaded;
  if (json) {
    const out = {
      file: articlePath,
      sidecar: store.sidecarPath,
      sidecarState: store.state,
      errors: store.errors,
      annotations: resolved.map(({ annotation: a, anchor }) => ({
        id: a.id,
        label: a.label ?? null,
        state: anchor.state,
        start: anchor.start ?? null,
        end: anchor.end ?? null,
        text: anchor.text ?? null,
        exact: a.target.exact,
        note: a.note ?? null,
        author: a.author ?? null,
        created: a.created ?? null,
        status: a.status ?? 'open',
        replies: a.replies?.length ?? 0,
        reason: anchor.reason,
      })),
    };
    io.stdout(jsonForTerminal(JSON.stringify(out, null, 2)) + '\n');
  } else {
    // Notes, labels and ids come from the sidecar: control characters are shown escaped (terminal.ts).
    const say = (line: string) => io.stdout(forTerminal(line) + '\n');
    for (const e of store.errors) say(formatError(store.sidecarPath, e));
    if (store.state === 'missing') say(`${articlePath}: no annotations (${store.sidecarPath} does not exist)`);
    for (const { annotation: a, anchor } of resolved) {
      const where = anchor.start !== undefined ? `${anchor.start}-${anchor.end}` : '-';
      say(`${a.id}  ${a.label ?? '-'}  ${anchor.state}  ${where}  "${oneLine(anchor.text ?? a.target.exact)}"${a.note ? `  ${oneLine(a.note)}` : ''}`);
    }
  }
  return store.readOnly ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------

export const ANNOTATE_SPEC: CommandSpec = {
  name: 'annotate',
  synopsis: ['annotate FILE --exact TEXT --label LABEL [--note TEXT] [--author NAME] [--json]', 'annotate FILE --start N --end N --label LABEL [--note ...] [--author ...] [--json]'],
  summary: 'add a note to an article from a script (through the same store and sidecar lock as the editor)',
  description:
    'Adds one note to the sidecar beside the article and prints its id. The note is on the text given\n' +
    'by --exact (which must occur exactly once in the article) or by --start/--end, counted in Unicode\n' +
    'code points like the start/end of the sidecar (not UTF-16 units: an emoji counts 1), end exclusive.\n' +
    'The sidecar is locked while it is re-read, merged and written (FILE.annotations.yaml.lock), so\n' +
    'several news-lens processes and the editor can add notes to one article at the same time.',
  arguments: [ARTICLE_ARGUMENT],
  options: {
    exact: { type: 'string', valueName: 'TEXT', description: 'the annotated text; must occur exactly once in the article' },
    start: { type: 'string', valueName: 'N', description: 'start offset in code points (with --end, instead of --exact)' },
    end: { type: 'string', valueName: 'N', description: 'end offset in code points, exclusive' },
    label: { type: 'string', valueName: 'LABEL', description: 'the note\'s label (required), e.g. check-fact' },
    note: { type: 'string', valueName: 'TEXT', description: 'the note\'s text' },
    author: { type: 'string', valueName: 'NAME', description: 'who wrote it' },
    json: { type: 'boolean', description: 'print the new note as JSON (id, label, exact, start and end in code points, sidecar)' },
  },
  exitStatus:
    '0 added; 1 the article is missing or unreadable, the sidecar is invalid or conflicted, --exact does not occur ' +
    'exactly once, the offsets are outside the article, or the sidecar stayed locked by another writer; 2 usage error.',
};

function codePointOption(values: Record<string, unknown>, name: string): number | undefined {
  const v = values[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !/^\d+$/.test(v.trim())) throw new UsageError(`--${name} takes a whole number of code points, not "${String(v)}"`);
  return Number(v.trim());
}

/** Every UTF-16 index where `exact` starts in `text` (overlapping matches count). */
function occurrences(text: string, exact: string): number[] {
  const at: number[] = [];
  for (let i = text.indexOf(exact); i >= 0; i = text.indexOf(exact, i + 1)) at.push(i);
  return at;
}

/** `news-lens annotate FILE (--exact TEXT | --start N --end N) --label L [--note T] [--author A] [--json]`. */
export function runAnnotate(args: string[], io: AnnotationsIO, fs: StoreFileSystem = nodeFileSystem): Promise<number> {
  return runCommand(ANNOTATE_SPEC, args, io, async (values, positionals) => {
    const file = oneArticle(positionals, 'annotate');
    const start = codePointOption(values, 'start');
    const end = codePointOption(values, 'end');
    const exact = typeof values.exact === 'string' ? values.exact : undefined;
    if (exact !== undefined && (start !== undefined || end !== undefined)) throw new UsageError('give either --exact or --start and --end, not both');
    if (exact === undefined && (start === undefined || end === undefined)) {
      throw new UsageError(start !== undefined || end !== undefined ? '--start and --end go together' : 'say what to annotate: --exact TEXT, or --start N --end N');
    }
    if (exact === '') throw new UsageError('--exact needs a non-empty text');
    if (start !== undefined && end !== undefined && end <= start) throw new UsageError(`--end (${end}) must be greater than --start (${start})`);
    if (typeof values.label !== 'string') throw new UsageError('--label is required');
    if (!values.label.trim()) throw new UsageError('--label needs a non-empty value');
    const fail = (message: string) => {
      io.stderr(`news-lens annotate: ${forTerminal(message)}\n`);
      return 1;
    };
    let loaded: Loaded;
    try {
      loaded = await load(file, fs, (w) => io.stderr(`news-lens annotate: warning: ${forTerminal(w)}\n`));
    } catch (e) {
      return fail((e as Error).message);
    }
    const { text, store } = loaded;
    if (store.readOnly) {
      for (const e of store.errors) io.stderr(forTerminal(formatError(store.sidecarPath, e)) + '\n');
      return fail(`${store.sidecarPath} is ${store.state} and will not be modified`);
    }
    const mapper = new CodePointMapper(text);
    let range: { start: number; end: number };
    if (exact !== undefined) {
      const at = occurrences(text, exact);
      if (at.length !== 1) {
        return fail(
          `--exact "${oneLine(exact)}" occurs ${at.length} times in ${loaded.articlePath}; it must occur exactly once` +
            (at.length ? ' (use --start/--end, or a longer --exact)' : ''),
        );
      }
      range = { start: at[0]!, end: at[0]! + exact.length };
    } else {
      const length = mapper.toCodePoint(text.length);
      if (end! > length) return fail(`--end ${end} is past the end of ${loaded.articlePath} (${length} code points)`);
      range = { start: mapper.fromCodePoint(start!), end: mapper.fromCodePoint(end!) };
    }
    const fields: { label: string; note?: string; author?: string } = { label: values.label };
    if (typeof values.note === 'string') fields.note = values.note;
    if (typeof values.author === 'string') fields.author = values.author;
    let added;
    try {
      added = store.add(text, range, fields);
      await store.save();
    } catch (e) {
      return fail((e as Error).message);
    }
    if (values.json) {
      const out = {
        id: added.id,
        file: loaded.articlePath,
        sidecar: store.sidecarPath,
        label: added.label,
        note: added.note ?? null,
        author: added.author ?? null,
        created: added.created ?? null,
        exact: added.target.exact,
        start: mapper.toCodePoint(range.start),
        end: mapper.toCodePoint(range.end),
        offsets: 'code points',
      };
      io.stdout(JSON.stringify(out, null, 2) + '\n');
    } else {
      io.stdout(`${added.id}\n`);
    }
    return 0;
  });
}

// ---------------------------------------------------------------------------------------------

const SKIP_DIRS = new Set(['node_modules', 'dist', 'out']);

/** A path `check` was asked about or found that could not be checked (not a regular file…). */
interface Unreadable {
  path: string;
  message: string;
}

/** What `stat` of `p` failing means: a dangling link or a loop is reported (undefined: `p` does not exist). */
async function brokenLink(p: string, err: unknown): Promise<string | undefined> {
  if ((err as NodeJS.ErrnoException).code === 'ELOOP') return `${p} is a loop of symbolic links`;
  const to = await fsp.readlink(p).catch(() => undefined);
  return to === undefined ? undefined : `${p} is a symbolic link to ${to} that does not exist`;
}

/**
 * The sidecars named by `p` (a folder, an article or a sidecar) into `out`; what cannot be checked
 * (a sidecar that is a folder, a FIFO or a device, a link to one, to nothing or in a loop, a folder
 * that cannot be read) into `unreadable`. Throws when `p` itself does not exist.
 */
async function findSidecars(p: string, out: string[], unreadable: Unreadable[]): Promise<void> {
  let st;
  try {
    st = await fsp.stat(p);
  } catch (e) {
    const broken = await brokenLink(p, e);
    if (broken) {
      unreadable.push({ path: p, message: broken });
      return;
    }
    throw new Error(`no such file or directory: ${p}`, { cause: e });
  }
  if (st.isFile()) {
    if (isSidecarPath(p)) out.push(p);
    else {
      const s = sidecarPathFor(p);
      let sst;
      try {
        sst = await fsp.stat(s);
      } catch (e) {
        const broken = await brokenLink(s, e); // undefined: an article without notes
        if (broken) unreadable.push({ path: s, message: broken });
        return;
      }
      if (sst.isFile()) out.push(s);
      else unreadable.push({ path: s, message: notAFileMessage(s, fileKindOf(sst)) });
    }
    return;
  }
  if (!st.isDirectory()) {
    unreadable.push({ path: p, message: notAFileMessage(p, fileKindOf(st)) });
    return;
  }
  try {
    out.push(
      ...(await walkFiles(
        p,
        isSidecarPath,
        (name) => SKIP_DIRS.has(name) || name.startsWith('.'),
        (folder, err) => unreadable.push({ path: folder, message: `cannot read the folder ${folder}: ${describeFsError(err)}` }),
        (path, _kind, message) => unreadable.push({ path, message }),
      )),
    );
  } catch (e) {
    throw new Error(`cannot read ${(e as NodeJS.ErrnoException).path ?? p}: ${(e as Error).message}`, { cause: e });
  }
}

interface CheckFileReport {
  sidecar: string;
  article: string;
  /** `unreadable`: not checked (not a regular file, a broken link, an unreadable article: see `errors`). */
  state: SidecarState | 'no-article' | 'unreadable';
  errors: SidecarError[];
  counts: Record<AnchorState, number>;
  problems: { id: string; state: AnchorState; line?: number; column?: number; exact: string; reason: string }[];
}

export const CHECK_SPEC: CommandSpec = {
  name: 'check',
  synopsis: ['check [--json] [PATH...]'],
  summary: 're-anchor every *.annotations.yaml under PATHs (default .); fails when a note is orphaned or needs review (for CI)',
  description:
    'Re-anchors every note in every sidecar under the PATHs and reports the notes that are orphaned or\n' +
    'need review, and sidecars that are invalid, conflicted or without their article, as\n' +
    'FILE:LINE:COLUMN lines (or one JSON report). A sidecar or article that cannot be checked (a\n' +
    'folder, a device, a FIFO, a symbolic link to nothing or in a loop) is reported, never skipped.\n' +
    'Corrections (`corrections:`) that are orphaned or need review are reported too (not applied).',
  arguments: [['PATH', 'a folder (searched recursively; node_modules, dist, out and dot-folders skipped), an article or a sidecar; default .']],
  options: {
    json: { type: 'boolean', description: 'a JSON report: ok, totals per state, and each file with its errors and problems' },
  },
  exitStatus: '0 every note anchored, moved or fuzzy; 1 a note is orphaned or needs review, a sidecar is invalid, conflicted or without its article, or a sidecar or article could not be checked; 2 usage error or a PATH that does not exist.',
};

/** `news-lens check [--json] [PATH...]`: exit 1 if any note is orphaned/needs review or a sidecar is invalid. */
export function runCheck(args: string[], io: AnnotationsIO, fs: StoreFileSystem = nodeFileSystem): Promise<number> {
  return runCommand(CHECK_SPEC, args, io, async (values, positionals) => {
    if (positionals.includes(STDIN_ARG)) {
      throw new UsageError('standard input (-) is not supported: check reads the sidecars beside the articles; name files or folders');
    }
    const sidecars: string[] = [];
    const unreadable: Unreadable[] = [];
    try {
      for (const p of positionals.length ? positionals : ['.']) await findSidecars(p, sidecars, unreadable);
    } catch (e) {
      io.stderr(`news-lens check: ${forTerminal((e as Error).message)}\n`);
      return 2;
    }
    return checkSidecars(sidecars, unreadable, !!values.json, io, fs);
  });
}

const noCounts = (): Record<AnchorState, number> => ({ anchored: 0, moved: 0, fuzzy: 0, 'needs-review': 0, orphaned: 0 });

async function checkSidecars(sidecars: string[], unreadable: Unreadable[], json: boolean, io: AnnotationsIO, fs: StoreFileSystem): Promise<number> {
  const reports: CheckFileReport[] = [];
  const total: Record<AnchorState, number> = noCounts();
  let failed = false;
  const cannotCheck = (sidecar: string, message: string): void => {
    const article = isSidecarPath(sidecar) ? articlePathFor(sidecar) : sidecar;
    reports.push({ sidecar, article, state: 'unreadable', errors: [{ code: 'io', message, line: 1, column: 1 }], counts: noCounts(), problems: [] });
    failed = true;
  };
  for (const u of unreadable) cannotCheck(u.path, u.message);
  for (const sidecar of [...new Set(sidecars)]) {
    const article = articlePathFor(sidecar);
    const counts: Record<AnchorState, number> = { anchored: 0, moved: 0, fuzzy: 0, 'needs-review': 0, orphaned: 0 };
    const report: CheckFileReport = { sidecar, article, state: 'ok', errors: [], counts, problems: [] };
    reports.push(report);
    if (!(await fs.stat(article))) {
      report.state = 'no-article';
      report.errors.push({ code: 'io', message: `the article ${article} does not exist`, line: 1, column: 1 });
      failed = true;
      continue;
    }
    let loaded: Loaded;
    try {
      loaded = await load(article, fs, (w) => io.stderr(`news-lens check: warning: ${forTerminal(w)}\n`));
    } catch (e) {
      // An article that is a folder, a device, binary…: reported for this sidecar, the others go on.
      const cause = (e as Error).cause;
      reports.pop();
      cannotCheck(sidecar, `cannot read the article: ${(cause instanceof FileReadError ? cause : (e as Error)).message}`);
      continue;
    }
    const { store, resolved } = loaded;
    report.state = store.state;
    report.errors = store.errors;
    if (store.readOnly) failed = true;
    for (const { annotation: a, anchor } of resolved) {
      counts[anchor.state]++;
      total[anchor.state]++;
      if (anchor.state === 'orphaned' || anchor.state === 'needs-review') {
        failed = true;
        const loc = store.locationOf(a.id);
        report.problems.push({ id: a.id, state: anchor.state, ...(loc ?? {}), exact: a.target.exact, reason: anchor.reason });
      }
    }
    for (const { correction: c, anchor } of store.state === 'ok' ? store.resolveCorrections(loaded.text) : []) {
      if (anchor.state !== 'orphaned' && anchor.state !== 'needs-review') continue;
      failed = true;
      const loc = store.correctionLocationOf(c.id);
      report.problems.push({ id: c.id, state: anchor.state, ...(loc ?? {}), exact: c.target.exact, reason: `correction not applied: ${anchor.reason}` });
    }
  }
  if (json) {
    io.stdout(jsonForTerminal(JSON.stringify({ ok: !failed, totals: total, files: reports }, null, 2)) + '\n');
  } else {
    const say = (line: string) => io.stdout(forTerminal(line) + '\n');
    for (const r of reports) {
      for (const e of r.errors) say(formatError(r.sidecar, e));
      for (const p of r.problems) say(`${r.sidecar}:${p.line ?? 1}:${p.column ?? 1}: ${p.state}: ${p.id} "${oneLine(p.exact)}" (${p.reason})`);
    }
    const notChecked = reports.filter((r) => r.state === 'unreadable').length;
    const invalid = reports.filter((r) => r.state !== 'ok' && r.state !== 'missing' && r.state !== 'unreadable').length;
    const n = STATES.reduce((s, k) => s + total[k], 0);
    io.stdout(
      `checked ${reports.length - notChecked} annotation file(s), ${n} note(s): ` +
        STATES.map((k) => `${total[k]} ${k}`).join(', ') +
        (invalid ? `; ${invalid} file(s) invalid or conflicted` : '') +
        (notChecked ? `; ${notChecked} could not be checked` : '') +
        '\n',
    );
  }
  return failed ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------

const FORMAT_ALIASES: Record<string, ExportFormat> = { md: 'markdown' };

export const EXPORT_SPEC: CommandSpec = {
  name: 'export',
  synopsis: ['export [--format w3c|csv|markdown] [--bom] FILE', 'export --format spacy|conll|brat FILE'],
  summary: 'export the notes on an article: W3C Web Annotation JSON-LD, CSV for spreadsheets, or a Markdown review report',
  description:
    'Writes the notes on FILE to standard output. CSV cells that a spreadsheet would run as a formula\n' +
    "(starting with =, +, -, @, tab or carriage return) get a leading ' so they stay text.\n" +
    "With spacy, conll or brat: the article's corrected analysis as training data (docs/learning.md).",
  arguments: [ARTICLE_ARGUMENT],
  options: {
    format: {
      type: 'string',
      valueName: 'FORMAT',
      description: `w3c (default: a W3C Web Annotation collection, JSON-LD), csv (RFC 4180, one row per note), or markdown (md); training data from the article's corrected analysis: ${TRAINING_FORMATS.join(', ')} (see docs/learning.md)`,
    },
    bom: { type: 'boolean', description: 'with --format csv: start with a UTF-8 byte order mark, so Excel reads accents and quotes correctly' },
  },
  exitStatus: '0 ok; 1 the article is missing or unreadable, or the sidecar is invalid or conflicted (what could be read is still exported); 2 usage error.',
};

/** `news-lens export [--format w3c|csv|markdown] [--bom] FILE`. */
export function runExport(args: string[], io: AnnotationsIO, fs: StoreFileSystem = nodeFileSystem): Promise<number> {
  return runCommand(EXPORT_SPEC, args, io, async (values, positionals) => {
    const name = typeof values.format === 'string' ? values.format : 'w3c';
    if (isTrainingFormat(name)) {
      if (values.bom) throw new UsageError('--bom goes with --format csv only');
      return runTrainingExport(name, oneArticle(positionals, 'export'), io);
    }
    const format = (EXPORT_FORMATS as readonly string[]).includes(name) ? (name as ExportFormat) : FORMAT_ALIASES[name];
    if (!format) throw new UsageError(`unknown format "${name}" (expected ${[...EXPORT_FORMATS, ...TRAINING_FORMATS].join(', ')})`);
    if (values.bom && format !== 'csv') throw new UsageError('--bom goes with --format csv only');
    const file = oneArticle(positionals, 'export');
    let loaded: Loaded;
    try {
      loaded = await load(file, fs, (w) => io.stderr(`news-lens export: warning: ${forTerminal(w)}\n`));
    } catch (e) {
      io.stderr(`news-lens export: ${forTerminal((e as Error).message)}\n`);
      return 1;
    }
    const { articlePath, text, resolved, store } = loaded;
    for (const e of store.errors) io.stderr(forTerminal(formatError(store.sidecarPath, e)) + '\n');
    const input = { source: path.basename(articlePath), text, resolved, sidecarPath: store.sidecarPath, errors: store.errors };
    io.stdout(exportAnnotations(format, input, { bom: !!values.bom }));
    return store.readOnly ? 1 : 0;
  });
}

// ---------------------------------------------------------------------------------------------

/**
 * `news-lens merge-driver %O %A %B`: git merge driver for sidecars. Merges by annotation id and
 * writes the result to OURS (%A). Exit 0 when clean; 1 when a person must look (each case on
 * stderr, and git marks the file conflicted): a field changed differently on both sides (both
 * versions of the note are left between conflict markers), a note or reply deleted on one side and
 * changed on the other (kept with the change), or a side is unreadable (conflict markers around
 * both whole versions). News Lens reports a file with markers as conflicted and never writes it.
 *   .gitattributes:  *.annotations.yaml merge=news-lens
 *   git config merge.news-lens.driver "news-lens merge-driver %O %A %B"
 */
export const MERGE_DRIVER_SPEC: CommandSpec = {
  name: 'merge-driver',
  synopsis: ['merge-driver BASE OURS THEIRS'],
  summary: 'git merge driver for *.annotations.yaml (merges by note id; writes OURS)',
  description:
    'Merges two versions of a sidecar by note id and writes the result to OURS, as git expects.\n' +
    'Set it up once per repository:\n' +
    '  .gitattributes:  *.annotations.yaml merge=news-lens\n' +
    '  git config merge.news-lens.driver "news-lens merge-driver %O %A %B"',
  arguments: [
    ['BASE', "the common ancestor's version (git's %O)"],
    ['OURS', 'our version, replaced by the merge (git\'s %A)'],
    ['THEIRS', "their version (git's %B)"],
  ],
  options: {},
  exitStatus: '0 merged cleanly; 1 conflicts, listed on standard error: a note changed differently on both sides (OURS gets both versions between conflict markers), a note or reply deleted on one side and changed on the other (kept, with the change), or a side is not a valid sidecar (OURS gets conflict markers around both files); 2 usage error or an unreadable file.',
};

export function runMergeDriver(args: string[], io: AnnotationsIO, fs: StoreFileSystem = nodeFileSystem): Promise<number> {
  return runCommand(MERGE_DRIVER_SPEC, args, io, async (_values, positionals) => {
    if (positionals.length !== 3) throw new UsageError(`expected BASE OURS THEIRS (got ${positionals.length} argument(s))`);
    if (positionals.includes(STDIN_ARG)) throw new UsageError('standard input (-) is not supported: git passes three file paths');
    return mergeDriver(positionals as [string, string, string], io, fs);
  });
}

async function mergeDriver([basePath, oursPath, theirsPath]: [string, string, string], io: AnnotationsIO, fs: StoreFileSystem): Promise<number> {
  const read = async (p: string): Promise<string> =>
    (await fs.stat(p)) ? Buffer.from(await fs.readFile(p)).toString('utf8') : '';
  let base: string;
  let ours: string;
  let theirs: string;
  try {
    [base, ours, theirs] = await Promise.all([read(basePath), read(oursPath), read(theirsPath)]);
  } catch (e) {
    io.stderr(`news-lens merge-driver: ${(e as Error).message}\n`);
    return 2;
  }
  const result = mergeSidecarTexts(base, ours, theirs);
  if (result.merged === undefined) {
    io.stderr(`news-lens merge-driver: cannot merge by id (${result.error}); leaving conflict markers\n`);
    const nl = (s: string): string => (s.endsWith('\n') || s === '' ? s : s + '\n');
    const marked = `<<<<<<< ours\n${nl(ours)}=======\n${nl(theirs)}>>>>>>> theirs\n`;
    await writeFileAtomic(fs, oursPath, new TextEncoder().encode(marked));
    return 1;
  }
  if (result.merged !== ours) await writeFileAtomic(fs, oursPath, new TextEncoder().encode(result.merged));
  for (const c of result.conflicts) io.stderr(`news-lens merge-driver: ${c}\n`);
  return result.conflicts.length ? 1 : 0;
}

/** The annotation commands, for cli.ts to list and dispatch. */
export const ANNOTATION_COMMANDS: readonly { spec: CommandSpec; run: (args: string[], io: AnnotationsIO) => Promise<number> }[] = [
  { spec: ANNOTATIONS_SPEC, run: (args, io) => runAnnotations(args, io) },
  { spec: ANNOTATE_SPEC, run: (args, io) => runAnnotate(args, io) },
  { spec: CHECK_SPEC, run: (args, io) => runCheck(args, io) },
  { spec: EXPORT_SPEC, run: (args, io) => runExport(args, io) },
  { spec: MERGE_DRIVER_SPEC, run: (args, io) => runMergeDriver(args, io) },
];
