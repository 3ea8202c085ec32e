// Bench section `index`: the workspace index (issue 17) on a generated corpus of 2,000 articles
// (corpus.ts, from seeds/ only): a full index as a whole `news-lens index --jobs 2` process, an
// unchanged re-run, one changed article (whole process, and in-process as the editor does it),
// query answers inside the process and as whole CLI processes, and the heap of a process that
// indexes the corpus in-process with two worker threads (what the extension host would hold).
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateCorpus } from './corpus';
import type { BenchRow, BenchSection } from './types';
import { WorkspaceIndex, WorkerRunner, inlineRunner, updateIndex } from '../../src/workspace';
import { version } from '../../package.json';

const ROOT = path.join(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const ARTICLES = 2000;
const MEAN_BYTES = 4300;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

/** Wall and CPU (user + system, children included) milliseconds of one CLI process. */
function timeCli(args: string[]): { wallMs: number; cpuMs?: number; stdout: string } {
  const bash = fs.existsSync('/bin/bash');
  const t0 = performance.now();
  const r = bash
    ? spawnSync('/bin/bash', ['-c', 'TIMEFORMAT="%U %S"; time "$@" ', 'bash', process.execPath, CLI, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 })
    : spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const wallMs = performance.now() - t0;
  if (r.status !== 0) throw new Error(`news-lens ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  const m = bash ? /([\d.]+) ([\d.]+)\s*$/.exec(r.stderr) : null;
  return m ? { wallMs, cpuMs: (Number(m[1]) + Number(m[2])) * 1000, stdout: r.stdout } : { wallMs, stdout: r.stdout };
}

function rowOf(kase: string, runs: { wallMs: number; cpuMs?: number }[], extra: Partial<BenchRow> = {}): BenchRow {
  const walls = runs.map((r) => r.wallMs);
  const cpus = runs.flatMap((r) => (r.cpuMs === undefined ? [] : [r.cpuMs]));
  return {
    section: 'index', case: kase, runs: runs.length, msPerRun: median(walls), msRange: [Math.min(...walls), Math.max(...walls)],
    ...extra,
    note: [cpus.length ? `CPU ${median(cpus).toFixed(0)} ms` : '', extra.note ?? ''].filter(Boolean).join('; '),
  };
}

function timeIt<T>(f: () => T, n: number): { ms: number; value: T } {
  const times: number[] = [];
  let value!: T;
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    value = f();
    times.push(performance.now() - t);
  }
  return { ms: median(times), value };
}

export const indexSection: BenchSection = {
  id: 'index',
  title: `workspace index: ${ARTICLES.toLocaleString('en-US')} generated articles`,
  run: async (ctx) => {
    execFileSync(process.execPath, ['esbuild.mjs', '--quiet'], { cwd: ROOT, stdio: 'inherit' });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newslens-index-bench-'));
    const rows: BenchRow[] = [];
    try {
      const corpusDir = path.join(dir, 'corpus');
      const corpus = generateCorpus(ctx.seedText, corpusDir, ARTICLES, MEAN_BYTES);
      const mb = corpus.bytes / 1e6;
      rows.push({ section: 'index', case: 'corpus', chars: corpus.bytes,
        note: `${corpus.articles} articles, ${mb.toFixed(1)} MB, ${corpus.sidecars} sidecars (from seeds/)` });
      const db = path.join(dir, 'index.db');
      const fullRuns = Math.max(1, Math.round(3 * ctx.timeScale));
      const full = [];
      for (let i = 0; i < fullRuns; i++) {
        fs.rmSync(db, { force: true });
        full.push(timeCli(['index', corpusDir, '--db', db, '--jobs', '2', '--json']));
      }
      const fullMs = median(full.map((r) => r.wallMs));
      rows.push(rowOf('full index, whole process, --jobs 2', full, { chars: corpus.bytes, charsPerSec: corpus.bytes / (fullMs / 1000),
        note: `${(mb / (fullMs / 1000)).toFixed(2)} MB/s; db ${(fs.statSync(db).size / 1e6).toFixed(1)} MB` }));
      const unchanged = Array.from({ length: 3 }, () => timeCli(['index', corpusDir, '--db', db, '--jobs', '2', '--json']));
      rows.push(rowOf('unchanged re-run, whole process', unchanged, { note: unchanged[0]!.stdout.trim() }));
      const change = (i: number): void => fs.appendFileSync(corpus.files[i * 97]!, `Update ${i}: Anna Weber of Northwind Bank said, "We will appeal."\n`);
      const oneProc = [1, 2, 3].map((i) => {
        change(i);
        return timeCli(['index', corpusDir, '--db', db, '--json']);
      });
      rows.push(rowOf('one changed article, whole process', oneProc, { note: oneProc[0]!.stdout.trim() }));

      const index = WorkspaceIndex.open(db, version);
      try {
        const files = corpus.files;
        const oneIn = [];
        for (const i of [4, 5, 6, 7, 8]) {
          change(i);
          const t = performance.now();
          const c0 = process.cpuUsage();
          const s = await updateIndex(index, files, inlineRunner);
          if (s.analysed !== 1) throw new Error(`expected one article analysed, got ${s.analysed}`);
          const c = process.cpuUsage(c0);
          oneIn.push({ wallMs: performance.now() - t, cpuMs: (c.user + c.system) / 1000 });
        }
        rows.push(rowOf('one changed article, in-process (stat of all 2,000 + analyse + write)', oneIn));
        // The editor's path: a file event names the article; only it is looked at.
        const oneEvent = [];
        for (const i of [9, 10, 11, 12, 13]) {
          change(i);
          const t = performance.now();
          const c0 = process.cpuUsage();
          const s = await updateIndex(index, [files[i * 97]!], inlineRunner, { checkUnlisted: false });
          if (s.analysed !== 1) throw new Error(`expected one article analysed, got ${s.analysed}`);
          const c = process.cpuUsage(c0);
          oneEvent.push({ wallMs: performance.now() - t, cpuMs: (c.user + c.system) / 1000 });
        }
        rows.push(rowOf('one changed article, in-process, from a file event (the editor)', oneEvent));
        const person = index.entities({ type: 'PERSON' }).find((e) => e.name.includes(' '))!;
        const quoted = index.sources().find((x) => x.type === 'PERSON' && x.speaker.includes(' '))!;

        const queries: [string, () => unknown[]][] = [
          ['query entities (all)', () => index.entities()],
          ['query entities --name kennedy', () => index.entities({ name: 'kennedy' })],
          [`query mentions "${person.name}"`, () => index.mentions(person.name)],
          [`query quotes --speaker "${quoted.speaker}"`, () => index.quotes({ speaker: quoted.speaker })],
          ['query notes --status open', () => index.notes({ status: 'open' })],
          ['sources (Sources view), first after a write', () => {
            index.generation++;
            return index.sources();
          }],
          ['workspace symbols "kennedy"', () => index.symbols('kennedy')],
        ];
        for (const [name, f] of queries) {
          const c0 = process.cpuUsage();
          const r = timeIt(f, 9);
          const c = process.cpuUsage(c0);
          rows.push({ section: 'index', case: `${name}, in-process`, runs: 9, msPerRun: r.ms,
            note: `CPU ${((c.user + c.system) / 1000 / 9).toFixed(1)} ms (mean); ${r.value.length} rows` });
        }
        const procs: [string, string[]][] = [
          ['query entities --json', ['query', 'entities', '--db', db, '--json']],
          [`query mentions "${person.name}" --json`, ['query', 'mentions', person.name, '--db', db, '--json']],
          ['query quotes --json', ['query', 'quotes', '--db', db, '--json']],
        ];
        for (const [name, args] of procs) rows.push(rowOf(`${name}, whole process`, [1, 2, 3].map(() => timeCli(args))));
      } finally {
        index.close();
      }

      // The extension host's view: index the corpus in this process (two worker threads), sampling the heap.
      const heapDb = path.join(dir, 'heap.db');
      const heap = WorkspaceIndex.open(heapDb, version);
      const runner = new WorkerRunner(path.join(ROOT, 'dist', 'index-worker.js'), 2);
      global.gc?.();
      const base = process.memoryUsage().heapUsed;
      let peak = base;
      const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 5);
      const t = performance.now();
      try {
        await updateIndex(heap, corpus.files, runner, { onProgress: () => (peak = Math.max(peak, process.memoryUsage().heapUsed)) });
      } finally {
        clearInterval(timer);
        await runner.close();
        heap.close();
      }
      const ms = performance.now() - t;
      rows.push({ section: 'index', case: 'full index in-process (2 worker threads), heap', runs: 1, msPerRun: ms, chars: corpus.bytes,
        charsPerSec: corpus.bytes / (ms / 1000), peakHeapBytes: peak,
        note: `heapUsed ${(base / 1048576).toFixed(0)} MB before, peak ${(peak / 1048576).toFixed(0)} MB` });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    return rows;
  },
};
