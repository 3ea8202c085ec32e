// Three-way merge of sidecar files by annotation id (a git merge driver's core).
//
// Git's line-based merge already merges most concurrent additions cleanly because entries are
// kept sorted by position; this merge also handles two notes added at the same place, one side
// editing a note while the other adds replies, etc. Register it with:
//   .gitattributes:   *.annotations.yaml merge=news-lens
//   git config merge.news-lens.name "News Lens annotations"
//   git config merge.news-lens.driver "news-lens merge-driver %O %A %B"

import type { Document, YAMLMap } from 'yaml';
import { isMap, isSeq } from 'yaml';
import type { Annotation, Reply } from './types';
import { annotationsSeq, insertNode, parseSidecarInternal, stringifySidecar, updateEntry } from './sidecar';
import type { StoredAnnotation } from './sidecar';

export interface Merge3Result {
  /** Merged file content (ours, with their changes applied). Undefined when a side is invalid. */
  merged?: string;
  /** Human-readable descriptions of conflicts that needed a choice (ours was kept). */
  conflicts: string[];
  /** Set when a side could not be parsed; nothing was merged. */
  error?: string;
}

type Fields = Record<string, unknown>;

/** Plain comparable form of an annotation (code-point offsets as in the file). */
function fields(a: Annotation): Fields {
  const f: Fields = {};
  for (const k of ['label', 'note', 'author', 'created', 'updated', 'status'] as const) f[k] = a[k];
  f.target = JSON.stringify(a.target);
  return f;
}

function same(a: unknown, b: unknown): boolean {
  return a === b;
}

function cpOf(node: YAMLMap | undefined): { cpStart?: number; cpEnd?: number } {
  const out: { cpStart?: number; cpEnd?: number } = {};
  const t = node?.get('target', true);
  if (isMap(t)) {
    const s = t.get('start');
    const e = t.get('end');
    if (typeof s === 'number') out.cpStart = s;
    if (typeof e === 'number') out.cpEnd = e;
  }
  return out;
}

function mergeReplies(base: Reply[] = [], ours: Reply[] = [], theirs: Reply[] = []): Reply[] | undefined {
  const baseIds = new Set(base.map((r) => r.id));
  const theirIds = new Set(theirs.map((r) => r.id));
  const ourIds = new Set(ours.map((r) => r.id));
  // Keep ours except replies they deleted; add replies they added.
  const out = ours.filter((r) => !(baseIds.has(r.id) && !theirIds.has(r.id)));
  for (const r of theirs) if (!ourIds.has(r.id) && !baseIds.has(r.id)) out.push(r);
  return out.length ? out : undefined;
}

/**
 * Merge `theirs` into `ours` relative to `base` (file contents; `base` may be '' when the file
 * was added on both sides). Entries are matched by id; for an entry changed on both sides each
 * field is merged separately, and a field changed differently on both sides keeps our value and is
 * reported in `conflicts`. Entries untouched by them keep our formatting byte for byte.
 */
export function mergeSidecarTexts(base: string, ours: string, theirs: string): Merge3Result {
  const pb = parseSidecarInternal(base);
  const po = parseSidecarInternal(ours);
  const pt = parseSidecarInternal(theirs);
  for (const [name, p] of [['base', pb], ['ours', po], ['theirs', pt]] as const) {
    if (p.state !== 'ok') {
      const e = p.errors[0];
      return { conflicts: [], error: `${name}: ${e ? `line ${e.line}, column ${e.column}: ${e.message}` : p.state}` };
    }
  }
  const conflicts: string[] = [];
  const byId = (list: Annotation[]): Map<string, Annotation> => new Map(list.map((a) => [a.id, a]));
  const B = byId(pb.annotations);
  const O = byId(po.annotations);
  const T = byId(pt.annotations);
  // Ours empty (or only comments): take theirs wholesale.
  if (!po.doc || !isMap(po.doc.contents)) return { merged: theirs, conflicts };
  const doc: Document = po.doc;
  let changed = false;
  const removeNode = (node: YAMLMap): void => {
    const seq = annotationsSeq(doc);
    const i = seq.items.indexOf(node);
    if (i >= 0) seq.items.splice(i, 1);
  };

  for (const [id, t] of T) {
    const b = B.get(id);
    const o = O.get(id);
    const tNode = pt.nodes.get(id);
    if (!o) {
      if (!b) {
        // added by them: copy their entry as written (formatting, unknown fields)
        insertNode(doc, tNode!.clone() as YAMLMap);
        changed = true;
      } else if (JSON.stringify(fields(t)) !== JSON.stringify(fields(b))) {
        // we deleted, they modified: keep theirs (never lose a note silently)
        insertNode(doc, tNode!.clone() as YAMLMap);
        conflicts.push(`${id}: deleted here but changed on the other side; kept their version`);
        changed = true;
      }
      continue;
    }
    const fb = b ? fields(b) : {};
    const fo = fields(o);
    const ft = fields(t);
    const mergedA: Annotation = { ...o, target: { ...o.target } };
    let cp = cpOf(po.nodes.get(id));
    let touched = false;
    for (const k of Object.keys(fo)) {
      const vb = fb[k];
      const vo = fo[k];
      const vt = ft[k];
      if (same(vo, vt) || same(vt, vb)) continue;
      if (same(vo, vb) || !b) {
        if (!b && !same(vo, vt)) {
          // added on both sides with the same id (should not happen): keep ours
          conflicts.push(`${id}: added on both sides with different content; kept ours`);
          break;
        }
        touched = true;
        if (k === 'target') {
          mergedA.target = { ...t.target };
          cp = cpOf(tNode);
        } else {
          const v = (t as unknown as Fields)[k];
          if (v === undefined) delete (mergedA as unknown as Fields)[k];
          else (mergedA as unknown as Fields)[k] = v;
        }
      } else {
        conflicts.push(`${id}: "${k}" changed on both sides; kept ours`);
      }
    }
    const replies = mergeReplies(b?.replies, o.replies, t.replies);
    if (JSON.stringify(replies ?? []) !== JSON.stringify(o.replies ?? [])) {
      touched = true;
      if (replies) mergedA.replies = replies;
      else delete mergedA.replies;
    }
    if (touched) {
      updateEntry(doc, po.nodes.get(id)!, { annotation: mergedA, ...cp } as StoredAnnotation);
      changed = true;
    }
  }
  for (const [id, b] of B) {
    if (T.has(id)) continue;
    const o = O.get(id);
    if (!o) continue; // deleted on both sides
    if (JSON.stringify(fields(o)) === JSON.stringify(fields(b)) && JSON.stringify(o.replies ?? []) === JSON.stringify(b.replies ?? [])) {
      removeNode(po.nodes.get(id)!);
      changed = true;
    } else {
      conflicts.push(`${id}: deleted on the other side but changed here; kept ours`);
    }
  }
  if (!changed) return { merged: ours, conflicts };
  const seq = doc.get('annotations', true);
  if (isSeq(seq)) seq.flow = false;
  return { merged: stringifySidecar(doc, ours), conflicts };
}
