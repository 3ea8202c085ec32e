// Quick fixes on the Problems entries of orphaned and needs-review annotations: re-attach the annotation
// to the current selection, or delete it (with the usual confirmation). Both are deliberate choices of a
// person; nothing here runs by itself.
import * as vscode from 'vscode';
import { Commands } from './commandIds';
import { ANNOTATION_PROBLEM_SOURCE } from './diagnosticSources';
import { shorten } from './util/text';

export function registerAnnotationQuickFixes(selector: vscode.DocumentSelector): vscode.Disposable {
  return vscode.languages.registerCodeActionsProvider(
    selector,
    {
      provideCodeActions(document, range, context) {
        const actions: vscode.CodeAction[] = [];
        const editor = vscode.window.visibleTextEditors.find((e) => e.document === document);
        const selection = editor && !editor.selection.isEmpty ? editor.selection : range.isEmpty ? undefined : range;
        for (const d of context.diagnostics) {
          if (d.source !== ANNOTATION_PROBLEM_SOURCE || typeof d.code !== 'string') continue;
          const id = d.code;
          if (selection) {
            const reattach = new vscode.CodeAction(
              vscode.l10n.t('Re-attach annotation {0} to “{1}”', id, shorten(document.getText(selection), 40)),
              vscode.CodeActionKind.QuickFix,
            );
            reattach.diagnostics = [d];
            reattach.command = {
              command: Commands.reattachAnnotation,
              title: vscode.l10n.t('Re-attach Annotation'),
              arguments: [{ id, uri: document.uri.toString(), range: { start: document.offsetAt(selection.start), end: document.offsetAt(selection.end) } }],
            };
            actions.push(reattach);
          }
          const remove = new vscode.CodeAction(vscode.l10n.t('Delete annotation {0}…', id), vscode.CodeActionKind.QuickFix);
          remove.diagnostics = [d];
          remove.command = { command: Commands.deleteAnnotation, title: vscode.l10n.t('Delete Annotation'), arguments: [document.uri.toString(), id] };
          actions.push(remove);
        }
        return actions;
      },
    },
    { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] },
  );
}
