// Worker thread of `news-lens analyze --jsonl --jobs N` (bundled to dist/jsonl-worker.js: the
// engine and the JSON Lines record, not the rest of the CLI). Receives batches of input lines and
// answers each, in order (jsonl.ts): a head worker (workerData.role 'head') with the heads of the
// lines' analyses, any other with their output text and problems (by the tail of the pipeline when
// the batch carries the heads).
// A head worker may first receive the name tagger's model, decoded by the main thread.
import { parentPort, workerData } from 'node:worker_threads';
import { setHeadModel } from '../engine/split';
import { modelFromTransfer } from '../engine/ner/transfer';
import { analyzeJsonlBatch, analyzeJsonlHeads } from './jsonl';
import type { JsonlWorkerMessage } from './jsonl';

const head = (workerData as { role?: string } | undefined)?.role === 'head';
parentPort?.on('message', (message: JsonlWorkerMessage) => {
  if ('model' in message) setHeadModel(modelFromTransfer(message.model));
  else parentPort?.postMessage(head ? analyzeJsonlHeads(message) : analyzeJsonlBatch(message));
});
