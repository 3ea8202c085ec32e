// Lookups by position and by id over one analysis, for the hover cards: built once per analysis (lazily,
// on the first hover) instead of scanning every quotation on every hover. A 1 MB article has thousands of
// quotations and tens of thousands of entities. Pure (no `vscode` import), unit-tested in
// test/unit/editor.analysisIndex.test.ts against the plain scans of analysisQueries.ts and attributions.ts.
import type { Analysis, Entity, Quote } from '../engine/types';
import { entityAt } from './analysisQueries';

/** Spans sorted by start, with the running maximum end: "which spans contain / overlap …" in O(log n + hits). */
export class SpanIndex<T extends { start: number; end: number }> {
  private readonly sorted: T[];
  /** Position of each sorted span in the list it was built from (ties keep that order). */
  private readonly order: number[];
  /** maxEnd[i]: the largest end among sorted[0..i]. */
  private readonly maxEnd: number[];

  constructor(spans: readonly T[]) {
    const order = spans.map((_, i) => i).sort((a, b) => spans[a]!.start - spans[b]!.start || a - b);
    this.order = order;
    this.sorted = order.map((i) => spans[i]!);
    this.maxEnd = [];
    let max = -Infinity;
    for (const s of this.sorted) this.maxEnd.push((max = Math.max(max, s.end)));
  }

  /** Number of sorted spans starting at or before `offset` (`inclusive`) or before it. */
  private startingBefore(offset: number, inclusive: boolean): number {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const s = this.sorted[mid]!.start;
      if (s < offset || (inclusive && s === offset)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * The spans with start <= `offset` and `offset` < end (or <= end when `endInclusive`), in the order of
   * the list the index was built from.
   */
  containing(offset: number, endInclusive = false): T[] {
    const hits: number[] = [];
    for (let i = this.startingBefore(offset, true) - 1; i >= 0; i--) {
      if (this.maxEnd[i]! < offset || (!endInclusive && this.maxEnd[i]! === offset)) break;
      const s = this.sorted[i]!;
      if (s.end > offset || (endInclusive && s.end === offset)) hits.push(i);
    }
    return hits.sort((a, b) => this.order[a]! - this.order[b]!).map((i) => this.sorted[i]!);
  }

  /** The spans overlapping [start, end) (start < their end and their start < end), in the original order. */
  overlapping(start: number, end: number): T[] {
    const hits: number[] = [];
    for (let i = this.startingBefore(end, false) - 1; i >= 0 && this.maxEnd[i]! > start; i--) {
      if (this.sorted[i]!.end > start) hits.push(i);
    }
    return hits.sort((a, b) => this.order[a]! - this.order[b]!).map((i) => this.sorted[i]!);
  }
}

/** Position and id lookups over one analysis; each part is built on first use. */
export class AnalysisIndex {
  private quotes: SpanIndex<Quote> | undefined;
  private segments: Map<number, Quote[]> | undefined;
  private byCluster: Map<number, Quote[][]> | undefined;

  constructor(readonly analysis: Analysis) {}

  /** The entity at `offset` (analysisQueries.entityAt: a binary search; entities are sorted and disjoint). */
  entityAt(offset: number): Entity | undefined {
    return entityAt(this.analysis, offset);
  }

  /** The smallest quotation containing `offset`; of equal ones the first in the analysis (as quoteAt). */
  quoteAt(offset: number): Quote | undefined {
    this.quotes ??= new SpanIndex(this.analysis.quotes);
    let best: Quote | undefined;
    for (const q of this.quotes.containing(offset)) if (!best || q.end - q.start < best.end - best.start) best = q;
    return best;
  }

  /** The segments of an attribution, in text order (as attributionSegments). */
  segmentsOf(attribution: number): Quote[] | undefined {
    return this.segmentMap().get(attribution);
  }

  /** What a cluster is quoted as saying: one entry per attribution (as attributionsBy). */
  attributionsBy(clusterId: number): Quote[][] {
    if (!this.byCluster) {
      this.byCluster = new Map();
      for (const segments of this.segmentMap().values()) {
        const id = segments[0]!.speakerCluster;
        if (id === undefined) continue;
        const list = this.byCluster.get(id);
        if (list) list.push(segments);
        else this.byCluster.set(id, [segments]);
      }
    }
    return [...(this.byCluster.get(clusterId) ?? [])];
  }

  private segmentMap(): Map<number, Quote[]> {
    if (!this.segments) {
      this.segments = new Map();
      for (const q of this.analysis.quotes) {
        const list = this.segments.get(q.attribution);
        if (list) list.push(q);
        else this.segments.set(q.attribution, [q]);
      }
    }
    return this.segments;
  }
}
