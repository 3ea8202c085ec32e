// What an entity's hover card lists, kept short: the top few aliases, descriptions, quotations and notes,
// and how many more there are (the card links "n more" to newsLens.showEntityDetails, which lists them
// all). Pure (no `vscode` import) so the limits are unit-tested; hover.ts renders the model.
import type { Analysis, Cluster, Entity, Quote } from '../engine/types';
import type { ResolvedAnnotation } from '../store/index';
import type { AnalysisIndex } from './analysisIndex';
import { clusterById } from './analysisQueries';
import { attributionsBy } from './attributions';

export interface CardLimits {
  aliases: number;
  descriptors: number;
  quotes: number;
  notes: number;
}

/** Enough to recognise the entity at a glance; the rest is one click away. */
export const CARD_LIMITS: CardLimits = { aliases: 3, descriptors: 3, quotes: 3, notes: 3 };

export interface Truncated<T> {
  shown: T[];
  /** How many were left out. */
  more: number;
}

export function topOf<T>(items: readonly T[], limit: number): Truncated<T> {
  const n = Math.max(0, Math.floor(limit));
  return { shown: items.slice(0, n), more: Math.max(0, items.length - n) };
}

export interface EntityCardModel {
  entity: Entity;
  cluster?: Cluster;
  name: string;
  aliases: Truncated<string>;
  descriptors: Truncated<string>;
  mentions: Entity[];
  /** Each attribution as its segments, in text order. */
  quotes: Truncated<Quote[]>;
  /** Notes on other mentions of the entity. */
  notes: Truncated<ResolvedAnnotation>;
}

/** Whether anything was left out of the card. */
export function hasMore(model: EntityCardModel): boolean {
  return model.aliases.more + model.descriptors.more + model.quotes.more + model.notes.more > 0;
}

/**
 * Everything the card could list (before truncation) for an entity and the notes on its other mentions.
 * With the analysis's `index`, its quotations are looked up instead of gathered from every quotation.
 */
export function entityDetails(analysis: Analysis, entity: Entity, notes: readonly ResolvedAnnotation[], index?: AnalysisIndex) {
  const cluster = clusterById(analysis, entity.cluster);
  const name = cluster?.name ?? entity.text;
  const aliases = cluster ? cluster.aliases.filter((a) => a !== cluster.name) : [];
  const descriptors = cluster ? [...new Set(cluster.descriptors.map((d) => flatten(d.text)))] : [];
  const mentions = cluster ? cluster.mentions.map((i) => analysis.entities[i]).filter((e): e is Entity => !!e) : [entity];
  const quotes = cluster ? (index ? index.attributionsBy(cluster.id) : attributionsBy(analysis, cluster.id)) : [];
  return { cluster, name, aliases, descriptors, mentions, quotes, notes: [...notes] };
}

export function entityCardModel(
  analysis: Analysis,
  entity: Entity,
  notes: readonly ResolvedAnnotation[],
  limits: CardLimits = CARD_LIMITS,
  index?: AnalysisIndex,
): EntityCardModel {
  const all = entityDetails(analysis, entity, notes, index);
  return {
    entity,
    cluster: all.cluster,
    name: all.name,
    aliases: topOf(all.aliases, limits.aliases),
    descriptors: topOf(all.descriptors, limits.descriptors),
    mentions: all.mentions,
    quotes: topOf(all.quotes, limits.quotes),
    notes: topOf(all.notes, limits.notes),
  };
}

function flatten(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
