// The emission phases of fast inference: integer sums of the pass-1 and pass-2 weights of every decoded
// token's features, exactly the features of features.ts (extractFeatures, extractStage2Features).
//
// Each phase is its own function over the document buffers: TurboFan inlines small helpers (comb,
// featureOffset, add12) only up to a byte-code budget per optimised function, and in one large function
// most calls in the hot loops would stay calls. For the same reason each phase calls featureOffset and comb
// from few places, in loops over templates.
import { F_ALLCAPS, F_CAP, F_CAPSLINE, F_LINESTART, F_SENTSTART, GAZ_CATS, MEMORY_COUNTS, NT, comb, memoryClass, runShape } from './features';
import { featureOffset } from './decode';
import { BOS, EOS, Template as T } from './templates';
import { MEM_BEST_TAG, MEM_TAG_SEEN, MEM_TYPE_SEEN, MEM_UNANIMOUS, SMALL_GAZ, SMALL_GAZ_NEXT, SMALL_GAZ_PREV, TAGS_NEXT, type ModelTables } from './tables';
import { BL, IX, MASK, NT12, add2, addRow, addRow12, addRow12At, subRow12At } from './weights';
import { VEC, V_M1, V_M2, V_OWN, V_P1, V_P2, type WordTypes } from './wordTypes';
import type { DocBuffers } from './document';

const NCAT: number = GAZ_CATS.length;

/** The six word/shape-pair templates, and their two hashed parts per token. */
const PAIR_TEMPLATES = new Int32Array([
  T.LowerPrevAndLower, T.LowerAndLowerNext, T.ShapeTrigram, T.LowerPrevAndShape, T.ShapeAndLowerNext, T.LowerPrev2AndLowerPrev,
]);
const PA = new Int32Array(6), PB = new Int32Array(6);

/** The blob offsets of the pair templates of every candidate (DocBuffers.pairRows), all looked up before
 *  any weight is added (emissionSums), so that the cache misses of different tokens overlap. */
export function pairRows(buf: DocBuffers, words: WordTypes, n: number): void {
  const { cand, sent, tid } = buf;
  const lowerH = words.lowerH, sshapeH = words.sshapeH;
  const ix = IX, bl = BL, mask = MASK, rows6 = buf.pairRows, pa = PA, pb = PB, t6 = PAIR_TEMPLATES;
  for (let i = 0; i < n; i++) {
    if (!cand[i]) continue;
    const s = sent[i];
    const hasPrev = i > 0 && sent[i - 1] === s, hasNext = i + 1 < n && sent[i + 1] === s;
    const hasPrev2 = hasPrev && i > 1 && sent[i - 2] === s;
    const lw = lowerH[tid[i]], ss = sshapeH[tid[i]];
    const lm1 = hasPrev ? lowerH[tid[i - 1]] : BOS, lm2 = hasPrev2 ? lowerH[tid[i - 2]] : BOS;
    const lp1 = hasNext ? lowerH[tid[i + 1]] : EOS;
    const sm1 = hasPrev ? sshapeH[tid[i - 1]] : BOS, sp1 = hasNext ? sshapeH[tid[i + 1]] : EOS;
    // In PAIR_TEMPLATES order: comb(lm1, lw), comb(lw, lp1), comb(comb(sm1, ss), sp1), comb(lm1, ss),
    // comb(ss, lp1), comb(lm2, lm1).
    pa[0] = lm1; pb[0] = lw; pa[1] = lw; pb[1] = lp1; pa[2] = comb(sm1, ss); pb[2] = sp1;
    pa[3] = lm1; pb[3] = ss; pa[4] = ss; pb[4] = lp1; pa[5] = lm2; pb[5] = lm1;
    const o = i * 6;
    for (let k = 0; k < 6; k++) rows6[o + k] = featureOffset(ix, bl, comb(t6[k], comb(pa[k], pb[k])) & mask);
  }
}

/** The emissions of every candidate from what needs no probe per token: the cached type vectors of the
 *  token and its neighbours, the pair rows found by pairRows, and the tabulated templates (DocBits,
 *  RunShape, gazetteer codes). Fully overwrites the candidates' rows of em1 / em2. */
export function emissionSums(buf: DocBuffers, tables: ModelTables, words: WordTypes, n: number): void {
  const { cand, flags, sent, tid, docBits, runStart, runEnd, gz, gzAny, em1, em2 } = buf;
  const vec = words.vec, wordRow = words.wordRow, tDocBits = tables.docBits, small = tables.small, rows6 = buf.pairRows;
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
    const om1 = tm1 * VEC + V_M1 * NT12, om2 = tm2 * VEC + V_M2 * NT12;
    const op1 = tp1 * VEC + V_P1 * NT12, op2 = tp2 * VEC + V_P2 * NT12;
    const o0 = t0 * VEC + V_OWN * NT12;
    for (let t = 0; t < NT; t++) em1[base + t] = vec[o0 + t] + vec[om1 + t] + vec[om2 + t] + vec[op1 + t] + vec[op2 + t];
    for (let t = NT; t < NT12; t++) em2[base + t - NT] = vec[o0 + t] + vec[om1 + t] + vec[om2 + t] + vec[op1 + t] + vec[op2 + t];
    if ((f & F_CAPSLINE) && wordRow[t0] >= 0) subRow12At(wordRow[t0], em1, base, em2, base);
    for (let k = i * 6, ke = k + 6; k < ke; k++) { const r = rows6[k]; if (r >= 0) addRow12At(r, em1, base, em2, base); }
    const db = docBits[i];
    if (db) {
      const odb = db * NT12;
      for (let t = 0; t < NT; t++) { em1[base + t] += tDocBits[odb + t]; em2[base + t] += tDocBits[odb + NT + t]; }
    }
    const rs = runStart[i];
    if (rs >= 0) addRow12(small, runShape(i, rs, runEnd[i]), em1, em2, base);
    if (gzAny[i] || (hasPrev && gzAny[i - 1]) || (hasNext && gzAny[i + 1])) {
      for (let c = 0; c < NCAT; c++) {
        const g = gz[i * NCAT + c];
        if (g) addRow12(small, SMALL_GAZ + c * 20 + g * 4 + (f & 3), em1, em2, base);
        if (hasPrev) { const gp = gz[(i - 1) * NCAT + c]; if (gp) addRow12(small, SMALL_GAZ_PREV + c * 5 + gp, em1, em2, base); }
        if (hasNext) { const gn = gz[(i + 1) * NCAT + c]; if (gn) addRow12(small, SMALL_GAZ_NEXT + c * 5 + gn, em1, em2, base); }
      }
    }
  }
}

/** Per-token feature hashes of the probed templates (PROBE_TOK / PROBE_H), then their rows added. */
let PROBE_TOK = new Int32Array(0), PROBE_H = new Int32Array(0);

/** Adds the templates looked up per token: sentence start, ALL-CAPS line, line start, DocBitsAndShape and
 *  the run's first and last words. The hashes are listed first, then looked up and added from one place. */
export function probedFeatures(buf: DocBuffers, words: WordTypes, n: number): void {
  const { cand, flags, tid, docBits, runStart, runEnd } = buf;
  const lowerH = words.lowerH, sshapeH = words.sshapeH;
  if (PROBE_TOK.length < n * 8) { PROBE_TOK = new Int32Array(n * 8); PROBE_H = new Int32Array(n * 8); }
  const pt = PROBE_TOK, ph = PROBE_H;
  let np = 0;
  for (let i = 0; i < n; i++) {
    if (!cand[i]) continue;
    const f = flags[i];
    const lw = lowerH[tid[i]], ss = sshapeH[tid[i]];
    if (f & F_SENTSTART) { pt[np] = i; ph[np++] = comb(T.SentenceStartShape, ss); pt[np] = i; ph[np++] = comb(T.SentenceStartLower, lw); }
    if (f & F_CAPSLINE) { pt[np] = i; ph[np++] = comb(T.CapsLineLower, lw); pt[np] = i; ph[np++] = comb(T.CapsLineDocBits, comb(docBits[i], 1)); }
    if (f & F_LINESTART) { pt[np] = i; ph[np++] = comb(T.LineStartShape, ss); }
    const db = docBits[i];
    if (db) { pt[np] = i; ph[np++] = comb(T.DocBitsAndShape, comb(db, ss | (f & (F_SENTSTART | F_CAPSLINE)))); }
    const rs = runStart[i];
    if (rs >= 0) {
      const re = runEnd[i];
      if (re - rs > 1) {
        pt[np] = i; ph[np++] = comb(T.RunLastWord, lowerH[tid[re - 1]]);
        pt[np] = i; ph[np++] = comb(T.RunFirstWordAndRunShape, comb(lowerH[tid[rs]], runShape(i, rs, re)));
      }
    }
  }
  const ix = IX, bl = BL, mask = MASK, em1 = buf.em1, em2 = buf.em2;
  for (let k = 0; k < np; k++) {
    const o = featureOffset(ix, bl, ph[k] & mask);
    if (o >= 0) { const base = pt[k] * NT; addRow12At(o, em1, base, em2, base); }
  }
}

/** Adds the stage-2 features to em2: first-pass tags around the token and document memory (see
 *  extractStage2Features). */
export function stage2Emissions(buf: DocBuffers, tables: ModelTables, words: WordTypes, tags1: Int8Array, n: number): void {
  const { cand, flags, sent, tid, own, ownPos, em2 } = buf;
  const lowerId = words.lowerId, sshapeH = words.sshapeH;
  const counts = words.counts;
  for (let i = 0; i < n; i++) {
    own[i] = -1; ownPos[i] = -1;
    const t = tags1[i];
    const k = memoryClass(flags[i], t);
    if (k < 0) continue;
    own[i] = k;
    const cb = lowerId[tid[i]] * MEMORY_COUNTS;
    counts[cb + k]++;
    if (t > 0) { ownPos[i] = 5 + (t - 1); counts[cb + 5 + (t - 1)]++; }
  }
  const tagRows = tables.tags, mem = tables.memory;
  for (let i = 0; i < n; i++) {
    if (!cand[i]) continue;
    const s = sent[i];
    const t = tags1[i];
    const tp = i > 0 && sent[i - 1] === s ? tags1[i - 1] : NT;
    const tn = i + 1 < n && sent[i + 1] === s ? tags1[i + 1] : NT;
    const base = i * NT;
    const ot = (tp * NT + t) * NT, onext = (TAGS_NEXT + tn) * NT;
    for (let x = 0; x < NT; x++) em2[base + x] += tagRows[ot + x] + tagRows[onext + x];
    if (!(flags[i] & (F_CAP | F_ALLCAPS))) continue;
    const cb = lowerId[tid[i]] * MEMORY_COUNTS;
    let best = -1, bestN = 0, total = 0;
    const ow = own[i];
    for (let k = 0; k < 5; k++) {
      const v = counts[cb + k] - (ow === k ? 1 : 0);
      total += v;
      if (v > bestN) { bestN = v; best = k; }
    }
    if (best < 0) continue;
    add2(comb(T.MemoryBestAndShape, comb(best, sshapeH[tid[i]])), em2, base);
    addRow(mem, MEM_BEST_TAG + best * NT + t, em2, base);
    if (bestN === total) addRow(mem, MEM_UNANIMOUS + best, em2, base);
    for (let k = 0; k < 4; k++) {
      const v = counts[cb + k] - (ow === k ? 1 : 0);
      if (v > 0) addRow(mem, MEM_TYPE_SEEN + k, em2, base);
    }
    const op = ownPos[i];
    for (let k = 5; k < MEMORY_COUNTS; k++) {
      const v = counts[cb + k] - (op === k ? 1 : 0);
      if (v > 0) addRow(mem, MEM_TAG_SEEN + k - 5, em2, base);
    }
  }
  // Only tokens that were counted (own[i] >= 0) touched their word's counters.
  for (let i = 0; i < n; i++) if (own[i] >= 0) { const cb = lowerId[tid[i]] * MEMORY_COUNTS; for (let k = 0; k < MEMORY_COUNTS; k++) counts[cb + k] = 0; }
}
