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
//   on its neighbours) are summed once per word type into five 34-integer vectors (17 pass-1 + 17 pass-2
//   weights) — about 25 of the ~35 look-ups per token become 5 vector additions.
// * Tabulated templates. Templates with few possible values — document bits (41), capitalised-run shape
//   (44), gazetteer codes (50-89), pass-2 tags (100-103) and most of the document memory (110, 112-115) —
//   are summed once per model into small tables. Only the word/shape-pair templates (30-35, looked up for
//   all tokens before their weights are added, so that cache misses overlap), sentence/line position,
//   ALL-CAPS lines, document bits with shape (42), run head words (45, 46) and 111 are looked up per token.
//
// * Candidates only. Emissions are summed, and Viterbi run, only for tokens near a capital (decode.ts
//   markCandidates / decodeCandidates, as in the reference); the others are O.
//
// Exactness: weights are the model's int16 quantised values and emissions are integer sums (scaled by the
// pass's quantisation step only for Viterbi, as in the reference), so regrouping the additions cannot
// change a single bit of the emission scores.
import type { Token, Tokenized } from '../tokenize';
import {
  GAZ_CATS, GAZ_MAX_LEN, NT as NUM_TAGS, SMI as SMI_MASK,
  lowerChar as lowerCharF, normChar as normCharF, shapeClass as shapeClassF,
} from './features';
import {
  ROW_DENSE1, ROW_DENSE2, Scratch, decodeCandidates as decodeCandidatesF, featureOffset as featureOffsetF, markCandidates as markCandidatesF,
} from './decode';
import type { NerModel } from './model';

// Module-local copies: bundlers turn imports into property getters, too slow in hot loops.
const NT = 17;
if (NUM_TAGS !== NT) throw new Error('infer.ts assumes 17 BILOU tags');
const NT2 = 34;
const NCAT: number = GAZ_CATS.length;
const GMAX: number = GAZ_MAX_LEN;
const SMI: number = SMI_MASK;
const featureOffset = featureOffsetF;
const D1: number = ROW_DENSE1, D2: number = ROW_DENSE2;
const normChar = normCharF, lowerChar = lowerCharF, shapeClass = shapeClassF;
const markCandidates = markCandidatesF, decodeCandidates = decodeCandidatesF;

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
/** Type-only flag: the token has an upper-case letter (features.ts F_UPPER). */
const F_UPPER = 512;
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
/** The lexicon is cleared (at a document boundary) once it holds more word types than this (~0.7 KB each). */
const MAX_TYPES = 12000;

// ---------------------------------------------------------------------------------------------------
// Weight look-ups through the model's index and weight blob (see NerModel). The current model's arrays
// live in module variables during a call.
let IX: Int32Array = new Int32Array(0), BL: Int32Array = new Int32Array(0);
let MASK = 0;

/** Adds a feature's pass-1 weights to e1[b1..] and its pass-2 weights to e2[b2..]. */
function add12(h: number, e1: Int32Array, b1: number, e2: Int32Array, b2: number): void {
  const o = featureOffset(IX, BL, h & MASK);
  if (o >= 0) addRow12At(o, e1, b1, e2, b2);
}
/** Adds the pass-1 / pass-2 weights of the model row at blob offset o (see NerModel). */
function addRow12At(o: number, e1: Int32Array, b1: number, e2: Int32Array, b2: number): void {
  const bl = BL, h = bl[o];
  o = addWeights(bl, o + 1, h & D1 ? -1 : h & 31, e1, b1);
  addWeights(bl, o, h & D2 ? -1 : (h >>> 5) & 31, e2, b2);
}
/** Subtracts the pass-1 / pass-2 weights of the model row at blob offset o (see addRow12At). */
function subRow12At(o: number, e1: Int32Array, b1: number, e2: Int32Array, b2: number): void {
  const bl = BL, h = bl[o];
  o = subWeights(bl, o + 1, h & D1 ? -1 : h & 31, e1, b1);
  subWeights(bl, o, h & D2 ? -1 : (h >>> 5) & 31, e2, b2);
}
/** Adds a feature's pass-2 weights to e2[b2..]. */
function add2(h: number, e2: Int32Array, b2: number): void {
  const o = featureOffset(IX, BL, h & MASK);
  if (o < 0) return;
  const bl = BL, hd = bl[o];
  addWeights(bl, o + 1 + (hd & D1 ? NT : hd & 31), hd & D2 ? -1 : (hd >>> 5) & 31, e2, b2);
}
/** Adds one pass's weights stored at bl[o..] to e[b..]: NT dense weights (n = -1) or n sparse entries
 *  (weight << 8) | tag. Returns the offset after them. */
function addWeights(bl: Int32Array, o: number, n: number, e: Int32Array, b: number): number {
  if (n < 0) {
    for (let t = 0; t < NT; t++) e[b + t] += bl[o + t];
    return o + NT;
  }
  for (const oe = o + n; o < oe; o++) { const x = bl[o]; e[b + (x & 255)] += x >> 8; }
  return o;
}
/** The inverse of addWeights. */
function subWeights(bl: Int32Array, o: number, n: number, e: Int32Array, b: number): number {
  if (n < 0) {
    for (let t = 0; t < NT; t++) e[b + t] -= bl[o + t];
    return o + NT;
  }
  for (const oe = o + n; o < oe; o++) { const x = bl[o]; e[b + (x & 255)] -= x >> 8; }
  return o;
}
/** e[b..b+17) += rows[row * 17 ..]. */
function addRow(rows: Int32Array, row: number, e: Int32Array, b: number): void {
  const o = row * NT;
  for (let t = 0; t < NT; t++) e[b + t] += rows[o + t];
}
/** e1[b..b+17) += rows[row * 34 ..], e2[b..b+17) += rows[row * 34 + 17 ..]. */
function addRow12(rows: Int32Array, row: number, e1: Int32Array, e2: Int32Array, b: number): void {
  const o = row * NT2;
  for (let t = 0; t < NT; t++) { e1[b + t] += rows[o + t]; e2[b + t] += rows[o + NT + t]; }
}
function bindModel(m: NerModel): void {
  MASK = (1 << m.bits) - 1; IX = m.index; BL = m.blob;
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

/** Hash of a token's text for the lexicon's own table (FNV-1a, mixed). */
function textHash(s: string): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < s.length; k++) { h ^= s.charCodeAt(k); h = Math.imul(h, 0x01000193); }
  return fmix(h) | 0;
}

class Lexicon {
  /** Token text -> type id: an open-addressing table (0 = empty slot) over ids, with each id's text and
   *  hash. Faster than a Map<string, number> here: V8 hashes every fresh token string anyway, and the
   *  table and hashes are small dense arrays. */
  private slots = new Int32Array(1 << 15);
  private keys: string[] = [''];
  private keyHash = new Int32Array(0);
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
  /** Blob offset of the type's word-feature row (template 2; -1 = none): tokens on ALL-CAPS lines take
   *  the own vector minus this row (integer sums, so exactly the sum without the word feature). */
  wordRow = new Int32Array(0);
  /** Per type: NVEC vectors of NT2 pre-summed weights. */
  vec = new Int32Array(0);
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

  /** The type id of a token's text, or -1 - (hash table slot) where it would go. */
  find(s: string, h: number): number {
    const slots = this.slots, mask = slots.length - 1, kh = this.keyHash, keys = this.keys;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const id = slots[i];
      if (id === 0) return -1 - i;
      if (kh[id] === h && keys[id] === s) return id;
    }
  }

  reset(): void {
    this.slots.fill(0);
    this.keys = [''];
    this.lowerIds = new Map();
    this.n = 1;
    this.nLower = 0;
  }

  private grow(cap: number): void {
    const g32 = (a: Int32Array) => { const b = new Int32Array(cap); b.set(a); return b; };
    this.lowerH = g32(this.lowerH); this.sshapeH = g32(this.sshapeH); this.flags = g32(this.flags);
    this.clus = g32(this.clus); this.lowerId = g32(this.lowerId); this.wordRow = g32(this.wordRow); this.gazH1 = g32(this.gazH1); this.gaz1 = g32(this.gaz1);
    this.keyHash = g32(this.keyHash);
    const v = new Int32Array(cap * VEC); v.set(this.vec); this.vec = v;
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

  /** Registers a new word type (same hashing as prepareDoc) and sums its cached feature vectors; `slot`
   *  is find()'s answer for it (-1 - free slot), h its textHash. */
  add(s: string, h: number, slot: number): number {
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
    if (upper > 0) f |= F_UPPER;
    const wordH = fmix(hw), lw = fmix(hl), shapeH = fmix(hs), ss = fmix(hss);
    this.lowerH[id] = lw; this.sshapeH[id] = ss; this.flags[id] = f;
    this.wordRow[id] = featureOffset(IX, BL, comb(2, wordH) & MASK);
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
    addOwn(v, o, wordH, lw, shapeH, ss, f, c0, this.useClusters);
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
    this.keys[id] = len > 12 ? s.split('').join('') : s; // a flat copy: never keep a slice of a whole document alive
    this.keyHash[id] = h;
    this.slots[-1 - slot] = id;
    if (id * 2 > this.slots.length) this.rehash(this.slots.length * 2); // only a single huge document gets here
    return id;
  }

  private rehash(size: number): void {
    const slots = new Int32Array(size), mask = size - 1;
    for (let id = 1; id < this.n; id++) {
      let i = this.keyHash[id] & mask;
      while (slots[i] !== 0) i = (i + 1) & mask;
      slots[i] = id;
    }
    this.slots = slots;
  }
}
const PRE = new Uint32Array(4), SUF = new Uint32Array(4);

/** The token's own features (templates 1, 2, 3, 10, 11, 20-27, 90-94) into the type's own vector at v[o..]
 *  (pass 1) and v[o + NT..] (pass 2); prefixes/suffixes from PRE/SUF. */
function addOwn(v: Int32Array, o: number, wordH: number, lw: number, shapeH: number, ss: number, f: number, c0: number,
  useClusters: boolean): void {
  const o2 = o + NT;
  add12(comb(1, 0), v, o, v, o2);
  add12(comb(2, wordH), v, o, v, o2);
  add12(comb(3, lw), v, o, v, o2);
  add12(comb(10, shapeH), v, o, v, o2); add12(comb(11, ss), v, o, v, o2);
  for (let k = 0; k < 4; k++) { add12(comb(20 + k, PRE[k]), v, o, v, o2); add12(comb(24 + k, SUF[k]), v, o, v, o2); }
  if (useClusters && c0 >= 0) {
    add12(comb(90, c0 >> 8), v, o, v, o2); add12(comb(91, c0 >> 4), v, o, v, o2); add12(comb(92, c0), v, o, v, o2);
    add12(comb(93, comb(c0 >> 4, f & 3)), v, o, v, o2);
  } else if (useClusters) add12(comb(94, f & 3), v, o, v, o2);
}

class FastState {
  readonly lex: Lexicon;
  /** Pass-2 weights of the tag templates, pre-summed: per (prev t, t) the sum of templates 100 (t),
   *  101 (prev t) and 103 (prev t, t); then per next t template 102. 17 integers each. */
  readonly s2 = new Int32Array(((NT + 1) * NT + NT + 1) * NT);
  /** Pass-1 and pass-2 weights of template 41 (document bits, 0..15). */
  readonly t41 = new Int32Array(16 * NT2);
  /** Pass-2 weights of the small document-memory templates (rows of 17, see M112 ...): 110 + 112 per
   *  (best, t), 113 per best, 114 per type, 115 per BILU position. */
  readonly mem = new Int32Array(M_ROWS * NT);
  /** Pass-1 and pass-2 weights of the small stage-1 templates (rows of 34): 44 per run shape, then per
   *  gazetteer category 50 + 60 per (code, case bits), 70 per previous code, 80 per next code. */
  readonly small = new Int32Array(G_ROWS * NT2);
  constructor(model: NerModel) {
    bindModel(model);
    for (let db = 0; db < 16; db++) add12(comb(41, db), this.t41, db * NT2, this.t41, db * NT2 + NT);
    this.lex = new Lexicon(model, model.gaz.clusters.size > 0);
    const s2 = this.s2;
    for (let p = 0; p <= NT; p++) {
      for (let t = 0; t < NT; t++) {
        const o = (p * NT + t) * NT;
        add2(comb(100, t), s2, o); add2(comb(101, p), s2, o); add2(comb(103, comb(p, t)), s2, o);
      }
      add2(comb(102, p), s2, (S102 + p) * NT);
    }
    const small = this.small;
    for (let sh = 0; sh < 48; sh++) add12(comb(44, sh), small, sh * NT2, small, sh * NT2 + NT);
    for (let c = 0; c < NCAT; c++) {
      for (let g = 1; g <= 4; g++) {
        for (let f = 0; f < 4; f++) {
          const o = (G50 + c * 20 + g * 4 + f) * NT2;
          add12(comb(50 + c, g), small, o, small, o + NT); add12(comb(60 + c, g * 4 + f), small, o, small, o + NT);
        }
        let o = (G70 + c * 5 + g) * NT2;
        add12(comb(70 + c, g), small, o, small, o + NT);
        o = (G80 + c * 5 + g) * NT2;
        add12(comb(80 + c, g), small, o, small, o + NT);
      }
    }
    const mem = this.mem;
    for (let b = 0; b < 5; b++) {
      for (let t = 0; t < NT; t++) { const o = (M112 + b * NT + t) * NT; add2(comb(110, b), mem, o); add2(comb(112, comb(b, t)), mem, o); }
      add2(comb(113, b), mem, (M113 + b) * NT);
    }
    for (let k = 0; k < 4; k++) add2(comb(114, k), mem, (M114 + k) * NT);
    for (let k = 5; k < 21; k++) add2(comb(115, k), mem, (M115 + k - 5) * NT);
  }
}
/** Rows of FastState.mem: (best, t) for 110 + 112, then 113 (best), 114 (type), 115 (position 5..20). */
const M112 = 0, M113 = 5 * NT, M114 = M113 + 5, M115 = M114 + 4, M_ROWS = M115 + 16;
/** Rows of FastState.small: 44 (run shape < 48), then per category 20 rows (50 + 60), 5 (70), 5 (80). */
const G50 = 48, G70 = G50 + 20 * NCAT, G80 = G70 + 5 * NCAT, G_ROWS = G80 + 5 * NCAT;
/** Row of template 102 (next tag) in FastState.s2. */
const S102 = (NT + 1) * NT;
const states = new WeakMap<NerModel, FastState>();

// Per-document buffers, grown on demand (tagging is synchronous, so one set serves all callers).
let cap = 0;
let tid = new Int32Array(0), flags = new Int32Array(0), sent = new Int32Array(0), docBits = new Uint8Array(0);
let gz = new Uint8Array(0), gzAny = new Uint8Array(0), runStart = new Int32Array(0), runEnd = new Int32Array(0);
let own = new Int8Array(0), ownPos = new Int8Array(0), upperTok = new Uint8Array(0), cand = new Uint8Array(0);
let seqStart = new Int32Array(0), seqEnd = new Int32Array(0);
/** Per token: blob offsets of the model rows of templates 30-35 (-1 = none). */
let ROWS6 = new Int32Array(0);
/** Pass-1 / pass-2 integer emission sums, n x NT (rows of candidates only; see decodeCandidates). */
let EM1 = new Int32Array(0), EM2 = new Int32Array(0);
function ensureDocBuffers(n: number): void {
  if (n <= cap) return;
  cap = Math.max(n, cap * 2, 1024);
  tid = new Int32Array(cap); flags = new Int32Array(cap); sent = new Int32Array(cap); docBits = new Uint8Array(cap);
  gz = new Uint8Array(cap * NCAT); gzAny = new Uint8Array(cap); runStart = new Int32Array(cap); runEnd = new Int32Array(cap);
  own = new Int8Array(cap); ownPos = new Int8Array(cap); ROWS6 = new Int32Array(cap * 6);
  upperTok = new Uint8Array(cap); cand = new Uint8Array(cap); seqStart = new Int32Array(cap); seqEnd = new Int32Array(cap);
  EM1 = new Int32Array(cap * NT); EM2 = new Int32Array(cap * NT);
}

export interface TaggedDoc {
  /** First-pass tags. */
  tags1: Int8Array;
  /** Final BILOU tags (see TAG_NAMES). */
  tags: Int8Array;
}

// The emission phases of tagTokenized, each its own function over the per-document buffers: TurboFan
// inlines small helpers (comb, featureOffset, add12) only up to a byte-code budget per optimised
// function, and in one large tagTokenized most calls in the hot loops stayed calls. For the same reason
// each phase calls featureOffset and comb from few places, in loops over templates.

/** Template ids of the six word/shape-pair templates, and their two hashed parts per token. */
const T6 = new Int32Array([30, 31, 32, 33, 34, 35]);
const PA = new Int32Array(6), PB = new Int32Array(6);

/** ROWS6: the blob offsets of the pair templates 30-35 of every candidate, all looked up before any
 *  weight is added (emissionSums), so that the cache misses of different tokens overlap. */
function pairRows(lex: Lexicon, n: number): void {
  const lowerH = lex.lowerH, sshapeH = lex.sshapeH;
  const ix = IX, bl = BL, mask = MASK, rows6 = ROWS6, pa = PA, pb = PB, t6 = T6;
  for (let i = 0; i < n; i++) {
    if (!cand[i]) continue;
    const s = sent[i];
    const hasPrev = i > 0 && sent[i - 1] === s, hasNext = i + 1 < n && sent[i + 1] === s;
    const hasPrev2 = hasPrev && i > 1 && sent[i - 2] === s;
    const lw = lowerH[tid[i]], ss = sshapeH[tid[i]];
    const lm1 = hasPrev ? lowerH[tid[i - 1]] : BOS, lm2 = hasPrev2 ? lowerH[tid[i - 2]] : BOS;
    const lp1 = hasNext ? lowerH[tid[i + 1]] : EOS;
    const sm1 = hasPrev ? sshapeH[tid[i - 1]] : BOS, sp1 = hasNext ? sshapeH[tid[i + 1]] : EOS;
    // comb(30, comb(lm1, lw)), comb(31, comb(lw, lp1)), comb(32, comb(comb(sm1, ss), sp1)),
    // comb(33, comb(lm1, ss)), comb(34, comb(ss, lp1)), comb(35, comb(lm2, lm1)).
    pa[0] = lm1; pb[0] = lw; pa[1] = lw; pb[1] = lp1; pa[2] = comb(sm1, ss); pb[2] = sp1;
    pa[3] = lm1; pb[3] = ss; pa[4] = ss; pb[4] = lp1; pa[5] = lm2; pb[5] = lm1;
    const o = i * 6;
    for (let k = 0; k < 6; k++) rows6[o + k] = featureOffset(ix, bl, comb(t6[k], comb(pa[k], pb[k])) & mask);
  }
}

/** The emissions of every candidate from what needs no probe per token: the cached type vectors of the
 *  token and its neighbours, the pair rows found by pairRows, and the tabulated templates (41, 44,
 *  gazetteer codes). Fully overwrites the candidates' rows of EM1 / EM2. */
function emissionSums(st: FastState, lex: Lexicon, n: number): void {
  const vec = lex.vec, wordRow = lex.wordRow, t41 = st.t41, small = st.small, rows6 = ROWS6, em1 = EM1, em2 = EM2;
  for (let i = 0; i < n; i++) {
    if (!cand[i]) continue;
    const f = flags[i];
    const s = sent[i];
    const hasPrev = i > 0 && sent[i - 1] === s, hasNext = i + 1 < n && sent[i + 1] === s;
    const hasPrev2 = hasPrev && i > 1 && sent[i - 2] === s, hasNext2 = hasNext && i + 2 < n && sent[i + 2] === s;
    const t0 = tid[i];
    const tm1 = hasPrev ? tid[i - 1] : 0, tm2 = hasPrev2 ? tid[i - 2] : 0;
    const tp1 = hasNext ? tid[i + 1] : 0, tp2 = hasNext2 ? tid[i + 2] : 0;
    const base = i * NT;
    const om1 = tm1 * VEC + V_M1 * NT2, om2 = tm2 * VEC + V_M2 * NT2;
    const op1 = tp1 * VEC + V_P1 * NT2, op2 = tp2 * VEC + V_P2 * NT2;
    const o0 = t0 * VEC + V_OWN * NT2;
    for (let t = 0; t < NT; t++) em1[base + t] = vec[o0 + t] + vec[om1 + t] + vec[om2 + t] + vec[op1 + t] + vec[op2 + t];
    for (let t = NT; t < NT2; t++) em2[base + t - NT] = vec[o0 + t] + vec[om1 + t] + vec[om2 + t] + vec[op1 + t] + vec[op2 + t];
    if ((f & F_CAPSLINE) && wordRow[t0] >= 0) subRow12At(wordRow[t0], em1, base, em2, base);
    for (let k = i * 6, ke = k + 6; k < ke; k++) { const r = rows6[k]; if (r >= 0) addRow12At(r, em1, base, em2, base); }
    const db = docBits[i];
    if (db) {
      const o41 = db * NT2;
      for (let t = 0; t < NT; t++) { em1[base + t] += t41[o41 + t]; em2[base + t] += t41[o41 + NT + t]; }
    }
    const rs = runStart[i];
    if (rs >= 0) addRow12(small, runShape(i, rs, runEnd[i]), em1, em2, base);
    if (gzAny[i] || (hasPrev && gzAny[i - 1]) || (hasNext && gzAny[i + 1])) {
      for (let c = 0; c < NCAT; c++) {
        const g = gz[i * NCAT + c];
        if (g) addRow12(small, G50 + c * 20 + g * 4 + (f & 3), em1, em2, base);
        if (hasPrev) { const gp = gz[(i - 1) * NCAT + c]; if (gp) addRow12(small, G70 + c * 5 + gp, em1, em2, base); }
        if (hasNext) { const gn = gz[(i + 1) * NCAT + c]; if (gn) addRow12(small, G80 + c * 5 + gn, em1, em2, base); }
      }
    }
  }
}

/** Shape of a token's place in its capitalised run [rs, re): run length, position, last or not. */
function runShape(i: number, rs: number, re: number): number {
  const len = re - rs, pos = i - rs;
  return (len > 5 ? 5 : len) * 8 + (pos > 3 ? 3 : pos) + (i === re - 1 ? 4 : 0);
}

/** Per-token feature hashes of the probed templates (PROBE_TOK / PROBE_H), then their rows added. */
let PROBE_TOK = new Int32Array(0), PROBE_H = new Int32Array(0);

/** Adds the templates looked up per token: sentence start (36, 37), ALL-CAPS line (38, 39), line start
 *  (40), document bits with shape (42), run head words (45, 46). The hashes are listed first, then
 *  looked up and added from one place. */
function probedFeatures(lex: Lexicon, n: number): void {
  const lowerH = lex.lowerH, sshapeH = lex.sshapeH;
  if (PROBE_TOK.length < n * 8) { PROBE_TOK = new Int32Array(n * 8); PROBE_H = new Int32Array(n * 8); }
  const pt = PROBE_TOK, ph = PROBE_H;
  let np = 0;
  for (let i = 0; i < n; i++) {
    if (!cand[i]) continue;
    const f = flags[i];
    const lw = lowerH[tid[i]], ss = sshapeH[tid[i]];
    if (f & F_SENTSTART) { pt[np] = i; ph[np++] = comb(36, ss); pt[np] = i; ph[np++] = comb(37, lw); }
    if (f & F_CAPSLINE) { pt[np] = i; ph[np++] = comb(38, lw); pt[np] = i; ph[np++] = comb(39, comb(docBits[i], 1)); }
    if (f & F_LINESTART) { pt[np] = i; ph[np++] = comb(40, ss); }
    const db = docBits[i];
    if (db) { pt[np] = i; ph[np++] = comb(42, comb(db, ss | (f & (F_SENTSTART | F_CAPSLINE)))); }
    const rs = runStart[i];
    if (rs >= 0) {
      const re = runEnd[i];
      if (re - rs > 1) {
        pt[np] = i; ph[np++] = comb(45, lowerH[tid[re - 1]]);
        pt[np] = i; ph[np++] = comb(46, comb(lowerH[tid[rs]], runShape(i, rs, re)));
      }
    }
  }
  const ix = IX, bl = BL, mask = MASK, em1 = EM1, em2 = EM2;
  for (let k = 0; k < np; k++) {
    const o = featureOffset(ix, bl, ph[k] & mask);
    if (o >= 0) { const base = pt[k] * NT; addRow12At(o, em1, base, em2, base); }
  }
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
  wordTypes(lex, toks, n);
  const nSeq = sentenceAndLineFlags(lex, doc, n);
  // The tokens to decode: near a capital (see markCandidates). The others are O and need no emissions.
  const tFlags = lex.flags;
  for (let i = 0; i < n; i++) upperTok[i] = tFlags[tid[i]] & F_UPPER ? 1 : 0;
  markCandidates(n, sent, upperTok, cand);
  documentBits(lex, n);
  gazetteerCodes(lex, model, n);
  capitalisedRuns(lex, n);

  // Pass-1 and pass-2 emissions of the stage-1 features (EM1 / EM2: candidates' rows fully overwritten):
  // cached type vectors + probed context features.
  pairRows(lex, n);
  emissionSums(st, lex, n);
  probedFeatures(lex, n);
  const tags1 = new Int8Array(n);
  decodeCandidates(EM1, model.scale1, model.trans1, tags1, cand, seqStart, seqEnd, nSeq, scratch);

  stage2Emissions(st, lex, tags1, n);
  const tags = new Int8Array(n);
  decodeCandidates(EM2, model.scale2, model.trans2, tags, cand, seqStart, seqEnd, nSeq, scratch);
  return { tags1, tags };
}

/** Word types (tid) and the per-token flags that need no context; sentence ids. */
function wordTypes(lex: Lexicon, toks: Token[], n: number): void {
  for (let i = 0; i < n; i++) {
    const tok = toks[i];
    const h = textHash(tok.text);
    let id = lex.find(tok.text, h);
    if (id < 0) id = lex.add(tok.text, h, id);
    tid[i] = id;
    sent[i] = tok.sentence;
    flags[i] = tok.lineStart ? F_LINESTART : 0;
  }
}

/** Sentence starts (first word after opening punctuation) and ALL-CAPS lines into flags; the sentences'
 *  token ranges into seqStart / seqEnd. Returns the number of sentences. */
function sentenceAndLineFlags(lex: Lexicon, doc: Tokenized, n: number): number {
  const toks = doc.tokens, tFlags = lex.flags;
  for (let i = 0; i < n; i++) flags[i] |= tFlags[tid[i]] & 0xff;
  const sentences = doc.sentences;
  const nSeq = sentences.length;
  if (nSeq > seqStart.length) { seqStart = new Int32Array(nSeq); seqEnd = new Int32Array(nSeq); }
  for (let s = 0; s < nSeq; s++) {
    const se = sentences[s];
    seqStart[s] = se.first; seqEnd[s] = se.last;
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
  return nSeq;
}

/** Document bits per lower-cased form (lower-case / capitalised / ALL-CAPS uses in running text). */
function documentBits(lex: Lexicon, n: number): void {
  const lowerId = lex.lowerId;
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
}

/** Gazetteer matches, longest first: per token and category a BILU code in gz. */
function gazetteerCodes(lex: Lexicon, model: NerModel, n: number): void {
  const lowerH = lex.lowerH;
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
}

/** Capitalised runs in running text, bridging lower-case connectors between capitalised words. */
function capitalisedRuns(lex: Lexicon, n: number): void {
  const tFlags = lex.flags;
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

}

/** Adds the stage-2 features to EM2: first-pass tags around the token and document memory (see
 *  extractStage2Features). */
function stage2Emissions(st: FastState, lex: Lexicon, tags1: Int8Array, n: number): void {
  const lowerId = lex.lowerId, sshapeH = lex.sshapeH, em2 = EM2;
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
  const s2 = st.s2, mem = st.mem;
  for (let i = 0; i < n; i++) {
    if (!cand[i]) continue;
    const s = sent[i];
    const t = tags1[i];
    const tp = i > 0 && sent[i - 1] === s ? tags1[i - 1] : NT;
    const tn = i + 1 < n && sent[i + 1] === s ? tags1[i + 1] : NT;
    const base = i * NT;
    const ot = (tp * NT + t) * NT, o102 = (S102 + tn) * NT;
    for (let x = 0; x < NT; x++) em2[base + x] += s2[ot + x] + s2[o102 + x];
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
    add2(comb(111, comb(best, sshapeH[tid[i]])), em2, base);
    addRow(mem, M112 + best * NT + t, em2, base);
    if (bestN === total) addRow(mem, M113 + best, em2, base);
    for (let k = 0; k < 4; k++) {
      const v = counts[cb + k] - (ow === k ? 1 : 0);
      if (v > 0) addRow(mem, M114 + k, em2, base);
    }
    const op = ownPos[i];
    for (let k = 5; k < 21; k++) {
      const v = counts[cb + k] - (op === k ? 1 : 0);
      if (v > 0) addRow(mem, M115 + k - 5, em2, base);
    }
  }
  // Only tokens that were counted (own[i] >= 0) touched their word's counters.
  for (let i = 0; i < n; i++) if (own[i] >= 0) { const cb = lowerId[tid[i]] * 21; for (let k = 0; k < 21; k++) counts[cb + k] = 0; }

}
const MS = new Int32Array(GAZ_MAX_LEN);
