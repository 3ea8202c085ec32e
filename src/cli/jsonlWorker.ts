// Worker thread of `news-lens analyze --jsonl --jobs N` (bundled to dist/jsonl-worker.js: the
// engine and the JSON Lines record, not the rest of the CLI). Receives batches of input lines,
// answers each with its output text and problems, in order (jsonl.ts).
import { parentPort } from 'node:worker_threads';
import { analyzeJsonlBatch } from './jsonl';
import type { JsonlBatch } from './jsonl';

parentPort?.on('message', (batch: JsonlBatch) => {
  parentPort?.postMessage(analyzeJsonlBatch(batch));
});
