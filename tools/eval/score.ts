// Scoring for the evaluation harness. Pure functions, no I/O: every input is a list of character
// spans for one document (offsets are only comparable within a document), and the scorers accumulate
// counts across documents so the totals are micro-averaged.
//
// Conventions:
// - Precision with no predictions, recall with no gold spans and F1 with P + R = 0 are all 0 (never
//   NaN). A perfect empty prediction on an empty gold set therefore scores 0, not 1; the counts
//   (tp/fp/fn) are always reported next to the ratios so the case is visible.
// - Exact matching is a multiset match on (start, end[, type]): a duplicated prediction is a false
//   positive the second time.
// - Overlap matching is one-to-one and greedy: all (gold, predicted) pairs that share at least one
//   character are sorted by overlap size (largest first; ties by gold index, then predicted index) and
//   taken while neither side has been used. Deterministic for a given input order.

export interface Interval {
  start: number;
  end: number;
}

export interface TypedSpan extends Interval {
  type: string;
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface Prf extends Counts {
  precision: number;
  recall: number;
  f1: number;
}

export function prf(counts: Counts): Prf {
  const { tp, fp, fn } = counts;
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { tp, fp, fn, precision, recall, f1 };
}

function addCounts(into: Counts, from: Counts): void {
  into.tp += from.tp;
  into.fp += from.fp;
  into.fn += from.fn;
}

/** Number of characters two intervals share (0 when they are disjoint or merely touch). */
export function overlapSize(a: Interval, b: Interval): number {
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
}

// ---------------------------------------------------------------------------------------------------
// Typed spans (named entities): exact span + type, micro overall and per type.

export interface SpanScore {
  micro: Prf;
  /** One entry per type seen in gold or predictions, plus any type listed in `types`. */
  byType: Record<string, Prf>;
}

/** Exact-match counts per type for one document. A type mismatch is a fp for the predicted type and a
 *  fn for the gold type; a boundary mismatch is a fp and a fn. */
export function countExactTyped(gold: readonly TypedSpan[], pred: readonly TypedSpan[]): Map<string, Counts> {
  const byType = new Map<string, Counts>();
  const get = (type: string): Counts => {
    let c = byType.get(type);
    if (!c) byType.set(type, (c = { tp: 0, fp: 0, fn: 0 }));
    return c;
  };
  const remaining = new Map<string, number>();
  for (const g of gold) {
    const key = `${g.start}:${g.end}:${g.type}`;
    remaining.set(key, (remaining.get(key) ?? 0) + 1);
    get(g.type).fn++;
  }
  for (const p of pred) {
    const key = `${p.start}:${p.end}:${p.type}`;
    const left = remaining.get(key) ?? 0;
    const c = get(p.type);
    if (left > 0) {
      remaining.set(key, left - 1);
      c.tp++;
      c.fn--;
    } else {
      c.fp++;
    }
  }
  return byType;
}

/** Accumulates exact typed-span counts over documents. */
export class SpanScorer {
  private readonly counts = new Map<string, Counts>();

  /** Adds one document. */
  add(gold: readonly TypedSpan[], pred: readonly TypedSpan[]): void {
    for (const [type, c] of countExactTyped(gold, pred)) {
      let into = this.counts.get(type);
      if (!into) this.counts.set(type, (into = { tp: 0, fp: 0, fn: 0 }));
      addCounts(into, c);
    }
  }

  /** Micro-averaged totals and a per-type breakdown (types sorted: `types` first, then the rest). */
  result(types: readonly string[] = []): SpanScore {
    const total: Counts = { tp: 0, fp: 0, fn: 0 };
    for (const c of this.counts.values()) addCounts(total, c);
    const names = [...types, ...[...this.counts.keys()].filter((t) => !types.includes(t)).sort()];
    const byType: Record<string, Prf> = {};
    for (const t of names) byType[t] = prf(this.counts.get(t) ?? { tp: 0, fp: 0, fn: 0 });
    return { micro: prf(total), byType };
  }
}

/** Scores a single document (convenience over SpanScorer). */
export function scoreSpans(gold: readonly TypedSpan[], pred: readonly TypedSpan[], types: readonly string[] = []): SpanScore {
  const s = new SpanScorer();
  s.add(gold, pred);
  return s.result(types);
}

// ---------------------------------------------------------------------------------------------------
// Untyped intervals: exact and one-to-one overlap matching.

/** Exact multiset match of untyped intervals. */
export function countExact(gold: readonly Interval[], pred: readonly Interval[]): Counts {
  const remaining = new Map<string, number>();
  for (const g of gold) {
    const key = `${g.start}:${g.end}`;
    remaining.set(key, (remaining.get(key) ?? 0) + 1);
  }
  let tp = 0;
  for (const p of pred) {
    const key = `${p.start}:${p.end}`;
    const left = remaining.get(key) ?? 0;
    if (left > 0) {
      remaining.set(key, left - 1);
      tp++;
    }
  }
  return { tp, fp: pred.length - tp, fn: gold.length - tp };
}

/** Intersection over union of two intervals (0 when disjoint). */
export function iou(a: Interval, b: Interval): number {
  const inter = overlapSize(a, b);
  if (inter === 0) return 0;
  return inter / (Math.max(a.end, b.end) - Math.min(a.start, b.start));
}

/** One-to-one greedy matching by overlap size. Returns [goldIndex, predIndex] pairs, in gold order.
 *  A pair is a candidate when the spans share at least one character and, if `minIoU` > 0, their
 *  intersection over union is at least `minIoU`. */
export function matchByOverlap(gold: readonly Interval[], pred: readonly Interval[], minIoU = 0): Array<[number, number]> {
  const candidates: Array<[number, number, number]> = [];
  // Sort predictions by start so the inner loop can stop early; keep their original indices.
  const order = pred.map((_, i) => i).sort((a, b) => pred[a]!.start - pred[b]!.start || a - b);
  for (let g = 0; g < gold.length; g++) {
    const gs = gold[g]!;
    for (const p of order) {
      const ps = pred[p]!;
      if (ps.start >= gs.end) break;
      const size = overlapSize(gs, ps);
      if (size > 0 && (minIoU <= 0 || iou(gs, ps) >= minIoU)) candidates.push([size, g, p]);
    }
  }
  candidates.sort((a, b) => b[0] - a[0] || a[1] - b[1] || a[2] - b[2]);
  const usedGold = new Set<number>();
  const usedPred = new Set<number>();
  const pairs: Array<[number, number]> = [];
  for (const [, g, p] of candidates) {
    if (usedGold.has(g) || usedPred.has(p)) continue;
    usedGold.add(g);
    usedPred.add(p);
    pairs.push([g, p]);
  }
  return pairs.sort((a, b) => a[0] - b[0]);
}

export function countOverlap(gold: readonly Interval[], pred: readonly Interval[], minIoU = 0): Counts {
  const tp = matchByOverlap(gold, pred, minIoU).length;
  return { tp, fp: pred.length - tp, fn: gold.length - tp };
}

export interface IntervalScore {
  exact: Prf;
  overlap: Prf;
}

/** Accumulates exact and overlap counts of untyped intervals over documents. `minIoU` (default 0: any
 *  shared character) is the overlap criterion, see matchByOverlap. */
export class IntervalScorer {
  private readonly exact: Counts = { tp: 0, fp: 0, fn: 0 };
  private readonly overlap: Counts = { tp: 0, fp: 0, fn: 0 };

  constructor(private readonly minIoU = 0) {}

  /** Adds one document; returns the overlap matching used, as [goldIndex, predIndex] pairs. */
  add(gold: readonly Interval[], pred: readonly Interval[]): Array<[number, number]> {
    addCounts(this.exact, countExact(gold, pred));
    const pairs = matchByOverlap(gold, pred, this.minIoU);
    addCounts(this.overlap, { tp: pairs.length, fp: pred.length - pairs.length, fn: gold.length - pairs.length });
    return pairs;
  }

  result(): IntervalScore {
    return { exact: prf(this.exact), overlap: prf(this.overlap) };
  }
}

// ---------------------------------------------------------------------------------------------------
// Quotes: exact and overlap P/R/F1 on the quote spans, speaker accuracy on matched quotes.

export interface GoldQuote extends Interval {
  speaker?: Interval;
  /** Segments of one attribution share a group id (PolNeAR `attribution_id`). */
  group?: string;
}

export interface PredQuote extends Interval {
  speaker?: Interval;
}

export interface Accuracy {
  correct: number;
  total: number;
  /** correct / total, 0 when total is 0. */
  accuracy: number;
}

export interface QuoteScore extends IntervalScore {
  /** Over gold quotes that have a speaker and were matched (by overlap) by a predicted quote: the
   *  predicted speaker overlaps the gold speaker. A matched prediction without a speaker is wrong. */
  speaker: Accuracy;
  /** End to end: a predicted quote is a true positive when it is matched by overlap to a gold quote
   *  and its speaker is right (see speakerAgrees); every other prediction is a false positive and
   *  every other gold quote a miss. */
  quoteSpeaker: Prf;
  /** Gold groups (attributions) with at least one segment matched by overlap, over all gold groups.
   *  Gold quotes without a group count as their own group. */
  groupRecall: Accuracy;
}

export function accuracy(correct: number, total: number): Accuracy {
  return { correct, total, accuracy: total === 0 ? 0 : correct / total };
}

/** The speaker of a matched pair is right when the predicted speaker span overlaps the gold one, or
 *  when the gold quote has no speaker (the annotators found no source) and neither does the prediction. */
export function speakerAgrees(gold: Interval | undefined, pred: Interval | undefined): boolean {
  if (!gold) return !pred;
  return pred !== undefined && overlapSize(gold, pred) > 0;
}

export class QuoteScorer {
  private readonly spans: IntervalScorer;
  private speakerCorrect = 0;
  private speakerTotal = 0;
  private readonly endToEnd: Counts = { tp: 0, fp: 0, fn: 0 };
  private groupsFound = 0;
  private groupsTotal = 0;

  /** `minIoU`: the overlap criterion (0: any shared character; the PolNeAR suite uses 0.5). */
  constructor(minIoU = 0) {
    this.spans = new IntervalScorer(minIoU);
  }

  add(gold: readonly GoldQuote[], pred: readonly PredQuote[]): void {
    const pairs = this.spans.add(gold, pred);
    let both = 0;
    for (const [g, p] of pairs) {
      const gs = gold[g]!.speaker;
      const ps = pred[p]!.speaker;
      if (speakerAgrees(gs, ps)) both++;
      if (!gs) continue;
      this.speakerTotal++;
      if (speakerAgrees(gs, ps)) this.speakerCorrect++;
    }
    addCounts(this.endToEnd, { tp: both, fp: pred.length - both, fn: gold.length - both });
    const groups = new Map<string, boolean>();
    gold.forEach((q, i) => {
      const key = q.group ?? `#${i}`;
      if (!groups.has(key)) groups.set(key, false);
    });
    for (const [g] of pairs) groups.set(gold[g]!.group ?? `#${g}`, true);
    this.groupsTotal += groups.size;
    for (const found of groups.values()) if (found) this.groupsFound++;
  }

  result(): QuoteScore {
    return {
      ...this.spans.result(),
      speaker: accuracy(this.speakerCorrect, this.speakerTotal),
      quoteSpeaker: prf(this.endToEnd),
      groupRecall: accuracy(this.groupsFound, this.groupsTotal),
    };
  }
}

// ---------------------------------------------------------------------------------------------------
// Plain-text tables.

export type Align = 'left' | 'right';

export interface TableOptions {
  /** Column alignment; default: first column left, the others right. */
  align?: readonly Align[];
  /** Separator between columns (default two spaces). */
  gap?: string;
}

/** Formats rows as an aligned plain-text table. The first row is the header, underlined with dashes.
 *  Width is measured in UTF-16 code units (the tables hold ASCII labels and numbers). */
export function formatTable(rows: readonly (readonly string[])[], options: TableOptions = {}): string {
  if (rows.length === 0) return '';
  const gap = options.gap ?? '  ';
  const columns = Math.max(...rows.map((r) => r.length));
  const widths: number[] = [];
  for (let c = 0; c < columns; c++) widths.push(Math.max(...rows.map((r) => (r[c] ?? '').length)));
  const alignOf = (c: number): Align => options.align?.[c] ?? (c === 0 ? 'left' : 'right');
  const line = (r: readonly string[]): string =>
    widths
      .map((w, c) => {
        const cell = r[c] ?? '';
        return alignOf(c) === 'left' ? cell.padEnd(w) : cell.padStart(w);
      })
      .join(gap)
      .trimEnd();
  const out = [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join(gap)];
  for (const r of rows.slice(1)) out.push(line(r));
  return out.join('\n');
}

/** A ratio as a percentage with one decimal ("87.5"). */
export function pct(x: number): string {
  return (100 * x).toFixed(1);
}

/** Table row for a P/R/F1 result: label, P, R, F1, tp, fp, fn. */
export function prfRow(label: string, s: Prf): string[] {
  return [label, pct(s.precision), pct(s.recall), pct(s.f1), String(s.tp), String(s.fp), String(s.fn)];
}

export const PRF_HEADER: readonly string[] = ['', 'P', 'R', 'F1', 'tp', 'fp', 'fn'];
