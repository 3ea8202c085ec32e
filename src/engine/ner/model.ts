// Model representation, training-time emission helpers and the compact binary format of the perceptron
// name tagger. Viterbi lives in decode.ts (re-exported here), inference in infer.ts.
import { NT as NUM_TAGS, GAZ_CATS, Gazetteer, type FeatureSet, type PreparedDoc } from './features';
import { ROW_DENSE1, ROW_DENSE2, Scratch, viterbi } from './decode';

export { ROW_DENSE1, ROW_DENSE2, Scratch, addRowPass, featureOffset, viterbi } from './decode';

// A module-local copy: bundlers turn imported constants into property getters, too slow in hot loops.
const NT: number = NUM_TAGS;

/** Dense weights of one pass, as used in training: rows[bucket * NT + tag]. */
export interface WeightTable {
  rows: Float32Array;
  /** (NT + 1) x NT transition scores; row NT is the sentence start. */
  trans: Float32Array;
}

/**
 * A loaded model. The weights of the feature buckets that have any ("rows", in bucket order) lie one after
 * another in `blob`; `index` holds, per 32 buckets, their presence bits and the blob offset of the first
 * of their rows, so a bucket's row is a popcount and a few header skips away (see featureOffset). A row
 * is a header — n1 | n2 << 5 | ROW_DENSE1 | ROW_DENSE2 — then its pass-1 weights, then its pass-2 weights:
 * for a dense pass NT weights in tag order, else n entries (weight << 8) | tag. One look-up serves both
 * passes. Weights are the int16 quantised values: a token's emission score in pass p is scale_p times the
 * integer sum of its features' weights (integer sums are exact in any order, so cached partial sums give
 * bit-identical scores).
 */
export interface NerModel {
  bits: number;
  /** Per 32 feature buckets: presence bits, then the blob offset of their first row. */
  index: Int32Array;
  /** The weight rows (see above). */
  blob: Int32Array;
  /** Number of rows (feature buckets with weights). */
  rowCount: number;
  /** Quantisation steps of pass 1 and pass 2 (emission = scale * integer weight sum). */
  scale1: number;
  scale2: number;
  /** Number of stored (non-zero) weights. */
  weights: number;
  trans1: Float32Array;
  trans2: Float32Array;
  gaz: Gazetteer;
}

export function addEmissions(table: WeightTable, fs: FeatureSet, from: number, to: number, em: Float64Array): void {
  const { feats, offs } = fs;
  const rows = table.rows;
  for (let i = from; i < to; i++) {
    const base = (i - from) * NT;
    for (let j = offs[i], e = offs[i + 1]; j < e; j++) {
      const o = feats[j] * NT;
      for (let t = 0; t < NT; t++) em[base + t] += rows[o + t];
    }
  }
}

/** Tags every sequence of a prepared document with one table (and optional extra feature set). */
export function decodeDoc(p: PreparedDoc, table: WeightTable, fs: FeatureSet, fs2: FeatureSet | null, scratch: Scratch): Int8Array {
  const out = new Int8Array(p.n);
  for (let s = 0; s < p.seqStart.length; s++) {
    const from = p.seqStart[s], to = p.seqEnd[s], len = to - from;
    if (len <= 0) continue;
    scratch.ensure(len);
    const em = scratch.em;
    em.fill(0, 0, len * NT);
    addEmissions(table, fs, from, to, em);
    if (fs2) addEmissions(table, fs2, from, to, em);
    viterbi(em, len, table.trans, out, from, scratch.delta, scratch.back);
  }
  return out;
}

/** BILOU tags -> token spans [first, last) with type index. Tolerates invalid sequences. */
export function tagsToSpans(tags: Int8Array): { first: number; last: number; type: number }[] {
  const spans: { first: number; last: number; type: number }[] = [];
  let open = -1, openType = -1;
  for (let i = 0; i < tags.length; i++) {
    const t = tags[i];
    if (t === 0) { if (open >= 0) spans.push({ first: open, last: i, type: openType }); open = -1; continue; }
    const type = (t - 1) >> 2, k = (t - 1) & 3;
    if (k === 0 || k === 3 || open < 0 || type !== openType) {
      if (open >= 0) spans.push({ first: open, last: i, type: openType });
      open = i; openType = type;
    }
    if (k === 2 || k === 3) { spans.push({ first: open, last: i + 1, type: openType }); open = -1; }
  }
  if (open >= 0) spans.push({ first: open, last: tags.length, type: openType });
  return spans;
}

// ---------------------------------------------------------------------------------------------------
// Binary format (little-endian):
//   "NLNER2\0\0", u8 bits, u8 NT, u8 nGazCats, u8 reserved
//   f32 scale1, f32 scale2, (NT+1)*NT f32 transitions of pass 1, then of pass 2
//   u32 nRows, u32 nEntries; per row (buckets ascending): varint bucket delta, u8 n1, u8 n2;
//   then nEntries x (u8 tag, i16 quantised weight) — the n1 pass-1 then n2 pass-2 weights of each row
//   gazetteer: u32 n, then n x (varint key delta, varint category mask), keys ascending.
//   clusters: u32 n, then n x (varint key delta, varint path), keys ascending.
const MAGIC = 'NLNER2\0\0';

class Writer {
  buf = Buffer.alloc(1 << 20);
  len = 0;
  private need(n: number) {
    if (this.len + n <= this.buf.length) return;
    const b = Buffer.alloc(Math.max(this.buf.length * 2, this.len + n)); this.buf.copy(b, 0, 0, this.len); this.buf = b;
  }
  u8(v: number) { this.need(1); this.buf[this.len++] = v; }
  i16(v: number) { this.need(2); this.buf.writeInt16LE(v, this.len); this.len += 2; }
  u32(v: number) { this.need(4); this.buf.writeUInt32LE(v >>> 0, this.len); this.len += 4; }
  f32(v: number) { this.need(4); this.buf.writeFloatLE(v, this.len); this.len += 4; }
  varint(v: number) { v >>>= 0; while (v >= 0x80) { this.u8((v & 0x7f) | 0x80); v >>>= 7; } this.u8(v); }
  bytes(s: string) { for (let i = 0; i < s.length; i++) this.u8(s.charCodeAt(i)); }
  done(): Buffer { return this.buf.subarray(0, this.len); }
}

/**
 * Pruning rule shared by serializeModel and `npm run prune` (tools/train/prune.ts): a quantised weight q of
 * a pass whose stored (float32) quantisation step is `scale` is dropped when |q| * scale < min, i.e. when
 * the weight the tagger would use is smaller than `min` in the averaged weights' own units. Decided on the
 * quantised value, so a model file can be pruned after training with exactly the result of training with
 * `--prune min`.
 */
export function prunedWeight(q: number, scale: number, min: number): boolean {
  return Math.abs(q) * scale < min;
}

/** Quantises both dense averaged weight tables to int16 (one scale each); weights with
 *  prunedWeight(q, scale, prune) are dropped, rows left empty too. */
export function serializeModel(bits: number, dense1: Float32Array, trans1: Float32Array, dense2: Float32Array,
  trans2: Float32Array, gaz: Gazetteer, clip = 1, prune = 0): Buffer {
  const w = new Writer();
  w.bytes(MAGIC); w.u8(bits); w.u8(NT); w.u8(GAZ_CATS.length); w.u8(0);
  const scale1 = quantScale(dense1, clip), scale2 = quantScale(dense2, clip);
  w.f32(scale1); w.f32(scale2);
  for (const trans of [trans1, trans2]) for (let k = 0; k < trans.length; k++) w.f32(trans[k]);
  const nb = dense1.length / NT;
  const rows = new Writer();
  const ents = new Writer();
  let nRows = 0, nEntries = 0, prev = 0;
  // The pruning rule sees the steps as stored in the file (float32), as `npm run prune` does.
  const stored1 = Math.fround(scale1), stored2 = Math.fround(scale2);
  const quant = (v: number, scale: number, stored: number): number => {
    const r = Math.round(v / scale);
    const q = r > 32767 ? 32767 : r < -32767 ? -32767 : r;
    return prune > 0 && prunedWeight(q, stored, prune) ? 0 : q;
  };
  for (let b = 0; b < nb; b++) {
    let n1 = 0, n2 = 0;
    const mark = ents.len;
    for (let t = 0; t < NT; t++) { const q = quant(dense1[b * NT + t], scale1, stored1); if (q) { ents.u8(t); ents.i16(q); n1++; } }
    for (let t = 0; t < NT; t++) { const q = quant(dense2[b * NT + t], scale2, stored2); if (q) { ents.u8(t); ents.i16(q); n2++; } }
    if (!n1 && !n2) { ents.len = mark; continue; }
    rows.varint(b - prev); prev = b; rows.u8(n1); rows.u8(n2);
    nRows++; nEntries += n1 + n2;
  }
  w.u32(nRows); w.u32(nEntries);
  const r = rows.done(), e = ents.done();
  for (let k = 0; k < r.length; k++) w.u8(r[k]);
  for (let k = 0; k < e.length; k++) w.u8(e[k]);
  const keys = [...gaz.map.keys()].sort((a, b) => a - b);
  w.u32(keys.length);
  prev = 0;
  for (const k of keys) { w.varint(k - prev); prev = k; w.varint(gaz.map.get(k)!); }
  const ckeys = [...gaz.clusters.keys()].sort((a, b) => a - b);
  w.u32(ckeys.length);
  prev = 0;
  for (const k of ckeys) { w.varint(k - prev); prev = k; w.varint(gaz.clusters.get(k)!); }
  return w.done();
}

/** Scale so that the `clip` quantile of |w| over non-zero weights maps to 127 (outliers saturate). */
function quantScale(dense: Float32Array, clip: number): number {
  let max = 0;
  const sample: number[] = [];
  for (let k = 0; k < dense.length; k++) {
    const a = Math.abs(dense[k]);
    if (a === 0) continue;
    if (a > max) max = a;
    if ((k & 15) === 0) sample.push(a);
  }
  if (max === 0) return 1;
  sample.sort((a, b) => a - b);
  const q = clip >= 1 || !sample.length ? max : sample[Math.min(sample.length - 1, Math.floor(sample.length * clip))];
  return Math.max(q, 1e-9) / 32767;
}

/** Copies n (u8 tag, i16 weight) entries at buf[pos..] into blob[o..], densely (NT values) or as
 *  (weight << 8) | tag entries; returns the blob offset after them. */
function readWeights(buf: Uint8Array, pos: number, n: number, dense: boolean, blob: Int32Array, o: number): number {
  if (dense) {
    for (let k = 0; k < n; k++, pos += 3) blob[o + buf[pos]] = ((buf[pos + 1] | (buf[pos + 2] << 8)) << 16) >> 16;
    return o + NT;
  }
  for (let k = 0; k < n; k++, pos += 3) blob[o++] = ((((buf[pos + 1] | (buf[pos + 2] << 8)) << 16) >> 16) << 8) | buf[pos];
  return o;
}

export function deserializeModel(buf: Uint8Array): NerModel {
  let pos = 0;
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  for (let i = 0; i < MAGIC.length; i++) if (buf[pos++] !== MAGIC.charCodeAt(i)) throw new Error('not a News Lens NER model (v2)');
  const bits = buf[pos++];
  const nt = buf[pos++];
  pos += 2;
  if (nt !== NT) throw new Error(`model has ${nt} tags, expected ${NT}`);
  const varint = (): number => {
    let v = 0, shift = 0, b: number;
    do { b = buf[pos++]; v |= (b & 0x7f) << shift; shift += 7; } while (b & 0x80);
    return v >>> 0;
  };
  const scale1 = dv.getFloat32(pos, true), scale2 = dv.getFloat32(pos + 4, true);
  pos += 8;
  const trans1 = new Float32Array((NT + 1) * NT), trans2 = new Float32Array((NT + 1) * NT);
  for (let k = 0; k < trans1.length; k++) { trans1[k] = dv.getFloat32(pos, true); pos += 4; }
  for (let k = 0; k < trans2.length; k++) { trans2[k] = dv.getFloat32(pos, true); pos += 4; }
  const nRows = dv.getUint32(pos, true), nEntries = dv.getUint32(pos + 4, true);
  pos += 8;
  // A pass with at least DENSE_MIN weights is stored densely (contiguous, no tag scatter).
  const DENSE_MIN = 8;
  const rowBucket = new Int32Array(nRows), rowN = new Uint8Array(nRows * 2);
  let b = 0, size = 0;
  for (let r = 0; r < nRows; r++) {
    b += varint();
    rowBucket[r] = b;
    const n1 = buf[pos], n2 = buf[pos + 1];
    rowN[2 * r] = n1; rowN[2 * r + 1] = n2;
    pos += 2;
    if (n1 > NT || n2 > NT) throw new Error('corrupt model: more weights in a row than tags');
    size += 1 + (n1 >= DENSE_MIN ? NT : n1) + (n2 >= DENSE_MIN ? NT : n2);
  }
  const words = Math.max(1, 2 ** bits >>> 5);
  const index = new Int32Array(words * 2), blob = new Int32Array(size);
  let o = 0, w = 0;
  for (let r = 0; r < nRows; r++) {
    const f = rowBucket[r];
    if (f >= 2 ** bits || (r > 0 && f <= rowBucket[r - 1])) throw new Error('corrupt model: feature buckets out of order');
    for (; w <= f >>> 5; w++) index[2 * w + 1] = o; // words up to this row's start here (empty ones too)
    index[(f >>> 5) << 1] |= 1 << (f & 31);
    const n1 = rowN[2 * r], n2 = rowN[2 * r + 1];
    blob[o++] = n1 | (n2 << 5) | (n1 >= DENSE_MIN ? ROW_DENSE1 : 0) | (n2 >= DENSE_MIN ? ROW_DENSE2 : 0);
    o = readWeights(buf, pos, n1, n1 >= DENSE_MIN, blob, o);
    pos += 3 * n1;
    o = readWeights(buf, pos, n2, n2 >= DENSE_MIN, blob, o);
    pos += 3 * n2;
  }
  for (; w < words; w++) index[2 * w + 1] = o;
  const gaz = new Gazetteer();
  const ng = dv.getUint32(pos, true); pos += 4;
  let k = 0;
  for (let i = 0; i < ng; i++) { k += varint(); gaz.map.set(k, varint()); }
  const nc = dv.getUint32(pos, true); pos += 4;
  k = 0;
  for (let i = 0; i < nc; i++) { k += varint(); gaz.clusters.set(k, varint()); }
  return { bits, index, blob, rowCount: nRows, scale1, scale2, weights: nEntries, trans1, trans2, gaz };
}
