// Live tracking of annotations while the article is edited: every change shifts the known positions
// (VS Code does not track ranges for extensions), ranges edited inside are re-anchored after a pause,
// and saving the article writes the moved annotations' new offsets and context to the sidecar.
import * as vscode from 'vscode';
import type { Services } from './services';

export function registerLiveTracking(isArticle: (doc: vscode.TextDocument) => boolean, services: Services): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (isArticle(e.document)) services.annotations.track(e);
    }),
    vscode.workspace.onDidSaveTextDocument(async (doc) => {
      if (!isArticle(doc)) return;
      try {
        const n = await services.annotations.persistMoves(doc);
        if (n > 0) services.log.info(`${doc.uri.toString(true)}: updated the position of ${n} annotation(s)`);
      } catch (err) {
        services.log.warn(`could not update annotation positions of ${doc.uri.toString(true)}: ${String(err)}`);
      }
    }),
  );
}
