import * as assert from 'assert';
import { activateExtension, openSeed } from '../helpers';

suite('language', () => {
  suiteSetup(async () => {
    await activateExtension();
  });

  test('seed articles open as news-article', async () => {
    const doc = await openSeed('trump-xi-tiktok-call.txt');
    assert.strictEqual(doc.languageId, 'news-article');
  });
});
