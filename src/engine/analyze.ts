// The analysis pipeline: tokens -> names (swappable recognizer) -> OntoNotes types -> values ->
// clusters -> descriptors -> quotes -> document facts.
import type { Analysis, DocumentFacts, Entity, EntityType, NameType } from './types';
import type { NameRecognizer } from './recognizer';
import { tokenize } from './tokenize';
import { PerceptronRecognizer } from './ner';
import { refineType } from './refine';
import { findValues } from './values';
import { buildClusters } from './clusters';
import { attachDescriptors } from './descriptors';
import { findQuotes } from './quotes';
import { EntityTokenIndex } from './entityIndex';

export interface AnalyzeOptions {
  /** Replaces the default name recognizer. */
  recognizer?: NameRecognizer;
}

// The trained recognizer (models/ner.bin, loaded lazily on first use). The v0 rule recognizer in
// rules/names.ts stays available through `options.recognizer`.
let defaultRecognizer: NameRecognizer | undefined;
function getDefaultRecognizer(): NameRecognizer {
  return (defaultRecognizer ??= new PerceptronRecognizer());
}

export function analyze(text: string, options: AnalyzeOptions = {}): Analysis {
  const doc = tokenize(text);
  const recognizer = options.recognizer ?? getDefaultRecognizer();
  const names: Entity[] = recognizer.recognize(text, doc).map((m) => {
    const surface = text.slice(m.start, m.end);
    const type: NameType = refineType(m, surface, text);
    return { start: m.start, end: m.end, text: surface, type };
  });
  names.sort((a, b) => a.start - b.start);
  // Values fill the gaps between names.
  const values = findValues(text);
  const entities: Entity[] = [];
  let ni = 0;
  for (const v of values) {
    while (ni < names.length && names[ni].end <= v.start) entities.push(names[ni++]);
    // Names are sorted and do not overlap, so only the next one can overlap this value.
    const overlaps = ni < names.length && names[ni].start < v.end;
    if (!overlaps) entities.push({ start: v.start, end: v.end, text: text.slice(v.start, v.end), type: v.type });
  }
  while (ni < names.length) entities.push(names[ni++]);
  entities.sort((a, b) => a.start - b.start);

  const clusters = buildClusters(entities);
  const entityIndex = new EntityTokenIndex(doc.tokens, entities);
  attachDescriptors(text, doc.tokens, entities, clusters, entityIndex);
  const quotes = findQuotes(text, doc, entities, entityIndex);
  const facts = documentFacts(text, doc.tokens.filter((t) => t.kind !== 'punct').length, doc.sentences.length, entities, quotes.length);
  return { entities, clusters, quotes, facts };
}

function documentFacts(text: string, words: number, sentences: number, entities: Entity[], quotes: number): DocumentFacts {
  const entityCounts: Partial<Record<EntityType, number>> = {};
  for (const e of entities) entityCounts[e.type] = (entityCounts[e.type] ?? 0) + 1;
  // Paragraphs are separated by blank lines; in a text without any, every line is a paragraph.
  const body = text.trim();
  const blocks = /\n[ \t]*\r?\n/.test(body) ? body.split(/\r?\n[ \t]*\r?\n/) : body.split(/\r?\n/);
  const paragraphs = blocks.filter((b) => b.trim().length > 0).length;
  return { characters: text.length, words, sentences, paragraphs, entityCounts, quotes };
}
