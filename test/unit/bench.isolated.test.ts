// The side-by-side speed comparison of the bench (tools/bench/isolated.ts): each side in its own worker
// thread, running the bundled engine and compromise, timed per round.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { timeIsolated } from '../../tools/bench/isolated';

const SEED = readFileSync(path.resolve(__dirname, '..', '..', 'seeds', 'trump-xi-tiktok-call.txt'), 'utf8');

describe('bench/isolated: timing in worker threads', function () {
  this.timeout(120000);

  it('times every side once per round, each pass over all texts', async () => {
    const texts = [SEED, SEED.slice(0, 2000), 'A short text about Paris.'];
    const [ours, theirs] = await timeIsolated(texts, [
      { label: 'News Lens', side: 'analyze' },
      { label: 'compromise', side: 'compromise' },
    ], 3, 0, 0, 1);
    for (const t of [ours, theirs]) {
      assert.equal(t.cpuMs.length, 3);
      assert.equal(t.wallMs.length, 3);
      assert.equal(t.firstCpuMs.length, 3);
      // One pass per turn here (turnMs 0, minPasses 1): the turn's median is its first pass.
      assert.deepEqual(t.firstCpuMs, t.cpuMs);
      for (const ms of [...t.cpuMs, ...t.wallMs]) assert.ok(ms > 0 && Number.isFinite(ms), `${t.label}: ${ms}`);
    }
    assert.equal(ours.label, 'News Lens');
    assert.equal(theirs.label, 'compromise');
  });

  it('rejects, naming the problem, when a side cannot start', async () => {
    await assert.rejects(
      timeIsolated(['text'], [{ label: 'News Lens', side: 'analyze', recognizer: 'model', modelFile: '/nonexistent/ner.bin' }], 1, 0, 0, 1),
      /no model file at \/nonexistent\/ner\.bin/,
    );
  });
});
