// An incremental index update over a list of article files: what changed is found by the files' stamps
// (size + mtime of the article and its sidecar: an unchanged re-run reads no article), then by the
// content hash (a touched but unchanged file is not re-analysed); changed articles are analysed by
// a runner (worker threads, or inline) and written in one transaction per batch. Articles of the
// index that are gone (or no longer listed under the given roots) are removed.
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { runIndexJob, statArticle } from './job';
import type { IndexJob, JobResult } from './job';
import type { ArticleRecord } from './record';
import type { WorkspaceIndex } from './workspaceIndex';

/** Runs index jobs: in worker threads (WorkerRunner) or in this thread (inlineRunner). */
export interface JobRunner {
  run(jobs: IndexJob[], onResult: (r: JobResult) => void): Promise<void>;
  close(): Promise<void>;
}

export interface UpdateSummary {
  analysed: number;
  unchanged: number;
  removed: number;
  failed: { path: string; message: string }[];
}

export interface UpdateOptions {
  /** Known articles under these folders (or equal to these files) that are not in `files` are removed.
   *  Known articles whose file is gone are removed whatever the roots. */
  roots?: readonly string[];
  /** Also look for known articles that are not in `files` (gone, or outside the roots): true unless
   *  `files` are just the ones a file event named. */
  checkUnlisted?: boolean;
  /** Records written per transaction. */
  batch?: number;
  onProgress?: (done: number, total: number) => void;
  /** Called between batches of stat calls (the editor yields to its event loop there). */
  yieldEvery?: () => Promise<void>;
}

function isUnder(file: string, root: string): boolean {
  const rel = path.relative(root, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

const sameStamp = (a: { size: number; mtimeMs: number } | null, b: { size: number; mtimeMs: number } | null): boolean =>
  a === b || (!!a && !!b && a.size === b.size && a.mtimeMs === b.mtimeMs);

/** Brings the index up to date with `files` (absolute paths of articles). */
export async function updateIndex(index: WorkspaceIndex, files: readonly string[], runner: JobRunner, options: UpdateOptions = {}): Promise<UpdateSummary> {
  const known = index.known();
  const summary: UpdateSummary = { analysed: 0, unchanged: 0, removed: 0, failed: [] };
  const listed = new Set(files);
  const jobs: IndexJob[] = [];
  const gone: string[] = [];
  let n = 0;
  for (const file of files) {
    if (options.yieldEvery && ++n % 256 === 0) await options.yieldEvery();
    const k = known.get(file);
    const now = statArticle(file);
    if (!now) {
      if (k) gone.push(file);
      else summary.failed.push({ path: file, message: `${file} is not a readable file` });
      continue;
    }
    if (k && sameStamp(k.stamp, now.stamp) && sameStamp(k.sidecarStamp, now.sidecarStamp)) {
      summary.unchanged++;
      continue;
    }
    const job: IndexJob = { path: file, sidecarChanged: !k || !sameStamp(k.sidecarStamp, now.sidecarStamp) };
    if (k) {
      job.knownHash = k.hash;
      if (k.corrected) job.knownCorrected = true;
    }
    jobs.push(job);
  }
  for (const p of options.checkUnlisted === false ? [] : known.keys()) {
    if (listed.has(p)) continue;
    if ((options.roots ?? []).some((r) => isUnder(p, r)) || !statArticle(p)) gone.push(p);
  }
  if (gone.length) {
    index.remove(gone);
    summary.removed = gone.length;
  }
  const batchSize = options.batch ?? 64;
  let pending: ArticleRecord[] = [];
  let done = 0;
  const flush = (): void => {
    index.upsert(pending);
    pending = [];
  };
  options.onProgress?.(0, jobs.length);
  await runner.run(jobs, (r) => {
    done++;
    if (r.kind === 'record') {
      summary.analysed++;
      pending.push(r.record);
      if (pending.length >= batchSize) flush();
    } else if (r.kind === 'same') {
      summary.unchanged++;
      index.restamp(r.path, r.stamp, r.sidecarStamp);
      if (r.notes) index.replaceNotes(r.path, r.sidecarStamp, r.notes.notes, r.notes.errors);
    } else {
      summary.failed.push({ path: r.path, message: r.message });
    }
    options.onProgress?.(done, jobs.length);
  });
  flush();
  index.refreshEntities();
  return summary;
}

/** Runs the jobs in this thread, yielding to the event loop between articles. */
export const inlineRunner: JobRunner = {
  async run(jobs, onResult) {
    for (const job of jobs) {
      onResult(runIndexJob(job));
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  },
  async close() {},
};

/** Runs the jobs in `count` worker threads of `workerFile` (dist/index-worker.js), a few articles per
 *  message, two batches in flight per worker; results arrive in completion order. */
export class WorkerRunner implements JobRunner {
  private readonly workers: Worker[];

  constructor(workerFile: string, count: number, private readonly perBatch = 4) {
    this.workers = Array.from({ length: count }, () => new Worker(workerFile));
  }

  run(jobs: IndexJob[], onResult: (r: JobResult) => void): Promise<void> {
    return new Promise((resolve, reject) => {
      let next = 0;
      let inFlight = 0;
      let failed = false;
      const listeners: [Worker, string, (...a: any[]) => void][] = []; // eslint-disable-line @typescript-eslint/no-explicit-any
      const finish = (err?: Error): void => {
        for (const [w, ev, f] of listeners) w.off(ev, f);
        if (err) reject(err);
        else resolve();
      };
      const send = (w: Worker): void => {
        if (next >= jobs.length) return;
        const batch = jobs.slice(next, next + this.perBatch);
        next += batch.length;
        inFlight++;
        w.postMessage({ seq: next, jobs: batch });
      };
      for (const w of this.workers) {
        const onMessage = (msg: { results: JobResult[] }): void => {
          if (failed) return;
          inFlight--;
          try {
            for (const r of msg.results) onResult(r);
          } catch (e) {
            failed = true;
            finish(e as Error);
            return;
          }
          send(w);
          if (!inFlight && next >= jobs.length) finish();
        };
        const onError = (e: Error): void => {
          if (!failed) {
            failed = true;
            finish(e);
          }
        };
        const onExit = (code: number): void => onError(new Error(`an index worker thread stopped (exit code ${code})`));
        w.on('message', onMessage);
        w.on('error', onError);
        w.on('exit', onExit);
        listeners.push([w, 'message', onMessage], [w, 'error', onError], [w, 'exit', onExit]);
      }
      if (!jobs.length) return finish();
      for (let round = 0; round < 2; round++) for (const w of this.workers) send(w);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
