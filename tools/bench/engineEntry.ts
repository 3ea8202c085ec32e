// Entry of the engine bundle the bench times (engineBundle.ts): analyze() and the recognizers exactly as
// esbuild bundles them into dist/, so the analyze() rows measure the code users run.
export { analyze } from '../../src/engine';
export { loadRecognizer } from '../eval/recognizer';
