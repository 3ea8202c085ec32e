// Worker thread of `news-lens analyze --jsonl --jobs N` (bundled to dist/jsonl-worker.js: the
// engine and the JSON Lines record, not the rest of the CLI). Receives batches of input lines and
// answers each, in order (jsonl.ts): a head worker (workerData.role 'head') with the heads of the
// lines' analyses, any other with their output text and problems (by the tail of the pipeline when
// the batch carries the heads).
// A head worker may first receive the name tagger's model, decoded by the main thread (the shipped one,
// or with `analyze --model FILE` the adapted one); a worker that analyses whole documents (no head
// workers) receives it too when it is an adapted one.
import { parentPort, workerData } from 'node:worker_threads';
import { setHeadModel } from '../engine/split';
import { modelFromTransfer } from '../engine/ner/transfer';
import { PerceptronRecognizer } from '../engine/ner';
import type { AnalyzeOptions } from '../engine';
import { analyzeJsonlBatch, analyzeJsonlHeads } from './jsonl';
import type { JsonlWorkerMessage } from './jsonl';

const head = (workerData as { role?: string } | undefined)?.role === 'head';
let whole: AnalyzeOptions = {};
parentPort?.on('message', (message: JsonlWorkerMessage) => {
  if ('model' in message) {
    const model = modelFromTransfer(message.model);
    if (head) setHeadModel(model);
    else whole = { recognizer: new PerceptronRecognizer(model) };
  } else parentPort?.postMessage(head ? analyzeJsonlHeads(message) : analyzeJsonlBatch(message, whole));
});
