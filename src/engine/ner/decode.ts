// BILOU constraints, Viterbi decoding, scratch buffers and the model's weight look-up, shared by training,
// (fast) inference and the reference tagger.
import { NT as NUM_TAGS } from './features';

// A module-local copy: bundlers turn imported constants into property getters, too slow in hot loops.
const NT: number = NUM_TAGS;

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

// Tag layout: O = 0; type x: B = 1 + 4x, I = 2 + 4x, L = 3 + 4x, U = 4 + 4x. "Closed" tags (O, L, U)
// may precede O, B and U; B and I of a type may precede I and L of the same type.
const CLOSED = [0, 3, 4, 7, 8, 11, 12, 15, 16];
const OPENERS_AND_O = [0, 1, 4, 5, 8, 9, 12, 13, 16];

/**
 * Viterbi over one sequence with BILOU constraints (unrolled for the 17-tag layout); writes out[from..).
 * A sequence that is a stretch of a sentence between tokens fixed to O (see decodeCandidates) starts
 * after O (`afterO`: transition from O instead of from the sentence start) and/or ends before O
 * (`beforeO`: the transition to O is added to the final scores).
 */
export function viterbi(em: Float64Array, len: number, trans: Float32Array, out: Int8Array, from: number,
  delta: Float64Array, back: Int8Array, emOff = 0, afterO = false, beforeO = false, closed: Float64Array | null = null): void {
  if (len === 0) return;
  const NEG = -1e30;
  // Closed -> (O, B, U) transition block, 9 x 9 (`closed`: already built from these transitions).
  const tc = closed ?? closedBlock(trans, TC);
  const start = afterO ? 0 : NT * NT;
  for (let t = 0; t < NT; t++) delta[t] = ALLOWED[start + t] ? em[emOff + t] + trans[start + t] : NEG;
  for (let i = 1; i < len; i++) {
    const pb = (i - 1) * NT, cb = i * NT, eo = emOff + cb;
    const d0 = delta[pb], d1 = delta[pb + 3], d2 = delta[pb + 4], d3 = delta[pb + 7], d4 = delta[pb + 8];
    const d5 = delta[pb + 11], d6 = delta[pb + 12], d7 = delta[pb + 15], d8 = delta[pb + 16];
    for (let a = 0; a < 9; a++) {
      const o = a * 9, t = OPENERS_AND_O[a];
      let best = d0 + tc[o], arg = 0, v: number;
      v = d1 + tc[o + 1]; if (v > best) { best = v; arg = 3; }
      v = d2 + tc[o + 2]; if (v > best) { best = v; arg = 4; }
      v = d3 + tc[o + 3]; if (v > best) { best = v; arg = 7; }
      v = d4 + tc[o + 4]; if (v > best) { best = v; arg = 8; }
      v = d5 + tc[o + 5]; if (v > best) { best = v; arg = 11; }
      v = d6 + tc[o + 6]; if (v > best) { best = v; arg = 12; }
      v = d7 + tc[o + 7]; if (v > best) { best = v; arg = 15; }
      v = d8 + tc[o + 8]; if (v > best) { best = v; arg = 16; }
      delta[cb + t] = best + em[eo + t];
      back[cb + t] = arg;
    }
    for (let x = 0; x < 4; x++) {
      const B = 1 + 4 * x, I = B + 1, L = B + 2;
      const dB = delta[pb + B], dI = delta[pb + I];
      let vB = dB + trans[B * NT + I], vI = dI + trans[I * NT + I];
      if (vI > vB) { delta[cb + I] = vI + em[eo + I]; back[cb + I] = I; } else { delta[cb + I] = vB + em[eo + I]; back[cb + I] = B; }
      vB = dB + trans[B * NT + L]; vI = dI + trans[I * NT + L];
      if (vI > vB) { delta[cb + L] = vI + em[eo + L]; back[cb + L] = I; } else { delta[cb + L] = vB + em[eo + L]; back[cb + L] = B; }
    }
  }
  const lb = (len - 1) * NT;
  let best = NEG, arg = 0;
  // The tags that may end a sentence (O, L, U) are exactly those that may precede O.
  for (let t = 0; t < NT; t++) {
    if (!ALLOWED_END[t]) continue;
    const v = beforeO ? delta[lb + t] + trans[t * NT] : delta[lb + t];
    if (v > best) { best = v; arg = t; }
  }
  for (let i = len - 1; i >= 0; i--) {
    out[from + i] = arg;
    if (i > 0) arg = back[i * NT + arg];
  }
}
const TC = new Float64Array(81);
/** Fills tc (81) with the closed -> (O, B, U) transitions that viterbi's inner loop reads. */
function closedBlock(trans: Float32Array, tc: Float64Array): Float64Array {
  for (let a = 0; a < 9; a++) for (let c = 0; c < 9; c++) tc[a * 9 + c] = trans[CLOSED[c] * NT + OPENERS_AND_O[a]];
  return tc;
}
const TC_STRETCH = new Float64Array(81);

/** Tokens this far (in the same sentence) from a token with an upper-case letter are decoded; the rest are O. */
export const CANDIDATE_WINDOW = 2;

/**
 * Marks in `cand` the tokens the tagger decodes: those within CANDIDATE_WINDOW tokens of a token with an
 * upper-case letter (`upper[i]` non-zero), in the same sentence. Names are written with capitals, so a
 * lower-case stretch away from any capital is O: fixing it costs no name on CoNLL-2003 dev or GUM (the
 * tagger's output there is unchanged) and spares about half of the tokens of news text.
 */
export function markCandidates(n: number, sent: Int32Array, upper: Uint8Array, cand: Uint8Array): void {
  cand.fill(0, 0, n);
  for (let i = 0; i < n; i++) {
    if (!upper[i]) continue;
    const s = sent[i];
    for (let k = Math.max(0, i - CANDIDATE_WINDOW), e = Math.min(n - 1, i + CANDIDATE_WINDOW); k <= e; k++) if (sent[k] === s) cand[k] = 1;
  }
}

/**
 * Decodes the sentences [seqStart[s], seqEnd[s]) of a document whose tokens outside `cand` are O: Viterbi
 * over each stretch of candidates, entered from O or the sentence start and left to O or the sentence end.
 * q holds the integer emission sums of token i at i * NT, scored as q * scale (see NerModel); only the
 * candidates' sums are read. Tags of non-candidates are set to O.
 */
export function decodeCandidates(q: Int32Array, scale: number, trans: Float32Array, out: Int8Array, cand: Uint8Array,
  seqStart: ArrayLike<number>, seqEnd: ArrayLike<number>, nSeq: number, scratch: Scratch): void {
  const tc = closedBlock(trans, TC_STRETCH);
  for (let s = 0; s < nSeq; s++) {
    const end = seqEnd[s];
    for (let i = seqStart[s]; i < end;) {
      if (!cand[i]) { out[i++] = 0; continue; }
      let j = i + 1;
      while (j < end && cand[j]) j++;
      scratch.ensure(j - i);
      const em = scratch.em;
      for (let k = i * NT, e = j * NT, o = 0; k < e; k++, o++) em[o] = q[k] * scale;
      viterbi(em, j - i, trans, out, i, scratch.delta, scratch.back, 0, i > seqStart[s], j < end, tc);
      i = j;
    }
  }
}
if (NT !== 17) throw new Error('viterbi is unrolled for 17 BILOU tags');

/** Row header flags (see NerModel.blob): the pass's weights are stored densely, NT of them. */
export const ROW_DENSE1 = 1 << 10, ROW_DENSE2 = 1 << 11;

/** Offset in `blob` of feature bucket f's weight row, or -1 if it has none: its 32-bucket word's presence
 *  bits say whether it is there and how many rows of the word come before it; those are skipped by
 *  their headers (about three rows per word, in the same cache lines). */
export function featureOffset(index: Int32Array, blob: Int32Array, f: number): number {
  const w = index[(f >>> 5) << 1], bit = 1 << (f & 31);
  if ((w & bit) === 0) return -1;
  let x = w & (bit - 1);
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  let o = index[((f >>> 5) << 1) + 1];
  for (let k = Math.imul(x, 0x01010101) >>> 24; k > 0; k--) {
    const h = blob[o];
    o += 1 + (h & ROW_DENSE1 ? NT : h & 31) + (h & ROW_DENSE2 ? NT : (h >>> 5) & 31);
  }
  return o;
}

/** Adds the pass-`pass` (1 or 2) weights of the row at blob[off] to e[b..b+NT). */
export function addRowPass(blob: Int32Array, off: number, pass: 1 | 2, e: Int32Array, b: number): void {
  const h = blob[off];
  let o = off + 1;
  if (pass === 2) o += h & ROW_DENSE1 ? NT : h & 31;
  if (h & (pass === 1 ? ROW_DENSE1 : ROW_DENSE2)) { for (let t = 0; t < NT; t++) e[b + t] += blob[o + t]; return; }
  for (const oe = o + (pass === 1 ? h & 31 : (h >>> 5) & 31); o < oe; o++) e[b + (blob[o] & 255)] += blob[o] >> 8;
}

/** Scratch buffers grown on demand. */
export class Scratch {
  em = new Float64Array(NT * 256);
  delta = new Float64Array(NT * 256);
  back = new Int8Array(NT * 256);
  em1 = new Float64Array(0);
  em2 = new Float64Array(0);
  ensureDoc(n: number): void {
    if (this.em1.length < n * NT) {
      const size = Math.max(n * NT, Math.min(this.em1.length * 2, 1 << 20));
      this.em1 = new Float64Array(size); this.em2 = new Float64Array(size);
    }
    this.em1.fill(0, 0, n * NT); this.em2.fill(0, 0, n * NT);
  }
  ensure(len: number): void {
    if (len * NT <= this.em.length) return;
    const size = NT * Math.max(len, this.em.length / NT * 2);
    this.em = new Float64Array(size); this.delta = new Float64Array(size); this.back = new Int8Array(size);
  }
}

