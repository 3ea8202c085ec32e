// Handshake with scripts/vscode/run-integration.mjs for the rendered-workbench check: the harness sets
// NEWS_LENS_UI_CHECK; we open the seed article, make sure its analysis is ready, log a marker the harness
// waits for, then wait until the harness drops a file saying it has hovered and taken its screenshot.
import * as vscode from 'vscode';
import { existsSync } from 'fs';
import { join } from 'path';
import { openSeed, activateExtension } from './helpers';

export async function runRenderedCheckHandshake(): Promise<void> {
  const signalDir = process.env.NEWS_LENS_SIGNAL_DIR;
  if (process.env.NEWS_LENS_UI_CHECK !== '1' || !signalDir) return;
  await activateExtension();
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  const doc = await openSeed('trump-xi-tiktok-call.txt');
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  const last = doc.lineCount - 1;
  editor.revealRange(new vscode.Range(last, 0, last, 0), vscode.TextEditorRevealType.InCenter);
  // A note on the name, so the screenshot shows the entity card, the annotation card and its decoration.
  const start = doc.getText().indexOf('Chenyue Mao');
  await vscode.commands.executeCommand('newsLens.annotate', {
    label: 'context',
    note: 'Released after an exit ban of several months; check the bank’s statement.',
    range: { start, end: start + 'Chenyue Mao'.length },
  });
  // Warm the analysis so the first real hover is fast.
  await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, doc.positionAt(start + 9));
  // The annotations are review threads: VS Code opens the Comments panel for the first file that has
  // some, which leaves the editor too short for the harness's words. Close it, then reveal again.
  await new Promise((r) => setTimeout(r, 500));
  await vscode.commands.executeCommand('workbench.action.closePanel');
  await vscode.window.showTextDocument(doc, { preview: false });
  // Put the cursor where the harness will look: an earlier suite leaves it near the top, and the
  // harness's first click focuses the editor, which would scroll back to the cursor mid-double-click.
  editor.selection = new vscode.Selection(last, 0, last, 0);
  editor.revealRange(new vscode.Range(last, 0, last, 0), vscode.TextEditorRevealType.InCenter);
  await new Promise((r) => setTimeout(r, 300));
  console.log('NEWS_LENS_UI_READY');
  const deadline = Date.now() + 60_000;
  while (!existsSync(join(signalDir, 'ui-done')) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
  }
}
