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
/** Margin by which the best exact occurrence must beat the runner-up to be "clearly best". */
export const CLEAR_MARGIN = 0.08;
