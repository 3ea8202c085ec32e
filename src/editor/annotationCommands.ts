// Commands that create, edit, delete and find reviewers' annotations. Each accepts optional arguments
// that skip its prompts, for tests and automation:
//   newsLens.annotate({ label, note, range?, uri? })           range: Range | {start,end} offsets
//     (returns the Annotation; without arguments, the comment thread opened for the note)
//   newsLens.editAnnotation(uri?, id?, { label?, note? }?)
//   newsLens.deleteAnnotation(uri?, id?, { confirm?: boolean }?)
//   newsLens.goToAnnotation(uri?, id?)
// Edit, delete and go-to also take a node of the Annotations view (what its item menus pass).
//
// Without arguments, Annotate Selection asks for the label (the prompt names the words being annotated)
// and then opens a comment widget on those words, where the note is typed: it is multi-line, and it is
// where the note is shown afterwards (src/editor/reviewThreads.ts saves it).
import * as vscode from 'vscode';
import type { ResolvedAnnotation } from '../store/index';
import { entityAt, quoteAt } from './analysisQueries';
import { Commands } from './commandIds';
import { lineToNote, noteToLine } from './noteText';
import type { Services } from './services';
import { annotationNodeTarget } from './util/annotationNode';
import { reportingErrors } from './util/commandErrors';
import { anchorStateName, labelOf, sidecarStateName } from './util/displayNames';
import { documentFor, toOffsets } from './util/documents';
import { pickLabel } from './util/labelPicker';
import { shorten } from './util/text';

interface AnnotateArgs {
  label?: string;
  note?: string;
  range?: unknown;
  uri?: string | vscode.Uri;
}

export function registerAnnotationCommands(services: Services): vscode.Disposable {
  const guarded = <A extends unknown[], R>(fn: (...args: A) => Promise<R>) => reportingErrors(services.log, fn);

  /** The note as one line (`\n` for a line break; see noteText.ts), for Edit Annotation's input box. */
  const askNote = async (title: string, current?: string) => {
    const line = await vscode.window.showInputBox({
      title,
      prompt: vscode.l10n.t('The note (may be empty). Type \\n for a line break.'),
      value: noteToLine(current ?? ''),
    });
    return line === undefined ? undefined : lineToNote(line);
  };

  const annotate = async (args?: AnnotateArgs) => {
    const doc = await documentFor(args?.uri);
    const editor = vscode.window.visibleTextEditors.find((e) => e.document === doc);
    const span = args?.range !== undefined ? toOffsets(doc, args.range) : await defaultSpan(doc, editor, services);
    if (!span || span.end <= span.start) throw new Error(vscode.l10n.t('nothing to annotate here: select some text first'));
    const status = await services.annotations.status(doc);
    if (status.readOnly) {
      throw new Error(vscode.l10n.t('The annotations file of this article cannot be changed: it is {0}. Fix it by hand first.', sidecarStateName(status.state)));
    }
    const words = shorten(doc.getText().slice(span.start, span.end));
    const label = args?.label ?? (await pickLabel(services, doc.uri, vscode.l10n.t('Annotate “{0}”', words)));
    if (label === undefined) return undefined;
    if (args?.note !== undefined || args?.label !== undefined) {
      return services.annotations.add(doc, span.start, span.end, { label, note: args?.note || undefined });
    }
    // The note is typed in a comment widget on the words (multi-line); its "Add Note" button saves it.
    // Returns that thread (nothing is saved yet).
    return vscode.commands.executeCommand<vscode.CommentThread | undefined>(Commands.startNote, { uri: doc.uri, range: span, label });
  };

  const chooseAnnotation = async (doc: vscode.TextDocument, id: unknown, title: string): Promise<ResolvedAnnotation | undefined> => {
    if (typeof id === 'string') {
      const found = await services.annotations.find(doc, id);
      if (!found) throw new Error(vscode.l10n.t('no annotation with id {0}', id));
      return found;
    }
    const all = await services.annotations.resolved(doc);
    const editor = vscode.window.visibleTextEditors.find((e) => e.document === doc);
    if (editor) {
      const offset = doc.offsetAt(editor.selection.active);
      const here = all.filter((r) => r.anchor.start !== undefined && r.anchor.start <= offset && offset <= (r.anchor.end ?? -1));
      if (here.length === 1) return here[0];
    }
    return pickAnnotation(doc, all, title);
  };

  const edit = async (uri?: unknown, id?: unknown, fields?: { label?: string; note?: string }) => {
    const node = annotationNodeTarget(uri);
    // From the view's menu: (node, selected nodes); the selection is not an id.
    if (node) [uri, id] = [node.uri, node.id];
    const doc = await documentFor(uri);
    const target = await chooseAnnotation(doc, id, vscode.l10n.t('Edit which annotation?'));
    if (!target) return;
    const a = target.annotation;
    const title = vscode.l10n.t('Edit the note on “{0}”', shorten(a.target.exact));
    const label = fields?.label ?? (fields ? a.label : await pickLabel(services, doc.uri, title, { current: a.label }));
    if (label === undefined && !fields) return;
    const note = fields?.note ?? (fields ? a.note : await askNote(title, a.note));
    if (note === undefined && !fields) return;
    await services.annotations.update(doc, a.id, {
      label: label ?? null,
      note: note ? note : null,
      author: await services.annotations.author(doc.uri),
    });
  };

  const remove = async (uri?: unknown, id?: unknown, options?: { confirm?: boolean }) => {
    const node = annotationNodeTarget(uri);
    if (node) [uri, id] = [node.uri, node.id];
    const doc = await documentFor(uri);
    const target = await chooseAnnotation(doc, id, vscode.l10n.t('Delete which annotation?'));
    if (!target) return;
    if (options?.confirm !== false) {
      const question = vscode.l10n.t('Delete the annotation “{0}” on “{1}”?', labelOf(target.annotation), shorten(target.annotation.target.exact));
      const del = vscode.l10n.t('Delete');
      const ok = await vscode.window.showWarningMessage(question, { modal: true }, del);
      if (ok !== del) return;
    }
    await services.annotations.remove(doc, target.annotation.id);
  };

  const goTo = async (uri?: unknown, id?: unknown) => {
    const node = annotationNodeTarget(uri);
    if (node) [uri, id] = [node.uri, node.id];
    const doc = await documentFor(uri);
    const target = typeof id === 'string'
      ? await services.annotations.find(doc, id)
      : await pickAnnotation(doc, await services.annotations.resolved(doc), vscode.l10n.t('Go to annotation'));
    if (!target || target.anchor.start === undefined || target.anchor.end === undefined) return;
    const range = new vscode.Range(doc.positionAt(target.anchor.start), doc.positionAt(target.anchor.end));
    const editor = await vscode.window.showTextDocument(doc, { selection: range });
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  };

  return vscode.Disposable.from(
    vscode.commands.registerCommand(Commands.annotate, guarded(annotate)),
    vscode.commands.registerCommand(Commands.editAnnotation, guarded(edit)),
    vscode.commands.registerCommand(Commands.deleteAnnotation, guarded(remove)),
    vscode.commands.registerCommand(Commands.goToAnnotation, guarded(goTo)),
  );
}

/** Without a selection: the entity, else the quotation, else the word under the cursor. */
async function defaultSpan(
  doc: vscode.TextDocument,
  editor: vscode.TextEditor | undefined,
  services: Services,
): Promise<{ start: number; end: number } | undefined> {
  if (!editor) return undefined;
  if (!editor.selection.isEmpty) return { start: doc.offsetAt(editor.selection.start), end: doc.offsetAt(editor.selection.end) };
  const offset = doc.offsetAt(editor.selection.active);
  const result = await services.analyses.get(doc);
  if (result.version === doc.version) {
    const hit = entityAt(result.analysis, offset) ?? quoteAt(result.analysis, offset);
    if (hit) return { start: hit.start, end: hit.end };
  }
  const word = doc.getWordRangeAtPosition(editor.selection.active);
  return word && { start: doc.offsetAt(word.start), end: doc.offsetAt(word.end) };
}

async function pickAnnotation(doc: vscode.TextDocument, all: ResolvedAnnotation[], title: string): Promise<ResolvedAnnotation | undefined> {
  if (all.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('This article has no annotations yet.'));
    return undefined;
  }
  const items = all.map((r) => ({
    label: labelOf(r.annotation),
    description: r.anchor.start !== undefined
      ? [vscode.l10n.t('line {0}', doc.positionAt(r.anchor.start).line + 1), ...(r.anchor.state === 'anchored' ? [] : [anchorStateName(r.anchor.state)])].join(' · ')
      : anchorStateName('orphaned'),
    detail: `“${shorten(r.annotation.target.exact)}”${r.annotation.note ? ` — ${shorten(r.annotation.note)}` : ''}`,
    resolved: r,
  }));
  const chosen = await vscode.window.showQuickPick(items, { title, matchOnDescription: true, matchOnDetail: true });
  return chosen?.resolved;
}
