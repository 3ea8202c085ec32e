// Feature extraction for the perceptron name tagger. Every feature is a 32-bit hash (template id mixed
// with a value hash) reduced to a bucket index; feature strings are never built. The same code runs at
// training and at inference time, so the model sees identical features in both.
import type { Tokenized } from '../tokenize';
import { COUNTRIES, DEMONYMS, FIRST_NAMES, ORG_NAMES, ORG_WORDS, PERSON_TITLES, PLACES, splitList } from './lists';

export const TYPES = ['PER', 'ORG', 'LOC', 'MISC'] as const;
export type NerType = (typeof TYPES)[number];
/** BILOU tags: 0 = O, then 1 + 4 * type + (0 B, 1 I, 2 L, 3 U). */
export const NT = 17;
export const TAG_NAMES: string[] = ['O'];
for (const t of TYPES) for (const p of ['B', 'I', 'L', 'U']) TAG_NAMES.push(`${p}-${t}`);

// ---------------------------------------------------------------------------------------------------
// Hashing
export function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
export function comb(a: number, b: number): number {
  return fmix((Math.imul(a, 0x9e3779b1) ^ b) + 0x7f4a7c15);
}
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 0x01000193); }
  return fmix(h);
}

/** Maps typographic quotes/dashes to their ASCII forms so modern prose looks like the newswire. */
export function normChar(c: number): number {
  if (c < 128) return c;
  if (c === 0x2019 || c === 0x2018 || c === 0x02bc) return 39;
  if (c === 0x201c || c === 0x201d || c === 0xab || c === 0xbb) return 34;
  if (c === 0x2013 || c === 0x2014) return 45;
  return c;
}
export function lowerChar(c: number): number {
  if (c >= 65 && c <= 90) return c | 32;
  if (c < 128) return c;
  const ch = String.fromCharCode(c);
  return ch.toLowerCase().charCodeAt(0);
}
/** Shape class: X upper, x lower, d digit, other characters stand for themselves. */
export function shapeClass(c: number): number {
  if (c >= 65 && c <= 90) return 88;
  if (c >= 97 && c <= 122) return 120;
  if (c >= 48 && c <= 57) return 100;
  if (c < 128) return c;
  const ch = String.fromCharCode(c);
  const lo = ch.toLowerCase(), up = ch.toUpperCase();
  if (lo !== up) return ch === up ? 88 : 120;
  return c;
}

// ---------------------------------------------------------------------------------------------------
// Gazetteers: token sequences (lower-cased, normalised) -> bitmask of categories.
export const GAZ_CATS = ['PER', 'ORG', 'LOC', 'MISC', 'PLACE', 'DEMONYM', 'FIRSTNAME', 'ORGWORD', 'TITLE', 'ORGNAME'] as const;
export const GAZ_MAX_LEN = 6;
/** Map keys are reduced to 30 bits so that V8 stores them as small integers (no heap numbers). */
export const SMI = 0x3fffffff;

/** Lexical resources shipped in the model: gazetteer entries and word clusters (both hashed). */
export class Gazetteer {
  readonly map = new Map<number, number>();
  /** Lower-case word hash -> 12-bit cluster path (see clusters.ts). */
  readonly clusters = new Map<number, number>();
  add(tokensLower: string[], cat: number): void {
    if (tokensLower.length === 0 || tokensLower.length > GAZ_MAX_LEN) return;
    // Proper prefixes are stored with mask 0 so that matching can stop as soon as no entry continues.
    let h = 0x12345;
    for (let k = 0; k < tokensLower.length; k++) {
      h = comb(h, tokenKey(tokensLower[k]));
      const key = h & SMI;
      if (k === tokensLower.length - 1) this.map.set(key, (this.map.get(key) ?? 0) | (1 << cat));
      else if (!this.map.has(key)) this.map.set(key, 0);
    }
  }
  addHandLists(): void {
    const lists: [string, number][] = [[COUNTRIES, 4], [PLACES, 4], [DEMONYMS, 5], [FIRST_NAMES, 6], [ORG_WORDS, 7], [PERSON_TITLES, 8], [ORG_NAMES, 9]];
    for (const [list, cat] of lists) for (const e of splitList(list)) this.add(e.map(tokenLowerNorm), cat);
  }
}

/** Normalised lower-case form of a token (digits -> 0, typographic quotes -> ASCII). */
export function tokenLowerNorm(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    let c = lowerChar(normChar(s.charCodeAt(i)));
    if (c >= 48 && c <= 57) c = 48;
    out += String.fromCharCode(c);
  }
  return out;
}
/** Hash of the normalised lower-case form, computed without building it. */
function tokenKey(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    let c = lowerChar(normChar(s.charCodeAt(i)));
    if (c >= 48 && c <= 57) c = 48;
    h ^= c; h = Math.imul(h, 0x01000193);
  }
  return fmix(h);
}

// ---------------------------------------------------------------------------------------------------
// Per-document preparation

const F_CAP = 1, F_ALLCAPS = 2, F_LOWER = 4, F_DIGIT = 8, F_SENTSTART = 16, F_CAPSLINE = 32, F_LINESTART = 64, F_LETTER = 128;
/** The token has an upper-case letter anywhere ("iPhone" too): only such tokens and their neighbours are decoded. */
export const F_UPPER = 256;

export interface PreparedDoc {
  n: number;
  /** Sequences to decode: token index pairs [first, last). */
  seqStart: Int32Array;
  seqEnd: Int32Array;
  wordH: Uint32Array;
  lowerH: Uint32Array;
  shapeH: Uint32Array;
  sshapeH: Uint32Array;
  pre: Uint32Array; // n * 4
  suf: Uint32Array; // n * 4
  flags: Uint16Array;
  docBits: Uint8Array;
  gaz: Uint8Array; // n * GAZ_CATS.length codes: 0 none, 1 B, 2 I, 3 L, 4 U
  sent: Int32Array; // sentence index per token
  clus: Int32Array; // cluster path per token, -1 if unknown
  /** Capitalised run (e.g. "Center for Strategic and International Studies") containing the token: [runStart, runEnd), -1 if none. */
  runStart: Int32Array;
  runEnd: Int32Array;
  useClusters: boolean;
}

const CONNECTORS = new Set(['of', 'for', 'and', 'de', 'la', 'le', 'du', 'van', 'von', 'der', 'del', 'y', '&']);

const NCAT = GAZ_CATS.length;
const BOS = 0x5eed1, EOS = 0x5eed2;

export function prepareDoc(doc: Tokenized, gaz: Gazetteer | null): PreparedDoc {
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
    if (upper > 0) f |= F_UPPER;
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

export interface FeatureSet {
  feats: Int32Array;
  offs: Int32Array;
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
export function extractFeatures(p: PreparedDoc, bits: number): FeatureSet {
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
export function extractStage2Features(p: PreparedDoc, tags1: Int8Array, bits: number): FeatureSet {
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
