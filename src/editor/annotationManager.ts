// Editor side of the annotation store: one AnnotationStore per open article, the sidecar read and written
// through vscode.workspace.fs, annotations resolved against the document's current text (cached per
// version), and an event when they change (our own edits, or the sidecar changed on disk).
//
// Live tracking while an article is edited is the manager's own business: every change shifts the known
// positions (VS Code does not track ranges for extensions), ranges edited inside are re-anchored after a
// pause, and saving the article writes the moved annotations' new offsets and context to the sidecar. The
// manager subscribes to those document events itself, in its constructor: VS Code calls listeners in the
// order they subscribed, and every feature is handed the manager after it exists, so positions are always
// shifted before any feature looks at an edited article, whatever order the features are registered in.
import * as vscode from 'vscode';
import { execFile } from 'node:child_process';
import { userInfo } from 'node:os';
import { resolveLive, shiftResolved, type LiveAnchors } from './liveAnchors';
import { sidecarStateName } from './util/displayNames';
import {
  AnnotationStore,
  createFileExclusive,
  isSidecarPath,
  articlePathFor,
  type Annotation,
  type AnnotationPatch,
  type AnnotationStatus,
  type Correction,
  type NewCorrectionFields,
  type ResolvedCorrection,
  type FileKind,
  type ResolvedAnnotation,
  type SidecarError,
  type SidecarState,
  type StoreFileSystem,
  type TextEdit,
  type WriteAwareFileSystem,
  type WriteTarget,
} from '../store/index';
import type { Analysis } from '../engine/types';
import { correctAnalysis, type CorrectedResult } from '../corrections/index';

/**
 * The store's file system over vscode.workspace.fs; paths are URI strings.
 *
 * The sidecar lock: VS Code's FileSystem has no exclusive create (`workspace.fs.writeFile` takes no
 * options; only a provider's writeFile has `{create, overwrite}`), so the lock is taken with node's
 * `open(path, 'wx')` for `file:` URIs — the same lock file the CLI takes. Other schemes (virtual file
 * systems) answer `undefined`: their saves are serialised within this window only, not against other
 * processes.
 *
 * What the API lets a write keep (see `writeFileAtomic`): a sidecar on a read-only file system is refused (`FilePermission.Readonly`;
 * the API does not report a file whose own mode forbids writing — VS Code keeps that "locked" bit to
 * itself — but the copy below then refuses the write, except for root); a symbolic link is written in
 * place through the link (the API cannot resolve it, so that write is not atomic) and a dangling one is
 * refused; the permission bits, which the API can neither read nor set, are kept by starting the temp
 * file as a copy of the sidecar (`workspace.fs.copy` keeps them) and overwriting it.
 */
export function workspaceFileSystem(): StoreFileSystem & WriteAwareFileSystem {
  const uri = (p: string) => vscode.Uri.parse(p);
  return {
    createExclusive: async (p, data) => {
      const u = uri(p);
      return u.scheme === 'file' ? createFileExclusive(u.fsPath, data) : undefined;
    },
    readDirectory: async (p) => (await vscode.workspace.fs.readDirectory(uri(p))).map(([name]) => name),
    readFile: async (p) => vscode.workspace.fs.readFile(uri(p)),
    writeFile: async (p, data) => vscode.workspace.fs.writeFile(uri(p), data),
    rename: async (from, to) => vscode.workspace.fs.rename(uri(from), uri(to), { overwrite: true }),
    stat: async (p) => {
      try {
        const s = await vscode.workspace.fs.stat(uri(p));
        // The kind lets the store refuse a sidecar that is no regular file (a link to /dev/zero, a
        // FIFO) before reading it: workspace.fs.readFile would read it without end or block.
        return { size: s.size, mtimeMs: s.mtime, kind: fileKindOfStat(s) };
      } catch {
        return undefined;
      }
    },
    delete: async (p) => vscode.workspace.fs.delete(uri(p)),
    writeTarget: async (p): Promise<WriteTarget> => {
      let s: vscode.FileStat;
      try {
        s = await vscode.workspace.fs.stat(uri(p));
      } catch (e) {
        if (e instanceof vscode.FileSystemError && e.code === 'FileNotFound') return { kind: 'missing' };
        throw e;
      }
      const link = (s.type & vscode.FileType.SymbolicLink) !== 0;
      if (s.type & vscode.FileType.Directory) return { kind: 'other' };
      // A link whose target is gone is reported as a link to nothing (FileType.Unknown).
      if (!(s.type & vscode.FileType.File)) return link ? { kind: 'dangling' } : { kind: 'other' };
      const readOnly = ((s.permissions ?? 0) & vscode.FilePermission.Readonly) !== 0;
      return link ? { kind: 'link', readOnly } : { kind: 'file', readOnly };
    },
    copyFile: async (from, to) => vscode.workspace.fs.copy(uri(from), uri(to), { overwrite: false }),
  };
}

/** The store's FileKind of a VS Code FileStat (links followed): a device, FIFO, socket or dangling link is
 *  FileType.Unknown. */
export function fileKindOfStat(s: vscode.FileStat): FileKind {
  if (s.type & vscode.FileType.File) return 'file';
  if (s.type & vscode.FileType.Directory) return 'directory';
  return 'other';
}

export interface AnnotationFields {
  label?: string;
  note?: string;
}

interface ResolvedCache {
  version: number;
  live: LiveAnchors;
  /** The store changed since: resolve again (keeping the live positions of unchanged targets). */
  stale?: boolean;
}

/** What the editor knows about an article's sidecar file. */
export interface SidecarStatus {
  sidecar: vscode.Uri;
  state: SidecarState;
  errors: SidecarError[];
  readOnly: boolean;
}

/** One correction change, as undo puts it back: the correction added, and the ones it replaced (with
 *  where they were). */
interface CorrectionUndo {
  key: string;
  added?: string;
  removed: Array<{ correction: Correction; start: number; end: number; speaker?: { start: number; end: number } }>;
}

/** How many correction changes undo remembers. */
const MAX_UNDO = 50;

/** Pause after the last keystroke before edited-inside annotations are re-anchored. */
const RECHECK_DELAY_MS = 400;

export class AnnotationManager implements vscode.Disposable {
  private readonly stores = new Map<string, Promise<AnnotationStore>>();
  private readonly resolvedCache = new Map<string, ResolvedCache>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly recheckTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private gitUserName: Promise<string | undefined> | undefined;
  /** Fires with the article's URI when its annotations changed. */
  readonly onDidChange = this.changed.event;
  private readonly correctionsChanged = new vscode.EventEmitter<vscode.Uri>();
  /** Fires with the article's URI when its corrections changed (ours, or the sidecar on disk). */
  readonly onDidChangeCorrections = this.correctionsChanged.event;
  /** Correction changes made in this window, latest last (newsLens.undoCorrection). */
  private readonly undoStack: CorrectionUndo[] = [];

  constructor(
    private readonly fs: StoreFileSystem,
    private readonly configuredAuthor: () => string | undefined,
    private readonly isArticle: (doc: vscode.TextDocument) => boolean,
    private readonly log?: vscode.LogOutputChannel,
  ) {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.annotations.yaml');
    const onSidecar = (sidecar: vscode.Uri) => void this.reloadFromDisk(sidecar);
    this.subscriptions.push(
      // First of all (see the top of this file): shift the positions by each edit of an article.
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (this.isArticle(e.document)) this.track(e);
      }),
      vscode.workspace.onDidSaveTextDocument((doc) => void this.persistMovesOnSave(doc)),
      watcher,
      watcher.onDidChange(onSidecar),
      watcher.onDidCreate(onSidecar),
      watcher.onDidDelete(onSidecar),
      vscode.workspace.onDidCloseTextDocument((doc) => {
        this.stores.delete(doc.uri.toString());
        this.resolvedCache.delete(doc.uri.toString());
        clearTimeout(this.recheckTimers.get(doc.uri.toString()));
        this.recheckTimers.delete(doc.uri.toString());
      }),
    );
  }

  /**
   * The document's annotations, anchored on its current text. While the user types, positions are
   * shifted live (see `track`); annotations edited inside keep their shifted range until the pause.
   */
  async resolved(doc: vscode.TextDocument): Promise<ResolvedAnnotation[]> {
    const key = doc.uri.toString();
    const cached = this.resolvedCache.get(key);
    if (cached && cached.version === doc.version && !cached.stale) return cached.live.resolved;
    const store = await this.store(doc);
    return this.resolveNow(doc, store);
  }

  /** Like `resolved`, but with pending re-checks done first (used before writing offsets). */
  async settled(doc: vscode.TextDocument): Promise<ResolvedAnnotation[]> {
    const store = await this.store(doc);
    const cached = this.resolvedCache.get(doc.uri.toString());
    if (cached && cached.version === doc.version && !cached.stale && cached.live.recheck.size === 0) return cached.live.resolved;
    return this.resolveNow(doc, store, true);
  }

  /** State of the article's sidecar (loads it if needed). */
  async status(doc: vscode.TextDocument): Promise<SidecarStatus> {
    const store = await this.store(doc);
    return { sidecar: vscode.Uri.parse(store.sidecarPath), state: store.state, errors: store.errors, readOnly: store.readOnly };
  }

  /**
   * Live tracking: VS Code does not move ranges for extensions, so shift the known positions by each
   * change; ranges edited inside are flagged and re-anchored after a pause. Untouched ranges hold the
   * very same characters, so they stay where they are — a note never jumps onto other words.
   */
  private track(e: vscode.TextDocumentChangeEvent): void {
    if (e.contentChanges.length === 0) return;
    const doc = e.document;
    const key = doc.uri.toString();
    const cached = this.resolvedCache.get(key);
    if (!cached) return;
    if (cached.version !== doc.version - 1) {
      // Missed an event: positions unknown; resolve from the stored targets next time.
      this.resolvedCache.delete(key);
      return;
    }
    const edits: TextEdit[] = e.contentChanges.map((c) => ({ start: c.rangeOffset, end: c.rangeOffset + c.rangeLength, newLength: c.text.length }));
    const live = shiftResolved(cached.live, edits, (start, end) => doc.getText(new vscode.Range(doc.positionAt(start), doc.positionAt(end))));
    this.resolvedCache.set(key, { version: doc.version, live, stale: cached.stale });
    clearTimeout(this.recheckTimers.get(key));
    this.recheckTimers.set(key, setTimeout(() => {
      this.recheckTimers.delete(key);
      void this.afterPause(doc);
    }, RECHECK_DELAY_MS));
  }

  /**
   * On save of the article: write the new offsets and context of annotations that moved (confidently
   * anchored ones only; uncertain ones keep their stored target until a person re-attaches them).
   * Returns how many were updated.
   */
  async persistMoves(doc: vscode.TextDocument): Promise<number> {
    const store = await this.store(doc);
    if (store.readOnly) return 0;
    const resolved = await this.settled(doc);
    const text = doc.getText();
    store.setText(text);
    let n = 0;
    for (const r of resolved) {
      const { state, start, end } = r.anchor;
      if ((state !== 'anchored' && state !== 'moved') || start === undefined || end === undefined) continue;
      const t = r.annotation.target;
      // A hand-written entry without offsets has nothing stale to update: leave the file as written.
      if (t.start === undefined) continue;
      if (t.start === start && t.end === end && state === 'anchored') continue;
      if (!store.get(r.annotation.id)) continue;
      store.retarget(r.annotation.id, text, { start, end });
      n++;
    }
    // Corrections that moved go with them (confident anchors only, as for notes).
    for (const r of store.resolveCorrections(text)) {
      const { state, start, end } = r.anchor;
      if ((state !== 'anchored' && state !== 'moved') || start === undefined || end === undefined || r.correction.target.start === undefined) continue;
      if (r.correction.target.start === start && r.correction.target.end === end && state === 'anchored') continue;
      store.retargetCorrection(r.correction.id, text, { start, end });
      n++;
    }
    if (n > 0) await this.saved(doc.uri, store);
    return n;
  }

  private async persistMovesOnSave(doc: vscode.TextDocument): Promise<void> {
    if (!this.isArticle(doc)) return;
    try {
      const n = await this.persistMoves(doc);
      if (n > 0) this.log?.info(`${doc.uri.toString(true)}: updated the position of ${n} annotation(s)`);
    } catch (err) {
      this.log?.warn(`could not update annotation positions of ${doc.uri.toString(true)}: ${String(err)}`);
    }
  }

  private async afterPause(doc: vscode.TextDocument): Promise<void> {
    const key = doc.uri.toString();
    const cached = this.resolvedCache.get(key);
    if (doc.isClosed) return;
    if (cached && cached.version === doc.version && cached.live.recheck.size > 0) {
      try {
        await this.resolveNow(doc, await this.store(doc), true);
      } catch (err) {
        this.log?.warn(`re-anchoring ${doc.uri.toString(true)} failed: ${String(err)}`);
      }
    }
    this.changed.fire(doc.uri);
  }

  /**
   * Resolves the annotations on the document's current text. Positions known from live tracking (same
   * document version, target unchanged since, not edited inside) are kept; the rest are re-anchored
   * from their stored targets. With `full`, edited-inside ranges are re-anchored too (after the pause);
   * without, they keep their shifted range for now.
   */
  private resolveNow(doc: vscode.TextDocument, store: AnnotationStore, full = false): ResolvedAnnotation[] {
    const key = doc.uri.toString();
    const text = doc.getText();
    const prior = this.resolvedCache.get(key);
    const live = resolveLive(text, store.annotations, prior && prior.version === doc.version ? prior.live : undefined, full);
    store.setText(text);
    this.resolvedCache.set(key, { version: doc.version, live });
    return live.resolved;
  }

  /** Annotations whose anchored range contains (or touches) the offset. */
  async at(doc: vscode.TextDocument, offset: number): Promise<ResolvedAnnotation[]> {
    return (await this.resolved(doc)).filter(
      (r) => r.anchor.start !== undefined && r.anchor.end !== undefined && r.anchor.start <= offset && offset <= r.anchor.end,
    );
  }

  async add(doc: vscode.TextDocument, start: number, end: number, fields: AnnotationFields): Promise<Annotation> {
    const store = await this.writableStore(doc);
    const author = await this.author(doc.uri);
    const annotation = store.add(doc.getText(), { start, end }, { ...fields, author });
    await this.saved(doc.uri, store);
    return annotation;
  }

  async update(doc: vscode.TextDocument, id: string, patch: AnnotationPatch): Promise<void> {
    const store = await this.writableStore(doc);
    store.update(id, patch);
    await this.saved(doc.uri, store);
  }

  async remove(doc: vscode.TextDocument, id: string): Promise<void> {
    const store = await this.writableStore(doc);
    store.remove(id);
    await this.saved(doc.uri, store);
  }

  /** Point an annotation at `doc`'s text between the offsets (re-attaching an orphan, accepting a review). */
  async retarget(doc: vscode.TextDocument, id: string, start: number, end: number): Promise<Annotation> {
    const store = await this.writableStore(doc);
    if (!store.get(id)) throw new Error(vscode.l10n.t('no annotation with id {0}', id));
    const annotation = store.retarget(id, doc.getText(), { start, end });
    await this.saved(doc.uri, store);
    return annotation;
  }

  async reply(doc: vscode.TextDocument, id: string, body: string): Promise<void> {
    const store = await this.writableStore(doc);
    if (!store.get(id)) throw new Error(vscode.l10n.t('no annotation with id {0}', id));
    store.addReply(id, { body, author: await this.author(doc.uri) });
    await this.saved(doc.uri, store);
  }

  async setStatus(doc: vscode.TextDocument, id: string, status: AnnotationStatus): Promise<void> {
    await this.update(doc, id, { status });
  }

  async find(doc: vscode.TextDocument, id: string): Promise<ResolvedAnnotation | undefined> {
    return (await this.resolved(doc)).find((r) => r.annotation.id === id);
  }

  /** The article's corrections, anchored on its current text. */
  async corrections(doc: vscode.TextDocument): Promise<ResolvedCorrection[]> {
    const store = await this.store(doc);
    return store.state === 'ok' ? store.resolveCorrections(doc.getText()) : [];
  }

  /** `raw` (an analysis of `text`, the document's text at some version) with the sidecar's corrections
   *  applied; undefined when there are none. */
  async correct(doc: vscode.TextDocument, text: string, raw: Analysis): Promise<CorrectedResult | undefined> {
    const store = await this.store(doc);
    if (store.state !== 'ok' || store.corrections.length === 0) return undefined;
    return correctAnalysis(text, raw, store.resolveCorrections(text));
  }

  /**
   * Add a correction on `doc`'s text between the offsets. It replaces the corrections it makes moot: an
   * entity correction the entity corrections overlapping it (retyping an added name keeps it added); a
   * quotation correction the overlapping ones of its action (a rejection all of them).
   */
  async addCorrection(doc: vscode.TextDocument, start: number, end: number, fields: NewCorrectionFields): Promise<Correction> {
    const store = await this.writableStore(doc);
    const text = doc.getText();
    const undo: CorrectionUndo = { key: doc.uri.toString(), removed: [] };
    let action = fields.action;
    for (const r of store.resolveCorrections(text)) {
      const c = r.correction;
      const { start: s, end: e } = r.anchor;
      if (s === undefined || e === undefined || !(s < end && start < e) || c.kind !== fields.kind) continue;
      if (c.kind === 'quote' && fields.action !== 'reject' && c.action !== fields.action) continue;
      if (c.kind === 'entity' && c.action === 'add' && fields.action === 'retype') action = 'add';
      const sp = r.speakerAnchor;
      undo.removed.push({ correction: c, start: s, end: e, ...(sp?.start !== undefined && sp.end !== undefined ? { speaker: { start: sp.start, end: sp.end } } : {}) });
      store.removeCorrection(c.id);
    }
    const added = store.addCorrection(text, { start, end }, { ...fields, action, author: fields.author ?? (await this.author(doc.uri)) });
    undo.added = added.id;
    await this.correctionsSaved(doc.uri, store, undo);
    return added;
  }

  async removeCorrection(doc: vscode.TextDocument, id: string): Promise<void> {
    const store = await this.writableStore(doc);
    const r = store.resolveCorrections(doc.getText()).find((x) => x.correction.id === id);
    if (!r) throw new Error(vscode.l10n.t('no correction with id {0}', id));
    const { start, end } = r.anchor;
    store.removeCorrection(id);
    const sp = r.speakerAnchor;
    const removed = start !== undefined && end !== undefined
      ? [{ correction: r.correction, start, end, ...(sp?.start !== undefined && sp.end !== undefined ? { speaker: { start: sp.start, end: sp.end } } : {}) }]
      : [];
    await this.correctionsSaved(doc.uri, store, { key: doc.uri.toString(), removed });
  }

  /** Undo the latest correction change made in this window on `doc`; false when there is none. */
  async undoCorrection(doc: vscode.TextDocument): Promise<boolean> {
    const key = doc.uri.toString();
    const i = this.undoStack.map((u) => u.key).lastIndexOf(key);
    if (i < 0) return false;
    const store = await this.writableStore(doc);
    const [undo] = this.undoStack.splice(i, 1);
    if (undo!.added) store.removeCorrection(undo!.added);
    const text = doc.getText();
    for (const { correction: c, start, end, speaker } of undo!.removed) {
      const fields: NewCorrectionFields = { id: c.id, kind: c.kind, action: c.action };
      if (c.type !== undefined) fields.type = c.type;
      if (speaker) fields.speaker = speaker;
      if (c.author !== undefined) fields.author = c.author;
      if (c.note !== undefined) fields.note = c.note;
      if (end <= text.length) store.addCorrection(text, { start, end }, fields);
    }
    await this.correctionsSaved(doc.uri, store);
    return true;
  }

  private async correctionsSaved(article: vscode.Uri, store: AnnotationStore, undo?: CorrectionUndo): Promise<void> {
    await store.save();
    if (undo) {
      this.undoStack.push(undo);
      if (this.undoStack.length > MAX_UNDO) this.undoStack.shift();
    }
    this.correctionsChanged.fire(article);
    this.changed.fire(article);
  }

  dispose(): void {
    this.correctionsChanged.dispose();
    for (const s of this.subscriptions) s.dispose();
    for (const t of this.recheckTimers.values()) clearTimeout(t);
    this.recheckTimers.clear();
    this.changed.dispose();
    this.stores.clear();
    this.resolvedCache.clear();
  }

  /** Author of new annotations: the setting, else `git config user.name`, else the OS user name. */
  async author(resource?: vscode.Uri): Promise<string> {
    const configured = this.configuredAuthor()?.trim();
    if (configured) return configured;
    this.gitUserName ??= new Promise((resolve) => {
      const cwd = resource && resource.scheme === 'file' ? vscode.Uri.joinPath(resource, '..').fsPath : undefined;
      // In a workspace not (yet) trusted, a repository-local user.name is the workspace's say, not the user's:
      // read only the user's own (global) git configuration there.
      const args = vscode.workspace.isTrusted ? ['config', 'user.name'] : ['config', '--global', 'user.name'];
      execFile('git', args, { cwd, timeout: 3000 }, (err, stdout) => {
        resolve(err ? undefined : stdout.trim() || undefined);
      });
    });
    const git = await this.gitUserName;
    if (git) return git;
    try {
      return userInfo().username;
    } catch {
      return 'unknown';
    }
  }

  private store(doc: vscode.TextDocument): Promise<AnnotationStore> {
    const key = doc.uri.toString();
    let store = this.stores.get(key);
    if (!store) {
      store = AnnotationStore.open(this.fs, key, { text: doc.getText() });
      store.catch(() => this.stores.delete(key));
      this.stores.set(key, store);
    }
    return store;
  }

  private async writableStore(doc: vscode.TextDocument): Promise<AnnotationStore> {
    const store = await this.store(doc);
    if (store.readOnly) {
      const first = store.errors[0];
      const state = sidecarStateName(store.state);
      throw new Error(first
        ? vscode.l10n.t('The annotations file of this article cannot be changed: it is {0} (line {1}: {2}). Fix it by hand first.', state, first.line, first.message)
        : vscode.l10n.t('The annotations file of this article cannot be changed: it is {0}. Fix it by hand first.', state));
    }
    return store;
  }

  private async saved(article: vscode.Uri, store: AnnotationStore): Promise<void> {
    await store.save();
    this.invalidate(article.toString());
    this.changed.fire(article);
  }

  /** The store changed: resolve again, keeping live-tracked positions of unchanged targets. */
  private invalidate(key: string): void {
    const cached = this.resolvedCache.get(key);
    if (cached) cached.stale = true;
  }

  private async reloadFromDisk(sidecar: vscode.Uri): Promise<void> {
    const path = sidecar.toString();
    if (!isSidecarPath(path)) return;
    const article = articlePathFor(path);
    const store = this.stores.get(article);
    if (!store) return;
    try {
      const loaded = await store;
      const result = await loaded.reload();
      if (!result.changed) return;
      // Unsaved local changes survive a reload (the store merges them by id); write them now.
      if (loaded.dirty && !loaded.readOnly) await loaded.save();
    } catch (err) {
      this.log?.warn(`reloading ${path} failed: ${String(err)}`);
    }
    this.invalidate(article);
    this.changed.fire(vscode.Uri.parse(article));
    this.correctionsChanged.fire(vscode.Uri.parse(article));
  }
}
