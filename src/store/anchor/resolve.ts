// Re-anchoring: find where an annotation's target is in the current text.
//
// Order (first that holds wins):
//   1. the stored position still holds `exact`                              → anchored
//      (but `exact` with its whole context also elsewhere: a duplicate     → needs-review there)
//   2. `exact` (normalised) occurs once with at least one side of its context, or one
//      occurrence is clearly best by prefix/suffix context and closeness    → moved
//      (several with the same context: position never picks one          → needs-review, nearest;
//       once but out of context, or several and none clearly best          → needs-review)
//   3. approximate search (Myers' bit-parallel algorithm, approx-string-match) with strict
//      thresholds on the quote, plus context and position scoring          → fuzzy / needs-review
//      (fuzzy.ts)
//   4. otherwise                                                           → orphaned
// Short targets (< 20 chars, or one word/name) need exact text AND agreeing context when context
// was stored; they never fuzzy-match and never jump to an occurrence lacking their context (the only
// occurrence keeping one side in full — a moved sentence — is needs-review). Step 3's work per note
// is bounded (FUZZY_WORK_BUDGET): a quote too long to search approximately is orphaned, text kept.
// Matching ignores line endings, whitespace runs and curly vs straight quotes (normalize.ts).
// This file holds steps 1, 2 and 4 and the order; the thresholds are in thresholds.ts.

import type { AnchorResult, AnnotationTarget } from '../types';
import { normalizeForMatch, normalizeString, normIndex } from '../normalize';
import type { NormalizedText } from '../normalize';
import { CLEAR_MARGIN, CONTEXT_AGREE, CONTEXT_LENGTH, CONTEXT_MAX_LENGTH, CONTEXT_TIE, FUZZY_WORK_BUDGET, UNIQUE_CONTEXT_MIN } from './thresholds';
import { isShortNormalized } from './target';
import { cheapContext, contextSimilarity } from './similarity';
import { OccurrenceIndex } from './gramIndex';
import { approximateCandidates } from './approximate';
import type { Region, WorkBudget } from './approximate';
import { anchorResult, candidate } from './candidate';
import type { Candidate, Query } from './candidate';
import { resolveFuzzy } from './fuzzy';

/**
 * Resolver for many targets on one text: normalises the text and builds the occurrence index once
 * (lazily, only when some target is not at its stored position).
 */
export class AnchorIndex {
  private normCache: NormalizedText | undefined;
  private occCache: OccurrenceIndex | undefined;
  private work = 0;
  /** Normalised quotes of targets seen, so resolveAll's second pass does not normalise them again. */
  private readonly exactNCache = new WeakMap<AnnotationTarget, [string, string]>();

  constructor(readonly text: string) {}

  get norm(): NormalizedText {
    if (!this.normCache) this.normCache = normalizeForMatch(this.text);
    return this.normCache;
  }

  private get index(): OccurrenceIndex {
    if (!this.occCache) this.occCache = new OccurrenceIndex(this.norm.text);
    return this.occCache;
  }

  /** Ascending normalised start positions of `pattern` (already normalised) in the text. */
  occurrences(pattern: string, limit?: number): number[] {
    return this.index.occurrences(pattern, limit);
  }

  /** All regions of the normalised text matching `pattern` with at most `maxErr` edits (approximate.ts). */
  approximateCandidates(pattern: string, maxErr: number): Region[] {
    return approximateCandidates(this.index, pattern, maxErr);
  }

  /** The same within a work budget: undefined when the search would cost more than is left. */
  approximateWithin(pattern: string, maxErr: number, budget: WorkBudget): Region[] | undefined {
    return approximateCandidates(this.index, pattern, maxErr, budget);
  }

  /** Work done by approximate searches so far, in scan units (approximate.ts, scanCost): each note
   *  spends at most FUZZY_WORK_BUDGET. */
  get searchWork(): number {
    return this.work;
  }

  /** Re-anchor one target. See the file comment for the algorithm. */
  resolve(target: AnnotationTarget, hint?: number): AnchorResult {
    return this.resolveImpl(target, true, hint)!;
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

  /** The steps in order; with `fuzzy` false, undefined where step 3 would be needed. */
  private resolveImpl(target: AnnotationTarget, fuzzy: boolean, hint?: number): AnchorResult | undefined {
    const text = this.text;
    const exact = target.exact;
    if (typeof exact !== 'string' || exact.length === 0) {
      return { state: 'orphaned', score: 0, reason: 'empty quote' };
    }
    // The normalised quote, once per target (resolveAll's second pass reuses it); short targets by it.
    const cached = this.exactNCache.get(target);
    const exactN = cached && cached[0] === exact ? cached[1] : normalizeString(exact);
    if (!cached) this.exactNCache.set(target, [exact, exactN]);
    const short = isShortNormalized(exactN);
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
        // The same words with the same context elsewhere too (a duplicated paragraph): the stored
        // position cannot tell the copies apart — a copy inserted just before takes its offsets.
        const others = hasContext ? this.sameInContext(target, start, end) : 0;
        if (others > 0) {
          return { state: 'needs-review', start, end, text: exact, score: 0.5, reason: `ambiguous: the quote and its context appear ${others + 1} times; kept at its stored position` };
        }
        return { state: 'anchored', start, end, text: exact, score: 1, reason: 'stored position holds the quote' };
      }
    }

    const norm = this.norm;
    const nt = norm.text;
    const prefixN = target.prefix ? normalizeString(target.prefix.slice(-CONTEXT_MAX_LENGTH)) : undefined;
    const suffixN = target.suffix ? normalizeString(target.suffix.slice(0, CONTEXT_MAX_LENGTH)) : undefined;
    const expected = start !== undefined && start >= 0 ? normIndex(norm, Math.min(start, text.length)) : undefined;

    const posScore = (s: number): number => (expected === undefined ? 0 : 1 / (1 + Math.abs(s - expected) / 1000));
    const q: Query = { exactN, prefixN, suffixN, hasContext, posScore };

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
        cands = cheap.slice(0, 24).map(({ s }) => candidate(nt, s, s + exactN.length, 0, q));
      } else {
        cands = occ.map((s) => candidate(nt, s, s + exactN.length, 0, q));
      }
      cands.sort((a, b) => b.score - a.score || a.s - b.s);
      const n = occ.length;
      // Candidates whose context is as good as the best one's: context cannot tell them apart (a
      // duplicated paragraph), and position alone must not pick one silently — keep the note at the
      // one nearest its old position, for review.
      const topCtx = hasContext ? Math.max(...cands.map((c) => c.ctx ?? 0)) : undefined;
      const tied = topCtx === undefined ? [] : cands.filter((c) => (c.ctx ?? 0) >= topCtx - CONTEXT_TIE);
      if (topCtx !== undefined && tied.length >= 2 && topCtx >= (short ? CONTEXT_AGREE : UNIQUE_CONTEXT_MIN)) {
        const nearest = tied.reduce((a, b) => (b.pos > a.pos ? b : a));
        return anchorResult(this, 'needs-review', nearest, 0.5, `ambiguous: ${tied.length} places with the same words and context; kept at the one nearest its old position`);
      }
      const best = cands[0]!;
      const second = cands[1];
      const contextOk = best.ctx === undefined || best.ctx >= CONTEXT_AGREE;
      if (short && !contextOk) {
        // A short quote whose sentence moved keeps one side of its context: the only occurrence with
        // one side in full is offered for review. Without that, it never jumps to other words.
        const half = cands.filter((c) => (c.ctx ?? 0) >= UNIQUE_CONTEXT_MIN);
        if (half.length === 1) {
          return anchorResult(this, 'needs-review', half[0]!, 0.4, 'short quote found with only one side of its context');
        }
        return { state: 'orphaned', score: 0, reason: 'short quote found only without its context' };
      }
      if (n === 1) {
        // Found once but with neither side of its stored context (each side counts half): these may be
        // the same words elsewhere while the note's own words were deleted. A reviewer confirms.
        if (best.ctx !== undefined && best.ctx < UNIQUE_CONTEXT_MIN) {
          return anchorResult(this, 'needs-review', best, 0.5, 'quote found once, but not in its context');
        }
        return anchorResult(this, 'moved', best, contextOk ? 0.95 : 0.85, 'quote found once');
      }
      if (second && best.score - second.score >= CLEAR_MARGIN) {
        return anchorResult(this, 'moved', best, 0.9, `${n} occurrences, context and position decide`);
      }
      return anchorResult(this, 'needs-review', best, 0.5, `${n} occurrences, none clearly best`);
    }

    // 3. Fuzzy search (long targets only).
    if (short) return { state: 'orphaned', score: 0, reason: 'short quote not found exactly' };
    if (!fuzzy) return undefined;
    const center = hint ?? start;
    const centerN = center !== undefined && center >= 0 ? normIndex(norm, Math.min(center, text.length)) : undefined;
    const budget: WorkBudget = { left: FUZZY_WORK_BUDGET, spent: 0 };
    const result = resolveFuzzy(this, q, centerN, budget);
    this.work += budget.spent;
    return result;
  }

  /** How many other places hold the target's quote with its whole stored context (normalised). */
  private sameInContext(target: AnnotationTarget, start: number, end: number): number {
    const prefix = (target.prefix ?? '').slice(-CONTEXT_MAX_LENGTH);
    const suffix = (target.suffix ?? '').slice(0, CONTEXT_MAX_LENGTH);
    const a = start - prefix.length;
    const b = end + suffix.length;
    const text = this.text;
    // Usually the context is still there: take its normalised form from the index's own text.
    const full =
      a >= 0 && b <= text.length && text.startsWith(prefix, a) && text.startsWith(suffix, end)
        ? this.norm.text.slice(normIndex(this.norm, a), normIndex(this.norm, b))
        : normalizeString(prefix + target.exact + suffix);
    return Math.max(0, this.occurrences(full, 3).length - 1);
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
    const prefixN = target.prefix ? normalizeString(target.prefix.slice(-CONTEXT_MAX_LENGTH)) : undefined;
    const suffixN = target.suffix ? normalizeString(target.suffix.slice(0, CONTEXT_MAX_LENGTH)) : undefined;
    const before = normalizeString(this.text.slice(Math.max(0, start - CONTEXT_LENGTH * 3), start));
    const after = normalizeString(this.text.slice(end, end + CONTEXT_LENGTH * 3));
    const nt = before + '\u0000' + after;
    return contextSimilarity(nt, before.length, before.length + 1, prefixN, suffixN) ?? 1;
  }
}

/** Re-anchor one target on `text`. For many targets on the same text use `resolveAnchors`. */
export function resolveAnchor(text: string, target: AnnotationTarget): AnchorResult {
  return new AnchorIndex(text).resolve(target);
}

/** Re-anchor many targets on one text, sharing the normalisation and occurrence index. */
export function resolveAnchors(text: string, targets: readonly AnnotationTarget[]): AnchorResult[] {
  return new AnchorIndex(text).resolveAll(targets);
}

