// `news-lens analyze --jsonl --jobs N`: the lines analysed in N threads, this one and N - 1 worker
// threads (dist/jsonl-worker.js), the output written in input order. The pipeline is cut in two
// (engine/split.ts): half the threads run its head over a batch (tokens, names; this thread is one of
// them, InlineHead), the others its tail (the names' types, values, clusters, quotes, references, the
// output record), so each thread warms up only half of the engine in V8 — on a cold process that
// warm-up is most of the time. The workers start at once, loading the engine while this thread loads
// the model; lines go out in batches (fewer messages; a batch's output comes back as one string), at
// most two batches in flight per worker, and reading waits while enough are queued, so memory stays
// bounded whatever the input size.
import * as path from 'node:path';
import { existsSync } from 'node:fs';
import * as v8 from 'node:v8';
import { EventEmitter } from 'node:events';
import { Worker } from 'node:worker_threads';
import { analyzeJsonlHeads, type JsonlBatch, type JsonlBatchResult, type JsonlHeadsResult } from './jsonl';
import { readLines } from './files';
import { loadModel } from '../engine/ner';
import { modelToTransfer } from '../engine/ner/transfer';
import { setHeadModel } from '../engine/split';
import type { NerModel } from '../engine/ner/model';
import { MAX_ARTICLE_BYTES } from '../store/articleText';

/** A batch is sent once it holds this many characters or lines. */
const BATCH_CHARS = 16 * 1024;
const BATCH_LINES = 64;
/** The first batch is sent at this many characters, and each next one at twice as many up to
 *  BATCH_CHARS: the tail workers wait for the head's first batch, the smaller it is the sooner
 *  they start. */
const FIRST_BATCH_CHARS = 2 * 1024;
/** Batches in flight per worker (one being analysed, one waiting). */
const IN_FLIGHT = 2;
/** V8's tier-up budget for --jobs N (bytes of byte code run before a function is optimised). */
const TIER_UP_BUDGET = 4 * 67584;
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

/** What a pool needs of a worker: a worker thread, or this thread (InlineHead). */
interface WorkerLike {
  postMessage(message: unknown): void;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as EventEmitter's and Worker's own
  on(event: 'message' | 'error' | 'exit', listener: (arg: any) => void): unknown;
  terminate(): Promise<number>;
}

/** This thread as a head worker: runs the head over a batch when the event loop is free and answers
 *  as a worker would. It spares a worker's start-up (Node's bootstrap, the bundle, a copy of the model)
 *  and a hop of every batch's heads between threads; the head's share of the work is small enough that
 *  reading the input and writing the output wait at most one batch. */
class InlineHead extends EventEmitter implements WorkerLike {
  constructor(model: NerModel) {
    super();
    setHeadModel(model);
  }

  postMessage(batch: JsonlBatch): void {
    setImmediate(() => {
      let result: JsonlHeadsResult;
      try {
        result = analyzeJsonlHeads(batch);
      } catch (e) {
        this.emit('error', e instanceof Error ? e : new Error(String(e)));
        return;
      }
      this.emit('message', result);
    });
  }

  terminate(): Promise<number> {
    return Promise.resolve(0);
  }
}

/** Workers of one role; batches wait in a queue for a worker with fewer than IN_FLIGHT. */
class Pool<R extends { seq: number }> {
  readonly workers: WorkerLike[];
  private readonly busy: number[];
  private readonly queue: JsonlBatch[] = [];

  /** `outstanding` says whether work is still expected of the pool (a worker that stops then fails). */
  constructor(workers: WorkerLike[], onResult: (r: R) => void, fail: (e: Error) => void, outstanding: () => boolean) {
    this.workers = workers;
    this.busy = this.workers.map(() => 0);
    this.workers.forEach((w, i) => {
      w.on('message', (r: R) => {
        this.busy[i]!--;
        onResult(r);
        this.dispatch();
      });
      w.on('error', fail);
      w.on('exit', (code: number) => {
        if (outstanding() || this.queue.length) fail(new Error(`a worker thread stopped (exit code ${code})`));
      });
    });
  }

  push(batch: JsonlBatch): void {
    this.queue.push(batch);
    this.dispatch();
  }

  private dispatch(): void {
    for (let i = 0; i < this.workers.length && this.queue.length; i++) {
      while (this.busy[i]! < IN_FLIGHT && this.queue.length) {
        this.busy[i]!++;
        this.workers[i]!.postMessage(this.queue.shift()!);
      }
    }
  }
}

/** How many of `jobs` threads run the head of the pipeline (the rest run its tail); this thread is
 *  the first of them (InlineHead), the others are worker threads. */
export function headWorkers(jobs: number): number {
  return Math.floor(jobs / 2);
}

/** Runs the JSON Lines analysis in `jobs` threads: headWorkers(jobs) run the head of the pipeline over
 *  each batch (this thread and headWorkers(jobs) - 1 worker threads), the other jobs its tail in worker
 *  threads (engine/split.ts); resolves the exit status (1 if a line failed). `model`: the name
 *  tagger's model to use (`analyze --model`: the adapted one; default models/ner.bin). */
export async function analyzeJsonlInWorkers(io: JobsIO, jobs: number, workerFile: string, model?: NerModel): Promise<number> {
  // Before the workers' isolates exist (it holds for this thread's head too): V8 optimises a function
  // after it has run for TIER_UP_BUDGET
  // bytes of byte code (its default, 66 KB, suits long-lived programs). On a cold batch most of the
  // CPU goes to TurboFan compiling on V8's background threads, and with both cores busy that work is
  // what the wall time waits on: a budget 4x larger optimises fewer, hotter functions (docs/speed.md).
  v8.setFlagsFromString(`--interrupt-budget=${TIER_UP_BUDGET}`);
  const done = new Map<number, JsonlBatchResult>();
  /** Batches at the head stage, by number. */
  const atHead = new Map<number, JsonlBatch>();
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
  const fail = (e: Error): void => {
    failure ??= e;
    signal();
  };
  const outstanding = (): boolean => nextOut < sent;
  const spawn = (count: number, role: 'head' | 'tail'): Worker[] => Array.from({ length: count }, () => new Worker(workerFile, { workerData: { role } }));
  // The worker threads start first (they load the engine while this thread loads the model).
  const tailThreads = spawn(jobs - headWorkers(jobs), 'tail');
  const headThreads = spawn(Math.max(0, headWorkers(jobs) - 1), 'head');
  const tagger = headWorkers(jobs) > 0 ? model ?? loadModel() : undefined;
  const tails = new Pool<JsonlBatchResult>(tailThreads, (r) => {
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
    signal();
  }, fail, outstanding);
  const heads = new Pool<JsonlHeadsResult>(tagger ? [new InlineHead(tagger), ...headThreads] : [], (r) => {
    const batch = atHead.get(r.seq)!;
    atHead.delete(r.seq);
    tails.push({ ...batch, heads: r.heads });
  }, fail, outstanding);
  const workers = [...heads.workers, ...tails.workers];
  /** Waits until fewer than `limit` batches are waiting or in flight. */
  const waitBelow = async (limit: number): Promise<void> => {
    while (!failure && sent - nextOut >= limit) await new Promise<void>((resolve) => (wake = resolve));
    if (failure) throw failure;
  };
  try {
    // The model, decoded here once while the workers start, instead of in each head worker.
    if (tagger && headThreads.length) {
      const transfer = modelToTransfer(tagger);
      for (const w of headThreads) w.postMessage({ model: transfer });
    } else if (!tagger && model) {
      // No head workers: the workers analyse whole documents, with the adapted model.
      const transfer = modelToTransfer(model);
      for (const w of tails.workers) w.postMessage({ model: transfer });
    }
    let batch: JsonlBatch = { seq: 0, first: 1, lines: [] };
    let chars = 0;
    const flush = async (): Promise<void> => {
      if (!batch.lines.length) return;
      // With one worker (no head workers), it analyses the documents whole.
      if (heads.workers.length) {
        atHead.set(batch.seq, batch);
        heads.push(batch);
      } else tails.push(batch);
      sent++;
      batch = { seq: sent, first: lineNo + 1, lines: [] };
      chars = 0;
      await waitBelow(workers.length * IN_FLIGHT * 2);
    };
    // Split at \n only, as the one-thread path (a raw \r inside a line does not end it).
    for await (const line of readLines(io.stdin, MAX_ARTICLE_BYTES)) {
      lineNo++;
      batch.lines.push(typeof line === 'string' ? line : null);
      chars += typeof line === 'string' ? line.length : 0;
      if (chars >= Math.min(BATCH_CHARS, FIRST_BATCH_CHARS * 2 ** batch.seq) || batch.lines.length >= BATCH_LINES) await flush();
    }
    await flush();
    await waitBelow(1);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  if (failed) io.stderr(`news-lens: ${failed} of ${lineNo} lines failed\n`);
  return failed ? 1 : 0;
}
