// Review threads: every annotation placed in the text is a Comments API thread (the note first, then the
// replies), with reply, resolve and reopen stored in the sidecar (`replies`, `status`). Orphaned notes have
// no place in the text; they are listed in Problems and the Annotations view instead.
//
// Commands (also usable with arguments, for tests and automation):
//   newsLens.replyToAnnotation({ id, body, uri? })   — or a CommentReply from the thread's reply box
//   newsLens.resolveAnnotation({ id, uri? })         — or a CommentThread from the thread's title bar
//   newsLens.reopenAnnotation({ id, uri? })
import * as vscode from 'vscode';
import type { Annotation, ResolvedAnnotation } from '../store/index';
import { documentFor } from './annotationCommands';
import { Commands } from './commandIds';
import type { Services } from './services';

export const COMMENT_CONTROLLER_ID = 'newsLens';

interface Owner {
  uri: vscode.Uri;
  id: string;
}

interface ThreadArgs {
  id?: unknown;
  body?: unknown;
  uri?: unknown;
}

export function registerReviewThreads(isArticle: (doc: vscode.TextDocument) => boolean, services: Services): vscode.Disposable {
  const controller = vscode.comments.createCommentController(COMMENT_CONTROLLER_ID, 'News Lens');
  controller.options = { prompt: 'Reply to this annotation…', placeHolder: 'Reply' };
  /** Threads by article, then by annotation id. */
  const threads = new Map<string, Map<string, vscode.CommentThread>>();
  const owners = new WeakMap<vscode.CommentThread, Owner>();
  /** What each thread's comments show, to skip needless updates. */
  const shown = new WeakMap<vscode.CommentThread, string>();

  const sync = async (doc: vscode.TextDocument) => {
    if (!isArticle(doc) || doc.isClosed) return;
    let resolved: ResolvedAnnotation[];
    let readOnly: boolean;
    try {
      readOnly = (await services.annotations.status(doc)).readOnly;
      resolved = await services.annotations.resolved(doc);
    } catch (err) {
      services.log.warn(`review threads of ${doc.uri.toString(true)}: ${String(err)}`);
      return;
    }
    if (doc.isClosed) return;
    const key = doc.uri.toString();
    const mine = threads.get(key) ?? new Map<string, vscode.CommentThread>();
    threads.set(key, mine);
    const seen = new Set<string>();
    for (const r of resolved) {
      if (r.anchor.start === undefined || r.anchor.end === undefined) continue;
      const a = r.annotation;
      seen.add(a.id);
      const range = new vscode.Range(doc.positionAt(r.anchor.start), doc.positionAt(r.anchor.end));
      let thread = mine.get(a.id);
      if (!thread) {
        // Created with its comments (a thread without comments opens as an empty draft with a reply box).
        thread = controller.createCommentThread(doc.uri, range, comments(a));
        thread.collapsibleState = vscode.CommentThreadCollapsibleState.Collapsed;
        mine.set(a.id, thread);
        owners.set(thread, { uri: doc.uri, id: a.id });
      } else {
        if (!thread.range || !thread.range.isEqual(range)) thread.range = range;
        // Re-render only what changed (an open reply box must not flicker while the user types).
        if (shown.get(thread) !== signature(a)) thread.comments = comments(a);
      }
      shown.set(thread, signature(a));
      const resolvedStatus = a.status === 'resolved';
      const label = `${a.label ?? 'note'}${r.anchor.state === 'needs-review' ? ' · needs review' : ''}`;
      const state = resolvedStatus ? vscode.CommentThreadState.Resolved : vscode.CommentThreadState.Unresolved;
      // One value (menus compare it with ==): read-only threads offer neither reply nor resolve/reopen.
      const contextValue = readOnly ? 'newsLens.readOnly' : resolvedStatus ? 'newsLens.resolved' : 'newsLens.open';
      // Each assignment is a round trip to the workbench: only assign what changed.
      if (thread.label !== label) thread.label = label;
      if (thread.state !== state) thread.state = state;
      if (thread.contextValue !== contextValue) thread.contextValue = contextValue;
      if (thread.canReply !== !readOnly) thread.canReply = !readOnly;
    }
    for (const [id, thread] of mine) {
      if (seen.has(id)) continue;
      thread.dispose();
      mine.delete(id);
    }
  };

  const syncUri = (uri: vscode.Uri) => {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (doc) void sync(doc);
  };

  const dropDocument = (doc: vscode.TextDocument) => {
    const mine = threads.get(doc.uri.toString());
    if (!mine) return;
    for (const t of mine.values()) t.dispose();
    threads.delete(doc.uri.toString());
  };

  const guarded = <A extends unknown[]>(fn: (...args: A) => Promise<void>) => async (...args: A): Promise<void> => {
    try {
      await fn(...args);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      services.log.error(message);
      void vscode.window.showErrorMessage(`News Lens: ${message}`);
    }
  };

  /** The article and annotation a command is about: a thread from a menu, or `{id, uri?}` arguments. */
  const target = async (arg: unknown): Promise<{ doc: vscode.TextDocument; id: string }> => {
    const thread = isThread(arg) ? arg : isReply(arg) ? arg.thread : undefined;
    const owner = thread && owners.get(thread);
    if (owner) return { doc: await vscode.workspace.openTextDocument(owner.uri), id: owner.id };
    const { id, uri } = (arg ?? {}) as ThreadArgs;
    if (typeof id !== 'string') throw new Error('which annotation? Pass { id } or use the comment thread');
    if (uri !== undefined) return { doc: await documentFor(uri), id };
    // Without a uri: the active article, else any open article that has this annotation.
    const candidates = [vscode.window.activeTextEditor?.document, ...vscode.workspace.textDocuments].filter(
      (d): d is vscode.TextDocument => !!d && isArticle(d),
    );
    for (const doc of candidates) {
      if (await services.annotations.find(doc, id).catch(() => undefined)) return { doc, id };
    }
    throw new Error(`no open article has an annotation with id ${id}`);
  };

  const reply = async (arg: unknown) => {
    const body = isReply(arg) ? arg.text : (arg as ThreadArgs | undefined)?.body;
    if (typeof body !== 'string' || !body.trim()) throw new Error('a reply needs some text');
    const { doc, id } = await target(arg);
    await services.annotations.reply(doc, id, body.trim());
  };

  const setStatus = (status: 'open' | 'resolved') => async (arg: unknown) => {
    const { doc, id } = await target(arg);
    await services.annotations.setStatus(doc, id, status);
  };

  vscode.workspace.textDocuments.forEach((d) => void sync(d));
  return vscode.Disposable.from(
    controller,
    services.annotations.onDidChange(syncUri),
    vscode.workspace.onDidOpenTextDocument((d) => void sync(d)),
    vscode.workspace.onDidCloseTextDocument(dropDocument),
    vscode.commands.registerCommand(Commands.replyToAnnotation, guarded(reply)),
    vscode.commands.registerCommand(Commands.resolveAnnotation, guarded(setStatus('resolved'))),
    vscode.commands.registerCommand(Commands.reopenAnnotation, guarded(setStatus('open'))),
    { dispose: () => threads.forEach((m) => m.forEach((t) => t.dispose())) },
  );
}

function signature(a: Annotation): string {
  return JSON.stringify([a.label, a.note, a.author, a.created, a.updated, a.status, a.replies]);
}

function comments(a: Annotation): vscode.Comment[] {
  const note: vscode.Comment = {
    body: untrusted(a.note ?? '(no note)'),
    mode: vscode.CommentMode.Preview,
    author: { name: a.author ?? 'unknown' },
    contextValue: 'newsLens.note',
  };
  const when = [a.created, a.updated].find((t) => t && !Number.isNaN(Date.parse(t)));
  if (when) note.timestamp = new Date(when);
  const replies = (a.replies ?? []).map((r): vscode.Comment => {
    const c: vscode.Comment = {
      body: untrusted(r.body),
      mode: vscode.CommentMode.Preview,
      author: { name: r.author ?? 'unknown' },
      contextValue: 'newsLens.reply',
    };
    if (r.created && !Number.isNaN(Date.parse(r.created))) c.timestamp = new Date(r.created);
    return c;
  });
  return [note, ...replies];
}

/** Sidecar text is untrusted: literal text only, no command links, no HTML. */
function untrusted(text: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  md.isTrusted = false;
  md.supportHtml = false;
  md.appendText(text);
  return md;
}

function isThread(x: unknown): x is vscode.CommentThread {
  return !!x && typeof x === 'object' && 'uri' in x && 'comments' in x && Array.isArray((x as { comments: unknown }).comments);
}

function isReply(x: unknown): x is vscode.CommentReply {
  return !!x && typeof x === 'object' && 'thread' in x && 'text' in x && typeof (x as { text: unknown }).text === 'string';
}
