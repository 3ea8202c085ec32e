// worker_threads entry (bundled to dist/learn-worker.js): the editor learns from the workspace's corrected
// articles here, off the extension host's main thread (src/editor/learning.ts). Receives
// { articles: paths }, posts back { result } or { error }; the bytes travel as a transferred buffer.
import { readFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { defaultModelPath } from '../engine/ner';
import { correctedExampleOf } from './examples';
import { learnFromArticles, type LearnResult } from './learnFiles';
import type { LearnScope } from './scope';

export interface LearnRequest {
  articles: string[];
  /** What the run may change (the newsLens.learning.scope setting). */
  scope?: LearnScope;
}
export type LearnResponse = { result: LearnResult } | { error: string };

parentPort?.on('message', (msg: LearnRequest) => {
  learnFromArticles(msg.articles, { exampleOf: (file) => correctedExampleOf(file), baseBytes: () => readFileSync(defaultModelPath()), scope: msg.scope }).then(
    (result) => parentPort?.postMessage({ result } satisfies LearnResponse, result.bytes ? [result.bytes.buffer as ArrayBuffer] : []),
    (err: unknown) => parentPort?.postMessage({ error: err instanceof Error ? (err.stack ?? err.message) : String(err) } satisfies LearnResponse),
  );
});
