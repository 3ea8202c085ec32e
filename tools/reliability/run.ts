// npx tsx tools/reliability/run.ts [--quick] [--out docs/reliability.md] [--only ITEM[,ITEM…]]
// (npm run reliability)
//
// The reliability table of issue 18: builds dist/, copies dist/cli.js to a temp folder (the program
// under test does not change if dist/ is rebuilt meanwhile), loads every tools/reliability/cases/*.ts
// (each exports `cases: ReliabilityCase[]`, see types.ts) and runs each case in a fresh temp folder
// within its own time bound. The cases of one file run in one worker process (worker.ts) started in
// a process group of its own: a case that overruns its bound is a failed row, and the worker and
// every process it started are killed (SIGKILL to the group), then a new worker goes on with the next
// case; processes a finished case left behind are killed too. Writes the table to --out (default
// docs/reliability.md; with --only, only when --out is given) and prints it. Exit 1 if any case failed.
import { execFileSync, fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import type { CaseContext, CaseResult } from './types';
import type { WorkerMessage } from './worker';

const ROOT = join(__dirname, '..', '..');
const CASES_DIR = join(__dirname, 'cases');

/** Issue 18's items, for the table's first column. */
const ITEMS: Record<number, string> = {
  1: 'two writers',
  2: 'merge driver',
  3: 'writes keep',
  4: 'non-regular files',
  5: 'check DIR',
  6: 'quadratic work',
  7: 'silent wrong',
  8: 'escaping',
  9: 're-anchoring',
  10: 'load speed',
  11: 'first colours',
  12: 'batch --jobs',
  13: 'annotate CLI',
};

interface Row {
  file: string;
  item: number;
  tried: string;
  timeoutMs: number;
  count: number;
  result: string;
  ok: boolean;
  ms: number;
}

/** Process ids in process group `pgid` other than `except` (Linux /proc; empty elsewhere). */
function groupMembers(pgid: number, except: number): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  const out: number[] = [];
  for (const e of entries) {
    if (!/^\d+$/.test(e) || Number(e) === except) continue;
    try {
      const stat = readFileSync(`/proc/${e}/stat`, 'utf8');
      // pid (comm) state ppid pgrp …: comm may hold spaces and parentheses, so count after the last ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === pgid) out.push(Number(e));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** Runs one cases file; yields a row per case. */
class FileRunner {
  private worker: ChildProcess | undefined;
  private listener: ((m: WorkerMessage) => void) | undefined;
  private exitListener: ((code: number | null, signal: NodeJS.Signals | null) => void) | undefined;

  constructor(private readonly file: string) {}

  /** Starts a worker and waits for its list of cases. */
  async start(): Promise<{ item: number; tried: string; timeoutMs: number }[]> {
    const worker = fork(join(__dirname, 'worker.ts'), [this.file], {
      cwd: ROOT,
      execArgv: ['--import', 'tsx'],
      detached: true, // a process group of its own: killed as a whole
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.worker = worker;
    worker.on('message', (m: WorkerMessage) => this.listener?.(m));
    worker.on('exit', (code, signal) => this.exitListener?.(code, signal));
    const first = await this.next(60_000);
    if (first === 'timeout') throw new Error('the cases file did not load within 60 s');
    if (first.type === 'load-error') throw new Error(first.error);
    if (first.type !== 'loaded') throw new Error(`unexpected first message ${first.type}`);
    return first.cases;
  }

  private next(timeoutMs: number): Promise<WorkerMessage | 'timeout'> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => done('timeout'), timeoutMs);
      const done = (v: WorkerMessage | 'timeout') => {
        clearTimeout(timer);
        this.listener = undefined;
        this.exitListener = undefined;
        resolve(v);
      };
      this.listener = done;
      this.exitListener = (code, signal) => done({ type: 'load-error', error: `the worker exited (${signal ?? `code ${code}`})` });
    });
  }

  async run(index: number, ctx: CaseContext, timeoutMs: number): Promise<{ result: CaseResult; error?: string; timedOut?: boolean }> {
    const worker = this.worker!;
    const answer = this.next(timeoutMs);
    worker.send({ index, ctx });
    const m = await answer;
    if (m === 'timeout') {
      this.stop();
      return { result: { ok: false, count: 0, result: `exceeded its bound of ${timeoutMs / 1000} s; killed with every process it started` }, timedOut: true };
    }
    // Anything the case left running (a child without its own time-out) is killed now.
    for (const pid of groupMembers(worker.pid!, worker.pid!)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
    if (m.type === 'result') return { result: m.result };
    if (m.type === 'error') return { result: { ok: false, count: 0, result: `threw: ${firstLine(m.error)}` }, error: m.error };
    this.stop();
    return { result: { ok: false, count: 0, result: firstLine(m.type === 'load-error' ? m.error : m.type) }, error: m.type };
  }

  get alive(): boolean {
    return this.worker !== undefined;
  }

  stop(): void {
    if (this.worker?.pid) killGroup(this.worker.pid);
    this.worker?.disconnect?.();
    this.worker = undefined;
  }
}

function firstLine(s: string): string {
  return s.split('\n')[0]!.slice(0, 200);
}

/** Markdown table cell: no pipes or newlines. */
function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function seconds(ms: number): string {
  return ms >= 10_000 ? `${(ms / 1000).toFixed(0)} s` : `${(ms / 1000).toFixed(1)} s`;
}

function render(rows: Row[], opts: { quick: boolean; started: Date; totalMs: number; boundMs: number }): string {
  const passed = rows.filter((r) => r.ok).length;
  const sorted = rows.slice().sort((a, b) => a.item - b.item);
  const lines = [
    '# Reliability table',
    '',
    "What News Lens does with hostile or careless input and under concurrency (issue 18): each row is a",
    'case that tries something and checks, for real, the behaviour the issue requires (nothing lost, a',
    'clear error in time, or the right answer). The cases live in `tools/reliability/cases/*.ts`; this',
    'file is written by the runner, which builds `dist/cli.js` and runs each case against a copy of it,',
    'in a fresh temp folder, within the case\'s time bound (a case over its bound is a failed row, and',
    'every process it started is killed).',
    '',
    '```',
    `npm run reliability            # npx tsx tools/reliability/run.ts [--quick] [--out FILE] [--only ITEM]`,
    '```',
    '',
    `- Generated ${opts.started.toISOString().replace(/\.\d+Z$/, 'Z')}${opts.quick ? ' with `--quick` (3 concurrency trials instead of 10)' : ''}; ` +
      `${cpus().length} cores, Node ${process.version}, ${process.platform}; load average ${loadavg()[0]!.toFixed(1)} at the end ` +
      '(the machine may have been shared: times are indicative).',
    `- ${rows.length} cases, ${passed} passed, ${rows.length - passed} failed; the run took ${seconds(opts.totalMs)}.`,
    `- Bounded: the run takes at most the sum of the case bounds (${seconds(opts.boundMs)} here) plus the build. ` +
      'The concurrency trials dominate: each trial is 200 `news-lens annotate` processes, about 0.1 s of CPU each, so about 15 s ' +
      'on an idle 2-core machine (the full run then takes about 3 minutes, `--quick` about 1.5), and minutes on a busy one; ' +
      'the other cases take a second or two each.',
    '',
    '| item | what was tried | how many | result | time | ok |',
    '|---|---|---|---|---|---|',
    ...sorted.map((r) => `| ${r.item} ${ITEMS[r.item] ?? ''} | ${cell(r.tried)} | ${r.count} | ${cell(r.result)} | ${seconds(r.ms)} | ${r.ok ? '✓' : '✗'} |`),
    '',
  ];
  return lines.join('\n');
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { quick: { type: 'boolean' }, out: { type: 'string' }, only: { type: 'string' } },
    strict: true,
  });
  const quick = !!values.quick;
  const only = values.only?.split(',').map((s) => Number(s.trim()));
  if (only?.some((n) => !Number.isInteger(n))) throw new Error('--only takes item numbers, e.g. --only 4 or --only 4,5,7');
  const out = values.out ?? (only ? undefined : join('docs', 'reliability.md'));
  const started = new Date();
  const t0 = Date.now();
  execFileSync(process.execPath, ['esbuild.mjs', '--quiet'], { cwd: ROOT, stdio: 'inherit' });
  const cliDir = mkdtempSync(join(tmpdir(), 'newslens-reliability-cli-'));
  const cli = join(cliDir, 'cli.js');
  copyFileSync(join(ROOT, 'dist', 'cli.js'), cli);

  const files = readdirSync(CASES_DIR).filter((f) => f.endsWith('.ts')).sort();
  const rows: Row[] = [];
  let boundMs = 0;
  let current: FileRunner | undefined;
  const interrupted = () => {
    current?.stop();
    process.exit(130);
  };
  process.on('SIGINT', interrupted);
  process.on('SIGTERM', interrupted);
  for (const f of files) {
    const file = join(CASES_DIR, f);
    let runner = new FileRunner(file);
    current = runner;
    let list;
    try {
      list = await runner.start();
    } catch (e) {
      runner.stop();
      rows.push({ file: f, item: 0, tried: `load ${f}`, timeoutMs: 0, count: 0, result: firstLine((e as Error).message), ok: false, ms: 0 });
      console.error(`✗ ${f}: ${(e as Error).message}`);
      continue;
    }
    for (let i = 0; i < list.length; i++) {
      const c = list[i]!;
      if (only && !only.includes(c.item)) continue;
      if (!runner.alive) {
        // The last case overran its bound (or killed its worker): a fresh worker for the rest.
        runner = new FileRunner(file);
        current = runner;
        await runner.start();
      }
      const dir = mkdtempSync(join(tmpdir(), 'newslens-reliability-'));
      const ctx: CaseContext = { cli, dir, root: ROOT, quick };
      const s = Date.now();
      const { result, error } = await runner.run(i, ctx, c.timeoutMs);
      const ms = Date.now() - s;
      boundMs += c.timeoutMs;
      rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
      const row: Row = { file: f, item: c.item, tried: c.tried, timeoutMs: c.timeoutMs, count: result.count, result: result.result, ok: result.ok === true, ms };
      rows.push(row);
      console.error(`${row.ok ? '✓' : '✗'} [${c.item}] ${c.tried}: ${result.result} (${seconds(ms)})`);
      if (error) console.error(error);
    }
    runner.stop();
    current = undefined;
  }
  rmSync(cliDir, { recursive: true, force: true });
  const table = render(rows, { quick, started, totalMs: Date.now() - t0, boundMs });
  if (out) {
    writeFileSync(join(ROOT, out), table);
    console.error(`wrote ${relative(ROOT, join(ROOT, out))}`);
  } else {
    process.stdout.write(table);
  }
  const failed = rows.filter((r) => !r.ok).length;
  console.error(`${rows.length} cases, ${rows.length - failed} passed, ${failed} failed, ${seconds(Date.now() - t0)}`);
  return failed ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    console.error(err);
    process.exitCode = 1;
  },
);
