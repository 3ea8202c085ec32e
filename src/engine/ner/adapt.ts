// Adapted models: what `news-lens learn` builds from reviewed articles, as an overlay on the shipped
// model (models/ner.bin). Pure: bytes in, bytes out (no file system); the CLI reads and writes files.
//
// An overlay holds
//   - gazetteer entries (the corrected names, hashed like the shipped gazetteer's, OR-ed into it), and
//   - pass-2 weight deltas per feature bucket and tag, in the base model's pass-2 quantisation units
//     (so base + delta is exact integer arithmetic and inference stays bit-identical to training), plus
//     pass-2 transition deltas.
// Pass 1 is left as shipped: its tags (and the document-memory features built from them) are exactly
// what the learner saw, so no jackknifing is needed.
//
// File layout (little-endian):
//   "NLADAPT1", u32 base fingerprint (fnv1a32 of the base model's bytes), u8 bits, u8 NT, u16 reserved,
//   u32 examples, u32 names,
//   u32 nGaz, nGaz x (varint key delta, varint category mask), keys ascending,
//   (NT+1)*NT f32 pass-2 transition deltas,
//   u32 nRows, per row (buckets ascending): varint bucket delta, u8 n, n x (u8 tag, zigzag varint delta),
//   u32 crc32 of every byte before it.
import { Gazetteer, NT as NUM_TAGS } from './features';
import { ROW_DENSE1, ROW_DENSE2 } from './decode';
import type { NerModel } from './model';

const NT: number = NUM_TAGS;
const MAGIC = 'NLADAPT1';
/** A pass with at least this many weights is stored densely (as deserializeModel does). */
const DENSE_MIN = 8;

export interface AdaptedModel {
  /** fnv1a32 of the base model file's bytes: the overlay applies to that model only. */
  baseFingerprint: number;
  bits: number;
  /** Articles learned from, and names in them. */
  examples: number;
  names: number;
  /** Gazetteer entries to OR into the base gazetteer: key -> category mask (0 = a proper prefix). */
  gaz: Map<number, number>;
  /** Pass-2 transition deltas, (NT + 1) x NT. */
  trans2: Float32Array;
  /** Pass-2 weight deltas per feature bucket: NT integers in the base's pass-2 quantisation units. */
  rows: Map<number, Int32Array>;
}

/** A problem with an adapted-model file's bytes (the caller adds the file name). */
export class AdaptedModelError extends Error {}

/** FNV-1a (32 bit) of a byte array: identifies the base model an overlay was learned on. */
export function fingerprint(bytes: Uint8Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) { h ^= bytes[i]; h = Math.imul(h, 0x01000193); }
  return h >>> 0;
}

const CRC_TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();
export function crc32(bytes: Uint8Array, end = bytes.length): number {
  let c = -1;
  for (let i = 0; i < end; i++) c = CRC_TABLE[(c ^ bytes[i]) & 255] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

class Writer {
  buf = new Uint8Array(1 << 16);
  len = 0;
  private need(n: number): void {
    if (this.len + n <= this.buf.length) return;
    const b = new Uint8Array(Math.max(this.buf.length * 2, this.len + n)); b.set(this.buf.subarray(0, this.len)); this.buf = b;
  }
  u8(v: number): void { this.need(1); this.buf[this.len++] = v & 255; }
  u16(v: number): void { this.u8(v); this.u8(v >>> 8); }
  u32(v: number): void { this.need(4); new DataView(this.buf.buffer).setUint32(this.len, v >>> 0, true); this.len += 4; }
  f32(v: number): void { this.need(4); new DataView(this.buf.buffer).setFloat32(this.len, v, true); this.len += 4; }
  varint(v: number): void { v >>>= 0; while (v >= 0x80) { this.u8((v & 0x7f) | 0x80); v >>>= 7; } this.u8(v); }
}

export function serializeAdapted(a: AdaptedModel): Uint8Array {
  const w = new Writer();
  for (let i = 0; i < MAGIC.length; i++) w.u8(MAGIC.charCodeAt(i));
  w.u32(a.baseFingerprint); w.u8(a.bits); w.u8(NT); w.u16(0);
  w.u32(a.examples); w.u32(a.names);
  const keys = [...a.gaz.keys()].sort((x, y) => x - y);
  w.u32(keys.length);
  let prev = 0;
  for (const k of keys) { w.varint(k - prev); prev = k; w.varint(a.gaz.get(k)!); }
  for (let k = 0; k < (NT + 1) * NT; k++) w.f32(a.trans2[k] ?? 0);
  const buckets = [...a.rows.keys()].sort((x, y) => x - y);
  w.u32(buckets.length);
  prev = 0;
  for (const b of buckets) {
    const row = a.rows.get(b)!;
    let n = 0;
    for (let t = 0; t < NT; t++) if (row[t]) n++;
    w.varint(b - prev); prev = b; w.u8(n);
    for (let t = 0; t < NT; t++) if (row[t]) { w.u8(t); w.varint((row[t] << 1) ^ (row[t] >> 31)); }
  }
  w.u32(crc32(w.buf, w.len));
  return w.buf.slice(0, w.len);
}

/** Reads an adapted model; throws AdaptedModelError saying what is wrong with the bytes. */
export function deserializeAdapted(buf: Uint8Array): AdaptedModel {
  const fail = (why: string): never => { throw new AdaptedModelError(why); };
  if (buf.length < MAGIC.length + 4) fail('not a News Lens adapted model (too short)');
  for (let i = 0; i < MAGIC.length; i++) if (buf[i] !== MAGIC.charCodeAt(i)) fail('not a News Lens adapted model (see news-lens learn)');
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  if (dv.getUint32(buf.length - 4, true) !== crc32(buf, buf.length - 4)) fail('corrupt adapted model (checksum mismatch)');
  let pos = MAGIC.length;
  const end = buf.length - 4;
  const need = (n: number): void => { if (pos + n > end) fail('corrupt adapted model (truncated)'); };
  const u32 = (): number => { need(4); const v = dv.getUint32(pos, true); pos += 4; return v; };
  const varint = (): number => {
    let v = 0, shift = 0, b: number;
    do { need(1); b = buf[pos++]; v |= (b & 0x7f) << shift; shift += 7; } while (b & 0x80 && shift < 35);
    return v >>> 0;
  };
  const baseFingerprint = u32();
  need(4);
  const bits = buf[pos], nt = buf[pos + 1];
  pos += 4;
  if (nt !== NT) fail(`adapted model has ${nt} tags, expected ${NT}`);
  if (bits < 1 || bits > 30) fail('corrupt adapted model (feature bits)');
  const examples = u32(), names = u32();
  const nGaz = u32();
  const gaz = new Map<number, number>();
  let k = 0;
  for (let i = 0; i < nGaz; i++) { k += varint(); gaz.set(k, varint()); }
  const trans2 = new Float32Array((NT + 1) * NT);
  need(4 * trans2.length);
  for (let i = 0; i < trans2.length; i++) { trans2[i] = dv.getFloat32(pos, true); pos += 4; }
  const nRows = u32();
  const rows = new Map<number, Int32Array>();
  let b = 0;
  for (let r = 0; r < nRows; r++) {
    b += varint();
    if (b >= 2 ** bits) fail('corrupt adapted model (feature bucket out of range)');
    need(1);
    const n = buf[pos++];
    if (n > NT) fail('corrupt adapted model (more weights in a row than tags)');
    const row = new Int32Array(NT);
    for (let j = 0; j < n; j++) {
      need(1);
      const t = buf[pos++];
      if (t >= NT) fail('corrupt adapted model (tag out of range)');
      const z = varint();
      row[t] = (z >>> 1) ^ -(z & 1);
    }
    rows.set(b, row);
  }
  if (pos !== end) fail('corrupt adapted model (trailing bytes)');
  return { baseFingerprint, bits, examples, names, gaz, trans2, rows };
}

/** The base model with the overlay applied: a new NerModel (the base is not changed). */
export function applyAdapted(base: NerModel, a: AdaptedModel): NerModel {
  if (a.bits !== base.bits) throw new AdaptedModelError(`adapted model has 2^${a.bits} feature buckets, the base model 2^${base.bits}`);
  const gaz = new Gazetteer();
  for (const [key, mask] of base.gaz.map) gaz.map.set(key, mask);
  for (const [key, mask] of a.gaz) gaz.map.set(key, (gaz.map.get(key) ?? 0) | mask);
  for (const [key, path] of base.gaz.clusters) gaz.clusters.set(key, path);
  const trans2 = new Float32Array(base.trans2.length);
  for (let i = 0; i < trans2.length; i++) trans2[i] = base.trans2[i] + a.trans2[i];
  const { index, blob, rowCount, weights } = mergeRows(base, a.rows);
  return { ...base, index, blob, rowCount, weights, trans2, gaz };
}

/** Rebuilds the base's index and weight blob with the pass-2 deltas added (rows in bucket order). Words
 *  of 32 buckets without a delta are copied as they are. */
function mergeRows(base: NerModel, deltas: Map<number, Int32Array>): Pick<NerModel, 'index' | 'blob' | 'rowCount' | 'weights'> {
  const words = Math.max(1, 2 ** base.bits >>> 5);
  const dBuckets = Int32Array.from(deltas.keys()).sort();
  const p1 = new Int32Array(NT), p2 = new Int32Array(NT);
  // A base row grows by at most the values of passes turned dense; a new row takes at most 1 + 2 NT.
  const out = new Int32Array(base.blob.length + deltas.size * (1 + 4 * NT));
  let len = 0, rowCount = base.rowCount, weights = base.weights, di = 0;
  const index = new Int32Array(words * 2);
  const { index: bi, blob: bb } = base;
  for (let w = 0; w < words; w++) {
    index[2 * w + 1] = len;
    const present = bi[2 * w];
    const from = bi[2 * w + 1], to = w + 1 < words ? bi[2 * w + 3] : bb.length;
    if (di >= dBuckets.length || dBuckets[di] >= (w + 1) * 32) {
      index[2 * w] = present;
      out.set(bb.subarray(from, to), len);
      len += to - from;
      continue;
    }
    // Base rows of this word and delta rows in it, merged in bucket order.
    let o = from;
    for (let bit = 0; bit < 32; bit++) {
      const bucket = w * 32 + bit;
      const inBase = (present >>> bit) & 1;
      const hasDelta = di < dBuckets.length && dBuckets[di] === bucket;
      if (!inBase && !hasDelta) continue;
      p1.fill(0); p2.fill(0);
      if (inBase) {
        const h = bb[o++];
        o = readPass(bb, o, h & ROW_DENSE1 ? -1 : h & 31, p1);
        o = readPass(bb, o, h & ROW_DENSE2 ? -1 : (h >>> 5) & 31, p2);
        rowCount--; weights -= (h & 31) + ((h >>> 5) & 31);
      }
      if (hasDelta) { const d = deltas.get(bucket)!; for (let t = 0; t < NT; t++) p2[t] += d[t]; di++; }
      let n1 = 0, n2 = 0;
      for (let t = 0; t < NT; t++) { if (p1[t]) n1++; if (p2[t]) n2++; }
      if (!n1 && !n2) continue;
      index[2 * w] |= 1 << bit;
      out[len++] = n1 | (n2 << 5) | (n1 >= DENSE_MIN ? ROW_DENSE1 : 0) | (n2 >= DENSE_MIN ? ROW_DENSE2 : 0);
      len = writePass(p1, n1, out, len);
      len = writePass(p2, n2, out, len);
      rowCount++; weights += n1 + n2;
    }
  }
  return { index, blob: out.slice(0, len), rowCount, weights };
}

function writePass(p: Int32Array, n: number, out: Int32Array, len: number): number {
  if (n >= DENSE_MIN) { for (let t = 0; t < NT; t++) out[len++] = p[t]; return len; }
  for (let t = 0; t < NT; t++) if (p[t]) out[len++] = (p[t] << 8) | t;
  return len;
}

function readPass(bl: Int32Array, o: number, n: number, into: Int32Array): number {
  if (n < 0) { for (let t = 0; t < NT; t++) into[t] = bl[o + t]; return o + NT; }
  for (const oe = o + n; o < oe; o++) { const x = bl[o]; into[x & 255] = x >> 8; }
  return o;
}
