// Per-document state of fast inference: the token buffers (reused across documents) and the passes that
// fill them before any weight is added — word types, sentence and line flags, document bits, gazetteer
// codes and capitalised runs. The passes are the ones features.ts defines for training, over word-type
// ids instead of per-token hashes.
import type { Token, Tokenized } from '../tokenize';
import {
  F_LETTER, F_LINESTART, GAZ_CATS, GAZ_MAX_LEN, NT, SMI, TEXT_FLAGS,
  comb, docBit, markCapsLines, markSentenceStarts, writeGazetteerCodes,
} from './features';
import type { NerModel } from './model';
import { textHash, type WordTypes } from './wordTypes';

const NCAT: number = GAZ_CATS.length;

/** Token buffers of one document, grown on demand (tagging is synchronous, so one set serves all callers). */
export class DocBuffers {
  cap = 0;
  /** Word type id (WordTypes) per token. */
  tid = new Int32Array(0);
  /** Token flags (features.ts F_*). */
  flags = new Int32Array(0);
  /** Sentence index per token. */
  sent = new Int32Array(0);
  docBits = new Uint8Array(0);
  /** Gazetteer codes, NCAT per token (see writeGazetteerCodes); gzAny: the token has one. */
  gz = new Uint8Array(0);
  gzAny = new Uint8Array(0);
  runStart = new Int32Array(0);
  runEnd = new Int32Array(0);
  /** Document memory: the token's own first-pass type (0..4, -1 none) and BILU counter (5..20, -1 none). */
  own = new Int8Array(0);
  ownPos = new Int8Array(0);
  /** The token has an upper-case letter; cand: the token is decoded (see markCandidates). */
  upperTok = new Uint8Array(0);
  cand = new Uint8Array(0);
  /** Sentences: token ranges [seqStart, seqEnd). */
  seqStart = new Int32Array(0);
  seqEnd = new Int32Array(0);
  /** Per token: blob offsets of the model rows of the six pair templates (-1 = none, see pairRows). */
  pairRows = new Int32Array(0);
  /** Pass-1 / pass-2 integer emission sums, n x NT (rows of candidates only; see decodeCandidates). */
  em1 = new Int32Array(0);
  em2 = new Int32Array(0);

  ensure(n: number): void {
    if (n <= this.cap) return;
    const cap = this.cap = Math.max(n, this.cap * 2, 1024);
    this.tid = new Int32Array(cap); this.flags = new Int32Array(cap); this.sent = new Int32Array(cap); this.docBits = new Uint8Array(cap);
    this.gz = new Uint8Array(cap * NCAT); this.gzAny = new Uint8Array(cap); this.runStart = new Int32Array(cap); this.runEnd = new Int32Array(cap);
    this.own = new Int8Array(cap); this.ownPos = new Int8Array(cap); this.pairRows = new Int32Array(cap * 6);
    this.upperTok = new Uint8Array(cap); this.cand = new Uint8Array(cap); this.seqStart = new Int32Array(cap); this.seqEnd = new Int32Array(cap);
    this.em1 = new Int32Array(cap * NT); this.em2 = new Int32Array(cap * NT);
  }
}

/** Word types (tid), their text flags with line starts, and sentence ids. */
export function wordTypesOf(buf: DocBuffers, words: WordTypes, toks: Token[], n: number): void {
  const tid = buf.tid, sent = buf.sent, flags = buf.flags;
  let tFlags = words.flags;
  for (let i = 0; i < n; i++) {
    const tok = toks[i];
    const h = textHash(tok.text);
    let id = words.find(tok.text, h);
    if (id < 0) {
      id = words.add(tok.text, h, id);
      tFlags = words.flags; // add() may have grown the table
    }
    tid[i] = id;
    sent[i] = tok.sentence;
    flags[i] = (tok.lineStart ? F_LINESTART : 0) | (tFlags[id] & TEXT_FLAGS);
  }
}

/** Sentence starts and ALL-CAPS lines into flags; the sentences' token ranges into seqStart / seqEnd.
 *  Returns the number of sentences. */
export function sentenceAndLineFlags(buf: DocBuffers, doc: Tokenized, n: number): number {
  const nSeq = doc.sentences.length;
  if (nSeq > buf.seqStart.length) { buf.seqStart = new Int32Array(nSeq); buf.seqEnd = new Int32Array(nSeq); }
  markSentenceStarts(buf.flags, doc.sentences, buf.seqStart, buf.seqEnd);
  markCapsLines(buf.flags, doc.tokens, n);
  return nSeq;
}

/** Document bits per lower-cased form (see docBit). */
export function documentBits(buf: DocBuffers, words: WordTypes, n: number): void {
  const flags = buf.flags, tid = buf.tid, docBits = buf.docBits;
  const lowerId = words.lowerId;
  const seen = words.seen;
  for (let i = 0; i < n; i++) {
    const f = flags[i];
    if (!(f & F_LETTER)) continue;
    const b = docBit(f);
    if (b) seen[lowerId[tid[i]]] |= b;
  }
  for (let i = 0; i < n; i++) docBits[i] = flags[i] & F_LETTER ? seen[lowerId[tid[i]]] | 8 : 0;
  for (let i = 0; i < n; i++) seen[lowerId[tid[i]]] = 0;
}

const MS = new Int32Array(GAZ_MAX_LEN);

/** Gazetteer matches, longest first: per token and category a BILU code in gz. The first step of every
 *  match comes from the word type (WordTypes.gaz1). */
export function gazetteerCodes(buf: DocBuffers, words: WordTypes, model: NerModel, n: number): void {
  const gz = buf.gz, gzAny = buf.gzAny, tid = buf.tid, sent = buf.sent;
  const lowerH = words.lowerH;
  gz.fill(0, 0, n * NCAT);
  gzAny.fill(0, 0, n);
  const gaz1 = words.gaz1, gazH1 = words.gazH1, gmap = model.gaz.map;
  const ms = MS;
  for (let i = 0; i < n; i++) {
    const m1 = gaz1[tid[i]];
    if (m1 < 0) continue;
    let h = gazH1[tid[i]] >>> 0, nh = 1;
    ms[0] = m1;
    for (let L = 2; L <= GAZ_MAX_LEN && i + L <= n; L++) {
      if (sent[i + L - 1] !== sent[i]) break;
      h = comb(h, lowerH[tid[i + L - 1]]);
      const m = gmap.get(h & SMI);
      if (m === undefined) break;
      ms[nh++] = m;
    }
    writeGazetteerCodes(gz, gzAny, i, ms, nh);
  }
}
