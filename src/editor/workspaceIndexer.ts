// The workspace index in the editor (issue 17 item 3): one SQLite database in the extension's workspace
// storage (context.storageUri), built in the background on start-up and kept up to date on file events,
// never blocking the editor: articles are read and analysed in a worker thread (dist/index-worker.js),
// the writes are one transaction per batch, and the window's progress shows while it runs. The workspace
// features (symbols, references across articles, Sources, Review, Explorer badges) read it through
// query(), which answers undefined until the index has opened.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { IndexFileError, WorkerRunner, WorkspaceIndex, updateIndex } from '../workspace';
import type { JobRunner, UpdateSummary } from '../workspace';
import { isSidecarPath, articlePathFor } from '../store';

export interface WorkspaceIndexerOptions {
  /** The folder of the database (context.storageUri); undefined without a workspace: no index. */
  storage: vscode.Uri | undefined;
  workerScript: string;
  engineVersion: string;
  /** The article globs (`newsLens.articles.include`). */
  articleGlobs: () => readonly string[];
  log: vscode.LogOutputChannel;
}

/** What the last update did (tests and the bench read it through the extension's API). */
export interface IndexUpdate extends UpdateSummary {
  kind: 'full' | 'files';
  ms: number;
}

const DB_NAME = 'workspace-index.db';
/** Articles written per transaction in the editor: a write is synchronous on the extension host's thread
 *  (~1.5 ms an article on the shared 2-core machine), so smaller batches than the CLI's 64 keep each
 *  stall of the event loop short. */
const EDITOR_BATCH = 16;

export class WorkspaceIndexer implements vscode.Disposable {
  private index: WorkspaceIndex | undefined;
  private runner: JobRunner | undefined;
  private queue: Promise<void> = Promise.resolve();
  private readonly pending = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private disposed = false;
  private readonly emitter = new vscode.EventEmitter<IndexUpdate>();
  private readonly disposables: vscode.Disposable[] = [];
  /** Fired after every update that changed the index. */
  readonly onDidUpdate = this.emitter.event;
  readonly updates: IndexUpdate[] = [];

  constructor(private readonly options: WorkspaceIndexerOptions) {}

  /** Opens the database and indexes the workspace in the background; watches articles and sidecars. */
  start(): void {
    if (!this.options.storage) return;
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.{txt,annotations.yaml}');
    const changed = (uri: vscode.Uri): void => this.fileChanged(uri);
    this.disposables.push(watcher, watcher.onDidCreate(changed), watcher.onDidChange(changed), watcher.onDidDelete(changed),
      vscode.workspace.onDidSaveTextDocument((d) => changed(d.uri)));
    this.enqueue(() => this.full());
  }

  /** Runs `f` on the index; undefined while it is not open (no workspace, not built yet, or unusable). */
  query<T>(f: (index: WorkspaceIndex) => T): T | undefined {
    if (!this.index) return undefined;
    try {
      return f(this.index);
    } catch (e) {
      this.options.log.error(`workspace index query failed: ${(e as Error).message}`);
      return undefined;
    }
  }

  /** Resolves once every queued update has run. */
  async whenIdle(): Promise<void> {
    for (;;) {
      const q = this.queue;
      await q;
      if (q === this.queue && !this.pending.size && !this.timer) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Re-indexes the whole workspace (the stamps keep it incremental). */
  refresh(): Promise<void> {
    return this.enqueue(() => this.full());
  }

  private enqueue(f: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(f).catch((e: unknown) => this.options.log.error(`workspace index: ${(e as Error).stack ?? String(e)}`));
    return this.queue;
  }

  private fileChanged(uri: vscode.Uri): void {
    if (uri.scheme !== 'file' || this.disposed) return;
    const article = isSidecarPath(uri.fsPath) ? articlePathFor(uri.fsPath) : uri.fsPath;
    if (!article.endsWith('.txt')) return;
    this.pending.add(article);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.enqueue(() => this.files());
    }, 200);
  }

  private async open(): Promise<WorkspaceIndex | undefined> {
    if (this.index) return this.index;
    const storage = this.options.storage;
    if (!storage || this.disposed) return undefined;
    await vscode.workspace.fs.createDirectory(storage);
    const file = path.join(storage.fsPath, DB_NAME);
    try {
      this.index = WorkspaceIndex.open(file, this.options.engineVersion);
    } catch (e) {
      if (!(e instanceof IndexFileError)) throw e;
      // Our own private file: keep the damaged one beside it for a bug report, and start afresh.
      const aside = `${file}.damaged-${Date.now()}`;
      this.options.log.warn(`workspace index: ${e.message}; moved to ${aside} and rebuilt`);
      await vscode.workspace.fs.rename(vscode.Uri.file(file), vscode.Uri.file(aside), { overwrite: true });
      this.index = WorkspaceIndex.open(file, this.options.engineVersion);
    }
    this.runner ??= new WorkerRunner(this.options.workerScript, 1);
    return this.index;
  }

  private async articleFiles(): Promise<string[]> {
    const globs = this.options.articleGlobs();
    if (!globs.length) return [];
    const include = globs.length === 1 ? globs[0]! : `{${globs.join(',')}}`;
    const uris = await vscode.workspace.findFiles(include, '**/node_modules/**');
    return uris.filter((u) => u.scheme === 'file' && !isSidecarPath(u.fsPath)).map((u) => u.fsPath).sort();
  }

  private async full(): Promise<void> {
    const index = await this.open();
    if (!index || !this.runner) return;
    const files = await this.articleFiles();
    const roots = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
    await this.run('full', (progress) => updateIndex(index, files, this.runner!, {
      roots, onProgress: progress, yieldEvery: () => new Promise((resolve) => setImmediate(resolve)), batch: EDITOR_BATCH,
    }));
  }

  private async files(): Promise<void> {
    const index = await this.open();
    if (!index || !this.runner || !this.pending.size) return;
    const files = [...this.pending].sort();
    this.pending.clear();
    // Only files the article globs take (a sidecar's article, a .txt elsewhere is not an article).
    const articles = new Set(await this.articleFiles());
    const known = index.known();
    const relevant = files.filter((f) => articles.has(f) || known.has(f));
    if (!relevant.length) return;
    await this.run('files', (progress) => updateIndex(index, relevant, this.runner!, { onProgress: progress, checkUnlisted: false, batch: EDITOR_BATCH }));
  }

  private async run(kind: IndexUpdate['kind'], update: (progress: (done: number, total: number) => void) => Promise<UpdateSummary>): Promise<void> {
    const t0 = performance.now();
    const summary = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Indexing articles') },
      (progress) => {
        let reported = 0;
        return update((done, total) => {
          if (!total) return;
          const percent = Math.floor((100 * done) / total);
          if (percent > reported) {
            progress.report({ message: vscode.l10n.t('{0} of {1}', done, total), increment: percent - reported });
            reported = percent;
          }
        });
      },
    );
    const result: IndexUpdate = { kind, ms: performance.now() - t0, ...summary };
    this.updates.push(result);
    for (const f of summary.failed) this.options.log.warn(`workspace index: ${f.message}`);
    this.options.log.info(`workspace index (${kind}): ${summary.analysed} analysed, ${summary.unchanged} unchanged, ${summary.removed} removed in ${result.ms.toFixed(0)} ms`);
    if (!this.disposed) this.emitter.fire(result);
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
    this.emitter.dispose();
    const runner = this.runner;
    const index = this.index;
    this.index = undefined;
    void this.queue.finally(() => {
      void runner?.close();
      index?.close();
    });
  }
}
