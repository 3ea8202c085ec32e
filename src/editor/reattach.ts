// newsLens.reattachAnnotation: a person points an orphaned or needs-review annotation at the right words
// (the current selection, or `range` in the arguments). The annotation keeps its id, label, note and
// replies; only its target (quote, context, offsets) is replaced. Nothing is ever re-attached silently.
//   newsLens.reattachAnnotation({ id?, range?, uri? })   range: Range | {start,end} offsets | positions
import * as vscode from 'vscode';
import type { ResolvedAnnotation } from '../store/index';
import { Commands } from './commandIds';
import type { Services } from './services';
import { annotationNodeTarget } from './util/annotationNode';
import { reportingErrors } from './util/commandErrors';
import { anchorStateName, labelOf } from './util/displayNames';
import { documentFor, toOffsets } from './util/documents';
import { shorten } from './util/text';

interface ReattachArgs {
  id?: unknown;
  range?: unknown;
  uri?: unknown;
}

export function registerReattach(services: Services): vscode.Disposable {
  const reattach = async (arg?: unknown) => {
    // A node of the Annotations view (its inline "Re-attach" action passes the node), or the arguments.
    const args: ReattachArgs = annotationNodeTarget(arg) ?? (arg && typeof arg === 'object' ? (arg as ReattachArgs) : {});
    const doc = await documentFor(args.uri);
    const editor = vscode.window.visibleTextEditors.find((e) => e.document === doc);
    const span = args.range !== undefined
      ? toOffsets(doc, args.range)
      : editor && !editor.selection.isEmpty
        ? { start: doc.offsetAt(editor.selection.start), end: doc.offsetAt(editor.selection.end) }
        : undefined;
    if (!span || span.end <= span.start) throw new Error(vscode.l10n.t('select the words the annotation belongs to first, then re-attach it'));
    let id = typeof args.id === 'string' ? args.id : undefined;
    if (!id) {
      const all = await services.annotations.resolved(doc);
      const lost = all.filter((r) => r.anchor.state === 'orphaned' || r.anchor.state === 'needs-review');
      const chosen = await pick(lost.length > 0 ? lost : all);
      if (!chosen) return undefined;
      id = chosen.annotation.id;
    }
    const annotation = await services.annotations.retarget(doc, id, span.start, span.end);
    services.log.info(`re-attached annotation ${id} to “${annotation.target.exact}”`);
    return annotation;
  };

  return vscode.commands.registerCommand(Commands.reattachAnnotation, reportingErrors(services.log, reattach));
}

async function pick(list: ResolvedAnnotation[]): Promise<ResolvedAnnotation | undefined> {
  if (list.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('This article has no annotations to re-attach.'));
    return undefined;
  }
  const items = list.map((r) => ({
    label: labelOf(r.annotation),
    description: anchorStateName(r.anchor.state),
    detail: `“${shorten(r.annotation.target.exact, 80)}”${r.annotation.note ? ` — ${shorten(r.annotation.note, 80)}` : ''}`,
    resolved: r,
  }));
  const chosen = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Re-attach which annotation to the selection?'), matchOnDetail: true });
  return chosen?.resolved;
}
