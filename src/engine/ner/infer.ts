// Fast inference for the perceptron name tagger. Produces exactly the tags of the straightforward path
// (prepareDoc -> extractFeatures -> table probes -> Viterbi -> extractStage2Features -> ..., the training-time
// features of features.ts; test/support/nerReference.ts is that path, and an equivalence test compares the two)
// but avoids most hash-table probes:
//
// * Word types. Everything that depends on one token's text alone (hashes, shape, prefixes/suffixes,
//   case flags, cluster, first gazetteer step) is computed once per distinct token string and kept in a
//   lexicon that persists across documents (bounded: cleared when it grows past MAX_TYPES).
// * Cached emissions. The features that depend only on one token's identity at a fixed relative
//   offset (its own word/lower/shape/affix/cluster features, and the ±1/±2 window features it induces
//   on its neighbours) are summed once per word type into five 34-float vectors (17 pass-1 + 17 pass-2
//   scores) — about 25 of the ~35 probes per token become 5 vector additions. Only context features
//   (bigrams, sentence/line position, document memory, gazetteer matches, pass-2 tags) are probed.
// * Pass-2 tag features (100-103) have 17-18 possible values each and are tabulated per model.
//
// Exactness: every weight is a float32 multiple of its pass's quantisation step (int16 * scale rounded to
// float32, so a multiple of ulp(scale)), bounded by 2^16 * scale; sums of fewer than 2^13 such values are
// exact in float64, so regrouping the additions cannot change a single bit of the emission scores.
import type { Tokenized } from '../tokenize';
import {
  GAZ_CATS, GAZ_MAX_LEN, NT as NUM_TAGS, SMI as SMI_MASK,
  lowerChar as lowerCharF, normChar as normCharF, shapeClass as shapeClassF,
} from './features';
import { Scratch, viterbi as viterbiF } from './decode';
import type { NerModel } from './model';

// Module-local copies: bundlers turn imports into property getters, too slow in hot loops.
const NT = 17;
if (NUM_TAGS !== NT) throw new Error('infer.ts assumes 17 BILOU tags');
const NT2 = 34;
const NCAT: number = GAZ_CATS.length;
const GMAX: number = GAZ_MAX_LEN;
const SMI: number = SMI_MASK;
const normChar = normCharF, lowerChar = lowerCharF, shapeClass = shapeClassF, viterbi = viterbiF;

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
function comb(a: number, b: number): number {
  return fmix((Math.imul(a, 0x9e3779b1) ^ b) + 0x7f4a7c15);
}

const F_CAP = 1, F_ALLCAPS = 2, F_LOWER = 4, F_DIGIT = 8, F_SENTSTART = 16, F_CAPSLINE = 32, F_LINESTART = 64, F_LETTER = 128;
/** Type-only flag: the token is a lower-case connector that may bridge a capitalised run. */
const F_CONNECTOR = 256;
const CONNECTORS = new Set(['of', 'for', 'and', 'de', 'la', 'le', 'du', 'van', 'von', 'der', 'del', 'y', '&']);
const BOS = 0x5eed1, EOS = 0x5eed2;

// Cached vectors per word type (each NT2 floats: pass 1 then pass 2).
const V_OWN = 0; // the token's own features including the word feature (not on ALL-CAPS lines)
const V_M1 = 1; // what the type contributes to the token after it
const V_M2 = 2; // ... two after it
const V_P1 = 3; // ... to the token before it
const V_P2 = 4; // ... two before it
const NVEC = 5;
const VEC = NVEC * NT2;
/** The lexicon is cleared (at a document boundary) once it holds more word types than this (~1.4 KB each). */
const MAX_TYPES = 12000;

// ---------------------------------------------------------------------------------------------------
// Weight-table probes. The current model's arrays live in module variables during a call.
let T: Int32Array = new Int32Array(0), DN: Float32Array = new Float32Array(0), TG: Uint8Array = new Uint8Array(0), VL: Float32Array = new Float32Array(0);
let SM = 0, MASK = 0;
/** One bit per feature bucket that has weights (128 KB for 20-bit models, cache-resident unlike the table). */
let PRESENT: Int32Array = new Int32Array(0);
const presentBits = new WeakMap<NerModel, Int32Array>();

/** Adds a feature's pass-1 weights to e1[b1..] and its pass-2 weights to e2[b2..]. */
function add12(h: number, e1: Float64Array, b1: number, e2: Float64Array, b2: number): void {
  const f = h & MASK, key = f + 1;
  if ((PRESENT[f >>> 5] & (1 << (f & 31))) === 0) return; // not in the model: skip the table probe
  const table = T, sm = SM;
  let slot = f & sm, k: number;
  while ((k = table[slot * 3]) !== key && k !== 0) slot = (slot + 1) & sm;
  if (k === 0) return;
  const v1 = table[slot * 3 + 1], v2 = table[slot * 3 + 2];
  let o = v1 >>> 6;
  if (v1 & 32) {
    const d = DN;
    for (let t = 0; t < NT; t++) e1[b1 + t] += d[o + t];
  } else {
    const tg = TG, vl = VL;
    for (const oe = o + (v1 & 31); o < oe; o++) e1[b1 + tg[o]] += vl[o];
  }
  o = v2 >>> 6;
  if (v2 & 32) {
    const d = DN;
    for (let t = 0; t < NT; t++) e2[b2 + t] += d[o + t];
  } else {
    const tg = TG, vl = VL;
    for (const oe = o + (v2 & 31); o < oe; o++) e2[b2 + tg[o]] += vl[o];
  }
}
/** Adds a feature's pass-2 weights to e2[b2..]. */
function add2(h: number, e2: Float64Array, b2: number): void {
  const f = h & MASK, key = f + 1;
  if ((PRESENT[f >>> 5] & (1 << (f & 31))) === 0) return; // not in the model: skip the table probe
  const table = T, sm = SM;
  let slot = f & sm, k: number;
  while ((k = table[slot * 3]) !== key && k !== 0) slot = (slot + 1) & sm;
  if (k === 0) return;
  const v2 = table[slot * 3 + 2];
  let o = v2 >>> 6;
  if (v2 & 32) {
    const d = DN;
    for (let t = 0; t < NT; t++) e2[b2 + t] += d[o + t];
  } else {
    const tg = TG, vl = VL;
    for (const oe = o + (v2 & 31); o < oe; o++) e2[b2 + tg[o]] += vl[o];
  }
}
function bindModel(m: NerModel): void {
  T = m.table; SM = m.slotMask; MASK = (1 << m.bits) - 1; DN = m.dense; TG = m.tags; VL = m.vals;
  let bits = presentBits.get(m);
  if (!bits) {
    bits = new Int32Array(Math.max(1, (MASK + 1) >>> 5));
    const table = m.table;
    for (let s = 0; s < table.length; s += 3) {
      const key = table[s];
      if (key !== 0) { const f = (key - 1) & MASK; bits[f >>> 5] |= 1 << (f & 31); }
    }
    presentBits.set(m, bits);
  }
  PRESENT = bits;
}

// ---------------------------------------------------------------------------------------------------
// Per-model state: the word-type lexicon with its cached emission vectors, and pass-2 tag tables.

/** Pads the prefix hashes of a word shorter than 4 and writes its 1-4 character suffix hashes (the same
 *  values prepareDoc computes for training). */
function padPrefixesAndHashSuffixes(s: string, pre: Uint32Array, suf: Uint32Array): void {
  const len = s.length;
  for (let k = len; k < 4; k++) pre[k] = 0x7e7e7e7e;
  let hx = 0x811c9dc5;
  for (let k = 0; k < 4; k++) {
    const p = len - 1 - k;
    if (p >= 0) {
      let lc = lowerChar(normChar(s.charCodeAt(p)));
      if (lc >= 48 && lc <= 57) lc = 48;
      hx ^= lc; hx = Math.imul(hx, 0x01000193);
      suf[k] = fmix(hx);
    } else suf[k] = 0x7f7f7f7f;
  }
}

class Lexicon {
  ids = new Map<string, number>();
  /** Number of types; type 0 is the sentence boundary (BOS/EOS neighbour vectors only). */
  n = 1;
  cap = 0;
  lowerH = new Int32Array(0);
  sshapeH = new Int32Array(0);
  flags = new Int32Array(0);
  clus = new Int32Array(0);
  lowerId = new Int32Array(0);
  /** comb(0x12345, lowerH): the gazetteer hash after one token; gaz1 = its entry (-1 = none). */
  gazH1 = new Int32Array(0);
  gaz1 = new Int32Array(0);
  /** Per type: NVEC vectors of NT2 pre-summed weights. */
  vec = new Float64Array(0);
  /** lowerH & SMI -> dense id; per-id scratch used while tagging one document. */
  lowerIds = new Map<number, number>();
  nLower = 0;
  seen = new Uint8Array(0);
  counts = new Int32Array(0);

  constructor(private readonly model: NerModel, private readonly useClusters: boolean) {
    // Room for MAX_TYPES up front: growing by copying touches (and page-faults) tens of MB; untouched
    // zero pages of a large typed array cost no resident memory.
    this.grow(MAX_TYPES + 1);
    this.initBoundary();
  }

  reset(): void {
    this.ids = new Map();
    this.lowerIds = new Map();
    this.n = 1;
    this.nLower = 0;
  }

  private grow(cap: number): void {
    const g32 = (a: Int32Array) => { const b = new Int32Array(cap); b.set(a); return b; };
    this.lowerH = g32(this.lowerH); this.sshapeH = g32(this.sshapeH); this.flags = g32(this.flags);
    this.clus = g32(this.clus); this.lowerId = g32(this.lowerId); this.gazH1 = g32(this.gazH1); this.gaz1 = g32(this.gaz1);
    const v = new Float64Array(cap * VEC); v.set(this.vec); this.vec = v;
    this.cap = cap;
  }

  private initBoundary(): void {
    const v = this.vec;
    v.fill(0, 0, VEC);
    const useClusters = this.useClusters;
    let o = V_M1 * NT2;
    add12(comb(5, BOS), v, o, v, o + NT); add12(comb(13, BOS), v, o, v, o + NT);
    if (useClusters) { add12(comb(95, -2), v, o, v, o + NT); add12(comb(96, -2), v, o, v, o + NT); }
    o = V_M2 * NT2;
    add12(comb(4, BOS), v, o, v, o + NT); add12(comb(12, BOS), v, o, v, o + NT);
    o = V_P1 * NT2;
    add12(comb(6, EOS), v, o, v, o + NT); add12(comb(14, EOS), v, o, v, o + NT);
    if (useClusters) { add12(comb(97, -2), v, o, v, o + NT); add12(comb(98, -2), v, o, v, o + NT); }
    o = V_P2 * NT2;
    add12(comb(7, EOS), v, o, v, o + NT); add12(comb(15, EOS), v, o, v, o + NT);
  }

  /** Registers a new word type (same hashing as prepareDoc) and sums its cached feature vectors. */
  add(s: string): number {
    if (this.n === this.cap) this.grow(this.cap * 2); // only a single huge document gets here
    const id = this.n++;
    const len = s.length;
    let hw = 0x811c9dc5, hl = 0x811c9dc5, hs = 0x811c9dc5, hss = 0x811c9dc5;
    let last = -1, f = 0, upper = 0, lower = 0;
    const pre = PRE, suf = SUF;
    for (let k = 0; k < len; k++) {
      const c = normChar(s.charCodeAt(k));
      hw ^= c; hw = Math.imul(hw, 0x01000193);
      let lc = lowerChar(c);
      if (lc >= 48 && lc <= 57) { lc = 48; f |= F_DIGIT; }
      hl ^= lc; hl = Math.imul(hl, 0x01000193);
      if (k < 4) pre[k] = fmix(hl);
      const sc = shapeClass(c);
      if (sc === 88) upper++; else if (sc === 120) lower++;
      if (k < 4 || sc !== last) { hs ^= sc; hs = Math.imul(hs, 0x01000193); }
      if (sc !== last) { hss ^= sc; hss = Math.imul(hss, 0x01000193); }
      last = sc;
    }
    padPrefixesAndHashSuffixes(s, pre, suf);
    if (upper > 0 || lower > 0) f |= F_LETTER;
    if (upper > 0 && shapeClass(normChar(s.charCodeAt(0))) === 88) f |= F_CAP;
    if (upper > 0 && lower === 0) f |= F_ALLCAPS;
    if (lower > 0) f |= F_LOWER;
    if (CONNECTORS.has(s)) f |= F_CONNECTOR;
    const wordH = fmix(hw), lw = fmix(hl), shapeH = fmix(hs), ss = fmix(hss);
    this.lowerH[id] = lw; this.sshapeH[id] = ss; this.flags[id] = f;
    const gaz = this.model.gaz;
    const c0 = this.useClusters ? gaz.clusters.get(lw & SMI) ?? -1 : -1;
    this.clus[id] = c0;
    const gh = comb(0x12345, lw);
    this.gazH1[id] = gh;
    this.gaz1[id] = gaz.map.size ? gaz.map.get(gh & SMI) ?? -1 : -1;
    let lid = this.lowerIds.get(lw & SMI);
    if (lid === undefined) {
      lid = this.nLower++;
      this.lowerIds.set(lw & SMI, lid);
      if (lid >= this.seen.length) {
        const sz = Math.max(256, this.seen.length * 2);
        const seen = new Uint8Array(sz); seen.set(this.seen); this.seen = seen;
        const counts = new Int32Array(sz * 21); counts.set(this.counts); this.counts = counts;
      }
    }
    this.lowerId[id] = lid;
    // Cached vectors.
    const v = this.vec, b = id * VEC;
    v.fill(0, b, b + VEC);
    let o = b + V_OWN * NT2;
    addOwn(v, o, wordH, lw, shapeH, ss, f, c0, this.useClusters, true);
    o = b + V_M1 * NT2;
    add12(comb(5, lw), v, o, v, o + NT); add12(comb(13, ss), v, o, v, o + NT);
    if (this.useClusters) { add12(comb(95, c0 < 0 ? c0 : c0 >> 4), v, o, v, o + NT); add12(comb(96, c0), v, o, v, o + NT); }
    o = b + V_M2 * NT2;
    add12(comb(4, lw), v, o, v, o + NT); add12(comb(12, ss), v, o, v, o + NT);
    o = b + V_P1 * NT2;
    add12(comb(6, lw), v, o, v, o + NT); add12(comb(14, ss), v, o, v, o + NT);
    if (this.useClusters) { add12(comb(97, c0 < 0 ? c0 : c0 >> 4), v, o, v, o + NT); add12(comb(98, c0), v, o, v, o + NT); }
    o = b + V_P2 * NT2;
    add12(comb(7, lw), v, o, v, o + NT); add12(comb(15, ss), v, o, v, o + NT);
    const key = len > 12 ? s.split('').join('') : s; // a flat copy: never keep a slice of a whole document alive
    this.ids.set(key, id);
    return id;
  }

  /** The own-feature sum of a type without its word feature (tokens on ALL-CAPS lines), into e at b. */
  ownWithoutWord(id: number, s: string, e1: Float64Array, e2: Float64Array, b: number): void {
    // Recompute the few hashes that are not kept per type.
    const len = s.length;
    let hl = 0x811c9dc5, hs = 0x811c9dc5, last = -1;
    const pre = PRE, suf = SUF;
    for (let k = 0; k < len; k++) {
      const c = normChar(s.charCodeAt(k));
      let lc = lowerChar(c);
      if (lc >= 48 && lc <= 57) lc = 48;
      hl ^= lc; hl = Math.imul(hl, 0x01000193);
      if (k < 4) pre[k] = fmix(hl);
      const sc = shapeClass(c);
      if (k < 4 || sc !== last) { hs ^= sc; hs = Math.imul(hs, 0x01000193); }
      last = sc;
    }
    padPrefixesAndHashSuffixes(s, pre, suf);
    addOwnTo(e1, e2, b, 0, this.lowerH[id], fmix(hs), this.sshapeH[id], this.flags[id], this.clus[id], this.useClusters, false);
  }
}
const PRE = new Uint32Array(4), SUF = new Uint32Array(4);

function addOwn(v: Float64Array, o: number, wordH: number, lw: number, shapeH: number, ss: number, f: number, c0: number,
  useClusters: boolean, withWord: boolean): void {
  addOwnTo(v, v, o, wordH, lw, shapeH, ss, f, c0, useClusters, withWord, NT);
}
/** The token's own features (templates 1, 2, 3, 10, 11, 20-27, 90-94); prefixes/suffixes from PRE/SUF. */
function addOwnTo(e1: Float64Array, e2: Float64Array, b: number, wordH: number, lw: number, shapeH: number, ss: number,
  f: number, c0: number, useClusters: boolean, withWord: boolean, d2 = 0): void {
  const b2 = b + d2;
  add12(comb(1, 0), e1, b, e2, b2);
  if (withWord) add12(comb(2, wordH), e1, b, e2, b2);
  add12(comb(3, lw), e1, b, e2, b2);
  add12(comb(10, shapeH), e1, b, e2, b2); add12(comb(11, ss), e1, b, e2, b2);
  for (let k = 0; k < 4; k++) { add12(comb(20 + k, PRE[k]), e1, b, e2, b2); add12(comb(24 + k, SUF[k]), e1, b, e2, b2); }
  if (useClusters && c0 >= 0) {
    add12(comb(90, c0 >> 8), e1, b, e2, b2); add12(comb(91, c0 >> 4), e1, b, e2, b2); add12(comb(92, c0), e1, b, e2, b2);
    add12(comb(93, comb(c0 >> 4, f & 3)), e1, b, e2, b2);
  } else if (useClusters) add12(comb(94, f & 3), e1, b, e2, b2);
}

class FastState {
  readonly lex: Lexicon;
  /** Pass-2 weights of templates 100 (t), 101 (prev t), 102 (next t), 103 (prev t, t); 17 floats each. */
  readonly s2 = new Float64Array((NT + 2 * (NT + 1) + (NT + 1) * NT) * NT);
  /** Pass-1 and pass-2 weights of template 41 (document bits, 0..15). */
  readonly t41 = new Float64Array(16 * NT2);
  constructor(model: NerModel) {
    bindModel(model);
    for (let db = 0; db < 16; db++) add12(comb(41, db), this.t41, db * NT2, this.t41, db * NT2 + NT);
    this.lex = new Lexicon(model, model.gaz.clusters.size > 0);
    const s2 = this.s2;
    for (let t = 0; t < NT; t++) add2(comb(100, t), s2, t * NT);
    for (let t = 0; t <= NT; t++) add2(comb(101, t), s2, (S101 + t) * NT);
    for (let t = 0; t <= NT; t++) add2(comb(102, t), s2, (S102 + t) * NT);
    for (let p = 0; p <= NT; p++) for (let t = 0; t < NT; t++) add2(comb(103, comb(p, t)), s2, (S103 + p * NT + t) * NT);
  }
}
const S101 = NT, S102 = NT + NT + 1, S103 = NT + 2 * (NT + 1);
const states = new WeakMap<NerModel, FastState>();

// Per-document buffers, grown on demand (tagging is synchronous, so one set serves all callers).
let cap = 0;
let tid = new Int32Array(0), flags = new Int32Array(0), sent = new Int32Array(0), docBits = new Uint8Array(0);
let gz = new Uint8Array(0), gzAny = new Uint8Array(0), runStart = new Int32Array(0), runEnd = new Int32Array(0);
let own = new Int8Array(0), ownPos = new Int8Array(0);
/** Pass-1 / pass-2 emission scores, n x NT. */
let EM1 = new Float64Array(0), EM2 = new Float64Array(0);
function ensureDocBuffers(n: number): void {
  if (n <= cap) return;
  cap = Math.max(n, cap * 2, 1024);
  tid = new Int32Array(cap); flags = new Int32Array(cap); sent = new Int32Array(cap); docBits = new Uint8Array(cap);
  gz = new Uint8Array(cap * NCAT); gzAny = new Uint8Array(cap); runStart = new Int32Array(cap); runEnd = new Int32Array(cap);
  own = new Int8Array(cap); ownPos = new Int8Array(cap);
  EM1 = new Float64Array(cap * NT); EM2 = new Float64Array(cap * NT);
}

export interface TaggedDoc {
  /** First-pass tags. */
  tags1: Int8Array;
  /** Final BILOU tags (see TAG_NAMES). */
  tags: Int8Array;
}

export function tagTokenized(model: NerModel, doc: Tokenized, scratch = new Scratch()): TaggedDoc {
  bindModel(model);
  let st = states.get(model);
  if (!st) { st = new FastState(model); states.set(model, st); }
  const lex = st.lex;
  if (lex.n > MAX_TYPES) lex.reset();
  const toks = doc.tokens;
  const n = toks.length;
  ensureDocBuffers(n);
  const em1 = EM1, em2 = EM2; // fully overwritten below: no clearing needed

  // Word types and per-token flags.
  const ids = lex.ids;
  for (let i = 0; i < n; i++) {
    const tok = toks[i];
    let id = ids.get(tok.text);
    if (id === undefined) id = lex.add(tok.text);
    tid[i] = id;
    sent[i] = tok.sentence;
    flags[i] = tok.lineStart ? F_LINESTART : 0;
  }
  const tFlags = lex.flags, lowerH = lex.lowerH, sshapeH = lex.sshapeH, lowerId = lex.lowerId;
  for (let i = 0; i < n; i++) flags[i] |= tFlags[tid[i]] & 0xff;
  // Sentence starts (first word after opening punctuation) and ALL-CAPS lines.
  const sentences = doc.sentences;
  for (let s = 0; s < sentences.length; s++) {
    const se = sentences[s];
    for (let k = se.first; k < se.last; k++) {
      flags[k] |= F_SENTSTART;
      if (flags[k] & F_LETTER) break;
    }
  }
  for (let i = 0; i < n;) {
    let j = i + 1;
    while (j < n && !(flags[j] & F_LINESTART)) j++;
    let up = 0, low = 0;
    for (let k = i; k < j; k++) { if (flags[k] & F_LOWER) low++; else if (flags[k] & F_ALLCAPS) up++; }
    if (low === 0 && up >= 1 && (j - i >= 2 || toks[i].text.length > 3)) for (let k = i; k < j; k++) flags[k] |= F_CAPSLINE;
    i = j;
  }
  // Document bits per lower-cased form.
  const seen = lex.seen;
  for (let i = 0; i < n; i++) {
    const f = flags[i];
    if (!(f & F_LETTER)) continue;
    let b = 0;
    if (!(f & F_CAP) && (f & F_LOWER)) b |= 1;
    else if ((f & F_CAP) && !(f & F_SENTSTART) && !(f & F_CAPSLINE)) b |= (f & F_ALLCAPS) ? 4 : 2;
    if (b) seen[lowerId[tid[i]]] |= b;
  }
  for (let i = 0; i < n; i++) docBits[i] = flags[i] & F_LETTER ? seen[lowerId[tid[i]]] | 8 : 0;
  for (let i = 0; i < n; i++) seen[lowerId[tid[i]]] = 0;
  // Gazetteer matches, longest first.
  gz.fill(0, 0, n * NCAT);
  gzAny.fill(0, 0, n);
  const gaz1 = lex.gaz1, gazH1 = lex.gazH1, gmap = model.gaz.map;
  const ms = MS;
  for (let i = 0; i < n; i++) {
    const m1 = gaz1[tid[i]];
    if (m1 < 0) continue;
    let h = gazH1[tid[i]] >>> 0, nh = 1;
    ms[0] = m1;
    for (let L = 2; L <= GMAX && i + L <= n; L++) {
      if (sent[i + L - 1] !== sent[i]) break;
      h = comb(h, lowerH[tid[i + L - 1]]);
      const m = gmap.get(h & SMI);
      if (m === undefined) break;
      ms[nh++] = m;
    }
    for (let L = nh; L >= 1; L--) {
      const m = ms[L - 1];
      if (!m) continue;
      for (let c = 0; c < NCAT; c++) {
        if (!(m & (1 << c)) || gz[i * NCAT + c]) continue;
        if (L === 1) { gz[i * NCAT + c] = 4; gzAny[i] = 1; } else {
          gz[i * NCAT + c] = 1; gzAny[i] = 1;
          for (let k = 1; k < L - 1; k++) if (!gz[(i + k) * NCAT + c]) { gz[(i + k) * NCAT + c] = 2; gzAny[i + k] = 1; }
          if (!gz[(i + L - 1) * NCAT + c]) { gz[(i + L - 1) * NCAT + c] = 3; gzAny[i + L - 1] = 1; }
        }
      }
    }
  }
  // Capitalised runs in running text, bridging lower-case connectors between capitalised words.
  runStart.fill(-1, 0, n); runEnd.fill(-1, 0, n);
  for (let i = 0; i < n;) {
    const f = flags[i];
    if (!(f & F_CAP) || (f & F_CAPSLINE)) { i++; continue; }
    let j = i + 1;
    for (;;) {
      if (j < n && sent[j] === sent[i] && (flags[j] & F_CAP) && !(flags[j] & F_CAPSLINE)) { j++; continue; }
      if (j + 1 < n && sent[j + 1] === sent[i] && (tFlags[tid[j]] & F_CONNECTOR) && (flags[j + 1] & F_CAP)) { j += 2; continue; }
      break;
    }
    for (let k = i; k < j; k++) { runStart[k] = i; runEnd[k] = j; }
    i = j;
  }

  // Pass-1 and pass-2 emissions of the stage-1 features: cached type vectors + probed context features.
  const vec = lex.vec, t41 = st.t41;
  for (let i = 0; i < n; i++) {
    const f = flags[i];
    const s = sent[i];
    const hasPrev = i > 0 && sent[i - 1] === s, hasNext = i + 1 < n && sent[i + 1] === s;
    const hasPrev2 = hasPrev && i > 1 && sent[i - 2] === s, hasNext2 = hasNext && i + 2 < n && sent[i + 2] === s;
    const t0 = tid[i];
    const tm1 = hasPrev ? tid[i - 1] : 0, tm2 = hasPrev2 ? tid[i - 2] : 0;
    const tp1 = hasNext ? tid[i + 1] : 0, tp2 = hasNext2 ? tid[i + 2] : 0;
    const capsLine = (f & F_CAPSLINE) !== 0;
    const base = i * NT;
    const om1 = tm1 * VEC + V_M1 * NT2, om2 = tm2 * VEC + V_M2 * NT2;
    const op1 = tp1 * VEC + V_P1 * NT2, op2 = tp2 * VEC + V_P2 * NT2;
    if (!capsLine) {
      const o0 = t0 * VEC + V_OWN * NT2;
      for (let t = 0; t < NT; t++) em1[base + t] = vec[o0 + t] + vec[om1 + t] + vec[om2 + t] + vec[op1 + t] + vec[op2 + t];
      for (let t = NT; t < NT2; t++) em2[base + t - NT] = vec[o0 + t] + vec[om1 + t] + vec[om2 + t] + vec[op1 + t] + vec[op2 + t];
    } else {
      for (let t = 0; t < NT; t++) em1[base + t] = vec[om1 + t] + vec[om2 + t] + vec[op1 + t] + vec[op2 + t];
      for (let t = NT; t < NT2; t++) em2[base + t - NT] = vec[om1 + t] + vec[om2 + t] + vec[op1 + t] + vec[op2 + t];
      lex.ownWithoutWord(t0, toks[i].text, em1, em2, base);
    }
    const lw = lowerH[t0];
    const lm1 = hasPrev ? lowerH[tm1] : BOS, lm2 = hasPrev2 ? lowerH[tm2] : BOS;
    const lp1 = hasNext ? lowerH[tp1] : EOS;
    const ss = sshapeH[t0];
    const sm1 = hasPrev ? sshapeH[tm1] : BOS, sp1 = hasNext ? sshapeH[tp1] : EOS;
    add12(comb(30, comb(lm1, lw)), em1, base, em2, base); add12(comb(31, comb(lw, lp1)), em1, base, em2, base);
    add12(comb(32, comb(comb(sm1, ss), sp1)), em1, base, em2, base);
    add12(comb(33, comb(lm1, ss)), em1, base, em2, base); add12(comb(34, comb(ss, lp1)), em1, base, em2, base);
    add12(comb(35, comb(lm2, lm1)), em1, base, em2, base);
    if (f & F_SENTSTART) { add12(comb(36, ss), em1, base, em2, base); add12(comb(37, lw), em1, base, em2, base); }
    if (capsLine) { add12(comb(38, lw), em1, base, em2, base); add12(comb(39, comb(docBits[i], 1)), em1, base, em2, base); }
    if (f & F_LINESTART) add12(comb(40, ss), em1, base, em2, base);
    const db = docBits[i];
    if (db) {
      const o41 = db * NT2;
      for (let t = 0; t < NT; t++) { em1[base + t] += t41[o41 + t]; em2[base + t] += t41[o41 + NT + t]; }
      add12(comb(42, comb(db, ss | (f & (F_SENTSTART | F_CAPSLINE)))), em1, base, em2, base);
    }
    const rs = runStart[i];
    if (rs >= 0) {
      const re = runEnd[i];
      const len = re - rs, pos = i - rs;
      const shape = (len > 5 ? 5 : len) * 8 + (pos > 3 ? 3 : pos) + (i === re - 1 ? 4 : 0);
      add12(comb(44, shape), em1, base, em2, base);
      if (len > 1) {
        add12(comb(45, lowerH[tid[re - 1]]), em1, base, em2, base);
        add12(comb(46, comb(lowerH[tid[rs]], shape)), em1, base, em2, base);
      }
    }
    if (gzAny[i] || (hasPrev && gzAny[i - 1]) || (hasNext && gzAny[i + 1])) {
      for (let c = 0; c < NCAT; c++) {
        const g = gz[i * NCAT + c];
        if (g) { add12(comb(50 + c, g), em1, base, em2, base); add12(comb(60 + c, g * 4 + (f & 3)), em1, base, em2, base); }
        if (hasPrev) { const gp = gz[(i - 1) * NCAT + c]; if (gp) add12(comb(70 + c, gp), em1, base, em2, base); }
        if (hasNext) { const gn = gz[(i + 1) * NCAT + c]; if (gn) add12(comb(80 + c, gn), em1, base, em2, base); }
      }
    }
  }

  const tags1 = new Int8Array(n);
  for (let s = 0; s < sentences.length; s++) {
    const from = sentences[s].first, len = sentences[s].last - from;
    if (len <= 0) continue;
    scratch.ensure(len);
    viterbi(em1, len, model.trans1, tags1, from, scratch.delta, scratch.back, from * NT);
  }

  // Stage 2: first-pass tags around the token and document memory (see extractStage2Features).
  const counts = lex.counts;
  for (let i = 0; i < n; i++) {
    own[i] = -1; ownPos[i] = -1;
    const f = flags[i];
    if (!(f & F_LETTER) || !(f & (F_CAP | F_ALLCAPS))) continue;
    const t = tags1[i];
    let k = -1;
    if (t > 0) k = (t - 1) >> 2;
    else if (!(f & F_SENTSTART) && !(f & F_CAPSLINE)) k = 4;
    if (k < 0) continue;
    own[i] = k;
    const cb = lowerId[tid[i]] * 21;
    counts[cb + k]++;
    if (t > 0) { ownPos[i] = 5 + (t - 1); counts[cb + 5 + (t - 1)]++; }
  }
  const s2 = st.s2;
  for (let i = 0; i < n; i++) {
    const s = sent[i];
    const t = tags1[i];
    const tp = i > 0 && sent[i - 1] === s ? tags1[i - 1] : NT;
    const tn = i + 1 < n && sent[i + 1] === s ? tags1[i + 1] : NT;
    const base = i * NT;
    const o100 = t * NT, o101 = (S101 + tp) * NT, o102 = (S102 + tn) * NT, o103 = (S103 + tp * NT + t) * NT;
    for (let x = 0; x < NT; x++) em2[base + x] += s2[o100 + x] + s2[o101 + x] + s2[o102 + x] + s2[o103 + x];
    if (!(flags[i] & (F_CAP | F_ALLCAPS))) continue;
    const cb = lowerId[tid[i]] * 21;
    let best = -1, bestN = 0, total = 0;
    const ow = own[i];
    for (let k = 0; k < 5; k++) {
      const v = counts[cb + k] - (ow === k ? 1 : 0);
      total += v;
      if (v > bestN) { bestN = v; best = k; }
    }
    if (best < 0) continue;
    add2(comb(110, best), em2, base);
    add2(comb(111, comb(best, sshapeH[tid[i]])), em2, base);
    add2(comb(112, comb(best, t)), em2, base);
    if (bestN === total) add2(comb(113, best), em2, base);
    for (let k = 0; k < 4; k++) {
      const v = counts[cb + k] - (ow === k ? 1 : 0);
      if (v > 0) add2(comb(114, k), em2, base);
    }
    const op = ownPos[i];
    for (let k = 5; k < 21; k++) {
      const v = counts[cb + k] - (op === k ? 1 : 0);
      if (v > 0) add2(comb(115, k), em2, base);
    }
  }
  for (let i = 0; i < n; i++) counts.fill(0, lowerId[tid[i]] * 21, lowerId[tid[i]] * 21 + 21);

  const tags = new Int8Array(n);
  for (let s = 0; s < sentences.length; s++) {
    const from = sentences[s].first, len = sentences[s].last - from;
    if (len <= 0) continue;
    scratch.ensure(len);
    viterbi(em2, len, model.trans2, tags, from, scratch.delta, scratch.back, from * NT);
  }
  return { tags1, tags };
}
const MS = new Int32Array(GAZ_MAX_LEN);
