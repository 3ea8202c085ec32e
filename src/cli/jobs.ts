// `news-lens analyze --jsonl --jobs N`: the lines analysed in N worker threads (dist/jsonl-worker.js),
// the output written in input order. The workers start at once, loading the engine and the model
// while this thread reads the input; lines go to them in batches (fewer messages; a batch's output
// comes back as one string), at most two batches in flight per worker, and reading waits while
// enough are queued, so memory stays bounded whatever the input size.
import * as path from 'node:path';
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { JsonlBatch, JsonlBatchResult } from './jsonl';
import { readLines } from './files';
import { MAX_ARTICLE_BYTES } from '../store/articleText';

/** A batch is sent once it holds this many characters or lines. */
const BATCH_CHARS = 16 * 1024;
const BATCH_LINES = 64;
/** Batches in flight per worker (one being analysed, one waiting). */
const IN_FLIGHT = 2;
/** The largest --jobs accepted. */
export const MAX_JOBS = 64;

export interface JobsIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  stdin: NodeJS.ReadableStream;
}

/** The worker bundle beside this bundle (dist/); undefined when running from sources. */
export function jsonlWorkerFile(): string | undefined {
  const file = path.join(__dirname, 'jsonl-worker.js');
  return existsSync(file) ? file : undefined;
}

/** What every worker is started with: the adapted model file to use (`analyze --model`), if any. */
export interface JsonlWorkerData {
  model?: string;
}

/** Runs the JSON Lines analysis in `jobs` workers; resolves the exit status (1 if a line failed). */
export async function analyzeJsonlInWorkers(io: JobsIO, jobs: number, workerFile: string, workerData?: JsonlWorkerData): Promise<number> {
  const workers = Array.from({ length: jobs }, () => new Worker(workerFile, workerData ? { workerData } : undefined));
  const busy = workers.map(() => 0);
  const queue: JsonlBatch[] = [];
  const done = new Map<number, JsonlBatchResult>();
  let nextOut = 0;
  let sent = 0;
  let failed = 0;
  let lineNo = 0;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const signal = (): void => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const dispatch = (): void => {
    for (let i = 0; i < workers.length && queue.length; i++) {
      while (busy[i]! < IN_FLIGHT && queue.length) {
        busy[i]!++;
        workers[i]!.postMessage(queue.shift()!);
      }
    }
  };
  workers.forEach((w, i) => {
    w.on('message', (r: JsonlBatchResult) => {
      busy[i]!--;
      done.set(r.seq, r);
      for (let d = done.get(nextOut); d; d = done.get(nextOut)) {
        done.delete(nextOut++);
        for (const p of d.pieces) {
          if (p.stdout !== undefined) io.stdout(p.stdout);
          else if (p.stderr !== undefined) {
            io.stderr(p.stderr);
            failed++;
          }
        }
      }
      dispatch();
      signal();
    });
    const fail = (e: Error): void => {
      failure ??= e;
      signal();
    };
    w.on('error', fail);
    w.on('exit', (code) => {
      if (nextOut < sent || queue.length) fail(new Error(`a worker thread stopped (exit code ${code})`));
    });
  });
  /** Waits until fewer than `limit` batches are waiting or in flight. */
  const waitBelow = async (limit: number): Promise<void> => {
    while (!failure && sent - nextOut >= limit) await new Promise<void>((resolve) => (wake = resolve));
    if (failure) throw failure;
  };
  try {
    let batch: JsonlBatch = { seq: 0, first: 1, lines: [] };
    let chars = 0;
    const flush = async (): Promise<void> => {
      if (!batch.lines.length) return;
      queue.push(batch);
      sent++;
      batch = { seq: sent, first: lineNo + 1, lines: [] };
      chars = 0;
      dispatch();
      await waitBelow(workers.length * IN_FLIGHT * 2);
    };
    // Split at \n only, as the one-thread path (a raw \r inside a line does not end it).
    for await (const line of readLines(io.stdin, MAX_ARTICLE_BYTES)) {
      lineNo++;
      batch.lines.push(typeof line === 'string' ? line : null);
      chars += typeof line === 'string' ? line.length : 0;
      if (chars >= BATCH_CHARS || batch.lines.length >= BATCH_LINES) await flush();
    }
    await flush();
    await waitBelow(1);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  if (failed) io.stderr(`news-lens: ${failed} of ${lineNo} lines failed\n`);
  return failed ? 1 : 0;
}
