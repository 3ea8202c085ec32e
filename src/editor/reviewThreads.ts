// Review threads: every annotation placed in the text is a Comments API thread (the note first, then the
// replies), with reply, resolve and reopen stored in the sidecar (`replies`, `status`). Orphaned notes have
// no place in the text; they are listed in Problems and the Annotations view instead.
//
// New notes are typed in the comment widget too (multi-line):
// - the "+" in the gutter (and VS Code's "Add Comment"): the controller offers the whole article; the new
//   empty thread's "Add Note" button (comments/commentThread/context, `commentThreadIsEmpty`) passes a
//   CommentReply, and the label is asked afterwards (Escape saves the note without a label: typed text is
//   never thrown away for want of a label).
// - Annotate Selection, after the label: newsLens.startNote opens a thread on the words holding one comment
//   in editing mode, which gets the keyboard; its "Add Note" / "Cancel" buttons (comments/comment/context)
//   pass that comment, its body set to the typed text.
// Either way newsLens.saveNewNote creates the annotation on the thread's words and replaces the draft with
// the annotation's own thread.
//
// Commands (also usable with arguments, for tests and automation):
//   newsLens.replyToAnnotation({ id, body, uri? })   — or a CommentReply from the thread's reply box
//   newsLens.resolveAnnotation({ id, uri? })         — or a CommentThread from the thread's title bar, or a
//   newsLens.reopenAnnotation({ id, uri? })            node of the Annotations view
//   newsLens.startNote({ uri, range, label? })      — opens a draft thread (range: Range | {start,end}
//                                                      offsets); returns the CommentThread
//   newsLens.saveNewNote({ thread, text, label? })   — a CommentReply of a new thread, or its draft comment;
//                                                      `label` skips the label prompt; returns the Annotation
//   newsLens.cancelNewNote({ thread })                — closes a new thread without saving
//   newsLens.editNoteInThread({ id, uri? })          — the note's comment becomes an editing box (the pencil
//                                                      in the thread's title bar passes the thread); returns
//                                                      that comment
//   newsLens.saveNoteEdit(comment) / cancelNoteEdit(comment) — its Save / Cancel (body = the typed text)
import * as vscode from 'vscode';
import type { Annotation, ResolvedAnnotation } from '../store/index';
import { Commands } from './commandIds';
import type { Services } from './services';
import { annotationNodeTarget } from './util/annotationNode';
import { reportingErrors } from './util/commandErrors';
import { labelOf } from './util/displayNames';
import { documentFor, toOffsets } from './util/documents';
import { pickLabel } from './util/labelPicker';
import { shorten } from './util/text';

export const COMMENT_CONTROLLER_ID = 'newsLens';
/** After creating a draft thread collapsed, when to expand it (see startNote). */
const EXPAND_DELAY_MS = 150;

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
  const controller = vscode.comments.createCommentController(COMMENT_CONTROLLER_ID, vscode.l10n.t('News Lens'));
  controller.options = { prompt: vscode.l10n.t('Reply…'), placeHolder: vscode.l10n.t('Type a note or a reply (several lines are fine)') };
  // The "+" in the gutter: anywhere in an article whose sidecar can be written.
  controller.commentingRangeProvider = {
    provideCommentingRanges: async (doc) => {
      if (!isArticle(doc)) return [];
      const readOnly = await services.annotations.status(doc).then((st) => st.readOnly, () => true);
      if (readOnly || doc.lineCount === 0) return [];
      const last = doc.lineAt(doc.lineCount - 1);
      return [new vscode.Range(0, 0, last.lineNumber, last.range.end.character)];
    },
  };
  /** Empty threads opened by newsLens.startNote, by article (closed with the article). */
  const drafts = new Map<string, Set<vscode.CommentThread>>();
  /** The label chosen before the draft opened (Annotate Selection asks for it first). */
  const draftLabels = new WeakMap<vscode.CommentThread, string>();
  /** The thread of each draft comment (the comment is what its Add Note / Cancel buttons pass). */
  const draftOf = new WeakMap<vscode.Comment, vscode.CommentThread>();
  /** New-note threads already saved or cancelled. */
  const closed = new WeakSet<vscode.CommentThread>();
  /** Threads by article, then by annotation id. */
  const threads = new Map<string, Map<string, vscode.CommentThread>>();
  const owners = new WeakMap<vscode.CommentThread, Owner>();
  /** What each thread's comments show, to skip needless updates. */
  const shown = new WeakMap<vscode.CommentThread, string>();
  /** The thread of each comment we show (comment menus pass the comment). */
  const threadOf = new WeakMap<vscode.Comment, vscode.CommentThread>();
  const setComments = (thread: vscode.CommentThread, list: vscode.Comment[]) => {
    for (const c of list) threadOf.set(c, thread);
    thread.comments = list;
  };

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
        const list = comments(a);
        thread = controller.createCommentThread(doc.uri, range, list);
        for (const c of list) threadOf.set(c, thread);
        thread.collapsibleState = vscode.CommentThreadCollapsibleState.Collapsed;
        mine.set(a.id, thread);
        owners.set(thread, { uri: doc.uri, id: a.id });
      } else {
        if (!thread.range || !thread.range.isEqual(range)) thread.range = range;
        // Re-render only what changed (an open reply box must not flicker while the user types).
        if (shown.get(thread) !== signature(a)) setComments(thread, comments(a));
      }
      shown.set(thread, signature(a));
      const resolvedStatus = a.status === 'resolved';
      const words = shorten(a.target.exact, 40);
      const label = r.anchor.state === 'needs-review'
        ? vscode.l10n.t('{0} · “{1}” · needs review', labelOf(a), words)
        : vscode.l10n.t('{0} · “{1}”', labelOf(a), words);
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
    drafts.get(doc.uri.toString())?.forEach((t) => t.dispose());
    drafts.delete(doc.uri.toString());
    const mine = threads.get(doc.uri.toString());
    if (!mine) return;
    for (const t of mine.values()) t.dispose();
    threads.delete(doc.uri.toString());
  };

  const guarded = <A extends unknown[], R>(fn: (...args: A) => Promise<R>) => reportingErrors(services.log, fn);

  /** The article and annotation a command is about: a thread from a menu, or `{id, uri?}` arguments. */
  const target = async (arg: unknown): Promise<{ doc: vscode.TextDocument; id: string }> => {
    const thread = isThread(arg) ? arg : isReply(arg) ? arg.thread : undefined;
    const owner = thread ? owners.get(thread) : annotationNodeTarget(arg);
    if (owner) return { doc: await vscode.workspace.openTextDocument(owner.uri), id: owner.id };
    const { id, uri } = (arg ?? {}) as ThreadArgs;
    if (typeof id !== 'string') throw new Error(vscode.l10n.t('which annotation? Pass { id } or use the comment thread'));
    if (uri !== undefined) return { doc: await documentFor(uri), id };
    // Without a uri: the active article, else any open article that has this annotation.
    const candidates = [vscode.window.activeTextEditor?.document, ...vscode.workspace.textDocuments].filter(
      (d): d is vscode.TextDocument => !!d && isArticle(d),
    );
    for (const doc of candidates) {
      if (await services.annotations.find(doc, id).catch(() => undefined)) return { doc, id };
    }
    throw new Error(vscode.l10n.t('no open article has an annotation with id {0}', id));
  };

  const reply = async (arg: unknown) => {
    const body = isReply(arg) ? arg.text : (arg as ThreadArgs | undefined)?.body;
    if (typeof body !== 'string' || !body.trim()) throw new Error(vscode.l10n.t('a reply needs some text'));
    const { doc, id } = await target(arg);
    await services.annotations.reply(doc, id, body.trim());
  };

  const setStatus = (status: 'open' | 'resolved') => async (arg: unknown) => {
    const { doc, id } = await target(arg);
    await services.annotations.setStatus(doc, id, status);
  };

  /** An annotation's thread: itself, one of its comments (comment menus), or `{ id, uri? }`. */
  const threadTarget = async (arg: unknown): Promise<{ doc: vscode.TextDocument; id: string; thread: vscode.CommentThread }> => {
    const fromComment = arg && typeof arg === 'object' ? threadOf.get(arg as vscode.Comment) : undefined;
    const { doc, id } = await target(fromComment ?? arg);
    await sync(doc);
    const thread = threads.get(doc.uri.toString())?.get(id);
    if (!thread) throw new Error(vscode.l10n.t('the annotation {0} has no place in the text to show its note', id));
    return { doc, id, thread };
  };

  /**
   * The pencil in the thread's title bar: the note's comment turns into a (multi-line) editing box with
   * Save / Cancel. (In the title bar rather than on the comment: a comment title menu makes this workbench
   * throw "reading 'setActions'" for every comment that shows none of its actions.)
   */
  const editNoteInThread = async (arg: unknown): Promise<vscode.Comment> => {
    const { doc, id, thread } = await threadTarget(arg);
    const found = await services.annotations.find(doc, id);
    if (!found) throw new Error(vscode.l10n.t('no annotation with id {0}', id));
    const [note, ...replies] = comments(found.annotation);
    const editing: vscode.Comment = { ...note!, body: found.annotation.note ?? '', mode: vscode.CommentMode.Editing, contextValue: 'newsLens.noteEditing' };
    setComments(thread, [editing, ...replies]);
    thread.collapsibleState = vscode.CommentThreadCollapsibleState.Expanded;
    return editing;
  };

  /** Save under the editing box: the workbench passes the comment with the typed text as its body. */
  const saveNoteEdit = async (arg: unknown) => {
    const { doc, id, thread } = await threadTarget(arg);
    const body = (arg as Partial<vscode.Comment> | undefined)?.body;
    const text = typeof body === 'string' ? body : body && typeof body === 'object' ? body.value : undefined;
    if (text === undefined) throw new Error(vscode.l10n.t('Save needs the edited comment'));
    await services.annotations.update(doc, id, { note: text.trim() ? text.trim() : null, author: await services.annotations.author(doc.uri) });
    shown.delete(thread);
    await sync(doc);
  };

  const cancelNoteEdit = async (arg: unknown) => {
    const { doc, thread } = await threadTarget(arg);
    shown.delete(thread);
    await sync(doc);
  };

  const startNote = async (arg: unknown): Promise<vscode.CommentThread> => {
    const { uri, range, label } = (arg ?? {}) as { uri?: unknown; range?: unknown; label?: unknown };
    const doc = await documentFor(uri);
    if (!isArticle(doc)) throw new Error(vscode.l10n.t('notes can only be added to news articles'));
    const span = toOffsets(doc, range);
    if (!span) throw new Error(vscode.l10n.t('where should the note go? Pass a range'));
    const where = new vscode.Range(doc.positionAt(span.start), doc.positionAt(span.end));
    await vscode.window.showTextDocument(doc, { preserveFocus: false, preview: false, selection: new vscode.Selection(where.start, where.start) });
    const words = shorten(doc.getText().slice(span.start, span.end), 40);
    const chosen = typeof label === 'string' && label ? label : undefined;
    // One comment in editing mode: its box is where the note is typed (multi-line), with the "Add Note"
    // and "Cancel" buttons under it (comments/comment/context).
    const draft: vscode.Comment = {
      body: '',
      mode: vscode.CommentMode.Editing,
      author: { name: await services.annotations.author(doc.uri) },
      contextValue: 'newsLens.newNote',
    };
    if (chosen) draft.label = chosen;
    const thread = controller.createCommentThread(doc.uri, where, [draft]);
    draftOf.set(draft, thread);
    if (chosen) draftLabels.set(thread, chosen);
    thread.label = chosen ? vscode.l10n.t('New note · {0} · “{1}”', chosen, words) : vscode.l10n.t('New note · “{0}”', words);
    thread.contextValue = 'newsLens.draft';
    thread.canReply = false;
    thread.collapsibleState = vscode.CommentThreadCollapsibleState.Collapsed;
    const key = doc.uri.toString();
    drafts.set(key, (drafts.get(key) ?? new Set()).add(thread));
    // The workbench moves the keyboard into a thread's only editing comment when the thread goes from
    // collapsed to expanded (not when it is created expanded): expand it once the widget exists.
    setTimeout(() => {
      if (drafts.get(key)?.has(thread)) thread.collapsibleState = vscode.CommentThreadCollapsibleState.Expanded;
    }, EXPAND_DELAY_MS);
    return thread;
  };

  const forgetDraft = (thread: vscode.CommentThread) => {
    closed.add(thread);
    drafts.get(thread.uri.toString())?.delete(thread);
    draftLabels.delete(thread);
    thread.dispose();
  };

  /** The thread and typed text of an "Add Note" / "Cancel": a CommentReply, or a draft comment being edited. */
  const newNoteOf = (arg: unknown): { thread: vscode.CommentThread; text: string; label?: unknown } | undefined => {
    if (isReply(arg)) return { thread: arg.thread, text: arg.text, label: (arg as { label?: unknown }).label };
    const thread = arg && typeof arg === 'object' ? draftOf.get(arg as vscode.Comment) : undefined;
    if (!thread) return undefined;
    const body = (arg as vscode.Comment).body;
    return { thread, text: typeof body === 'string' ? body : body.value };
  };

  const saveNewNote = async (arg: unknown): Promise<Annotation | undefined> => {
    const submitted = newNoteOf(arg);
    if (!submitted) throw new Error(vscode.l10n.t('Add Note needs the comment thread and its text'));
    const { thread, text } = submitted;
    if (closed.has(thread)) throw new Error(vscode.l10n.t('this new note was already saved or cancelled'));
    try {
      if (owners.has(thread)) {
        // Not a new thread (the menu offers Add Note only on empty ones): the text is a reply.
        await reply({ thread, text });
        return undefined;
      }
      const doc = await vscode.workspace.openTextDocument(thread.uri);
      if (!isArticle(doc)) throw new Error(vscode.l10n.t('notes can only be added to news articles'));
      const span = spanOfThread(doc, thread.range);
      const given = submitted.label;
      // Escape at the label prompt keeps the note, without a label (it can be set later with Edit).
      const label = typeof given === 'string'
        ? given || undefined
        : draftLabels.get(thread)
          ?? (await pickLabel(services, doc.uri, vscode.l10n.t('Label for the note on “{0}”', shorten(doc.getText().slice(span.start, span.end))), {
            placeHolder: vscode.l10n.t('Choose a label (Escape: save the note without one)'),
          }));
      const note = text.trim();
      const annotation = await services.annotations.add(doc, span.start, span.end, { label, note: note || undefined });
      forgetDraft(thread);
      await sync(doc);
      const created = threads.get(doc.uri.toString())?.get(annotation.id);
      if (created) created.collapsibleState = vscode.CommentThreadCollapsibleState.Expanded;
      return annotation;
    } catch (err) {
      // The gutter's reply box is emptied after its button's command: keep the typed text on the clipboard.
      // (A draft comment keeps its text in its box.)
      if (isReply(arg) && text.trim()) {
        await vscode.env.clipboard.writeText(text);
        const message = err instanceof Error ? err.message : String(err);
        throw new Error(vscode.l10n.t('{0} (your note is on the clipboard)', message), { cause: err });
      }
      throw err;
    }
  };

  const cancelNewNote = async (arg: unknown) => {
    const thread = isThread(arg) ? arg : newNoteOf(arg)?.thread;
    if (thread && !owners.has(thread)) forgetDraft(thread);
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
    vscode.commands.registerCommand(Commands.startNote, guarded(startNote)),
    vscode.commands.registerCommand(Commands.saveNewNote, guarded(saveNewNote)),
    vscode.commands.registerCommand(Commands.cancelNewNote, guarded(cancelNewNote)),
    vscode.commands.registerCommand(Commands.editNoteInThread, guarded(editNoteInThread)),
    vscode.commands.registerCommand(Commands.saveNoteEdit, guarded(saveNoteEdit)),
    vscode.commands.registerCommand(Commands.cancelNoteEdit, guarded(cancelNoteEdit)),
    {
      dispose: () => {
        threads.forEach((m) => m.forEach((t) => t.dispose()));
        drafts.forEach((set) => set.forEach((t) => t.dispose()));
      },
    },
  );
}

function signature(a: Annotation): string {
  return JSON.stringify([a.label, a.note, a.author, a.created, a.updated, a.status, a.replies]);
}

function comments(a: Annotation): vscode.Comment[] {
  const note: vscode.Comment = {
    body: untrusted(a.note ?? vscode.l10n.t('(no note)')),
    mode: vscode.CommentMode.Preview,
    author: { name: a.author ?? vscode.l10n.t('unknown') },
    // Shown next to the author, in the editor and in the Comments panel.
    label: a.status === 'resolved' ? vscode.l10n.t('{0} · resolved', labelOf(a)) : labelOf(a),
    contextValue: 'newsLens.note',
  };
  const when = [a.created, a.updated].find((t) => t && !Number.isNaN(Date.parse(t)));
  if (when) note.timestamp = new Date(when);
  const replies = (a.replies ?? []).map((r): vscode.Comment => {
    const c: vscode.Comment = {
      body: untrusted(r.body),
      mode: vscode.CommentMode.Preview,
      author: { name: r.author ?? vscode.l10n.t('unknown') },
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

/**
 * The words a new thread's note goes on: the thread's range, without surrounding blanks. A "+" clicked in
 * the gutter gives an empty range (a point on a line): then the line's text, unless the editor's selection
 * covers that point.
 */
function spanOfThread(doc: vscode.TextDocument, range: vscode.Range | undefined): { start: number; end: number } {
  if (!range) throw new Error(vscode.l10n.t('a note needs a place in the text'));
  let start = doc.offsetAt(range.start);
  let end = doc.offsetAt(range.end);
  if (end <= start) {
    const selection = vscode.window.visibleTextEditors.find((e) => e.document === doc)?.selection;
    if (selection && !selection.isEmpty && selection.contains(range.start)) {
      start = doc.offsetAt(selection.start);
      end = doc.offsetAt(selection.end);
    } else {
      const line = doc.lineAt(range.start.line).range;
      start = doc.offsetAt(line.start);
      end = doc.offsetAt(line.end);
    }
  }
  const text = doc.getText();
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  if (end <= start) throw new Error(vscode.l10n.t('there is no text here to put a note on: select some words first'));
  return { start, end };
}

function isThread(x: unknown): x is vscode.CommentThread {
  return !!x && typeof x === 'object' && 'uri' in x && 'comments' in x && Array.isArray((x as { comments: unknown }).comments);
}

function isReply(x: unknown): x is vscode.CommentReply {
  return !!x && typeof x === 'object' && 'thread' in x && 'text' in x && typeof (x as { text: unknown }).text === 'string';
}
