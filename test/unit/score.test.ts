import * as assert from 'node:assert/strict';
import {
  IntervalScorer, QuoteScorer, SpanScorer, countExact, formatTable, matchByOverlap, prf, scoreSpans,
} from '../../tools/eval/score';
import { evaluatePolnear, goldKind, outermost, trimQuoteMarks } from '../../tools/eval/evaluate';
import type { Analysis, Quote } from '../../src/engine';

const span = (start: number, end: number, type: string) => ({ start, end, type });

describe('eval/score', () => {
  describe('prf', () => {
    it('computes precision, recall and F1 from counts', () => {
      const s = prf({ tp: 3, fp: 1, fn: 2 });
      assert.equal(s.precision, 0.75);
      assert.equal(s.recall, 0.6);
      assert.ok(Math.abs(s.f1 - (2 * 0.75 * 0.6) / 1.35) < 1e-12);
    });

    it('is 0, never NaN, when a denominator is 0', () => {
      for (const s of [prf({ tp: 0, fp: 0, fn: 0 }), prf({ tp: 0, fp: 0, fn: 5 }), prf({ tp: 0, fp: 4, fn: 0 })]) {
        assert.equal(s.precision, 0);
        assert.equal(s.recall, 0);
        assert.equal(s.f1, 0);
      }
    });
  });

  describe('scoreSpans (exact span + type)', () => {
    it('scores a perfect match as 1', () => {
      const gold = [span(0, 5, 'PER'), span(10, 13, 'LOC')];
      const s = scoreSpans(gold, [...gold].reverse());
      assert.deepEqual([s.micro.tp, s.micro.fp, s.micro.fn], [2, 0, 0]);
      assert.equal(s.micro.f1, 1);
    });

    it('counts a type mismatch as a false positive of the predicted type and a miss of the gold type', () => {
      const s = scoreSpans([span(0, 5, 'PER')], [span(0, 5, 'ORG')], ['PER', 'ORG']);
      assert.deepEqual([s.micro.tp, s.micro.fp, s.micro.fn], [0, 1, 1]);
      assert.deepEqual([s.byType.PER!.tp, s.byType.PER!.fp, s.byType.PER!.fn], [0, 0, 1]);
      assert.deepEqual([s.byType.ORG!.tp, s.byType.ORG!.fp, s.byType.ORG!.fn], [0, 1, 0]);
    });

    it('gives no credit for a boundary mismatch', () => {
      const s = scoreSpans([span(0, 12, 'PER')], [span(0, 5, 'PER'), span(6, 12, 'PER')]);
      assert.deepEqual([s.micro.tp, s.micro.fp, s.micro.fn], [0, 2, 1]);
      assert.equal(s.micro.f1, 0);
    });

    it('handles empty predictions without NaN', () => {
      const s = scoreSpans([span(0, 5, 'PER')], [], ['PER', 'ORG']);
      assert.equal(s.micro.precision, 0);
      assert.equal(s.micro.recall, 0);
      assert.equal(s.micro.f1, 0);
      assert.equal(s.micro.fn, 1);
      assert.ok(!Number.isNaN(s.byType.ORG!.f1));
    });

    it('counts a duplicated prediction once', () => {
      const s = scoreSpans([span(0, 5, 'PER')], [span(0, 5, 'PER'), span(0, 5, 'PER')]);
      assert.deepEqual([s.micro.tp, s.micro.fp, s.micro.fn], [1, 1, 0]);
    });

    it('breaks results down per type and micro-averages over documents', () => {
      const scorer = new SpanScorer();
      // doc 1: PER right, LOC wrong boundary
      scorer.add([span(0, 5, 'PER'), span(10, 16, 'LOC')], [span(0, 5, 'PER'), span(10, 15, 'LOC')]);
      // doc 2: the same offsets are a different document: PER right, ORG missed, spurious MISC
      scorer.add([span(0, 5, 'PER'), span(20, 23, 'ORG')], [span(0, 5, 'PER'), span(30, 31, 'MISC')]);
      const r = scorer.result(['PER', 'ORG', 'LOC', 'MISC']);
      assert.deepEqual(Object.keys(r.byType), ['PER', 'ORG', 'LOC', 'MISC']);
      assert.deepEqual([r.byType.PER!.tp, r.byType.PER!.fp, r.byType.PER!.fn], [2, 0, 0]);
      assert.equal(r.byType.PER!.f1, 1);
      assert.deepEqual([r.byType.ORG!.tp, r.byType.ORG!.fp, r.byType.ORG!.fn], [0, 0, 1]);
      assert.deepEqual([r.byType.LOC!.tp, r.byType.LOC!.fp, r.byType.LOC!.fn], [0, 1, 1]);
      assert.deepEqual([r.byType.MISC!.tp, r.byType.MISC!.fp, r.byType.MISC!.fn], [0, 1, 0]);
      assert.deepEqual([r.micro.tp, r.micro.fp, r.micro.fn], [2, 2, 2]);
      assert.equal(r.micro.precision, 0.5);
      assert.equal(r.micro.recall, 0.5);
    });

    it('lists requested types even when absent, and unlisted types after them', () => {
      const r = scoreSpans([span(0, 1, 'ZZZ')], [], ['PER']);
      assert.deepEqual(Object.keys(r.byType), ['PER', 'ZZZ']);
      assert.equal(r.byType.PER!.tp + r.byType.PER!.fp + r.byType.PER!.fn, 0);
    });
  });

  describe('overlap matching', () => {
    it('matches one-to-one: one prediction covering two gold spans matches only one', () => {
      const gold = [{ start: 0, end: 10 }, { start: 12, end: 20 }];
      const pred = [{ start: 0, end: 20 }];
      assert.deepEqual(matchByOverlap(gold, pred), [[0, 0]]);
      const s = new IntervalScorer();
      s.add(gold, pred);
      const r = s.result();
      assert.deepEqual([r.overlap.tp, r.overlap.fp, r.overlap.fn], [1, 0, 1]);
      assert.deepEqual([r.exact.tp, r.exact.fp, r.exact.fn], [0, 1, 2]);
    });

    it('prefers the largest overlap, so a greedy first-come match does not steal the better pair', () => {
      const gold = [{ start: 0, end: 10 }, { start: 8, end: 30 }];
      const pred = [{ start: 5, end: 25 }, { start: 0, end: 9 }];
      // overlaps: g0-p0 5, g0-p1 9, g1-p0 17, g1-p1 1 -> take g1-p0 (17), then g0-p1 (9)
      assert.deepEqual(matchByOverlap(gold, pred), [[0, 1], [1, 0]]);
    });

    it('does not match spans that only touch', () => {
      assert.deepEqual(matchByOverlap([{ start: 0, end: 5 }], [{ start: 5, end: 9 }]), []);
    });

    it('breaks ties deterministically by gold then prediction order', () => {
      const gold = [{ start: 0, end: 4 }, { start: 4, end: 8 }];
      const pred = [{ start: 2, end: 6 }];
      assert.deepEqual(matchByOverlap(gold, pred), [[0, 0]]);
    });

    it('counts exact untyped matches as a multiset', () => {
      assert.deepEqual(countExact([{ start: 1, end: 2 }], [{ start: 1, end: 2 }, { start: 1, end: 2 }]), { tp: 1, fp: 1, fn: 0 });
    });
  });

  describe('QuoteScorer', () => {
    it('scores speaker accuracy on matched gold quotes that have a speaker', () => {
      const q = new QuoteScorer();
      q.add(
        [
          { start: 10, end: 50, speaker: { start: 0, end: 5 }, group: 'A' }, // matched, right speaker
          { start: 60, end: 90, speaker: { start: 95, end: 100 }, group: 'B' }, // matched, wrong speaker
          { start: 120, end: 150, group: 'C' }, // matched, no gold speaker: not counted
          { start: 200, end: 240, speaker: { start: 190, end: 195 }, group: 'D' }, // missed: not counted
          { start: 250, end: 260, speaker: { start: 190, end: 195 }, group: 'D' }, // matched, no predicted speaker
        ],
        [
          { start: 10, end: 50, speaker: { start: 2, end: 9 } },
          { start: 62, end: 90, speaker: { start: 100, end: 110 } },
          { start: 120, end: 150 },
          { start: 251, end: 259 },
          { start: 400, end: 410 },
        ],
      );
      const r = q.result();
      assert.deepEqual([r.exact.tp, r.exact.fp, r.exact.fn], [2, 3, 3]);
      assert.deepEqual([r.overlap.tp, r.overlap.fp, r.overlap.fn], [4, 1, 1]);
      assert.deepEqual(r.speaker, { correct: 1, total: 3, accuracy: 1 / 3 });
      // groups A, B, C found; D found through its second segment
      assert.deepEqual(r.groupRecall, { correct: 4, total: 4, accuracy: 1 });
    });

    it('reports 0 accuracy (not NaN) when nothing was matched', () => {
      const q = new QuoteScorer();
      q.add([{ start: 0, end: 10, speaker: { start: 12, end: 15 } }], []);
      const r = q.result();
      assert.deepEqual(r.speaker, { correct: 0, total: 0, accuracy: 0 });
      assert.deepEqual(r.groupRecall, { correct: 0, total: 1, accuracy: 0 });
      assert.equal(r.overlap.precision, 0);
    });
  });

  describe('QuoteScorer with an IoU threshold and end-to-end quote+speaker', () => {
    it('matches only pairs with IoU >= the threshold', () => {
      // IoU of [0,10) and [5,25) is 5/25 = 0.2; of [0,10) and [0,12) is 10/12.
      assert.deepEqual(matchByOverlap([{ start: 0, end: 10 }], [{ start: 5, end: 25 }], 0.5), []);
      assert.deepEqual(matchByOverlap([{ start: 0, end: 10 }], [{ start: 5, end: 25 }]), [[0, 0]]);
      assert.deepEqual(matchByOverlap([{ start: 0, end: 10 }], [{ start: 0, end: 12 }], 0.5), [[0, 0]]);
    });

    it('counts a prediction correct end to end only when matched and its speaker is right', () => {
      const q = new QuoteScorer(0.5);
      q.add(
        [
          { start: 0, end: 10, speaker: { start: 20, end: 25 } }, // matched, right speaker
          { start: 30, end: 40, speaker: { start: 50, end: 55 } }, // matched, wrong speaker
          { start: 60, end: 70 }, // matched, no source on either side: right
          { start: 80, end: 90 }, // matched, predicted a speaker where PolNeAR has none: wrong
          { start: 100, end: 110, speaker: { start: 95, end: 99 } }, // only a low-IoU prediction: missed
        ],
        [
          { start: 0, end: 10, speaker: { start: 21, end: 23 } },
          { start: 30, end: 40, speaker: { start: 41, end: 45 } },
          { start: 61, end: 70 },
          { start: 80, end: 90, speaker: { start: 91, end: 93 } },
          { start: 105, end: 140, speaker: { start: 95, end: 99 } },
        ],
      );
      const r = q.result();
      assert.deepEqual([r.overlap.tp, r.overlap.fp, r.overlap.fn], [4, 1, 1]);
      assert.deepEqual([r.quoteSpeaker.tp, r.quoteSpeaker.fp, r.quoteSpeaker.fn], [2, 3, 3]);
      assert.deepEqual(r.speaker, { correct: 1, total: 2, accuracy: 0.5 });
    });
  });

  describe('evaluatePolnear', () => {
    const text = "Ann said the plan works. ''It works,'' she said.";
    const span = (s: string) => ({ start: text.indexOf(s), end: text.indexOf(s) + s.length });
    const doc = {
      id: 'd', text, quotes: [
        { ...span('the plan works'), attribution_id: 'A', kind: 'indirect' as const, speaker_start: 0, speaker_end: 3 },
        { ...span("''It works,''"), attribution_id: 'B', kind: 'indirect' as const, speaker_start: span('she').start, speaker_end: span('she').end },
      ],
    };
    const quote = (s: string, kind: Quote['kind'], who: string): Quote => {
      const c = { ...span(s), text: s };
      return { ...c, kind, content: c, attribution: 0, speaker: { ...span(who), text: who } };
    };
    const analysis = (quotes: Quote[]): Analysis => ({
      entities: [], clusters: [], quotes, facts: { characters: text.length, words: 0, sentences: 0, paragraphs: 0, entityCounts: {}, quotes: quotes.length },
    });

    it("scores ''…'' gold as direct, matches kinds per kind, and ignores kinds for all kinds together", () => {
      assert.equal(goldKind(doc.quotes[1], text), 'direct');
      assert.equal(goldKind(doc.quotes[0], text), 'indirect');
      // PolNeAR's own kinds, as filed: the doubled-apostrophe segment stays indirect.
      assert.equal(goldKind(doc.quotes[1], text, true), 'indirect');
      // The reported clause is found but labelled mixed; the quote is found as direct.
      const r = evaluatePolnear([doc], () => analysis([quote('the plan works', 'mixed', 'Ann'), quote('It works,', 'direct', 'she')]));
      assert.deepEqual([r.byKind.direct.exact.tp, r.byKind.direct.gold, r.byKind.direct.predicted], [1, 1, 1]);
      assert.deepEqual([r.byKind.indirect.overlap.tp, r.byKind.indirect.overlap.fn], [0, 1]);
      assert.deepEqual([r.byKind.mixed.overlap.fp, r.byKind.mixed.gold], [1, 0]);
      assert.deepEqual([r.byKind.all.exact.tp, r.byKind.all.quoteSpeaker.tp], [2, 2]);
    });
  });

  describe('quote span normalisation and nested gold', () => {
    it('trims quotation marks, spaces and edge punctuation so gold with marks equals content without them', () => {
      const text = 'He said: “I like TikTok.” Then "left" .';
      const gold = { start: text.indexOf('“'), end: text.indexOf('”') + 1 };
      const content = { start: gold.start + 1, end: gold.end - 2 };
      assert.deepEqual(trimQuoteMarks(text, gold.start, gold.end), content);
      assert.deepEqual(trimQuoteMarks(text, content.start, content.end), content);
      assert.deepEqual(trimQuoteMarks(text, text.indexOf('"'), text.lastIndexOf('"') + 2), {
        start: text.indexOf('left'), end: text.indexOf('left') + 4,
      });
    });

    it('keeps only outermost spans (and one copy of duplicates)', () => {
      const spans = [{ start: 0, end: 13 }, { start: 9, end: 13 }, { start: 20, end: 26 }, { start: 20, end: 26 }, { start: 24, end: 30 }];
      assert.deepEqual(outermost(spans), [{ start: 0, end: 13 }, { start: 20, end: 26 }, { start: 24, end: 30 }]);
    });
  });

  describe('formatTable', () => {
    it('aligns columns: first left, others right, header underlined', () => {
      const out = formatTable([['', 'P', 'F1'], ['micro', '87.5', '9.0'], ['PER', '100.0', '10.0']]);
      assert.equal(out, [
        '           P    F1',
        '-----  -----  ----',
        'micro   87.5   9.0',
        'PER    100.0  10.0',
      ].join('\n'));
    });

    it('returns an empty string for no rows and pads short rows', () => {
      assert.equal(formatTable([]), '');
      assert.equal(formatTable([['a', 'b'], ['xx']], { align: ['left', 'left'] }), 'a   b\n--  -\nxx');
    });
  });
});
