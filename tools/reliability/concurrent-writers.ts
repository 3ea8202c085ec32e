// npx tsx tools/reliability/concurrent-writers.ts [--notes 100] [--trials 10]
//
// The issue "Nothing lost under concurrency", as a measurement: two writers add --notes notes each to
// one sidecar at the same time, each note a `news-lens annotate` process (dist/cli.js, rebuilt first),
// every call reporting success. Prints "trial k: kept K of 2N" per trial; exit 1 when any trial lost
// a note, had a failed call, or left a lock or temp file behind.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { concurrentTrial } from './concurrentWriters';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { notes: { type: 'string', default: '100' }, trials: { type: 'string', default: '10' } }, strict: true });
  const n = Number(values.notes);
  const trials = Number(values.trials);
  if (!Number.isInteger(n) || n < 1 || !Number.isInteger(trials) || trials < 1) throw new Error('--notes and --trials take positive whole numbers');
  const root = join(__dirname, '..', '..');
  execFileSync(process.execPath, ['esbuild.mjs', '--quiet'], { cwd: root, stdio: 'inherit' });
  // A copy of the bundle, so that rebuilding dist meanwhile does not change the program under test.
  const cli = join(mkdtempSync(join(tmpdir(), 'newslens-cli-')), 'cli.js');
  copyFileSync(join(root, 'dist', 'cli.js'), cli);
  let bad = 0;
  for (let k = 1; k <= trials; k++) {
    const r = await concurrentTrial(cli, n);
    const ok = r.kept === 2 * n && r.failures.length === 0 && r.leftovers.length === 0;
    if (!ok) bad++;
    console.log(
      `trial ${k}: kept ${r.kept} of ${2 * n} (${r.acknowledged} acknowledged, ${r.failures.length} failed calls, ` +
        `leftovers: ${r.leftovers.join(', ') || 'none'}; ${(r.ms / 1000).toFixed(1)} s)`,
    );
    for (const f of r.failures.slice(0, 3)) console.log(`  ${f}`);
  }
  console.log(bad ? `${bad} of ${trials} trials lost notes or failed` : `all ${trials} trials kept every note`);
  return bad ? 1 : 0;
}

main().then((code) => { process.exitCode = code; }, (err) => { console.error(err); process.exitCode = 1; });
