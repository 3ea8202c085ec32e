// Worker thread of `news-lens analyze --jsonl --jobs N` (bundled to dist/jsonl-worker.js: the
// engine and the JSON Lines record, not the rest of the CLI). Receives batches of input lines,
// answers each with its output text and problems, in order (jsonl.ts). With `analyze --model FILE`
// the worker is started with { model: FILE } and loads that adapted model (checked by the main thread).
import { parentPort, workerData } from 'node:worker_threads';
import type { AnalyzeOptions } from '../engine';
import { analyzeJsonlBatch } from './jsonl';
import type { JsonlBatch } from './jsonl';
import type { JsonlWorkerData } from './jobs';
import { loadAdaptedRecognizer } from './adaptedModel';

const data = (workerData ?? {}) as JsonlWorkerData;
const options: AnalyzeOptions = data.model ? { recognizer: loadAdaptedRecognizer(data.model) } : {};

parentPort?.on('message', (batch: JsonlBatch) => {
  parentPort?.postMessage(analyzeJsonlBatch(batch, options));
});
