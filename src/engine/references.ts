// Resolved references: third-person singular pronouns ("He", "his", "her") that the engine ties to a
// person, so that a reader can see whom they mean. A pronoun is resolved only when the text leaves no
// choice: exactly one person cluster of a compatible gender (the gender the text marks: "Mr.", a given
// name, "spokeswoman") is mentioned in its sentence before it or in the two sentences before. Pronouns
// inside quotation marks are left out (they speak from the speaker's point of view).
// Measured against GUM's coreference by tools/eval/references.ts (docs/quality.md). Descriptions ("the
// president") and the plural and first-person pronouns were measured too and are not made: their
// precision was too low to show (see docs/quality.md).
import type { Cluster, Entity, Quote, Reference } from './types';
import type { Tokenized } from './tokenize';
import { clusterGenders } from './attribution/gender';

const PRONOUN_GENDER: Record<string, 'm' | 'f'> = { he: 'm', him: 'm', his: 'm', she: 'f', her: 'f' };
/** How many sentences before the pronoun's own are searched for its antecedent. */
const WINDOW = 2;

export function findReferences(text: string, doc: Tokenized, entities: Entity[], clusters: Cluster[], quotes: Quote[]): Reference[] {
  const out: Reference[] = [];
  const { tokens } = doc;
  if (!entities.some((e) => e.type === 'PERSON' && e.cluster !== undefined)) return out;
  let genders: Map<number, 'm' | 'f'> | undefined;
  // A loop, not filter/map: arrays those make change element kinds between documents, which threw
  // away V8's optimised code for this function again and again.
  const quoted: Array<{ start: number; end: number }> = [];
  for (const q of quotes) if (q.kind === 'direct') quoted.push(q.content);
  quoted.sort((a, b) => a.start - b.start);
  let qi = 0;
  let ei = 0;
  /** Person mentions seen so far: cluster and sentence, latest last. */
  const seen: Array<{ cluster: number; sentence: number }> = [];
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    for (; ei < entities.length && entities[ei].end <= t.start; ei++) {
      const e = entities[ei];
      if (e.type === 'PERSON' && e.cluster !== undefined) seen.push({ cluster: e.cluster, sentence: tokens[tokenAt(doc, e.start)].sentence });
    }
    if (t.kind !== 'word' || t.text.length > 3) continue;
    // Every pronoun starts with h or s: most short words are ruled out without lower-casing them.
    const c0 = t.text.charCodeAt(0) | 0x20;
    if (c0 !== 0x68 && c0 !== 0x73) continue;
    const g = PRONOUN_GENDER[t.text.toLowerCase()];
    if (!g) continue;
    while (qi < quoted.length && quoted[qi].end <= t.start) qi++;
    if (qi < quoted.length && quoted[qi].start <= t.start) continue;
    genders ??= clusterGenders(text, entities, clusters);
    const candidates = new Set<number>();
    for (let i = seen.length - 1; i >= 0 && seen[i].sentence >= t.sentence - WINDOW; i--) {
      const c = seen[i].cluster;
      if (genders.get(c) !== (g === 'm' ? 'f' : 'm')) candidates.add(c);
    }
    if (candidates.size !== 1) continue;
    const [cluster] = candidates;
    out.push({ start: t.start, end: t.end, text: t.text, cluster, kind: 'pronoun' });
  }
  return out;
}

/** The token starting at or containing `offset` (binary search over token starts). */
function tokenAt(doc: Tokenized, offset: number): number {
  const tokens = doc.tokens;
  let lo = 0, hi = tokens.length - 1, found = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid].start <= offset) { found = mid; lo = mid + 1; } else hi = mid - 1;
  }
  return found;
}

