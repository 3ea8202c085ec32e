// The three-way merge of the sidecar's `corrections:` list (the git merge driver, merge3.ts), by id:
// a correction added on one side is kept; deleted on one side and unchanged on the other, deleted;
// changed on one side only, that side's version; deleted on one side and changed on the other, kept
// with the change (reported); changed differently on both sides, ours is kept and theirs is kept
// beside it under the id `<id>-theirs` (reported, so git stops and a person chooses). Nothing either
// side wrote is lost, and the file stays valid. Only the `corrections:` block is rewritten, and only
// when the merge changes it.

import type { Document, YAMLMap } from 'yaml';
import { isMap } from 'yaml';
import type { ParsedSidecar } from './sidecar';
import { correctionsKeyStart, replaceCorrectionsBlock } from './sidecar/corrections';

type Json = Record<string, unknown>;

function canon(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x as Json).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : x,
  );
}

function entries(p: ParsedSidecar): Map<string, { node: YAMLMap; c: string }> {
  const out = new Map<string, { node: YAMLMap; c: string }>();
  const doc = p.doc as Document | undefined;
  for (const [id, node] of p.correctionNodes ?? []) out.set(id, { node, c: canon(doc ? node.toJS(doc) : node.toJSON()) });
  return out;
}

/** `merged` (the notes already merged, ours' corrections block) with the corrections merged. */
export function mergeCorrections(merged: string, pb: ParsedSidecar, po: ParsedSidecar, pt: ParsedSidecar, conflicts: string[]): string {
  const B = entries(pb);
  const O = entries(po);
  const T = entries(pt);
  if (O.size === 0 && T.size === 0) return merged;
  const list: YAMLMap[] = [];
  let changed = false;
  for (const [id, o] of O) {
    const b = B.get(id);
    const t = T.get(id);
    if (t) {
      if (o.c === t.c || t.c === b?.c) list.push(o.node);
      else if (b && o.c === b.c) {
        list.push(t.node.clone() as YAMLMap);
        changed = true;
      } else {
        list.push(o.node);
        const theirs = t.node.clone() as YAMLMap;
        let alt = `${id}-theirs`;
        while (O.has(alt) || T.has(alt)) alt += '-x';
        theirs.set('id', alt);
        list.push(theirs);
        conflicts.push(`correction ${id}: changed differently on both sides; ours kept, theirs kept beside it as ${alt}`);
        changed = true;
      }
    } else if (!b) {
      list.push(o.node); // added by us
    } else if (o.c === b.c) {
      changed = true; // deleted by them, unchanged here
    } else {
      list.push(o.node);
      conflicts.push(`correction ${id}: deleted on their side but changed on ours; kept ours`);
    }
  }
  for (const [id, t] of T) {
    if (O.has(id)) continue;
    const b = B.get(id);
    if (b && t.c === b.c) continue; // deleted by us, unchanged there
    if (b) conflicts.push(`correction ${id}: deleted on our side but changed on theirs; kept theirs`);
    list.push(t.node.clone() as YAMLMap);
    changed = true;
  }
  if (!changed) return merged;
  const seq = po.doc?.get('corrections', true);
  // `merged` is not ours' text when the notes were merged: find its key there.
  const keyStart = merged === po.source ? correctionsKeyStart(po as { doc?: Document }) : undefined;
  return replaceCorrectionsBlock(merged, list.filter((n) => isMap(n)), seq, keyStart);
}
