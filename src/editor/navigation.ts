// newsLens.revealRange (hidden from the palette): the target of "line N" links in hover cards.
import * as vscode from 'vscode';
import { Commands } from './commandIds';

export function registerNavigation(): vscode.Disposable {
  return vscode.commands.registerCommand(Commands.revealRange, async (uri: unknown, start: unknown, end: unknown) => {
    if (typeof uri !== 'string' || typeof start !== 'number' || typeof end !== 'number') return;
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
    const range = new vscode.Range(doc.positionAt(start), doc.positionAt(end));
    await vscode.window.showTextDocument(doc, { selection: range, preserveFocus: false });
  });
}
