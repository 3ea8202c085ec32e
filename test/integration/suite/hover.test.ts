import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, hoverAt, openSeed, positionOf } from '../helpers';

suite('hover', () => {
  let doc: vscode.TextDocument;

  suiteSetup(async () => {
    await activateExtension();
    doc = await openSeed('trump-xi-tiktok-call.txt');
  });

  test('over "Mao": the Wells Fargo banker', async () => {
    const text = await hoverAt(doc, positionOf(doc, 'Mao'));
    assert.match(text, /Wells Fargo/, text);
    assert.match(text, /banker/, text);
  });

  test('over a Trump quotation: the speaker is Donald Trump', async () => {
    const text = await hoverAt(doc, positionOf(doc, 'I like TikTok', 0, 3));
    assert.match(text, /Donald Trump/, text);
    assert.match(text, /Quotation|Speaker/, text);
  });

  test('over a person: canonical name, type and mentions', async () => {
    const text = await hoverAt(doc, positionOf(doc, 'Trump', 2));
    assert.match(text, /Donald Trump/, text);
    assert.match(text, /person/, text);
    assert.match(text, /Mentions:\*\* \d+/, text);
  });

  test('plain words have no card', async () => {
    const text = await hoverAt(doc, positionOf(doc, 'obstacle'));
    assert.strictEqual(text, '');
  });
});
