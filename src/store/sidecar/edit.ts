// Edits to a sidecar's yaml Document that keep what a person wrote: comments, key order, quoting
// and unknown fields of entries survive, unchanged values keep their nodes, new keys go after
// their neighbours in the usual order, and new entries are inserted sorted by (start, id) so
// concurrent additions merge cleanly. Every added or changed entry is marked for the writer.

import { Document, YAMLSeq, isMap, isScalar, isSeq } from 'yaml';
import type { YAMLMap } from 'yaml';
import type { Reply } from '../types';
import { SIDECAR_VERSION } from './types';
import type { StoredAnnotation } from './types';
import { markDirty } from './origin';

/** A new, empty v1 sidecar document for `fileName`. */
export function newSidecarDocument(fileName: string): Document {
  const doc = new Document({ version: SIDECAR_VERSION, file: fileName, annotations: [] });
  (doc.contents as YAMLMap).commentBefore = ` News Lens annotations for ${fileName}`;
  const list = doc.get('annotations', true) as YAMLSeq;
  list.flow = false;
  return doc;
}

/** The `annotations` sequence of a document, created if missing. */
export function annotationsSeq(doc: Document): YAMLSeq {
  let seq = doc.get('annotations', true) as unknown;
  if (!isSeq(seq)) {
    seq = new YAMLSeq();
    if (!isMap(doc.contents)) doc.contents = doc.createNode({ version: SIDECAR_VERSION }) as never;
    (doc.contents as YAMLMap).set('annotations', seq);
  }
  const s = seq as YAMLSeq;
  s.flow = false;
  return s;
}

function storedTarget(s: StoredAnnotation): Record<string, unknown> {
  const t = s.annotation.target;
  const out: Record<string, unknown> = { exact: t.exact };
  if (t.prefix !== undefined) out.prefix = t.prefix;
  if (t.suffix !== undefined) out.suffix = t.suffix;
  if (s.cpStart !== undefined) out.start = s.cpStart;
  if (s.cpEnd !== undefined) out.end = s.cpEnd;
  return out;
}

const FIELD_ORDER = ['id', 'label', 'note', 'author', 'created', 'updated', 'status'] as const;

function plainEntry(s: StoredAnnotation): Record<string, unknown> {
  const a = s.annotation;
  const out: Record<string, unknown> = {};
  for (const k of FIELD_ORDER) if (a[k] !== undefined) out[k] = a[k];
  if (a.replies && a.replies.length > 0) out.replies = a.replies.map(plainReply);
  out.target = storedTarget(s);
  return out;
}

function plainReply(r: Reply): Record<string, unknown> {
  const out: Record<string, unknown> = { id: r.id };
  if (r.author !== undefined) out.author = r.author;
  if (r.created !== undefined) out.created = r.created;
  out.body = r.body;
  return out;
}

/** Sort key of an entry node: (start code point, id). Entries without a start sort last. */
function nodeKey(node: unknown): [number, string] {
  if (!isMap(node)) return [Infinity, ''];
  const t = node.get('target', true);
  let start = Infinity;
  if (isMap(t)) {
    const v = t.get('start');
    if (typeof v === 'number') start = v;
  }
  const id = node.get('id');
  return [start, typeof id === 'string' ? id : String(id ?? '')];
}

function keyLess(a: [number, string], b: [number, string]): boolean {
  return a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
}

/** The entry node of a new annotation (not inserted anywhere). */
export function entryNode(doc: Document, s: StoredAnnotation): YAMLMap {
  return doc.createNode(plainEntry(s)) as YAMLMap;
}

/** Insert a new entry at its sorted position (by start, then id) — keeps merges clean. */
export function insertEntry(doc: Document, s: StoredAnnotation): YAMLMap {
  return insertNode(doc, entryNode(doc, s));
}

/** Insert an entry node (e.g. cloned from another document) at its sorted position. */
export function insertNode(doc: Document, node: YAMLMap): YAMLMap {
  const seq = annotationsSeq(doc);
  const key = nodeKey(node);
  let at = seq.items.length;
  for (let i = 0; i < seq.items.length; i++) {
    if (keyLess(key, nodeKey(seq.items[i]))) {
      at = i;
      break;
    }
  }
  if (at === 0 && seq.items.length > 0 && seq.commentBefore) {
    // A comment above the first entry belongs to that entry, not to the new one.
    const first = seq.items[0] as YAMLMap;
    first.commentBefore = first.commentBefore ? `${seq.commentBefore}\n${first.commentBefore}` : seq.commentBefore;
    seq.commentBefore = undefined;
  }
  const neighbour = seq.items[at] ?? seq.items[at - 1];
  if (neighbour && isMap(neighbour) && neighbour.spaceBefore && seq.items.indexOf(neighbour) > 0) node.spaceBefore = true;
  seq.items.splice(at, 0, node);
  markDirty(node);
  return node;
}

/** Append a new entry at the end of the list (for entries already in (start, id) order: in a new
 *  sidecar, appending them sorted gives what `insertEntry` one by one gives, in linear time). */
export function appendEntry(doc: Document, s: StoredAnnotation): YAMLMap {
  const seq = annotationsSeq(doc);
  const node = entryNode(doc, s);
  const last = seq.items[seq.items.length - 1];
  if (last && isMap(last) && last.spaceBefore && seq.items.length > 1) node.spaceBefore = true;
  seq.items.push(node);
  markDirty(node);
  return node;
}

/** Remove the entry with `id`; false if absent. */
export function removeEntry(doc: Document, id: string): boolean {
  const seq = annotationsSeq(doc);
  const i = seq.items.findIndex((n) => isMap(n) && String(n.get('id') ?? '') === id);
  if (i < 0) return false;
  seq.items.splice(i, 1);
  return true;
}

/** Find the entry node with `id`. */
export function findEntry(doc: Document, id: string): YAMLMap | undefined {
  const seq = doc.get('annotations', true);
  if (!isSeq(seq)) return undefined;
  return seq.items.find((n): n is YAMLMap => isMap(n) && String(n.get('id') ?? '') === id);
}

function setOrDelete(doc: Document, map: YAMLMap, key: string, v: unknown, after?: string): void {
  if (v === undefined) {
    if (map.has(key)) map.delete(key);
    return;
  }
  const cur = map.get(key, true);
  if (isScalar(cur) && cur.value === v) return; // unchanged: keep node (and its quoting) as is
  if (cur !== undefined) {
    map.set(key, v);
    return;
  }
  // New key: put it after `after` (keeps a readable key order), else at the end.
  const pair = doc.createPair(key, v);
  const idx = after ? map.items.findIndex((p) => isScalar(p.key) && p.key.value === after) : -1;
  if (idx >= 0) map.items.splice(idx + 1, 0, pair as never);
  else map.items.push(pair as never);
}

/** Update an existing entry node in place: only keys whose value changed are touched. */
export function updateEntry(doc: Document, node: YAMLMap, s: StoredAnnotation): void {
  markDirty(node);
  const a = s.annotation;
  let prev: string | undefined;
  for (const k of FIELD_ORDER) {
    if (k === 'id' && node.has('id')) {
      prev = k;
      continue;
    }
    if (k === 'id') {
      node.items.unshift(doc.createPair('id', a.id) as never);
      prev = k;
      continue;
    }
    setOrDelete(doc, node, k, a[k], prev);
    if (node.has(k)) prev = k;
  }
  // Replies: append new ones (by id), never rewrite existing reply nodes.
  const replies = a.replies ?? [];
  let seq = node.get('replies', true) as unknown;
  if (replies.length > 0) {
    if (!isSeq(seq)) {
      seq = doc.createNode([]);
      (seq as YAMLSeq).flow = false;
      const idx = node.items.findIndex((p) => isScalar(p.key) && p.key.value === 'target');
      const pair = doc.createPair('replies', seq);
      if (idx >= 0) node.items.splice(idx, 0, pair as never);
      else node.items.push(pair as never);
    }
    const rs = seq as YAMLSeq;
    // Same id rule as the reader: a reply without id is known by its 1-based position.
    const replyId = (r: unknown, i: number): string => (isMap(r) ? String(r.get('id') ?? i + 1) : '');
    const have = new Set(rs.items.map(replyId));
    const want = new Set(replies.map((r) => r.id));
    rs.items = rs.items.filter((r, i) => !isMap(r) || want.has(replyId(r, i)));
    for (const r of replies) if (!have.has(r.id)) rs.items.push(doc.createNode(plainReply(r)) as never);
  } else if (isSeq(seq)) {
    node.delete('replies');
  }
  // Target: edit keys in place.
  const t = node.get('target', true) as unknown;
  if (!isMap(t)) {
    node.set('target', doc.createNode(storedTarget(s)));
    return;
  }
  const tm = t as YAMLMap;
  const st = storedTarget(s);
  let after: string | undefined;
  for (const k of ['exact', 'prefix', 'suffix', 'start', 'end']) {
    setOrDelete(doc, tm, k, st[k], after);
    if (tm.has(k)) after = k;
  }
}
