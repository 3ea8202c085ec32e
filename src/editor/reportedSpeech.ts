// Reported speech ("X said (that) ...", "according to X, ...") has no quotation marks for the grammar to
// colour, so News Lens underlines it (dotted, themable: newsLens.reportedSpeechBorder). Direct quotations
// keep the grammar's colour; the quoted fragments inside a partial quotation get both.
import * as vscode from 'vscode';
import type { Services } from './services';

const SETTING = 'highlight.reportedSpeech';

export function registerReportedSpeech(isArticle: (doc: vscode.TextDocument) => boolean, services: Services): vscode.Disposable {
  const decoration = vscode.window.createTextEditorDecorationType({
    borderColor: new vscode.ThemeColor('newsLens.reportedSpeechBorder'),
    borderStyle: 'none none dotted none',
    borderWidth: '0 0 1px 0',
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
  });

  const paint = async (editor: vscode.TextEditor) => {
    const doc = editor.document;
    if (!isArticle(doc)) return;
    if (services.config.get<boolean>(SETTING, doc.uri) === false) {
      editor.setDecorations(decoration, []);
      return;
    }
    const result = await services.analyses.get(doc);
    // An analysis of an older text would underline the wrong words; the newer one repaints when it lands.
    if (result.version !== doc.version || doc.isClosed) return;
    editor.setDecorations(
      decoration,
      result.analysis.quotes
        .filter((q) => q.kind !== 'direct')
        .map((q) => new vscode.Range(doc.positionAt(q.content.start), doc.positionAt(q.content.end))),
    );
  };
  const paintAll = () => vscode.window.visibleTextEditors.forEach((e) => void paint(e).catch((err) => services.log.warn(`reported speech: ${String(err)}`)));

  paintAll();
  return vscode.Disposable.from(
    decoration,
    vscode.window.onDidChangeVisibleTextEditors(paintAll),
    // A visible file that just became an article (a language change is close + open of the same document).
    vscode.workspace.onDidOpenTextDocument((d) => {
      for (const e of vscode.window.visibleTextEditors) if (e.document === d) void paint(e).catch((err) => services.log.warn(`reported speech: ${String(err)}`));
    }),
    services.analyses.onDidUpdate((uri) => {
      for (const e of vscode.window.visibleTextEditors) if (e.document.uri.toString() === uri.toString()) void paint(e);
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`newsLens.${SETTING}`)) paintAll();
    }),
  );
}
