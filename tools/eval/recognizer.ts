// `--recognizer rules|model` for the eval and bench scripts; the choice is passed to analyze() as
// `{ recognizer }`, explicitly in both cases, so the numbers do not change meaning if analyze()'s
// default recognizer changes.
//   rules: the rule-and-lexicon RuleRecognizer (rulesBaseline.ts, the v0 recognizer, kept as the evaluation baseline).
//   model: the trained PerceptronRecognizer (src/engine/ner), with models/ner.bin or `--model FILE`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PerceptronRecognizer, defaultModelPath, loadModel } from '../../src/engine/ner';
import type { NameRecognizer } from '../../src/engine/recognizer';
import { RuleRecognizer } from './rulesBaseline';

export type RecognizerChoice = 'rules' | 'model';
export const RECOGNIZER_CHOICES: readonly RecognizerChoice[] = ['rules', 'model'];

export interface LoadedRecognizer {
  choice: RecognizerChoice;
  recognizer: NameRecognizer;
  /** Model file loaded (model only). */
  modelFile?: string;
  /** Wall time to read and deserialise the model file and build the recognizer (0 for rules). */
  loadMs: number;
}

export function isRecognizerChoice(s: string): s is RecognizerChoice {
  return (RECOGNIZER_CHOICES as readonly string[]).includes(s);
}

/** The model file `--recognizer model` would load, or undefined when there is none. */
export function findModelFile(modelFile?: string): string | undefined {
  const file = path.resolve(modelFile ?? defaultModelPath());
  return fs.existsSync(file) ? file : undefined;
}

export function loadRecognizer(choice: RecognizerChoice, modelFile?: string): LoadedRecognizer {
  if (choice === 'rules') return { choice, recognizer: new RuleRecognizer(), loadMs: 0 };
  const file = findModelFile(modelFile);
  if (!file) {
    throw new Error(`--recognizer model: no model file at ${path.resolve(modelFile ?? defaultModelPath())} ` +
      '(train one first, or pass --model FILE)');
  }
  const t0 = performance.now();
  // loadModel caches per path; the first call of the process is the real load.
  const recognizer = new PerceptronRecognizer(loadModel(file));
  return { choice, recognizer, modelFile: file, loadMs: performance.now() - t0 };
}
