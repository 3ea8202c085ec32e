// Sidecar file format v1: parsing, validation (with line/column) and Document-level edits.
//
// The sidecar is parsed with the `yaml` Document API and edited in place, so comments, key order,
// quoting and unknown fields of entries that were not changed survive a rewrite.

import { Document, LineCounter, YAMLMap, YAMLSeq, isAlias, isCollection, isMap, isScalar, isSeq, parseDocument, visit } from 'yaml';
import type { Node } from 'yaml';
import type { Annotation, AnnotationStatus, AnnotationTarget, Reply, SidecarError, SidecarState } from './types';
import { CodePointMapper } from './offsets';

export const SIDECAR_SUFFIX = '.annotations.yaml';
export const SIDECAR_VERSION = 1;
/** Sidecars larger than this are refused (5 MB). */
export const MAX_SIDECAR_BYTES = 5 * 1024 * 1024;
/** More aliases than this are refused (YAML alias bombs). */
const MAX_ALIASES = 100;

/** `x.txt` → `x.txt.annotations.yaml`. */
export function sidecarPathFor(articlePath: string): string {
  return articlePath + SIDECAR_SUFFIX;
}
/** `x.txt.annotations.yaml` → `x.txt`. */
export function articlePathFor(sidecarPath: string): string {
  if (!isSidecarPath(sidecarPath)) throw new Error(`not a sidecar path: ${sidecarPath}`);
  return sidecarPath.slice(0, -SIDECAR_SUFFIX.length);
}
export function isSidecarPath(path: string): boolean {
  return path.endsWith(SIDECAR_SUFFIX) && path.length > SIDECAR_SUFFIX.length;
}

export interface ParseSidecarOptions {
  /** The article text the stored code-point offsets refer to; without it, offsets are returned
   *  unconverted (code points). */
  articleText?: string;
  maxBytes?: number;
}

export interface SidecarParseResult {
  /** `ok`, `invalid` (read-only) or `conflicted` (read-only, no annotation read). */
  state: Exclude<SidecarState, 'missing'>;
  version?: number;
  file?: string;
  /** Valid annotations, in file order, offsets in UTF-16. Empty when conflicted or unparsable. */
  annotations: Annotation[];
  errors: SidecarError[];
}

/** Internal: parse result with the Document and the node of every valid entry. */
export interface ParsedSidecar extends SidecarParseResult {
  source: string;
  doc?: Document.Parsed;
  /** Per annotation id: its map node in the document. */
  nodes: Map<string, YAMLMap>;
  /** Ids that were missing in the file and were derived from the content. */
  derivedIds: Set<string>;
  /** 1-based line/column of each valid entry in the file, by id. */
  locations: Map<string, { line: number; column: number }>;
}

const ALLOWED_STATUS: readonly AnnotationStatus[] = ['open', 'resolved'];

function decode(source: string | Uint8Array, maxBytes: number): { text?: string; error?: SidecarError } {
  let size: number;
  if (typeof source !== 'string') size = source.byteLength;
  else if (source.length > maxBytes || source.length * 3 <= maxBytes) size = source.length; // ≤ UTF-8 length ≤ 3×
  else size = new TextEncoder().encode(source).byteLength;
  if (size > maxBytes) {
    return { error: { code: 'too-large', message: `annotation file is over the size limit of ${maxBytes} bytes (${size})`, line: 1, column: 1 } };
  }
  let text: string;
  if (typeof source === 'string') {
    text = source;
  } else {
    const nul = source.indexOf(0);
    if (nul >= 0) {
      const before = new TextDecoder().decode(source.subarray(0, nul));
      return { error: { ...position(before), code: 'binary', message: 'annotation file contains NUL bytes (binary content)' } };
    }
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(source);
    } catch {
      return { error: { code: 'binary', message: 'annotation file is not valid UTF-8 text', line: 1, column: 1 } };
    }
  }
  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    return { error: { ...position(text.slice(0, nul)), code: 'binary', message: 'annotation file contains NUL characters (binary content)' } };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text };
}

/** 1-based line/column just after `before`. */
function position(before: string): { line: number; column: number } {
  const lines = before.split(/\r\n|\r|\n/);
  return { line: lines.length, column: lines[lines.length - 1]!.length + 1 };
}

/** Deeper flow nesting or indentation than this is refused (the YAML parser recurses). */
const MAX_NESTING = 1000;
const MAX_INDENT = 512;

/** Cheap pre-scan against nesting bombs ("[[[[…", very deep indentation). */
function nestingError(text: string): SidecarError | undefined {
  let depth = 0;
  let line = 1;
  let col = 0;
  let indent = 0;
  let inIndent = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    col++;
    if (c === 10) {
      line++;
      col = 0;
      indent = 0;
      inIndent = true;
      continue;
    }
    if (inIndent) {
      if (c === 32 || c === 9 || c === 45 /* - */) {
        if (++indent > MAX_INDENT) return { code: 'yaml', message: `indentation deeper than ${MAX_INDENT} columns`, line, column: col };
      } else inIndent = false;
    }
    if (c === 91 || c === 123) {
      if (++depth > MAX_NESTING) return { code: 'yaml', message: `lists or maps nested deeper than ${MAX_NESTING} levels`, line, column: col };
    } else if ((c === 93 || c === 125) && depth > 0) depth--;
  }
  return undefined;
}

const CONFLICT_RE = /^(<{7}|={7}|>{7}|\|{7})(?:[ \t].*)?$/m;

/**
 * Parse and validate a sidecar. Never throws for bad input: problems come back as `errors` with
 * 1-based line and column, and `state` tells whether the file may be written.
 */
export function parseSidecar(source: string | Uint8Array, options: ParseSidecarOptions = {}): SidecarParseResult {
  const { annotations, errors, state, version, file } = parseSidecarInternal(source, options);
  const out: SidecarParseResult = { state, annotations, errors };
  if (version !== undefined) out.version = version;
  if (file !== undefined) out.file = file;
  return out;
}

export function parseSidecarInternal(source: string | Uint8Array, options: ParseSidecarOptions = {}): ParsedSidecar {
  const fail = (state: 'invalid' | 'conflicted', error: SidecarError, src = ''): ParsedSidecar => ({
    state,
    annotations: [],
    errors: [error],
    source: src,
    nodes: new Map(),
    derivedIds: new Set(),
    locations: new Map(),
  });
  const decoded = decode(source, options.maxBytes ?? MAX_SIDECAR_BYTES);
  if (decoded.error) return fail('invalid', decoded.error);
  const text = decoded.text!;

  const deep = nestingError(text);
  if (deep) return fail('invalid', deep, text);

  const conflict = CONFLICT_RE.exec(text);
  if (conflict) {
    return fail(
      'conflicted',
      { ...position(text.slice(0, conflict.index)), code: 'conflict', message: 'annotation file has unresolved merge-conflict markers; resolve the conflict, then reload' },
      text,
    );
  }

  const lineCounter = new LineCounter();
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: true, strict: true, version: '1.2' });
  } catch (e) {
    return fail('invalid', { code: 'yaml', message: `could not parse YAML: ${(e as Error).message}`, line: 1, column: 1 }, text);
  }
  const at = (node: Node | null | undefined): { line: number; column: number } => {
    const off = node?.range?.[0] ?? 0;
    const p = lineCounter.linePos(off);
    return { line: p.line, column: p.col };
  };

  const result: ParsedSidecar = {
    state: 'ok',
    annotations: [],
    errors: [],
    source: text,
    doc,
    nodes: new Map(),
    derivedIds: new Set(),
    locations: new Map(),
  };
  if (doc.errors.length > 0) {
    for (const err of doc.errors) {
      const lp = err.linePos?.[0];
      result.errors.push({
        code: 'yaml',
        message: `YAML syntax error: ${err.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`,
        line: lp?.line ?? 1,
        column: lp?.col ?? 1,
      });
    }
    result.state = 'invalid';
    delete result.doc;
    return result;
  }

  // Aliases: allowed only to scalars, and not too many (alias bombs).
  let aliasCount = 0;
  let aliasError: SidecarError | undefined;
  visit(doc, {
    Alias(_key, node) {
      aliasCount++;
      const target = node.resolve(doc);
      if (!aliasError && (aliasCount > MAX_ALIASES || !target || isCollection(target))) {
        aliasError = {
          ...at(node),
          code: 'alias',
          message: aliasCount > MAX_ALIASES ? `too many YAML aliases (more than ${MAX_ALIASES})` : 'YAML aliases to lists or maps are not allowed in annotation files',
        };
        return visit.BREAK;
      }
      return undefined;
    },
  });
  if (aliasError) {
    result.errors.push(aliasError);
    result.state = 'invalid';
    delete result.doc;
    return result;
  }

  const err = (node: Node | null | undefined, path: string, message: string, code: SidecarError['code'] = 'schema'): void => {
    result.errors.push({ ...at(node), code, message, path });
  };
  const scalarValue = (node: unknown): unknown => {
    if (isAlias(node)) return scalarValue(node.resolve(doc));
    if (isScalar(node)) return node.value;
    return node;
  };

  const root = doc.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) {
    // Empty file: no annotations, writable.
    return result;
  }
  if (!isMap(root)) {
    err(root as Node, '', 'the annotation file must be a YAML mapping with "version", "file" and "annotations"');
    result.state = 'invalid';
    return result;
  }

  const versionNode = root.get('version', true) as Node | undefined;
  const version = scalarValue(versionNode);
  if (versionNode !== undefined) {
    if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
      err(versionNode, 'version', 'version must be a positive integer (1)');
    } else if (version > SIDECAR_VERSION) {
      err(versionNode, 'version', `annotation file format version ${version} is newer than this News Lens supports (${SIDECAR_VERSION}); it will not be modified`, 'version');
    } else {
      result.version = version;
    }
  }
  const fileNode = root.get('file', true) as Node | undefined;
  if (fileNode !== undefined) {
    const f = scalarValue(fileNode);
    if (typeof f !== 'string') err(fileNode, 'file', 'file must be a string (the article file name)');
    else result.file = f;
  }

  const mapper = options.articleText !== undefined ? new CodePointMapper(options.articleText) : undefined;
  const toUtf16 = (cp: number): number => (mapper ? mapper.fromCodePoint(cp) : cp);

  const listNode = root.get('annotations', true) as Node | undefined;
  if (isSeq(listNode) && !listNode.flow) {
    const keyNode = root.items.find((p) => isScalar(p.key) && p.key.value === 'annotations')?.key as Node | undefined;
    ORIGINALS.set(doc, { source: text, items: [...listNode.items] as Node[], keyEnd: keyNode?.range?.[1] ?? 0 });
  }
  if (listNode !== undefined && !(isScalar(listNode) && listNode.value === null)) {
    if (!isSeq(listNode)) {
      err(listNode, 'annotations', 'annotations must be a list');
    } else {
      const seen = new Map<string, number>();
      listNode.items.forEach((item, i) => {
        const path = `annotations[${i}]`;
        const before = result.errors.length;
        const a = readAnnotation(item as Node, path, err, scalarValue, toUtf16);
        if (!a || result.errors.length > before) return;
        let id = a.id;
        if (!id) {
          id = derivedId(a, seen);
          a.id = id;
          result.derivedIds.add(id);
        }
        if (seen.has(id)) {
          const idNode = (item as YAMLMap).get('id', true) as Node | undefined;
          err(idNode ?? (item as Node), `${path}.id`, `duplicate annotation id "${id}" (also at annotations[${seen.get(id)}])`);
          return;
        }
        seen.set(id, i);
        result.annotations.push(a);
        result.nodes.set(id, item as YAMLMap);
        result.locations.set(id, at(item as Node));
      });
    }
  }
  if (result.errors.length > 0) result.state = 'invalid';
  return result;
}

function fnv(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36).padStart(7, '0');
}

/** Stable id for a hand-written entry without one: derived from its content. */
function derivedId(a: Annotation, seen: Map<string, number>): string {
  const base = `h-${fnv(`${a.target.exact}\u0000${a.target.prefix ?? ''}\u0000${a.note ?? ''}\u0000${a.label ?? ''}`)}`;
  let id = base;
  for (let k = 2; seen.has(id); k++) id = `${base}-${k}`;
  return id;
}

type ErrFn = (node: Node | null | undefined, path: string, message: string) => void;

function readAnnotation(
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

// ---------------------------------------------------------------------------------------------
// Document edits

/** Per parsed document: its source and the original entry nodes (for splicing on write). */
const ORIGINALS = new WeakMap<Document, { source: string; items: Node[]; keyEnd: number }>();
/** Entry nodes added or changed since parsing (they are re-serialised; others are copied). */
const DIRTY = new WeakSet<Node>();

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

/** What the file stores for one annotation: offsets in code points. */
export interface StoredAnnotation {
  annotation: Annotation;
  /** Code-point start/end hints (already converted). */
  cpStart?: number;
  cpEnd?: number;
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

/** Insert a new entry at its sorted position (by start, then id) — keeps merges clean. */
export function insertEntry(doc: Document, s: StoredAnnotation): YAMLMap {
  return insertNode(doc, doc.createNode(plainEntry(s)) as YAMLMap);
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
  DIRTY.add(node);
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
  DIRTY.add(node);
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

/** No line folding, so long notes stay on one line and diffs stay small. */
const TO_STRING = { lineWidth: 0, minContentWidth: 0 } as const;

/**
 * Serialise a sidecar document. When the document was parsed from `original` and its entries
 * are a block list, the output is spliced: every entry that was not added or changed is copied
 * from the original text byte for byte (with the comments and blank lines above it), and only
 * added/changed entries are serialised by yaml. Otherwise the whole document is serialised.
 */
export function stringifySidecar(doc: Document, original?: string): string {
  const spliced = original !== undefined ? splice(doc, original) : undefined;
  if (spliced !== undefined) return spliced;
  let out = doc.toString(TO_STRING);
  if (!original) return out;
  out = restoreCommentSpacing(out, original);
  // Keep the file's line endings (e.g. CRLF from a Windows checkout) so a rewrite is not a
  // whole-file diff.
  const crlf = (original.match(/\r\n/g) ?? []).length;
  const lf = (original.match(/\n/g) ?? []).length;
  if (crlf > 0 && crlf * 2 >= lf) out = out.replace(/\n/g, '\r\n');
  // Keep a missing final newline missing.
  if (!/\n$/.test(original) && original.length > 0) out = out.replace(/\r?\n$/, '');
  return out;
}

function lineStartOf(src: string, i: number): number {
  return src.lastIndexOf('\n', i - 1) + 1;
}

/** Serialise one entry node as a block-list item at column `col` (first line unindented). */
function renderItem(node: Node, col: number, nl: string, original: string): string {
  const n = node as Node & { commentBefore?: string | null; spaceBefore?: boolean };
  const cb = n.commentBefore;
  const sb = n.spaceBefore;
  n.commentBefore = undefined;
  n.spaceBefore = undefined;
  let text: string;
  try {
    const tmp = new Document([node], { version: '1.2' });
    text = tmp.toString(TO_STRING);
  } finally {
    n.commentBefore = cb;
    n.spaceBefore = sb;
  }
  text = restoreCommentSpacing(text.replace(/\n+$/, ''), original);
  const pad = ' '.repeat(col);
  return text
    .split('\n')
    .map((line, i) => (i === 0 || line === '' ? line : pad + line))
    .join(nl) + nl;
}

function splice(doc: Document, src: string): string | undefined {
  const orig = ORIGINALS.get(doc);
  if (!orig || orig.source !== src || orig.items.length === 0) return undefined;
  const seq = doc.get('annotations', true);
  if (!isSeq(seq) || seq.flow) return undefined;
  const nl = (src.match(/\r\n/g) ?? []).length * 2 >= (src.match(/\n/g) ?? []).length && src.includes('\r\n') ? '\r\n' : '\n';
  // Regions of the original entries.
  interface Chunk {
    start: number; // start of the comment/blank lines above the entry
    dash: number; // the "-" of the entry
    end: number; // just after the entry's last line
    col: number;
  }
  const chunks = new Map<Node, Chunk>();
  let prevEnd = -1;
  for (const item of orig.items) {
    const r = item.range;
    if (!r) return undefined;
    let dash = r[0] - 1;
    while (dash >= 0 && (src[dash] === ' ' || src[dash] === '\t')) dash--;
    if (src[dash] !== '-') return undefined;
    const ls = lineStartOf(src, dash);
    if (src.slice(ls, dash).trim() !== '') return undefined;
    let end = Math.max(r[2], r[1]);
    while (end > r[1] && (src[end - 1] === ' ' || src[end - 1] === '\t')) end--;
    if (end > 0 && src[end - 1] !== '\n') {
      const n = src.indexOf('\n', end);
      if (n < 0) end = src.length;
      else if (src.slice(end, n).trim() === '') end = n + 1;
      else return undefined;
    }
    let start: number;
    if (prevEnd < 0) {
      // comment and blank lines directly above the first entry belong to it
      start = ls;
      const floor = src.indexOf('\n', orig.keyEnd) + 1;
      while (start > floor) {
        const ps = lineStartOf(src, start - 1);
        const line = src.slice(ps, start).trim();
        if (line !== '' && !line.startsWith('#')) break;
        start = ps;
      }
    } else {
      if (prevEnd > ls) return undefined;
      start = prevEnd;
    }
    chunks.set(item, { start, dash, end, col: dash - ls });
    prevEnd = end;
  }
  const all = [...chunks.values()];
  const first = all[0]!;
  const last = all[all.length - 1]!;
  const spaced = all.slice(1).some((c) => /^[ \t]*\r?\n/.test(src.slice(c.start, c.dash)));
  let out = src.slice(0, first.start);
  for (const item of seq.items) {
    const node = item as Node;
    if (out.length > 0 && !out.endsWith('\n')) out += nl;
    const c = chunks.get(node);
    if (c && !DIRTY.has(node)) out += src.slice(c.start, c.end);
    else if (c) out += src.slice(c.start, c.dash) + renderItem(node, c.col, nl, src);
    else out += (spaced && out !== src.slice(0, first.start) ? nl : '') + ' '.repeat(first.col) + '- ' + renderItem(node, first.col, nl, src).replace(/^- /, '');
  }
  const tail = src.slice(last.end);
  if (tail.length > 0 && !out.endsWith('\n')) out += nl;
  return out + tail;
}

/** A line "<code> # comment" without quotes in <code>: its code and comment parts. */
const COMMENTED_LINE = /^([^'"#]*?\S)([ \t]+)(#.*)$/;

/**
 * yaml re-emits trailing comments with a single space before `#`; put back the original spacing
 * (aligned comments) for lines that are otherwise identical to an original line.
 */
function restoreCommentSpacing(out: string, original: string): string {
  const byKey = new Map<string, string[]>();
  for (const line of original.split(/\r?\n/)) {
    const m = COMMENTED_LINE.exec(line);
    if (!m || m[2] === ' ') continue;
    const key = `${m[1]} ${m[3]}`;
    const list = byKey.get(key);
    if (list) list.push(line);
    else byKey.set(key, [line]);
  }
  if (byKey.size === 0) return out;
  return out
    .split('\n')
    .map((line) => {
      const list = byKey.get(line);
      return list && list.length ? list.shift()! : line;
    })
    .join('\n');
}
