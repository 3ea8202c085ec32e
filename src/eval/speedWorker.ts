// Worker thread for the side-by-side speed comparison (src/eval/isolated.ts): runs one side — News Lens
// analyze() or compromise — in a heap of its own, one timed pass over the texts per message.
// Bundled by isolated.ts (esbuild, like dist/), with `compromise` loaded from its own published build.
import { parentPort, workerData } from 'node:worker_threads';
import { analyze } from '../engine/analyze';
import { compromiseEntities } from './compromise';
import { loadRecognizer, type RecognizerChoice } from './recognizer';

export interface SpeedWorkerData {
  side: 'analyze' | 'compromise';
  texts: string[];
  recognizer?: RecognizerChoice;
  modelFile?: string;
}
export interface SpeedPass { cpuMs: number; wallMs: number; results: number }

const data = workerData as SpeedWorkerData;
let run: (text: string) => unknown;
if (data.side === 'compromise') run = compromiseEntities;
else {
  const { recognizer } = loadRecognizer(data.recognizer ?? 'model', data.modelFile);
  run = (text) => analyze(text, { recognizer });
}
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
