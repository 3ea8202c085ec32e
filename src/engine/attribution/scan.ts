// What the attribution passes read about one document: its text and tokens with their entities and
// clusters, and per-token marks of the quotations found so far. Built once per document by findQuotes.
import type { Cluster, Entity } from '../types';
import type { Sentence, Token } from '../tokenize';
import type { EntityTokenIndex } from '../entityIndex';

export interface QuoteScan {
  readonly text: string;
  readonly tokens: Token[];
  readonly sentences: Sentence[];
  readonly entities: Entity[];
  readonly entityAt: EntityTokenIndex;
  readonly clusters: Cluster[];
  /** 1 on tokens of quoted utterances. */
  readonly inQuote: Int8Array;
  /** 1 on tokens inside quoted fragments (partial or scare quotes). */
  readonly fragment: Int8Array;
  /** 1 on tokens of quoted utterances and of their attribution clauses (cue, speaker): reported speech
   *  is looked for in the stretches of a sentence between them. */
  readonly used: Int8Array;
}

/** A quotation's tokens [qa, qb] and the sentence window [winStart, winEnd) its attribution lies in. */
export interface QuoteWindow {
  readonly qa: number;
  readonly qb: number;
  readonly winStart: number;
  readonly winEnd: number;
}
