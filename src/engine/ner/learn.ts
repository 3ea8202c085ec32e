// Learning from reviewed articles: builds an AdaptedModel (adapt.ts) from training examples — each the
// corrected analysis of an article — on top of the shipped model. Pure and synchronous on plain data
// (examples in, an AdaptedModel out, serialisable with serializeAdapted), so it can run in a worker
// thread; no file system.
//
// Method (see docs/learning.md for the measurements that chose it):
//  1. Names memory: every corrected name goes into the model's gazetteer under its CoNLL type, so the
//     shipped gazetteer features (already trained) fire on it in every later article.
//  2. Continued training of pass 2: the shipped pass-2 weights are kept fixed and a sparse delta is
//     trained on the examples with the averaged structured perceptron (the shipped model's training
//     algorithm), over exactly the features and candidate stretches fast inference decodes; pass 1 and
//     its tags are the shipped ones (with the learned gazetteer). Updates are in the base's pass-2
//     quantisation units, so the delta adds to the shipped integers exactly.
import { tokenize, type Tokenized } from '../tokenize';
import { conllType, type EntityType } from '../types';
import {
  F_CAPSLINE, F_SENTSTART, F_UPPER, Gazetteer, comb, runShape, NT as NUM_TAGS, TYPES, extractFeatures, extractStage2Features, prepareDoc, tokenLowerNorm,
  type FeatureSet, type PreparedDoc,
} from './features';
import { Scratch, addRowPass, decodeCandidates, featureOffset, markCandidates } from './decode';
import { deserializeModel, type NerModel } from './model';
import { fingerprint, serializeAdapted, type AdaptedModel } from './adapt';
import { BOS, EOS, Template as T } from './templates';
import { mulberry32 } from '../prng';

const NT: number = NUM_TAGS;

/** A training example: an article's text and its names (the corrected analysis), UTF-16 offsets.
 *  Types are OntoNotes labels as the engine gives them (PERSON, GPE, ...) or CoNLL labels (PER, LOC,
 *  ...); value types (DATE, MONEY, ...) are not names and are ignored. */
export interface TrainingExample {
  text: string;
  entities: { start: number; end: number; type: string }[];
}

export interface LearnOptions {
  /** Add the examples' names to the gazetteer (default true). */
  gazetteer?: boolean;
  /** Train pass-2 weight deltas (default true). */
  weights?: boolean;
  /** Perceptron epochs over the examples (default 5). */
  epochs?: number;
  /** Size of one perceptron update, in the shipped model's weight units (default 1: as in its training). */
  rate?: number;
  /** Seed of the sentence order (default 1). */
  seed?: number;
  /** The features whose weights may change: 'lexical' (default: the templates that name words — the
   *  word, its neighbours, word pairs, the run's head words), so that what is learned is about the names
   *  and contexts reviewed and the model's general behaviour (case, shape, position, tags, transitions)
   *  stays as shipped; or 'all' (every pass-2 feature and the transitions). */
  features?: 'lexical' | 'own' | 'all';
  /** Which feature buckets may get a delta: 'all' (default) or 'novel' — only buckets the base model has
   *  no weights for (words and word pairs it never learned), so what it learned stays as it was. */
  scope?: 'all' | 'novel';
  /** Cap on each averaged delta, in updates (rate units); 0 = no cap (default). */
  maxDelta?: number;
  /** A bucket's delta is kept only if at least this many examples updated it (default 1: every delta). */
  minExamples?: number;
}

export const LEARN_DEFAULTS: Required<LearnOptions> = { gazetteer: true, weights: true, epochs: 5, rate: 1, seed: 1, features: 'lexical', scope: 'all', maxDelta: 0, minExamples: 1 };

/** The CoNLL type index (TYPES) of an example entity's type, or -1 when it is not a name. */
export function conllIndex(type: string): number {
  const direct = (TYPES as readonly string[]).indexOf(type);
  if (direct >= 0) return direct;
  const c = conllType(type as EntityType);
  return c ? (TYPES as readonly string[]).indexOf(c) : -1;
}

/** BILOU gold tags of the example's names on our tokens (a name is widened to whole tokens; one that
 *  overlaps an earlier one is left out). */
export function goldTags(doc: Tokenized, entities: TrainingExample['entities']): Int8Array {
  const toks = doc.tokens;
  const gold = new Int8Array(toks.length);
  const ents = entities.map((e) => ({ ...e, c: conllIndex(e.type) })).filter((e) => e.c >= 0).sort((a, b) => a.start - b.start);
  let k = 0;
  for (const e of ents) {
    while (k < toks.length && toks[k].end <= e.start) k++;
    let j = k;
    while (j < toks.length && toks[j].start < e.end) j++;
    if (j === k) continue;
    let clash = false;
    for (let i = k; i < j; i++) if (gold[i]) clash = true;
    if (clash) continue;
    const b = 1 + e.c * 4;
    if (j - k === 1) gold[k] = b + 3;
    else { gold[k] = b; for (let i = k + 1; i < j - 1; i++) gold[i] = b + 1; gold[j - 1] = b + 2; }
  }
  return gold;
}

/** The gazetteer entries of the examples' names: key -> category mask, as Gazetteer.add makes them. */
export function namesGazetteer(examples: readonly { doc: Tokenized; gold: Int8Array }[]): Map<number, number> {
  const g = new Gazetteer();
  for (const { doc, gold } of examples) {
    const toks = doc.tokens;
    for (let i = 0; i < gold.length; i++) {
      const t = gold[i];
      if (!t) continue;
      const k = (t - 1) & 3;
      if (k !== 0 && k !== 3) continue; // B or U starts a name
      let j = i + 1;
      if (k === 0) while (j < gold.length && gold[j] === t + 1) j++;
      if (k === 0 && j < gold.length && gold[j] === t + 2) j++;
      g.add(toks.slice(i, j).map((x) => tokenLowerNorm(x.text)), (t - 1) >> 2);
    }
  }
  return g.map;
}

/** The lexical subset of extractFeatures (same hashes): the templates that name words. */
export function lexicalFeatures(p: PreparedDoc, bits: number, own = false): FeatureSet {
  const n = p.n, mask = (1 << bits) - 1;
  const { wordH, lowerH, sshapeH, flags, sent, runStart, runEnd } = p;
  const feats: number[] = [];
  const offs = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    offs[i] = feats.length;
    const f = flags[i], s = sent[i];
    const hasPrev = i > 0 && sent[i - 1] === s, hasNext = i + 1 < n && sent[i + 1] === s;
    const hasPrev2 = hasPrev && i > 1 && sent[i - 2] === s, hasNext2 = hasNext && i + 2 < n && sent[i + 2] === s;
    const lw = lowerH[i], ss = sshapeH[i];
    const lm1 = hasPrev ? lowerH[i - 1] : BOS, lm2 = hasPrev2 ? lowerH[i - 2] : BOS;
    const lp1 = hasNext ? lowerH[i + 1] : EOS, lp2 = hasNext2 ? lowerH[i + 2] : EOS;
    const capsLine = (f & F_CAPSLINE) !== 0;
    if (!capsLine) feats.push(comb(T.Word, wordH[i]));
    feats.push(comb(T.Lower, lw), comb(T.LowerPrevAndLower, comb(lm1, lw)), comb(T.LowerAndLowerNext, comb(lw, lp1)));
    if (!own) {
      feats.push(comb(T.LowerPrev2, lm2), comb(T.LowerPrev, lm1), comb(T.LowerNext, lp1), comb(T.LowerNext2, lp2));
      feats.push(comb(T.LowerPrevAndShape, comb(lm1, ss)), comb(T.ShapeAndLowerNext, comb(ss, lp1)), comb(T.LowerPrev2AndLowerPrev, comb(lm2, lm1)));
    }
    if (f & F_SENTSTART) feats.push(comb(T.SentenceStartLower, lw));
    if (capsLine) feats.push(comb(T.CapsLineLower, lw));
    const rs = runStart[i];
    if (rs >= 0 && runEnd[i] - rs > 1) feats.push(comb(T.RunLastWord, lowerH[runEnd[i] - 1]), comb(T.RunFirstWordAndRunShape, comb(lowerH[rs], runShape(i, rs, runEnd[i]))));
  }
  offs[n] = feats.length;
  return { feats: Int32Array.from(feats, (h) => h & mask), offs };
}

interface Prepared {
  p: PreparedDoc;
  /** The features whose deltas are learned (their pass-2 weights). */
  fs: FeatureSet;
  fs2: FeatureSet;
  cand: Uint8Array;
  /** Pass-2 integer emission sums of the base weights, n x NT. */
  base2: Int32Array;
  gold: Int8Array;
}

/** Features, candidates and base pass-2 sums of one example under `model` (the base with the learned
 *  gazetteer): the reference path of fast inference (test/support/nerReference.ts). */
function prepare(model: NerModel, doc: Tokenized, gold: Int8Array, scratch: Scratch, lexical: boolean, own: boolean, novel: boolean): Prepared {
  const p = prepareDoc(doc, model.gaz);
  const n = p.n;
  const fs = extractFeatures(p, model.bits);
  const upper = new Uint8Array(n), cand = new Uint8Array(n);
  for (let i = 0; i < n; i++) upper[i] = p.flags[i] & F_UPPER ? 1 : 0;
  markCandidates(n, p.sent, upper, cand);
  const em1 = new Int32Array(n * NT), base2 = new Int32Array(n * NT);
  const { index, blob } = model;
  for (let i = 0; i < n; i++) {
    for (let j = fs.offs[i], e = fs.offs[i + 1]; j < e; j++) {
      const o = featureOffset(index, blob, fs.feats[j]);
      if (o < 0) continue;
      addRowPass(blob, o, 1, em1, i * NT);
      addRowPass(blob, o, 2, base2, i * NT);
    }
  }
  const tags1 = new Int8Array(n);
  decodeCandidates(em1, model.scale1, model.trans1, tags1, cand, p.seqStart, p.seqEnd, p.seqStart.length, scratch);
  const fs2 = extractStage2Features(p, tags1, model.bits);
  for (let i = 0; i < n; i++) {
    for (let j = fs2.offs[i], e = fs2.offs[i + 1]; j < e; j++) {
      const o = featureOffset(index, blob, fs2.feats[j]);
      if (o >= 0) addRowPass(blob, o, 2, base2, i * NT);
    }
  }
  // Tokens inference never decodes are O: the target there is O too.
  const g = gold.slice();
  for (let i = 0; i < n; i++) if (!cand[i]) g[i] = 0;
  const empty = { feats: new Int32Array(0), offs: new Int32Array(n + 1) };
  if (lexical) return { p, fs: novel ? onlyNovel(lexicalFeatures(p, model.bits, own), model) : lexicalFeatures(p, model.bits, own), fs2: empty, cand, base2, gold: g };
  if (novel) return { p, fs: onlyNovel(fs, model), fs2: onlyNovel(fs2, model), cand, base2, gold: g };
  return { p, fs, fs2, cand, base2, gold: g };
}

/** The features of `fs` whose bucket has no row in the model (scope 'novel'). */
function onlyNovel(fs: FeatureSet, model: NerModel): FeatureSet {
  const n = fs.offs.length - 1, feats: number[] = [], offs = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    offs[i] = feats.length;
    for (let j = fs.offs[i], e = fs.offs[i + 1]; j < e; j++) if (featureOffset(model.index, model.blob, fs.feats[j]) < 0) feats.push(fs.feats[j]);
  }
  offs[n] = feats.length;
  return { feats: Int32Array.from(feats), offs };
}

/**
 * Learns an overlay on `base` from the examples. `baseFingerprint`: fingerprint() of the base model's
 * file bytes, recorded so that the overlay is only ever applied to that model.
 */
export function learnAdapted(base: NerModel, baseFingerprint: number, examples: readonly TrainingExample[], options: LearnOptions = {}): AdaptedModel {
  const o = { ...LEARN_DEFAULTS, ...options };
  const docs = examples.map((ex) => { const doc = tokenize(ex.text); return { doc, gold: goldTags(doc, ex.entities) }; });
  let names = 0;
  for (const d of docs) for (const t of d.gold) if (t && ((t - 1) & 3) % 3 === 0) names++;
  const gaz = o.gazetteer ? namesGazetteer(docs) : new Map<number, number>();
  const rows = new Map<number, Int32Array>();
  const trans2 = new Float32Array((NT + 1) * NT);
  const adapted: AdaptedModel = { baseFingerprint, bits: base.bits, examples: examples.length, names, gaz, trans2, rows };
  if (!o.weights || !docs.length || o.epochs <= 0) return adapted;

  // Each example is featurized with the base gazetteer plus the names of the OTHER examples (leave one
  // out): with its own names in the gazetteer every name of the example would fire a gazetteer feature,
  // and the delta would learn that capitalised words without one are not names — wrong on new articles,
  // whose new names are not in it (as the shipped model's gazetteer takes names from >= 2 documents).
  const scratch = new Scratch();
  const perDoc = o.gazetteer ? docs.map((d) => namesGazetteer([d])) : [];
  const prepared = docs.map((d, di) => {
    const g = new Gazetteer();
    for (const [k, m] of base.gaz.map) g.map.set(k, m);
    for (const [k, c] of base.gaz.clusters) g.clusters.set(k, c);
    if (o.gazetteer) perDoc.forEach((m, dj) => { if (dj !== di) for (const [k, v] of m) g.map.set(k, (g.map.get(k) ?? 0) | v); });
    return prepare({ ...base, gaz: g }, d.doc, d.gold, scratch, o.features !== 'all', o.features === 'own', o.scope === 'novel');
  });

  // Averaged perceptron over the deltas (lazy averaging: average = w - u / c).
  const unit = Math.max(1, Math.round(o.rate / base.scale2)); // one update, in quantisation units
  const tUnit = unit * base.scale2; // the same update for the (unquantised) transitions
  const W = new Map<number, Float64Array>(); // bucket -> [w(NT), u(NT)]
  const tw = new Float64Array((NT + 1) * NT), tu = new Float64Array((NT + 1) * NT);
  const trans = Float32Array.from(base.trans2);
  let c = 1;
  // Per bucket: the last example that updated it and how many examples did (minExamples).
  const lastDoc = new Map<number, number>(), nDocs = new Map<number, number>();
  let curDoc = -1;
  const upd = (fs: FeatureSet, i: number, tag: number, d: number): void => {
    for (let j = fs.offs[i], e = fs.offs[i + 1]; j < e; j++) {
      const f = fs.feats[j];
      let r = W.get(f);
      if (!r) W.set(f, (r = new Float64Array(2 * NT)));
      if (o.minExamples > 1 && lastDoc.get(f) !== curDoc) { lastDoc.set(f, curDoc); nDocs.set(f, (nDocs.get(f) ?? 0) + 1); }
      r[tag] += d; r[NT + tag] += d * c;
    }
  };
  const updT = (prev: number, tag: number, d: number): void => {
    const k = prev * NT + tag;
    tw[k] += d; tu[k] += d * c; trans[k] = base.trans2[k] + tw[k] * tUnit;
  };
  const order: number[] = [];
  prepared.forEach((d, di) => { for (let s = 0; s < d.p.seqStart.length; s++) order.push(di, s); });
  const rng = mulberry32(o.seed);
  let q = new Int32Array(0), out = new Int8Array(0);
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    for (let i = order.length / 2 - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      const a0 = order[2 * i], a1 = order[2 * i + 1];
      order[2 * i] = order[2 * j]; order[2 * i + 1] = order[2 * j + 1]; order[2 * j] = a0; order[2 * j + 1] = a1;
    }
    for (let k = 0; k < order.length; k += 2) {
      const d = prepared[order[k]], s = order[k + 1];
      curDoc = order[k];
      const from = d.p.seqStart[s], to = d.p.seqEnd[s], len = to - from;
      if (len <= 0) continue;
      let anyCand = false;
      for (let i = from; i < to; i++) if (d.cand[i]) { anyCand = true; break; }
      if (!anyCand) continue;
      if (q.length < len * NT) { q = new Int32Array(len * NT * 2); out = new Int8Array(len * 2); }
      // Emissions of the sentence: base + delta (integers), tokens re-indexed from 0.
      for (let i = from; i < to; i++) {
        const b = (i - from) * NT;
        for (let t = 0; t < NT; t++) q[b + t] = d.base2[i * NT + t];
        if (!d.cand[i]) continue;
        for (const fs of [d.fs, d.fs2]) {
          for (let j = fs.offs[i], e = fs.offs[i + 1]; j < e; j++) {
            const r = W.get(fs.feats[j]);
            if (r) for (let t = 0; t < NT; t++) q[b + t] += r[t] * unit;
          }
        }
      }
      decodeCandidates(q, base.scale2, trans, out, d.cand.subarray(from, to), [0], [len], 1, scratch);
      const gold = d.gold;
      let wrong = false;
      for (let i = 0; i < len; i++) if (out[i] !== gold[from + i]) { wrong = true; break; }
      if (wrong) {
        for (let i = 0; i < len; i++) {
          const g = gold[from + i], y = out[i];
          const gp = i === 0 ? NT : gold[from + i - 1], yp = i === 0 ? NT : out[i - 1];
          if (g !== y) {
            upd(d.fs, from + i, g, 1); upd(d.fs, from + i, y, -1);
            upd(d.fs2, from + i, g, 1); upd(d.fs2, from + i, y, -1);
          }
          if ((g !== y || gp !== yp) && o.features === 'all') { updT(gp, g, 1); updT(yp, y, -1); }
        }
      }
      c++;
    }
  }
  // maxDelta: the averaged delta is clipped (in quantisation units); minExamples: too little evidence, no delta.
  const cap = o.maxDelta > 0 ? Math.max(1, Math.round(o.maxDelta * unit)) : Infinity;
  for (const [f, r] of W) {
    if (o.minExamples > 1 && (nDocs.get(f) ?? 0) < o.minExamples) continue;
    const row = new Int32Array(NT);
    let any = false;
    for (let t = 0; t < NT; t++) { row[t] = Math.max(-cap, Math.min(cap, Math.round((r[t] - r[NT + t] / c) * unit))); if (row[t]) any = true; }
    if (any) rows.set(f, row);
  }
  for (let k = 0; k < trans2.length; k++) trans2[k] = (tw[k] - tu[k] / c) * tUnit;
  return adapted;
}

/**
 * learnAdapted from and to bytes: the base model file's bytes and plain examples in, the adapted model
 * file's bytes out. Everything crosses a worker boundary (postMessage) as is, so an editor can learn in
 * a worker thread without blocking.
 */
export function learnModelBytes(baseBytes: Uint8Array, examples: readonly TrainingExample[], options: LearnOptions = {}): Uint8Array {
  return serializeAdapted(learnAdapted(deserializeModel(baseBytes), fingerprint(baseBytes), examples, options));
}
