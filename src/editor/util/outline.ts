// The article's outline (document symbols): its named entities by kind, then its quotations by speaker.
// Pure (no `vscode` import), unit-tested in test/unit/editor.outline.test.ts; src/editor/symbols.ts turns
// it into DocumentSymbols with localised names.
import type { Analysis, Cluster, Entity, Quote, QuoteKind } from '../../engine/types';
import { clusterById, definingMention } from '../analysisQueries';
import { kindOf, type EntityKind } from '../kinds';
import { shorten } from './text';

/** The kinds of names the outline groups, in its order (values such as dates are left out: no clusters). */
export const OUTLINE_KINDS = ['person', 'organization', 'place', 'group', 'namedEvent', 'work'] as const satisfies readonly EntityKind[];
export type OutlineKind = (typeof OUTLINE_KINDS)[number];

export interface OutlineSpan {
  start: number;
  end: number;
}

export interface OutlineEntity {
  cluster: Cluster;
  /** The first mention by the full name (analysisQueries.definingMention): the symbol's place. */
  first: Entity;
  /** Mentions by a name (as the hover card counts them). */
  mentions: number;
  /** Resolved pronouns and descriptions. */
  references: number;
  /** The first descriptor ("Wells Fargo banker"), if any. */
  role?: string;
}

export interface OutlineEntityGroup {
  kind: OutlineKind;
  /** From the first entity's first mention to the last one's. */
  span: OutlineSpan;
  /** In text order of their first full mention. */
  entities: OutlineEntity[];
}

/** Who a group of quotations is attributed to. */
export type OutlineSpeaker =
  | { status: 'named'; cluster: Cluster }
  /** Marked anonymous by the engine ("a U.S. official"). */
  | { status: 'anonymous' }
  /** A speaker mention not tied to a name ("the spokesman", an unresolved "she"). */
  | { status: 'unresolved' }
  | { status: 'unattributed' };

export interface OutlineQuote {
  /** One attribution: its segments in text order ("“X,” he said, “Y.”" is one entry). */
  segments: Quote[];
  kind: QuoteKind;
  /** The reported words, one line, shortened; direct quotations in quotation marks. */
  title: string;
  /** How the speaker is mentioned ("He", "A U.S. official"), if at all. */
  speakerText?: string;
  span: OutlineSpan;
}

export interface OutlineSpeakerGroup {
  speaker: OutlineSpeaker;
  span: OutlineSpan;
  quotes: OutlineQuote[];
}

export interface Outline {
  /** Non-empty groups, in OUTLINE_KINDS order. */
  entities: OutlineEntityGroup[];
  /** Speakers in text order of their first quotation; the unnamed ones (anonymous, unresolved,
   *  unattributed) each pooled into one group. */
  quotes: OutlineSpeakerGroup[];
}

/** Longest quotation title, in characters (the Outline view is narrow). */
const TITLE_LIMIT = 60;

export function outlineOf(analysis: Analysis): Outline {
  return { entities: entityGroups(analysis), quotes: speakerGroups(analysis) };
}

function entityGroups(analysis: Analysis): OutlineEntityGroup[] {
  const referenceCounts = new Map<number, number>();
  for (const r of analysis.references ?? []) referenceCounts.set(r.cluster, (referenceCounts.get(r.cluster) ?? 0) + 1);
  const byKind = new Map<OutlineKind, OutlineEntity[]>();
  for (const cluster of analysis.clusters) {
    const kind = kindOf(cluster.type);
    if (!(OUTLINE_KINDS as readonly string[]).includes(kind)) continue;
    const first = definingMention(analysis, cluster);
    if (!first) continue;
    const entity: OutlineEntity = {
      cluster,
      first,
      mentions: cluster.mentions.length,
      references: referenceCounts.get(cluster.id) ?? 0,
    };
    const role = cluster.descriptors[0]?.text;
    if (role) entity.role = shorten(role, 40);
    const list = byKind.get(kind as OutlineKind);
    if (list) list.push(entity);
    else byKind.set(kind as OutlineKind, [entity]);
  }
  const groups: OutlineEntityGroup[] = [];
  for (const kind of OUTLINE_KINDS) {
    const entities = byKind.get(kind);
    if (!entities) continue;
    entities.sort((a, b) => a.first.start - b.first.start);
    groups.push({ kind, entities, span: cover(entities.map((e) => e.first)) });
  }
  return groups;
}

function speakerGroups(analysis: Analysis): OutlineSpeakerGroup[] {
  const attributions = new Map<number, Quote[]>();
  for (const q of analysis.quotes) {
    const list = attributions.get(q.attribution);
    if (list) list.push(q);
    else attributions.set(q.attribution, [q]);
  }
  const groups = new Map<string, OutlineSpeakerGroup>();
  for (const segments of attributions.values()) {
    segments.sort((a, b) => a.start - b.start);
    const head = segments[0]!;
    const cluster = clusterById(analysis, head.speakerCluster);
    const speaker: OutlineSpeaker = cluster
      ? { status: 'named', cluster }
      : head.anonymous ? { status: 'anonymous' } : head.speaker ? { status: 'unresolved' } : { status: 'unattributed' };
    const key = speaker.status === 'named' ? `named:${speaker.cluster.id}` : speaker.status;
    const words = shorten(segments.map((q) => q.content.text).join(' … '), TITLE_LIMIT);
    const quote: OutlineQuote = {
      segments,
      kind: head.kind,
      title: head.kind === 'direct' ? `“${words}”` : words,
      span: cover(segments),
    };
    const mention = segments.find((q) => q.speaker)?.speaker;
    if (mention) quote.speakerText = shorten(mention.text, 40);
    const group = groups.get(key);
    if (group) group.quotes.push(quote);
    else groups.set(key, { speaker, quotes: [quote], span: quote.span });
  }
  const out = [...groups.values()];
  for (const g of out) {
    g.quotes.sort((a, b) => a.span.start - b.span.start);
    g.span = cover(g.quotes.map((q) => q.span));
  }
  return out.sort((a, b) => a.span.start - b.span.start);
}

/** The smallest span covering all of `spans` (non-empty). */
function cover(spans: readonly OutlineSpan[]): OutlineSpan {
  let start = Infinity, end = -Infinity;
  for (const s of spans) {
    if (s.start < start) start = s.start;
    if (s.end > end) end = s.end;
  }
  return { start, end };
}
