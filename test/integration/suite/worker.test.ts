import * as assert from 'assert';
import * as vscode from 'vscode';
import type { NewsLensApi } from '../../../src/extension';
import { activateExtension, hoverAt, openSeed, positionOf } from '../helpers';

suite('analysis worker', () => {
  test('with a low newsLens.analysis.workerThreshold, the article is analysed in dist/worker.js', async () => {
    const api = (await activateExtension()) as NewsLensApi;
    const doc = await openSeed('trump-xi-tiktok-call.txt');
    const editor = await vscode.window.showTextDocument(doc);
    const config = vscode.workspace.getConfiguration('newsLens');
    try {
      await config.update('analysis.workerThreshold', 10, vscode.ConfigurationTarget.Global);
      await editor.edit((e) => e.insert(new vscode.Position(0, 0), 'UPDATE: '));
      const result = await api.services.analyses.get(doc);
      assert.strictEqual(result.version, doc.version);
      assert.ok(result.inWorker, 'analysis did not run in the worker');
      assert.ok(result.analysis.entities.length > 0, 'the worker returned no entities');
      assert.match(await hoverAt(doc, positionOf(doc, 'Mao')), /Wells Fargo/);
    } finally {
      await config.update('analysis.workerThreshold', undefined, vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });
});
