// The hover's lookups (src/editor/analysisIndex.ts) give what the plain scans give (analysisQueries.ts,
// attributions.ts), on random spans and on real analyses.
import { strict as assert } from 'assert';
import { readFileSync } from 'node:fs';
import * as fc from 'fast-check';
import { analyze } from '../../src/engine/index';
import type { Analysis, Quote } from '../../src/engine/types';
import { AnalysisIndex, SpanIndex } from '../../src/editor/analysisIndex';
import { quoteAt } from '../../src/editor/analysisQueries';
import { attributionSegments, attributionsBy } from '../../src/editor/attributions';

interface Span {
  start: number;
  end: number;
  id: number;
}

const spans = fc.array(fc.tuple(fc.nat(60), fc.nat(25)), { maxLength: 40 }).map((pairs) =>
  pairs.map(([start, length], id): Span => ({ start, end: start + length, id })),
);
const ids = (list: Span[]) => list.map((s) => s.id);

describe('SpanIndex (src/editor/analysisIndex.ts)', () => {
  it('containing(offset): the spans with start <= offset < end, in their original order', () => {
    fc.assert(
      fc.property(spans, fc.integer({ min: -1, max: 90 }), (list, offset) => {
        const index = new SpanIndex(list);
        assert.deepEqual(ids(index.containing(offset)), ids(list.filter((s) => s.start <= offset && offset < s.end)));
        assert.deepEqual(ids(index.containing(offset, true)), ids(list.filter((s) => s.start <= offset && offset <= s.end)));
      }),
      { numRuns: 500 },
    );
  });

  it('overlapping(start, end): the spans sharing a character with [start, end), in their original order', () => {
    fc.assert(
      fc.property(spans, fc.nat(90), fc.nat(20), (list, start, length) => {
        const end = start + length;
        const index = new SpanIndex(list);
        assert.deepEqual(ids(index.overlapping(start, end)), ids(list.filter((s) => start < s.end && s.start < end)));
      }),
      { numRuns: 500 },
    );
  });

  it('a span nested deep inside a long one is still found (the running maximum end, not the previous span)', () => {
    const list: Span[] = [{ start: 0, end: 100, id: 0 }, { start: 10, end: 12, id: 1 }, { start: 20, end: 22, id: 2 }];
    assert.deepEqual(ids(new SpanIndex(list).containing(50)), [0]);
    assert.deepEqual(ids(new SpanIndex(list).overlapping(21, 60)), [0, 2]);
  });
});

describe('AnalysisIndex (src/editor/analysisIndex.ts)', () => {
  const quotes = fc.array(fc.tuple(fc.nat(60), fc.nat(25), fc.nat(5), fc.option(fc.nat(3), { nil: undefined })), { maxLength: 30 }).map((rows) =>
    rows.map(([start, length, attribution, speakerCluster]): Quote => {
      const span = { start, end: start + length, text: 'x'.repeat(length) };
      return { ...span, kind: 'direct', attribution, speakerCluster, content: span };
    }),
  );
  const withQuotes = (list: Quote[]): Analysis => ({
    entities: [],
    clusters: [],
    quotes: list,
    facts: { characters: 100, words: 0, sentences: 0, paragraphs: 0, entityCounts: {}, quotes: list.length },
  });

  it('quoteAt: the same quotation as the scan (the smallest containing one, the first of equal ones)', () => {
    fc.assert(
      fc.property(quotes, fc.integer({ min: -1, max: 90 }), (list, offset) => {
        const analysis = withQuotes(list);
        assert.equal(new AnalysisIndex(analysis).quoteAt(offset), quoteAt(analysis, offset));
      }),
      { numRuns: 500 },
    );
  });

  it('segmentsOf and attributionsBy: the same lists as attributionSegments and attributionsBy', () => {
    fc.assert(
      fc.property(quotes, (list) => {
        const analysis = withQuotes(list);
        const index = new AnalysisIndex(analysis);
        for (const [attribution, segments] of attributionSegments(analysis)) assert.deepEqual(index.segmentsOf(attribution), segments);
        for (const cluster of [0, 1, 2, 3, 4]) assert.deepEqual(index.attributionsBy(cluster), attributionsBy(analysis, cluster));
      }),
      { numRuns: 300 },
    );
  });

  it('on real articles: every offset gives the quotation the scan gives; every cluster its attributions', () => {
    const text = readFileSync('seeds/trump-xi-tiktok-call.txt', 'utf8');
    for (const analysis of [analyze(text), analyze(`${text}\n\n${text}`)]) {
      assert.ok(analysis.quotes.length > 5, 'the seed has quotations');
      const index = new AnalysisIndex(analysis);
      let found = 0;
      for (let offset = 0; offset <= text.length; offset++) {
        const expected = quoteAt(analysis, offset);
        assert.equal(index.quoteAt(offset), expected, `offset ${offset}`);
        if (expected) found++;
      }
      assert.ok(found > 100, 'offsets inside quotations were checked');
      for (const c of analysis.clusters) assert.deepEqual(index.attributionsBy(c.id), attributionsBy(analysis, c.id));
    }
  });

  it('attributionsBy hands out a copy: changing it does not change the next answer', () => {
    const span = { start: 0, end: 3, text: 'abc' };
    const index = new AnalysisIndex(withQuotes([{ ...span, kind: 'direct', attribution: 0, speakerCluster: 1, content: span }]));
    index.attributionsBy(1).pop();
    assert.equal(index.attributionsBy(1).length, 1);
  });
});
