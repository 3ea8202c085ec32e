// Trained named-entity recogniser: a two-pass averaged structured perceptron over BILOU tags with
// Viterbi decoding (CoNLL labels PER, ORG, LOC, MISC). See models/README.md for how it was trained.
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { NameMention, NameRecognizer } from '../recognizer';
import type { Tokenized } from '../tokenize';
import { tokenize } from '../tokenize';
import { TYPES } from './features';
import { tagTokenized } from './infer';
import { deserializeModel, Scratch, tagsToSpans, type NerModel } from './model';

export type { NerModel } from './model';

/**
 * Finds models/ner.bin: next to the source tree when running via tsx (src/engine/ner -> ../../../models)
 * and next to the bundle (dist/cli.js -> ../models).
 */
export function defaultModelPath(): string {
  const candidates = [
    path.resolve(__dirname, '..', 'models', 'ner.bin'), // dist/cli.js, dist/extension.js, dist/worker.js
    path.resolve(__dirname, '..', '..', '..', 'models', 'ner.bin'), // src/engine/ner/index.ts via tsx
    path.resolve(__dirname, 'models', 'ner.bin'),
  ];
  for (const c of candidates) if (existsSync(c)) return c;
  return candidates[1];
}

const cache = new Map<string, NerModel>();

/** Loads (and caches per path) a model file. */
export function loadModel(file: string = defaultModelPath()): NerModel {
  const key = path.resolve(file);
  let m = cache.get(key);
  if (!m) {
    m = deserializeModel(readFileSync(key));
    cache.set(key, m);
  }
  return m;
}

export class PerceptronRecognizer implements NameRecognizer {
  readonly id = 'perceptron-ner';
  private model: NerModel | null;
  private readonly scratch = new Scratch();

  /** `model` may be a loaded model or a path; by default models/ner.bin is loaded on first use. */
  constructor(private readonly source?: string | NerModel) {
    this.model = typeof source === 'object' ? source : null;
  }

  private getModel(): NerModel {
    if (!this.model) this.model = loadModel(typeof this.source === 'string' ? this.source : undefined);
    return this.model;
  }

  recognize(text: string, doc: Tokenized = tokenize(text)): NameMention[] {
    if (doc.tokens.length === 0) return [];
    const { tags } = tagTokenized(this.getModel(), doc, this.scratch);
    const toks = doc.tokens;
    return tagsToSpans(tags).map((s) => ({ start: toks[s.first].start, end: toks[s.last - 1].end, label: TYPES[s.type] }));
  }
}
