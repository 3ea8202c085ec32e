// The issue "Nothing lost under concurrency" as a test: two writers, each running `news-lens annotate`
// (the bundled dist/cli.js) N times, at the same time on one article, keep all 2N notes, every call
// succeeds and no lock or temp file is left. The full measurement (100 notes each, 10 trials) is
// tools/reliability/concurrent-writers.ts.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { concurrentTrial } from '../../tools/reliability/concurrentWriters';

const ROOT = join(__dirname, '..', '..');

describe('news-lens annotate: concurrent writers as processes (dist/cli.js)', function () {
  this.timeout(180000);
  let cli = '';

  before(() => {
    execFileSync(process.execPath, ['esbuild.mjs', '--quiet'], { cwd: ROOT, stdio: 'inherit' });
    cli = join(mkdtempSync(join(tmpdir(), 'newslens-cli-')), 'cli.js');
    copyFileSync(join(ROOT, 'dist', 'cli.js'), cli);
  });

  for (let trial = 1; trial <= 3; trial++) {
    it(`trial ${trial}: two writers adding 25 notes each keep all 50`, async () => {
      const r = await concurrentTrial(cli, 25);
      assert.deepEqual(r.failures, []);
      assert.equal(r.acknowledged, 50);
      assert.equal(r.kept, 50, `kept ${r.kept} of 50`);
      assert.deepEqual(r.leftovers, []);
    });
  }
});
