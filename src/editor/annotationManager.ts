// Editor side of the annotation store: one AnnotationStore per open article, the sidecar read and written
// through vscode.workspace.fs, annotations resolved against the document's current text (cached per
// version), and an event when they change (our own edits, or the sidecar changed on disk).
import * as vscode from 'vscode';
import { execFile } from 'node:child_process';
import { userInfo } from 'node:os';
import {
  AnnotationStore,
  isSidecarPath,
  articlePathFor,
  type Annotation,
  type AnnotationPatch,
  type ResolvedAnnotation,
  type StoreFileSystem,
} from '../store/index';

/** The store's file system over vscode.workspace.fs; paths are URI strings. */
export function workspaceFileSystem(): StoreFileSystem {
  const uri = (p: string) => vscode.Uri.parse(p);
  return {
    readFile: async (p) => vscode.workspace.fs.readFile(uri(p)),
    writeFile: async (p, data) => vscode.workspace.fs.writeFile(uri(p), data),
    rename: async (from, to) => vscode.workspace.fs.rename(uri(from), uri(to), { overwrite: true }),
    stat: async (p) => {
      try {
        const s = await vscode.workspace.fs.stat(uri(p));
        return { size: s.size, mtimeMs: s.mtime };
      } catch {
        return undefined;
      }
    },
    delete: async (p) => vscode.workspace.fs.delete(uri(p)),
  };
}

export interface AnnotationFields {
  label?: string;
  note?: string;
}

interface ResolvedCache {
  version: number;
  resolved: ResolvedAnnotation[];
}

export class AnnotationManager implements vscode.Disposable {
  private readonly stores = new Map<string, Promise<AnnotationStore>>();
  private readonly resolvedCache = new Map<string, ResolvedCache>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private gitUserName: Promise<string | undefined> | undefined;
  /** Fires with the article's URI when its annotations changed. */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly fs: StoreFileSystem,
    private readonly configuredAuthor: () => string | undefined,
    private readonly log?: vscode.LogOutputChannel,
  ) {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.annotations.yaml');
    const onSidecar = (sidecar: vscode.Uri) => void this.reloadFromDisk(sidecar);
    this.subscriptions.push(
      watcher,
      watcher.onDidChange(onSidecar),
      watcher.onDidCreate(onSidecar),
      watcher.onDidDelete(onSidecar),
      vscode.workspace.onDidCloseTextDocument((doc) => {
        this.stores.delete(doc.uri.toString());
        this.resolvedCache.delete(doc.uri.toString());
      }),
    );
  }

  /** The document's annotations, anchored on its current text. */
  async resolved(doc: vscode.TextDocument): Promise<ResolvedAnnotation[]> {
    const key = doc.uri.toString();
    const cached = this.resolvedCache.get(key);
    if (cached && cached.version === doc.version) return cached.resolved;
    const store = await this.store(doc);
    const resolved = store.resolve(doc.getText());
    this.resolvedCache.set(key, { version: doc.version, resolved });
    return resolved;
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

  async find(doc: vscode.TextDocument, id: string): Promise<ResolvedAnnotation | undefined> {
    return (await this.resolved(doc)).find((r) => r.annotation.id === id);
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
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
      execFile('git', ['config', 'user.name'], { cwd, timeout: 3000 }, (err, stdout) => {
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
      const where = first ? ` (line ${first.line}: ${first.message})` : '';
      throw new Error(`The annotations file of this article cannot be changed: it is ${store.state}${where}. Fix it by hand first.`);
    }
    return store;
  }

  private async saved(article: vscode.Uri, store: AnnotationStore): Promise<void> {
    await store.save();
    this.resolvedCache.delete(article.toString());
    this.changed.fire(article);
  }

  private async reloadFromDisk(sidecar: vscode.Uri): Promise<void> {
    const path = sidecar.toString();
    if (!isSidecarPath(path)) return;
    const article = articlePathFor(path);
    const store = this.stores.get(article);
    if (!store) return;
    try {
      await (await store).reload();
    } catch (err) {
      this.log?.warn(`reloading ${path} failed: ${String(err)}`);
    }
    this.resolvedCache.delete(article);
    this.changed.fire(vscode.Uri.parse(article));
  }
}
