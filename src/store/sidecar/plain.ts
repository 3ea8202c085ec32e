// The fast reading path's validation: the plain values of scan.ts → annotations, by the same rules
// as parse.ts and entry.ts. It only has to recognise a valid sidecar: at the first problem it gives
// up (undefined) and the caller parses the yaml Document, which reports every problem at its line
// and column. What it accepts, it reads exactly as the Document path does (the differential test in
// store.fastread.test.ts holds both to that).

import type { Annotation, AnnotationStatus, AnnotationTarget, Reply } from '../types';
import { derivedId } from './entry';
import type { SidecarScan } from './scan';
import { SIDECAR_VERSION } from './types';

export interface PlainRead {
  annotations: Annotation[];
  version?: number;
  file?: string;
  derivedIds: Set<string>;
  locations: Map<string, { line: number; column: number }>;
  /** Code-point offsets stored in each entry's target, by id. */
  cp: Map<string, { start?: number; end?: number }>;
  /** Per entry (in file order): its sort key for inserting new entries — (start, id as written). */
  keys: [number, string][];
}

class Invalid extends Error {}
function invalid(): never {
  throw new Invalid();
}

const isMap = (v: unknown): v is Map<string, unknown> => v instanceof Map;

/** Read validated annotations from a scan; undefined at the first problem. */
export function readPlain(scan: SidecarScan, toUtf16: (cp: number) => number): PlainRead | undefined {
  try {
    return read(scan, toUtf16);
  } catch (e) {
    if (e instanceof Invalid) return undefined;
    throw e;
  }
}

function read(scan: SidecarScan, toUtf16: (cp: number) => number): PlainRead {
  const root = scan.root;
  const out: PlainRead = { annotations: [], derivedIds: new Set(), locations: new Map(), cp: new Map(), keys: [] };
  if (root.has('version')) {
    const v = root.get('version');
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > SIDECAR_VERSION) invalid();
    out.version = v;
  }
  if (root.has('file')) {
    const f = root.get('file');
    if (typeof f !== 'string') invalid();
    out.file = f;
  }
  const list = root.get('annotations');
  if (list === undefined || list === null) return out;
  if (!Array.isArray(list) || !scan.entries) invalid();
  const seen = new Map<string, number>();
  scan.entries.forEach((entry, i) => {
    const a = readEntry(entry.value, toUtf16);
    const rawId = (entry.value as Map<string, unknown>).get('id');
    let id = a.id;
    if (!id) {
      id = derivedId(a, seen);
      a.id = id;
      out.derivedIds.add(id);
    }
    if (seen.has(id)) invalid();
    seen.set(id, i);
    out.annotations.push(a);
    out.locations.set(id, { line: entry.line, column: entry.column });
    const target = (entry.value as Map<string, unknown>).get('target') as Map<string, unknown>;
    const cp: { start?: number; end?: number } = {};
    const s = target.get('start');
    const e = target.get('end');
    if (typeof s === 'number') cp.start = s;
    if (typeof e === 'number') cp.end = e;
    out.cp.set(id, cp);
    out.keys.push([typeof s === 'number' ? s : Infinity, typeof rawId === 'string' ? rawId : String(rawId ?? '')]);
  });
  return out;
}

function readEntry(item: unknown, toUtf16: (cp: number) => number): Annotation {
  if (!isMap(item)) invalid();
  const str = (key: string): string | undefined => {
    if (!item.has(key)) return undefined;
    const v = item.get(key);
    if (v === null) return undefined;
    if (typeof v === 'number' && key === 'id') return String(v);
    if (typeof v !== 'string') invalid();
    return v;
  };
  const id = str('id');
  if (id !== undefined && id.trim() === '') invalid();
  const a: Annotation = { id: id ?? '', target: { exact: '' } };
  for (const key of ['label', 'note', 'author', 'created', 'updated'] as const) {
    const v = str(key);
    if (v !== undefined) a[key] = v;
  }
  const status = str('status');
  if (status !== undefined) {
    if (status !== 'open' && status !== 'resolved') invalid();
    a.status = status as AnnotationStatus;
  }
  const replies = item.get('replies');
  if (item.has('replies') && replies !== null) {
    if (!Array.isArray(replies)) invalid();
    a.replies = replies.map((r, j) => readReply(r, j));
  }
  const t = item.get('target');
  if (!isMap(t)) invalid();
  const exact = t.get('exact');
  if (typeof exact !== 'string' || exact.length === 0) invalid();
  const target: AnnotationTarget = { exact };
  for (const key of ['prefix', 'suffix'] as const) {
    const v = t.get(key);
    if (v === undefined || v === null) continue;
    if (typeof v !== 'string') invalid();
    target[key] = v;
  }
  const cp: { start?: number; end?: number } = {};
  for (const key of ['start', 'end'] as const) {
    const v = t.get(key);
    if (v === undefined || v === null) continue;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) invalid();
    cp[key] = v;
  }
  if (cp.start !== undefined && cp.end !== undefined && cp.end < cp.start) invalid();
  if (cp.start !== undefined) target.start = toUtf16(cp.start);
  if (cp.end !== undefined) target.end = toUtf16(cp.end);
  a.target = target;
  return a;
}

function readReply(r: unknown, j: number): Reply {
  if (!isMap(r)) invalid();
  const body = r.get('body');
  if (typeof body !== 'string') invalid();
  const reply: Reply = { id: '', body };
  const rid = r.get('id');
  reply.id = typeof rid === 'string' || typeof rid === 'number' ? String(rid) : `${j + 1}`;
  for (const key of ['author', 'created'] as const) {
    const v = r.get(key);
    if (v === undefined || v === null) continue;
    if (typeof v !== 'string') invalid();
    reply[key] = v;
  }
  return reply;
}
