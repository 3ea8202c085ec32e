// Unsupervised word clusters for the name tagger: every frequent (lower-cased) word gets a distributional
// vector (counts of its left and right neighbours among the most frequent words, randomly projected to a
// small dense space), then a 3-level hierarchical spherical k-means (16 x 16 x 16) gives each word a
// 12-bit path whose prefixes are used as features, like Brown-cluster bit strings. Deterministic.
import { tokenize } from '../../src/engine/tokenize';
import { mulberry32 } from '../util/prng';
import { tokenLowerNorm, hashString, SMI } from '../../src/engine/ner/features';

export interface ClusterOptions {
  minCount?: number;
  contexts?: number;
  dims?: number;
  branch?: number;
  levels?: number;
  iterations?: number;
  seed?: number;
}


/** Returns lower-cased word -> cluster path (levels x log2(branch) bits). */
export function buildClusters(texts: Iterable<string>, opts: ClusterOptions = {}): Map<string, number> {
  const minCount = opts.minCount ?? 3, C = opts.contexts ?? 1500, D = opts.dims ?? 128;
  const K = opts.branch ?? 16, levels = opts.levels ?? 3, iters = opts.iterations ?? 10, seed = opts.seed ?? 7;
  const ids = new Map<string, number>();
  const words: string[] = [];
  const counts: number[] = [];
  const seqs: Int32Array[] = [];
  for (const text of texts) {
    const { tokens, sentences } = tokenize(text);
    for (const s of sentences) {
      const seq = new Int32Array(s.last - s.first);
      for (let k = s.first; k < s.last; k++) {
        const w = tokenLowerNorm(tokens[k].text);
        let id = ids.get(w);
        if (id === undefined) { id = words.length; ids.set(w, id); words.push(w); counts.push(0); }
        counts[id]++;
        seq[k - s.first] = id;
      }
      seqs.push(seq);
    }
  }
  // Context vocabulary: the C most frequent words (ties broken by the word itself, for determinism).
  const byFreq = words.map((_, i) => i).sort((a, b) => counts[b] - counts[a] || (words[a] < words[b] ? -1 : 1));
  const ctx = new Int32Array(words.length).fill(-1);
  for (let r = 0; r < Math.min(C, byFreq.length); r++) ctx[byFreq[r]] = r;
  const vocab = byFreq.filter((i) => counts[i] >= minCount);
  const row = new Int32Array(words.length).fill(-1);
  vocab.forEach((w, r) => { row[w] = r; });
  const V = vocab.length;
  // Random projection of the (left, right) context count vectors; sqrt-damped counts.
  const rnd = mulberry32(seed);
  const R = new Float32Array(2 * C * D);
  for (let k = 0; k < R.length; k++) R[k] = rnd() < 0.5 ? -1 : 1;
  const pairCounts = new Map<number, number>();
  for (const seq of seqs) {
    for (let k = 0; k < seq.length; k++) {
      const r = row[seq[k]];
      if (r < 0) continue;
      const l = k > 0 ? ctx[seq[k - 1]] : -1;
      const rr = k + 1 < seq.length ? ctx[seq[k + 1]] : -1;
      if (l >= 0) { const key = r * 2 * C + l; pairCounts.set(key, (pairCounts.get(key) ?? 0) + 1); }
      if (rr >= 0) { const key = r * 2 * C + C + rr; pairCounts.set(key, (pairCounts.get(key) ?? 0) + 1); }
    }
  }
  const X = new Float32Array(V * D);
  const keys = [...pairCounts.keys()].sort((a, b) => a - b);
  // Positive PMI weights (context distribution smoothed with exponent 0.75).
  const rowTot = new Float64Array(V), ctxTot = new Float64Array(2 * C);
  for (const key of keys) {
    const r = Math.floor(key / (2 * C)), c = key - r * 2 * C, v = pairCounts.get(key)!;
    rowTot[r] += v; ctxTot[c] += v;
  }
  let ctxNorm = 0;
  for (let c = 0; c < 2 * C; c++) { ctxTot[c] = ctxTot[c] ** 0.75; ctxNorm += ctxTot[c]; }
  for (const key of keys) {
    const r = Math.floor(key / (2 * C)), c = key - r * 2 * C;
    const pmi = Math.log((pairCounts.get(key)! * ctxNorm) / (rowTot[r] * ctxTot[c]));
    if (pmi <= 0) continue;
    const w = pmi;
    const xo = r * D, ro = c * D;
    for (let d = 0; d < D; d++) X[xo + d] += w * R[ro + d];
  }
  for (let r = 0; r < V; r++) {
    let n = 0;
    for (let d = 0; d < D; d++) n += X[r * D + d] ** 2;
    n = Math.sqrt(n) || 1;
    for (let d = 0; d < D; d++) X[r * D + d] /= n;
  }
  // Hierarchical spherical k-means.
  const path = new Int32Array(V);
  const bitsPer = Math.log2(K);
  let groups: number[][] = [Array.from({ length: V }, (_, i) => i)];
  for (let level = 0; level < levels; level++) {
    const next: number[][] = [];
    for (const g of groups) {
      const parts = kmeans(X, D, g, K, iters, rnd);
      parts.forEach((members, c) => {
        for (const m of members) path[m] = (path[m] << bitsPer) | c;
        next.push(members);
      });
    }
    groups = next;
  }
  const out = new Map<string, number>();
  vocab.forEach((w, r) => out.set(words[w], path[r]));
  return out;
}

function kmeans(X: Float32Array, D: number, members: number[], K: number, iters: number, rnd: () => number): number[][] {
  const n = members.length;
  if (n <= K) return Array.from({ length: K }, (_, c) => (c < n ? [members[c]] : []));
  const cent = new Float32Array(K * D);
  // Seeds: distinct members chosen at random.
  const chosen = new Set<number>();
  for (let c = 0; c < K; c++) {
    let m: number;
    do { m = Math.floor(rnd() * n); } while (chosen.has(m));
    chosen.add(m);
    cent.set(X.subarray(members[m] * D, members[m] * D + D), c * D);
  }
  const assign = new Int32Array(n);
  for (let it = 0; it < iters; it++) {
    for (let i = 0; i < n; i++) {
      const xo = members[i] * D;
      let best = -Infinity, arg = 0;
      for (let c = 0; c < K; c++) {
        let s = 0;
        const co = c * D;
        for (let d = 0; d < D; d++) s += X[xo + d] * cent[co + d];
        if (s > best) { best = s; arg = c; }
      }
      assign[i] = arg;
    }
    cent.fill(0);
    for (let i = 0; i < n; i++) {
      const xo = members[i] * D, co = assign[i] * D;
      for (let d = 0; d < D; d++) cent[co + d] += X[xo + d];
    }
    for (let c = 0; c < K; c++) {
      let s = 0;
      for (let d = 0; d < D; d++) s += cent[c * D + d] ** 2;
      s = Math.sqrt(s);
      if (s === 0) { const m = members[Math.floor(rnd() * n)]; cent.set(X.subarray(m * D, m * D + D), c * D); continue; }
      for (let d = 0; d < D; d++) cent[c * D + d] /= s;
    }
  }
  const parts: number[][] = Array.from({ length: K }, () => []);
  for (let i = 0; i < n; i++) parts[assign[i]].push(members[i]);
  return parts;
}

/** Word -> path map keyed by the tagger's lower-case word hash. */
export function clusterTable(clusters: Map<string, number>): Map<number, number> {
  const m = new Map<number, number>();
  for (const [w, p] of clusters) m.set(hashString(w) & SMI, p);
  return m;
}
