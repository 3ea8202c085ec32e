// Model representation, Viterbi decoding and the compact binary format of the perceptron name tagger.
import { NT as NUM_TAGS, Gazetteer, prepareDoc, extractFeatures, extractStage2Features, type FeatureSet, type PreparedDoc } from './features';
import type { Tokenized } from '../tokenize';

// A module-local copy: bundlers turn imported constants into property getters, too slow in hot loops.
const NT: number = NUM_TAGS;

/**
 * Weights of one pass. Training uses dense rows (bucket * NT + tag); a loaded model uses sparse rows:
 * rowMap[bucket] = row index or -1, row r holds entries rowStart[r]..rowStart[r+1] of (tagIdx, vals).
 */
export interface WeightTable {
  rows?: Float32Array;
  rowMap?: Int32Array;
  rowStart?: Int32Array;
  tagIdx?: Uint8Array;
  vals?: Float32Array;
  /** (NT + 1) x NT transition scores; row NT is the sentence start. */
  trans: Float32Array;
}

export interface NerModel {
  bits: number;
  stage1: WeightTable;
  stage2: WeightTable;
  gaz: Gazetteer;
}

// Allowed BILOU transitions.
export const ALLOWED = new Uint8Array((NT + 1) * NT);
export const ALLOWED_END = new Uint8Array(NT);
{
  const kind = (t: number) => (t === 0 ? 'O' : 'BILU'[(t - 1) & 3]);
  const type = (t: number) => (t - 1) >> 2;
  for (let p = 0; p <= NT; p++) {
    for (let t = 0; t < NT; t++) {
      const kp = p === NT ? 'O' : kind(p), kt = kind(t);
      let ok: boolean;
      if (kp === 'B' || kp === 'I') ok = (kt === 'I' || kt === 'L') && type(p) === type(t);
      else ok = kt === 'O' || kt === 'B' || kt === 'U';
      ALLOWED[p * NT + t] = ok ? 1 : 0;
    }
  }
  for (let t = 0; t < NT; t++) { const k = kind(t); ALLOWED_END[t] = k === 'O' || k === 'L' || k === 'U' ? 1 : 0; }
}

export function addEmissions(table: WeightTable, fs: FeatureSet, from: number, to: number, em: Float64Array): void {
  const { feats, offs } = fs;
  const rowMap = table.rowMap;
  if (rowMap) {
    const rowStart = table.rowStart!, tagIdx = table.tagIdx!, vals = table.vals!;
    for (let i = from; i < to; i++) {
      const base = (i - from) * NT;
      for (let j = offs[i], e = offs[i + 1]; j < e; j++) {
        const r = rowMap[feats[j]];
        if (r < 0) continue;
        for (let k = rowStart[r], ke = rowStart[r + 1]; k < ke; k++) em[base + tagIdx[k]] += vals[k];
      }
    }
    return;
  }
  const rows = table.rows!;
  for (let i = from; i < to; i++) {
    const base = (i - from) * NT;
    for (let j = offs[i], e = offs[i + 1]; j < e; j++) {
      const o = feats[j] * NT;
      for (let t = 0; t < NT; t++) em[base + t] += rows[o + t];
    }
  }
}

// Allowed predecessors per tag, as flat lists (O/B/U follow O, L, U or the start; I/L follow B or I of
// the same type), so that Viterbi only visits legal transitions.
const PRED_START = new Int32Array(NT + 1);
const PRED_LIST: number[] = [];
for (let t = 0; t < NT; t++) {
  PRED_START[t] = PRED_LIST.length;
  for (let p = 0; p < NT; p++) if (ALLOWED[p * NT + t]) PRED_LIST.push(p);
}
PRED_START[NT] = PRED_LIST.length;
const PREDS = Int32Array.from(PRED_LIST);

/** Viterbi over one sequence with BILOU constraints; writes tags[from..to). */
export function viterbi(em: Float64Array, len: number, trans: Float32Array, out: Int8Array, from: number,
  delta: Float64Array, back: Int8Array): void {
  if (len === 0) return;
  const NEG = -1e30;
  for (let t = 0; t < NT; t++) delta[t] = ALLOWED[NT * NT + t] ? em[t] + trans[NT * NT + t] : NEG;
  for (let i = 1; i < len; i++) {
    const pb = (i - 1) * NT, cb = i * NT;
    for (let t = 0; t < NT; t++) {
      let best = NEG, arg = 0;
      for (let k = PRED_START[t], ke = PRED_START[t + 1]; k < ke; k++) {
        const p = PREDS[k];
        const v = delta[pb + p] + trans[p * NT + t];
        if (v > best) { best = v; arg = p; }
      }
      delta[cb + t] = best + em[cb + t];
      back[cb + t] = arg;
    }
  }
  const lb = (len - 1) * NT;
  let best = NEG, arg = 0;
  for (let t = 0; t < NT; t++) if (ALLOWED_END[t] && delta[lb + t] > best) { best = delta[lb + t]; arg = t; }
  for (let i = len - 1; i >= 0; i--) {
    out[from + i] = arg;
    if (i > 0) arg = back[i * NT + arg];
  }
}

/** Scratch buffers grown on demand. */
export class Scratch {
  em = new Float64Array(NT * 256);
  delta = new Float64Array(NT * 256);
  back = new Int8Array(NT * 256);
  ensure(len: number): void {
    if (len * NT <= this.em.length) return;
    const size = NT * Math.max(len, this.em.length / NT * 2);
    this.em = new Float64Array(size); this.delta = new Float64Array(size); this.back = new Int8Array(size);
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

export interface TaggedDoc {
  prepared: PreparedDoc;
  tags1: Int8Array;
  tags: Int8Array;
}

export function tagTokenized(model: NerModel, doc: Tokenized, scratch = new Scratch()): TaggedDoc {
  const prepared = prepareDoc(doc, model.gaz);
  const fs = extractFeatures(prepared, model.bits);
  const tags1 = decodeDoc(prepared, model.stage1, fs, null, scratch);
  const fs2 = extractStage2Features(prepared, tags1, model.bits);
  const tags = decodeDoc(prepared, model.stage2, fs, fs2, scratch);
  return { prepared, tags1, tags };
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
//   "NLNER1\0\0", u8 bits, u8 NT, u8 nGazCats, u8 reserved
//   2 x table: f32 scale, (NT+1)*NT f32 transitions, u32 nRows, then per row: varint bucket delta,
//              varint tag bitmask, one i16 per set bit (weight = i16 * scale)
//   gazetteer: u32 n, then n x (u32 key delta as varint, varint mask), keys sorted ascending.
//   clusters: u32 n, then n x (key delta varint, varint path), keys sorted ascending.
const MAGIC = 'NLNER1\0\0';

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

/** Quantises a dense averaged weight table to int16 with one scale, dropping weights that round to 0. */
export function serializeModel(bits: number, dense1: Float32Array, trans1: Float32Array, dense2: Float32Array,
  trans2: Float32Array, gaz: Gazetteer, clip = 1, prune = 0): Buffer {
  const w = new Writer();
  w.bytes(MAGIC); w.u8(bits); w.u8(NT); w.u8(9); w.u8(0);
  for (const [dense, trans] of [[dense1, trans1], [dense2, trans2]] as const) {
    const scale = quantScale(dense, clip);
    w.f32(scale);
    for (let k = 0; k < trans.length; k++) w.f32(trans[k]);
    const nb = dense.length / NT;
    const q = new Int16Array(NT);
    const pruneQ = prune / scale;
    let nRows = 0;
    const countPos = w.len; w.u32(0);
    let prev = 0;
    for (let b = 0; b < nb; b++) {
      let mask = 0;
      for (let t = 0; t < NT; t++) {
        const v = Math.round(dense[b * NT + t] / scale);
        q[t] = Math.abs(v) <= pruneQ ? 0 : v > 32767 ? 32767 : v < -32767 ? -32767 : v;
        if (q[t] !== 0) mask |= 1 << t;
      }
      if (!mask) continue;
      w.varint(b - prev); prev = b; w.varint(mask);
      for (let t = 0; t < NT; t++) if (mask & (1 << t)) w.i16(q[t]);
      nRows++;
    }
    w.buf.writeUInt32LE(nRows, countPos);
  }
  const keys = [...gaz.map.keys()].sort((a, b) => a - b);
  w.u32(keys.length);
  let prev = 0;
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

export function deserializeModel(buf: Uint8Array): NerModel {
  let pos = 0;
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  for (let i = 0; i < MAGIC.length; i++) if (buf[pos++] !== MAGIC.charCodeAt(i)) throw new Error('not a News Lens NER model');
  const bits = buf[pos++];
  const nt = buf[pos++];
  pos += 2;
  if (nt !== NT) throw new Error(`model has ${nt} tags, expected ${NT}`);
  const varint = (): number => {
    let v = 0, shift = 0, b: number;
    do { b = buf[pos++]; v += (b & 0x7f) * 2 ** shift; shift += 7; } while (b & 0x80);
    return v;
  };
  const tables: WeightTable[] = [];
  for (let s = 0; s < 2; s++) {
    const scale = dv.getFloat32(pos, true); pos += 4;
    const trans = new Float32Array((NT + 1) * NT);
    for (let k = 0; k < trans.length; k++) { trans[k] = dv.getFloat32(pos, true); pos += 4; }
    const nRows = dv.getUint32(pos, true); pos += 4;
    const rowMap = new Int32Array(1 << bits).fill(-1);
    const rowStart = new Int32Array(nRows + 1);
    // Upper bound on entries: every remaining byte pair could be a value.
    let tagIdx = new Uint8Array(nRows * 4);
    let vals = new Float32Array(nRows * 4);
    let b = 0, n = 0;
    for (let r = 0; r < nRows; r++) {
      b += varint();
      const mask = varint();
      rowMap[b] = r;
      rowStart[r] = n;
      for (let t = 0; t < NT; t++) {
        if (!(mask & (1 << t))) continue;
        if (n === tagIdx.length) {
          const ti = new Uint8Array(n * 2); ti.set(tagIdx); tagIdx = ti;
          const va = new Float32Array(n * 2); va.set(vals); vals = va;
        }
        tagIdx[n] = t;
        vals[n++] = dv.getInt16(pos, true) * scale;
        pos += 2;
      }
    }
    rowStart[nRows] = n;
    tables.push({ rowMap, rowStart, tagIdx: tagIdx.subarray(0, n), vals: vals.subarray(0, n), trans });
  }
  const gaz = new Gazetteer();
  const ng = dv.getUint32(pos, true); pos += 4;
  let k = 0;
  for (let i = 0; i < ng; i++) { k += varint(); gaz.map.set(k >>> 0, varint()); }
  const nc = dv.getUint32(pos, true); pos += 4;
  k = 0;
  for (let i = 0; i < nc; i++) { k += varint(); gaz.clusters.set(k >>> 0, varint()); }
  return { bits, stage1: tables[0], stage2: tables[1], gaz };
}
