// Worker thread for the side-by-side speed comparison (isolated.ts): runs one side — News Lens
// analyze() or compromise — in a heap of its own, one timed pass over the texts per message.
// Bundled by isolated.ts (esbuild, like dist/), with `compromise` loaded from its own published build.
// Each side loads only its own library: with compromise loaded into the same heap (by a top-level import),
// analyze() ran 1.2x slower although compromise never ran there (interleaved A/B of the two worker
// builds; the engine as it ships never loads compromise).
import { parentPort, workerData } from 'node:worker_threads';
import type { SpeedPass, SpeedWorkerData } from './types';

const data = workerData as SpeedWorkerData;
let run: (text: string) => unknown;
/* eslint-disable @typescript-eslint/no-require-imports -- lazy on purpose, see above */
if (data.side === 'compromise') run = (require('./compromise') as typeof import('./compromise')).compromiseEntities;
else {
  const { analyze } = require('../../src/engine/analyze') as typeof import('../../src/engine/analyze');
  const { loadRecognizer } = require('../eval/recognizer') as typeof import('../eval/recognizer');
  const { recognizer } = loadRecognizer(data.recognizer ?? 'model', data.modelFile);
  run = (text) => analyze(text, { recognizer });
}
/* eslint-enable @typescript-eslint/no-require-imports */
parentPort?.on('message', () => {
  let results = 0;
  const c0 = process.cpuUsage();
  const w0 = performance.now();
  for (const t of data.texts) if (run(t)) results++;
  const wallMs = performance.now() - w0;
  const c = process.cpuUsage(c0);
  const pass: SpeedPass = { cpuMs: (c.user + c.system) / 1000, wallMs, results };
  parentPort?.postMessage(pass);
});
