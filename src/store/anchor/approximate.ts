// Approximate search for a quote in the normalised text: every region matching with at most a
// given number of edits (Myers' bit-parallel algorithm, approx-string-match), found either in a
// window or over the whole text through a pigeonhole filter on the occurrence index.

import search from 'approx-string-match';
import { GRAM } from './gramIndex';
import type { OccurrenceIndex } from './gramIndex';

/** Work of one bit-parallel scan (approx-string-match) of `textLength` characters for a pattern of
 *  `m`: one step per 32-character word of the pattern per character, plus a per-character overhead. */
export function scanCost(m: number, textLength: number): number {
  return (Math.ceil(m / 32) + 4) * Math.max(0, textLength);
}

/** Work left for one note's approximate search, and the work spent (scan units, see scanCost). */
export interface WorkBudget {
  left: number;
  spent: number;
}

/** Work units charged per piece occurrence collected (and sorted) by the filter. */
const HIT_COST = 16;

/** Take `cost` from the budget; false (nothing taken) when it is not affordable. No budget: free. */
function spend(budget: WorkBudget | undefined, cost: number): boolean {
  if (!budget) return true;
  if (cost > budget.left) return false;
  budget.left -= cost;
  budget.spent += cost;
  return true;
}

/** A matching range of the normalised text and its edit count. */
export interface Region {
  start: number;
  end: number;
  errors: number;
}

/** Merge overlapping approx-string-match results into regions (keeping the fewest errors). */
export function regions(matches: Region[]): Region[] {
  const sorted = [...matches].sort((a, b) => a.start - b.start || a.errors - b.errors);
  const out: Region[] = [];
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

/** Regions of `t` matching `pattern`. approx-string-match only reports the best matches: when
 *  there is a single one, mask it and look for a runner-up elsewhere. */
function searchWithRunnerUp(t: string, pattern: string, maxErr: number): Region[] {
  const found = regions(search(t, pattern, maxErr));
  if (found.length === 1) {
    const b = found[0]!;
    const masked = t.slice(0, b.start) + '\u0000'.repeat(b.end - b.start) + t.slice(b.end);
    found.push(...regions(search(masked, pattern, maxErr)));
  }
  return found;
}

/** Approximate matches in nt[from, to), with a runner-up search when there is a single one;
 *  undefined (not searched) when the two scans would cost more than the budget has left. */
export function searchWindow(nt: string, pattern: string, maxErr: number, from: number, to: number, budget?: WorkBudget): Region[] | undefined {
  if (!spend(budget, 2 * scanCost(pattern.length, to - from))) return undefined;
  return searchWithRunnerUp(nt.slice(from, to), pattern, maxErr).map((r) => ({ start: r.start + from, end: r.end + from, errors: r.errors }));
}

/**
 * All regions of the normalised text matching `pattern` with at most `maxErr` edits, each with
 * its best match. Filter-then-verify: split the pattern into maxErr + s disjoint pieces; a match
 * with ≤ maxErr edits contains at least s of them exactly (pigeonhole), at implied start
 * positions within 2·maxErr of each other. Piece occurrences come from the k-gram index; only
 * neighbourhoods where s distinct pieces agree are verified with approx-string-match (Myers'
 * bit-parallel algorithm). Falls back to a full scan when the pieces are too short.
 */
export function approximateCandidates(index: OccurrenceIndex, pattern: string, maxErr: number): Region[];
/** With a budget: undefined (not searched) when the search would cost more than is left. */
export function approximateCandidates(index: OccurrenceIndex, pattern: string, maxErr: number, budget: WorkBudget): Region[] | undefined;
export function approximateCandidates(index: OccurrenceIndex, pattern: string, maxErr: number, budget?: WorkBudget): Region[] | undefined {
  const nt = index.text;
  const m = pattern.length;
  // Any verification scans at least m + 2·maxErr characters: give up at once if even that is too much.
  if (budget && scanCost(m, Math.min(nt.length, m + 2 * maxErr)) > budget.left) return undefined;
  const fullScan = (): Region[] | undefined => (spend(budget, 2 * scanCost(m, nt.length)) ? searchWithRunnerUp(nt, pattern, maxErr) : undefined);
  // More pieces (shorter) but more of them required to agree: a stronger filter while the
  // pieces stay long enough to be selective.
  let need = 1;
  while (need < 4 && Math.floor(m / (maxErr + need + 1)) >= 5) need++;
  const pieces = maxErr + need;
  const len = Math.floor(m / pieces);
  if (len < 4 || nt.length < 4 * m) return fullScan();
  // One piece per slot of `len` chars; within a slot longer than GRAM, use its rarest GRAM-gram.
  const k = Math.min(GRAM, len);
  const g = index.gramIndex(k);
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
    for (const o of index.occurrences(pattern.slice(bestOff, bestOff + k))) {
      hitStart.push(o - bestOff);
      hitPiece.push(i);
    }
    if (hitStart.length > 500_000) return fullScan();
    // Collecting and sorting hits is work too (a few units per hit).
    if (budget && HIT_COST * hitStart.length > budget.left) return undefined;
  }
  if (hitStart.length === 0) return [];
  spend(budget, Math.min(budget?.left ?? 0, HIT_COST * hitStart.length));
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
  // Neighbourhoods to verify (merged), priced before any is scanned.
  const ranges: [number, number][] = [];
  let rs = Math.max(0, qualified[0]! - maxErr);
  let re = Math.min(nt.length, qualified[0]! + m + maxErr);
  for (let i = 1; i < qualified.length; i++) {
    const s = Math.max(0, qualified[i]! - maxErr);
    const e = Math.min(nt.length, qualified[i]! + m + maxErr);
    if (s <= re) {
      re = Math.max(re, e);
    } else {
      ranges.push([rs, re]);
      rs = s;
      re = e;
    }
  }
  ranges.push([rs, re]);
  if (!spend(budget, ranges.reduce((sum, [s, e]) => sum + scanCost(m, e - s), 0))) return undefined;
  const out: Region[] = [];
  for (const [s, e] of ranges) {
    for (const r of regions(search(nt.slice(s, e), pattern, maxErr))) {
      out.push({ start: r.start + s, end: r.end + s, errors: r.errors });
    }
  }
  return regions(out);
}
