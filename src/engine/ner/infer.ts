// Fast inference for the perceptron name tagger. Produces exactly the tags of the straightforward path
// (prepareDoc -> extractFeatures -> table probes -> Viterbi -> extractStage2Features -> ..., the training-time
// features of features.ts; test/support/nerReference.ts is that path, and an equivalence test compares the two)
// but avoids most hash-table probes:
//
// * Word types (wordTypes.ts). Everything that depends on one token's text alone is computed once per
//   distinct token string, with the summed weights of the features it induces on itself and its ±1/±2
//   neighbours: about 25 of the ~35 look-ups per token become 5 vector additions.
// * Tabulated templates (tables.ts). Templates with few possible values are summed once per model into
//   small tables.
// * Probed templates (emissions.ts). Only the word/shape pairs (looked up for all tokens before their
//   weights are added, so that cache misses overlap), sentence/line position, ALL-CAPS lines, document
//   bits with shape, run head words and MemoryBestAndShape are looked up per token.
// * Candidates only. Emissions are summed, and Viterbi run, only for tokens near a capital (decode.ts
//   markCandidates / decodeCandidates, as in the reference); the others are O.
//
// Exactness: weights are the model's int16 quantised values and emissions are integer sums (scaled by the
// pass's quantisation step only for Viterbi, as in the reference), so regrouping the additions cannot
// change a single bit of the emission scores.
import type { Tokenized } from '../tokenize';
import { F_UPPER, capitalisedRuns } from './features';
import { Scratch, decodeCandidates, markCandidates } from './decode';
import { DocBuffers, documentBits, gazetteerCodes, sentenceAndLineFlags, wordTypesOf } from './document';
import { emissionSums, pairRows, probedFeatures, stage2Emissions } from './emissions';
import type { NerModel } from './model';
import { ModelTables } from './tables';
import { bindModel } from './weights';
import { MAX_TYPES } from './wordTypes';

export interface TaggedDoc {
  /** First-pass tags. */
  tags1: Int8Array;
  /** Final BILOU tags (see TAG_NAMES). */
  tags: Int8Array;
}

const tablesOf = new WeakMap<NerModel, ModelTables>();
const buf = new DocBuffers();

export function tagTokenized(model: NerModel, doc: Tokenized, scratch = new Scratch()): TaggedDoc {
  bindModel(model);
  let tables = tablesOf.get(model);
  if (!tables) { tables = new ModelTables(model); tablesOf.set(model, tables); }
  const words = tables.words;
  if (words.n > MAX_TYPES) words.reset();
  const n = doc.tokens.length;
  buf.ensure(n);
  wordTypesOf(buf, words, doc.tokens, n);
  const nSeq = sentenceAndLineFlags(buf, doc, n);
  // The tokens to decode: near a capital (see markCandidates). The others are O and need no emissions.
  const { flags, upperTok, cand, sent } = buf;
  for (let i = 0; i < n; i++) upperTok[i] = flags[i] & F_UPPER ? 1 : 0;
  markCandidates(n, sent, upperTok, cand);
  documentBits(buf, words, n);
  gazetteerCodes(buf, words, model, n);
  capitalisedRuns(flags, sent, n, buf.runStart, buf.runEnd);

  // Pass-1 and pass-2 emissions of the stage-1 features (em1 / em2: candidates' rows fully overwritten):
  // cached type vectors + probed context features.
  pairRows(buf, words, n);
  emissionSums(buf, tables, words, n);
  probedFeatures(buf, words, n);
  const tags1 = new Int8Array(n);
  decodeCandidates(buf.em1, model.scale1, model.trans1, tags1, cand, buf.seqStart, buf.seqEnd, nSeq, scratch);

  stage2Emissions(buf, tables, words, tags1, n);
  const tags = new Int8Array(n);
  decodeCandidates(buf.em2, model.scale2, model.trans2, tags, cand, buf.seqStart, buf.seqEnd, nSeq, scratch);
  return { tags1, tags };
}
