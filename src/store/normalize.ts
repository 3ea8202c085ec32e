// Text normalisation for matching: line endings and runs of whitespace become one space, curly
// quotes become straight ones. Keeps a map back to the original offsets.

/** Quote characters folded to `'` or `"`. All are BMP, so folding keeps lengths. */
const SINGLE_QUOTES = /[\u2018\u2019\u201a\u201b\u2032\u02bc]/;
const DOUBLE_QUOTES = /[\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb]/;

export interface NormalizedText {
  /** The normalised text. */
  text: string;
  /** `starts[j]`: original UTF-16 index of the first code unit behind normalised index j;
   *  `starts[text.length]` = original length. */
  starts: Int32Array;
  /** `ends[j]`: original index just after the code units behind normalised index j. */
  ends: Int32Array;
}

function isSpace(c: number): boolean {
  // ASCII whitespace, NBSP, Unicode spaces, line/paragraph separators, BOM.
  return (
    c === 0x20 ||
    (c >= 0x09 && c <= 0x0d) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

function foldChar(ch: string): string {
  if (SINGLE_QUOTES.test(ch)) return "'";
  if (DOUBLE_QUOTES.test(ch)) return '"';
  return ch;
}

/** Normalise a string without offset maps (for quotes, prefixes, suffixes). */
const NEEDS_NORMALIZING = /[^\S ]| {2}|[\u200b\u2018\u2019\u201a\u201b\u2032\u02bc\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb]/;

export function normalizeString(s: string): string {
  if (!NEEDS_NORMALIZING.test(s)) return s;
  return s
    .replace(/[\s\u200b\ufeff]+/g, ' ')
    .replace(/[\u2018\u2019\u201a\u201b\u2032\u02bc]/g, "'")
    .replace(/[\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb]/g, '"');
}

/**
 * Normalise `text` for matching, with offset maps back to the original. Linear time; typed arrays
 * keep a 1 MB text at ~8 MB of maps.
 */
export function normalizeForMatch(text: string): NormalizedText {
  const n = text.length;
  const starts = new Int32Array(n + 1);
  const ends = new Int32Array(n + 1);
  const parts: string[] = [];
  let chunkStart = 0; // start of the current run of unchanged characters
  let j = 0;
  let i = 0;
  const flush = (upTo: number): void => {
    if (upTo > chunkStart) parts.push(text.slice(chunkStart, upTo));
  };
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x20 && !(i + 1 < n && (isSpace(text.charCodeAt(i + 1)) || text.charCodeAt(i + 1) === 0x200b))) {
      // A single plain space stays as it is.
      starts[j] = i;
      ends[j] = i + 1;
      j++;
      i++;
      continue;
    }
    if (isSpace(c) || c === 0x200b) {
      flush(i);
      let k = i + 1;
      while (k < n) {
        const d = text.charCodeAt(k);
        if (!(isSpace(d) || d === 0x200b)) break;
        k++;
      }
      parts.push(' ');
      starts[j] = i;
      ends[j] = k;
      j++;
      i = k;
      chunkStart = k;
      continue;
    }
    if (c >= 0x2018 || c === 0xab || c === 0xbb || c === 0x2bc) {
      const ch = text[i]!;
      const f = foldChar(ch);
      if (f !== ch) {
        flush(i);
        parts.push(f);
        chunkStart = i + 1;
      }
    }
    starts[j] = i;
    ends[j] = i + 1;
    j++;
    i++;
  }
  flush(n);
  starts[j] = n;
  ends[j] = n;
  const out = parts.join('');
  return { text: out, starts: starts.subarray(0, j + 1), ends: ends.subarray(0, j + 1) };
}

/** Original start offset of normalised index `j`. */
export function origStart(norm: NormalizedText, j: number): number {
  return norm.starts[Math.max(0, Math.min(j, norm.text.length))]!;
}

/** Original end offset for a normalised range ending (exclusive) at `j`. */
export function origEnd(norm: NormalizedText, j: number): number {
  if (j <= 0) return 0;
  return norm.ends[Math.min(j, norm.text.length) - 1]!;
}

/** Normalised index of original offset `i` (the normalised char covering it, or the next one). */
export function normIndex(norm: NormalizedText, i: number): number {
  let lo = 0;
  let hi = norm.text.length; // answer in [0, len]
  // first j with ends[j] > i  (char j covers or follows i)
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (norm.ends[mid]! > i) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
