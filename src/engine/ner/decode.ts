// BILOU constraints, Viterbi decoding, scratch buffers and the model's weight look-up, shared by training,
// (fast) inference and the reference tagger.
import { NT as NUM_TAGS } from './features';

// A module-local copy: bundlers turn imported constants into property getters, too slow in hot loops.
const NT: number = NUM_TAGS;

// Tag layout: O = 0; type x: B = 1 + 4x, I = 2 + 4x, L = 3 + 4x, U = 4 + 4x. "Closed" tags (O, L, U)
// may precede O, B and U; B and I of a type may precede I and L of the same type.
const CLOSED = [0, 3, 4, 7, 8, 11, 12, 15, 16];
const OPENERS_AND_O = [0, 1, 4, 5, 8, 9, 12, 13, 16];

/**
 * Viterbi over one sequence with BILOU constraints (unrolled for the 17-tag layout); writes out[from..).
 * A sequence that is a stretch of a sentence between tokens fixed to O (see decodeCandidates) starts
 * after O (`afterO`: transition from O instead of from the sentence start) and/or ends before O
 * (`beforeO`: the transition to O is added to the final scores).
 *
 * Ties go to the first maximum in increasing tag order (strict `>`), for predecessors and for the last tag.
 */
export function viterbi(em: Float64Array, len: number, trans: Float32Array, out: Int8Array, from: number,
  delta: Float64Array, back: Int8Array, emOff = 0, afterO = false, beforeO = false, closed: Float64Array | null = null): void {
  // `closed`: the closed block of these transitions, as closedBlock builds it. em[k] * 1 === em[k] exactly.
  if (len > 0) decode(em, 1, len, trans, out, from, delta, back, emOff, afterO, beforeO, closed ?? closedBlock(trans, TC));
}

/**
 * viterbi, with the emission of tag t at position i read as em[emOff + i * NT + t] * scale: decodeCandidates
 * passes the integer sums and their scale, which spares a scaled copy per stretch (the product is exactly
 * the value the copy held). tc: the closed block of trans with its column bounds, built by closedBlock.
 * Every score is the same sum of the same operands, added in the same order, as in a plain Viterbi.
 */
function decode(em: Float64Array | Int32Array, scale: number, len: number, trans: Float32Array, out: Int8Array, from: number,
  delta: Float64Array, back: Int8Array, emOff: number, afterO: boolean, beforeO: boolean, tc: Float64Array): void {
  const NEG = -1e30;
  // First token: from the sentence start (row NT of trans) or from O (row 0), which both allow exactly
  // O, B and U; I and L are ruled out (BILOU).
  const s0 = afterO ? 0 : NT * NT, e0 = emOff;
  delta[0] = em[e0] * scale + trans[s0];
  delta[1] = em[e0 + 1] * scale + trans[s0 + 1]; delta[2] = NEG; delta[3] = NEG; delta[4] = em[e0 + 4] * scale + trans[s0 + 4];
  delta[5] = em[e0 + 5] * scale + trans[s0 + 5]; delta[6] = NEG; delta[7] = NEG; delta[8] = em[e0 + 8] * scale + trans[s0 + 8];
  delta[9] = em[e0 + 9] * scale + trans[s0 + 9]; delta[10] = NEG; delta[11] = NEG; delta[12] = em[e0 + 12] * scale + trans[s0 + 12];
  delta[13] = em[e0 + 13] * scale + trans[s0 + 13]; delta[14] = NEG; delta[15] = NEG; delta[16] = em[e0 + 16] * scale + trans[s0 + 16];
  // Column c of the block: tc[a * 9 + c] for the nine successors a; hi/lo: its largest / smallest entry.
  const hi0 = tc[81], hi1 = tc[82], hi2 = tc[83], hi3 = tc[84], hi4 = tc[85], hi5 = tc[86], hi6 = tc[87], hi7 = tc[88], hi8 = tc[89];
  const lo0 = tc[90], lo1 = tc[91], lo2 = tc[92], lo3 = tc[93], lo4 = tc[94], lo5 = tc[95], lo6 = tc[96], lo7 = tc[97], lo8 = tc[98];
  // The same-type B/I -> I/L transitions.
  const tBI0 = trans[1 * NT + 2], tII0 = trans[2 * NT + 2], tBL0 = trans[1 * NT + 3], tIL0 = trans[2 * NT + 3];
  const tBI1 = trans[5 * NT + 6], tII1 = trans[6 * NT + 6], tBL1 = trans[5 * NT + 7], tIL1 = trans[6 * NT + 7];
  const tBI2 = trans[9 * NT + 10], tII2 = trans[10 * NT + 10], tBL2 = trans[9 * NT + 11], tIL2 = trans[10 * NT + 11];
  const tBI3 = trans[13 * NT + 14], tII3 = trans[14 * NT + 14], tBL3 = trans[13 * NT + 15], tIL3 = trans[14 * NT + 15];
  let cb = 0;
  for (let i = 1; i < len; i++) {
    const pb = cb, eo = emOff + (cb += NT);
    const d0 = delta[pb], d1 = delta[pb + 3], d2 = delta[pb + 4], d3 = delta[pb + 7], d4 = delta[pb + 8];
    const d5 = delta[pb + 11], d6 = delta[pb + 12], d7 = delta[pb + 15], d8 = delta[pb + 16];
    // Closed predecessors -> O, B-x, U-x. Shortcut (exact): closed predecessor c gives successor a the
    // score d_c + tc[a][c], which lies in [d_c + lo_c, d_c + hi_c]; this holds for the rounded sums too,
    // as a rounded sum is monotone in each operand. Let k be a c with the largest lower bound
    // floor = d_k + lo_k. If every other c has d_c + hi_c < floor, then for every a
    //   d_c + tc[a][c] <= d_c + hi_c < floor = d_k + lo_k <= d_k + tc[a][k],
    // so k is the unique maximum for all nine successors: the full comparison (first maximum, strict >)
    // picks k too, and the scores are the very sums it computes, d_k + tc[a][k]. About 93% of the steps
    // on news text take the shortcut; the others (and NaN bounds) run the full comparison.
    let k = 0, dk = d0, floor = d0 + lo0, v: number;
    v = d1 + lo1; if (v > floor) { floor = v; k = 1; dk = d1; }
    v = d2 + lo2; if (v > floor) { floor = v; k = 2; dk = d2; }
    v = d3 + lo3; if (v > floor) { floor = v; k = 3; dk = d3; }
    v = d4 + lo4; if (v > floor) { floor = v; k = 4; dk = d4; }
    v = d5 + lo5; if (v > floor) { floor = v; k = 5; dk = d5; }
    v = d6 + lo6; if (v > floor) { floor = v; k = 6; dk = d6; }
    v = d7 + lo7; if (v > floor) { floor = v; k = 7; dk = d7; }
    v = d8 + lo8; if (v > floor) { floor = v; k = 8; dk = d8; }
    // k itself reaches the floor (hi_k >= lo_k), so a count of one means no other c does.
    const reach = (d0 + hi0 >= floor ? 1 : 0) + (d1 + hi1 >= floor ? 1 : 0) + (d2 + hi2 >= floor ? 1 : 0)
      + (d3 + hi3 >= floor ? 1 : 0) + (d4 + hi4 >= floor ? 1 : 0) + (d5 + hi5 >= floor ? 1 : 0)
      + (d6 + hi6 >= floor ? 1 : 0) + (d7 + hi7 >= floor ? 1 : 0) + (d8 + hi8 >= floor ? 1 : 0);
    if (reach === 1) {
      // Successors a = 0..8 are tags 0, 1, 4, 5, 8, 9, 12, 13, 16 (OPENERS_AND_O), all from k.
      const arg = (k << 1) | (k & 1); // CLOSED[k]
      delta[cb] = dk + tc[k] + (em[eo] * scale); back[cb] = arg;
      delta[cb + 1] = dk + tc[9 + k] + (em[eo + 1] * scale); back[cb + 1] = arg;
      delta[cb + 4] = dk + tc[18 + k] + (em[eo + 4] * scale); back[cb + 4] = arg;
      delta[cb + 5] = dk + tc[27 + k] + (em[eo + 5] * scale); back[cb + 5] = arg;
      delta[cb + 8] = dk + tc[36 + k] + (em[eo + 8] * scale); back[cb + 8] = arg;
      delta[cb + 9] = dk + tc[45 + k] + (em[eo + 9] * scale); back[cb + 9] = arg;
      delta[cb + 12] = dk + tc[54 + k] + (em[eo + 12] * scale); back[cb + 12] = arg;
      delta[cb + 13] = dk + tc[63 + k] + (em[eo + 13] * scale); back[cb + 13] = arg;
      delta[cb + 16] = dk + tc[72 + k] + (em[eo + 16] * scale); back[cb + 16] = arg;
    } else {
      // The full comparison, predecessors in increasing tag order.
      for (let a = 0; a < 9; a++) {
        const o = a * 9, t = ((a >> 1) << 2) | (a & 1); // OPENERS_AND_O[a], without an array look-up

        let best = d0 + tc[o], arg = 0;
        v = d1 + tc[o + 1]; if (v > best) { best = v; arg = 3; }
        v = d2 + tc[o + 2]; if (v > best) { best = v; arg = 4; }
        v = d3 + tc[o + 3]; if (v > best) { best = v; arg = 7; }
        v = d4 + tc[o + 4]; if (v > best) { best = v; arg = 8; }
        v = d5 + tc[o + 5]; if (v > best) { best = v; arg = 11; }
        v = d6 + tc[o + 6]; if (v > best) { best = v; arg = 12; }
        v = d7 + tc[o + 7]; if (v > best) { best = v; arg = 15; }
        v = d8 + tc[o + 8]; if (v > best) { best = v; arg = 16; }
        delta[cb + t] = best + (em[eo + t] * scale);
        back[cb + t] = arg;
      }
    }
    // B-x or I-x -> I-x and L-x (B wins ties).
    let vB: number, vI: number, dB: number, dI: number;
    dB = delta[pb + 1]; dI = delta[pb + 2];
    vB = dB + tBI0; vI = dI + tII0;
    if (vI > vB) { delta[cb + 2] = vI + em[eo + 2] * scale; back[cb + 2] = 2; } else { delta[cb + 2] = vB + em[eo + 2] * scale; back[cb + 2] = 1; }
    vB = dB + tBL0; vI = dI + tIL0;
    if (vI > vB) { delta[cb + 3] = vI + em[eo + 3] * scale; back[cb + 3] = 2; } else { delta[cb + 3] = vB + em[eo + 3] * scale; back[cb + 3] = 1; }
    dB = delta[pb + 5]; dI = delta[pb + 6];
    vB = dB + tBI1; vI = dI + tII1;
    if (vI > vB) { delta[cb + 6] = vI + em[eo + 6] * scale; back[cb + 6] = 6; } else { delta[cb + 6] = vB + em[eo + 6] * scale; back[cb + 6] = 5; }
    vB = dB + tBL1; vI = dI + tIL1;
    if (vI > vB) { delta[cb + 7] = vI + em[eo + 7] * scale; back[cb + 7] = 6; } else { delta[cb + 7] = vB + em[eo + 7] * scale; back[cb + 7] = 5; }
    dB = delta[pb + 9]; dI = delta[pb + 10];
    vB = dB + tBI2; vI = dI + tII2;
    if (vI > vB) { delta[cb + 10] = vI + em[eo + 10] * scale; back[cb + 10] = 10; } else { delta[cb + 10] = vB + em[eo + 10] * scale; back[cb + 10] = 9; }
    vB = dB + tBL2; vI = dI + tIL2;
    if (vI > vB) { delta[cb + 11] = vI + em[eo + 11] * scale; back[cb + 11] = 10; } else { delta[cb + 11] = vB + em[eo + 11] * scale; back[cb + 11] = 9; }
    dB = delta[pb + 13]; dI = delta[pb + 14];
    vB = dB + tBI3; vI = dI + tII3;
    if (vI > vB) { delta[cb + 14] = vI + em[eo + 14] * scale; back[cb + 14] = 14; } else { delta[cb + 14] = vB + em[eo + 14] * scale; back[cb + 14] = 13; }
    vB = dB + tBL3; vI = dI + tIL3;
    if (vI > vB) { delta[cb + 15] = vI + em[eo + 15] * scale; back[cb + 15] = 14; } else { delta[cb + 15] = vB + em[eo + 15] * scale; back[cb + 15] = 13; }
  }
  // The tags that may end a sentence (O, L, U) are exactly the closed ones; in increasing order.
  let best = NEG, arg = 0;
  for (let c = 0; c < 9; c++) {
    const t = (c << 1) | (c & 1); // CLOSED[c]
    const v = beforeO ? delta[cb + t] + trans[t * NT] : delta[cb + t];
    if (v > best) { best = v; arg = t; }
  }
  out[from + len - 1] = arg;
  for (let i = len - 1; i > 0; i--) out[from + i - 1] = arg = back[i * NT + arg];
}
const TC = new Float64Array(99);
/** Fills tc with the closed -> (O, B, U) transitions that viterbi's inner loop reads, tc[a * 9 + c]
 *  (successor OPENERS_AND_O[a], predecessor CLOSED[c]), then each column c's largest entry at tc[81 + c]
 *  and smallest at tc[90 + c]. */
function closedBlock(trans: Float32Array, tc: Float64Array): Float64Array {
  for (let a = 0; a < 9; a++) for (let c = 0; c < 9; c++) tc[a * 9 + c] = trans[CLOSED[c] * NT + OPENERS_AND_O[a]];
  for (let c = 0; c < 9; c++) {
    let hi = tc[c], lo = tc[c];
    for (let a = 1; a < 9; a++) { hi = Math.max(hi, tc[a * 9 + c]); lo = Math.min(lo, tc[a * 9 + c]); }
    tc[81 + c] = hi; tc[90 + c] = lo;
  }
  return tc;
}
const TC_STRETCH = new Float64Array(99);

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
      decode(q, scale, j - i, trans, out, i, scratch.delta, scratch.back, i * NT, i > seqStart[s], j < end, tc);
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

