// Weight look-ups of fast inference through the model's index and weight blob (see NerModel). A model
// row holds a feature's pass-1 then pass-2 weights; inference adds them to integer emission sums. The
// current model's arrays live in module variables during a call (bindModel).
import { NT } from './features';
import { ROW_DENSE1, ROW_DENSE2, featureOffset } from './decode';
import type { NerModel } from './model';

if (NT !== 17) throw new Error('inference assumes 17 BILOU tags');
/** A pass-1 row of NT weights followed by the pass-2 row: the layout of the cached and tabulated sums. */
export const NT12 = 2 * NT;

export let IX: Int32Array = new Int32Array(0), BL: Int32Array = new Int32Array(0);
export let MASK = 0;

export function bindModel(m: NerModel): void {
  MASK = (1 << m.bits) - 1; IX = m.index; BL = m.blob;
}

/** Blob offset of feature hash h's row, or -1 if it has none. */
export function rowOf(h: number): number {
  return featureOffset(IX, BL, h & MASK);
}

/** Adds a feature's pass-1 weights to e1[b1..] and its pass-2 weights to e2[b2..]. */
export function add12(h: number, e1: Int32Array, b1: number, e2: Int32Array, b2: number): void {
  const o = featureOffset(IX, BL, h & MASK);
  if (o >= 0) addRow12At(o, e1, b1, e2, b2);
}
/** Adds the pass-1 / pass-2 weights of the model row at blob offset o (see NerModel). */
export function addRow12At(o: number, e1: Int32Array, b1: number, e2: Int32Array, b2: number): void {
  const bl = BL, h = bl[o];
  o = addWeights(bl, o + 1, h & ROW_DENSE1 ? -1 : h & 31, e1, b1);
  addWeights(bl, o, h & ROW_DENSE2 ? -1 : (h >>> 5) & 31, e2, b2);
}
/** Subtracts the pass-1 / pass-2 weights of the model row at blob offset o (see addRow12At). */
export function subRow12At(o: number, e1: Int32Array, b1: number, e2: Int32Array, b2: number): void {
  const bl = BL, h = bl[o];
  o = subWeights(bl, o + 1, h & ROW_DENSE1 ? -1 : h & 31, e1, b1);
  subWeights(bl, o, h & ROW_DENSE2 ? -1 : (h >>> 5) & 31, e2, b2);
}
/** Adds a feature's pass-2 weights to e2[b2..]. */
export function add2(h: number, e2: Int32Array, b2: number): void {
  const o = featureOffset(IX, BL, h & MASK);
  if (o < 0) return;
  const bl = BL, hd = bl[o];
  addWeights(bl, o + 1 + (hd & ROW_DENSE1 ? NT : hd & 31), hd & ROW_DENSE2 ? -1 : (hd >>> 5) & 31, e2, b2);
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
/** e[b..b+NT) += rows[row * NT ..]. */
export function addRow(rows: Int32Array, row: number, e: Int32Array, b: number): void {
  const o = row * NT;
  for (let t = 0; t < NT; t++) e[b + t] += rows[o + t];
}
/** e1[b..b+NT) += rows[row * NT12 ..], e2[b..b+NT) += rows[row * NT12 + NT ..]. */
export function addRow12(rows: Int32Array, row: number, e1: Int32Array, e2: Int32Array, b: number): void {
  const o = row * NT12;
  for (let t = 0; t < NT; t++) { e1[b + t] += rows[o + t]; e2[b + t] += rows[o + NT + t]; }
}
