// Three-way merge of sidecar files by annotation id (a git merge driver's core).
//
// Git's line-based merge already merges most concurrent additions cleanly because entries are
// kept sorted by position; this merge also handles two notes added at the same place, one side
// editing a note while the other adds replies, etc. Register it with:
//   .gitattributes:   *.annotations.yaml merge=news-lens
//   git config merge.news-lens.name "News Lens annotations"
//   git config merge.news-lens.driver "news-lens merge-driver %O %A %B"
//
// The rules (nothing that exists on either side is lost):
// - entries are matched by id, replies by reply id; every key of an entry (known or not) is merged
//   on its own: a key changed on one side only takes that side's value;
// - a key changed differently on both sides is a conflict: the entry is written twice, our
//   version and theirs (each with every clean change applied), between git-style conflict markers
//   around the lines that differ. The sidecar parser reports the markers at their line and the
//   file stays read-only until a person keeps one side; `updated` alone never conflicts (the later
//   timestamp wins);
// - a note (or reply) deleted on one side and changed on the other is kept, with the change, and
//   reported, like git's own modify/delete conflict; deleted on one side and unchanged on the
//   other, it is deleted;
// - replies added on both sides are united, new ones placed by (created, id).

import { Pair, YAMLSeq, isMap, isScalar, isSeq } from 'yaml';
import type { Document, Node, YAMLMap } from 'yaml';
import { annotationsSeq, insertNode, parseSidecarInternal, stringifySidecar } from './sidecar';
import type { ParsedSidecar } from './sidecar';
import { markDirty } from './sidecar/origin';
import { renderItem } from './sidecar/write';
import { mergeCorrections } from './merge3Corrections';

export interface Merge3Result {
  /** Merged file content (ours, with their changes applied). Undefined when a side is invalid. */
  merged?: string;
  /**
   * What a person must look at, one line each; empty when the merge is clean. Field conflicts
   * are left in `merged` between conflict markers (see `markers`); notes and replies deleted on
   * one side but changed on the other are kept in `merged` with the change.
   */
  conflicts: string[];
  /** Number of conflict-marker blocks left in `merged` (the file is then read-only until resolved). */
  markers: number;
  /** Set when a side could not be parsed; nothing was merged. */
  error?: string;
}

/** Conflict marker lines, as git writes them (marker size 7). */
export const CONFLICT_MARKERS = { ours: '<<<<<<< ours', sep: '=======', theirs: '>>>>>>> theirs' } as const;

type Json = Record<string, unknown>;

interface Entry {
  node: YAMLMap;
  /** The entry as plain data, without its id. */
  js: Json;
  /** Canonical form of `js` (for "changed?" comparisons). */
  c: string;
}

/** JSON with object keys sorted, so key order and formatting never count as a change. */
function canon(v: unknown): string | undefined {
  if (v === undefined) return undefined;
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x as Json).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : x,
  );
}

function keyOf(p: Pair): string {
  return isScalar(p.key) ? String(p.key.value) : String(p.key);
}

function entriesOf(p: ParsedSidecar): Map<string, Entry> {
  const out = new Map<string, Entry>();
  for (const [id, node] of p.nodes) {
    const js = node.toJS(p.doc!) as Json;
    delete js.id;
    out.set(id, { node, js, c: canon(js)! });
  }
  return out;
}

/** Give `target` the value `from` has for key `k` (a copy of its node), or remove it if `from`
 *  has none. A new key goes after the key that precedes it in `from`. */
function takeKey(target: YAMLMap, from: YAMLMap, k: string): void {
  const src = from.items.find((p) => keyOf(p) === k);
  if (!src) {
    target.delete(k);
    return;
  }
  const value = src.value && typeof (src.value as Node).clone === 'function' ? (src.value as Node).clone() : src.value;
  placeKey(target, from, k, value, src.key);
}

function placeKey(target: YAMLMap, from: YAMLMap, k: string, value: unknown, key: unknown): void {
  const have = target.items.find((p) => keyOf(p) === k);
  if (have) {
    have.value = value;
    return;
  }
  const pair = new Pair(isScalar(key) ? key.clone() : key, value);
  const order = from.items.map(keyOf);
  const i = order.indexOf(k);
  for (let j = i - 1; j >= 0; j--) {
    const at = target.items.findIndex((p) => keyOf(p) === order[j]);
    if (at >= 0) {
      target.items.splice(at + 1, 0, pair as never);
      return;
    }
  }
  for (let j = i + 1; j < order.length; j++) {
    const at = target.items.findIndex((p) => keyOf(p) === order[j]);
    if (at >= 0) {
      target.items.splice(at, 0, pair as never);
      return;
    }
  }
  target.items.push(pair as never);
}

interface ReplyItem {
  id: string;
  js: Json;
  c: string;
  node: Node;
}

/** The replies of an entry, with the reader's id rule (a reply without id is its 1-based position). */
function repliesOf(e: Entry | undefined): ReplyItem[] {
  const seq = e?.node.get('replies', true);
  const list = Array.isArray(e?.js.replies) ? (e!.js.replies as unknown[]) : [];
  if (!isSeq(seq)) return [];
  return seq.items.map((node, i) => {
    const js = (list[i] ?? {}) as Json;
    const rid = js.id;
    return { id: typeof rid === 'string' || typeof rid === 'number' ? String(rid) : String(i + 1), js, c: canon(js)!, node: node as Node };
  });
}

const copy = (n: Node): Node => n.clone() as Node;

function replyKey(r: ReplyItem): [string, string] {
  return [typeof r.js.created === 'string' ? r.js.created : '\uffff', r.id];
}

interface MergedReply {
  key: [string, string];
  ours: Node;
  theirs: Node;
}

/** Merge the replies of one note by reply id. Returns undefined when ours needs no change. */
function mergeReplies(id: string, b: Entry | undefined, o: Entry, t: Entry, report: (s: string) => void): { list: MergedReply[]; conflicted: string[] } | undefined {
  const B = new Map(repliesOf(b).map((r) => [r.id, r]));
  const O = repliesOf(o);
  const T = repliesOf(t);
  const Tm = new Map(T.map((r) => [r.id, r]));
  const Om = new Set(O.map((r) => r.id));
  const list: MergedReply[] = [];
  const conflicted: string[] = [];
  let changed = false;
  for (const r of O) {
    const br = B.get(r.id);
    const tr = Tm.get(r.id);
    if (tr) {
      if (r.c === tr.c || tr.c === br?.c) list.push({ key: replyKey(r), ours: r.node, theirs: r.node });
      else if (br && r.c === br.c) {
        const n = copy(tr.node);
        list.push({ key: replyKey(tr), ours: n, theirs: n });
        changed = true;
      } else {
        list.push({ key: replyKey(r), ours: r.node, theirs: copy(tr.node) });
        conflicted.push(r.id);
        changed = true;
      }
    } else if (!br) {
      list.push({ key: replyKey(r), ours: r.node, theirs: r.node }); // added by us
    } else if (r.c === br.c) {
      changed = true; // deleted by them, unchanged here
    } else {
      list.push({ key: replyKey(r), ours: r.node, theirs: r.node });
      report(`${id}: reply "${r.id}" was deleted on their side but changed on ours; kept ours`);
    }
  }
  for (const r of T) {
    if (Om.has(r.id)) continue;
    const br = B.get(r.id);
    if (br && r.c === br.c) continue; // deleted by us, unchanged there
    if (br) report(`${id}: reply "${r.id}" was deleted on our side but changed on theirs; kept theirs`);
    const n = copy(r.node);
    const item: MergedReply = { key: replyKey(r), ours: n, theirs: n };
    const at = list.findIndex((x) => item.key[0] < x.key[0] || (item.key[0] === x.key[0] && item.key[1] < x.key[1]));
    list.splice(at < 0 ? list.length : at, 0, item);
    changed = true;
  }
  return changed ? { list, conflicted } : undefined;
}

function setReplies(doc: Document, node: YAMLMap, from: YAMLMap, items: Node[]): void {
  const seq = node.get('replies', true);
  if (items.length === 0) {
    node.delete('replies');
  } else if (isSeq(seq)) {
    seq.items = items;
  } else {
    const s = new YAMLSeq(doc.schema);
    s.items = items;
    placeKey(node, from, 'replies', s, 'replies');
  }
}

interface Conflicted {
  id: string;
  node: YAMLMap;
  theirs: YAMLMap;
  what: string[];
}

/**
 * Merge `theirs` into `ours` relative to `base` (file contents; `base` may be '' when the file
 * was added on both sides). Entries are matched by id and merged key by key (see the rules at
 * the top of this file). Entries untouched by them keep our formatting byte for byte.
 */
export function mergeSidecarTexts(base: string, ours: string, theirs: string): Merge3Result {
  const result = mergeNotes(base, ours, theirs);
  if (result.merged === undefined || result.error || theirs === base || theirs === ours || ours === base) return result;
  // The corrections list, by id (merge3Corrections.ts); the parses are cheap next to the notes' merge.
  const [pb, po, pt] = [base, ours, theirs].map((t) => parseSidecarInternal(t, {}, false));
  if (!pb!.correctionNodes?.size && !po!.correctionNodes?.size && !pt!.correctionNodes?.size) return result;
  return { ...result, merged: mergeCorrections(result.merged, pb!, po!, pt!, result.conflicts) };
}

function mergeNotes(base: string, ours: string, theirs: string): Merge3Result {
  const pb = parseSidecarInternal(base);
  const po = parseSidecarInternal(ours);
  const pt = parseSidecarInternal(theirs);
  for (const [name, p] of [['base', pb], ['ours', po], ['theirs', pt]] as const) {
    if (p.state !== 'ok') {
      const e = p.errors[0];
      return { conflicts: [], markers: 0, error: `${name}: ${e ? `line ${e.line}, column ${e.column}: ${e.message}` : p.state}` };
    }
  }
  if (theirs === base || theirs === ours) return { merged: ours, conflicts: [], markers: 0 };
  if (ours === base) return { merged: theirs, conflicts: [], markers: 0 };
  const conflicts: string[] = [];
  const B = entriesOf(pb);
  const O = entriesOf(po);
  const T = entriesOf(pt);

  // Ours empty (or only comments): their entries, minus those we deleted unchanged.
  if (!po.doc || !isMap(po.doc.contents)) {
    if (!pt.doc || !isMap(pt.doc.contents)) return { merged: ours, conflicts, markers: 0 };
    const doc = pt.doc;
    let dropped = false;
    for (const [id, t] of T) {
      const b = B.get(id);
      if (!b) continue;
      if (t.c === b.c) {
        const seq = annotationsSeq(doc);
        seq.items.splice(seq.items.indexOf(t.node), 1);
        dropped = true;
      } else conflicts.push(`${id}: deleted on our side but changed on theirs; kept their version`);
    }
    return { merged: dropped ? stringifySidecar(doc, theirs) : theirs, conflicts, markers: 0 };
  }

  const doc: Document = po.doc;
  let changed = false;
  const marked: Conflicted[] = [];

  for (const [id, t] of T) {
    const b = B.get(id);
    const o = O.get(id);
    if (!o) {
      if (!b || t.c !== b.c) {
        // added by them, or we deleted it and they changed it (the change wins): copy their entry
        insertNode(doc, t.node.clone() as YAMLMap);
        if (b) conflicts.push(`${id}: deleted on our side but changed on theirs; kept their version`);
        changed = true;
      }
      continue;
    }
    if (o.c === t.c || (b && t.c === b.c)) continue;
    // Changed by them (and maybe by us): merge key by key into our node.
    const node = o.node;
    const keys = [...new Set([...node.items.map(keyOf), ...t.node.items.map(keyOf)])];
    const conflictKeys: string[] = [];
    for (const k of keys) {
      if (k === 'id' || k === 'replies') continue;
      const vb = canon(b?.js[k]);
      const vo = canon(o.js[k]);
      const vt = canon(t.js[k]);
      if (vo === vt || vt === vb) continue;
      if (vo === vb) takeKey(node, t.node, k);
      else if (k === 'updated' && typeof o.js[k] === 'string' && typeof t.js[k] === 'string') {
        if ((t.js[k] as string) > (o.js[k] as string)) takeKey(node, t.node, k);
      } else conflictKeys.push(k);
    }
    const replies = mergeReplies(id, b, o, t, (s) => conflicts.push(s));
    if (replies) setReplies(doc, node, t.node, replies.list.map((r) => r.ours));
    markDirty(node);
    changed = true;
    if (conflictKeys.length === 0 && !replies?.conflicted.length) continue;
    node.flow = false; // a conflicted entry is written in block style, so markers go around lines
    const other = node.clone() as YAMLMap;
    for (const k of conflictKeys) takeKey(other, t.node, k);
    if (replies?.conflicted.length) setReplies(doc, other, t.node, replies.list.map((r) => copy(r.theirs)));
    const what = conflictKeys.map((k) => `"${k}"`);
    for (const r of replies?.conflicted ?? []) what.push(`reply "${r}"`);
    marked.push({ id, node, theirs: other, what });
  }
  for (const [id, b] of B) {
    if (T.has(id)) continue;
    const o = O.get(id);
    if (!o) continue; // deleted on both sides
    if (o.c === b.c) {
      const seq = annotationsSeq(doc);
      seq.items.splice(seq.items.indexOf(o.node), 1);
      changed = true;
    } else {
      conflicts.push(`${id}: deleted on their side but changed on ours; kept ours`);
    }
  }
  if (!changed) return { merged: ours, conflicts, markers: 0 };
  const seq = doc.get('annotations', true);
  if (isSeq(seq)) seq.flow = false;
  if (marked.length === 0) return { merged: stringifySidecar(doc, ours), conflicts, markers: 0 };
  return withMarkers(doc, ours, theirs, marked, conflicts);
}

/**
 * Serialise `doc` with each conflicted entry written as both of its versions between conflict
 * markers (only the lines that differ go between the markers; either side alone is a valid entry).
 */
function withMarkers(doc: Document, ours: string, theirs: string, marked: Conflicted[], conflicts: string[]): Merge3Result {
  let tag = 'news-lens-conflict';
  while (ours.includes(tag)) tag += '-x';
  // Render the document with a one-line placeholder in place of each conflicted entry.
  const saved = marked.map(({ node }, k) => {
    const s = { items: node.items, comment: node.comment };
    node.items = [new Pair(`${tag}-${k}`, 0)] as never;
    node.comment = undefined;
    return s;
  });
  let text: string;
  try {
    text = stringifySidecar(doc, ours);
  } finally {
    marked.forEach(({ node }, k) => {
      node.items = saved[k]!.items;
      node.comment = saved[k]!.comment;
    });
  }
  const placeholder = new RegExp(`^([ \\t]*)- ${tag}-(\\d+): 0(\\r?)$`);
  const out: string[] = [];
  let markers = 0;
  let identical = 0;
  for (const line of text.split('\n')) {
    const m = placeholder.exec(line);
    if (!m) {
      out.push(line);
      continue;
    }
    const col = m[1]!.length;
    const cr = m[3]!;
    const c = marked[Number(m[2])]!;
    const lines = (n: YAMLMap): string[] => {
      const l = renderItem(n, col, '\n', ours).replace(/\n$/, '').split('\n');
      l[0] = m[1]! + l[0];
      return l;
    };
    const a = lines(c.node);
    const b = lines(c.theirs);
    let p = 0;
    while (p < a.length && p < b.length && a[p] === b[p]) p++;
    let s = 0;
    while (s < a.length - p && s < b.length - p && a[a.length - 1 - s] === b[b.length - 1 - s]) s++;
    if (p === a.length && p === b.length) {
      out.push(...a.map((l) => l + cr));
      identical++;
      continue;
    }
    out.push(...a.slice(0, p).map((l) => l + cr));
    const at = out.length + 1;
    out.push(CONFLICT_MARKERS.ours + cr, ...a.slice(p, a.length - s).map((l) => l + cr), CONFLICT_MARKERS.sep + cr);
    out.push(...b.slice(p, b.length - s).map((l) => l + cr), CONFLICT_MARKERS.theirs + cr, ...a.slice(a.length - s).map((l) => l + cr));
    markers++;
    conflicts.push(`${c.id}: ${c.what.join(', ')} changed differently on both sides; both versions left between conflict markers at line ${at}`);
  }
  if (markers + identical !== marked.length) {
    // Not expected: a conflicted entry could not be found in the output. Lose nothing: both
    // whole files between markers, as for an unreadable side.
    const nl = (x: string): string => (x.endsWith('\n') || x === '' ? x : x + '\n');
    conflicts.push('could not write the conflicts note by note; both whole files left between conflict markers');
    return { merged: `${CONFLICT_MARKERS.ours}\n${nl(ours)}${CONFLICT_MARKERS.sep}\n${nl(theirs)}${CONFLICT_MARKERS.theirs}\n`, conflicts, markers: 1 };
  }
  return { merged: out.join('\n'), conflicts, markers };
}
