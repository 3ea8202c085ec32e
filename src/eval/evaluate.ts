// The evaluation suites behind `npm run eval`. Each suite takes the loaded documents and an analyze
// function, and returns plain numbers (JSON-serialisable). Document order is the file order and every
// matching rule is deterministic, so a run gives the same numbers every time.
//
// How spans are scored:
// - Entities (CoNLL-2003 dev, GUM names): exact start, end and type. Engine entities are mapped to
//   CoNLL labels with conllType(); value types (DATE, MONEY, ...) have no CoNLL label and are dropped.
// - Time expressions (GUM times): GUM labels every time mention `time` (dates, times of day, durations,
//   "the day", "months"); they may nest ("July 21, 2017" contains "2017"). Gold = the outermost GUM
//   time mentions (nested ones dropped, so one predicted span can match the whole expression);
//   predicted = engine entities typed DATE or TIME. Types are not compared (GUM has no DATE/TIME split).
//   Exact and one-to-one overlap P/R/F1.
// - Quotes (PolNeAR dev): gold = segments with kind `direct`, each segment its own gold span (an
//   interrupted quote - "...," said X, "..." - gives two segments with one attribution_id; the engine
//   is expected to return one quote per quoted stretch too). Not merged, because a merged span would
//   cover the attribution clause in between, which no quote span should include; instead the
//   attribution-level recall (an attribution counts as found when any of its segments is matched) is
//   reported next to the segment scores. Predicted = analyze() quotes with kind `direct`.
//   Span convention: in PolNeAR dev, 493 of the 561 direct segments include the quotation marks at
//   both ends (the rest are mostly multi-paragraph quotes whose closing mark is on a later paragraph,
//   and transcript turns like `"PENCE: ...`). The engine's `content` excludes the marks. So both sides
//   are compared as quote *contents*: the gold span and the predicted `content` span are each trimmed
//   of surrounding whitespace and quotation marks (" “ ” „ ‟ « » ‘ ’ ' ‚ ‛) before exact and overlap
//   matching. The predicted outer span (Quote.start/end) is not used: it may or may not include the
//   speaker clause, and the trim makes the score independent of whether the marks are included.
//   Speaker accuracy: over gold direct segments that have a speaker and are matched by overlap, the
//   predicted speaker span overlaps the gold speaker span.
import type { Analysis, ConllType } from '../engine/types';
import { conllType } from '../engine/types';
import type { ConllDoc, GumNamesDoc, GumTimesDoc, PolnearDoc } from './datasets';
import {
  IntervalScorer, QuoteScorer, SpanScorer, matchByOverlap, overlapSize,
  type GoldQuote, type Interval, type IntervalScore, type PredQuote, type QuoteScore, type SpanScore, type TypedSpan,
} from './score';

export type AnalyzeFn = (text: string) => Analysis;

export const CONLL_TYPES: readonly ConllType[] = ['PER', 'ORG', 'LOC', 'MISC'];

export interface DocError {
  suite: string;
  id: string;
  message: string;
}

/** Runs analyze() on one document; on an exception records it and returns an empty analysis, so one
 *  failing document does not hide the numbers of the others (the script then exits non-zero). */
export function safeAnalyze(analyze: AnalyzeFn, suite: string, id: string, text: string, errors: DocError[]): Analysis {
  try {
    return analyze(text);
  } catch (e) {
    const err = e as Error;
    errors.push({ suite, id, message: err?.stack ?? String(e) });
    return {
      entities: [], clusters: [], quotes: [],
      facts: { characters: text.length, words: 0, sentences: 0, paragraphs: 0, entityCounts: {}, quotes: 0 },
    };
  }
}

/** Engine entities that have a CoNLL label, as typed spans. */
export function conllEntities(a: Analysis): TypedSpan[] {
  const out: TypedSpan[] = [];
  for (const e of a.entities) {
    const type = conllType(e.type);
    if (type) out.push({ start: e.start, end: e.end, type });
  }
  return out;
}

export interface EntitySuiteResult extends SpanScore {
  docs: number;
  gold: number;
  predicted: number;
}

function entitySuite(
  suite: string,
  docs: readonly { id: string; text: string; entities: readonly TypedSpan[] }[],
  analyze: AnalyzeFn,
  errors: DocError[],
): EntitySuiteResult {
  const scorer = new SpanScorer();
  let gold = 0;
  let predicted = 0;
  for (const doc of docs) {
    const g = doc.entities.map((e) => ({ start: e.start, end: e.end, type: e.type }));
    const p = conllEntities(safeAnalyze(analyze, suite, doc.id, doc.text, errors));
    gold += g.length;
    predicted += p.length;
    scorer.add(g, p);
  }
  return { docs: docs.length, gold, predicted, ...scorer.result(CONLL_TYPES) };
}

export function evaluateConll(docs: readonly ConllDoc[], analyze: AnalyzeFn, errors: DocError[] = []): EntitySuiteResult {
  return entitySuite('conll', docs, analyze, errors);
}

export function evaluateGumNames(docs: readonly GumNamesDoc[], analyze: AnalyzeFn, errors: DocError[] = []): EntitySuiteResult {
  return entitySuite('gum-names', docs, analyze, errors);
}

// ---------------------------------------------------------------------------------------------------

/** Drops intervals strictly contained in (or duplicating) another one; keeps file order otherwise. */
export function outermost<T extends Interval>(spans: readonly T[]): T[] {
  return spans.filter((s, i) =>
    !spans.some((o, j) =>
      j !== i && o.start <= s.start && s.end <= o.end && (o.end - o.start > s.end - s.start || j < i)));
}

export interface TimeSuiteResult extends IntervalScore {
  docs: number;
  /** All GUM time mentions, nested included. */
  goldAll: number;
  /** Outermost GUM time mentions: the gold set scored. */
  gold: number;
  predicted: number;
}

export function evaluateGumTimes(docs: readonly GumTimesDoc[], analyze: AnalyzeFn, errors: DocError[] = []): TimeSuiteResult {
  const scorer = new IntervalScorer();
  let goldAll = 0;
  let gold = 0;
  let predicted = 0;
  for (const doc of docs) {
    goldAll += doc.entities.length;
    const g = outermost(doc.entities).map(({ start, end }) => ({ start, end }));
    const a = safeAnalyze(analyze, 'gum-times', doc.id, doc.text, errors);
    const p = a.entities.filter((e) => e.type === 'DATE' || e.type === 'TIME').map(({ start, end }) => ({ start, end }));
    gold += g.length;
    predicted += p.length;
    scorer.add(g, p);
  }
  return { docs: docs.length, goldAll, gold, predicted, ...scorer.result() };
}

// ---------------------------------------------------------------------------------------------------

const QUOTE_MARKS = new Set(['"', '“', '”', '„', '‟', '«', '»', '‘', '’', "'", '‚', '‛']);

function isTrimmable(ch: string | undefined): boolean {
  return ch !== undefined && (QUOTE_MARKS.has(ch) || /\s/u.test(ch));
}

/** Shrinks [start, end) past surrounding whitespace and quotation marks. Returns the input interval
 *  unchanged if trimming would leave it empty. */
export function trimQuoteMarks(text: string, start: number, end: number): Interval {
  let s = start;
  let e = end;
  while (s < e && isTrimmable(text[s])) s++;
  while (e > s && isTrimmable(text[e - 1])) e--;
  return s < e ? { start: s, end: e } : { start, end };
}

export interface QuoteSuiteResult extends QuoteScore {
  docs: number;
  /** Gold direct segments (the gold set scored). */
  gold: number;
  /** Distinct gold direct attributions. */
  goldAttributions: number;
  /** Predicted quotes of kind `direct` (the predicted set scored). */
  predicted: number;
  /** Predicted quotes of any kind. */
  predictedAllKinds: number;
  /** Unmatched predicted direct quotes that overlap a gold `mixed` or `indirect` attribution: false
   *  positives that are at least attributions (diagnostic only). */
  fpOverlappingOtherKinds: number;
}

export function evaluatePolnear(docs: readonly PolnearDoc[], analyze: AnalyzeFn, errors: DocError[] = []): QuoteSuiteResult {
  const scorer = new QuoteScorer();
  let gold = 0;
  let predicted = 0;
  let predictedAllKinds = 0;
  let fpOverlappingOtherKinds = 0;
  const attributions = new Set<string>();
  for (const doc of docs) {
    const t = doc.text;
    const g: GoldQuote[] = [];
    const others: Interval[] = [];
    for (const q of doc.quotes) {
      if (q.kind !== 'direct') {
        others.push({ start: q.start, end: q.end });
        continue;
      }
      const span = trimQuoteMarks(t, q.start, q.end);
      const hasSpeaker = typeof q.speaker_start === 'number' && typeof q.speaker_end === 'number';
      g.push({
        ...span,
        group: q.attribution_id,
        ...(hasSpeaker ? { speaker: { start: q.speaker_start as number, end: q.speaker_end as number } } : {}),
      });
      attributions.add(`${doc.id}\u0000${q.attribution_id}`);
    }
    const a = safeAnalyze(analyze, 'polnear', doc.id, t, errors);
    predictedAllKinds += a.quotes.length;
    const p: PredQuote[] = a.quotes
      .filter((q) => q.kind === 'direct')
      .map((q) => ({
        ...trimQuoteMarks(t, q.content.start, q.content.end),
        ...(q.speaker ? { speaker: { start: q.speaker.start, end: q.speaker.end } } : {}),
      }));
    gold += g.length;
    predicted += p.length;
    scorer.add(g, p);
    const matched = new Set(matchByOverlap(g, p).map(([, pi]) => pi));
    p.forEach((q, i) => {
      if (!matched.has(i) && others.some((o) => overlapSize(o, q) > 0)) fpOverlappingOtherKinds++;
    });
  }
  return {
    docs: docs.length, gold, goldAttributions: attributions.size, predicted, predictedAllKinds, fpOverlappingOtherKinds,
    ...scorer.result(),
  };
}
