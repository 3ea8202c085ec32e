// What the writer must know about a document's past, kept beside it (weak references, so a
// dropped document takes its record with it): the text and entry nodes it was parsed from, and
// the entry nodes added or changed since. Parsing records, editing marks, writing reads.

import type { Document, Node } from 'yaml';

/** A parsed document's source, its original entry nodes, and where the `annotations:` key ends. */
export interface Original {
  source: string;
  items: Node[];
  keyEnd: number;
}

/** Per parsed document: its source and the original entry nodes (for splicing on write). */
const ORIGINALS = new WeakMap<Document, Original>();
/** Entry nodes added or changed since parsing (they are re-serialised; others are copied). */
const DIRTY = new WeakSet<Node>();

export function recordOriginal(doc: Document, original: Original): void {
  ORIGINALS.set(doc, original);
}

export function originalOf(doc: Document): Original | undefined {
  return ORIGINALS.get(doc);
}

export function markDirty(node: Node): void {
  DIRTY.add(node);
}

export function isDirty(node: Node): boolean {
  return DIRTY.has(node);
}
