// Reference tagger for the equivalence test: the plain, unoptimised inference path built directly on
// the TRAINING-time feature definitions (src/engine/ner/features.ts: prepareDoc, extractFeatures,
// extractStage2Features) with one hash-table look-up per feature. The optimised tagger
// (src/engine/ner/infer.ts) sums the weights of the same features with caches; test/unit/ner.speed-equivalence
// (and, on all of CoNLL dev, the one-off `scripts/ner-speed.ts equiv`, in git history) prove both give identical tags, so a change to the training
// features that inference does not follow fails a test. Never bundled.
import type { Tokenized } from '../../src/engine/tokenize';
import { F_UPPER, NT as NUM_TAGS, extractFeatures, extractStage2Features, prepareDoc } from '../../src/engine/ner/features';
import { Scratch, addRowPass, decodeCandidates, featureOffset, markCandidates } from '../../src/engine/ner/decode';
import type { NerModel } from '../../src/engine/ner/model';

const NT: number = NUM_TAGS;

export function tagTokenizedReference(model: NerModel, doc: Tokenized): { tags1: Int8Array; tags: Int8Array } {
  const p = prepareDoc(doc, model.gaz);
  const n = p.n;
  const fs = extractFeatures(p, model.bits);
  const scratch = new Scratch();
  // Only tokens near a capital are decoded (every token's emissions are still summed here).
  const upper = new Uint8Array(n), cand = new Uint8Array(n);
  for (let i = 0; i < n; i++) upper[i] = p.flags[i] & F_UPPER ? 1 : 0;
  markCandidates(n, p.sent, upper, cand);
  // Integer weight sums per token and tag; Viterbi runs on scale * sum (see NerModel).
  const em1 = new Int32Array(n * NT), em2 = new Int32Array(n * NT);
  const { index, blob } = model;
  // Pass-1 and pass-2 emissions of the shared features in one sweep.
  {
    const { feats, offs } = fs;
    for (let i = 0; i < n; i++) {
      for (let j = offs[i], e = offs[i + 1]; j < e; j++) {
        const o = featureOffset(index, blob, feats[j]);
        if (o < 0) continue;
        addRowPass(blob, o, 1, em1, i * NT);
        addRowPass(blob, o, 2, em2, i * NT);
      }
    }
  }
  const tags1 = new Int8Array(n);
  decodeCandidates(em1, model.scale1, model.trans1, tags1, cand, p.seqStart, p.seqEnd, p.seqStart.length, scratch);
  const fs2 = extractStage2Features(p, tags1, model.bits);
  {
    const { feats, offs } = fs2;
    for (let i = 0; i < n; i++) {
      for (let j = offs[i], e = offs[i + 1]; j < e; j++) {
        const o = featureOffset(index, blob, feats[j]);
        if (o >= 0) addRowPass(blob, o, 2, em2, i * NT);
      }
    }
  }
  const tags = new Int8Array(n);
  decodeCandidates(em2, model.scale2, model.trans2, tags, cand, p.seqStart, p.seqEnd, p.seqStart.length, scratch);
  return { tags1, tags };
}

