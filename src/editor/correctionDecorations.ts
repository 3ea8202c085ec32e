// A subtle marker on the words a reviewer corrected (issue 15): a dotted underline in the contributed
// theme colour `newsLens.correctedBorder`, on every applied correction's span (a retyped or added name,
// a rejected one, a quotation added, rejected or given another speaker). The hover card says what was
// corrected and by whom; the Annotations view lists the corrections with the notes.
import * as vscode from 'vscode';
import type { Services } from './services';

export function registerCorrectionDecorations(isArticle: (doc: vscode.TextDocument) => boolean, services: Services): vscode.Disposable {
  const marker = vscode.window.createTextEditorDecorationType({
    borderStyle: 'none none dotted none',
    borderWidth: '0 0 1px 0',
    borderColor: new vscode.ThemeColor('newsLens.correctedBorder'),
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
  });
  const paint = async (editor: vscode.TextEditor) => {
    const doc = editor.document;
    if (!isArticle(doc)) return;
    const result = await services.analyses.get(doc);
    // Spans of an older text would mark the wrong words; the newer analysis repaints when it lands.
    if (result.version !== doc.version || doc.isClosed) return;
    const ranges: vscode.Range[] = [];
    for (const r of result.corrections ?? []) {
      if (!r.applied || r.start === undefined || r.end === undefined) continue;
      ranges.push(new vscode.Range(doc.positionAt(r.start), doc.positionAt(r.end)));
    }
    editor.setDecorations(marker, ranges);
  };
  const paintSafely = (editor: vscode.TextEditor) => void paint(editor).catch((err) => services.log.warn(`correction markers: ${String(err)}`));
  vscode.window.visibleTextEditors.forEach(paintSafely);
  return vscode.Disposable.from(
    marker,
    vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach(paintSafely)),
    services.analyses.onDidUpdate((uri) => {
      for (const e of vscode.window.visibleTextEditors) if (e.document.uri.toString() === uri.toString()) paintSafely(e);
    }),
  );
}
