// Commands that create, edit, delete and find reviewers' annotations. Each accepts optional arguments
// that skip its prompts, for tests and automation:
//   newsLens.annotate({ label, note, range?, uri? })           range: Range | {start,end} offsets
//   newsLens.editAnnotation(uri?, id?, { label?, note? }?)
//   newsLens.deleteAnnotation(uri?, id?, { confirm?: boolean }?)
//   newsLens.goToAnnotation(uri?, id?)
import * as vscode from 'vscode';
import type { ResolvedAnnotation } from '../store/index';
import { Commands } from './commandIds';
import { quoteAt } from './attributions';
import { entityAt } from './hover';
import type { Services } from './services';

const DEFAULT_LABELS = ['claim', 'needs source', 'verified', 'disputed', 'misleading', 'context', 'note'];
const OTHER = 'Other…';

interface AnnotateArgs {
  label?: string;
  note?: string;
  range?: unknown;
  uri?: string | vscode.Uri;
}

export function registerAnnotationCommands(services: Services): vscode.Disposable {
  const guarded = <A extends unknown[], R>(fn: (...args: A) => Promise<R>) => async (...args: A): Promise<R | undefined> => {
    try {
      return await fn(...args);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      services.log.error(message);
      void vscode.window.showErrorMessage(`News Lens: ${message}`);
      return undefined;
    }
  };

  const labels = (resource?: vscode.Uri): string[] => {
    const configured = services.config.get<string[]>('annotation.labels', resource);
    return Array.isArray(configured) && configured.length > 0 ? configured : DEFAULT_LABELS;
  };

  const pickLabel = async (resource: vscode.Uri, current?: string): Promise<string | undefined> => {
    const options = labels(resource);
    const items: vscode.QuickPickItem[] = options.map((l) => ({ label: l, picked: l === current }));
    if (current && !options.includes(current)) items.unshift({ label: current, description: 'current' });
    items.push({ label: OTHER, iconPath: new vscode.ThemeIcon('edit'), alwaysShow: true });
    const chosen = await vscode.window.showQuickPick(items, { title: 'Annotation label', placeHolder: 'Choose a label' });
    if (!chosen) return undefined;
    if (chosen.label !== OTHER) return chosen.label;
    const typed = await vscode.window.showInputBox({ title: 'Annotation label', prompt: 'Type a label', value: current });
    return typed?.trim() || undefined;
  };

  const askNote = (current?: string) =>
    vscode.window.showInputBox({ title: 'Annotation note', prompt: 'Your note (may be empty)', value: current ?? '' });

  const annotate = async (args?: AnnotateArgs) => {
    const doc = await documentFor(args?.uri);
    const editor = vscode.window.visibleTextEditors.find((e) => e.document === doc);
    const span = args?.range !== undefined ? toOffsets(doc, args.range) : await defaultSpan(doc, editor, services);
    if (!span || span.end <= span.start) throw new Error('nothing to annotate here: select some text first');
    const label = args?.label ?? (await pickLabel(doc.uri));
    if (label === undefined) return undefined;
    const note = args?.note ?? (args?.label !== undefined ? '' : await askNote());
    if (note === undefined) return undefined;
    return services.annotations.add(doc, span.start, span.end, { label, note: note || undefined });
  };

  const chooseAnnotation = async (doc: vscode.TextDocument, id: unknown, title: string): Promise<ResolvedAnnotation | undefined> => {
    if (typeof id === 'string') {
      const found = await services.annotations.find(doc, id);
      if (!found) throw new Error(`no annotation with id ${id}`);
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
    const doc = await documentFor(uri);
    const target = await chooseAnnotation(doc, id, 'Edit which annotation?');
    if (!target) return;
    const a = target.annotation;
    const label = fields?.label ?? (fields ? a.label : await pickLabel(doc.uri, a.label));
    if (label === undefined && !fields) return;
    const note = fields?.note ?? (fields ? a.note : await askNote(a.note));
    if (note === undefined && !fields) return;
    await services.annotations.update(doc, a.id, {
      label: label ?? null,
      note: note ? note : null,
      author: await services.annotations.author(doc.uri),
    });
  };

  const remove = async (uri?: unknown, id?: unknown, options?: { confirm?: boolean }) => {
    const doc = await documentFor(uri);
    const target = await chooseAnnotation(doc, id, 'Delete which annotation?');
    if (!target) return;
    if (options?.confirm !== false) {
      const what = `“${target.annotation.label ?? 'note'}” on “${shorten(target.annotation.target.exact)}”`;
      const ok = await vscode.window.showWarningMessage(`Delete the annotation ${what}?`, { modal: true }, 'Delete');
      if (ok !== 'Delete') return;
    }
    await services.annotations.remove(doc, target.annotation.id);
  };

  const goTo = async (uri?: unknown, id?: unknown) => {
    const doc = await documentFor(uri);
    const target = typeof id === 'string'
      ? await services.annotations.find(doc, id)
      : await pickAnnotation(doc, await services.annotations.resolved(doc), 'Go to annotation');
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

export async function documentFor(uri: unknown): Promise<vscode.TextDocument> {
  if (uri instanceof vscode.Uri) return vscode.workspace.openTextDocument(uri);
  if (typeof uri === 'string' && uri) return vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
  const editor = vscode.window.activeTextEditor;
  if (!editor) throw new Error('open a news article first');
  return editor.document;
}

/** Offsets of a range given as a Range, {start, end} offsets, or {start:{line,character}, end:{…}}. */
export function toOffsets(doc: vscode.TextDocument, range: unknown): { start: number; end: number } | undefined {
  if (range instanceof vscode.Range) return { start: doc.offsetAt(range.start), end: doc.offsetAt(range.end) };
  if (range && typeof range === 'object') {
    const { start, end } = range as { start?: unknown; end?: unknown };
    if (typeof start === 'number' && typeof end === 'number') return { start, end };
    const pos = (p: unknown) => {
      const { line, character } = (p ?? {}) as { line?: unknown; character?: unknown };
      return typeof line === 'number' && typeof character === 'number' ? doc.offsetAt(new vscode.Position(line, character)) : undefined;
    };
    const s = pos(start);
    const e = pos(end);
    if (s !== undefined && e !== undefined) return { start: s, end: e };
  }
  throw new Error('range must be a Range, {start, end} offsets or {start: {line, character}, end: {line, character}}');
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
    void vscode.window.showInformationMessage('This article has no annotations yet.');
    return undefined;
  }
  const items = all.map((r) => ({
    label: r.annotation.label ?? 'note',
    description: r.anchor.start !== undefined ? `line ${doc.positionAt(r.anchor.start).line + 1}${r.anchor.state === 'anchored' ? '' : ` · ${r.anchor.state}`}` : 'orphaned',
    detail: `“${shorten(r.annotation.target.exact)}”${r.annotation.note ? ` — ${shorten(r.annotation.note)}` : ''}`,
    resolved: r,
  }));
  const chosen = await vscode.window.showQuickPick(items, { title, matchOnDescription: true, matchOnDetail: true });
  return chosen?.resolved;
}

function shorten(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
