// Issue 16 in the editor: a partial quotation's card shows the exact quoted words, a resolved pronoun's
// card says whom it refers to, and "declined to enforce the ban" is no attribution. Checked through
// vscode.executeHoverProvider on the seed article.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, hoverAt, openSeed, positionOf } from '../helpers';

suite('quoted words and resolved pronouns in hover cards', () => {
  let doc: vscode.TextDocument;

  suiteSetup(async () => {
    await activateExtension();
    doc = await openSeed('trump-xi-tiktok-call.txt');
  });

  test('over a partial quotation: the card lists the quoted words', async () => {
    const text = await hoverAt(doc, positionOf(doc, 'on broader trade issues', 0, 4));
    assert.match(text, /Partial quotation/, text);
    assert.match(text, /Quoted words:/, text);
    assert.match(text, /“pretty close to a deal”/, text);
    assert.match(text, /“do an extension with China/, text);
  });

  test('over "He" (Trump, named in the sentence before): the card says whom it refers to', async () => {
    const text = await hoverAt(doc, positionOf(doc, 'He has expressed', 0, 1));
    assert.match(text, /He\*\* refers to \*\*Donald Trump\*\*/, text);
    assert.match(text, /person/, text);
  });

  test('over "declined to enforce the ban": no attribution card', async () => {
    const text = await hoverAt(doc, positionOf(doc, 'enforce the ban', 0, 3));
    assert.doesNotMatch(text, /Reported speech|Speaker:/, text);
  });
});
