// Client side of dist/worker.js: one lazily started worker thread, requests matched by id.
import { Worker } from 'node:worker_threads';
import type { Analysis } from '../engine/types';
import type { AnalysisWorkerData, AnalyzeRequest, AnalyzeResponse } from '../engine/worker';

export class AnalysisWorker {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (a: Analysis) => void; reject: (e: Error) => void }>();
  private model: string | undefined;

  constructor(private readonly scriptPath: string) {}

  /** Finds names with the adapted model in `file` (undefined: the shipped model) from the next request on:
   *  a running worker is stopped (its requests fail, and the cache analyses them in-process). */
  setModel(file: string | undefined): void {
    if (file === this.model) return;
    this.model = file;
    if (this.worker) this.dispose();
  }

  analyze(text: string): Promise<Analysis> {
    const worker = this.start();
    const id = this.nextId++;
    return new Promise<Analysis>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, text } satisfies AnalyzeRequest);
    });
  }

  dispose(): void {
    this.failAll(new Error('analysis worker stopped'));
    const worker = this.worker;
    this.worker = undefined;
    void worker?.terminate();
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.scriptPath, { workerData: { model: this.model } satisfies AnalysisWorkerData });
    worker.unref();
    worker.on('message', (msg: AnalyzeResponse) => {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if ('error' in msg) p.reject(new Error(msg.error));
      else p.resolve(msg.analysis);
    });
    const fail = (err: Error) => {
      if (this.worker !== worker) return; // a worker stopped by setModel/dispose: its requests already failed
      this.failAll(err);
      this.worker = undefined;
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`analysis worker exited with code ${code}`)));
    this.worker = worker;
    return worker;
  }

  private failAll(err: Error): void {
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }
}
