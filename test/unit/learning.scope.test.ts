// What a learning run may change (src/learning/scope.ts): one choice for `news-lens learn --names-only /
// --new-words-only` and the editor's newsLens.learning.scope, carried to the learner (learnFromArticles).
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultModelPath } from '../../src/engine/ner';
import { deserializeAdapted } from '../../src/engine/ner/adapt';
import { learnModelBytes } from '../../src/engine/ner/learn';
import { correctedExampleOf } from '../../src/learning/examples';
import { learnFromArticles } from '../../src/learning/learnFiles';
import { LEARN_SCOPES, learnOptionsOf, type LearnScope } from '../../src/learning/scope';

const TEXT = 'Donald Trump met Xi Jinping in Beijing on Friday. Shares of Acme Widgets rose after the talks. "We are close," Kennedy said.\n';

describe('learning scope (src/learning/scope.ts)', function () {
  this.timeout(30_000);

  it('maps each scope to the learner options, and refuses an unknown one by name', () => {
    assert.deepEqual(LEARN_SCOPES, ['all', 'newWords', 'namesOnly']);
    assert.deepEqual(learnOptionsOf('all'), {});
    assert.deepEqual(learnOptionsOf('newWords'), { scope: 'novel' });
    assert.deepEqual(learnOptionsOf('namesOnly'), { weights: false });
    assert.throws(() => learnOptionsOf('everything' as LearnScope), /unknown learning scope "everything" \(all, newWords, namesOnly\)/);
  });

  it('learnFromArticles learns with the scope it is given: namesOnly has no weight changes, all has some', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nl-learn-scope-'));
    const article = join(dir, 'a.txt');
    writeFileSync(article, TEXT);
    const start = TEXT.indexOf('Acme Widgets');
    writeFileSync(`${article}.annotations.yaml`, 'version: 1\narticle: a.txt\nannotations: []\ncorrections:\n  - id: c-20261208T050000-scope1\n' +
      `    kind: entity\n    action: add\n    type: ORG\n    target: { exact: Acme Widgets, start: ${start}, end: ${start + 12} }\n`);
    const base = readFileSync(defaultModelPath());
    const deps = { exampleOf: (f: string) => correctedExampleOf(f), baseBytes: () => base };
    const bytes: Partial<Record<LearnScope, Uint8Array>> = {};
    for (const scope of LEARN_SCOPES) bytes[scope] = (await learnFromArticles([article], { ...deps, scope })).bytes;
    const { example } = await correctedExampleOf(article);
    for (const scope of LEARN_SCOPES) assert.deepEqual(bytes[scope], learnModelBytes(base, [example], learnOptionsOf(scope)), scope);
    assert.deepEqual((await learnFromArticles([article], deps)).bytes, bytes.all, 'no scope: all');
    const deltas = (b: Uint8Array | undefined) => deserializeAdapted(b!).rows.size;
    assert.equal(deltas(bytes.namesOnly), 0);
    assert.ok(deltas(bytes.all) > 0);
    assert.ok(deltas(bytes.newWords) < deltas(bytes.all));
  });
});
