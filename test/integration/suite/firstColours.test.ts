// What the editor benchmark (test/integration/bench.ts) reads from the extension's API: when an article's
// palette was painted, and how long the hover provider took.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { NewsLensApi } from '../../../src/extension';
import { activateExtension, eventually, hoverAt, openSeed, positionOf } from '../helpers';

suite('first colours', () => {
  let api: NewsLensApi;

  suiteSetup(async () => {
    api = (await activateExtension()) as NewsLensApi;
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('the API reports when the palette was painted and how long each hover took', async () => {
    const doc = await openSeed('trump-xi-tiktok-call.txt');
    await vscode.window.showTextDocument(doc);
    // Of the text as it is now (earlier suites edited and reverted it: older versions were painted too).
    const painted = await eventually(() => {
      const p = api.highlights.paintedAt(doc.uri);
      return p?.version === doc.version ? p : undefined;
    }, 10_000).catch(() => assert.fail(`no paint of version ${doc.version}: ${JSON.stringify(api.highlights.paintedAt(doc.uri))}`));
    assert.ok(painted.at <= performance.now(), `painted at ${painted.at}, after now`);
    const count = api.hover.count;
    const t0 = performance.now();
    assert.match(await hoverAt(doc, positionOf(doc, 'Mao')), /Wells Fargo/);
    const roundTrip = performance.now() - t0;
    assert.ok(api.hover.count > count, 'the hover was not counted');
    assert.ok(api.hover.lastMs >= 0 && api.hover.lastMs <= roundTrip, `provider ${api.hover.lastMs} ms, round trip ${roundTrip} ms`);
  });
});
