// Marks annotated text in every visible article: themable background + underline, a mark in the overview
// ruler, and a dashed orange underline for notes whose text changed and need a look.
import * as vscode from 'vscode';
import type { ResolvedAnnotation } from '../store/index';
import type { Services } from './services';

export function registerAnnotationDecorations(isArticle: (doc: vscode.TextDocument) => boolean, services: Services): vscode.Disposable {
  const anchored = vscode.window.createTextEditorDecorationType({
    backgroundColor: new vscode.ThemeColor('newsLens.annotationBackground'),
    borderColor: new vscode.ThemeColor('newsLens.annotationBorder'),
    borderStyle: 'none none solid none',
    borderWidth: '0 0 2px 0',
    overviewRulerColor: new vscode.ThemeColor('newsLens.annotationOverviewRuler'),
    overviewRulerLane: vscode.OverviewRulerLane.Center,
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
  });
  const needsReview = vscode.window.createTextEditorDecorationType({
    backgroundColor: new vscode.ThemeColor('newsLens.annotationBackground'),
    borderColor: new vscode.ThemeColor('newsLens.annotationNeedsReviewBorder'),
    borderStyle: 'none none dashed none',
    borderWidth: '0 0 2px 0',
    overviewRulerColor: new vscode.ThemeColor('newsLens.annotationNeedsReviewBorder'),
    overviewRulerLane: vscode.OverviewRulerLane.Center,
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
  });
  const timers = new Map<string, ReturnType<typeof setTimeout>>();

  const paint = async (editor: vscode.TextEditor) => {
    const doc = editor.document;
    if (!isArticle(doc)) return;
    let resolved: ResolvedAnnotation[];
    try {
      resolved = await services.annotations.resolved(doc);
    } catch (err) {
      services.log.warn(`cannot show annotations of ${doc.uri.toString(true)}: ${String(err)}`);
      resolved = [];
    }
    if (editor.document.version !== doc.version) return;
    const toRange = (r: ResolvedAnnotation) => new vscode.Range(doc.positionAt(r.anchor.start!), doc.positionAt(r.anchor.end!));
    const placed = resolved.filter((r) => r.anchor.start !== undefined && r.anchor.end !== undefined);
    editor.setDecorations(anchored, placed.filter((r) => r.anchor.state !== 'needs-review').map(toRange));
    editor.setDecorations(needsReview, placed.filter((r) => r.anchor.state === 'needs-review').map(toRange));
  };
  const paintDocument = (uri: vscode.Uri) => {
    for (const editor of vscode.window.visibleTextEditors) {
      if (editor.document.uri.toString() === uri.toString()) void paint(editor);
    }
  };
  const paintAll = () => vscode.window.visibleTextEditors.forEach((e) => void paint(e));

  paintAll();
  return vscode.Disposable.from(
    anchored,
    needsReview,
    services.annotations.onDidChange(paintDocument),
    vscode.window.onDidChangeVisibleTextEditors(paintAll),
    // A visible file that just became an article (a language change is close + open of the same document).
    vscode.workspace.onDidOpenTextDocument((d) => paintDocument(d.uri)),
    // VS Code moves decorations with the text as the user types; re-anchor once typing pauses.
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (!isArticle(e.document) || e.contentChanges.length === 0) return;
      const key = e.document.uri.toString();
      clearTimeout(timers.get(key));
      timers.set(key, setTimeout(() => {
        timers.delete(key);
        paintDocument(e.document.uri);
      }, 300));
    }),
    { dispose: () => timers.forEach((t) => clearTimeout(t)) },
  );
}
