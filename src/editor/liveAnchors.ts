// Live anchoring while an article is edited — pure (no `vscode` import), unit-tested in
// test/unit/editor.liveAnchors.test.ts. The annotation manager keeps one `LiveAnchors` per open article.
//
// - `shiftResolved`: VS Code does not move ranges for extensions, so every change event shifts the known
//   positions (the store's `shiftAnnotations`); ranges edited inside are flagged for a re-check.
// - `resolveLive`: anchors annotations on the current text. Positions known from live tracking are kept
//   (untouched ranges hold the very same characters); the rest are re-anchored from their stored target.
//   A re-checked note that the resolver would put somewhere else than where its words were being edited
//   is NOT moved silently: it becomes `needs-review` (shown flagged, listed in Problems).
import {
  AnchorIndex,
  shiftAnnotations,
  type AnchorResult,
  type Annotation,
  type AnnotationTarget,
  type ResolvedAnnotation,
  type TextEdit,
  type TrackedRange,
} from '../store/index';

export interface LiveAnchors {
  resolved: ResolvedAnnotation[];
  /** Ids whose range an edit touched (or that were not placed confidently): re-anchor after a pause. */
  recheck: Set<string>;
  /** Notes whose words were edited away, by id: where those words were (kept shifted). Until the words
   *  come back there, or a person re-attaches the note, any other place found is only `needs-review`. */
  lost: Map<string, TrackedRange>;
}

/** States whose position is trusted enough to be tracked live. */
export const CONFIDENT_STATES: ReadonlySet<string> = new Set(['anchored', 'moved', 'fuzzy']);

export function isConfident(anchor: AnchorResult): boolean {
  return CONFIDENT_STATES.has(anchor.state) && anchor.start !== undefined && anchor.end !== undefined;
}

/**
 * Shift the known positions by one change event. `edits` are in the coordinates of the text before the
 * event, as VS Code reports them (any order). `textOf` returns the new text between two offsets.
 */
export function shiftResolved(live: LiveAnchors, edits: readonly TextEdit[], textOf: (start: number, end: number) => string): LiveAnchors {
  // Applied from the end, each edit is valid in the text left by the previous ones (what shiftAnnotations expects).
  const ordered = [...edits].sort((a, b) => b.start - a.start);
  const placed = live.resolved.flatMap((r, i): Array<TrackedRange & { i: number }> =>
    r.anchor.start !== undefined && r.anchor.end !== undefined ? [{ i, start: r.anchor.start, end: r.anchor.end }] : [],
  );
  const shifted = shiftAnnotations(placed, ordered);
  const lostIds = [...live.lost.keys()];
  const lostShifted = shiftAnnotations(lostIds.map((id) => ({ start: live.lost.get(id)!.start, end: live.lost.get(id)!.end })), ordered);
  const lost = new Map(lostIds.map((id, k) => [id, { start: lostShifted[k]!.start, end: lostShifted[k]!.end }] as const));
  const resolved = live.resolved.map((r) => ({ annotation: r.annotation, anchor: { ...r.anchor } }));
  const recheck = new Set(live.recheck);
  for (const s of shifted) {
    const r = resolved[s.i]!;
    r.anchor.start = s.start;
    r.anchor.end = s.end;
    if (s.needsRecheck) {
      // Only ranges edited inside have new text; the others hold the very same characters.
      r.anchor.text = textOf(s.start, s.end);
      recheck.add(r.annotation.id);
    }
  }
  // Orphans and uncertain ones may come back (undo, retyped text): look at them after the pause too.
  for (const r of resolved) if (!isConfident(r.anchor)) recheck.add(r.annotation.id);
  return { resolved, recheck, lost };
}

function sameTarget(a: AnnotationTarget, b: AnnotationTarget): boolean {
  return a.exact === b.exact && a.start === b.start && a.end === b.end && a.prefix === b.prefix && a.suffix === b.suffix;
}

/**
 * Anchor `annotations` on `text`. `prior` holds the positions known for this same text (from live
 * tracking), or undefined. With `full`, ranges flagged for a re-check are re-anchored (after the pause);
 * without, confident ones keep their shifted range for now (and stay flagged).
 */
export function resolveLive(text: string, annotations: readonly Annotation[], prior: LiveAnchors | undefined, full: boolean): LiveAnchors {
  const known = new Map<string, ResolvedAnnotation>();
  if (prior) for (const r of prior.resolved) known.set(r.annotation.id, r);
  const out: Array<ResolvedAnnotation | undefined> = annotations.map((a) => {
    const p = known.get(a.id);
    // A changed target (re-attached, edited on disk) wins over what was tracked.
    if (!p || !sameTarget(p.annotation.target, a.target)) return undefined;
    if (prior!.recheck.has(a.id) && (full || !isConfident(p.anchor))) return undefined;
    return { annotation: a, anchor: p.anchor };
  });
  const todo = annotations.flatMap((_a, i) => (out[i] ? [] : [i]));
  const lost = new Map<string, TrackedRange>();
  if (prior) {
    for (const a of annotations) {
      const where = prior.lost.get(a.id);
      const was = known.get(a.id);
      if (where && was && sameTarget(was.annotation.target, a.target)) lost.set(a.id, where);
    }
  }
  if (todo.length > 0) {
    const tracked = todo.map((i) => {
      const p = known.get(annotations[i]!.id);
      return p && sameTarget(p.annotation.target, annotations[i]!.target) && isConfident(p.anchor) ? p.anchor : undefined;
    });
    const targets = todo.map((i, j) => {
      const a = annotations[i]!;
      const t = tracked[j];
      // Edited inside: search near where it was last seen, if that range is still plausible.
      if (t && t.end! - t.start! >= a.target.exact.length / 2 && t.end! - t.start! <= a.target.exact.length * 2) {
        return { ...a.target, start: t.start, end: t.end };
      }
      return a.target;
    });
    const anchors = new AnchorIndex(text).resolveAll(targets);
    todo.forEach((i, j) => {
      const id = annotations[i]!.id;
      let anchor = anchors[j]!;
      const t = tracked[j];
      // Where this note's words were last seen being edited, if anywhere.
      const ref = t ? { start: t.start!, end: t.end! } : lost.get(id);
      if (ref) {
        if (anchor.start === undefined || anchor.end === undefined) {
          lost.set(id, ref);
        } else if (anchor.end < ref.start || anchor.start > ref.end) {
          // Similar text elsewhere is another place, not this note's: flag it, never move it there silently.
          anchor = { ...anchor, state: 'needs-review', score: Math.min(anchor.score, 0.5), reason: 'its words were edited away; similar text found elsewhere' };
          lost.set(id, ref);
        } else {
          lost.delete(id);
        }
      }
      out[i] = { annotation: annotations[i]!, anchor };
    });
  }
  const resolved = out as ResolvedAnnotation[];
  const recheck = new Set<string>();
  if (!full && prior) {
    for (const r of resolved) if (prior.recheck.has(r.annotation.id) && isConfident(r.anchor) && known.get(r.annotation.id)?.anchor === r.anchor) recheck.add(r.annotation.id);
  }
  return { resolved, recheck, lost };
}
