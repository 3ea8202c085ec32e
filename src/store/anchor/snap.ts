// Snapping a fuzzy match to word boundaries: among nearby starts and ends at word edges, take the
// most word-aligned range whose quote edits stay within the review threshold, so a note never
// starts or ends in the middle of a word because of an edit near its edge.

import { FUZZY_REVIEW_MAX_ERROR_RATE } from './thresholds';
import { editDistance } from './similarity';
import { candidate } from './candidate';
import type { Candidate, Query } from './candidate';

/** Maximum quote length for word-boundary snapping (O(m²) edit distances). */
const SNAP_MAX_LENGTH = 1500;

/** Snap a fuzzy match in `nt` to word boundaries when that does not make it worse than the threshold. */
export function snap(nt: string, c: Candidate, q: Query): Candidate {
  const { exactN, prefixN, suffixN } = q;
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
  return candidate(nt, bestS, bestE, bestErr, q);
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
