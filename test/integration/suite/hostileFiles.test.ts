// Hostile files in a real VS Code (issue 18, item 4): a sidecar that is a symbolic link to /dev/zero
// must be reported, never read (workspace.fs.readFile would read it without end) and never replaced.
import * as assert from 'assert';
import { lstatSync, readlinkSync, symlinkSync, unlinkSync } from 'fs';
import * as vscode from 'vscode';
import { activateExtension, eventually, openSeed, seedUri, sleep } from '../helpers';

const SEED = 'trump-xi-tiktok-call.txt';
const newsLensDiagnostics = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'News Lens');

suite('hostile files: a sidecar that is not a regular file', () => {
  suiteSetup(async () => {
    await activateExtension();
  });

  test('a sidecar linked to /dev/zero is reported as not a file, read-only, and the link is left alone', async () => {
    const text = (await openSeed(SEED)).getText();
    const uri = seedUri('hostile-devzero.txt');
    const sidecar = uri.with({ path: `${uri.path}.annotations.yaml` });
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    symlinkSync('/dev/zero', sidecar.fsPath);
    try {
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc);
      const diagnostic = await eventually(() => newsLensDiagnostics(sidecar)[0], 15_000);
      assert.match(diagnostic.message, /is not a file or folder .*read only from regular files/);
      const start = doc.getText().indexOf('Beijing');
      const result = await vscode.commands.executeCommand('newsLens.annotate', { label: 'claim', note: 'must not be written', range: { start, end: start + 7 } });
      assert.strictEqual(result, undefined, 'annotate should refuse on a sidecar that cannot be read');
      await sleep(300);
      assert.ok(lstatSync(sidecar.fsPath).isSymbolicLink(), 'the link was replaced');
      assert.strictEqual(readlinkSync(sidecar.fsPath), '/dev/zero');
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      unlinkSync(sidecar.fsPath);
      await vscode.workspace.fs.delete(uri);
    }
  });
});
