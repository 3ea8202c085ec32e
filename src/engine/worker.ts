// worker_threads entry (bundled to dist/worker.js): runs analyze() off the extension host's main thread,
// so a long article does not freeze the editor. Protocol: receives { id, text }, posts back
// { id, analysis } or { id, error }.
import { parentPort } from 'node:worker_threads';
import { analyze } from './index';
import type { Analysis } from './types';

export interface AnalyzeRequest {
  id: number;
  text: string;
}
export type AnalyzeResponse = { id: number; analysis: Analysis } | { id: number; error: string };

parentPort?.on('message', (msg: AnalyzeRequest) => {
  let reply: AnalyzeResponse;
  try {
    reply = { id: msg.id, analysis: analyze(msg.text) };
  } catch (err) {
    reply = { id: msg.id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  }
  parentPort?.postMessage(reply);
});
