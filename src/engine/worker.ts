// worker_threads entry (bundled to dist/worker.js): runs analyze() off the extension host's main thread,
// so a long article does not freeze the editor. Protocol: receives { id, text }, posts back
// { id, analysis } or { id, error }. Started with workerData { model: FILE }, it finds names with that
// adapted model (the editor's model learned from the workspace's corrections, src/editor/learning.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { analyze, type AnalyzeOptions } from './index';
import type { Analysis } from './types';
import { loadAdaptedRecognizer } from '../learning/adaptedModel';

/** workerData of the analysis worker. */
export interface AnalysisWorkerData {
  /** An adapted model file (checked against the shipped model when loaded). */
  model?: string;
}
const data = (workerData ?? {}) as AnalysisWorkerData;
const options: AnalyzeOptions = data.model ? { recognizer: loadAdaptedRecognizer(data.model) } : {};

export interface AnalyzeRequest {
  id: number;
  text: string;
}
export type AnalyzeResponse = { id: number; analysis: Analysis } | { id: number; error: string };

parentPort?.on('message', (msg: AnalyzeRequest) => {
  let reply: AnalyzeResponse;
  try {
    reply = { id: msg.id, analysis: analyze(msg.text, options) };
  } catch (err) {
    reply = { id: msg.id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  }
  parentPort?.postMessage(reply);
});
