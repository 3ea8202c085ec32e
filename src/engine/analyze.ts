// The analysis pipeline: tokens -> names (swappable recognizer) -> OntoNotes types -> values ->
// clusters -> descriptors -> quotes -> document facts.
import type { Analysis, DocumentFacts, Entity, EntityType, NameType } from './types';
import type { NameRecognizer } from './recognizer';
import { isSpace, tokenize, type Tokenized } from './tokenize';
import { PerceptronRecognizer } from './ner';
import { fusedNames, personSpans, personsByName, refineType, sentenceFinalPeriod, splitPersonOf, titledPersons, withoutArticle } from './refine';
import { findValues } from './values';
import { buildClusters } from './clusters';
import { attachDescriptors } from './descriptors';
import { findQuotes } from './quotes';
import { EntityTokenIndex } from './entityIndex';

export interface AnalyzeOptions {
  /** Replaces the default name recognizer. */
  recognizer?: NameRecognizer;
  /** When given, each stage's wall time (ms) is added to it under the stage's name, for profiling
   *  (scripts/pipeline-profile.ts). */
  stageTimes?: Map<string, number>;
}

/** A lap timer adding the time since the previous lap to `times[stage]`. */
function lapTimer(times: Map<string, number>): (stage: string) => void {
  let last = performance.now();
  return (stage) => {
    const now = performance.now();
    times.set(stage, (times.get(stage) ?? 0) + now - last);
    last = now;
  };
}

// The trained recognizer (models/ner.bin, loaded lazily on first use). The v0 rule recognizer in
// rules/names.ts stays available through `options.recognizer`.
let defaultRecognizer: NameRecognizer | undefined;
function getDefaultRecognizer(): NameRecognizer {
  return (defaultRecognizer ??= new PerceptronRecognizer());
}

/**
 * A short article whose analysis (with its internal objects: tokens, entity index) is kept for the life
 * of the process. V8 holds the hidden classes of objects only weakly: once the last object of a class is
 * garbage, a full collection frees the class and throws away the optimised code of every function that
 * used it. Each analysis builds its objects afresh, so between analyses none are left, and every full
 * collection (V8 runs one whenever a worker falls idle) made the next analyses run in slower, not yet
 * re-optimised code: over the CoNLL-2003 dev documents up to 1.9x slower per pass. Objects built by the
 * same code get the same classes, so one small kept analysis keeps them all alive.
 */
const SHAPE_SAMPLE = '“We will appeal,” said Jane Smith, a lawyer for Acme Corp. in Paris, on Monday. Smith added that 3 million people ' +
  'and the U.N. agreed, according to Reuters. The company’s shares fell 5% to $12.50.\n\nSHE SAID: “No.”';
let shapeKeeper: unknown;

export function analyze(text: string, options: AnalyzeOptions = {}): Analysis {
  if (shapeKeeper === undefined) {
    shapeKeeper = null; // before the call below, which comes back here
    shapeKeeper = analyzeKeeping(SHAPE_SAMPLE, { recognizer: options.recognizer }); // the caller's recognizer: no model load for the rules
  }
  return analyzeKeeping(text, options).analysis;
}

/** analyze() with the internal objects of the analysis. */
function analyzeKeeping(text: string, options: AnalyzeOptions): { analysis: Analysis; doc: Tokenized; entityIndex: EntityTokenIndex } {
  const lap = options.stageTimes ? lapTimer(options.stageTimes) : undefined;
  const doc = tokenize(text);
  lap?.('tokenize');
  const recognizer = options.recognizer ?? getDefaultRecognizer();
  const mentions = titledPersons(text, doc.tokens, fusedNames(text, splitPersonOf(text, recognizer.recognize(text, doc))));
  lap?.('name tagger');
  const names: Entity[] = [];
  for (let i = 0; i < mentions.length; i++) {
    const m = withoutArticle(text, mentions[i]);
    const surface = text.slice(m.start, m.end);
    const type: NameType = refineType(m, surface, text);
    names.push({ start: m.start, end: m.end, text: surface, type });
  }
  // Sorted by start (a stable sort), which leaves names already in order (the usual case) as they are:
  // sorted only when one is out of order.
  let k = 1;
  while (k < names.length && names[k].start >= names[k - 1].start) k++;
  if (k < names.length) names.sort((a, b) => a.start - b.start);
  personsByName(text, names);
  personSpans(text, names);
  sentenceFinalPeriod(text, names);
  lap?.('refineType');
  // Values fill the gaps between names.
  const values = findValues(text);
  lap?.('findValues');
  const entities: Entity[] = [];
  let ni = 0;
  for (const v of values) {
    while (ni < names.length && names[ni].end <= v.start) entities.push(names[ni++]);
    // Names are sorted and do not overlap, so only the next one can overlap this value.
    const overlaps = ni < names.length && names[ni].start < v.end;
    if (!overlaps) entities.push({ start: v.start, end: v.end, text: text.slice(v.start, v.end), type: v.type });
  }
  while (ni < names.length) entities.push(names[ni++]);
  for (k = 1; k < entities.length && entities[k].start >= entities[k - 1].start; k++);
  if (k < entities.length) entities.sort((a, b) => a.start - b.start);
  lap?.('merge names and values');

  const clusters = buildClusters(entities);
  lap?.('buildClusters');
  const entityIndex = new EntityTokenIndex(doc.tokens, entities);
  lap?.('EntityTokenIndex');
  attachDescriptors(text, doc.tokens, entities, clusters, entityIndex);
  lap?.('attachDescriptors');
  const quotes = findQuotes(text, doc, entities, entityIndex, clusters);
  lap?.('findQuotes');
  const facts = documentFacts(text, doc, entities, quotes.length);
  lap?.('documentFacts');
  return { analysis: { entities, clusters, quotes, facts }, doc, entityIndex };
}

export function documentFacts(text: string, doc: Tokenized, entities: Entity[], quotes: number): DocumentFacts {
  let words = 0;
  for (const t of doc.tokens) if (t.kind !== 'punct') words++;
  // Counted in two small arrays (a type's index found by a scan over the few seen so far, comparing
  // interned strings) and copied over: the keys keep their first-seen order.
  const types: EntityType[] = [];
  const counts: number[] = [];
  let last = -1;
  for (const e of entities) {
    // Entities of one type often come in runs: the last index is tried first.
    if (last < 0 || types[last] !== e.type) {
      last = types.indexOf(e.type);
      if (last < 0) { last = types.length; types.push(e.type); counts.push(0); }
    }
    counts[last]++;
  }
  const entityCounts: Partial<Record<EntityType, number>> = {};
  for (let i = 0; i < types.length; i++) entityCounts[types[i]] = counts[i];
  return { characters: text.length, words, sentences: doc.sentences.length, paragraphs: countParagraphs(text), entityCounts, quotes };
}

/**
 * Paragraphs are separated by blank lines; in a text without any, every line is a paragraph: the number
 * of non-blank pieces of text.trim().split(/\r?\n[ \t]*\r?\n/) when the text has a blank line
 * (/\n[ \t]*\r?\n/), else of text.trim().split(/\r?\n/). One pass counts both ways, without the pieces.
 */
function countParagraphs(text: string): number {
  const body = text.trim();
  let byBlankLines = 0, byLines = 0;
  let blockStart = 0, lineStart = 0;
  let sawBlankLine = false;
  // From one line break to the next (nextLineBreak skips the characters between).
  for (let p = nextLineBreak(body, 0); p >= 0; p = nextLineBreak(body, p + 1)) {
    const lineBreak = lineBreakEnd(body, p);
    if (hasNonSpace(body, lineStart, p)) byLines++;
    lineStart = lineBreak;
    const blank = blankLineEnd(body, p);
    if (blank >= 0) {
      sawBlankLine = true;
      if (hasNonSpace(body, blockStart, p)) byBlankLines++;
      blockStart = blank;
      lineStart = blank; // the next search starts after this match, so lines resume there too
      p = blank - 1;
    } else p = lineBreak - 1;
  }
  if (hasNonSpace(body, lineStart, body.length)) byLines++;
  if (hasNonSpace(body, blockStart, body.length)) byBlankLines++;
  return sawBlankLine ? byBlankLines : byLines;
}

/** Start of the first /\r?\n/ match at or after `from`, or -1: the first "\n", or the "\r" before it
 *  when that lies at or after `from`. */
function nextLineBreak(s: string, from: number): number {
  const i = s.indexOf('\n', from);
  return i > from && s.charCodeAt(i - 1) === 13 ? i - 1 : i;
}

/** End of a /\r?\n/ match at p, or -1. */
function lineBreakEnd(s: string, p: number): number {
  const c = s.charCodeAt(p);
  if (c === 10) return p + 1;
  return c === 13 && s.charCodeAt(p + 1) === 10 ? p + 2 : -1;
}

/** End of a /\r?\n[ \t]*\r?\n/ match at p, or -1 (no backtracking can find another: the spaces and
 *  tabs cannot stand for a line break). */
function blankLineEnd(s: string, p: number): number {
  let q = lineBreakEnd(s, p);
  if (q < 0) return -1;
  while (s.charCodeAt(q) === 32 || s.charCodeAt(q) === 9) q++;
  return lineBreakEnd(s, q);
}

function hasNonSpace(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isSpace(s.charCodeAt(i))) return true;
  return false;
}

