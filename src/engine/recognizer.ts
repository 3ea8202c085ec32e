// The swappable name-recognition stage. A recognizer finds name mentions; the pipeline then refines
// coarse CoNLL labels to OntoNotes types, adds value entities, clusters, descriptors and quotes.
import type { ConllType, NameType } from './types';
import type { Tokenized } from './tokenize';

export interface NameMention {
  start: number;
  end: number;
  /** A coarse CoNLL label (refined later by the pipeline) or an OntoNotes name type. */
  label: ConllType | NameType;
  /** Optional confidence in [0, 1]. */
  score?: number;
}

export interface NameRecognizer {
  readonly id: string;
  recognize(text: string, doc: Tokenized): NameMention[];
}
