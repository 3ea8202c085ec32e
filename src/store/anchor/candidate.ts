// A place where a target might be now, and how it is scored: a normalised range with its quote
// edits, context agreement and closeness to the expected position, built from a `Query` (the
// target prepared for one text), and turned into an AnchorResult on the original text.

import type { AnchorResult } from '../types';
import { origEnd, origStart } from '../normalize';
import type { NormalizedText } from '../normalize';
import { contextSimilarity } from './similarity';

/** A target prepared for search in one normalised text. */
export interface Query {
  /** Normalised quote, prefix and suffix. */
  exactN: string;
  prefixN: string | undefined;
  suffixN: string | undefined;
  /** The target stores a prefix or a suffix. */
  hasContext: boolean;
  /** Closeness in [0, 1] of a normalised start to where the target was (0 when unknown). */
  posScore: (s: number) => number;
}

export interface Candidate {
  /** Normalised range. */
  s: number;
  e: number;
  /** Context similarity, undefined when the target stores no context. */
  ctx: number | undefined;
  pos: number;
  score: number;
  errors: number;
}

/** Context and position in one score; position alone when the target stores no context. */
function combinedScore(ctx: number | undefined, pos: number): number {
  return ctx === undefined ? pos : 0.75 * ctx + 0.25 * pos;
}

/** Score the normalised range [s, e) of `nt`, which matches the quote with `errors` edits. */
export function candidate(nt: string, s: number, e: number, errors: number, q: Query): Candidate {
  const ctx = contextSimilarity(nt, s, e, q.prefixN, q.suffixN);
  const pos = q.posScore(s);
  return { s, e, ctx, pos, errors, score: combinedScore(ctx, pos) };
}

/** A candidate as an AnchorResult: its range mapped back to the original text. */
export function anchorResult(
  on: { readonly text: string; readonly norm: NormalizedText },
  state: AnchorResult['state'],
  c: Candidate,
  score: number,
  reason: string,
): AnchorResult {
  const s = origStart(on.norm, c.s);
  const e = origEnd(on.norm, c.e);
  return { state, start: s, end: e, text: on.text.slice(s, e), score, reason };
}
