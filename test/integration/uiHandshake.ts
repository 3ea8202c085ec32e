// Handshake with scripts/vscode/run-integration.mjs for the rendered-workbench check: the harness sets
// NEWS_LENS_UI_CHECK; we open the seed article, make sure its analysis is ready, log a marker the harness
// waits for, then wait until the harness drops a file saying it has hovered and taken its screenshot.
import * as vscode from 'vscode';
import { existsSync, writeFileSync } from 'fs';
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
  // Then serve the harness's step requests (a file `step-<name>`, answered by `step-<name>.ok` or
  // `.err`) until it drops `ui-done`.
  const done = new Set<string>();
  const deadline = Date.now() + 180_000;
  while (!existsSync(join(signalDir, 'ui-done')) && Date.now() < deadline) {
    for (const name of Object.keys(STEPS)) {
      if (done.has(name) || !existsSync(join(signalDir, `step-${name}`))) continue;
      done.add(name);
      try {
        await STEPS[name]!(doc);
        writeFileSync(join(signalDir, `step-${name}.ok`), '');
      } catch (err) {
        writeFileSync(join(signalDir, `step-${name}.err`), err instanceof Error ? err.stack ?? err.message : String(err));
      }
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// A paragraph where "U.S." straddles column 40: "U." ends exactly at the column, so a wrap that breaks
// after every "." would end the first row with "U." and start the next with "S.".
export const WRAP_PROBE =
  'Talks went on for many hours, and the U.S. delegation left before dawn on the second day of the meeting.\n';
const WRAP_COLUMN = 40;

async function showSeedAtTop(doc: vscode.TextDocument): Promise<void> {
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  editor.selection = new vscode.Selection(0, 0, 0, 0);
  editor.revealRange(new vscode.Range(0, 0, 0, 0), vscode.TextEditorRevealType.AtTop);
}

async function setTheme(name: string): Promise<void> {
  await vscode.workspace.getConfiguration('workbench').update('colorTheme', name, vscode.ConfigurationTarget.Global);
  await sleep(1000);
}

const STEPS: Record<string, (doc: vscode.TextDocument) => Promise<void>> = {
  // The wrap probe in a column-wrapped article editor (the harness reads the rendered rows).
  async wrap() {
    const editorConfig = vscode.workspace.getConfiguration('editor', { languageId: 'news-article' });
    await editorConfig.update('wordWrap', 'wordWrapColumn', vscode.ConfigurationTarget.Global, true);
    await editorConfig.update('wordWrapColumn', WRAP_COLUMN, vscode.ConfigurationTarget.Global, true);
    const uri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, 'seeds', 'wrap-probe.txt');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(WRAP_PROBE));
    const probe = await vscode.workspace.openTextDocument(uri);
    if (probe.languageId !== 'news-article') throw new Error(`wrap probe opened as ${probe.languageId}`);
    await vscode.window.showTextDocument(probe, { preview: false });
    await sleep(500);
  },
  async unwrap(doc) {
    const editorConfig = vscode.workspace.getConfiguration('editor', { languageId: 'news-article' });
    await editorConfig.update('wordWrap', undefined, vscode.ConfigurationTarget.Global, true);
    await editorConfig.update('wordWrapColumn', undefined, vscode.ConfigurationTarget.Global, true);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, 'seeds', 'wrap-probe.txt'));
    await showSeedAtTop(doc);
    await sleep(500);
  },
  // The seed article from the top, in the dark theme of the test settings and in Light Modern.
  async overviewDark(doc) {
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await showSeedAtTop(doc);
    // An earlier suite may have left an unsaved edit in the seed; show the article as it is on disk.
    if (doc.isDirty) await vscode.commands.executeCommand('workbench.action.files.revert');
    await sleep(500);
  },
  async overviewLight(doc) {
    await setTheme('Default Light Modern');
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await showSeedAtTop(doc);
    await sleep(500);
  },
  async themeStyle() {
    await vscode.workspace.getConfiguration('newsLens').update('highlight.style', 'theme', vscode.ConfigurationTarget.Global);
    await sleep(300);
  },
  async paletteStyle() {
    await vscode.workspace.getConfiguration('newsLens').update('highlight.style', undefined, vscode.ConfigurationTarget.Global);
    await sleep(300);
  },
  // Notes in the Problems panel and in the Annotations view of the Explorer, beside the article.
  async notes(doc) {
    await vscode.commands.executeCommand('workbench.view.explorer');
    await vscode.commands.executeCommand('newsLens.annotations.focus');
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await showSeedAtTop(doc);
    await sleep(1000);
  },
};
