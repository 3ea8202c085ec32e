// Re-anchoring: find where an annotation's target is in the current text.
//
// Order (first that holds wins):
//   1. the stored position still holds `exact`                              → anchored
//   2. `exact` (normalised) occurs once with at least one side of its context, or one
//      occurrence is clearly best by prefix/suffix context and closeness    → moved
//      (once but out of context, or several and none clearly best          → needs-review)
//   3. approximate search (Myers' bit-parallel algorithm, approx-string-match) with strict
//      thresholds on the quote, plus context and position scoring          → fuzzy / needs-review
//   4. otherwise                                                           → orphaned
// Short targets (< 20 chars, or one word/name) need exact text AND agreeing context when context
// was stored; they never fuzzy-match and never jump to an occurrence lacking their context.
// Matching ignores line endings, whitespace runs and curly vs straight quotes (normalize.ts).

import search from 'approx-string-match';
import type { AnchorResult, AnnotationTarget } from './types';
import { normalizeForMatch, normalizeString, origEnd, origStart, normIndex } from './normalize';
import type { NormalizedText } from './normalize';

/** Characters of context stored before and after the quote. */
export const CONTEXT_LENGTH = 32;
/** A fuzzy match is confident only with at most this share of edits (Levenshtein / quote length). */
export const FUZZY_CONFIDENT_MAX_ERROR_RATE = 0.12;
/** Beyond this share of edits a candidate is not even shown for review. */
export const FUZZY_REVIEW_MAX_ERROR_RATE = 0.2;
/** Minimum context similarity for short targets and confident fuzzy matches. */
const CONTEXT_AGREE = 0.75;
const CONTEXT_FUZZY_AGREE = 0.6;
/** Quotes shorter than this (normalised) are "short". */
const SHORT_LENGTH = 20;
/** A quote found exactly once counts as moved only when at least this much of its stored context
 *  agrees (0.5: one side, before or after, in full). */
const UNIQUE_CONTEXT_MIN = 0.5;
/** Margin by which the best exact occurrence must beat the runner-up to be "clearly best". */
const CLEAR_MARGIN = 0.08;
/** Maximum quote length for word-boundary snapping (O(m²) edit distances). */
const SNAP_MAX_LENGTH = 1500;

/** True for targets that must never fuzzy-match (< 20 chars or a single word/name). */
export function isShortTarget(exact: string): boolean {
  const n = normalizeString(exact).trim();
  return n.length < SHORT_LENGTH || !n.includes(' ');
}

/**
 * Build a target for `text.slice(start, end)` with up to 32 characters of context on each side
 * (never splitting a surrogate pair) and the position hint (UTF-16).
 */
export function createTarget(text: string, start: number, end: number): AnnotationTarget {
  if (!(start >= 0 && end <= text.length && start < end)) {
    throw new RangeError(`invalid range [${start}, ${end}) for a text of length ${text.length}`);
  }
  let ps = Math.max(0, start - CONTEXT_LENGTH);
  if (ps > 0 && isLowSurrogate(text.charCodeAt(ps))) ps++;
  let se = Math.min(text.length, end + CONTEXT_LENGTH);
  if (se < text.length && isLowSurrogate(text.charCodeAt(se))) se--;
  const target: AnnotationTarget = { exact: text.slice(start, end) };
  if (ps < start) target.prefix = text.slice(ps, start);
  if (end < se) target.suffix = text.slice(end, se);
  target.start = start;
  target.end = end;
  return target;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** Levenshtein distance; stops early and returns `max + 1` once it exceeds `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let prev = new Uint32Array(b.length + 1);
  let cur = new Uint32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (ca === b.charCodeAt(j - 1) ? 0 : 1));
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = prev;
    prev = cur;
    cur = t;
  }
  return prev[b.length]!;
}

/**
 * Similarity in [0, 1] of `pattern` with text read outward from an anchor point: the pattern's
 * first char must align with the text's first char, its far end is free (semi-global alignment).
 * Both strings are given in reading order "away from the quote".
 */
function outwardSimilarity(pattern: string, text: string): number {
  const m = pattern.length;
  if (m === 0) return 1;
  if (text.startsWith(pattern)) return 1;
  const w = text.length;
  let prev = new Uint32Array(w + 1);
  let cur = new Uint32Array(w + 1);
  for (let j = 0; j <= w; j++) prev[j] = j;
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    const c = pattern.charCodeAt(i - 1);
    for (let j = 1; j <= w; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (c === text.charCodeAt(j - 1) ? 0 : 1));
    }
    const t = prev;
    prev = cur;
    cur = t;
  }
  let best = m;
  for (let j = 0; j <= w; j++) if (prev[j]! < best) best = prev[j]!;
  return 1 - best / m;
}

function reverse(s: string): string {
  let r = '';
  for (let i = s.length - 1; i >= 0; i--) r += s[i];
  return r;
}

// ---------------------------------------------------------------------------------------------
// k-gram index over the normalised text, for fast exact-occurrence lookups.

const GRAM = 8;
const HASH_MUL = 0x01000193;

function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b);
  return (h ^ (h >>> 13)) >>> 0;
}

class GramIndex {
  readonly head: Int32Array;
  readonly next: Int32Array;
  readonly count: Int32Array;
  readonly mask: number;

  constructor(readonly text: string, readonly k: number) {
    const n = text.length - k + 1;
    let size = 1024;
    while (size < n) size <<= 1;
    this.mask = size - 1;
    this.head = new Int32Array(size).fill(-1);
    this.count = new Int32Array(size);
    this.next = new Int32Array(Math.max(0, n));
    if (n <= 0) return;
    const buckets = new Int32Array(n);
    const mask = this.mask;
    // Rolling polynomial hash mod 2^32.
    let pow = 1;
    for (let t = 1; t < k; t++) pow = Math.imul(pow, HASH_MUL);
    let h = 0;
    for (let t = 0; t < k; t++) h = (Math.imul(h, HASH_MUL) + text.charCodeAt(t)) | 0;
    buckets[0] = mix(h >>> 0) & mask;
    for (let i = 1; i < n; i++) {
      h = (h - Math.imul(text.charCodeAt(i - 1), pow)) | 0;
      h = (Math.imul(h, HASH_MUL) + text.charCodeAt(i + k - 1)) | 0;
      buckets[i] = mix(h >>> 0) & mask;
    }
    const head = this.head;
    const next = this.next;
    const count = this.count;
    for (let i = n - 1; i >= 0; i--) {
      const b = buckets[i]!;
      next[i] = head[b]!;
      head[b] = i;
      count[b]!++;
    }
  }

  bucketOf(s: string, from: number): number {
    let h = 0;
    for (let t = 0; t < this.k; t++) h = (Math.imul(h, HASH_MUL) + s.charCodeAt(from + t)) | 0;
    return mix(h >>> 0) & this.mask;
  }
}

interface Candidate {
  /** Normalised range. */
  s: number;
  e: number;
  /** Context similarity, undefined when the target stores no context. */
  ctx: number | undefined;
  pos: number;
  score: number;
  errors: number;
}

/**
 * Resolver for many targets on one text: normalises the text and builds the occurrence index once
 * (lazily, only when some target is not at its stored position).
 */
export class AnchorIndex {
  private normCache: NormalizedText | undefined;
  private readonly grams = new Map<number, GramIndex>();

  constructor(readonly text: string) {}

  get norm(): NormalizedText {
    if (!this.normCache) this.normCache = normalizeForMatch(this.text);
    return this.normCache;
  }

  private gramIndex(k: number): GramIndex {
    let g = this.grams.get(k);
    if (!g) {
      g = new GramIndex(this.norm.text, k);
      this.grams.set(k, g);
    }
    return g;
  }

  /** Ascending normalised start positions of `pattern` (already normalised) in the text. */
  occurrences(pattern: string, limit = 100_000): number[] {
    const t = this.norm.text;
    const out: number[] = [];
    if (pattern.length === 0 || pattern.length > t.length) return out;
    const k = Math.min(GRAM, pattern.length);
    const g = this.gramIndex(k);
    // Use the rarest k-gram of the pattern to enumerate candidates.
    let bestOff = 0;
    let bestBucket = g.bucketOf(pattern, 0);
    let bestCount = g.count[bestBucket]!;
    for (let off = 1; off + k <= pattern.length && bestCount > 1; off++) {
      const b = g.bucketOf(pattern, off);
      const c = g.count[b]!;
      if (c < bestCount) {
        bestCount = c;
        bestBucket = b;
        bestOff = off;
      }
    }
    for (let i = g.head[bestBucket]!; i !== -1; i = g.next[i]!) {
      const s = i - bestOff;
      if (s >= 0 && t.startsWith(pattern, s)) {
        out.push(s);
        if (out.length >= limit) break;
      }
    }
    return out;
  }

  /** Re-anchor one target. See the file comment for the algorithm. */
  resolve(target: AnnotationTarget, hint?: number): AnchorResult {
    return this.resolveImpl(target, true, hint)!;
  }

  private resolveImpl(target: AnnotationTarget, fuzzy: boolean, hint?: number): AnchorResult | undefined {
    const text = this.text;
    const exact = target.exact;
    if (typeof exact !== 'string' || exact.length === 0) {
      return { state: 'orphaned', score: 0, reason: 'empty quote' };
    }
    const short = isShortTarget(exact);
    const hasContext = !!(target.prefix || target.suffix);

    // 1. Stored position still holds the exact text.
    const { start, end } = target;
    if (
      start !== undefined &&
      end !== undefined &&
      start >= 0 &&
      end <= text.length &&
      end - start === exact.length &&
      text.startsWith(exact, start)
    ) {
      if (!short || !hasContext || this.rawContextSimilarity(target, start, end) >= CONTEXT_AGREE) {
        return { state: 'anchored', start, end, text: exact, score: 1, reason: 'stored position holds the quote' };
      }
    }

    const norm = this.norm;
    const nt = norm.text;
    const exactN = normalizeString(exact);
    const prefixN = target.prefix ? normalizeString(target.prefix) : undefined;
    const suffixN = target.suffix ? normalizeString(target.suffix) : undefined;
    const expected = start !== undefined && start >= 0 ? normIndex(norm, Math.min(start, text.length)) : undefined;

    const posScore = (s: number): number => (expected === undefined ? 0 : 1 / (1 + Math.abs(s - expected) / 1000));
    const score = (ctx: number | undefined, pos: number): number =>
      ctx === undefined ? pos : 0.75 * ctx + 0.25 * pos;

    // 2. Exact (normalised) occurrences.
    const occ = this.occurrences(exactN);
    if (occ.length > 0) {
      let cands: Candidate[];
      if (occ.length > 24) {
        // Cheap pre-filter: exact context agreement and position, keep the best 24.
        const cheap = occ.map((s) => ({
          s,
          c: cheapContext(nt, s, s + exactN.length, prefixN, suffixN) + posScore(s),
        }));
        cheap.sort((a, b) => b.c - a.c);
        cands = cheap.slice(0, 24).map(({ s }) => this.candidate(s, s + exactN.length, 0, prefixN, suffixN, posScore, score));
      } else {
        cands = occ.map((s) => this.candidate(s, s + exactN.length, 0, prefixN, suffixN, posScore, score));
      }
      cands.sort((a, b) => b.score - a.score || a.s - b.s);
      const best = cands[0]!;
      const second = cands[1];
      const contextOk = best.ctx === undefined || best.ctx >= CONTEXT_AGREE;
      if (short && !contextOk) {
        return { state: 'orphaned', score: 0, reason: 'short quote found only without its context' };
      }
      const n = occ.length;
      if (n === 1) {
        // Found once but with neither side of its stored context (each side counts half): these may be
        // the same words elsewhere while the note's own words were deleted. A reviewer confirms.
        if (best.ctx !== undefined && best.ctx < UNIQUE_CONTEXT_MIN) {
          return this.result('needs-review', best, 0.5, 'quote found once, but not in its context');
        }
        return this.result('moved', best, contextOk ? 0.95 : 0.85, 'quote found once');
      }
      if (second && best.score - second.score >= CLEAR_MARGIN) {
        return this.result('moved', best, 0.9, `${n} occurrences, context and position decide`);
      }
      return this.result('needs-review', best, 0.5, `${n} occurrences, none clearly best`);
    }

    // 3. Fuzzy search (long targets only).
    if (short) return { state: 'orphaned', score: 0, reason: 'short quote not found exactly' };
    if (!fuzzy) return undefined;
    const center = hint ?? start;
    const centerN = center !== undefined && center >= 0 ? normIndex(norm, Math.min(center, text.length)) : undefined;
    return this.fuzzy(exactN, prefixN, suffixN, posScore, score, hasContext, centerN);
  }

  private result(state: AnchorResult['state'], c: Candidate, score: number, reason: string): AnchorResult {
    const s = origStart(this.norm, c.s);
    const e = origEnd(this.norm, c.e);
    return { state, start: s, end: e, text: this.text.slice(s, e), score, reason };
  }

  private candidate(
    s: number,
    e: number,
    errors: number,
    prefixN: string | undefined,
    suffixN: string | undefined,
    posScore: (s: number) => number,
    score: (ctx: number | undefined, pos: number) => number,
  ): Candidate {
    const ctx = contextSimilarity(this.norm.text, s, e, prefixN, suffixN);
    const pos = posScore(s);
    return { s, e, ctx, pos, errors, score: score(ctx, pos) };
  }

  /** Context similarity at an original-text range (used by step 1 for short targets). */
  private rawContextSimilarity(target: AnnotationTarget, start: number, end: number): number {
    const { prefix, suffix } = target;
    if (
      (!prefix || (start >= prefix.length && this.text.startsWith(prefix, start - prefix.length))) &&
      (!suffix || this.text.startsWith(suffix, end))
    ) {
      return 1;
    }
    const prefixN = target.prefix ? normalizeString(target.prefix) : undefined;
    const suffixN = target.suffix ? normalizeString(target.suffix) : undefined;
    const before = normalizeString(this.text.slice(Math.max(0, start - CONTEXT_LENGTH * 3), start));
    const after = normalizeString(this.text.slice(end, end + CONTEXT_LENGTH * 3));
    const nt = before + '\u0000' + after;
    return contextSimilarity(nt, before.length, before.length + 1, prefixN, suffixN) ?? 1;
  }

  private fuzzy(
    exactN: string,
    prefixN: string | undefined,
    suffixN: string | undefined,
    posScore: (s: number) => number,
    score: (ctx: number | undefined, pos: number) => number,
    hasContext: boolean,
    centerN: number | undefined,
  ): AnchorResult {
    const nt = this.norm.text;
    const m = exactN.length;
    const maxReview = Math.floor(m * FUZZY_REVIEW_MAX_ERROR_RATE);
    const toCand = (r: { start: number; end: number; errors: number }): Candidate =>
      this.candidate(r.start, r.end, r.errors, prefixN, suffixN, posScore, score);

    type Region = { start: number; end: number; errors: number };
    const decideRegions = (found: Region[]): AnchorResult =>
      found.length === 0
        ? { state: 'orphaned', score: 0, reason: 'quote not found, even approximately' }
        : this.decide(regions(found).map(toCand), exactN, prefixN, suffixN, posScore, score, hasContext);

    // 1. A window around where the quote probably is (or the whole text if that is small),
    //    at the review threshold. A confident result there is accepted.
    const from = centerN === undefined ? 0 : Math.max(0, centerN - 2 * m - 2000);
    const to = centerN === undefined ? nt.length : Math.min(nt.length, centerN + 3 * m + 2000);
    const whole = from === 0 && to === nt.length;
    if (whole && nt.length > 200_000 && centerN === undefined) {
      // No position hint on a big text: confident matches anywhere, else nothing.
      return decideRegions(this.approximateCandidates(exactN, Math.floor(m * FUZZY_CONFIDENT_MAX_ERROR_RATE)));
    }
    const windowFound: Region[] = whole ? this.approximateCandidates(exactN, maxReview) : this.searchWindow(exactN, maxReview, from, to);
    if (whole) return decideRegions(windowFound);
    if (windowFound.length > 0) {
      const res = decideRegions(windowFound);
      if (res.state === 'fuzzy') return res;
    }
    // 2. Confident matches anywhere in the text (filtered search): the quote may have moved far.
    const far = this.approximateCandidates(exactN, Math.floor(m * FUZZY_CONFIDENT_MAX_ERROR_RATE));
    if (far.length > 0) return decideRegions([...far, ...windowFound]);
    // 3. Only weak matches near the expected place: review or orphan.
    return decideRegions(windowFound);
  }

  /** Approximate matches in nt[from, to), with a runner-up search when there is a single one. */
  private searchWindow(pattern: string, maxErr: number, from: number, to: number): { start: number; end: number; errors: number }[] {
    const win = this.norm.text.slice(from, to);
    const found = regions(search(win, pattern, maxErr));
    if (found.length === 1) {
      const b = found[0]!;
      const masked = win.slice(0, b.start) + '\u0000'.repeat(b.end - b.start) + win.slice(b.end);
      found.push(...regions(search(masked, pattern, maxErr)));
    }
    return found.map((r) => ({ start: r.start + from, end: r.end + from, errors: r.errors }));
  }

  /** Pick the best approximate candidate and classify it (fuzzy / needs-review / orphaned). */
  private decide(
    cands: Candidate[],
    exactN: string,
    prefixN: string | undefined,
    suffixN: string | undefined,
    posScore: (s: number) => number,
    score: (ctx: number | undefined, pos: number) => number,
    hasContext: boolean,
  ): AnchorResult {
    const m = exactN.length;
    const maxReview = Math.floor(m * FUZZY_REVIEW_MAX_ERROR_RATE);
    const maxConfident = Math.floor(m * FUZZY_CONFIDENT_MAX_ERROR_RATE);
    // Best by quote errors first, then context and position.
    const rank = (c: Candidate): number => (1 - c.errors / m) * 0.6 + c.score * 0.4;
    cands.sort((a, b) => rank(b) - rank(a) || a.s - b.s);
    const runnerUp: Candidate | undefined = cands[1];
    const best = this.snap(cands[0]!, exactN, prefixN, suffixN, posScore, score);
    const errors = best.errors;
    const quoteSim = 1 - errors / m;
    const ambiguous = runnerUp !== undefined && rank(best) - rank(runnerUp) < CLEAR_MARGIN;
    const ctx = best.ctx;
    if (
      errors <= maxConfident &&
      !ambiguous &&
      ((hasContext && ctx !== undefined && ctx >= CONTEXT_FUZZY_AGREE) || (!hasContext && errors <= Math.floor(m * 0.05)))
    ) {
      return this.result('fuzzy', best, Math.min(0.9, 0.5 + 0.4 * quoteSim * (ctx ?? 0.5)), `approximate match, ${errors} edit(s)`);
    }
    if (errors <= maxReview && (ctx === undefined || ctx >= 0.4 || quoteSim >= 0.9)) {
      const why = ambiguous ? 'several approximate matches' : errors > maxConfident ? `${errors} edit(s) in the quote` : 'context disagrees';
      return this.result('needs-review', best, 0.3, `uncertain: ${why}`);
    }
    return { state: 'orphaned', score: 0, reason: 'only a poor approximate match' };
  }

  /**
   * Resolve many targets in two passes: exact steps first; then the approximate search for the
   * rest, centred on the shift observed for the nearest target (by stored position) that was found
   * exactly — so a note edited after a long insertion above is still found by the fast windowed
   * search. Deterministic: results do not depend on the order of `targets`.
   */
  resolveAll(targets: readonly AnnotationTarget[]): AnchorResult[] {
    const results: AnchorResult[] = new Array(targets.length);
    const deferred: number[] = [];
    const shifts: [number, number][] = []; // [stored start, observed delta]
    targets.forEach((t, i) => {
      const r = this.resolveExact(t);
      if (r) {
        results[i] = r;
        if ((r.state === 'anchored' || r.state === 'moved') && t.start !== undefined && r.start !== undefined) shifts.push([t.start, r.start - t.start]);
      } else deferred.push(i);
    });
    shifts.sort((a, b) => a[0] - b[0]);
    for (const i of deferred) {
      const t = targets[i]!;
      let hint: number | undefined;
      if (t.start !== undefined && shifts.length > 0) {
        let lo = 0;
        let hi = shifts.length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (shifts[mid]![0] < t.start) lo = mid + 1;
          else hi = mid;
        }
        const cands = [shifts[lo - 1], shifts[lo]].filter((x): x is [number, number] => x !== undefined);
        cands.sort((a, b) => Math.abs(a[0] - t.start!) - Math.abs(b[0] - t.start!));
        hint = Math.max(0, t.start + cands[0]![1]);
      }
      results[i] = this.resolve(t, hint);
    }
    return results;
  }

  /** Steps 1-2 only (and the short-target rule); undefined when approximate search is needed. */
  private resolveExact(target: AnnotationTarget): AnchorResult | undefined {
    return this.resolveImpl(target, false);
  }

  /**
   * All regions of the normalised text matching `pattern` with at most `maxErr` edits, each with
   * its best match. Filter-then-verify: split the pattern into maxErr + s disjoint pieces; a match
   * with ≤ maxErr edits contains at least s of them exactly (pigeonhole), at implied start
   * positions within 2·maxErr of each other. Piece occurrences come from the k-gram index; only
   * neighbourhoods where s distinct pieces agree are verified with approx-string-match (Myers'
   * bit-parallel algorithm). Falls back to a full scan when the pieces are too short.
   */
  approximateCandidates(pattern: string, maxErr: number): { start: number; end: number; errors: number }[] {
    const nt = this.norm.text;
    const m = pattern.length;
    const fullScan = (): { start: number; end: number; errors: number }[] => {
      const first = regions(search(nt, pattern, maxErr));
      if (first.length !== 1) return first;
      // approx-string-match only reports the best matches: look for a runner-up elsewhere.
      const b = first[0]!;
      const masked = nt.slice(0, b.start) + '\u0000'.repeat(b.end - b.start) + nt.slice(b.end);
      return [...first, ...regions(search(masked, pattern, maxErr))];
    };
    // More pieces (shorter) but more of them required to agree: a stronger filter while the
    // pieces stay long enough to be selective.
    let need = 1;
    while (need < 4 && Math.floor(m / (maxErr + need + 1)) >= 5) need++;
    const pieces = maxErr + need;
    const len = Math.floor(m / pieces);
    if (len < 4 || nt.length < 4 * m) return fullScan();
    // One piece per slot of `len` chars; within a slot longer than GRAM, use its rarest GRAM-gram.
    const k = Math.min(GRAM, len);
    const g = this.gramIndex(k);
    const hitStart: number[] = [];
    const hitPiece: number[] = [];
    for (let i = 0; i < pieces; i++) {
      let bestOff = i * len;
      let bestCount = g.count[g.bucketOf(pattern, bestOff)]!;
      for (let off = i * len + 1; off + k <= (i + 1) * len && bestCount > 0; off++) {
        const c = g.count[g.bucketOf(pattern, off)]!;
        if (c < bestCount) {
          bestCount = c;
          bestOff = off;
        }
      }
      for (const o of this.occurrences(pattern.slice(bestOff, bestOff + k))) {
        hitStart.push(o - bestOff);
        hitPiece.push(i);
      }
      if (hitStart.length > 500_000) return fullScan();
    }
    if (hitStart.length === 0) return [];
    const order = hitStart.map((_, i) => i).sort((a, b) => hitStart[a]! - hitStart[b]! || hitPiece[a]! - hitPiece[b]!);
    const width = 2 * maxErr;
    // Qualifying implied starts: at least `need` distinct pieces within `width` of each other
    // (sliding window over the sorted hits, counting distinct pieces).
    const qualified: number[] = [];
    if (need === 1) {
      for (const x of order) qualified.push(hitStart[x]!);
    } else {
      const inWindow = new Int32Array(pieces);
      let distinct = 0;
      let lo = 0;
      let markedUpTo = -1;
      for (let hi = 0; hi < order.length; hi++) {
        const ph = hitPiece[order[hi]!]!;
        if (inWindow[ph]!++ === 0) distinct++;
        while (hitStart[order[hi]!]! - hitStart[order[lo]!]! > width) {
          const pl = hitPiece[order[lo]!]!;
          if (--inWindow[pl]! === 0) distinct--;
          lo++;
        }
        if (distinct >= need) {
          for (let x = Math.max(lo, markedUpTo + 1); x <= hi; x++) qualified.push(hitStart[order[x]!]!);
          markedUpTo = hi;
        }
      }
    }
    if (qualified.length === 0) return [];
    const out: { start: number; end: number; errors: number }[] = [];
    let rs = Math.max(0, qualified[0]! - maxErr);
    let re = Math.min(nt.length, qualified[0]! + m + maxErr);
    const flush = (): void => {
      for (const r of regions(search(nt.slice(rs, re), pattern, maxErr))) {
        out.push({ start: r.start + rs, end: r.end + rs, errors: r.errors });
      }
    };
    for (let i = 1; i < qualified.length; i++) {
      const s = Math.max(0, qualified[i]! - maxErr);
      const e = Math.min(nt.length, qualified[i]! + m + maxErr);
      if (s <= re) {
        re = Math.max(re, e);
      } else {
        flush();
        rs = s;
        re = e;
      }
    }
    flush();
    return regions(out);
  }

  /** Snap a fuzzy match to word boundaries when that does not make it worse than the threshold. */
  private snap(
    c: Candidate,
    exactN: string,
    prefixN: string | undefined,
    suffixN: string | undefined,
    posScore: (s: number) => number,
    score: (ctx: number | undefined, pos: number) => number,
  ): Candidate {
    const nt = this.norm.text;
    const m = exactN.length;
    // Exact errors of the raw region (approx-string-match reports the same, but recompute to be safe).
    let bestS = c.s;
    let bestE = c.e;
    if (m > SNAP_MAX_LENGTH) return c;
    let bestErr = editDistance(exactN, nt.slice(c.s, c.e));
    const startsAtWord = isWordChar(exactN.charCodeAt(0)) && (!prefixN || !isWordChar(prefixN.charCodeAt(prefixN.length - 1)));
    const endsAtWord = isWordChar(exactN.charCodeAt(m - 1)) && (!suffixN || !isWordChar(suffixN.charCodeAt(0)));
    const startOpts = startsAtWord ? wordStartOptions(nt, c.s) : [c.s];
    const endOpts = endsAtWord ? wordEndOptions(nt, c.e) : [c.e];
    const limit = Math.floor(m * FUZZY_REVIEW_MAX_ERROR_RATE);
    let bestAligned = -1;
    for (const s of startOpts) {
      for (const e of endOpts) {
        if (e <= s) continue;
        const d = editDistance(exactN, nt.slice(s, e), limit);
        if (d > limit) continue;
        const aligned = (atWordStart(nt, s) ? 1 : 0) + (atWordEnd(nt, e) ? 1 : 0);
        // Prefer word-aligned ranges; among equals, fewer edits.
        if (aligned > bestAligned || (aligned === bestAligned && d < bestErr)) {
          // Never trade more than the confident budget for alignment.
          if (aligned > bestAligned && bestAligned >= 0 && d > bestErr + 2) continue;
          bestAligned = aligned;
          bestS = s;
          bestE = e;
          bestErr = d;
        }
      }
    }
    const ctx = contextSimilarity(nt, bestS, bestE, prefixN, suffixN);
    const pos = posScore(bestS);
    return { s: bestS, e: bestE, ctx, pos, errors: bestErr, score: score(ctx, pos) };
  }
}

function isWordChar(c: number): boolean {
  if (Number.isNaN(c)) return false;
  if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return true;
  if (c < 128) return false;
  return /[\p{L}\p{N}\p{M}]/u.test(String.fromCharCode(c)) || (c >= 0xd800 && c <= 0xdfff);
}

function atWordStart(t: string, i: number): boolean {
  return i <= 0 || !isWordChar(t.charCodeAt(i - 1)) || !isWordChar(t.charCodeAt(i));
}
function atWordEnd(t: string, i: number): boolean {
  return i >= t.length || !isWordChar(t.charCodeAt(i)) || !isWordChar(t.charCodeAt(i - 1));
}

/** Candidate starts: s, the start of the word containing s, the next word start; skipping a space. */
function wordStartOptions(t: string, s: number): number[] {
  const out = new Set<number>([s]);
  let l = s;
  while (l > 0 && isWordChar(t.charCodeAt(l - 1)) && s - l < 24) l--;
  out.add(l);
  let r = s;
  while (r < t.length && isWordChar(t.charCodeAt(r)) && r - s < 24) r++;
  while (r < t.length && t.charCodeAt(r) === 32) r++;
  out.add(r);
  if (t.charCodeAt(s) === 32) out.add(s + 1);
  return [...out];
}

function wordEndOptions(t: string, e: number): number[] {
  const out = new Set<number>([e]);
  let r = e;
  while (r < t.length && isWordChar(t.charCodeAt(r)) && r - e < 24) r++;
  out.add(r);
  let l = e;
  while (l > 0 && isWordChar(t.charCodeAt(l - 1)) && e - l < 24) l--;
  while (l > 0 && t.charCodeAt(l - 1) === 32) l--;
  out.add(l);
  if (e > 0 && t.charCodeAt(e - 1) === 32) out.add(e - 1);
  return [...out];
}

/** Merge overlapping approx-string-match results into regions (keeping the fewest errors). */
function regions(matches: { start: number; end: number; errors: number }[]): { start: number; end: number; errors: number }[] {
  const sorted = [...matches].sort((a, b) => a.start - b.start || a.errors - b.errors);
  const out: { start: number; end: number; errors: number }[] = [];
  for (const mt of sorted) {
    const last = out[out.length - 1];
    if (last && mt.start < last.end) {
      if (mt.errors < last.errors || (mt.errors === last.errors && mt.end - mt.start > last.end - last.start)) {
        last.start = mt.start;
        last.end = mt.end;
        last.errors = mt.errors;
      }
      continue;
    }
    out.push({ ...mt });
  }
  return out;
}

/** Context similarity at normalised range [s, e): weighted by stored context lengths. */
function contextSimilarity(nt: string, s: number, e: number, prefixN: string | undefined, suffixN: string | undefined): number | undefined {
  let total = 0;
  let weight = 0;
  if (prefixN) {
    if (s >= prefixN.length && nt.startsWith(prefixN, s - prefixN.length)) {
      total += prefixN.length;
    } else {
      const slack = Math.ceil(prefixN.length / 4) + 2;
      const before = nt.slice(Math.max(0, s - prefixN.length - slack), s);
      total += outwardSimilarity(reverse(prefixN), reverse(before)) * prefixN.length;
    }
    weight += prefixN.length;
  }
  if (suffixN) {
    if (nt.startsWith(suffixN, e)) {
      total += suffixN.length;
    } else {
      const slack = Math.ceil(suffixN.length / 4) + 2;
      const after = nt.slice(e, e + suffixN.length + slack);
      total += outwardSimilarity(suffixN, after) * suffixN.length;
    }
    weight += suffixN.length;
  }
  return weight === 0 ? undefined : total / weight;
}

/** Cheap context score: length of exact agreement next to the quote, in [0, 1]. */
function cheapContext(nt: string, s: number, e: number, prefixN: string | undefined, suffixN: string | undefined): number {
  let agree = 0;
  let weight = 0;
  if (prefixN) {
    let k = 0;
    while (k < prefixN.length && s - 1 - k >= 0 && nt.charCodeAt(s - 1 - k) === prefixN.charCodeAt(prefixN.length - 1 - k)) k++;
    agree += k;
    weight += prefixN.length;
  }
  if (suffixN) {
    let k = 0;
    while (k < suffixN.length && e + k < nt.length && nt.charCodeAt(e + k) === suffixN.charCodeAt(k)) k++;
    agree += k;
    weight += suffixN.length;
  }
  return weight === 0 ? 0 : agree / weight;
}

/** Re-anchor one target on `text`. For many targets on the same text use `resolveAnchors`. */
export function resolveAnchor(text: string, target: AnnotationTarget): AnchorResult {
  return new AnchorIndex(text).resolve(target);
}

/** Re-anchor many targets on one text, sharing the normalisation and occurrence index. */
export function resolveAnchors(text: string, targets: readonly AnnotationTarget[]): AnchorResult[] {
  return new AnchorIndex(text).resolveAll(targets);
}
