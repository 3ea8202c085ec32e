// Learning from the workspace's corrections in the background (issue 15 item 4): the corrected articles
// (those beside a sidecar whose corrections apply) are learned into an adapted name model in a worker
// thread (dist/learn-worker.js), stored in the workspace's storage, and used by every analysis of the
// editor. A status-bar item says how many corrections it learned from; commands learn now or reset.
import { Worker } from 'node:worker_threads';
import * as vscode from 'vscode';
import { parseAdaptedModel, shippedModel } from '../learning/adaptedModel';
import { PerceptronRecognizer } from '../engine/ner';
import { applyAdapted } from '../engine/ner/adapt';
import { articlesOfSidecars, type LearnResult } from '../learning/learnFiles';
import type { LearnRequest, LearnResponse } from '../learning/learnWorker';
import { LEARN_SCOPES, type LearnScope } from '../learning/scope';
import { LearnScheduler } from '../learning/schedule';
import type { Services } from './services';

export const LEARN_NOW_COMMAND = 'newsLens.learnFromCorrections';
export const RESET_LEARNED_COMMAND = 'newsLens.resetLearnedModel';
const LEARNING_MENU_COMMAND = 'newsLens.learningMenu';
const SETTING = 'learning.enabled';
/** What learning may change (src/learning/scope.ts). */
const SCOPE_SETTING = 'learning.scope';
/** Files in the workspace storage. */
const MODEL_FILE = 'learned-model.bin';
const META_FILE = 'learned-model.json';
/** workspaceState key: the sidecars' signature when the learned model was reset. */
const RESET_KEY = 'newsLens.learning.resetSignature';
const DEBOUNCE_MS = 1500;
/** After start-up, before the first run (the window is busy opening). */
const STARTUP_DELAY_MS = 2000;

/** What the learned model is, as the status bar, the tests and other extensions see it. */
export interface LearningView {
  /** The status-bar text; undefined while hidden (nothing learned). */
  readonly statusText: string | undefined;
  /** Corrections and articles the model in use was learned from (0: the shipped model). */
  readonly corrections: number;
  readonly articles: number;
  /** The stored adapted model (workspace storage), whether or not it exists now. */
  readonly modelUri: vscode.Uri | undefined;
  /** Learning runs finished (also those that learned nothing). */
  readonly runs: number;
  /** Milliseconds of the last run: in the worker, examples (reading, analysing) and learning; the whole
   *  run; and applying the model on the extension host's thread (checking it, merging it into the shipped
   *  model; the open articles' re-analysis is not counted). */
  readonly lastTimings: { examplesMs: number; learnMs: number; totalMs: number; applyMs?: number } | undefined;
  /** Settles when no learning runs or waits. */
  whenIdle(): Promise<void>;
}

interface Meta {
  corrections: number;
  articles: number;
  learnedAt: string;
  /** The sidecars (uri and mtime) it was learned from: unchanged at start-up means nothing to learn. */
  signature: string;
}

export function registerLearning(context: vscode.ExtensionContext, services: Services): vscode.Disposable & { view: LearningView } {
  const { log } = services;
  const storage = context.storageUri;
  const modelUri = storage && vscode.Uri.joinPath(storage, MODEL_FILE);
  const metaUri = storage && vscode.Uri.joinPath(storage, META_FILE);
  const workerScript = vscode.Uri.joinPath(context.extensionUri, 'dist', 'learn-worker.js').fsPath;
  const enabled = () => services.config.get<boolean>(SETTING) !== false && storage !== undefined;
  const item = vscode.window.createStatusBarItem('newsLens.learning', vscode.StatusBarAlignment.Right, 90);
  item.name = vscode.l10n.t('News Lens Learned Model');
  item.command = LEARNING_MENU_COMMAND;
  let current: Meta | undefined;
  let runs = 0;
  let lastTimings: LearningView['lastTimings'];
  let force = false;
  const shown = new Set<string>();

  /** A problem the user should know about: logged always, shown once per kind and session. */
  const report = (kind: string, message: string) => {
    log.warn(message);
    if (shown.has(kind)) return;
    shown.add(kind);
    void vscode.window.showWarningMessage(message);
  };

  const scope = (): LearnScope => {
    const value = services.config.get<string>(SCOPE_SETTING) ?? 'all';
    if ((LEARN_SCOPES as readonly string[]).includes(value)) return value as LearnScope;
    report('scope', vscode.l10n.t('newsLens.learning.scope is "{0}", which is not one of {1}; News Lens learns with "all".', value, LEARN_SCOPES.join(', ')));
    return 'all';
  };

  const showStatus = () => {
    if (!current || !enabled()) {
      item.hide();
      return;
    }
    item.text = current.corrections === 1
      ? vscode.l10n.t('$(mortar-board) Learned from 1 correction')
      : vscode.l10n.t('$(mortar-board) Learned from {0} corrections', current.corrections);
    item.tooltip = vscode.l10n.t(
      'News Lens finds names with a model adapted from {0} corrections in {1} articles of this workspace (learned {2}). Click to learn again or reset.',
      current.corrections, current.articles, new Date(current.learnedAt).toLocaleString(),
    );
    item.show();
  };

  /** Uses the adapted model's bytes (undefined: the shipped model); throws when they are not a model for
   *  the shipped one (corrupt, or learned on another version's model). */
  const useModel = (bytes: Uint8Array | undefined, meta: Meta | undefined) => {
    if (!bytes || !meta || !modelUri) {
      current = undefined;
      services.analyses.useModel(undefined);
    } else {
      const a0 = performance.now();
      const adapted = parseAdaptedModel(bytes, modelUri.fsPath);
      const recognizer = new PerceptronRecognizer(applyAdapted(shippedModel().model, adapted));
      if (lastTimings) lastTimings.applyMs = performance.now() - a0;
      current = meta;
      services.analyses.useModel({ recognizer, file: modelUri.fsPath });
    }
    showStatus();
  };

  const deleteStored = async () => {
    for (const uri of [modelUri, metaUri]) if (uri) await Promise.resolve(vscode.workspace.fs.delete(uri)).catch(() => undefined);
  };

  /** The workspace's sidecars (file scheme: the worker reads them from disk) and their signature. */
  const sidecars = async (): Promise<{ paths: string[]; signature: string }> => {
    const found = (await vscode.workspace.findFiles('**/*.annotations.yaml')).filter((u) => u.scheme === 'file');
    const parts: string[] = [];
    for (const uri of found) {
      const stat = await Promise.resolve(vscode.workspace.fs.stat(uri)).catch(() => undefined);
      parts.push(`${uri.toString()}@${stat?.mtime ?? 0}`);
    }
    // The scope is part of the signature: a model learned with another scope is learned again.
    return { paths: found.map((u) => u.fsPath), signature: `scope ${scope()}\n${parts.sort().join('\n')}` };
  };

  /** The learning worker while it runs (stopped when the extension is). */
  let running: Worker | undefined;
  const learnInWorker = (articles: string[], learnScope: LearnScope) =>
    new Promise<LearnResult>((resolve, reject) => {
      const worker = new Worker(workerScript);
      running = worker;
      const finish = () => {
        running = undefined;
        void worker.terminate();
      };
      worker.once('message', (msg: LearnResponse) => {
        finish();
        if ('error' in msg) reject(new Error(msg.error));
        else resolve(msg.result);
      });
      worker.once('error', (err) => { finish(); reject(err); });
      worker.once('exit', (code) => reject(new Error(vscode.l10n.t('the learning worker stopped (exit code {0})', code))));
      worker.postMessage({ articles, scope: learnScope } satisfies LearnRequest);
    });

  /** One learning run (the scheduler never runs two at once). */
  const learn = async () => {
    if (!enabled() || !storage || !modelUri || !metaUri) return;
    const t0 = performance.now();
    try {
      const { paths, signature } = await sidecars();
      if (!force && context.workspaceState.get<string>(RESET_KEY) === signature) return; // reset, and nothing changed since
      force = false;
      await context.workspaceState.update(RESET_KEY, undefined);
      const learnScope = scope();
      const result = await learnInWorker(articlesOfSidecars(paths), learnScope);
      lastTimings = { examplesMs: result.examplesMs, learnMs: result.learnMs, totalMs: performance.now() - t0 };
      for (const p of result.problems) report('sidecar', vscode.l10n.t('News Lens could not learn from {0}: {1}', p.file, p.message));
      if (!enabled()) return;
      if (!result.bytes) {
        await deleteStored();
        useModel(undefined, undefined);
        log.info(`learning: no corrections apply in ${result.scanned} article(s); the shipped model is used`);
        return;
      }
      const meta: Meta = { corrections: result.corrections, articles: result.articles, learnedAt: new Date().toISOString(), signature };
      await vscode.workspace.fs.createDirectory(storage);
      await vscode.workspace.fs.writeFile(modelUri, result.bytes);
      await vscode.workspace.fs.writeFile(metaUri, new TextEncoder().encode(JSON.stringify(meta)));
      useModel(result.bytes, meta);
      log.info(
        `learning: learned (scope ${learnScope}) from ${result.corrections} correction(s) in ${result.articles} of ${result.scanned} article(s) in ${lastTimings.totalMs.toFixed(0)} ms ` +
          `(examples ${result.examplesMs.toFixed(0)} ms, learning ${result.learnMs.toFixed(0)} ms, in the worker; applied in ${lastTimings.applyMs?.toFixed(0)} ms)`,
      );
    } catch (err) {
      report('learn', vscode.l10n.t('News Lens could not learn from the corrections: {0}', err instanceof Error ? err.message : String(err)));
    } finally {
      runs++;
    }
  };
  const scheduler = new LearnScheduler(learn, DEBOUNCE_MS);

  /** Start-up: the stored model if it is still good (and nothing changed since: no run), else learn. */
  const start = async () => {
    if (!enabled() || !modelUri || !metaUri) return;
    let meta: Meta | undefined;
    let bytes: Uint8Array | undefined;
    try {
      meta = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(metaUri))) as Meta;
      bytes = await vscode.workspace.fs.readFile(modelUri);
    } catch {
      meta = undefined; // nothing stored
    }
    if (meta && bytes) {
      try {
        useModel(bytes, meta);
        if ((await sidecars()).signature === meta.signature) return;
      } catch (err) {
        report('stored', vscode.l10n.t('News Lens discarded its learned model and learns again: {0}', err instanceof Error ? err.message : String(err)));
        await deleteStored();
        useModel(undefined, undefined);
      }
    }
    scheduler.trigger(STARTUP_DELAY_MS);
  };

  const reset = async () => {
    await scheduler.whenIdle(); // a run going on would put its model back
    const { signature } = await sidecars();
    await context.workspaceState.update(RESET_KEY, signature);
    await deleteStored();
    useModel(undefined, undefined);
    log.info('learning: learned model reset; the shipped model is used until the corrections change');
  };

  const watcher = vscode.workspace.createFileSystemWatcher('**/*.annotations.yaml');
  const changed = () => { if (enabled()) scheduler.trigger(); };
  void start();

  const view: LearningView = {
    get statusText() { return item.text && current && enabled() ? item.text : undefined; },
    get corrections() { return current?.corrections ?? 0; },
    get articles() { return current?.articles ?? 0; },
    modelUri,
    get runs() { return runs; },
    get lastTimings() { return lastTimings; },
    whenIdle: () => scheduler.whenIdle(),
  };

  const disposable = vscode.Disposable.from(
    item,
    watcher,
    watcher.onDidCreate(changed),
    watcher.onDidChange(changed),
    watcher.onDidDelete(changed),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration(`newsLens.${SETTING}`) && !e.affectsConfiguration(`newsLens.${SCOPE_SETTING}`)) return;
      if (enabled()) void start();
      else if (current) useModel(undefined, undefined);
      else item.hide();
    }),
    vscode.commands.registerCommand(LEARN_NOW_COMMAND, async () => {
      if (!enabled()) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Learning from corrections is off (newsLens.learning.enabled) or no folder is open.'));
        return;
      }
      force = true;
      scheduler.trigger(0);
      await scheduler.whenIdle();
    }),
    vscode.commands.registerCommand(RESET_LEARNED_COMMAND, reset),
    vscode.commands.registerCommand(LEARNING_MENU_COMMAND, async () => {
      const learnNow = { label: vscode.l10n.t('$(refresh) Learn from Corrections Now'), run: () => vscode.commands.executeCommand(LEARN_NOW_COMMAND) };
      const resetIt = { label: vscode.l10n.t('$(discard) Reset Learned Model'), run: () => vscode.commands.executeCommand(RESET_LEARNED_COMMAND) };
      const showLog = { label: vscode.l10n.t('$(output) Show Log'), run: () => log.show() };
      const picked = await vscode.window.showQuickPick([learnNow, resetIt, showLog], { placeHolder: item.tooltip as string | undefined });
      await picked?.run();
    }),
    { dispose: () => { scheduler.dispose(); void running?.terminate(); } },
  );
  return Object.assign(disposable, { view });
}
