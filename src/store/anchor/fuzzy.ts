// Step 3 of re-anchoring, for long quotes not found exactly: approximate search — first in a
// window around where the quote probably is, then for confident matches anywhere — and the
// decision on the best candidate: fuzzy (confident), needs-review (plausible) or orphaned.

import type { AnchorResult } from '../types';
import type { NormalizedText } from '../normalize';
import { CLEAR_MARGIN, CONTEXT_FUZZY_AGREE, FUZZY_CONFIDENT_MAX_ERROR_RATE, FUZZY_REVIEW_MAX_ERROR_RATE } from './thresholds';
import { regions, searchWindow } from './approximate';
import type { Region, WorkBudget } from './approximate';
import { anchorResult, candidate } from './candidate';
import type { Candidate, Query } from './candidate';
import { snap } from './snap';

/** The text searched: original and normalised, and approximate search over all of it within a
 *  work budget (undefined: not searched, it would cost more than is left). */
export interface SearchText {
  readonly text: string;
  readonly norm: NormalizedText;
  approximateWithin(pattern: string, maxErr: number, budget: WorkBudget): Region[] | undefined;
}

/**
 * Find `q` approximately in `on`, searching first around the normalised position `centerN`. Every
 * search is paid from `budget` (one note's share, FUZZY_WORK_BUDGET); a search it cannot pay for is
 * skipped, and when nothing could be searched the note is orphaned with a reason saying so — never
 * placed on a guess.
 */
export function resolveFuzzy(on: SearchText, q: Query, centerN: number | undefined, budget: WorkBudget): AnchorResult {
  const nt = on.norm.text;
  const m = q.exactN.length;
  const maxReview = Math.floor(m * FUZZY_REVIEW_MAX_ERROR_RATE);
  let skipped = false;
  const paid = (found: Region[] | undefined): Region[] => {
    if (found === undefined) skipped = true;
    return found ?? [];
  };
  const decideRegions = (found: Region[]): AnchorResult =>
    found.length === 0
      ? { state: 'orphaned', score: 0, reason: skipped ? `quote of ${m} characters not found exactly, and too long to search approximately` : 'quote not found, even approximately' }
      : decide(on, regions(found).map((r) => candidate(nt, r.start, r.end, r.errors, q)), q);

  // 1. A window around where the quote probably is (or the whole text if that is small),
  //    at the review threshold. A confident result there is accepted.
  const from = centerN === undefined ? 0 : Math.max(0, centerN - 2 * m - 2000);
  const to = centerN === undefined ? nt.length : Math.min(nt.length, centerN + 3 * m + 2000);
  const whole = from === 0 && to === nt.length;
  if (whole && nt.length > 200_000 && centerN === undefined) {
    // No position hint on a big text: confident matches anywhere, else nothing.
    return decideRegions(paid(on.approximateWithin(q.exactN, Math.floor(m * FUZZY_CONFIDENT_MAX_ERROR_RATE), budget)));
  }
  const windowFound = paid(whole ? on.approximateWithin(q.exactN, maxReview, budget) : searchWindow(nt, q.exactN, maxReview, from, to, budget));
  if (whole) return decideRegions(windowFound);
  if (windowFound.length > 0) {
    const res = decideRegions(windowFound);
    if (res.state === 'fuzzy') return res;
  }
  // 2. Confident matches anywhere in the text (filtered search): the quote may have moved far.
  const far = paid(on.approximateWithin(q.exactN, Math.floor(m * FUZZY_CONFIDENT_MAX_ERROR_RATE), budget));
  if (far.length > 0) return decideRegions([...far, ...windowFound]);
  // 3. Only weak matches near the expected place: review or orphan.
  return decideRegions(windowFound);
}

/** Pick the best approximate candidate and classify it (fuzzy / needs-review / orphaned). */
function decide(on: SearchText, cands: Candidate[], q: Query): AnchorResult {
  const m = q.exactN.length;
  const maxReview = Math.floor(m * FUZZY_REVIEW_MAX_ERROR_RATE);
  const maxConfident = Math.floor(m * FUZZY_CONFIDENT_MAX_ERROR_RATE);
  // Best by quote errors first, then context and position.
  const rank = (c: Candidate): number => (1 - c.errors / m) * 0.6 + c.score * 0.4;
  cands.sort((a, b) => rank(b) - rank(a) || a.s - b.s);
  const runnerUp: Candidate | undefined = cands[1];
  const best = snap(on.norm.text, cands[0]!, q);
  const errors = best.errors;
  const quoteSim = 1 - errors / m;
  const ambiguous = runnerUp !== undefined && rank(best) - rank(runnerUp) < CLEAR_MARGIN;
  const ctx = best.ctx;
  if (
    errors <= maxConfident &&
    !ambiguous &&
    ((q.hasContext && ctx !== undefined && ctx >= CONTEXT_FUZZY_AGREE) || (!q.hasContext && errors <= Math.floor(m * 0.05)))
  ) {
    return anchorResult(on, 'fuzzy', best, Math.min(0.9, 0.5 + 0.4 * quoteSim * (ctx ?? 0.5)), `approximate match, ${errors} edit(s)`);
  }
  if (errors <= maxReview && (ctx === undefined || ctx >= 0.4 || quoteSim >= 0.9)) {
    const why = ambiguous ? 'several approximate matches' : errors > maxConfident ? `${errors} edit(s) in the quote` : 'context disagrees';
    return anchorResult(on, 'needs-review', best, 0.3, `uncertain: ${why}`);
  }
  return { state: 'orphaned', score: 0, reason: 'only a poor approximate match' };
}
