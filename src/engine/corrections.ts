// Reviewers' corrections applied to an analysis (issue 15): an entity removed, retyped or added, a
// quotation's attribution removed, added or given another speaker. Pure: the corrections come with
// their spans already anchored in the text (UTF-16), by whoever read them (the store's sidecar; see
// src/corrections/apply.ts). The analysis given is not changed: a new one is returned, with the
// clusters rebuilt by the same alias clustering as analyze() when an entity changed (so a retyped or
// added name joins the cluster of its other mentions, or forms its own), their descriptors attached
// again, and every cluster id in the quotes and references carried over to the rebuilt clusters.

import type { Analysis, Cluster, Entity, EntityType, Quote, Reference, Span } from './types';
import { ENTITY_TYPES, sortByStart } from './types';
import { buildAliasClusters } from './clusters';
import { tokenize } from './tokenize';
import { EntityTokenIndex } from './entityIndex';
import { attachDescriptors } from './descriptors';
import { documentFacts } from './facts';

export type AnalysisCorrectionAction = 'add' | 'retype' | 'reject' | 'speaker';

/** One correction, anchored: `start`/`end` (and the speaker's) are UTF-16 offsets into the text. */
export interface AnalysisCorrection {
  id: string;
  kind: 'entity' | 'quote';
  action: AnalysisCorrectionAction;
  /** For entity add / retype. */
  type?: EntityType;
  start: number;
  end: number;
  /** For quote speaker (required) and quote add (optional): the mention the words are attributed to. */
  speaker?: { start: number; end: number };
}

/** What became of one correction: applied, or why not (then the analysis is as if it were absent). */
export interface CorrectionOutcome {
  id: string;
  applied: boolean;
  reason?: string;
}

export interface CorrectedAnalysis {
  analysis: Analysis;
  outcomes: CorrectionOutcome[];
}

const overlaps = (a: { start: number; end: number }, s: number, e: number): boolean => a.start < e && s < a.end;
const QUOTE_OPEN = /^["“‘«„']/;
const QUOTE_CLOSE = /["”’»“']$/;

/** `analysis` with `corrections` applied in order (later ones see the earlier ones' result). */
export function applyCorrections(text: string, analysis: Analysis, corrections: readonly AnalysisCorrection[]): CorrectedAnalysis {
  const outcomes: CorrectionOutcome[] = [];
  const ok = (c: AnalysisCorrection): void => void outcomes.push({ id: c.id, applied: true });
  const no = (c: AnalysisCorrection, reason: string): void => void outcomes.push({ id: c.id, applied: false, reason });

  // Entities first: quote corrections name speakers among the corrected entities.
  let entities: Entity[] = analysis.entities.map((e) => ({ ...e }));
  let entitiesChanged = false;
  for (const c of corrections) {
    if (c.kind !== 'entity') continue;
    if (!(c.end > c.start && c.start >= 0 && c.end <= text.length)) { no(c, 'the span is not in the text'); continue; }
    const hit = entities.filter((e) => overlaps(e, c.start, c.end));
    if (c.action === 'reject') {
      if (hit.length === 0) { no(c, 'no entity there to reject'); continue; }
      entities = entities.filter((e) => !hit.includes(e));
    } else if (c.action === 'retype' || c.action === 'add') {
      if (!c.type || !ENTITY_TYPES.includes(c.type)) { no(c, `not an entity type: ${String(c.type)}`); continue; }
      if (c.action === 'retype' && hit.length === 0) { no(c, 'no entity there to retype'); continue; }
      entities = entities.filter((e) => !hit.includes(e));
      entities.push({ start: c.start, end: c.end, text: text.slice(c.start, c.end), type: c.type });
    } else { no(c, `entity corrections do not ${c.action}`); continue; }
    entitiesChanged = true;
    ok(c);
  }

  let clusters: Cluster[] = analysis.clusters;
  let remap = (id: number | undefined): number | undefined => id;
  let facts = analysis.facts;
  if (entitiesChanged) {
    sortByStart(entities);
    for (const e of entities) delete e.cluster;
    clusters = buildAliasClusters(entities);
    const doc = tokenize(text);
    attachDescriptors(text, doc.tokens, entities, clusters, new EntityTokenIndex(doc.tokens, entities));
    // An old cluster becomes the new cluster of its first mention that is still an entity with the same span.
    const bySpan = new Map<string, Entity>(entities.map((e) => [`${e.start}:${e.end}`, e] as const));
    const carried = new Map<number, number | undefined>();
    for (const old of analysis.clusters) {
      let to: number | undefined;
      for (const m of old.mentions) {
        const o = analysis.entities[m];
        const n = o && bySpan.get(`${o.start}:${o.end}`);
        if (n?.cluster !== undefined) { to = n.cluster; break; }
      }
      carried.set(old.id, to);
    }
    remap = (id) => (id === undefined ? undefined : carried.get(id));
    facts = documentFacts(text, doc, entities, analysis.quotes.length);
  }

  /** The cluster a speaker span names: an entity in it, else a resolved pronoun. */
  const nameEntityAt = (s: { start: number; end: number }): Entity | undefined =>
    entities.find((e) => e.cluster !== undefined && overlaps(e, s.start, s.end));
  const references: Reference[] = [];
  for (const r of analysis.references ?? []) {
    const cluster = remap(r.cluster);
    if (cluster !== undefined) references.push({ ...r, cluster });
  }
  const clusterAt = (s: { start: number; end: number }): number | undefined =>
    nameEntityAt(s)?.cluster ?? references.find((r) => overlaps(r, s.start, s.end))?.cluster;

  let quotes: Quote[] = analysis.quotes.map((q) => {
    const copy: Quote = { ...q };
    if (entitiesChanged && q.speakerCluster !== undefined) {
      const cluster = (q.speaker && nameEntityAt(q.speaker)?.cluster) ?? remap(q.speakerCluster);
      if (cluster === undefined) delete copy.speakerCluster;
      else copy.speakerCluster = cluster;
    } else if (entitiesChanged && q.speaker && !q.anonymous) {
      const cluster = nameEntityAt(q.speaker)?.cluster;
      if (cluster !== undefined) copy.speakerCluster = cluster;
    }
    return copy;
  });
  let quotesChanged = false;
  let nextAttribution = quotes.reduce((m, q) => Math.max(m, q.attribution + 1), 0);
  const span = (s: number, e: number): Span => ({ start: s, end: e, text: text.slice(s, e) });
  for (const c of corrections) {
    if (c.kind !== 'quote') continue;
    if (!(c.end > c.start && c.start >= 0 && c.end <= text.length)) { no(c, 'the span is not in the text'); continue; }
    const attributions = new Set(quotes.filter((q) => overlaps(q, c.start, c.end)).map((q) => q.attribution));
    if (c.action === 'reject') {
      if (attributions.size === 0) { no(c, 'no quotation there to reject'); continue; }
      quotes = quotes.filter((q) => !attributions.has(q.attribution));
    } else if (c.action === 'speaker') {
      if (attributions.size === 0) { no(c, 'no quotation there'); continue; }
      if (!c.speaker) { no(c, 'no speaker given'); continue; }
      const cluster = clusterAt(c.speaker);
      if (cluster === undefined) { no(c, 'the speaker is not a name or a resolved pronoun'); continue; }
      const speaker = span(c.speaker.start, c.speaker.end);
      quotes = quotes.map((q) => {
        if (!attributions.has(q.attribution)) return q;
        const copy: Quote = { ...q, speaker, speakerCluster: cluster };
        delete copy.anonymous;
        return copy;
      });
    } else if (c.action === 'add') {
      quotes = quotes.filter((q) => !attributions.has(q.attribution));
      const words = text.slice(c.start, c.end);
      const direct = QUOTE_OPEN.test(words) && QUOTE_CLOSE.test(words) && words.length > 2;
      const q: Quote = {
        ...span(c.start, c.end),
        kind: direct ? 'direct' : 'indirect',
        content: direct ? span(c.start + 1, c.end - 1) : span(c.start, c.end),
        attribution: nextAttribution++,
      };
      if (c.speaker) {
        q.speaker = span(c.speaker.start, c.speaker.end);
        const cluster = clusterAt(c.speaker);
        if (cluster !== undefined) q.speakerCluster = cluster;
      }
      quotes.push(q);
    } else { no(c, 'quote corrections do not retype'); continue; }
    quotesChanged = true;
    ok(c);
  }
  if (quotesChanged) {
    sortByStart(quotes);
    // Attributions numbered again in text order, as analyze() numbers them.
    const renumber = new Map<number, number>();
    quotes = quotes.map((q) => {
      if (!renumber.has(q.attribution)) renumber.set(q.attribution, renumber.size);
      return { ...q, attribution: renumber.get(q.attribution)! };
    });
    facts = { ...facts, quotes: quotes.length };
  }

  // Outcomes in the order of the corrections given.
  const order = new Map(corrections.map((c, i) => [c.id, i] as const));
  outcomes.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  const out: Analysis = { entities: entitiesChanged ? entities : analysis.entities, clusters, quotes, references, facts };
  return { analysis: out, outcomes };
}
