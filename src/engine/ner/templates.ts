// The name tagger's feature templates, by name. A feature is comb(template id, value hash) reduced to a
// weight bucket, so the ids below are part of the model file (models/ner.bin): changing one changes
// every hash of its template and the trained weights no longer apply. Add templates with new ids only.
//
// "prev"/"next" are the neighbours in the sentence (BOS / EOS past its ends); "shape" is the short shape
// (runs of one character class collapsed) unless named "full shape"; "case" is the token's CAP | ALLCAPS
// flag bits.
//
// esbuild inlines enum members as number literals in the bundle, so the hot loops see constants.
export enum Template {
  // Stage 1: the token itself.
  Bias = 1,
  /** Exact word (left out on ALL-CAPS lines, where case says nothing). */
  Word = 2,
  Lower = 3,
  /** Lower-case words around the token. */
  LowerPrev2 = 4,
  LowerPrev = 5,
  LowerNext = 6,
  LowerNext2 = 7,
  /** Full shape (first four characters kept, then runs collapsed). */
  FullShape = 10,
  Shape = 11,
  ShapePrev2 = 12,
  ShapePrev = 13,
  ShapeNext = 14,
  ShapeNext2 = 15,
  /** Lower-case prefixes of 1..4 characters: ids 20..23. */
  Prefix = 20,
  /** Lower-case suffixes of 1..4 characters: ids 24..27. */
  Suffix = 24,
  // Word and shape pairs.
  LowerPrevAndLower = 30,
  LowerAndLowerNext = 31,
  ShapeTrigram = 32,
  LowerPrevAndShape = 33,
  ShapeAndLowerNext = 34,
  LowerPrev2AndLowerPrev = 35,
  // Position in the sentence and the line.
  SentenceStartShape = 36,
  SentenceStartLower = 37,
  CapsLineLower = 38,
  CapsLineDocBits = 39,
  LineStartShape = 40,
  /** How the same lower-cased word is written elsewhere in the document (bits, see docBit). */
  DocBits = 41,
  DocBitsAndShape = 42,
  /** Place in the capitalised run the token belongs to (see runShape). */
  RunShape = 44,
  RunLastWord = 45,
  RunFirstWordAndRunShape = 46,
  /** Gazetteer BILU code of the token, per category (GAZ_CATS): ids 50..59; with case 60..69; of the
   *  previous token 70..79; of the next token 80..89. */
  Gazetteer = 50,
  GazetteerAndCase = 60,
  GazetteerPrev = 70,
  GazetteerNext = 80,
  /** Word cluster path prefixes of 4, 8 and 12 bits. */
  Cluster4 = 90,
  Cluster8 = 91,
  Cluster12 = 92,
  Cluster8AndCase = 93,
  /** The word has no cluster: case only. */
  NoClusterCase = 94,
  ClusterPrev8 = 95,
  ClusterPrev12 = 96,
  ClusterNext8 = 97,
  ClusterNext12 = 98,
  // Stage 2: the first-pass tags.
  Tag1 = 100,
  Tag1Prev = 101,
  Tag1Next = 102,
  Tag1PrevAndTag1 = 103,
  // Stage 2: document memory, how the other occurrences of the word were tagged in the first pass.
  /** The most frequent type (PER, ORG, LOC, MISC, or 4 = O when capitalised in running text). */
  MemoryBest = 110,
  MemoryBestAndShape = 111,
  MemoryBestAndTag1 = 112,
  /** All other occurrences agree. */
  MemoryUnanimous = 113,
  /** A type any other occurrence had. */
  MemoryTypeSeen = 114,
  /** A BILU tag (5 + tag - 1) any other occurrence had. */
  MemoryTagSeen = 115,
}

/** Stand-ins for the words and shapes past the sentence's ends. */
export const BOS = 0x5eed1, EOS = 0x5eed2;
