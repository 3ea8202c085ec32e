// Analysis of each open news article, cached per document version. Edits are re-analysed after a short
// debounce; long texts go to a worker thread so typing stays smooth.
import * as vscode from 'vscode';
import { analyze, type AnalyzeOptions } from '../engine/index';
import type { NameRecognizer } from '../engine/recognizer';
import type { Analysis } from '../engine/types';
import type { CorrectedResult, CorrectionReport } from '../corrections/index';
import { AnalysisIndex } from './analysisIndex';
import { AnalysisWorker } from './analysisWorker';

/** Texts longer than this (UTF-16 units) go to the worker unless `newsLens.analysis.workerThreshold` says otherwise. */
export const DEFAULT_WORKER_THRESHOLD = 100_000;

/**
 * Analyses `text` on this thread and drops the result: the model gets loaded and V8 compiles the engine's
 * code, so the next analysis runs warm (a cold first analysis of the seed article takes 4-5 times as long as
 * the next one). For texts the worker would analyse, nothing: this thread's engine would not be used.
 */
export function warmUpEngine(text: string, workerThreshold = DEFAULT_WORKER_THRESHOLD): void {
  // The engine's first call also analyses a short sample it keeps (analyze.ts), so an empty text still warms.
  if (text.length <= workerThreshold) analyze(text);
}

export interface VersionedAnalysis {
  readonly version: number;
  readonly analysis: Analysis;
  /** Milliseconds the analysis took (for benchmarks and the log). */
  readonly millis: number;
  /** performance.now() when it started. */
  readonly startedAt: number;
  readonly inWorker: boolean;
  /** Lookups by position and id over `analysis` (built on first use). */
  readonly index: AnalysisIndex;
  /** The engine's own analysis, before the reviewers' corrections (`analysis` is corrected). */
  readonly raw?: Analysis;
  /** The sidecar's corrections on this version: applied, or not and why. */
  readonly corrections?: readonly CorrectionReport[];
}

export interface AnalysisCacheOptions {
  /** dist/worker.js */
  workerScript: string;
  /** Texts longer than this (UTF-16 units) are analysed in the worker; read at each analysis. */
  workerThreshold?: () => number | undefined;
  debounceMs?: number;
  log?: vscode.LogOutputChannel;
  isArticle: (doc: vscode.TextDocument) => boolean;
  /** Applies the reviewers' corrections (the article's sidecar) to an analysis of `text`; undefined: none. */
  correct?: (doc: vscode.TextDocument, text: string, raw: Analysis) => Promise<CorrectedResult | undefined>;
}

/** An analysis that just started: what the status bar and the progress indicator watch. */
export interface AnalysisStart {
  readonly uri: vscode.Uri;
  readonly version: number;
  /** Length of the analysed text (UTF-16 units). */
  readonly chars: number;
  readonly inWorker: boolean;
  /** Settles when the analysis is done (rejects when it failed). */
  readonly done: Promise<VersionedAnalysis>;
}

interface Entry {
  version: number;
  promise: Promise<VersionedAnalysis>;
  done?: VersionedAnalysis;
}

interface Pending {
  timer: ReturnType<typeof setTimeout>;
  waiters: Array<{ resolve: (a: VersionedAnalysis) => void; reject: (e: unknown) => void }>;
}

export class AnalysisCache implements vscode.Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly pending = new Map<string, Pending>();
  private readonly worker: AnalysisWorker;
  /** Last finished analysis per document, kept while a newer one runs. */
  private readonly lastDone = new Map<string, VersionedAnalysis>();
  private readonly updated = new vscode.EventEmitter<vscode.Uri>();
  private readonly subscriptions: vscode.Disposable[] = [];
  readonly onDidUpdate = this.updated.event;
  private readonly started = new vscode.EventEmitter<AnalysisStart>();
  /** Fires when an analysis starts (in the worker: still running; in-process: already finished when this fires). */
  readonly onDidStart = this.started.event;
  private readonly debounceMs: number;
  /** The name recognizer of in-process analyses (none: the shipped model); see useModel. */
  private analyzeOptions: AnalyzeOptions = {};

  constructor(private readonly options: AnalysisCacheOptions) {
    this.worker = new AnalysisWorker(options.workerScript);
    this.debounceMs = options.debounceMs ?? 300;
    this.subscriptions.push(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0 && this.options.isArticle(e.document)) this.schedule(e.document);
      }),
      vscode.workspace.onDidCloseTextDocument((doc) => this.forget(doc.uri)),
    );
  }

  /** The analysis of the document's current text (waits for a pending debounced re-analysis). */
  get(doc: vscode.TextDocument): Promise<VersionedAnalysis> {
    const key = doc.uri.toString();
    const entry = this.entries.get(key);
    if (entry && entry.version === doc.version) return entry.promise;
    const pending = this.pending.get(key);
    if (pending) return new Promise((resolve, reject) => pending.waiters.push({ resolve, reject }));
    return this.compute(doc).promise;
  }

  /**
   * Warms the engine up (model loaded, code compiled) if nothing was analysed yet, so the window's first
   * article does not pay for it; see warmUpEngine. Answers whether it did.
   */
  warmUp(): boolean {
    if (this.entries.size > 0 || this.lastDone.size > 0) return false;
    warmUpEngine('');
    return true;
  }

  /**
   * Finds names with an adapted model from now on (`recognizer` in this thread, `file` in the worker), or
   * with the shipped model (undefined), and analyses the open articles again; each fires onDidUpdate.
   */
  useModel(model: { recognizer: NameRecognizer; file: string } | undefined): void {
    this.analyzeOptions = model ? { recognizer: model.recognizer } : {};
    this.worker.setModel(model?.file);
    for (const doc of vscode.workspace.textDocuments) {
      const key = doc.uri.toString();
      if (!this.entries.has(key) || this.pending.has(key) || doc.isClosed) continue;
      this.compute(doc).promise.then(() => this.updated.fire(doc.uri), (err: unknown) => this.options.log?.warn(`analysis failed: ${String(err)}`));
    }
  }

  /** The latest finished analysis, possibly of an older version; never waits. */
  peek(uri: vscode.Uri): VersionedAnalysis | undefined {
    return this.lastDone.get(uri.toString());
  }

  /**
   * The article's corrections changed (the sidecar): apply them again to the current version's analysis,
   * without analysing again, and fire onDidUpdate. A newer version pending applies them anyway.
   */
  refreshCorrections(uri: vscode.Uri): void {
    const key = uri.toString();
    const entry = this.entries.get(key);
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
    if (!entry || !doc || doc.version !== entry.version || this.pending.has(key)) return;
    const text = doc.getText();
    const next: Entry = { version: entry.version, promise: undefined as unknown as Promise<VersionedAnalysis> };
    next.promise = entry.promise.then(async (prev) => {
      const done = await this.corrected(doc, text, prev.raw ?? prev.analysis, prev);
      next.done = done;
      if (this.entries.get(key) === next) this.lastDone.set(key, done);
      return done;
    });
    this.entries.set(key, next);
    next.promise.then(() => this.updated.fire(uri), (err: unknown) => this.options.log?.warn(`applying corrections failed: ${String(err)}`));
  }

  /** `base` with the analysis replaced by `raw` with the corrections applied (raw itself when none). */
  private async corrected(doc: vscode.TextDocument, text: string, raw: Analysis, base: Omit<VersionedAnalysis, 'analysis' | 'index'>): Promise<VersionedAnalysis> {
    let result: CorrectedResult | undefined;
    try {
      result = await this.options.correct?.(doc, text, raw);
    } catch (err) {
      // An unreadable sidecar must not hide the analysis: show the engine's own.
      this.options.log?.warn(`corrections of ${doc.uri.toString(true)} not applied: ${String(err)}`);
    }
    const analysis = result?.analysis ?? raw;
    const out: VersionedAnalysis = { version: base.version, millis: base.millis, startedAt: base.startedAt, inWorker: base.inWorker, analysis, index: new AnalysisIndex(analysis), raw };
    return result ? { ...out, corrections: result.reports } : out;
  }

  dispose(): void {
    for (const p of this.pending.values()) clearTimeout(p.timer);
    this.pending.clear();
    this.entries.clear();
    this.lastDone.clear();
    this.worker.dispose();
    this.updated.dispose();
    this.started.dispose();
    for (const s of this.subscriptions) s.dispose();
  }

  private schedule(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    const existing = this.pending.get(key);
    if (existing) clearTimeout(existing.timer);
    const pending: Pending = existing ?? { timer: undefined as unknown as ReturnType<typeof setTimeout>, waiters: [] };
    pending.timer = setTimeout(() => {
      this.pending.delete(key);
      // The document object stays the same across edits; read its text now, not at schedule time.
      const entry = this.compute(doc);
      entry.promise.then(
        (a) => {
          for (const w of pending.waiters) w.resolve(a);
          this.updated.fire(doc.uri);
        },
        (err) => {
          for (const w of pending.waiters) w.reject(err);
        },
      );
    }, this.debounceMs);
    this.pending.set(key, pending);
  }

  private compute(doc: vscode.TextDocument): Entry {
    const key = doc.uri.toString();
    const version = doc.version;
    const text = doc.getText();
    const inWorker = text.length > (this.options.workerThreshold?.() ?? DEFAULT_WORKER_THRESHOLD);
    const options = this.analyzeOptions;
    const t0 = performance.now();
    // In-process: the time of analyze() itself (the promise settles after the caller's synchronous code).
    let millis: number | undefined;
    const run = inWorker
      ? this.worker.analyze(text).catch((err: unknown) => {
          this.options.log?.warn(`worker analysis failed, analysing in-process: ${String(err)}`);
          return analyze(text, options);
        })
      : new Promise<Analysis>((resolve) => {
          const analysis = analyze(text, options);
          millis = performance.now() - t0;
          resolve(analysis);
        });
    const previous = this.entries.get(key);
    if (previous?.done) this.lastDone.set(key, previous.done);
    const entry: Entry = { version, promise: undefined as unknown as Promise<VersionedAnalysis> };
    entry.promise = run.then(async (raw) => {
      const took = millis ?? performance.now() - t0;
      const done = await this.corrected(doc, text, raw, { version, millis: took, startedAt: t0, inWorker });
      entry.done = done;
      this.lastDone.set(key, done);
      this.options.log?.debug(
        `analysed ${doc.uri.toString(true)} v${version} (${text.length} chars) in ${done.millis.toFixed(1)} ms${inWorker ? ' [worker]' : ''}`,
      );
      return done;
    });
    this.entries.set(key, entry);
    this.started.fire({ uri: doc.uri, version, chars: text.length, inWorker, done: entry.promise });
    return entry;
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    const p = this.pending.get(key);
    if (p) clearTimeout(p.timer);
    this.pending.delete(key);
    this.entries.delete(key);
    this.lastDone.delete(key);
  }
}
