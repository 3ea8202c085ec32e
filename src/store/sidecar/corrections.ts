// The sidecar's `corrections:` list (issue 15): reading it from the yaml Document with every problem
// at its line and column (path `corrections[2].type`), and writing it back. A correction is anchored
// exactly like a note: its `id`, `author`, `created`, `note` and `target` are read by the notes'
// own entry reader (entry.ts); this module checks what is particular to corrections (`kind`, `action`,
// `type`, `speaker`). Writing replaces only the `corrections:` block of the file, so the notes above
// it stay byte for byte, and a sidecar whose corrections did not change is not touched here at all.

import { Document, YAMLMap, YAMLSeq, isMap, isScalar, isSeq } from 'yaml';
import type { Node } from 'yaml';
import type { AnnotationTarget, Correction, CorrectionAction, CorrectionKind } from '../types';
import { CORRECTION_ACTIONS, CORRECTION_TYPES } from '../types';
import { readAnnotation } from './entry';
import type { ErrFn } from './entry';
import { lineBreakOf } from './write';

/** A correction and its code-point offsets as the file stores them (target and speaker). */
export interface StoredCorrection {
  correction: Correction;
  cpStart?: number;
  cpEnd?: number;
  speakerCp?: { start?: number; end?: number };
}

export interface ReadCorrections {
  corrections: Correction[];
  nodes: Map<string, YAMLMap>;
  locations: Map<string, { line: number; column: number }>;
  /** Code-point offsets of each correction's target and speaker, by id. */
  cp: Map<string, { start?: number; end?: number; speaker?: { start?: number; end?: number } }>;
}

const KINDS: readonly CorrectionKind[] = ['entity', 'quote'];

function cpOf(node: unknown): { start?: number; end?: number } {
  const out: { start?: number; end?: number } = {};
  if (!isMap(node)) return out;
  const s = node.get('start');
  const e = node.get('end');
  if (typeof s === 'number') out.start = s;
  if (typeof e === 'number') out.end = e;
  return out;
}

/**
 * Read and validate the `corrections` list node (undefined or null: none). Problems go to `err`
 * with paths like `corrections[1].action`; only valid entries are returned.
 */
export function readCorrections(
  listNode: Node | undefined,
  err: ErrFn,
  value: (n: unknown) => unknown,
  toUtf16: (cp: number) => number,
  at: (n: Node) => { line: number; column: number },
  errorCount: () => number,
): ReadCorrections {
  const out: ReadCorrections = { corrections: [], nodes: new Map(), locations: new Map(), cp: new Map() };
  if (listNode === undefined || (isScalar(listNode) && listNode.value === null)) return out;
  if (!isSeq(listNode)) {
    err(listNode, 'corrections', 'corrections must be a list');
    return out;
  }
  const seen = new Map<string, number>();
  listNode.items.forEach((item, i) => {
    const path = `corrections[${i}]`;
    const before = errorCount();
    if (!isMap(item)) {
      err(item as Node, path, 'each correction must be a mapping (id, kind, action, target...)');
      return;
    }
    const base = readAnnotation(item, path, err, value, toUtf16);
    if (!base) return;
    const get = (key: string): { node?: Node; v: unknown } => {
      const node = item.get(key, true) as Node | undefined;
      return node === undefined ? { v: undefined } : { node, v: value(node) };
    };
    const id = base.id;
    if (!id) err(item, `${path}.id`, 'missing "id" (every correction needs one, e.g. c-20261207T101500-k3j9x2)');
    const kind = get('kind');
    const action = get('action');
    const type = get('type');
    if (kind.node === undefined) err(item, `${path}.kind`, 'missing "kind" (entity or quote)');
    else if (typeof kind.v !== 'string' || !(KINDS as readonly string[]).includes(kind.v)) err(kind.node, `${path}.kind`, `kind must be "entity" or "quote", not ${JSON.stringify(kind.v)}`);
    const k = KINDS.find((x) => x === kind.v);
    const allowed = k ? CORRECTION_ACTIONS[k] : ['add', 'retype', 'reject', 'speaker'];
    if (action.node === undefined) err(item, `${path}.action`, `missing "action" (${allowed.join(', ')})`);
    else if (typeof action.v !== 'string' || !allowed.includes(action.v as CorrectionAction)) {
      err(action.node, `${path}.action`, `action must be one of ${allowed.join(', ')}${k ? ` for a ${k} correction` : ''}, not ${JSON.stringify(action.v)}`);
    }
    const needsType = k === 'entity' && (action.v === 'add' || action.v === 'retype');
    if (type.node !== undefined && type.v !== null) {
      if (typeof type.v !== 'string' || !(CORRECTION_TYPES as readonly string[]).includes(type.v)) {
        err(type.node, `${path}.type`, `type must be an OntoNotes label (${CORRECTION_TYPES.join(', ')}), not ${JSON.stringify(type.v)}`);
      } else if (k === 'quote') err(type.node, `${path}.type`, 'type is for entity corrections only');
    } else if (needsType) {
      err(item, `${path}.type`, `missing "type" (the OntoNotes label an entity ${String(action.v)} gives, e.g. PERSON)`);
    }
    const speakerNode = item.get('speaker', true) as Node | undefined;
    let speaker: AnnotationTarget | undefined;
    let speakerCp: { start?: number; end?: number } | undefined;
    if (speakerNode !== undefined && !(isScalar(speakerNode) && speakerNode.value === null)) {
      if (k === 'entity') err(speakerNode, `${path}.speaker`, 'speaker is for quote corrections only');
      // The speaker is a target too: the notes' reader validates it (exact, prefix, suffix, start, end).
      const wrapped = new YAMLMap();
      wrapped.set('target', speakerNode);
      const read = readAnnotation(wrapped, path, (n, p, m) => err(n, p.replace(`${path}.target`, `${path}.speaker`), m), value, toUtf16);
      speaker = read?.target;
      speakerCp = cpOf(speakerNode);
    } else if (k === 'quote' && action.v === 'speaker') {
      err(item, `${path}.speaker`, 'missing "speaker" (the mention the quotation is attributed to: exact, start, end)');
    }
    if (errorCount() > before) return;
    if (seen.has(id)) {
      err((item.get('id', true) as Node | undefined) ?? item, `${path}.id`, `duplicate correction id "${id}" (also at corrections[${seen.get(id)}])`);
      return;
    }
    seen.set(id, i);
    const c: Correction = { id, kind: k!, action: action.v as CorrectionAction, target: base.target };
    if (typeof type.v === 'string') c.type = type.v;
    if (speaker) c.speaker = speaker;
    if (base.author !== undefined) c.author = base.author;
    if (base.created !== undefined) c.created = base.created;
    if (base.note !== undefined) c.note = base.note;
    out.corrections.push(c);
    out.nodes.set(id, item);
    out.locations.set(id, at(item));
    const cp: { start?: number; end?: number; speaker?: { start?: number; end?: number } } = cpOf(item.get('target', true));
    if (speakerCp) cp.speaker = speakerCp;
    out.cp.set(id, cp);
  });
  return out;
}

const FIELD_ORDER = ['id', 'kind', 'action', 'type'] as const;

function storedTarget(t: AnnotationTarget, cp: { start?: number; end?: number } | undefined, withContext: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = { exact: t.exact };
  if (withContext && t.prefix !== undefined) out.prefix = t.prefix;
  if (withContext && t.suffix !== undefined) out.suffix = t.suffix;
  if (cp?.start !== undefined) out.start = cp.start;
  if (cp?.end !== undefined) out.end = cp.end;
  return out;
}

/** The plain form of a correction as the file stores it (key order as in the issue's example). */
export function plainCorrection(s: StoredCorrection): Record<string, unknown> {
  const c = s.correction;
  const out: Record<string, unknown> = {};
  for (const k of FIELD_ORDER) if (c[k] !== undefined) out[k] = c[k];
  if (c.speaker) out.speaker = storedTarget(c.speaker, s.speakerCp, true);
  if (c.author !== undefined) out.author = c.author;
  if (c.created !== undefined) out.created = c.created;
  if (c.note !== undefined) out.note = c.note;
  const cp: { start?: number; end?: number } = {};
  if (s.cpStart !== undefined) cp.start = s.cpStart;
  if (s.cpEnd !== undefined) cp.end = s.cpEnd;
  out.target = storedTarget(c.target, cp, true);
  return out;
}

/** Offset of the top-level `corrections` key in the text `parsed` was read from (undefined: none). */
export function correctionsKeyStart(parsed: { doc?: Document } | undefined): number | undefined {
  const root = parsed?.doc?.contents;
  if (!isMap(root)) return undefined;
  const pair = root.items.find((p) => isScalar(p.key) && p.key.value === 'corrections');
  const range = pair && isScalar(pair.key) ? pair.key.range : undefined;
  return range ? range[0] : undefined;
}

export type CorrectionOp = { kind: 'upsert'; stored: StoredCorrection } | { kind: 'remove' };

/** Offsets of the top-level `corrections:` block in `src`: from its key line to the next top-level
 *  key (comment lines just above that key stay with it). Undefined when there is none. */
export function correctionsBlock(src: string, keyStart?: number): { start: number; end: number } | undefined {
  // Where the parser put the key, when known (a line "corrections:" inside a quoted note is not it).
  const m = keyStart === undefined ? /^corrections[ \t]*:/m.exec(src) : undefined;
  if (keyStart === undefined && !m) return undefined;
  const start = keyStart ?? m!.index;
  let pos = src.indexOf('\n', start);
  if (pos < 0) return { start, end: src.length };
  pos++;
  let end = src.length;
  let lastContentEnd = pos;
  while (pos < src.length) {
    const nl = src.indexOf('\n', pos);
    const lineEnd = nl < 0 ? src.length : nl + 1;
    const line = src.slice(pos, lineEnd).replace(/\r?\n$/, '');
    const trimmed = line.trim();
    if (trimmed === '' || (trimmed.startsWith('#') && !/^\S/.test(line))) {
      // blank or indented comment: inside the block unless the block ends after it
    } else if (/^#/.test(line)) {
      // a comment at column 0: belongs to what follows
    } else if (/^[^\s#-]/.test(line) || /^(?:---|\.\.\.)/.test(line)) {
      end = lastContentEnd;
      break;
    } else {
      lastContentEnd = lineEnd;
    }
    pos = lineEnd;
    if (pos >= src.length) end = src.length;
  }
  return { start, end };
}

/**
 * `src` with its `corrections:` block replaced by `list` (the entries in file order, as nodes of the
 * parsed document, which keep their comments, or new plain entries). An empty list removes the block.
 * Without a block, one is appended at the end of the file.
 */
export function replaceCorrectionsBlock(src: string, list: readonly (YAMLMap | Record<string, unknown>)[], original?: unknown, keyStart?: number): string {
  const nl = src.length > 0 ? lineBreakOf(src) : '\n';
  let rendered = '';
  if (list.length > 0) {
    const doc = new Document({}, { version: '1.2' });
    const seq = new YAMLSeq();
    for (const item of list) seq.items.push(isMap(item) ? item : doc.createNode(item));
    // Comments the parser gave the list itself (above its first entry, after its last) stay.
    if (isSeq(original)) {
      seq.commentBefore = original.commentBefore;
      seq.comment = original.comment;
    }
    (doc.contents as YAMLMap).set('corrections', seq);
    rendered = doc.toString({ lineWidth: 0, minContentWidth: 0 });
    if (nl === '\r\n') rendered = rendered.replace(/\r?\n/g, '\r\n');
  }
  const block = correctionsBlock(src, keyStart);
  if (block) return src.slice(0, block.start) + rendered + src.slice(block.end);
  if (!rendered) return src;
  return src + (src.length > 0 && !src.endsWith('\n') ? nl : '') + rendered;
}
