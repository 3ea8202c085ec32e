// "News Lens: Open Annotations File": opens the active article's sidecar (`x.txt.annotations.yaml`) beside
// it, so newcomers find where their notes live (the walkthrough's last step links here).
import * as vscode from 'vscode';
import { sidecarPathFor } from '../store/index';
import { Commands } from './commandIds';
import type { Services } from './services';

export function registerOpenSidecar(isArticle: (doc: vscode.TextDocument) => boolean, services: Services): vscode.Disposable {
  const open = async (arg?: unknown): Promise<vscode.Uri | undefined> => {
    const article = arg instanceof vscode.Uri ? arg : typeof arg === 'string' ? vscode.Uri.parse(arg) : activeArticle(isArticle);
    if (!article) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open a News Article first: its notes are kept in a file beside it.'));
      return undefined;
    }
    const sidecar = article.with({ path: sidecarPathFor(article.path) });
    try {
      await vscode.workspace.fs.stat(sidecar);
    } catch {
      const annotate = vscode.l10n.t('Annotate Selection');
      const name = sidecar.path.slice(sidecar.path.lastIndexOf('/') + 1);
      const choice = await vscode.window.showInformationMessage(
        vscode.l10n.t('This article has no notes yet. {0} is created beside it with the first note.', name),
        annotate,
      );
      if (choice === annotate) await vscode.commands.executeCommand(Commands.annotate);
      return undefined;
    }
    try {
      await vscode.window.showTextDocument(sidecar, { viewColumn: vscode.ViewColumn.Beside, preview: true });
    } catch (err) {
      services.log.error(`cannot open ${sidecar.toString(true)}: ${String(err)}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('News Lens: cannot open {0}: {1}', sidecar.toString(true), String(err)));
      return undefined;
    }
    return sidecar;
  };
  return vscode.commands.registerCommand(Commands.openSidecar, open);
}

function activeArticle(isArticle: (doc: vscode.TextDocument) => boolean): vscode.Uri | undefined {
  const doc = vscode.window.activeTextEditor?.document;
  return doc && isArticle(doc) ? doc.uri : undefined;
}
