// Queries over one analysis: what is at an offset, which cluster an id names. Pure (no `vscode` import),
// unit-tested in test/unit/editor.util.test.ts; the hover cards, the commands and the entity
// details all ask these.
import type { Analysis, Cluster, Entity, Quote } from '../engine/types';

/**
 * The entity at `offset`: the one containing it, or the one ending exactly there (the cursor just after a
 * name still means that name). Entities are in text order and do not overlap.
 */
export function entityAt(analysis: Analysis, offset: number): Entity | undefined {
  // Binary search for the last entity starting at or before the offset.
  const list = analysis.entities;
  let lo = 0;
  let hi = list.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.start <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  const e = found >= 0 ? list[found] : undefined;
  return e && offset < e.end ? e : e && offset === e.end && offset > e.start ? e : undefined;
}

/** The smallest quotation or reported-speech span containing `offset` (a direct quote inside reported speech wins). */
export function quoteAt(analysis: Analysis, offset: number): Quote | undefined {
  let best: Quote | undefined;
  for (const q of analysis.quotes) {
    if (q.start <= offset && offset < q.end && (!best || q.end - q.start < best.end - best.start)) best = q;
  }
  return best;
}

export function clusterById(analysis: Analysis, id: number | undefined): Cluster | undefined {
  if (id === undefined) return undefined;
  // Clusters are numbered in order; fall back to a search if that ever changes.
  const c = analysis.clusters[id];
  return c && c.id === id ? c : analysis.clusters.find((k) => k.id === id);
}
