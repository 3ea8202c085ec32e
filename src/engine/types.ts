// The engine's data model. Every offset is a JavaScript string index (UTF-16 code unit) into the
// original text, end-exclusive: `text.slice(start, end)` is the span's text.

/** OntoNotes 5 entity labels, as spaCy uses them. */
export const NAME_TYPES = [
  'PERSON', 'NORP', 'FAC', 'ORG', 'GPE', 'LOC', 'PRODUCT', 'EVENT', 'WORK_OF_ART', 'LAW', 'LANGUAGE',
] as const;
export const VALUE_TYPES = ['DATE', 'TIME', 'PERCENT', 'MONEY', 'QUANTITY', 'ORDINAL', 'CARDINAL'] as const;
export type NameType = (typeof NAME_TYPES)[number];
export type ValueType = (typeof VALUE_TYPES)[number];
export type EntityType = NameType | ValueType;
export const ENTITY_TYPES: readonly EntityType[] = [...NAME_TYPES, ...VALUE_TYPES];

/** CoNLL-2003 coarse labels. */
export type ConllType = 'PER' | 'ORG' | 'LOC' | 'MISC';

export interface Span {
  start: number;
  end: number;
  text: string;
}

export interface Entity extends Span {
  type: EntityType;
  /** Id of the cluster this mention belongs to (names only). */
  cluster?: number;
}

export interface Descriptor extends Span {
  /** How the descriptor was found: a title before the name, an appositive, a "X of Y" phrase... */
  kind: 'title' | 'appositive' | 'of-phrase' | 'premodifier' | 'predicate';
}

export interface Cluster {
  id: number;
  /** Canonical name: the longest, most complete mention. */
  name: string;
  type: EntityType;
  /** Other surface forms in the text, canonical name excluded. */
  aliases: string[];
  descriptors: Descriptor[];
  /** Indices into Analysis.entities, in text order. */
  mentions: number[];
}

export type QuoteKind = 'direct' | 'mixed' | 'indirect';

/**
 * One segment of an attribution. `direct`: the words are inside quotation marks (Span = with the marks,
 * `content` = without; a reported clause that is at least 90% quotation, "he vowed that “…”", is direct
 * too, with Span = content = the clause). `mixed`: reported speech that contains quoted fragments
 * (Span = content = the reported clause). `indirect`: reported speech without marks ("X said that ...";
 * Span = content). A quote interrupted by its attribution ("“X,” he said, “Y.”") is two Quotes with one
 * `attribution`, as are the paragraphs of a multi-paragraph quote.
 */
export interface Quote extends Span {
  kind: QuoteKind;
  /** The reported words: for `direct`, without the quotation marks. */
  content: Span;
  /** Index of the attribution this segment belongs to; segments of one attribution share it. */
  attribution: number;
  /** The source mention: a name, a pronoun ("he") or a description ("a U.S. official"). */
  speaker?: Span;
  /** The cluster the speaker resolves to, when the text allows. */
  speakerCluster?: number;
  /** The source is anonymous ("a U.S. official", "people familiar with the matter"): never resolved. */
  anonymous?: boolean;
  cue?: Span;
  /** A date or time expression in the attribution clause ("said on Thursday"). */
  when?: Span;
  /** The quoted fragments inside reported speech (`mixed`, and reported clauses that are `direct` by their
   *  share of quotation), in text order: the exact words attributed to the speaker, without the marks
   *  ("pretty close to a deal"). Absent when there are none. */
  fragments?: Span[];
}

/** A pronoun ("He") or a definite description ("the president") that the engine resolved to a name
 *  cluster (see references.ts for which it resolves). */
export interface Reference extends Span {
  /** The cluster it refers to (Analysis.clusters). */
  cluster: number;
  kind: 'pronoun' | 'description';
}

export interface DocumentFacts {
  characters: number;
  words: number;
  sentences: number;
  paragraphs: number;
  entityCounts: Partial<Record<EntityType, number>>;
  quotes: number;
}

export interface Analysis {
  entities: Entity[];
  clusters: Cluster[];
  quotes: Quote[];
  /** Resolved pronouns and descriptions, in text order (analyze() always sets it; optional for analyses
   *  built elsewhere, e.g. by older workers or tests). */
  references?: Reference[];
  facts: DocumentFacts;
}

export function conllType(type: EntityType): ConllType | undefined {
  switch (type) {
    case 'PERSON': return 'PER';
    case 'ORG': return 'ORG';
    case 'GPE': case 'LOC': case 'FAC': return 'LOC';
    case 'NORP': case 'EVENT': case 'PRODUCT': case 'LAW': case 'WORK_OF_ART': case 'LANGUAGE': return 'MISC';
    default: return undefined;
  }
}

/** Sorts by start (a stable sort), leaving a list already in order (the usual case) as it is: sorted only
 *  when one is out of order. */
export function sortByStart(xs: Span[]): void {
  let k = 1;
  while (k < xs.length && xs[k].start >= xs[k - 1].start) k++;
  if (k < xs.length) xs.sort((a, b) => a.start - b.start);
}
