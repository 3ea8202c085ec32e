// Features of the perceptron name tagger. Every feature is a 32-bit hash (template id, see templates.ts,
// mixed with a value hash) reduced to a bucket index; feature strings are never built. This file defines
// them once: the hashing, the token flags and the document passes here are used by the training-time
// extractors below (prepareDoc, extractFeatures, extractStage2Features) and by fast inference (infer.ts),
// which sums the same features' weights with caches; an equivalence test compares the two.
import type { Sentence, Token, Tokenized } from '../tokenize';
import { BOS, EOS, Template as T } from './templates';
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
    let h = GAZ_SEED;
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
// Token flags and the document passes shared by training (prepareDoc) and inference (infer.ts)

export const F_CAP = 1, F_ALLCAPS = 2, F_LOWER = 4, F_DIGIT = 8, F_SENTSTART = 16, F_CAPSLINE = 32, F_LINESTART = 64, F_LETTER = 128;
/** The token is a lower-case connector that may bridge a capitalised run ("Bank of England"). */
export const F_CONNECTOR = 256;
/** The token has an upper-case letter anywhere ("iPhone" too): only such tokens and their neighbours are decoded. */
export const F_UPPER = 512;
/** The flags that depend on a token's text alone (hashWord). */
export const TEXT_FLAGS = F_CAP | F_ALLCAPS | F_LOWER | F_DIGIT | F_LETTER | F_CONNECTOR | F_UPPER;

const CONNECTORS = new Set(['of', 'for', 'and', 'de', 'la', 'le', 'du', 'van', 'von', 'der', 'del', 'y', '&']);
/** The hash a gazetteer entry starts from, before its first token. */
export const GAZ_SEED = 0x12345;
const NO_PREFIX = 0x7e7e7e7e, NO_SUFFIX = 0x7f7f7f7f;

/** What the features need from one token's text alone (see hashWord). */
export class WordHashes {
  word = 0;
  lower = 0;
  /** Full shape: the first four character classes, then runs collapsed. */
  shape = 0;
  /** Short shape: runs of one character class collapsed. */
  shortShape = 0;
  /** TEXT_FLAGS bits. */
  flags = 0;
  /** Hashes of the lower-case prefixes and suffixes of 1..4 characters. */
  readonly pre = new Uint32Array(4);
  readonly suf = new Uint32Array(4);
}

/** Hashes a token's text into `out` (digits count as 0, typographic quotes as ASCII). */
export function hashWord(s: string, out: WordHashes): void {
  const len = s.length;
  const pre = out.pre, suf = out.suf;
  let hw = 0x811c9dc5, hl = 0x811c9dc5, hs = 0x811c9dc5, hss = 0x811c9dc5;
  let last = -1, f = 0, upper = 0, lower = 0;
  for (let k = 0; k < len; k++) {
    const c = normChar(s.charCodeAt(k));
    hw ^= c; hw = Math.imul(hw, 0x01000193);
    let lc = lowerChar(c);
    if (lc >= 48 && lc <= 57) { lc = 48; f |= F_DIGIT; }
    hl ^= lc; hl = Math.imul(hl, 0x01000193);
    if (k < 4) pre[k] = fmix(hl);
    const sc = shapeClass(c);
    if (sc === 88) upper++; else if (sc === 120) lower++;
    if (k < 4 || sc !== last) { hs ^= sc; hs = Math.imul(hs, 0x01000193); }
    if (sc !== last) { hss ^= sc; hss = Math.imul(hss, 0x01000193); }
    last = sc;
  }
  for (let k = len; k < 4; k++) pre[k] = NO_PREFIX;
  let hx = 0x811c9dc5;
  for (let k = 0; k < 4; k++) {
    const p = len - 1 - k;
    if (p >= 0) {
      let lc = lowerChar(normChar(s.charCodeAt(p)));
      if (lc >= 48 && lc <= 57) lc = 48;
      hx ^= lc; hx = Math.imul(hx, 0x01000193);
      suf[k] = fmix(hx);
    } else suf[k] = NO_SUFFIX;
  }
  if (upper > 0 || lower > 0) f |= F_LETTER;
  if (upper > 0 && shapeClass(normChar(s.charCodeAt(0))) === 88) f |= F_CAP;
  if (upper > 0 && lower === 0) f |= F_ALLCAPS;
  if (lower > 0) f |= F_LOWER;
  if (upper > 0) f |= F_UPPER;
  if (CONNECTORS.has(s)) f |= F_CONNECTOR;
  out.word = fmix(hw); out.lower = fmix(hl); out.shape = fmix(hs); out.shortShape = fmix(hss); out.flags = f;
}

/** Marks sentence starts (the first word after opening punctuation) in `flags` and writes the sentences'
 *  token ranges to seqStart / seqEnd. */
export function markSentenceStarts(flags: Int32Array, sentences: Sentence[], seqStart: Int32Array, seqEnd: Int32Array): void {
  for (let s = 0; s < sentences.length; s++) {
    const se = sentences[s];
    seqStart[s] = se.first; seqEnd[s] = se.last;
    for (let k = se.first; k < se.last; k++) {
      flags[k] |= F_SENTSTART;
      if (flags[k] & F_LETTER) break;
    }
  }
}

/** Marks the tokens of ALL-CAPS lines (headlines, bylines): no lower-case word, and two tokens or a word
 *  longer than three letters. */
export function markCapsLines(flags: Int32Array, tokens: Token[], n: number): void {
  for (let i = 0; i < n;) {
    let j = i + 1;
    while (j < n && !(flags[j] & F_LINESTART)) j++;
    let up = 0, low = 0;
    for (let k = i; k < j; k++) { if (flags[k] & F_LOWER) low++; else if (flags[k] & F_ALLCAPS) up++; }
    if (low === 0 && up >= 1 && (j - i >= 2 || tokens[i].text.length > 3)) for (let k = i; k < j; k++) flags[k] |= F_CAPSLINE;
    i = j;
  }
}

/** What one token tells about its lower-cased word (Template.DocBits): 1 written lower-case, 2 capitalised
 *  in running text, 4 ALL-CAPS in running text; 0 nothing. Per word the bits of all its tokens are ORed,
 *  plus 8 for "a word". */
export function docBit(f: number): number {
  if (!(f & F_CAP) && (f & F_LOWER)) return 1;
  if ((f & F_CAP) && !(f & F_SENTSTART) && !(f & F_CAPSLINE)) return (f & F_ALLCAPS) ? 4 : 2;
  return 0;
}

/** Writes the gazetteer BILU codes (1 B, 2 I, 3 L, 4 U) of the matches starting at token i: ms[L - 1] is
 *  the category mask of the entry of length L (0 for a proper prefix only), nh the longest; longer
 *  matches win. gzAny[k] is set for every token given a code. */
export function writeGazetteerCodes(gz: Uint8Array, gzAny: Uint8Array, i: number, ms: Int32Array, nh: number): void {
  for (let L = nh; L >= 1; L--) {
    const m = ms[L - 1];
    if (!m) continue;
    for (let c = 0; c < NCAT; c++) {
      if (!(m & (1 << c)) || gz[i * NCAT + c]) continue;
      if (L === 1) { gz[i * NCAT + c] = 4; gzAny[i] = 1; } else {
        gz[i * NCAT + c] = 1; gzAny[i] = 1;
        for (let k = 1; k < L - 1; k++) if (!gz[(i + k) * NCAT + c]) { gz[(i + k) * NCAT + c] = 2; gzAny[i + k] = 1; }
        if (!gz[(i + L - 1) * NCAT + c]) { gz[(i + L - 1) * NCAT + c] = 3; gzAny[i + L - 1] = 1; }
      }
    }
  }
}

/** Capitalised runs in running text ("Center for Strategic and International Studies"), bridging
 *  lower-case connectors between capitalised words: each token's run [runStart, runEnd), -1 if none. */
export function capitalisedRuns(flags: Int32Array, sent: Int32Array, n: number, runStart: Int32Array, runEnd: Int32Array): void {
  runStart.fill(-1, 0, n); runEnd.fill(-1, 0, n);
  for (let i = 0; i < n;) {
    const f = flags[i];
    if (!(f & F_CAP) || (f & F_CAPSLINE)) { i++; continue; }
    let j = i + 1;
    for (;;) {
      if (j < n && sent[j] === sent[i] && (flags[j] & F_CAP) && !(flags[j] & F_CAPSLINE)) { j++; continue; }
      if (j + 1 < n && sent[j + 1] === sent[i] && (flags[j] & F_CONNECTOR) && (flags[j + 1] & F_CAP)) { j += 2; continue; }
      break;
    }
    for (let k = i; k < j; k++) { runStart[k] = i; runEnd[k] = j; }
    i = j;
  }
}

/** Document memory counts per word: first-pass types 0..3 and 4 = O (capitalised, running text), then
 *  the BILU tags of the types at 5 + tag - 1. */
export const MEMORY_COUNTS = 21;

/** The document-memory class a token with flags f and first-pass tag t counts under: its type (0..3), 4
 *  for O when capitalised in running text, -1 when it does not count (not capitalised; O at a sentence
 *  start or on an ALL-CAPS line, where capitals say nothing). */
export function memoryClass(f: number, t: number): number {
  if (!(f & F_LETTER) || !(f & (F_CAP | F_ALLCAPS))) return -1;
  if (t > 0) return (t - 1) >> 2;
  return !(f & F_SENTSTART) && !(f & F_CAPSLINE) ? 4 : -1;
}

/** Shape of token i's place in its capitalised run [rs, re) (Template.RunShape): run length, position,
 *  last or not. */
export function runShape(i: number, rs: number, re: number): number {
  const len = re - rs, pos = i - rs;
  return (len > 5 ? 5 : len) * 8 + (pos > 3 ? 3 : pos) + (i === re - 1 ? 4 : 0);
}

// ---------------------------------------------------------------------------------------------------
// Training-time preparation and features (inference computes the same features with caches, infer.ts)

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
  flags: Int32Array;
  docBits: Uint8Array;
  gaz: Uint8Array; // n * GAZ_CATS.length codes: 0 none, 1 B, 2 I, 3 L, 4 U
  sent: Int32Array; // sentence index per token
  clus: Int32Array; // cluster path per token, -1 if unknown
  /** Capitalised run containing the token: [runStart, runEnd), -1 if none (see capitalisedRuns). */
  runStart: Int32Array;
  runEnd: Int32Array;
  useClusters: boolean;
}

const NCAT = GAZ_CATS.length;

export function prepareDoc(doc: Tokenized, gaz: Gazetteer | null): PreparedDoc {
  const toks = doc.tokens;
  const n = toks.length;
  const wordH = new Uint32Array(n), lowerH = new Uint32Array(n), shapeH = new Uint32Array(n), sshapeH = new Uint32Array(n);
  const pre = new Uint32Array(n * 4), suf = new Uint32Array(n * 4);
  const flags = new Int32Array(n);
  const sent = new Int32Array(n);
  const wh = new WordHashes();
  for (let i = 0; i < n; i++) {
    hashWord(toks[i].text, wh);
    pre.set(wh.pre, i * 4); suf.set(wh.suf, i * 4);
    flags[i] = wh.flags | (toks[i].lineStart ? F_LINESTART : 0);
    wordH[i] = wh.word; lowerH[i] = wh.lower; shapeH[i] = wh.shape; sshapeH[i] = wh.shortShape;
    sent[i] = toks[i].sentence;
  }
  const seqStart = new Int32Array(doc.sentences.length), seqEnd = new Int32Array(doc.sentences.length);
  markSentenceStarts(flags, doc.sentences, seqStart, seqEnd);
  markCapsLines(flags, toks, n);
  const seen = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    if (!(flags[i] & F_LETTER)) continue;
    const b = docBit(flags[i]);
    if (b) { const k = lowerH[i] & SMI; seen.set(k, (seen.get(k) ?? 0) | b); }
  }
  const docBits = new Uint8Array(n);
  for (let i = 0; i < n; i++) if (flags[i] & F_LETTER) docBits[i] = (seen.get(lowerH[i] & SMI) ?? 0) | 8;
  const gz = new Uint8Array(n * NCAT);
  if (gaz && gaz.map.size) {
    const gzAny = new Uint8Array(n);
    const ms = new Int32Array(GAZ_MAX_LEN);
    for (let i = 0; i < n; i++) {
      let h = GAZ_SEED, nh = 0;
      for (let L = 1; L <= GAZ_MAX_LEN && i + L <= n; L++) {
        if (L > 1 && sent[i + L - 1] !== sent[i]) break;
        h = comb(h, lowerH[i + L - 1]); // lowerH[i] = tokenKey(text), the key Gazetteer.add hashes
        const m = gaz.map.get(h & SMI);
        if (m === undefined) break;
        ms[nh++] = m;
      }
      writeGazetteerCodes(gz, gzAny, i, ms, nh);
    }
  }
  const clus = new Int32Array(n).fill(-1);
  if (gaz && gaz.clusters.size) for (let i = 0; i < n; i++) clus[i] = gaz.clusters.get(lowerH[i] & SMI) ?? -1;
  const runStart = new Int32Array(n), runEnd = new Int32Array(n);
  capitalisedRuns(flags, sent, n, runStart, runEnd);
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
    e.push(comb(T.Bias, 0));
    if (!capsLine) e.push(comb(T.Word, wordH[i]));
    e.push(comb(T.Lower, lw));
    e.push(comb(T.LowerPrev2, lm2)); e.push(comb(T.LowerPrev, lm1)); e.push(comb(T.LowerNext, lp1)); e.push(comb(T.LowerNext2, lp2));
    e.push(comb(T.FullShape, shapeH[i])); e.push(comb(T.Shape, ss));
    e.push(comb(T.ShapePrev2, sm2)); e.push(comb(T.ShapePrev, sm1)); e.push(comb(T.ShapeNext, sp1)); e.push(comb(T.ShapeNext2, sp2));
    for (let k = 0; k < 4; k++) { e.push(comb(T.Prefix + k, pre[i * 4 + k])); e.push(comb(T.Suffix + k, suf[i * 4 + k])); }
    e.push(comb(T.LowerPrevAndLower, comb(lm1, lw))); e.push(comb(T.LowerAndLowerNext, comb(lw, lp1)));
    e.push(comb(T.ShapeTrigram, comb(comb(sm1, ss), sp1)));
    e.push(comb(T.LowerPrevAndShape, comb(lm1, ss))); e.push(comb(T.ShapeAndLowerNext, comb(ss, lp1)));
    e.push(comb(T.LowerPrev2AndLowerPrev, comb(lm2, lm1)));
    if (f & F_SENTSTART) { e.push(comb(T.SentenceStartShape, ss)); e.push(comb(T.SentenceStartLower, lw)); }
    if (capsLine) { e.push(comb(T.CapsLineLower, lw)); e.push(comb(T.CapsLineDocBits, comb(docBits[i], 1))); }
    if (f & F_LINESTART) e.push(comb(T.LineStartShape, ss));
    const db = docBits[i];
    if (db) { e.push(comb(T.DocBits, db)); e.push(comb(T.DocBitsAndShape, comb(db, ss | (f & (F_SENTSTART | F_CAPSLINE))))); }
    const rs = runStart[i];
    if (rs >= 0) {
      const shape = runShape(i, rs, runEnd[i]);
      e.push(comb(T.RunShape, shape));
      if (runEnd[i] - rs > 1) {
        e.push(comb(T.RunLastWord, lowerH[runEnd[i] - 1])); e.push(comb(T.RunFirstWordAndRunShape, comb(lowerH[rs], shape)));
      }
    }
    const c0 = clus[i];
    if (useClusters && c0 >= 0) {
      e.push(comb(T.Cluster4, c0 >> 8)); e.push(comb(T.Cluster8, c0 >> 4)); e.push(comb(T.Cluster12, c0));
      e.push(comb(T.Cluster8AndCase, comb(c0 >> 4, f & 3)));
    } else if (useClusters) e.push(comb(T.NoClusterCase, f & 3));
    if (useClusters) {
      const cm1 = hasPrev ? clus[i - 1] : -2, cp1 = hasNext ? clus[i + 1] : -2;
      e.push(comb(T.ClusterPrev8, cm1 < 0 ? cm1 : cm1 >> 4)); e.push(comb(T.ClusterPrev12, cm1));
      e.push(comb(T.ClusterNext8, cp1 < 0 ? cp1 : cp1 >> 4)); e.push(comb(T.ClusterNext12, cp1));
    }
    for (let c = 0; c < NCAT; c++) {
      const g = gaz[i * NCAT + c];
      if (g) { e.push(comb(T.Gazetteer + c, g)); e.push(comb(T.GazetteerAndCase + c, g * 4 + (f & 3))); }
      if (hasPrev) { const gp = gaz[(i - 1) * NCAT + c]; if (gp) e.push(comb(T.GazetteerPrev + c, gp)); }
      if (hasNext) { const gn = gaz[(i + 1) * NCAT + c]; if (gn) e.push(comb(T.GazetteerNext + c, gn)); }
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
  // Per word: MEMORY_COUNTS counters.
  const counts = new Map<number, Int32Array>();
  const own = new Int8Array(n).fill(-1);
  const ownPos = new Int8Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const t = tags1[i];
    const k = memoryClass(flags[i], t);
    if (k < 0) continue;
    own[i] = k;
    let c = counts.get(lowerH[i] & SMI);
    if (!c) { c = new Int32Array(MEMORY_COUNTS); counts.set(lowerH[i] & SMI, c); }
    c[k]++;
    if (t > 0) { ownPos[i] = 5 + (t - 1); c[5 + (t - 1)]++; }
  }
  for (let i = 0; i < n; i++) {
    offs[i] = e.len;
    const s = sent[i];
    const t = tags1[i];
    const tp = i > 0 && sent[i - 1] === s ? tags1[i - 1] : NT;
    const tn = i + 1 < n && sent[i + 1] === s ? tags1[i + 1] : NT;
    e.push(comb(T.Tag1, t)); e.push(comb(T.Tag1Prev, tp)); e.push(comb(T.Tag1Next, tn)); e.push(comb(T.Tag1PrevAndTag1, comb(tp, t)));
    const c = counts.get(lowerH[i] & SMI);
    if (!c || !(flags[i] & (F_CAP | F_ALLCAPS))) continue;
    let best = -1, bestN = 0, total = 0;
    for (let k = 0; k < 5; k++) {
      const v = c[k] - (own[i] === k ? 1 : 0);
      total += v;
      if (v > bestN) { bestN = v; best = k; }
    }
    if (best < 0) continue;
    e.push(comb(T.MemoryBest, best));
    e.push(comb(T.MemoryBestAndShape, comb(best, sshapeH[i])));
    e.push(comb(T.MemoryBestAndTag1, comb(best, t)));
    if (bestN === total) e.push(comb(T.MemoryUnanimous, best));
    for (let k = 0; k < 4; k++) {
      const v = c[k] - (own[i] === k ? 1 : 0);
      if (v > 0) e.push(comb(T.MemoryTypeSeen, k));
    }
    for (let k = 5; k < MEMORY_COUNTS; k++) {
      const v = c[k] - (ownPos[i] === k ? 1 : 0);
      if (v > 0) e.push(comb(T.MemoryTagSeen, k));
    }
  }
  offs[n] = e.len;
  return { feats: e.feats.subarray(0, e.len), offs };
}
