// Concurrent writers on one sidecar: two writers, each running `news-lens annotate` (the bundled
// dist/cli.js, one process per note) N times in a row, at the same time, on the same article. Every
// call must succeed and the sidecar must end with all 2N notes. Used by the reliability script
// (concurrent-writers.ts) and by test/unit/store.lock.test.ts.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseSidecar } from '../../src/store';

export interface TrialResult {
  /** Notes in the sidecar at the end. */
  kept: number;
  /** Notes the writers were told were added (exit 0 and an id printed). */
  acknowledged: number;
  /** Calls that failed: their exit code and standard error. */
  failures: string[];
  /** Files left beside the article (lock, temp files), besides the article and its sidecar. */
  leftovers: string[];
  ms: number;
}

function run(cli: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => { stdout += s; });
    child.stderr.setEncoding('utf8').on('data', (s: string) => { stderr += s; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** One writer: `n` notes, one `news-lens annotate` process after the other. */
async function writer(cli: string, article: string, name: string, n: number, result: TrialResult): Promise<void> {
  for (let i = 0; i < n; i++) {
    const r = await run(cli, ['annotate', article, '--exact', 'Paris', '--label', `${name}-${i}`, '--author', name]);
    if (r.code === 0 && /\S/.test(r.stdout)) result.acknowledged++;
    else result.failures.push(`${name}-${i}: exit ${r.code}: ${r.stderr.trim()}`);
  }
}

/** Two writers adding `n` notes each to a fresh article at the same time. */
export async function concurrentTrial(cli: string, n: number): Promise<TrialResult> {
  const dir = mkdtempSync(join(tmpdir(), 'newslens-writers-'));
  const article = join(dir, 'article.txt');
  writeFileSync(article, 'Reporters met in Paris on Monday. The talks ran late.\n');
  const result: TrialResult = { kept: 0, acknowledged: 0, failures: [], leftovers: [], ms: 0 };
  const t0 = Date.now();
  await Promise.all([writer(cli, article, 'a', n, result), writer(cli, article, 'b', n, result)]);
  result.ms = Date.now() - t0;
  const parsed = parseSidecar(readFileSync(`${article}.annotations.yaml`, 'utf8'));
  result.kept = new Set(parsed.annotations.map((a) => a.label)).size;
  result.leftovers = readdirSync(dir).filter((f) => f !== 'article.txt' && f !== 'article.txt.annotations.yaml');
  return result;
}
