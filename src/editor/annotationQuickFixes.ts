// Quick fixes on the Problems entries of orphaned and needs-review annotations: re-attach the annotation
// to the current selection, or delete it (with the usual confirmation). Both are deliberate choices of a
// person; nothing here runs by itself.
import * as vscode from 'vscode';
import { ANNOTATION_PROBLEM_SOURCE } from './annotationProblems';
import { Commands } from './commandIds';

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
              vscode.l10n.t('Re-attach annotation {0} to “{1}”', id, shorten(document.getText(selection))),
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

function shorten(text: string, max = 40): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
