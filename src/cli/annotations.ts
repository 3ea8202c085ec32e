// CLI subcommands for reviewers' annotations (wired into cli.ts by `main`):
//   news-lens annotations FILE [--json]                  list annotations and where they are now
//   news-lens check [--json] [PATH...]                   re-anchor every sidecar under PATHs (CI)
//   news-lens export FILE --format w3c|csv|markdown      export (W3C Web Annotation, CSV, Markdown)
// Each returns an exit code: 0 ok, 1 problems found (check) or unreadable input, 2 usage error.

import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import {
  AnnotationStore,
  CodePointMapper,
  articlePathFor,
  isSidecarPath,
  mergeSidecarTexts,
  nodeFileSystem,
  sidecarPathFor,
  writeFileAtomic,
} from '../store';
import type { AnchorState, ResolvedAnnotation, SidecarError, SidecarState, StoreFileSystem } from '../store';

export interface AnnotationsIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

export const ANNOTATIONS_USAGE = `  news-lens annotations FILE [--json]      reviewers' notes on FILE and where each is now (anchored, moved, fuzzy, needs-review, orphaned)
  news-lens check [--json] [PATH...]       re-anchor every *.annotations.yaml under PATHs (default .); exit 1 if any note is orphaned or needs review, or a file is invalid
  news-lens export FILE --format w3c|csv|markdown   export the notes on FILE (W3C Web Annotation JSON-LD, CSV, Markdown review report)
  news-lens merge-driver BASE OURS THEIRS  git merge driver for *.annotations.yaml (merges by note id; writes OURS)
`;

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

async function load(file: string, fs: StoreFileSystem): Promise<Loaded> {
  const articlePath = articleOf(file);
  if (!(await fs.stat(articlePath))) throw new Error(`article not found: ${articlePath}`);
  const text = Buffer.from(await fs.readFile(articlePath)).toString('utf8').replace(/^\ufeff/, '');
  const store = await AnnotationStore.open(fs, articlePath, { text });
  return { articlePath, text, store, resolved: store.resolve(text) };
}

function parseArgs(args: string[], known: Record<string, 'flag' | 'value'>): { flags: Map<string, string>; rest: string[]; error?: string } {
  const flags = new Map<string, string>();
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      rest.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq >= 0 ? a.slice(0, eq) : a;
      const kind = known[name];
      if (!kind) return { flags, rest, error: `unknown option ${name}` };
      if (kind === 'flag') flags.set(name, '');
      else if (eq >= 0) flags.set(name, a.slice(eq + 1));
      else if (i + 1 < args.length) flags.set(name, args[++i]!);
      else return { flags, rest, error: `${name} needs a value` };
    } else rest.push(a);
  }
  return { flags, rest };
}

function formatError(file: string, e: SidecarError): string {
  return `${file}:${e.line}:${e.column}: ${e.code === 'conflict' ? 'conflict' : 'error'}: ${e.message}${e.path ? ` [${e.path}]` : ''}`;
}

function oneLine(s: string, max = 60): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

// ---------------------------------------------------------------------------------------------

/** `news-lens annotations FILE [--json]`. */
export async function runAnnotations(args: string[], io: AnnotationsIO, fs: StoreFileSystem = nodeFileSystem): Promise<number> {
  const { flags, rest, error } = parseArgs(args, { '--json': 'flag' });
  if (error || rest.length !== 1) {
    io.stderr(`news-lens annotations: ${error ?? 'name exactly one file'}\nUsage:\n${ANNOTATIONS_USAGE}`);
    return 2;
  }
  let loaded: Loaded;
  try {
    loaded = await load(rest[0]!, fs);
  } catch (e) {
    io.stderr(`news-lens annotations: ${(e as Error).message}\n`);
    return 1;
  }
  const { store, resolved, articlePath } = loaded;
  if (flags.has('--json')) {
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
    io.stdout(JSON.stringify(out, null, 2) + '\n');
  } else {
    for (const e of store.errors) io.stdout(formatError(store.sidecarPath, e) + '\n');
    if (store.state === 'missing') io.stdout(`${articlePath}: no annotations (${store.sidecarPath} does not exist)\n`);
    for (const { annotation: a, anchor } of resolved) {
      const where = anchor.start !== undefined ? `${anchor.start}-${anchor.end}` : '-';
      io.stdout(`${a.id}  ${a.label ?? '-'}  ${anchor.state}  ${where}  "${oneLine(anchor.text ?? a.target.exact)}"${a.note ? `  ${oneLine(a.note)}` : ''}\n`);
    }
  }
  return store.readOnly ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------

const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'out', '.vscode-test']);

async function findSidecars(p: string, out: string[]): Promise<void> {
  let st;
  try {
    st = await fsp.stat(p);
  } catch {
    throw new Error(`no such file or directory: ${p}`);
  }
  if (st.isFile()) {
    if (isSidecarPath(p)) out.push(p);
    else {
      const s = sidecarPathFor(p);
      try {
        if ((await fsp.stat(s)).isFile()) out.push(s);
      } catch {
        // an article without notes
      }
    }
    return;
  }
  if (!st.isDirectory()) return;
  const entries = await fsp.readdir(p, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const full = path.join(p, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name) && !e.name.startsWith('.')) await findSidecars(full, out);
    } else if (e.isFile() && isSidecarPath(e.name)) out.push(full);
  }
}

interface CheckFileReport {
  sidecar: string;
  article: string;
  state: SidecarState | 'no-article';
  errors: SidecarError[];
  counts: Record<AnchorState, number>;
  problems: { id: string; state: AnchorState; line?: number; column?: number; exact: string; reason: string }[];
}

/** `news-lens check [--json] [PATH...]`: exit 1 if any note is orphaned/needs review or a sidecar is invalid. */
export async function runCheck(args: string[], io: AnnotationsIO, fs: StoreFileSystem = nodeFileSystem): Promise<number> {
  const { flags, rest, error } = parseArgs(args, { '--json': 'flag' });
  if (error) {
    io.stderr(`news-lens check: ${error}\nUsage:\n${ANNOTATIONS_USAGE}`);
    return 2;
  }
  const sidecars: string[] = [];
  try {
    for (const p of rest.length ? rest : ['.']) await findSidecars(p, sidecars);
  } catch (e) {
    io.stderr(`news-lens check: ${(e as Error).message}\n`);
    return 2;
  }
  const reports: CheckFileReport[] = [];
  const total: Record<AnchorState, number> = { anchored: 0, moved: 0, fuzzy: 0, 'needs-review': 0, orphaned: 0 };
  let failed = false;
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
    const { store, resolved } = await load(article, fs);
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
  }
  if (flags.has('--json')) {
    io.stdout(JSON.stringify({ ok: !failed, totals: total, files: reports }, null, 2) + '\n');
  } else {
    for (const r of reports) {
      for (const e of r.errors) io.stdout(formatError(r.sidecar, e) + '\n');
      for (const p of r.problems) {
        io.stdout(`${r.sidecar}:${p.line ?? 1}:${p.column ?? 1}: ${p.state}: ${p.id} "${oneLine(p.exact)}" (${p.reason})\n`);
      }
    }
    const invalid = reports.filter((r) => r.state !== 'ok' && r.state !== 'missing').length;
    const n = STATES.reduce((s, k) => s + total[k], 0);
    io.stdout(
      `checked ${reports.length} annotation file(s), ${n} note(s): ` +
        STATES.map((k) => `${total[k]} ${k}`).join(', ') +
        (invalid ? `; ${invalid} file(s) invalid or conflicted` : '') +
        '\n',
    );
  }
  return failed ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------

/** `news-lens export FILE --format w3c|csv|markdown`. */
export async function runExport(args: string[], io: AnnotationsIO, fs: StoreFileSystem = nodeFileSystem): Promise<number> {
  const { flags, rest, error } = parseArgs(args, { '--format': 'value' });
  const format = flags.get('--format') ?? 'w3c';
  if (error || rest.length !== 1 || !['w3c', 'csv', 'markdown', 'md'].includes(format)) {
    io.stderr(`news-lens export: ${error ?? (rest.length !== 1 ? 'name exactly one file' : `unknown format "${format}"`)}\nUsage:\n${ANNOTATIONS_USAGE}`);
    return 2;
  }
  let loaded: Loaded;
  try {
    loaded = await load(rest[0]!, fs);
  } catch (e) {
    io.stderr(`news-lens export: ${(e as Error).message}\n`);
    return 1;
  }
  for (const e of loaded.store.errors) io.stderr(formatError(loaded.store.sidecarPath, e) + '\n');
  if (format === 'w3c') io.stdout(JSON.stringify(toW3C(loaded), null, 2) + '\n');
  else if (format === 'csv') io.stdout(toCsv(loaded));
  else io.stdout(toMarkdown(loaded));
  return loaded.store.readOnly ? 1 : 0;
}

/** W3C Web Annotation Data Model (JSON-LD): an AnnotationCollection with one page. */
export function toW3C({ articlePath, text, resolved }: Loaded): Record<string, unknown> {
  const mapper = new CodePointMapper(text);
  const source = path.basename(articlePath);
  const items = resolved.map(({ annotation: a, anchor }) => {
    const selectors: Record<string, unknown>[] = [];
    const quote: Record<string, unknown> = { type: 'TextQuoteSelector', exact: anchor.text ?? a.target.exact };
    if (anchor.start === undefined || anchor.state === 'anchored') {
      if (a.target.prefix !== undefined) quote.prefix = a.target.prefix;
      if (a.target.suffix !== undefined) quote.suffix = a.target.suffix;
    } else {
      const pre = text.slice(Math.max(0, anchor.start - 32), anchor.start);
      const suf = text.slice(anchor.end!, anchor.end! + 32);
      if (pre) quote.prefix = pre;
      if (suf) quote.suffix = suf;
    }
    selectors.push(quote);
    if (anchor.start !== undefined && anchor.end !== undefined) {
      // TextPositionSelector counts code points.
      selectors.push({ type: 'TextPositionSelector', start: mapper.toCodePoint(anchor.start), end: mapper.toCodePoint(anchor.end) });
    }
    const body: Record<string, unknown>[] = [];
    if (a.note !== undefined) body.push({ type: 'TextualBody', value: a.note, format: 'text/plain', purpose: 'commenting' });
    if (a.label !== undefined) body.push({ type: 'TextualBody', value: a.label, purpose: 'tagging' });
    for (const r of a.replies ?? []) {
      const rb: Record<string, unknown> = { type: 'TextualBody', value: r.body, format: 'text/plain', purpose: 'replying' };
      if (r.author !== undefined) rb.creator = { type: 'Person', name: r.author };
      if (r.created !== undefined) rb.created = r.created;
      body.push(rb);
    }
    const item: Record<string, unknown> = {
      id: `urn:news-lens:annotation:${encodeURIComponent(a.id)}`,
      type: 'Annotation',
      motivation: a.note !== undefined ? 'commenting' : 'tagging',
    };
    if (a.created !== undefined) item.created = a.created;
    if (a.updated !== undefined) item.modified = a.updated;
    if (a.author !== undefined) item.creator = { type: 'Person', name: a.author };
    if (body.length) item.body = body.length === 1 ? body[0] : body;
    item.target = { source, selector: selectors.length === 1 ? selectors[0] : selectors };
    item['newsLens:state'] = anchor.state;
    if (a.status !== undefined) item['newsLens:status'] = a.status;
    return item;
  });
  return {
    '@context': ['http://www.w3.org/ns/anno.jsonld', { newsLens: 'urn:news-lens:vocab#' }],
    id: `urn:news-lens:collection:${encodeURIComponent(source)}`,
    type: 'AnnotationCollection',
    label: `News Lens annotations for ${source}`,
    total: items.length,
    first: { type: 'AnnotationPage', startIndex: 0, items },
  };
}

/** RFC 4180 field quoting. */
export function csvField(v: unknown): string {
  const s = v === undefined || v === null ? '' : String(v);
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv({ resolved }: Loaded): string {
  const header = ['id', 'label', 'state', 'start', 'end', 'exact', 'found', 'note', 'author', 'created', 'status', 'replies'];
  const rows = resolved.map(({ annotation: a, anchor }) => [
    a.id,
    a.label,
    anchor.state,
    anchor.start,
    anchor.end,
    a.target.exact,
    anchor.text,
    a.note,
    a.author,
    a.created,
    a.status ?? 'open',
    (a.replies ?? []).map((r) => `${r.author ?? 'anonymous'}: ${r.body}`).join('\n'),
  ]);
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

function mdEscape(s: string): string {
  return s.replace(/([\\`*_[\]<>|#])/g, '\\$1');
}

export function toMarkdown({ articlePath, store, resolved }: Loaded): string {
  const name = path.basename(articlePath);
  const counts: Record<AnchorState, number> = { anchored: 0, moved: 0, fuzzy: 0, 'needs-review': 0, orphaned: 0 };
  for (const r of resolved) counts[r.anchor.state]++;
  const lines: string[] = [`# Review report: ${mdEscape(name)}`, ''];
  lines.push(`${resolved.length} note(s): ${STATES.filter((k) => counts[k]).map((k) => `${counts[k]} ${k}`).join(', ') || 'none'}.`, '');
  for (const e of store.errors) lines.push(`> **Warning:** ${mdEscape(store.sidecarPath)} line ${e.line}, column ${e.column}: ${mdEscape(e.message)}`, '');
  resolved.forEach(({ annotation: a, anchor }, i) => {
    const flag = anchor.state === 'anchored' || anchor.state === 'moved' ? '' : ` — **${anchor.state}**`;
    lines.push(`## ${i + 1}. ${mdEscape(a.label ?? 'note')}${flag}`, '');
    for (const l of (anchor.text ?? a.target.exact).split(/\r?\n/)) lines.push(`> ${mdEscape(l)}`);
    lines.push('');
    if (anchor.state === 'fuzzy' || anchor.state === 'needs-review' || anchor.state === 'orphaned') {
      if ((anchor.text ?? '') !== a.target.exact) lines.push(`Originally: “${mdEscape(oneLine(a.target.exact, 200))}” (${anchor.reason})`, '');
    }
    if (a.note) lines.push(mdEscape(a.note), '');
    const meta = [a.author && `by ${mdEscape(a.author)}`, a.created, a.status === 'resolved' ? 'resolved' : undefined, `id \`${a.id}\``].filter(Boolean);
    lines.push(`*${meta.join(' · ')}*`, '');
    for (const r of a.replies ?? []) lines.push(`- **${mdEscape(r.author ?? 'anonymous')}**${r.created ? ` (${r.created})` : ''}: ${mdEscape(r.body)}`);
    if (a.replies?.length) lines.push('');
  });
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------

/**
 * `news-lens merge-driver %O %A %B`: git merge driver for sidecars. Merges by annotation id and
 * writes the result to OURS (%A). Exit 0 when clean; 1 when a choice had to be made (listed on
 * stderr; the merged file keeps our side for those fields) or a side is unreadable (then OURS gets
 * ordinary conflict markers around both versions, which News Lens reports as conflicted).
 *   .gitattributes:  *.annotations.yaml merge=news-lens
 *   git config merge.news-lens.driver "news-lens merge-driver %O %A %B"
 */
export async function runMergeDriver(args: string[], io: AnnotationsIO, fs: StoreFileSystem = nodeFileSystem): Promise<number> {
  if (args.length !== 3) {
    io.stderr(`news-lens merge-driver: expected BASE OURS THEIRS\nUsage:\n${ANNOTATIONS_USAGE}`);
    return 2;
  }
  const [basePath, oursPath, theirsPath] = args as [string, string, string];
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

/** Subcommands for `main` in cli.ts to dispatch: `ANNOTATION_COMMANDS[command]?.(rest, io)`. */
export const ANNOTATION_COMMANDS: Readonly<Record<string, (args: string[], io: AnnotationsIO) => Promise<number>>> = {
  annotations: (args, io) => runAnnotations(args, io),
  check: (args, io) => runCheck(args, io),
  export: (args, io) => runExport(args, io),
  'merge-driver': (args, io) => runMergeDriver(args, io),
};
