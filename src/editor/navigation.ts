// Moving around an article's notes:
// - newsLens.revealRange (hidden from the palette): the target of "line N" links in hover cards.
// - newsLens.nextAnnotation / newsLens.previousAnnotation: select the next / previous placed note after /
//   before the selection in the active article, wrapping around at the ends (said in the status bar).
//   Orphaned notes have no place and are skipped. Which note is next: annotationOrder.ts (pure, unit-tested).
//   Both return the id of the note they went to (for tests and automation).
import * as vscode from 'vscode';
import { stepAnnotation } from './annotationOrder';
import { Commands } from './commandIds';
import type { Services } from './services';
import { labelOf } from './util/displayNames';
import { shorten } from './util/text';

const STATUS_MS = 5000;

export function registerNavigation(isArticle: (doc: vscode.TextDocument) => boolean, services: Services): vscode.Disposable {
  let status: vscode.Disposable | undefined;
  const say = (text: string) => {
    status?.dispose();
    status = vscode.window.setStatusBarMessage(text, STATUS_MS);
  };

  const step = (direction: 1 | -1) => async (): Promise<string | undefined> => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || !isArticle(editor.document)) {
      say(vscode.l10n.t('News Lens: open a news article first'));
      return undefined;
    }
    const doc = editor.document;
    let all;
    try {
      all = await services.annotations.resolved(doc);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      services.log.error(message);
      void vscode.window.showErrorMessage(vscode.l10n.t('News Lens: {0}', message));
      return undefined;
    }
    const found = stepAnnotation(
      all.map((r) => ({ r, start: r.anchor.start, end: r.anchor.end })),
      doc.offsetAt(editor.selection.start),
      doc.offsetAt(editor.selection.end),
      direction,
    );
    if (!found) {
      say(all.length > 0
        ? vscode.l10n.t('News Lens: none of this article’s annotations has a place in the text (see the Annotations view)')
        : vscode.l10n.t('News Lens: this article has no annotations'));
      return undefined;
    }
    const { r } = found.target;
    const range = new vscode.Range(doc.positionAt(r.anchor.start!), doc.positionAt(r.anchor.end!));
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    const what = vscode.l10n.t('Annotation {0} of {1}: {2} on “{3}”', found.index + 1, found.count, labelOf(r.annotation), shorten(r.annotation.target.exact, 40));
    say(!found.wrapped
      ? what
      : direction === 1
        ? vscode.l10n.t('{0} (passed the end of the article, continued from the top)', what)
        : vscode.l10n.t('{0} (passed the top of the article, continued from the end)', what));
    return r.annotation.id;
  };

  return vscode.Disposable.from(
    vscode.commands.registerCommand(Commands.revealRange, async (uri: unknown, start: unknown, end: unknown) => {
      if (typeof uri !== 'string' || typeof start !== 'number' || typeof end !== 'number') return;
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
      const range = new vscode.Range(doc.positionAt(start), doc.positionAt(end));
      await vscode.window.showTextDocument(doc, { selection: range, preserveFocus: false });
    }),
    vscode.commands.registerCommand(Commands.nextAnnotation, step(1)),
    vscode.commands.registerCommand(Commands.previousAnnotation, step(-1)),
    { dispose: () => status?.dispose() },
  );
}
