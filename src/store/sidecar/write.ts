// Serialising a sidecar Document back to text with the smallest diff: entries that were not
// added or changed are copied from the original text byte for byte (with the comments and blank
// lines above them), only the others are rendered by yaml; line endings, a missing final newline
// and aligned trailing comments of the original are kept. (Writing the file safely is fs.ts.)

import { Document, isSeq } from 'yaml';
import type { Node } from 'yaml';
import type { SidecarError } from '../types';
import { isDirty, originalOf } from './origin';
import { MAX_SIDECAR_BYTES } from './types';
import { decode } from './decode';

/** No line folding, so long notes stay on one line and diffs stay small. */
const TO_STRING = { lineWidth: 0, minContentWidth: 0 } as const;

/** `stringifySidecar` refused: the text would not be read back (e.g. over the size limit). */
export class UnwritableSidecarError extends Error {
  constructor(readonly error: SidecarError) {
    super(error.message);
    this.name = 'UnwritableSidecarError';
  }
}

export interface StringifySidecarOptions {
  /** The size limit the text must stay within to be read back (default `MAX_SIDECAR_BYTES`). */
  maxBytes?: number;
}

/** Never write what cannot be read back: the parser's own size check on the text about to be
 *  written. Throws `UnwritableSidecarError` naming the size and the limit. */
export function assertReadableBack(text: string, maxBytes = MAX_SIDECAR_BYTES): void {
  const checked = decode(text, maxBytes);
  if (!checked.error) return;
  if (checked.error.code !== 'too-large') throw new UnwritableSidecarError(checked.error);
  const size = new TextEncoder().encode(text).byteLength;
  throw new UnwritableSidecarError({
    ...checked.error,
    message:
      `the annotation file would be ${size.toLocaleString('en-US')} bytes, over the size limit of ` +
      `${maxBytes.toLocaleString('en-US')} bytes (${formatMB(maxBytes)}) that News Lens reads; ` +
      'it was not written (shorten or remove a long note)',
  });
}

function formatMB(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}

/**
 * Serialise a sidecar document. When the document was parsed from `original` and its entries
 * are a block list, the output is spliced: every entry that was not added or changed is copied
 * from the original text byte for byte (with the comments and blank lines above it), and only
 * added/changed entries are serialised by yaml. Otherwise the whole document is serialised.
 * Throws `UnwritableSidecarError` when the text could not be read back (over the size limit).
 */
export function stringifySidecar(doc: Document, original?: string, options: StringifySidecarOptions = {}): string {
  const out = render(doc, original);
  assertReadableBack(out, options.maxBytes);
  return out;
}

function render(doc: Document, original: string | undefined): string {
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

/** Serialise one entry node as a block-list item at column `col` (first line unindented; its
 *  comment above is left out). The merge renders the two sides of a conflict with it. */
export function renderItem(node: Node, col: number, nl: string, original: string): string {
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

/** The region of one original entry in the source text. */
export interface Chunk {
  /** Start of the comment and blank lines above the entry that belong to it. */
  start: number;
  /** The entry's "-". */
  dash: number;
  /** Just after the entry's last line. */
  end: number;
  /** Column of the "-". */
  col: number;
}

/** One entry of the output: an original entry copied (`chunk` alone), an original entry re-rendered
 *  (`chunk` and `node`), or a new entry (`node` alone). */
export interface SplicePiece {
  chunk?: Chunk;
  node?: Node;
}

/** The line break a spliced file uses: CRLF when most of its lines end so. */
export function lineBreakOf(src: string): string {
  return (src.match(/\r\n/g) ?? []).length * 2 >= (src.match(/\n/g) ?? []).length && src.includes('\r\n') ? '\r\n' : '\n';
}

/** Where the comment and blank lines directly above the first entry begin (they belong to it);
 *  `keyEnd` is the end of the `annotations` key, `ls` the start of the first entry's line. */
export function firstChunkStart(src: string, keyEnd: number, ls: number): number {
  let start = ls;
  const floor = src.indexOf('\n', keyEnd) + 1;
  while (start > floor) {
    const ps = lineStartOf(src, start - 1);
    const line = src.slice(ps, start).trim();
    if (line !== '' && !line.startsWith('#')) break;
    start = ps;
  }
  return start;
}

function splice(doc: Document, src: string): string | undefined {
  const orig = originalOf(doc);
  if (!orig || orig.source !== src || orig.items.length === 0) return undefined;
  const seq = doc.get('annotations', true);
  if (!isSeq(seq) || seq.flow) return undefined;
  // Regions of the original entries.
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
      start = firstChunkStart(src, orig.keyEnd, ls);
    } else {
      if (prevEnd > ls) return undefined;
      start = prevEnd;
    }
    chunks.set(item, { start, dash, end, col: dash - ls });
    prevEnd = end;
  }
  const pieces = seq.items.map((item): SplicePiece => {
    const node = item as Node;
    const chunk = chunks.get(node);
    return chunk && !isDirty(node) ? { chunk } : chunk ? { chunk, node } : { node };
  });
  return emitSpliced(src, [...chunks.values()], pieces);
}

/**
 * The spliced text: the source up to the first entry, then each piece — an unchanged entry copied
 * byte for byte (with the comment and blank lines above it), a changed one re-rendered under the
 * comment lines above it, a new one rendered at the first entry's column — then the rest of the
 * source. `chunks` are the original entries' regions in source order.
 */
export function emitSpliced(src: string, chunks: readonly Chunk[], pieces: readonly SplicePiece[]): string {
  const nl = lineBreakOf(src);
  const first = chunks[0]!;
  const last = chunks[chunks.length - 1]!;
  const spaced = chunks.slice(1).some((c) => /^[ \t]*\r?\n/.test(src.slice(c.start, c.dash)));
  const head = src.slice(0, first.start);
  const parts: string[] = [head];
  // Whether the output so far ends with a line break, and is still just `head` (tracked, not read
  // back from the growing string: that made a save of 10,000 entries quadratic).
  let endsWithNl = head.endsWith('\n');
  let empty = head.length === 0;
  let atHead = true;
  const push = (s: string): void => {
    if (s.length === 0) return;
    parts.push(s);
    endsWithNl = s.endsWith('\n');
    empty = false;
    atHead = false;
  };
  for (const { chunk: c, node } of pieces) {
    if (!empty && !endsWithNl) push(nl);
    if (c && !node) push(src.slice(c.start, c.end));
    else if (c) push(src.slice(c.start, c.dash) + renderItem(node!, c.col, nl, src));
    else push((spaced && !atHead ? nl : '') + ' '.repeat(first.col) + '- ' + renderItem(node!, first.col, nl, src).replace(/^- /, ''));
  }
  const tail = src.slice(last.end);
  if (tail.length > 0 && !endsWithNl) push(nl);
  return parts.join('') + tail;
}

/** A line "<code> # comment" without quotes in <code>: its code and comment parts. */
const COMMENTED_LINE = /^([^'"#]*?\S)([ \t]+)(#.*)$/;

/**
 * yaml re-emits trailing comments with a single space before `#`; put back the original spacing
 * (aligned comments) for lines that are otherwise identical to an original line.
 */
function restoreCommentSpacing(out: string, original: string): string {
  const aligned = alignedCommentsOf(original);
  if (aligned.size === 0) return out;
  const byKey = new Map<string, string[]>([...aligned].map(([k, lines]) => [k, [...lines]]));
  return out
    .split('\n')
    .map((line) => {
      const list = byKey.get(line);
      return list && list.length ? list.shift()! : line;
    })
    .join('\n');
}

/** The last original's aligned comment lines (a save renders each changed entry against the same
 *  original: reading its lines once per entry made saving many entries quadratic). */
let alignedCache: { original: string; byKey: Map<string, readonly string[]> } | undefined;

/** Lines of `original` whose trailing comment is aligned (more than one space before `#`), by the
 *  line as yaml would print it. */
function alignedCommentsOf(original: string): Map<string, readonly string[]> {
  if (alignedCache?.original === original) return alignedCache.byKey;
  const byKey = new Map<string, string[]>();
  for (const line of original.split(/\r?\n/)) {
    const m = COMMENTED_LINE.exec(line);
    if (!m || m[2] === ' ') continue;
    const key = `${m[1]} ${m[3]}`;
    const list = byKey.get(key);
    if (list) list.push(line);
    else byKey.set(key, [line]);
  }
  alignedCache = { original, byKey };
  return byKey;
}
