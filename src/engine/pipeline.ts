// The analysis pipeline: named stages run in order over one AnalysisContext. Each stage declares the
// context fields it reads and writes (checked by checkStages, tested in test/unit/pipeline.test.ts);
// profiling is the one loop in runStages.
//
//   tokenize -> name tagger -> refineType -> findValues -> merge names and values -> buildClusters ->
//   EntityTokenIndex -> attachDescriptors -> findQuotes -> findReferences -> documentFacts
import { sortByStart, type Cluster, type DocumentFacts, type Entity, type Quote, type Reference } from './types';
import type { NameMention, NameRecognizer } from './recognizer';
import { tokenize, type Tokenized } from './tokenize';
import { lowercasePlaces } from './lowercasePlaces';
import { creditAgencies, fusedNames, joinedAcrossAnd, namesFromMentions, splitPersonOf, titledPersons, withoutFurniture } from './refine';
import { findValues, type ValueMention } from './values';
import { buildAliasClusters } from './clusters';
import { EntityTokenIndex } from './entityIndex';
import { attachDescriptors } from './descriptors';
import { findQuotes } from './quotes';
import { findReferences } from './references';
import { documentFacts } from './facts';

/**
 * Everything known about one document while it is analysed. Every field exists from the start (one
 * object shape for all documents); a stage fills the fields it writes.
 */
export class AnalysisContext {
  /** The document (input). */
  readonly text: string;
  /** Finds the name mentions (input). */
  readonly recognizer: NameRecognizer;
  /** Tokens and sentences. */
  doc!: Tokenized;
  /** The recognizer's name mentions, split and fused where the conventions say so, titled persons added. */
  mentions!: NameMention[];
  /** Names with their OntoNotes types, sorted by start, not overlapping. */
  names!: Entity[];
  /** Dates, times, amounts and numbers. */
  values!: ValueMention[];
  /** Names and the values between them, sorted by start. */
  entities!: Entity[];
  /** Alias clusters of the name entities (which point back at them through Entity.cluster). */
  clusters!: Cluster[];
  /** The entity at each token. */
  entityIndex!: EntityTokenIndex;
  quotes!: Quote[];
  /** Pronouns and descriptions resolved to a cluster. */
  references!: Reference[];
  facts!: DocumentFacts;

  constructor(text: string, recognizer: NameRecognizer) {
    this.text = text;
    this.recognizer = recognizer;
  }
}

export type ContextField = keyof AnalysisContext;
/** The fields a pipeline starts with. */
export const INPUTS: readonly ContextField[] = ['text', 'recognizer'];

export interface Stage {
  /** The name under which AnalyzeOptions.stageTimes reports the stage. */
  readonly name: string;
  readonly reads: readonly ContextField[];
  readonly writes: readonly ContextField[];
  run(c: AnalysisContext): void;
}

export const STAGES: readonly Stage[] = [
  {
    name: 'tokenize', reads: ['text'], writes: ['doc'],
    run: (c) => { c.doc = tokenize(c.text); },
  },
  {
    name: 'name tagger', reads: ['text', 'doc', 'recognizer'], writes: ['mentions'],
    run: (c) => {
      c.mentions = lowercasePlaces(c.text, c.doc.tokens, joinedAcrossAnd(c.text, creditAgencies(c.text, titledPersons(c.text, c.doc.tokens, fusedNames(c.text, splitPersonOf(c.text, withoutFurniture(c.text, c.recognizer.recognize(c.text, c.doc))))))));
    },
  },
  {
    name: 'refineType', reads: ['text', 'mentions'], writes: ['names'],
    run: (c) => { c.names = namesFromMentions(c.text, c.mentions); },
  },
  {
    name: 'findValues', reads: ['text'], writes: ['values'],
    run: (c) => { c.values = findValues(c.text); },
  },
  {
    name: 'merge names and values', reads: ['text', 'names', 'values'], writes: ['entities'],
    run: (c) => { c.entities = mergeNamesAndValues(c.text, c.names, c.values); },
  },
  {
    // Also sets Entity.cluster on the entities.
    name: 'buildClusters', reads: ['entities'], writes: ['clusters', 'entities'],
    run: (c) => { c.clusters = buildAliasClusters(c.entities); },
  },
  {
    name: 'EntityTokenIndex', reads: ['doc', 'entities'], writes: ['entityIndex'],
    run: (c) => { c.entityIndex = new EntityTokenIndex(c.doc.tokens, c.entities); },
  },
  {
    // Adds Cluster.descriptors.
    name: 'attachDescriptors', reads: ['text', 'doc', 'entities', 'clusters', 'entityIndex'], writes: ['clusters'],
    run: (c) => { attachDescriptors(c.text, c.doc.tokens, c.entities, c.clusters, c.entityIndex); },
  },
  {
    name: 'findQuotes', reads: ['text', 'doc', 'entities', 'entityIndex', 'clusters'], writes: ['quotes'],
    run: (c) => { c.quotes = findQuotes(c.text, c.doc, c.entities, c.entityIndex, c.clusters); },
  },
  {
    name: 'findReferences', reads: ['text', 'doc', 'entities', 'clusters', 'quotes'], writes: ['references'],
    run: (c) => { c.references = findReferences(c.text, c.doc, c.entities, c.clusters, c.quotes); },
  },
  {
    name: 'documentFacts', reads: ['text', 'doc', 'entities', 'quotes'], writes: ['facts'],
    run: (c) => { c.facts = documentFacts(c.text, c.doc, c.entities, c.quotes.length); },
  },
];

/** Runs the stages in order; with `times`, adds each stage's wall time (ms) to times[stage name]. */
export function runStages(c: AnalysisContext, stages: readonly Stage[], times?: Map<string, number>): void {
  if (!times) {
    for (let i = 0; i < stages.length; i++) stages[i].run(c);
    return;
  }
  let last = performance.now();
  for (let i = 0; i < stages.length; i++) {
    const stage = stages[i];
    stage.run(c);
    const now = performance.now();
    times.set(stage.name, (times.get(stage.name) ?? 0) + now - last);
    last = now;
  }
}

/** The problems of a stage list: a stage reading a field that neither the inputs nor an earlier stage
 *  wrote, or a name used twice. Empty when the order is sound. */
export function checkStages(stages: readonly Stage[]): string[] {
  const problems: string[] = [];
  const written = new Set<ContextField>(INPUTS);
  const names = new Set<string>();
  for (const s of stages) {
    if (names.has(s.name)) problems.push(`stage "${s.name}" appears twice`);
    names.add(s.name);
    for (const f of s.reads) if (!written.has(f)) problems.push(`stage "${s.name}" reads ${f} before any stage writes it`);
    for (const f of s.writes) written.add(f);
  }
  return problems;
}

/** Names and values in one list sorted by start: a value overlapping a name gives way to it. */
function mergeNamesAndValues(text: string, names: Entity[], values: ValueMention[]): Entity[] {
  const entities: Entity[] = [];
  let ni = 0;
  for (const v of values) {
    while (ni < names.length && names[ni].end <= v.start) entities.push(names[ni++]);
    // Names are sorted and do not overlap, so only the next one can overlap this value.
    const overlaps = ni < names.length && names[ni].start < v.end;
    if (!overlaps) entities.push({ start: v.start, end: v.end, text: text.slice(v.start, v.end), type: v.type });
  }
  while (ni < names.length) entities.push(names[ni++]);
  sortByStart(entities);
  return entities;
}
