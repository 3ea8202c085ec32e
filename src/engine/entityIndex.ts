// Maps tokens to the entity covering them, built once per analysis and shared by the later stages.
import type { Entity } from './types';
import type { Token } from './tokenize';

/** Index of the first token starting at or after `offset`. */
export function tokenAtOrAfter(tokens: Token[], offset: number): number {
  let lo = 0, hi = tokens.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (tokens[mid].start < offset) lo = mid + 1; else hi = mid; }
  return lo;
}

export class EntityTokenIndex {
  /** Entity index per token, -1 for none. A plain array: a typed array per document costs more to
   *  allocate and free than this small one costs to fill. */
  private readonly at: number[];

  constructor(private readonly tokens: Token[], private readonly entities: Entity[]) {
    const at: number[] = [];
    for (let j = 0; j < tokens.length; j++) at.push(-1);
    let k = 0;
    for (let i = 0; i < entities.length; i++) {
      const e = entities[i];
      // The first token from k on that ends after e.start, by binary search (token ends increase):
      // entities are few and far between.
      let hi = tokens.length;
      while (k < hi) { const mid = (k + hi) >> 1; if (tokens[mid].end <= e.start) k = mid + 1; else hi = mid; }
      for (let j = k; j < tokens.length && tokens[j].start < e.end; j++) {
        if (tokens[j].start >= e.start && tokens[j].end <= e.end) at[j] = i;
      }
    }
    this.at = at;
  }

  /** The entity covering token k, if any. */
  get(k: number): Entity | undefined {
    const i = k >= 0 && k < this.at.length ? this.at[k] : -1;
    return i >= 0 ? this.entities[i] : undefined;
  }

  /** First and last token indices of an entity (inclusive). */
  tokenRange(e: Entity): [number, number] | undefined {
    const a = tokenAtOrAfter(this.tokens, e.start);
    const b = tokenAtOrAfter(this.tokens, e.end) - 1;
    if (a >= this.tokens.length || b < a || this.tokens[a].start !== e.start || this.tokens[b].end !== e.end) return undefined;
    return [a, b];
  }
}
