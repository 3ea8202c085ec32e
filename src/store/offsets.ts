// Conversions between JavaScript string indices (UTF-16 code units, used everywhere in the API)
// and Unicode code point offsets (used in the sidecar file, as in W3C TextPositionSelector).

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}
function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/**
 * Code point offset of UTF-16 index `utf16` in `text`. Clamped to [0, text.length]. An index in
 * the middle of a surrogate pair counts the pair as one code point (rounds down to its start).
 */
export function toCodePointOffset(text: string, utf16: number): number {
  const limit = Math.max(0, Math.min(Math.floor(utf16), text.length));
  let cp = 0;
  for (let i = 0; i < limit; i++) {
    const c = text.charCodeAt(i);
    if (isHigh(c) && i + 1 < text.length && isLow(text.charCodeAt(i + 1))) {
      if (i + 1 >= limit) break; // utf16 points inside the pair: round down
      i++;
    }
    cp++;
  }
  return cp;
}

/**
 * UTF-16 index of code point offset `codePoint` in `text`. Offsets past the end map to
 * `text.length`; negative ones to 0.
 */
export function fromCodePointOffset(text: string, codePoint: number): number {
  const target = Math.max(0, Math.floor(codePoint));
  let cp = 0;
  let i = 0;
  while (i < text.length && cp < target) {
    const c = text.charCodeAt(i);
    i += isHigh(c) && i + 1 < text.length && isLow(text.charCodeAt(i + 1)) ? 2 : 1;
    cp++;
  }
  return i;
}

/**
 * Fast repeated conversions on one text: O(log k) per call where k is the number of astral
 * characters (identity when there are none).
 */
export class CodePointMapper {
  /** UTF-16 indices of the high surrogates of well-formed pairs, ascending. */
  private readonly pairs: number[] = [];

  constructor(private readonly text: string) {
    if (!/[\ud800-\udbff]/.test(text)) return;
    for (let i = 0; i + 1 < text.length; i++) {
      if (isHigh(text.charCodeAt(i)) && isLow(text.charCodeAt(i + 1))) {
        this.pairs.push(i);
        i++;
      }
    }
  }

  /** Number of pairs whose high surrogate is at an index < `utf16`. */
  private pairsBefore(utf16: number): number {
    let lo = 0;
    let hi = this.pairs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.pairs[mid]! < utf16) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  toCodePoint(utf16: number): number {
    const u = Math.max(0, Math.min(Math.floor(utf16), this.text.length));
    if (this.pairs.length === 0) return u;
    // A pair whose high surrogate is before u counts once; if u points at its low surrogate the
    // offset rounds down to the pair's start, which the same formula gives.
    return u - this.pairsBefore(u);
  }

  fromCodePoint(codePoint: number): number {
    const cp = Math.max(0, Math.floor(codePoint));
    if (this.pairs.length === 0) return Math.min(cp, this.text.length);
    // utf16 = cp + (pairs entirely before it). Binary search over pairs: pair j (0-based) has its
    // code point offset pairs[j] - j.
    let lo = 0;
    let hi = this.pairs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.pairs[mid]! - mid < cp) lo = mid + 1;
      else hi = mid;
    }
    return Math.min(cp + lo, this.text.length);
  }
}
