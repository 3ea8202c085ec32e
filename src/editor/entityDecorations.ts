// Paints the highlight palette (palette.ts) over every visible article: one decoration type per palette
// entry, coloured with a contributed theme colour, from the same analysis the semantic tokens use.
// `newsLens.highlight.style: "theme"` clears them and leaves the colours to the theme.
import * as vscode from 'vscode';
import { enabledKinds } from './kinds';
import { PALETTE, type PaletteKey, highlightStyle, paletteSpans } from './palette';
import type { Services } from './services';

/** When each article's palette was last painted (read-only; for the extension's API and the editor benchmark). */
export interface HighlightsView {
  /** performance.now() of the latest paint of the document's editors, and the version painted. */
  paintedAt(uri: vscode.Uri): { readonly at: number; readonly version: number } | undefined;
}

export interface EntityDecorationsRegistration extends vscode.Disposable {
  readonly view: HighlightsView;
}

export function registerEntityDecorations(isArticle: (doc: vscode.TextDocument) => boolean, services: Services): EntityDecorationsRegistration {
  const types = new Map<PaletteKey, vscode.TextEditorDecorationType>(
    PALETTE.map((p) => [
      p.key,
      vscode.window.createTextEditorDecorationType({
        color: new vscode.ThemeColor(p.colorId),
        fontWeight: p.style.fontWeight,
        fontStyle: p.style.fontStyle,
        textDecoration: p.style.textDecoration,
        rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
      }),
    ]),
  );

  const painted = new Map<string, { at: number; version: number }>();
  const clear = (editor: vscode.TextEditor) => types.forEach((t) => editor.setDecorations(t, []));
  const paint = async (editor: vscode.TextEditor) => {
    const doc = editor.document;
    if (!isArticle(doc)) return;
    if (highlightStyle(services.config.get('highlight.style', doc.uri)) === 'theme') {
      clear(editor);
      return;
    }
    const result = await services.analyses.get(doc);
    // An analysis of an older text would colour the wrong words; the newer one repaints when it lands.
    if (result.version !== doc.version || doc.isClosed) return;
    const spans = paletteSpans(doc.getText(), result.analysis, enabledKinds(services.config.get('highlight.kinds', doc.uri)));
    for (const [key, type] of types) {
      editor.setDecorations(type, (spans.get(key) ?? []).map((s) => new vscode.Range(doc.positionAt(s.start), doc.positionAt(s.end))));
    }
    painted.set(doc.uri.toString(), { at: performance.now(), version: doc.version });
  };
  const paintSafely = (editor: vscode.TextEditor) => void paint(editor).catch((err) => services.log.warn(`highlight palette: ${String(err)}`));
  const paintAll = () => vscode.window.visibleTextEditors.forEach(paintSafely);

  paintAll();
  const disposable = vscode.Disposable.from(
    ...types.values(),
    vscode.workspace.onDidCloseTextDocument((d) => painted.delete(d.uri.toString())),
    vscode.window.onDidChangeVisibleTextEditors(paintAll),
    services.analyses.onDidUpdate((uri) => {
      for (const e of vscode.window.visibleTextEditors) if (e.document.uri.toString() === uri.toString()) paintSafely(e);
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('newsLens.highlight.style') || e.affectsConfiguration('newsLens.highlight.kinds')) paintAll();
    }),
  );
  return { view: { paintedAt: (uri) => painted.get(uri.toString()) }, dispose: () => disposable.dispose() };
}
