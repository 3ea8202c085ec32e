// String similarity, pure: Levenshtein distance with an early exit, and how well a stored prefix
// and suffix agree with the text around a candidate range (exact, approximate, or a cheap
// exact-run measure for pre-filtering many occurrences).

/** Levenshtein distance; stops early and returns `max + 1` once it exceeds `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let prev = new Uint32Array(b.length + 1);
  let cur = new Uint32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (ca === b.charCodeAt(j - 1) ? 0 : 1));
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = prev;
    prev = cur;
    cur = t;
  }
  return prev[b.length]!;
}

/**
 * Similarity in [0, 1] of `pattern` with text read outward from an anchor point: the pattern's
 * first char must align with the text's first char, its far end is free (semi-global alignment).
 * Both strings are given in reading order "away from the quote".
 */
function outwardSimilarity(pattern: string, text: string): number {
  const m = pattern.length;
  if (m === 0) return 1;
  if (text.startsWith(pattern)) return 1;
  const w = text.length;
  let prev = new Uint32Array(w + 1);
  let cur = new Uint32Array(w + 1);
  for (let j = 0; j <= w; j++) prev[j] = j;
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    const c = pattern.charCodeAt(i - 1);
    for (let j = 1; j <= w; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (c === text.charCodeAt(j - 1) ? 0 : 1));
    }
    const t = prev;
    prev = cur;
    cur = t;
  }
  let best = m;
  for (let j = 0; j <= w; j++) if (prev[j]! < best) best = prev[j]!;
  return 1 - best / m;
}

function reverse(s: string): string {
  let r = '';
  for (let i = s.length - 1; i >= 0; i--) r += s[i];
  return r;
}

/** Context similarity at normalised range [s, e): weighted by stored context lengths. */
export function contextSimilarity(nt: string, s: number, e: number, prefixN: string | undefined, suffixN: string | undefined): number | undefined {
  let total = 0;
  let weight = 0;
  if (prefixN) {
    if (s >= prefixN.length && nt.startsWith(prefixN, s - prefixN.length)) {
      total += prefixN.length;
    } else {
      const slack = Math.ceil(prefixN.length / 4) + 2;
      const before = nt.slice(Math.max(0, s - prefixN.length - slack), s);
      total += outwardSimilarity(reverse(prefixN), reverse(before)) * prefixN.length;
    }
    weight += prefixN.length;
  }
  if (suffixN) {
    if (nt.startsWith(suffixN, e)) {
      total += suffixN.length;
    } else {
      const slack = Math.ceil(suffixN.length / 4) + 2;
      const after = nt.slice(e, e + suffixN.length + slack);
      total += outwardSimilarity(suffixN, after) * suffixN.length;
    }
    weight += suffixN.length;
  }
  return weight === 0 ? undefined : total / weight;
}

/** Cheap context score: length of exact agreement next to the quote, in [0, 1]. */
export function cheapContext(nt: string, s: number, e: number, prefixN: string | undefined, suffixN: string | undefined): number {
  let agree = 0;
  let weight = 0;
  if (prefixN) {
    let k = 0;
    while (k < prefixN.length && s - 1 - k >= 0 && nt.charCodeAt(s - 1 - k) === prefixN.charCodeAt(prefixN.length - 1 - k)) k++;
    agree += k;
    weight += prefixN.length;
  }
  if (suffixN) {
    let k = 0;
    while (k < suffixN.length && e + k < nt.length && nt.charCodeAt(e + k) === suffixN.charCodeAt(k)) k++;
    agree += k;
    weight += suffixN.length;
  }
  return weight === 0 ? 0 : agree / weight;
}
