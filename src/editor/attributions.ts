// What the editor says about attributions: who the source is (named, anonymous, described, unknown),
// the segments of one attribution, what a person is quoted as saying, and which attributions deserve a
// reviewer's attention. Pure (no `vscode` import), so the rules are unit-tested without VS Code.
import type { Analysis, Cluster, Quote, QuoteKind, Span } from '../engine/types';
import { clusterById } from './analysisQueries';
import { shorten } from './util/text';

export type SourceStatus =
  /** The speaker resolves to a named entity's cluster. */
  | 'named'
  /** The engine marked the source anonymous ("a U.S. official", "people familiar with the matter"). */
  | 'anonymous'
  /** A speaker mention the text does not tie to a name ("the spokesman", an unresolved "she"). */
  | 'unresolved'
  /** No speaker found at all. */
  | 'unattributed';

export interface Source {
  status: SourceStatus;
  /** The canonical name, for `named`. */
  cluster?: Cluster;
  /** The mention in the text ("he", "a U.S. official", "Trump"). */
  mention?: Span;
}

export const KIND_TITLES: Record<QuoteKind, string> = {
  direct: 'Quotation',
  mixed: 'Partial quotation',
  indirect: 'Reported speech',
};

export function sourceOf(analysis: Analysis, quote: Quote): Source {
  const cluster = clusterById(analysis, quote.speakerCluster);
  if (cluster) return { status: 'named', cluster, mention: quote.speaker };
  if (quote.anonymous) return { status: 'anonymous', mention: quote.speaker };
  if (quote.speaker) return { status: 'unresolved', mention: quote.speaker };
  return { status: 'unattributed' };
}

/** The segments of each attribution, in text order, keyed by attribution id. */
export function attributionSegments(analysis: Analysis): Map<number, Quote[]> {
  const out = new Map<number, Quote[]>();
  for (const q of analysis.quotes) {
    const list = out.get(q.attribution);
    if (list) list.push(q);
    else out.set(q.attribution, [q]);
  }
  return out;
}

/** Everything a cluster is quoted as saying: one entry per attribution, its segments in text order. */
export function attributionsBy(analysis: Analysis, clusterId: number): Quote[][] {
  const out: Quote[][] = [];
  for (const segments of attributionSegments(analysis).values()) {
    if (segments[0]!.speakerCluster === clusterId) out.push(segments);
  }
  return out;
}

export type HintCode = 'unattributed-quote' | 'anonymous-source';

export interface AttributionHint {
  code: HintCode;
  /** The first segment's span: where the hint is shown. */
  start: number;
  end: number;
  attribution: number;
  message: string;
}

export interface HintOptions {
  unattributed: boolean;
  anonymous: boolean;
}

/** The words of a hint; the editor passes localised ones (this module has no `vscode` import). */
export interface HintMessages {
  /** The kind as a noun in running text ("quotation", "reported speech"). */
  kind(kind: QuoteKind): string;
  unidentified(what: string, mention: string): string;
  noSpeaker(what: string): string;
  anonymous(what: string, mention: string | undefined): string;
  /** Appended to every hint. */
  advice: string;
}

export const ENGLISH_HINTS: HintMessages = {
  kind: (kind) => KIND_TITLES[kind].toLowerCase(),
  unidentified: (what, mention) => `This ${what} is attributed to “${mention}”, who is not identified by name in the article.`,
  noSpeaker: (what) => `This ${what} has no identifiable speaker.`,
  anonymous: (what, mention) => `This ${what} comes from an anonymous source${mention ? ` (“${mention}”)` : ''}.`,
  advice: 'Annotate it to record what you checked.',
};

/**
 * Attributions a reviewer should look at: no identifiable speaker, or an anonymous source. A hint goes
 * away once a reviewer's annotation overlaps any segment of the attribution (they have acted on it).
 */
export function attributionHints(
  analysis: Analysis,
  notes: ReadonlyArray<{ start: number; end: number }>,
  options: HintOptions,
  messages: HintMessages = ENGLISH_HINTS,
): AttributionHint[] {
  const covered = coverage(notes);
  const out: AttributionHint[] = [];
  for (const [attribution, segments] of attributionSegments(analysis)) {
    const first = segments[0]!;
    const source = sourceOf(analysis, first);
    let code: HintCode;
    let message: string;
    const what = messages.kind(first.kind);
    if ((source.status === 'unattributed' || source.status === 'unresolved') && options.unattributed) {
      code = 'unattributed-quote';
      message = source.mention ? messages.unidentified(what, shorten(source.mention.text)) : messages.noSpeaker(what);
    } else if (source.status === 'anonymous' && options.anonymous) {
      code = 'anonymous-source';
      message = messages.anonymous(what, source.mention ? shorten(source.mention.text) : undefined);
    } else {
      continue;
    }
    if (segments.some((s) => covered(s.start, s.end))) continue;
    out.push({ code, start: first.start, end: first.end, attribution, message: `${message} ${messages.advice}` });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** A test "does any note overlap [start, end)?" in O(log n): notes sorted by start, with the running maximum end. */
function coverage(notes: ReadonlyArray<{ start: number; end: number }>): (start: number, end: number) => boolean {
  const sorted = [...notes].sort((a, b) => a.start - b.start);
  const maxEnd: number[] = [];
  for (const n of sorted) maxEnd.push(Math.max(n.end, maxEnd[maxEnd.length - 1] ?? -Infinity));
  return (start, end) => {
    // Notes before index `lo` start before `end`; one of them overlaps iff the largest of their ends is after `start`.
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]!.start < end) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 && maxEnd[lo - 1]! > start;
  };
}
