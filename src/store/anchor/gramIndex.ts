// Exact occurrences of a pattern in one (normalised) text, fast: a k-gram index (rolling hash,
// chained buckets with counts) built on first use for each k, and a lookup that enumerates
// candidates from the pattern's rarest k-gram and verifies each.

/** Gram length of the occurrence index (shorter patterns use their own length). */
export const GRAM = 8;
const HASH_MUL = 0x01000193;

function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b);
  return (h ^ (h >>> 13)) >>> 0;
}

/** Positions of every k-gram of `text`: per hash bucket, the first position (`head`), the chain
 *  to the next (`next`) and how many there are (`count`). */
export class GramIndex {
  readonly head: Int32Array;
  readonly next: Int32Array;
  readonly count: Int32Array;
  readonly mask: number;

  constructor(readonly text: string, readonly k: number) {
    const n = text.length - k + 1;
    let size = 1024;
    while (size < n) size <<= 1;
    this.mask = size - 1;
    this.head = new Int32Array(size).fill(-1);
    this.count = new Int32Array(size);
    this.next = new Int32Array(Math.max(0, n));
    if (n <= 0) return;
    const buckets = new Int32Array(n);
    const mask = this.mask;
    // Rolling polynomial hash mod 2^32.
    let pow = 1;
    for (let t = 1; t < k; t++) pow = Math.imul(pow, HASH_MUL);
    let h = 0;
    for (let t = 0; t < k; t++) h = (Math.imul(h, HASH_MUL) + text.charCodeAt(t)) | 0;
    buckets[0] = mix(h >>> 0) & mask;
    for (let i = 1; i < n; i++) {
      h = (h - Math.imul(text.charCodeAt(i - 1), pow)) | 0;
      h = (Math.imul(h, HASH_MUL) + text.charCodeAt(i + k - 1)) | 0;
      buckets[i] = mix(h >>> 0) & mask;
    }
    const head = this.head;
    const next = this.next;
    const count = this.count;
    for (let i = n - 1; i >= 0; i--) {
      const b = buckets[i]!;
      next[i] = head[b]!;
      head[b] = i;
      count[b]!++;
    }
  }

  bucketOf(s: string, from: number): number {
    let h = 0;
    for (let t = 0; t < this.k; t++) h = (Math.imul(h, HASH_MUL) + s.charCodeAt(from + t)) | 0;
    return mix(h >>> 0) & this.mask;
  }
}

/** Exact-occurrence lookups in `text`, with one GramIndex per gram length, built when first needed. */
export class OccurrenceIndex {
  private readonly grams = new Map<number, GramIndex>();

  constructor(readonly text: string) {}

  gramIndex(k: number): GramIndex {
    let g = this.grams.get(k);
    if (!g) {
      g = new GramIndex(this.text, k);
      this.grams.set(k, g);
    }
    return g;
  }

  /** Ascending normalised start positions of `pattern` (already normalised) in the text. */
  occurrences(pattern: string, limit = 100_000): number[] {
    const t = this.text;
    const out: number[] = [];
    if (pattern.length === 0 || pattern.length > t.length) return out;
    const k = Math.min(GRAM, pattern.length);
    const g = this.gramIndex(k);
    // Use the rarest k-gram of the pattern to enumerate candidates.
    let bestOff = 0;
    let bestBucket = g.bucketOf(pattern, 0);
    let bestCount = g.count[bestBucket]!;
    for (let off = 1; off + k <= pattern.length && bestCount > 1; off++) {
      const b = g.bucketOf(pattern, off);
      const c = g.count[b]!;
      if (c < bestCount) {
        bestCount = c;
        bestBucket = b;
        bestOff = off;
      }
    }
    for (let i = g.head[bestBucket]!; i !== -1; i = g.next[i]!) {
      const s = i - bestOff;
      if (s >= 0 && t.startsWith(pattern, s)) {
        out.push(s);
        if (out.length >= limit) break;
      }
    }
    return out;
  }
}
