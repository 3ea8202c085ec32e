// One annotation entry of a sidecar: schema validation of its fields, replies and target (each
// problem reported at its node, with a path like `annotations[3].target.exact`), conversion to
// an `Annotation` with UTF-16 offsets, and the stable id of a hand-written entry that has none.

import { isMap, isScalar, isSeq } from 'yaml';
import type { Node } from 'yaml';
import type { Annotation, AnnotationStatus, AnnotationTarget, Reply } from '../types';

const ALLOWED_STATUS: readonly AnnotationStatus[] = ['open', 'resolved'];

function fnv(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36).padStart(7, '0');
}

/** Stable id for a hand-written entry without one: derived from its content. */
export function derivedId(a: Annotation, seen: Map<string, number>): string {
  const base = `h-${fnv(`${a.target.exact}\u0000${a.target.prefix ?? ''}\u0000${a.note ?? ''}\u0000${a.label ?? ''}`)}`;
  let id = base;
  for (let k = 2; seen.has(id); k++) id = `${base}-${k}`;
  return id;
}

export type ErrFn = (node: Node | null | undefined, path: string, message: string) => void;

/**
 * Read one entry (`value` resolves aliases, `toUtf16` converts the file's code-point offsets).
 * Problems go to `err`; undefined only when the entry is not a mapping at all.
 */
export function readAnnotation(
  item: Node,
  path: string,
  err: ErrFn,
  value: (n: unknown) => unknown,
  toUtf16: (cp: number) => number,
): Annotation | undefined {
  if (!isMap(item)) {
    err(item, path, 'each annotation must be a mapping (id, label, note, target...)');
    return undefined;
  }
  const str = (key: string, required = false): string | undefined => {
    const node = item.get(key, true) as Node | undefined;
    if (node === undefined) {
      if (required) err(item, `${path}.${key}`, `missing "${key}"`);
      return undefined;
    }
    const v = value(node);
    if (v === null && !required) return undefined;
    if (typeof v === 'number' && key === 'id') return String(v);
    if (typeof v !== 'string') {
      err(node, `${path}.${key}`, `${key} must be a string`);
      return undefined;
    }
    return v;
  };
  const id = str('id');
  if (id !== undefined && id.trim() === '') err(item.get('id', true) as Node, `${path}.id`, 'id must not be empty');
  const a: Annotation = { id: id ?? '', target: { exact: '' } };
  for (const key of ['label', 'note', 'author', 'created', 'updated'] as const) {
    const v = str(key);
    if (v !== undefined) a[key] = v;
  }
  const status = str('status');
  if (status !== undefined) {
    if (!(ALLOWED_STATUS as readonly string[]).includes(status)) err(item.get('status', true) as Node, `${path}.status`, 'status must be "open" or "resolved"');
    else a.status = status as AnnotationStatus;
  }

  const repliesNode = item.get('replies', true) as Node | undefined;
  if (repliesNode !== undefined && !(isScalar(repliesNode) && repliesNode.value === null)) {
    if (!isSeq(repliesNode)) {
      err(repliesNode, `${path}.replies`, 'replies must be a list');
    } else {
      const replies: Reply[] = [];
      repliesNode.items.forEach((r, j) => {
        const rp = `${path}.replies[${j}]`;
        if (!isMap(r)) {
          err(r as Node, rp, 'each reply must be a mapping (id, author, created, body)');
          return;
        }
        const get = (key: string): unknown => value(r.get(key, true));
        const body = get('body');
        if (typeof body !== 'string') {
          err((r.get('body', true) as Node | undefined) ?? r, `${rp}.body`, body === undefined ? 'missing "body"' : 'body must be a string');
          return;
        }
        const reply: Reply = { id: '', body };
        const rid = get('id');
        reply.id = typeof rid === 'string' || typeof rid === 'number' ? String(rid) : `${j + 1}`;
        for (const key of ['author', 'created'] as const) {
          const v = get(key);
          if (v === undefined || v === null) continue;
          if (typeof v !== 'string') err(r.get(key, true) as Node, `${rp}.${key}`, `${key} must be a string`);
          else reply[key] = v;
        }
        replies.push(reply);
      });
      a.replies = replies;
    }
  }

  const targetNode = item.get('target', true) as Node | undefined;
  if (targetNode === undefined) {
    err(item, `${path}.target`, 'missing "target" (with at least "exact")');
    return a;
  }
  if (!isMap(targetNode)) {
    err(targetNode, `${path}.target`, 'target must be a mapping with "exact"');
    return a;
  }
  const tp = `${path}.target`;
  const exactNode = targetNode.get('exact', true) as Node | undefined;
  const exact = value(exactNode);
  if (exactNode === undefined) {
    err(targetNode, `${tp}.exact`, 'missing "exact" (the annotated text)');
  } else if (typeof exact !== 'string' || exact.length === 0) {
    err(exactNode, `${tp}.exact`, typeof exact === 'string' ? 'exact must not be empty' : 'exact must be a string');
  }
  const target: AnnotationTarget = { exact: typeof exact === 'string' ? exact : '' };
  for (const key of ['prefix', 'suffix'] as const) {
    const node = targetNode.get(key, true) as Node | undefined;
    if (node === undefined) continue;
    const v = value(node);
    if (v === null) continue;
    if (typeof v !== 'string') err(node, `${tp}.${key}`, `${key} must be a string`);
    else target[key] = v;
  }
  let cpStart: number | undefined;
  let cpEnd: number | undefined;
  for (const key of ['start', 'end'] as const) {
    const node = targetNode.get(key, true) as Node | undefined;
    if (node === undefined) continue;
    const v = value(node);
    if (v === null) continue;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
      err(node, `${tp}.${key}`, `${key} must be a non-negative integer (a code point offset)`);
    } else if (key === 'start') cpStart = v;
    else cpEnd = v;
  }
  if (cpStart !== undefined && cpEnd !== undefined && cpEnd < cpStart) {
    err(targetNode.get('end', true) as Node, `${tp}.end`, 'end must not be before start');
  } else {
    if (cpStart !== undefined) target.start = toUtf16(cpStart);
    if (cpEnd !== undefined) target.end = toUtf16(cpEnd);
  }
  a.target = target;
  return a;
}
