// Merging a local (possibly unsaved) annotation list with the one on disk.

import type { Annotation } from './types';

/** What changed locally since the list was last read from disk. */
export interface MergeChanges {
  /** Ids added or edited locally (local version wins). */
  changed: Iterable<string>;
  /** Ids deleted locally (removed from the result even if still on disk). */
  removed: Iterable<string>;
}

function stamp(a: Annotation): string {
  return a.updated ?? a.created ?? '';
}

/**
 * Merge by id so that unsaved local changes survive a change on disk.
 *
 * With `changes` (what the store tracks): disk entries are taken as they are, except ids changed
 * locally (local version wins, or is added if new) and ids removed locally (dropped).
 * Without `changes`: the union by id; when both sides have an id, the one with the later
 * `updated`/`created` wins (disk on a tie); entries only on one side are kept.
 * Order: disk order, then local-only entries in local order.
 */
export function mergeById(local: readonly Annotation[], disk: readonly Annotation[], changes?: MergeChanges): Annotation[] {
  const localById = new Map(local.map((a) => [a.id, a] as const));
  const out: Annotation[] = [];
  const seen = new Set<string>();
  if (changes) {
    const changed = new Set(changes.changed);
    const removed = new Set(changes.removed);
    for (const d of disk) {
      seen.add(d.id);
      if (removed.has(d.id)) continue;
      const l = localById.get(d.id);
      out.push(changed.has(d.id) && l ? l : d);
    }
    for (const l of local) if (!seen.has(l.id) && changed.has(l.id) && !removed.has(l.id)) out.push(l);
    return out;
  }
  for (const d of disk) {
    seen.add(d.id);
    const l = localById.get(d.id);
    out.push(l && stamp(l) > stamp(d) ? l : d);
  }
  for (const l of local) if (!seen.has(l.id)) out.push(l);
  return out;
}
