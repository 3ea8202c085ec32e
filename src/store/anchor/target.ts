// Making a target from a selection (quote, up to CONTEXT_LENGTH characters of context each side,
// position hint) and telling short targets — which must never fuzzy-match — from long ones.

import type { AnnotationTarget } from '../types';
import { normalizeString } from '../normalize';
import { CONTEXT_LENGTH, SHORT_LENGTH } from './thresholds';

/** True for targets that must never fuzzy-match (< 20 chars or a single word/name). */
export function isShortTarget(exact: string): boolean {
  return isShortNormalized(normalizeString(exact));
}

/** isShortTarget for a quote already normalised (normalizeString). */
export function isShortNormalized(exactN: string): boolean {
  const n = exactN.trim();
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
