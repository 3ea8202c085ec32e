// The numbers that decide how an annotation re-anchors, in one place. Changing one changes which
// notes come back anchored, moved, fuzzy, for review or orphaned: check the anchoring fixtures
// (test/fixtures/anchoring/cases.json) and the property tests after any change.

/** Characters of context stored before and after the quote. */
export const CONTEXT_LENGTH = 32;
/** A fuzzy match is confident only with at most this share of edits (Levenshtein / quote length). */
export const FUZZY_CONFIDENT_MAX_ERROR_RATE = 0.12;
/** Beyond this share of edits a candidate is not even shown for review. */
export const FUZZY_REVIEW_MAX_ERROR_RATE = 0.2;
/** Minimum context similarity for short targets and confident fuzzy matches. */
export const CONTEXT_AGREE = 0.75;
export const CONTEXT_FUZZY_AGREE = 0.6;
/** Quotes shorter than this (normalised) are "short". */
export const SHORT_LENGTH = 20;
/** A quote found exactly once counts as moved only when at least this much of its stored context
 *  agrees (0.5: one side, before or after, in full). */
export const UNIQUE_CONTEXT_MIN = 0.5;
/** Occurrences whose context similarity is within this of the best one's are tied: the context
 *  cannot tell them apart (about 3 of 64 context characters). */
export const CONTEXT_TIE = 0.05;
/** Margin by which the best exact occurrence must beat the runner-up to be "clearly best". */
export const CLEAR_MARGIN = 0.08;
/** Work allowed for the approximate search of one note, in scan units (approximate.ts, scanCost):
 *  about 50 ms. A search that would cost more is skipped, so a hostile sidecar (quotes of 90 KB) cannot
 *  stall re-anchoring; such a note gets the exact search only, and is orphaned — kept, with its text —
 *  when that fails. Quotes up to about 3,000 characters keep the full approximate search. */
export const FUZZY_WORK_BUDGET = 4_000_000;
/** Stored context longer than this (hand-edited sidecars) is cut to its part next to the quote. */
export const CONTEXT_MAX_LENGTH = 4 * CONTEXT_LENGTH;
