// FROZEN reference copy of the original (pre-optimisation) inference path of the perceptron name tagger.
// Used only by test/unit/ner.speed-equivalence.test.ts and scripts/ner-speed.ts to prove that the
// optimised tagTokenized (src/engine/ner/infer.ts) produces identical tags; it is never bundled. Do not optimise or otherwise change this file.
import type { Tokenized } from '../../src/engine/tokenize';
import { comb, fmix, GAZ_CATS, GAZ_MAX_LEN, SMI, NT as NUM_TAGS, type Gazetteer, type FeatureSet, type PreparedDoc } from '../../src/engine/ner/features';
import { ALLOWED, ALLOWED_END } from '../../src/engine/ner/decode';
import type { NerModel } from '../../src/engine/ner/model';

const NT: number = NUM_TAGS;

/** Maps typographic quotes/dashes to their ASCII forms so modern prose looks like the newswire. */
function normChar(c: number): number {
  if (c < 128) return c;
  if (c === 0x2019 || c === 0x2018 || c === 0x02bc) return 39;
  if (c === 0x201c || c === 0x201d || c === 0xab || c === 0xbb) return 34;
  if (c === 0x2013 || c === 0x2014) return 45;
  return c;
}
function lowerChar(c: number): number {
  if (c >= 65 && c <= 90) return c | 32;
  if (c < 128) return c;
  const ch = String.fromCharCode(c);
  return ch.toLowerCase().charCodeAt(0);
}
/** Shape class: X upper, x lower, d digit, other characters stand for themselves. */
function shapeClass(c: number): number {
  if (c >= 65 && c <= 90) return 88;
  if (c >= 97 && c <= 122) return 120;
  if (c >= 48 && c <= 57) return 100;
  if (c < 128) return c;
  const ch = String.fromCharCode(c);
  const lo = ch.toLowerCase(), up = ch.toUpperCase();
  if (lo !== up) return ch === up ? 88 : 120;
  return c;
}

const F_CAP = 1, F_ALLCAPS = 2, F_LOWER = 4, F_DIGIT = 8, F_SENTSTART = 16, F_CAPSLINE = 32, F_LINESTART = 64, F_LETTER = 128;


const CONNECTORS = new Set(['of', 'for', 'and', 'de', 'la', 'le', 'du', 'van', 'von', 'der', 'del', 'y', '&']);

const NCAT = GAZ_CATS.length;
const BOS = 0x5eed1, EOS = 0x5eed2;

function prepareDoc(doc: Tokenized, gaz: Gazetteer | null): PreparedDoc {
  const toks = doc.tokens;
  const n = toks.length;
  const wordH = new Uint32Array(n), lowerH = new Uint32Array(n), shapeH = new Uint32Array(n), sshapeH = new Uint32Array(n);
  const pre = new Uint32Array(n * 4), suf = new Uint32Array(n * 4);
  const flags = new Uint16Array(n);
  const sent = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const s = toks[i].text;
    const len = s.length;
    let hw = 0x811c9dc5, hl = 0x811c9dc5, hs = 0x811c9dc5, hss = 0x811c9dc5;
    let last = -1, f = 0, upper = 0, lower = 0;
    for (let k = 0; k < len; k++) {
      const c = normChar(s.charCodeAt(k));
      hw ^= c; hw = Math.imul(hw, 0x01000193);
      let lc = lowerChar(c);
      if (lc >= 48 && lc <= 57) { lc = 48; f |= F_DIGIT; }
      hl ^= lc; hl = Math.imul(hl, 0x01000193);
      if (k < 4) pre[i * 4 + k] = fmix(hl);
      const sc = shapeClass(c);
      if (sc === 88) upper++; else if (sc === 120) lower++;
      if (k < 4 || sc !== last) { hs ^= sc; hs = Math.imul(hs, 0x01000193); }
      if (sc !== last) { hss ^= sc; hss = Math.imul(hss, 0x01000193); }
      last = sc;
    }
    for (let k = len; k < 4; k++) pre[i * 4 + k] = 0x7e7e7e7e;
    let hx = 0x811c9dc5;
    for (let k = 0; k < 4; k++) {
      const p = len - 1 - k;
      if (p >= 0) {
        let lc = lowerChar(normChar(s.charCodeAt(p)));
        if (lc >= 48 && lc <= 57) lc = 48;
        hx ^= lc; hx = Math.imul(hx, 0x01000193);
        suf[i * 4 + k] = fmix(hx);
      } else suf[i * 4 + k] = 0x7f7f7f7f;
    }
    if (upper > 0 || lower > 0) f |= F_LETTER;
    if (upper > 0 && shapeClass(normChar(s.charCodeAt(0))) === 88) f |= F_CAP;
    if (upper > 0 && lower === 0) f |= F_ALLCAPS;
    if (lower > 0) f |= F_LOWER;
    if (toks[i].lineStart) f |= F_LINESTART;
    flags[i] = f;
    wordH[i] = fmix(hw); lowerH[i] = fmix(hl); shapeH[i] = fmix(hs); sshapeH[i] = fmix(hss);
    sent[i] = toks[i].sentence;
  }
  // Sentence starts (first word after opening punctuation) and ALL-CAPS lines.
  const seqStart = new Int32Array(doc.sentences.length), seqEnd = new Int32Array(doc.sentences.length);
  for (let s = 0; s < doc.sentences.length; s++) {
    const se = doc.sentences[s];
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
  // Document bits per lower-cased form: seen all lower-case / seen capitalised mid-sentence in running text.
  const seen = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const f = flags[i];
    if (!(f & F_LETTER)) continue;
    let b = 0;
    if (!(f & F_CAP) && (f & F_LOWER)) b |= 1;
    else if ((f & F_CAP) && !(f & F_SENTSTART) && !(f & F_CAPSLINE)) b |= (f & F_ALLCAPS) ? 4 : 2;
    if (b) { const k = lowerH[i] & SMI; seen.set(k, (seen.get(k) ?? 0) | b); }
  }
  const docBits = new Uint8Array(n);
  for (let i = 0; i < n; i++) if (flags[i] & F_LETTER) docBits[i] = (seen.get(lowerH[i] & SMI) ?? 0) | 8;
  // Gazetteer matches, longest first.
  const gz = new Uint8Array(n * NCAT);
  if (gaz && gaz.map.size) {
    const keys = lowerH; // the same hash as tokenKey(text)
    const ms = new Int32Array(GAZ_MAX_LEN);
    for (let i = 0; i < n; i++) {
      let h = 0x12345, nh = 0;
      for (let L = 1; L <= GAZ_MAX_LEN && i + L <= n; L++) {
        if (L > 1 && sent[i + L - 1] !== sent[i]) break;
        h = comb(h, keys[i + L - 1]);
        const m = gaz.map.get(h & SMI);
        if (m === undefined) break;
        ms[nh++] = m;
      }
      for (let L = nh; L >= 1; L--) {
        const m = ms[L - 1];
        if (!m) continue;
        for (let c = 0; c < NCAT; c++) {
          if (!(m & (1 << c)) || gz[i * NCAT + c]) continue;
          if (L === 1) gz[i * NCAT + c] = 4;
          else {
            gz[i * NCAT + c] = 1;
            for (let k = 1; k < L - 1; k++) if (!gz[(i + k) * NCAT + c]) gz[(i + k) * NCAT + c] = 2;
            if (!gz[(i + L - 1) * NCAT + c]) gz[(i + L - 1) * NCAT + c] = 3;
          }
        }
      }
    }
  }
  const clus = new Int32Array(n).fill(-1);
  if (gaz && gaz.clusters.size) for (let i = 0; i < n; i++) clus[i] = gaz.clusters.get(lowerH[i] & SMI) ?? -1;
  // Capitalised runs in running text, bridging lower-case connectors between capitalised words.
  const runStart = new Int32Array(n).fill(-1), runEnd = new Int32Array(n).fill(-1);
  for (let i = 0; i < n;) {
    const f = flags[i];
    if (!(f & F_CAP) || (f & F_CAPSLINE)) { i++; continue; }
    let j = i + 1;
    for (;;) {
      if (j < n && sent[j] === sent[i] && (flags[j] & F_CAP) && !(flags[j] & F_CAPSLINE)) { j++; continue; }
      if (j + 1 < n && sent[j + 1] === sent[i] && CONNECTORS.has(toks[j].text) && (flags[j + 1] & F_CAP)) { j += 2; continue; }
      break;
    }
    for (let k = i; k < j; k++) { runStart[k] = i; runEnd[k] = j; }
    i = j;
  }
  return { n, seqStart, seqEnd, wordH, lowerH, shapeH, sshapeH, pre, suf, flags, docBits, gaz: gz, sent, clus, runStart, runEnd, useClusters: !!gaz && gaz.clusters.size > 0 };
}


class Emitter {
  feats: Int32Array;
  len = 0;
  constructor(cap: number, readonly mask: number) { this.feats = new Int32Array(Math.max(16, cap)); }
  push(h: number): void {
    if (this.len === this.feats.length) {
      const f = new Int32Array(this.feats.length * 2); f.set(this.feats); this.feats = f;
    }
    this.feats[this.len++] = h & this.mask;
  }
}

/** Stage-1 (local + document, label-free) features. */
function extractFeatures(p: PreparedDoc, bits: number): FeatureSet {
  const n = p.n;
  const e = new Emitter(n * 56, (1 << bits) - 1);
  const offs = new Int32Array(n + 1);
  const { wordH, lowerH, shapeH, sshapeH, pre, suf, flags, docBits, gaz, sent, clus, runStart, runEnd } = p;
  const useClusters = p.useClusters;
  for (let i = 0; i < n; i++) {
    offs[i] = e.len;
    const f = flags[i];
    const s = sent[i];
    const hasPrev = i > 0 && sent[i - 1] === s, hasNext = i + 1 < n && sent[i + 1] === s;
    const hasPrev2 = hasPrev && i > 1 && sent[i - 2] === s, hasNext2 = hasNext && i + 2 < n && sent[i + 2] === s;
    const lw = lowerH[i];
    const lm1 = hasPrev ? lowerH[i - 1] : BOS, lm2 = hasPrev2 ? lowerH[i - 2] : BOS;
    const lp1 = hasNext ? lowerH[i + 1] : EOS, lp2 = hasNext2 ? lowerH[i + 2] : EOS;
    const ss = sshapeH[i];
    const sm1 = hasPrev ? sshapeH[i - 1] : BOS, sm2 = hasPrev2 ? sshapeH[i - 2] : BOS;
    const sp1 = hasNext ? sshapeH[i + 1] : EOS, sp2 = hasNext2 ? sshapeH[i + 2] : EOS;
    const capsLine = (f & F_CAPSLINE) !== 0;
    e.push(comb(1, 0));
    if (!capsLine) e.push(comb(2, wordH[i]));
    e.push(comb(3, lw));
    e.push(comb(4, lm2)); e.push(comb(5, lm1)); e.push(comb(6, lp1)); e.push(comb(7, lp2));
    e.push(comb(10, shapeH[i])); e.push(comb(11, ss));
    e.push(comb(12, sm2)); e.push(comb(13, sm1)); e.push(comb(14, sp1)); e.push(comb(15, sp2));
    for (let k = 0; k < 4; k++) { e.push(comb(20 + k, pre[i * 4 + k])); e.push(comb(24 + k, suf[i * 4 + k])); }
    e.push(comb(30, comb(lm1, lw))); e.push(comb(31, comb(lw, lp1)));
    e.push(comb(32, comb(comb(sm1, ss), sp1)));
    e.push(comb(33, comb(lm1, ss))); e.push(comb(34, comb(ss, lp1)));
    e.push(comb(35, comb(lm2, lm1)));
    if (f & F_SENTSTART) { e.push(comb(36, ss)); e.push(comb(37, lw)); }
    if (capsLine) { e.push(comb(38, lw)); e.push(comb(39, comb(docBits[i], 1))); }
    if (f & F_LINESTART) e.push(comb(40, ss));
    const db = docBits[i];
    if (db) { e.push(comb(41, db)); e.push(comb(42, comb(db, ss | (f & (F_SENTSTART | F_CAPSLINE))))); }
    const rs = runStart[i];
    if (rs >= 0) {
      const len = runEnd[i] - rs, pos = i - rs;
      const shape = (len > 5 ? 5 : len) * 8 + (pos > 3 ? 3 : pos) + (i === runEnd[i] - 1 ? 4 : 0);
      e.push(comb(44, shape));
      if (len > 1) {
        e.push(comb(45, lowerH[runEnd[i] - 1])); e.push(comb(46, comb(lowerH[rs], shape)));
      }
    }
    const c0 = clus[i];
    if (useClusters && c0 >= 0) {
      e.push(comb(90, c0 >> 8)); e.push(comb(91, c0 >> 4)); e.push(comb(92, c0));
      e.push(comb(93, comb(c0 >> 4, f & 3)));
    } else if (useClusters) e.push(comb(94, f & 3));
    if (useClusters) {
      const cm1 = hasPrev ? clus[i - 1] : -2, cp1 = hasNext ? clus[i + 1] : -2;
      e.push(comb(95, cm1 < 0 ? cm1 : cm1 >> 4)); e.push(comb(96, cm1));
      e.push(comb(97, cp1 < 0 ? cp1 : cp1 >> 4)); e.push(comb(98, cp1));
    }
    for (let c = 0; c < NCAT; c++) {
      const g = gaz[i * NCAT + c];
      if (g) { e.push(comb(50 + c, g)); e.push(comb(60 + c, g * 4 + (f & 3))); }
      if (hasPrev) { const gp = gaz[(i - 1) * NCAT + c]; if (gp) e.push(comb(70 + c, gp)); }
      if (hasNext) { const gn = gaz[(i + 1) * NCAT + c]; if (gn) e.push(comb(80 + c, gn)); }
    }
  }
  offs[n] = e.len;
  return { feats: e.feats.subarray(0, e.len), offs };
}

/**
 * Stage-2 features from a first-pass tagging of the same document: the first-pass tags around the token
 * and "document memory" — how other occurrences of the same word were tagged elsewhere in the article.
 */
function extractStage2Features(p: PreparedDoc, tags1: Int8Array, bits: number): FeatureSet {
  const n = p.n;
  const e = new Emitter(n * 8, (1 << bits) - 1);
  const offs = new Int32Array(n + 1);
  const { lowerH, sshapeH, flags, sent } = p;
  // counts[type 0..3, 4 = O (capitalised, running text)] per word, then counts[5 + 4 * type + BILU position].
  const counts = new Map<number, Int32Array>();
  const own = new Int8Array(n).fill(-1);
  const ownPos = new Int8Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const f = flags[i];
    if (!(f & F_LETTER) || !(f & (F_CAP | F_ALLCAPS))) continue;
    const t = tags1[i];
    let k = -1;
    if (t > 0) k = (t - 1) >> 2;
    else if (!(f & F_SENTSTART) && !(f & F_CAPSLINE)) k = 4;
    if (k < 0) continue;
    own[i] = k;
    let c = counts.get(lowerH[i] & SMI);
    if (!c) { c = new Int32Array(21); counts.set(lowerH[i] & SMI, c); }
    c[k]++;
    if (t > 0) { ownPos[i] = 5 + (t - 1); c[5 + (t - 1)]++; }
  }
  for (let i = 0; i < n; i++) {
    offs[i] = e.len;
    const s = sent[i];
    const t = tags1[i];
    const tp = i > 0 && sent[i - 1] === s ? tags1[i - 1] : NT;
    const tn = i + 1 < n && sent[i + 1] === s ? tags1[i + 1] : NT;
    e.push(comb(100, t)); e.push(comb(101, tp)); e.push(comb(102, tn)); e.push(comb(103, comb(tp, t)));
    const c = counts.get(lowerH[i] & SMI);
    if (!c || !(flags[i] & (F_CAP | F_ALLCAPS))) continue;
    let best = -1, bestN = 0, total = 0;
    for (let k = 0; k < 5; k++) {
      const v = c[k] - (own[i] === k ? 1 : 0);
      total += v;
      if (v > bestN) { bestN = v; best = k; }
    }
    if (best < 0) continue;
    e.push(comb(110, best));
    e.push(comb(111, comb(best, sshapeH[i])));
    e.push(comb(112, comb(best, t)));
    if (bestN === total) e.push(comb(113, best));
    for (let k = 0; k < 4; k++) {
      const v = c[k] - (own[i] === k ? 1 : 0);
      if (v > 0) e.push(comb(114, k));
    }
    for (let k = 5; k < 21; k++) {
      const v = c[k] - (ownPos[i] === k ? 1 : 0);
      if (v > 0) e.push(comb(115, k));
    }
  }
  offs[n] = e.len;
  return { feats: e.feats.subarray(0, e.len), offs };
}

// Tag layout: O = 0; type x: B = 1 + 4x, I = 2 + 4x, L = 3 + 4x, U = 4 + 4x. "Closed" tags (O, L, U)
// may precede O, B and U; B and I of a type may precede I and L of the same type.
const CLOSED = [0, 3, 4, 7, 8, 11, 12, 15, 16];
const OPENERS_AND_O = [0, 1, 4, 5, 8, 9, 12, 13, 16];

/** Viterbi over one sequence with BILOU constraints (unrolled for the 17-tag layout); writes out[from..). */
function viterbi(em: Float64Array, len: number, trans: Float32Array, out: Int8Array, from: number,
  delta: Float64Array, back: Int8Array, emOff = 0): void {
  if (len === 0) return;
  const NEG = -1e30;
  // Closed -> (O, B, U) transition block, 9 x 9.
  const tc = TC;
  for (let a = 0; a < 9; a++) for (let c = 0; c < 9; c++) tc[a * 9 + c] = trans[CLOSED[c] * NT + OPENERS_AND_O[a]];
  for (let t = 0; t < NT; t++) delta[t] = ALLOWED[NT * NT + t] ? em[emOff + t] + trans[NT * NT + t] : NEG;
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
  for (let t = 0; t < NT; t++) if (ALLOWED_END[t] && delta[lb + t] > best) { best = delta[lb + t]; arg = t; }
  for (let i = len - 1; i >= 0; i--) {
    out[from + i] = arg;
    if (i > 0) arg = back[i * NT + arg];
  }
}
const TC = new Float64Array(81);
if (NT !== 17) throw new Error('viterbi is unrolled for 17 BILOU tags');


export function tagTokenizedReference(model: NerModel, doc: Tokenized): { tags1: Int8Array; tags: Int8Array } {
  const p = prepareDoc(doc, model.gaz);
  const n = p.n;
  const fs = extractFeatures(p, model.bits);
  const scratch = { delta: new Float64Array(0), back: new Int8Array(0), ensure(len: number) { if (this.delta.length < len * NT) { this.delta = new Float64Array(len * NT); this.back = new Int8Array(len * NT); } } };
  const em1 = new Float64Array(n * NT), em2 = new Float64Array(n * NT);
  const { table, slotMask, dense, tags: tg, vals } = model;
  // Pass-1 and pass-2 emissions of the shared features in one sweep.
  {
    const { feats, offs } = fs;
    for (let i = 0; i < n; i++) {
      const base = i * NT;
      for (let j = offs[i], e = offs[i + 1]; j < e; j++) {
        const b = feats[j] + 1;
        let slot = feats[j] & slotMask, key: number;
        while ((key = table[slot * 3]) !== b && key !== 0) slot = (slot + 1) & slotMask;
        if (key === 0) continue;
        const v1 = table[slot * 3 + 1], v2 = table[slot * 3 + 2];
        let o = v1 >>> 6;
        if (v1 & 32) { for (let t = 0; t < NT; t++) em1[base + t] += dense[o + t]; } else {
          for (const oe = o + (v1 & 31); o < oe; o++) em1[base + tg[o]] += vals[o];
        }
        o = v2 >>> 6;
        if (v2 & 32) { for (let t = 0; t < NT; t++) em2[base + t] += dense[o + t]; } else {
          for (const oe = o + (v2 & 31); o < oe; o++) em2[base + tg[o]] += vals[o];
        }
      }
    }
  }
  const tags1 = new Int8Array(n);
  for (let s = 0; s < p.seqStart.length; s++) {
    const from = p.seqStart[s], len = p.seqEnd[s] - from;
    if (len <= 0) continue;
    scratch.ensure(len);
    viterbi(em1, len, model.trans1, tags1, from, scratch.delta, scratch.back, from * NT);
  }
  const fs2 = extractStage2Features(p, tags1, model.bits);
  {
    const { feats, offs } = fs2;
    for (let i = 0; i < n; i++) {
      const base = i * NT;
      for (let j = offs[i], e = offs[i + 1]; j < e; j++) {
        const b = feats[j] + 1;
        let slot = feats[j] & slotMask, key: number;
        while ((key = table[slot * 3]) !== b && key !== 0) slot = (slot + 1) & slotMask;
        if (key === 0) continue;
        const v2 = table[slot * 3 + 2];
        let o = v2 >>> 6;
        if (v2 & 32) { for (let t = 0; t < NT; t++) em2[base + t] += dense[o + t]; } else {
          for (const oe = o + (v2 & 31); o < oe; o++) em2[base + tg[o]] += vals[o];
        }
      }
    }
  }
  const tags = new Int8Array(n);
  for (let s = 0; s < p.seqStart.length; s++) {
    const from = p.seqStart[s], len = p.seqEnd[s] - from;
    if (len <= 0) continue;
    scratch.ensure(len);
    viterbi(em2, len, model.trans2, tags, from, scratch.delta, scratch.back, from * NT);
  }
  return { tags1, tags };
}

