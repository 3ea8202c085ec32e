// Training and evaluation of the two-pass averaged structured perceptron (used by train.ts).
import { tokenize, type Tokenized } from '../../src/engine/tokenize';
import {
  NT as NUM_TAGS, TYPES, Gazetteer, extractFeatures, prepareDoc, tokenLowerNorm,
  type FeatureSet, type PreparedDoc,
} from '../../src/engine/ner/features';
import { Scratch, decodeDoc, tagsToSpans, viterbi, addEmissions, type WeightTable } from '../../src/engine/ner/model';

const NT: number = NUM_TAGS;

export interface GoldEntity { start: number; end: number; type: string }
export interface RawDoc { id: string; text: string; entities: GoldEntity[] }

export interface TrainDoc {
  id: string;
  text: string;
  doc: Tokenized;
  gold: Int8Array;
  entities: GoldEntity[];
  /** Partial labels (UNER: PER/ORG/LOC gold, no MISC layer): per token, the bit set of tags the
   *  training target may take. Absent: the gold tags are the target. */
  allowed?: Uint32Array;
  prepared?: PreparedDoc;
  fs?: FeatureSet;
  fs2?: FeatureSet;
}

export { mulberry32 } from '../util/prng';

/** Tokenises with our tokenizer and projects gold character spans onto BILOU token tags. */
export function projectDoc(raw: RawDoc): { doc: TrainDoc; misaligned: number } {
  const doc = tokenize(raw.text);
  const toks = doc.tokens;
  const gold = new Int8Array(toks.length);
  let misaligned = 0;
  const ents = [...raw.entities].sort((a, b) => a.start - b.start);
  let k = 0;
  for (const e of ents) {
    const type = TYPES.indexOf(e.type as (typeof TYPES)[number]);
    if (type < 0) continue;
    while (k < toks.length && toks[k].end <= e.start) k++;
    let j = k;
    while (j < toks.length && toks[j].start < e.end) j++;
    if (j === k) { misaligned++; continue; }
    if (toks[k].start !== e.start || toks[j - 1].end !== e.end) misaligned++;
    let clash = false;
    for (let i = k; i < j; i++) if (gold[i]) clash = true;
    if (clash) continue;
    if (j - k === 1) gold[k] = 1 + type * 4 + 3;
    else {
      gold[k] = 1 + type * 4;
      for (let i = k + 1; i < j - 1; i++) gold[i] = 1 + type * 4 + 1;
      gold[j - 1] = 1 + type * 4 + 2;
    }
  }
  return { doc: { id: raw.id, text: raw.text, doc, gold, entities: raw.entities }, misaligned };
}

/** Gazetteer: hand lists plus entity strings seen with a type in at least `minDocs` training documents. */
export function buildGazetteer(docs: TrainDoc[], minDocs = 2): Gazetteer {
  const gaz = new Gazetteer();
  gaz.addHandLists();
  const seen = new Map<string, Set<number>>();
  docs.forEach((d, di) => {
    const toks = d.doc.tokens;
    for (const s of tagsToSpans(d.gold)) {
      const key = s.type + '\t' + toks.slice(s.first, s.last).map((t) => tokenLowerNorm(t.text)).join(' ');
      let set = seen.get(key);
      if (!set) { set = new Set(); seen.set(key, set); }
      set.add(di);
    }
  });
  const keys = [...seen.keys()].sort();
  for (const key of keys) {
    if (seen.get(key)!.size < minDocs) continue;
    const [type, words] = key.split('\t');
    gaz.add(words.split(' '), Number(type));
  }
  return gaz;
}

/** The tags of the MISC type (B, I, L, U). */
const MISC_BITS = (() => { const m = TYPES.indexOf('MISC'); let b = 0; for (let k = 0; k < 4; k++) b |= 1 << (1 + 4 * m + k); return b; })();

/**
 * Marks a document as partially labelled: its gold names are fixed, and every token outside them may be
 * O or part of a MISC name (a corpus without a MISC layer must not teach that MISC-like names are O).
 * Training takes as target the best path the current weights give under these constraints.
 */
export function allowMiscOutsideGold(d: TrainDoc): TrainDoc {
  const a = new Uint32Array(d.gold.length);
  for (let i = 0; i < a.length; i++) a[i] = d.gold[i] ? 1 << d.gold[i] : 1 | MISC_BITS;
  d.allowed = a;
  return d;
}

/**
 * `gazDropout` (training documents only): each token's gazetteer codes are cleared with this probability
 * (drawn once per document from `rng`), so the weights also learn the names the lexicons do not list
 * from shape and context (a given name missing from the list must not make a person a non-person).
 */
/**
 * GUM derives its names from nested entity mentions, so an organisation named "X for Y" often comes out
 * as the ORG name "X" followed by a MISC name "Y" ("Center" + "Advanced Study", "Association" +
 * "Computational Linguistics"): taught as is, the tagger learns to end organisation names before "for",
 * "of", "on", "in", "and". Returns the token ranges [first, last) of such runs — an ORG name, then one
 * or more times a connector word (optionally "the") and a MISC name right after it — so they can be
 * left unlabelled (any tag allowed) instead of taught wrong.
 */
export function fragmentedNameRuns(d: TrainDoc): [number, number][] {
  const toks = d.doc.tokens;
  const spans = tagsToSpans(d.gold);
  const ORG = TYPES.indexOf('ORG'), MISC = TYPES.indexOf('MISC');
  const byFirst = new Map(spans.map((s) => [s.first, s] as const));
  const runs: [number, number][] = [];
  for (const s of spans) {
    if (s.type !== ORG) continue;
    let end = s.last;
    for (;;) {
      let j = end;
      if (j >= toks.length || !/^(?:for|of|on|in|and)$/.test(toks[j].text)) break;
      j++;
      if (j < toks.length && toks[j].text === 'the') j++;
      const next = byFirst.get(j);
      if (!next || next.type !== MISC) break;
      end = next.last;
    }
    if (end > s.last) runs.push([s.first, end]);
  }
  return runs;
}

/** Leaves the tokens of `runs` unlabelled: every tag is allowed there (see `allowed`). */
export function leaveUnlabelled(d: TrainDoc, runs: [number, number][]): void {
  if (!runs.length) return;
  const a = d.allowed ?? Uint32Array.from(d.gold, (g) => 1 << g);
  const all = (1 << NUM_TAGS) - 1;
  for (const [f, l] of runs) for (let i = f; i < l; i++) { a[i] = all; d.gold[i] = 0; }
  d.allowed = a;
}

export function featurize(d: TrainDoc, gaz: Gazetteer, bits: number, gazDropout = 0, rng?: () => number): void {
  d.prepared = prepareDoc(d.doc, gaz);
  if (gazDropout > 0 && rng) {
    const g = d.prepared.gaz, ncat = g.length / Math.max(1, d.prepared.n);
    for (let i = 0; i < d.prepared.n; i++) if (rng() < gazDropout) g.fill(0, i * ncat, (i + 1) * ncat);
  }
  d.fs = extractFeatures(d.prepared, bits);
}

// ---------------------------------------------------------------------------------------------------

export class Perceptron {
  readonly w: Float32Array;
  readonly u: Float64Array;
  readonly tw = new Float32Array((NT + 1) * NT);
  readonly tu = new Float64Array((NT + 1) * NT);
  c = 1;
  constructor(readonly bits: number) {
    this.w = new Float32Array((1 << bits) * NT);
    this.u = new Float64Array((1 << bits) * NT);
  }
  table(): WeightTable { return { rows: this.w, trans: this.tw }; }
  averaged(): { rows: Float32Array; trans: Float32Array } {
    const rows = new Float32Array(this.w.length);
    const c = this.c;
    for (let k = 0; k < rows.length; k++) rows[k] = this.w[k] - this.u[k] / c;
    const trans = new Float32Array(this.tw.length);
    for (let k = 0; k < trans.length; k++) trans[k] = this.tw[k] - this.tu[k] / c;
    return { rows, trans };
  }
  private upd(fs: FeatureSet, i: number, tag: number, d: number): void {
    const dc = d * this.c;
    for (let j = fs.offs[i], e = fs.offs[i + 1]; j < e; j++) {
      const o = fs.feats[j] * NT + tag;
      this.w[o] += d; this.u[o] += dc;
    }
  }
  private updT(p: number, t: number, d: number): void { const o = p * NT + t; this.tw[o] += d; this.tu[o] += d * this.c; }

  /** One pass over the sequences in `order` (pairs doc index, sentence index). */
  epoch(docs: TrainDoc[], order: Int32Array, stage: 1 | 2, scratch: Scratch): number {
    const table = this.table();
    let errors = 0;
    const pred = new Int8Array(512);
    for (let q = 0; q < order.length; q += 2) {
      const d = docs[order[q]];
      const p = d.prepared!;
      const s = order[q + 1];
      const from = p.seqStart[s], to = p.seqEnd[s], len = to - from;
      if (len <= 0) continue;
      scratch.ensure(len);
      const em = scratch.em;
      em.fill(0, 0, len * NT);
      addEmissions(table, d.fs!, from, to, em);
      if (stage === 2) addEmissions(table, d.fs2!, from, to, em);
      const out = len <= pred.length ? pred : new Int8Array(len);
      viterbi(em, len, table.trans, out, 0, scratch.delta, scratch.back);
      // The target: the gold tags, or for a partially labelled document the best path allowed by its labels.
      let gold: Int8Array = d.gold, g0 = from;
      if (d.allowed) {
        const al = d.allowed;
        let ok = true;
        for (let i = 0; i < len; i++) if (((al[from + i] >>> out[i]) & 1) === 0) { ok = false; break; }
        if (ok) { gold = out; g0 = 0; } // the prediction is allowed: nothing to learn
        else {
          const emC = em.slice(0, len * NT);
          for (let i = 0; i < len; i++) for (let t = 0; t < NT; t++) if (((al[from + i] >>> t) & 1) === 0) emC[i * NT + t] -= 1e12;
          const tgt = new Int8Array(len);
          viterbi(emC, len, table.trans, tgt, 0, scratch.delta, scratch.back);
          gold = tgt; g0 = 0;
        }
      }
      let wrong = false;
      for (let i = 0; i < len; i++) if (out[i] !== gold[g0 + i]) { wrong = true; break; }
      if (wrong) {
        errors++;
        for (let i = 0; i < len; i++) {
          const g = gold[g0 + i], y = out[i];
          const gp = i === 0 ? NT : gold[g0 + i - 1], yp = i === 0 ? NT : out[i - 1];
          if (g !== y) {
            this.upd(d.fs!, from + i, g, 1); this.upd(d.fs!, from + i, y, -1);
            if (stage === 2) { this.upd(d.fs2!, from + i, g, 1); this.upd(d.fs2!, from + i, y, -1); }
          }
          if (g !== y || gp !== yp) { this.updT(gp, g, 1); this.updT(yp, y, -1); }
        }
      }
      this.c++;
    }
    return errors;
  }
}

export function sequenceOrder(docs: TrainDoc[], rng: () => number): Int32Array {
  const pairs: number[] = [];
  docs.forEach((d, di) => { for (let s = 0; s < d.prepared!.seqStart.length; s++) pairs.push(di, s); });
  const n = pairs.length / 2;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const a0 = pairs[2 * i], a1 = pairs[2 * i + 1];
    pairs[2 * i] = pairs[2 * j]; pairs[2 * i + 1] = pairs[2 * j + 1];
    pairs[2 * j] = a0; pairs[2 * j + 1] = a1;
  }
  return Int32Array.from(pairs);
}

export function tagStage(docs: TrainDoc[], table: WeightTable, stage: 1 | 2): Int8Array[] {
  const scratch = new Scratch();
  return docs.map((d) => decodeDoc(d.prepared!, table, d.fs!, stage === 2 ? d.fs2! : null, scratch));
}

// ---------------------------------------------------------------------------------------------------
// Evaluation (exact character span + type)

export interface Scores {
  overall: PRF;
  byType: Record<string, PRF>;
}
export interface PRF { p: number; r: number; f: number; tp: number; fp: number; fn: number }

function prf(tp: number, fp: number, fn: number): PRF {
  const p = tp + fp ? tp / (tp + fp) : 0, r = tp + fn ? tp / (tp + fn) : 0;
  return { p, r, f: p + r ? (2 * p * r) / (p + r) : 0, tp, fp, fn };
}

export function score(docs: { gold: GoldEntity[]; pred: GoldEntity[] }[], types: readonly string[] = TYPES): Scores {
  const c: Record<string, [number, number, number]> = {};
  for (const t of types) c[t] = [0, 0, 0];
  for (const d of docs) {
    const g = new Set(d.gold.filter((e) => types.includes(e.type)).map((e) => `${e.start}:${e.end}:${e.type}`));
    const p = new Set(d.pred.filter((e) => types.includes(e.type)).map((e) => `${e.start}:${e.end}:${e.type}`));
    for (const k of p) { const t = k.slice(k.lastIndexOf(':') + 1); if (g.has(k)) c[t][0]++; else c[t][1]++; }
    for (const k of g) { const t = k.slice(k.lastIndexOf(':') + 1); if (!p.has(k)) c[t][2]++; }
  }
  const byType: Record<string, PRF> = {};
  let tp = 0, fp = 0, fn = 0;
  for (const t of types) { byType[t] = prf(...c[t]); tp += c[t][0]; fp += c[t][1]; fn += c[t][2]; }
  return { overall: prf(tp, fp, fn), byType };
}

export function tagsToEntities(d: TrainDoc, tags: Int8Array): GoldEntity[] {
  const toks = d.doc.tokens;
  return tagsToSpans(tags).map((s) => ({ start: toks[s.first].start, end: toks[s.last - 1].end, type: TYPES[s.type] }));
}

export function scoreTags(docs: TrainDoc[], tags: Int8Array[]): Scores {
  return score(docs.map((d, i) => ({ gold: d.entities, pred: tagsToEntities(d, tags[i]) })));
}

// ---------------------------------------------------------------------------------------------------
// Extra training documents (GUM news names) and their cross-validation folds

/** The UNER EWT splits `--uner-splits` names ("dev", "test" or "dev,test"; default both), in file order;
 *  throws on anything else. */
export function parseUnerSplits(arg: string | undefined): ('dev' | 'test')[] {
  const parts = (arg ?? 'dev,test').split(',').map((x) => x.trim()).filter(Boolean);
  if (!parts.length || parts.some((x) => x !== 'dev' && x !== 'test')) throw new Error(`--uner-splits takes dev, test or dev,test (got "${arg}")`);
  return (['dev', 'test'] as const).filter((x) => parts.includes(x));
}

/** Deterministic fold of each id: its index in the sorted list of ids, modulo `folds`. */
export function foldOfIds(ids: readonly string[], folds: number): Map<string, number> {
  const sorted = [...new Set(ids)].sort();
  return new Map(sorted.map((id, i) => [id, i % folds]));
}

/** The documents in id order, each repeated `weight` times (the same objects, so features are shared). */
export function repeatDocs<T extends { id: string }>(docs: readonly T[], weight: number): T[] {
  const sorted = [...docs].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const out: T[] = [];
  for (let r = 0; r < weight; r++) out.push(...sorted);
  return out;
}
