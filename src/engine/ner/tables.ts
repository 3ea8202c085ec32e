// Per-model tables of fast inference: templates with few possible values — document bits, capitalised-run
// shape, gazetteer codes, first-pass tags and most of the document memory — summed once per model, so
// that a token adds one table row instead of probing the weight index per feature.
import { GAZ_CATS, MEMORY_COUNTS, NT, comb } from './features';
import type { NerModel } from './model';
import { Template as T } from './templates';
import { NT12, add12, add2, bindModel } from './weights';
import { WordTypes } from './wordTypes';

const NCAT: number = GAZ_CATS.length;

/** Rows of ModelTables.memory: (best, t) for MemoryBest + MemoryBestAndTag1, then MemoryUnanimous (best),
 *  MemoryTypeSeen (type), MemoryTagSeen (BILU tag 5..20). */
export const MEM_BEST_TAG = 0, MEM_UNANIMOUS = 5 * NT, MEM_TYPE_SEEN = MEM_UNANIMOUS + 5, MEM_TAG_SEEN = MEM_TYPE_SEEN + 4;
const MEM_ROWS = MEM_TAG_SEEN + 16;
/** Rows of ModelTables.small: RunShape (< 48), then per gazetteer category 20 rows of Gazetteer +
 *  GazetteerAndCase (code * 4 + case), 5 of GazetteerPrev, 5 of GazetteerNext. */
export const SMALL_GAZ = 48, SMALL_GAZ_PREV = SMALL_GAZ + 20 * NCAT, SMALL_GAZ_NEXT = SMALL_GAZ_PREV + 5 * NCAT;
const SMALL_ROWS = SMALL_GAZ_NEXT + 5 * NCAT;
/** Row of Tag1Next in ModelTables.tags. */
export const TAGS_NEXT = (NT + 1) * NT;

export class ModelTables {
  readonly words: WordTypes;
  /** Pass-2 weights of the tag templates, pre-summed: per (previous tag, tag) the sum of Tag1, Tag1Prev and
   *  Tag1PrevAndTag1; then per next tag Tag1Next (row TAGS_NEXT + tag). NT integers each; tag NT stands
   *  for the sentence boundary. */
  readonly tags = new Int32Array(((NT + 1) * NT + NT + 1) * NT);
  /** Pass-1 and pass-2 weights of DocBits (0..15). */
  readonly docBits = new Int32Array(16 * NT12);
  /** Pass-2 weights of the small document-memory templates (rows of NT, see MEM_BEST_TAG ...). */
  readonly memory = new Int32Array(MEM_ROWS * NT);
  /** Pass-1 and pass-2 weights of the small stage-1 templates (rows of NT12, see SMALL_GAZ ...). */
  readonly small = new Int32Array(SMALL_ROWS * NT12);

  constructor(model: NerModel) {
    bindModel(model);
    for (let db = 0; db < 16; db++) add12(comb(T.DocBits, db), this.docBits, db * NT12, this.docBits, db * NT12 + NT);
    this.words = new WordTypes(model, model.gaz.clusters.size > 0);
    const tags = this.tags;
    for (let p = 0; p <= NT; p++) {
      for (let t = 0; t < NT; t++) {
        const o = (p * NT + t) * NT;
        add2(comb(T.Tag1, t), tags, o); add2(comb(T.Tag1Prev, p), tags, o); add2(comb(T.Tag1PrevAndTag1, comb(p, t)), tags, o);
      }
      add2(comb(T.Tag1Next, p), tags, (TAGS_NEXT + p) * NT);
    }
    const small = this.small;
    for (let sh = 0; sh < 48; sh++) add12(comb(T.RunShape, sh), small, sh * NT12, small, sh * NT12 + NT);
    for (let c = 0; c < NCAT; c++) {
      for (let g = 1; g <= 4; g++) {
        for (let f = 0; f < 4; f++) {
          const o = (SMALL_GAZ + c * 20 + g * 4 + f) * NT12;
          add12(comb(T.Gazetteer + c, g), small, o, small, o + NT); add12(comb(T.GazetteerAndCase + c, g * 4 + f), small, o, small, o + NT);
        }
        let o = (SMALL_GAZ_PREV + c * 5 + g) * NT12;
        add12(comb(T.GazetteerPrev + c, g), small, o, small, o + NT);
        o = (SMALL_GAZ_NEXT + c * 5 + g) * NT12;
        add12(comb(T.GazetteerNext + c, g), small, o, small, o + NT);
      }
    }
    const mem = this.memory;
    for (let b = 0; b < 5; b++) {
      for (let t = 0; t < NT; t++) {
        const o = (MEM_BEST_TAG + b * NT + t) * NT;
        add2(comb(T.MemoryBest, b), mem, o); add2(comb(T.MemoryBestAndTag1, comb(b, t)), mem, o);
      }
      add2(comb(T.MemoryUnanimous, b), mem, (MEM_UNANIMOUS + b) * NT);
    }
    for (let k = 0; k < 4; k++) add2(comb(T.MemoryTypeSeen, k), mem, (MEM_TYPE_SEEN + k) * NT);
    for (let k = 5; k < MEMORY_COUNTS; k++) add2(comb(T.MemoryTagSeen, k), mem, (MEM_TAG_SEEN + k - 5) * NT);
  }
}
