// Live tracking while the user types: shift ranges by text edits (pure).

import type { TextEdit, TrackedRange } from './types';

/**
 * Apply `edits` in sequence (each in the coordinates of the text after the previous ones — VS
 * Code's `contentChanges` of one event, sorted descending, satisfy this) to `ranges`, returning
 * new objects (inputs are not mutated; other properties are copied):
 * - an edit entirely before a range, or an insertion exactly at its start, shifts it;
 * - an edit entirely after it, or an insertion exactly at its end, leaves it;
 * - an edit touching the inside sets `needsRecheck: true` (re-run `resolveAnchor` when the user
 *   pauses) and the range becomes: edit inside → grows/shrinks with it; edit cutting the
 *   beginning → starts after the inserted text; edit cutting the end → ends where the edit
 *   starts; whole range replaced → covers the replacement text.
 */
export function shiftAnnotations<T extends TrackedRange>(ranges: readonly T[], edits: readonly TextEdit[]): T[] {
  const out = ranges.map((r) => ({ ...r }));
  for (const edit of edits) {
    const es = edit.start;
    const ee = Math.max(edit.end, edit.start);
    const len = Math.max(0, edit.newLength);
    const delta = len - (ee - es);
    for (const r of out) {
      const s = r.start;
      const e = r.end;
      if (ee <= s) {
        r.start = s + delta;
        r.end = e + delta;
      } else if (es >= e) {
        // after: unchanged
      } else if (es >= s && ee <= e) {
        r.end = e + delta;
        r.needsRecheck = true;
      } else if (es < s && ee <= e) {
        r.start = es + len;
        r.end = e + delta;
        r.needsRecheck = true;
      } else if (es > s && ee > e) {
        r.end = es;
        r.needsRecheck = true;
      } else {
        r.start = es;
        r.end = es + len;
        r.needsRecheck = true;
      }
    }
  }
  return out as T[];
}
