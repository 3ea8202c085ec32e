// Anchoring as the rest of the store sees it. One job per module:
//   resolve.ts      the order of the steps and steps 1, 2, 4 (AnchorIndex, resolveAnchor(s))
//   fuzzy.ts        step 3: approximate search strategy and the fuzzy / needs-review decision
//   thresholds.ts   the numbers those decisions use
//   target.ts       making a target from a selection; short targets
//   candidate.ts    a scored candidate range, and its AnchorResult
//   similarity.ts   edit distance and context similarity (pure)
//   snap.ts         snapping a fuzzy match to word boundaries
//   gramIndex.ts    exact occurrences through a k-gram index
//   approximate.ts  approximate occurrences (windowed, or filtered over the whole text)

export { AnchorIndex, resolveAnchor, resolveAnchors } from './resolve';
export { createTarget, isShortTarget } from './target';
export { editDistance } from './similarity';
export { CONTEXT_LENGTH, FUZZY_CONFIDENT_MAX_ERROR_RATE, FUZZY_REVIEW_MAX_ERROR_RATE } from './thresholds';
