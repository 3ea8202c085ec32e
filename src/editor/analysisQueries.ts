// Queries over one analysis: what is at an offset, which cluster an id names, where a cluster is
// mentioned. Pure (no `vscode` import), unit-tested in test/unit/editor.util.test.ts; the hover cards, the
// commands, the entity details and the symbols (outline, references, definition) all ask these.
import type { Analysis, Cluster, Entity, Quote, Reference, Span } from '../engine/types';

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

/** The resolved pronoun or description at `offset` (containing it, or ending there). References are in text order. */
export function referenceAt(analysis: Analysis, offset: number): Reference | undefined {
  const refs = analysis.references;
  if (!refs) return undefined;
  let lo = 0, hi = refs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = refs[mid]!;
    if (offset < r.start) hi = mid - 1;
    else if (offset > r.end) lo = mid + 1;
    else return r;
  }
  return undefined;
}

/** One place a cluster is mentioned: by a name, a resolved pronoun or a resolved description. */
export interface ClusterMention extends Span {
  kind: 'name' | Reference['kind'];
}

/** The cluster a name, pronoun or description at `offset` belongs to (a name wins over a reference). */
export function clusterAt(analysis: Analysis, offset: number): Cluster | undefined {
  const entity = entityAt(analysis, offset);
  if (entity) return clusterById(analysis, entity.cluster);
  const ref = referenceAt(analysis, offset);
  return ref ? clusterById(analysis, ref.cluster) : undefined;
}

/** Every mention of a cluster, in text order: its names, then the pronouns and descriptions resolved to it. */
export function clusterMentions(analysis: Analysis, cluster: Cluster): ClusterMention[] {
  const out: ClusterMention[] = [];
  for (const i of cluster.mentions) {
    const e = analysis.entities[i];
    if (e) out.push({ start: e.start, end: e.end, text: e.text, kind: 'name' });
  }
  for (const r of analysis.references ?? []) {
    if (r.cluster === cluster.id) out.push({ start: r.start, end: r.end, text: r.text, kind: r.kind });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Where a cluster is "defined": its first mention by the canonical name; failing that, its first longest
 *  mention (the canonical name is the longest form, so the two agree unless it is a merged form). */
export function definingMention(analysis: Analysis, cluster: Cluster): Entity | undefined {
  let longest: Entity | undefined;
  for (const i of cluster.mentions) {
    const e = analysis.entities[i];
    if (!e) continue;
    if (e.text === cluster.name) return e;
    if (!longest || e.text.length > longest.text.length) longest = e;
  }
  return longest;
}
