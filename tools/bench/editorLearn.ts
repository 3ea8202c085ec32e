// `npx tsx tools/bench/editorLearn.ts --data DIR [--articles 150] [--corrected] [--runs 3]`: how long the editor's
// background learning (src/editor/learning.ts) takes in its worker thread (dist/learn-worker.js; run
// `npm run build` first) for N short articles (UNER EWT test, the learning curve's stream) whose sidecars
// hold the simulated reviewer's corrections (one `add` per name the shipped model got wrong): reading the
// articles and sidecars, analysing and correcting each, and learning. Wall time of the whole request
// (worker start included), the worker's own split, and the worker's CPU time; median of the runs.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { analyze } from '../../src/engine';
import { loadStream, simulatedReview } from '../eval/learningCurve';
import { median } from '../util/median';
import type { LearnResponse } from '../../src/learning/learnWorker';
import type { LearnResult } from '../../src/learning/learnFiles';

const arg = (name: string, def?: string) => { const i = process.argv.indexOf(`--${name}`); return i >= 0 ? process.argv[i + 1] : def; };
const dataDir = arg('data') ?? (() => { throw new Error('--data DIR is required'); })();
const n = Number(arg('articles', '150'));
const runs = Number(arg('runs', '3'));

const cp = (text: string, i: number) => [...text.slice(0, i)].length;
const dir = mkdtempSync(join(tmpdir(), 'nl-editor-learn-'));
const { docs, goldHasMisc } = loadStream(dataDir, 'uner');
const files: string[] = [];
let corrections = 0, chars = 0;
// --corrected: the first N articles that have a correction (every one is learned from); else the first N.
const correctedOnly = process.argv.includes('--corrected');
let withCorrections = 0;
for (const [k, d] of docs.entries()) {
  if (correctedOnly ? withCorrections >= n : k >= n) break;
  const analysis = analyze(d.text);
  const { example } = simulatedReview(analysis, d.entities, goldHasMisc);
  const adds = example.entities.filter((g) => !analysis.entities.some((e) => e.start === g.start && e.end === g.end && e.type === g.type));
  const file = join(dir, `a${k}.txt`);
  writeFileSync(file, d.text);
  chars += d.text.length;
  const yaml = ['version: 1', `article: a${k}.txt`, 'annotations: []', 'corrections:'];
  adds.forEach((g, j) => {
    yaml.push(`  - id: c-20261208T030000-b${k}x${j}`, '    kind: entity', '    action: add', `    type: ${g.type}`,
      `    target: { exact: ${JSON.stringify(d.text.slice(g.start, g.end))}, start: ${cp(d.text, g.start)}, end: ${cp(d.text, g.end)} }`);
  });
  if (adds.length > 0) { writeFileSync(`${file}.annotations.yaml`, `${yaml.join('\n')}\n`); withCorrections++; }
  else if (correctedOnly) continue;
  corrections += adds.length;
  files.push(file);
}

function once(): Promise<{ wall: number; cpu: number; result: LearnResult }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const worker = new Worker(join(__dirname, '..', '..', 'dist', 'learn-worker.js'));
    worker.once('message', (msg: LearnResponse) => {
      const wall = performance.now() - t0;
      const cpu = worker.performance.eventLoopUtilization();
      void worker.terminate();
      if ('error' in msg) reject(new Error(msg.error));
      else resolve({ wall, cpu: cpu.active, result: msg.result });
    });
    worker.once('error', reject);
    worker.postMessage({ articles: files });
  });
}

void (async () => {
  const out: Awaited<ReturnType<typeof once>>[] = [];
  for (let r = 0; r < runs; r++) out.push(await once());
  const r = out[0]!.result;
  console.log(`${files.length} UNER articles (${chars.toLocaleString('en-US')} chars), ${corrections} corrections written; worker learned from ${r.corrections} in ${r.articles} articles; model ${r.bytes?.length ?? 0} bytes`);
  console.log(`wall per request (worker start included): median ${median(out.map((o) => o.wall)).toFixed(0)} ms [${out.map((o) => o.wall.toFixed(0)).join(', ')}]`);
  console.log(`worker busy (event loop active): median ${median(out.map((o) => o.cpu)).toFixed(0)} ms; examples ${median(out.map((o) => o.result.examplesMs)).toFixed(0)} ms, learning ${median(out.map((o) => o.result.learnMs)).toFixed(0)} ms`);
})();
