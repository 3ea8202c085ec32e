// The word-type table of fast inference: everything that depends on one token's text alone (hashes,
// flags, cluster, first gazetteer step, and the summed weights of the features it induces) is computed
// once per distinct token string and kept across documents (bounded: cleared when it grows past
// MAX_TYPES).
//
// Cached emissions: the features that depend only on one token's identity at a fixed relative offset (its
// own word/lower/shape/affix/cluster features, and the ±1/±2 window features it induces on its
// neighbours) are summed once per word type into five vectors of NT12 integers (pass 1, pass 2): about 25
// of the ~35 look-ups per token become 5 vector additions.
import { GAZ_SEED, MEMORY_COUNTS, NT, SMI, WordHashes, comb, hashString, hashWord } from './features';
import type { NerModel } from './model';
import { BOS, EOS, Template as T } from './templates';
import { NT12, add12, rowOf } from './weights';

// Cached vectors per word type (each NT12 integers: pass 1 then pass 2).
/** The token's own features including the word feature (not on ALL-CAPS lines). */
export const V_OWN = 0;
/** What the type contributes to the token after it. */
export const V_M1 = 1;
/** ... two after it. */
export const V_M2 = 2;
/** ... to the token before it. */
export const V_P1 = 3;
/** ... two before it. */
export const V_P2 = 4;
const NVEC = 5;
export const VEC = NVEC * NT12;
/** The table is cleared (at a document boundary) once it holds more word types than this (~0.7 KB each). */
export const MAX_TYPES = 12000;

/** Hash of a token's text for the table's own slots. */
export function textHash(s: string): number {
  return hashString(s) | 0;
}

export class WordTypes {
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
  /** comb(GAZ_SEED, lowerH): the gazetteer hash after one token; gaz1 = its entry (-1 = none). */
  gazH1 = new Int32Array(0);
  gaz1 = new Int32Array(0);
  /** Blob offset of the type's word-feature row (Template.Word; -1 = none): tokens on ALL-CAPS lines take
   *  the own vector minus this row (integer sums, so exactly the sum without the word feature). */
  wordRow = new Int32Array(0);
  /** Per type: NVEC vectors of NT12 pre-summed weights. */
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
    this.vec.fill(0, 0, VEC);
    addBoundaryVectors(this.vec, this.useClusters);
  }

  /** Registers a new word type (same hashing as prepareDoc) and sums its cached feature vectors; `slot`
   *  is find()'s answer for it (-1 - free slot), h its textHash. */
  add(s: string, h: number, slot: number): number {
    if (this.n === this.cap) this.grow(this.cap * 2); // only a single huge document gets here
    const id = this.n++;
    const len = s.length;
    const wh = WH;
    hashWord(s, wh);
    const f = wh.flags, wordH = wh.word, lw = wh.lower, ss = wh.shortShape;
    this.lowerH[id] = lw; this.sshapeH[id] = ss; this.flags[id] = f;
    this.wordRow[id] = rowOf(comb(T.Word, wordH));
    const gaz = this.model.gaz;
    const c0 = this.useClusters ? gaz.clusters.get(lw & SMI) ?? -1 : -1;
    this.clus[id] = c0;
    const gh = comb(GAZ_SEED, lw);
    this.gazH1[id] = gh;
    this.gaz1[id] = gaz.map.size ? gaz.map.get(gh & SMI) ?? -1 : -1;
    let lid = this.lowerIds.get(lw & SMI);
    if (lid === undefined) {
      lid = this.nLower++;
      this.lowerIds.set(lw & SMI, lid);
      if (lid >= this.seen.length) {
        const sz = Math.max(256, this.seen.length * 2);
        const seen = new Uint8Array(sz); seen.set(this.seen); this.seen = seen;
        const counts = new Int32Array(sz * MEMORY_COUNTS); counts.set(this.counts); this.counts = counts;
      }
    }
    this.lowerId[id] = lid;
    // Cached vectors.
    const v = this.vec, b = id * VEC;
    v.fill(0, b, b + VEC);
    addOwn(v, b + V_OWN * NT12, wh, c0, this.useClusters);
    addNeighbourVectors(v, b, lw, ss, c0, this.useClusters);
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
const WH = new WordHashes();

/** The token's own features (Bias, Word, Lower, shapes, affixes, clusters) into the type's own vector at
 *  v[o..] (pass 1) and v[o + NT..] (pass 2). */
function addOwn(v: Int32Array, o: number, wh: WordHashes, c0: number, useClusters: boolean): void {
  const o2 = o + NT, f = wh.flags, pre = wh.pre, suf = wh.suf;
  add12(comb(T.Bias, 0), v, o, v, o2);
  add12(comb(T.Word, wh.word), v, o, v, o2);
  add12(comb(T.Lower, wh.lower), v, o, v, o2);
  add12(comb(T.FullShape, wh.shape), v, o, v, o2); add12(comb(T.Shape, wh.shortShape), v, o, v, o2);
  for (let k = 0; k < 4; k++) { add12(comb(T.Prefix + k, pre[k]), v, o, v, o2); add12(comb(T.Suffix + k, suf[k]), v, o, v, o2); }
  if (useClusters && c0 >= 0) {
    add12(comb(T.Cluster4, c0 >> 8), v, o, v, o2); add12(comb(T.Cluster8, c0 >> 4), v, o, v, o2); add12(comb(T.Cluster12, c0), v, o, v, o2);
    add12(comb(T.Cluster8AndCase, comb(c0 >> 4, f & 3)), v, o, v, o2);
  } else if (useClusters) add12(comb(T.NoClusterCase, f & 3), v, o, v, o2);
}

/** What a word type (lower-case hash lw, shape ss, cluster c0) contributes to its neighbours: the vectors
 *  V_M1, V_M2 (tokens after it) and V_P1, V_P2 (tokens before it) of type b / VEC. */
function addNeighbourVectors(v: Int32Array, b: number, lw: number, ss: number, c0: number, useClusters: boolean): void {
  let o = b + V_M1 * NT12;
  add12(comb(T.LowerPrev, lw), v, o, v, o + NT); add12(comb(T.ShapePrev, ss), v, o, v, o + NT);
  if (useClusters) { add12(comb(T.ClusterPrev8, c0 < 0 ? c0 : c0 >> 4), v, o, v, o + NT); add12(comb(T.ClusterPrev12, c0), v, o, v, o + NT); }
  o = b + V_M2 * NT12;
  add12(comb(T.LowerPrev2, lw), v, o, v, o + NT); add12(comb(T.ShapePrev2, ss), v, o, v, o + NT);
  o = b + V_P1 * NT12;
  add12(comb(T.LowerNext, lw), v, o, v, o + NT); add12(comb(T.ShapeNext, ss), v, o, v, o + NT);
  if (useClusters) { add12(comb(T.ClusterNext8, c0 < 0 ? c0 : c0 >> 4), v, o, v, o + NT); add12(comb(T.ClusterNext12, c0), v, o, v, o + NT); }
  o = b + V_P2 * NT12;
  add12(comb(T.LowerNext2, lw), v, o, v, o + NT); add12(comb(T.ShapeNext2, ss), v, o, v, o + NT);
}

/** The neighbour vectors of type 0, the sentence boundary: BOS before the first token, EOS after the last
 *  (no cluster: -2). */
function addBoundaryVectors(v: Int32Array, useClusters: boolean): void {
  let o = V_M1 * NT12;
  add12(comb(T.LowerPrev, BOS), v, o, v, o + NT); add12(comb(T.ShapePrev, BOS), v, o, v, o + NT);
  if (useClusters) { add12(comb(T.ClusterPrev8, -2), v, o, v, o + NT); add12(comb(T.ClusterPrev12, -2), v, o, v, o + NT); }
  o = V_M2 * NT12;
  add12(comb(T.LowerPrev2, BOS), v, o, v, o + NT); add12(comb(T.ShapePrev2, BOS), v, o, v, o + NT);
  o = V_P1 * NT12;
  add12(comb(T.LowerNext, EOS), v, o, v, o + NT); add12(comb(T.ShapeNext, EOS), v, o, v, o + NT);
  if (useClusters) { add12(comb(T.ClusterNext8, -2), v, o, v, o + NT); add12(comb(T.ClusterNext12, -2), v, o, v, o + NT); }
  o = V_P2 * NT12;
  add12(comb(T.LowerNext2, EOS), v, o, v, o + NT); add12(comb(T.ShapeNext2, EOS), v, o, v, o + NT);
}

