// Attributions: who said what. Quoted utterances (`direct`, including multi-paragraph quotes and quotes
// interrupted by their attribution), reported speech with quoted fragments (`mixed`) and without
// (`indirect`), each with its cue, its source mention and, where the text allows, the speaker's cluster.
// The pieces live in ./attribution: quotation-mark spans (marks.ts), the cue words (cues.ts), the
// clause around a quotation (direct.ts), reported speech (reported.ts) and speakers (speaker.ts).
// Every stage is a bounded scan around a quotation or a single pass over sentences or entities.
import type { Cluster, Entity, Quote, Span } from './types';
import type { Tokenized, Token } from './tokenize';
import type { QuoteScan, QuoteWindow } from './attribution/scan';
import { tokenAtOrAfter, type EntityTokenIndex } from './entityIndex';
import { findQuoteSpans, isUtterance, type RawQuote } from './attribution/marks';
import { attributeQuote, findWhen } from './attribution/direct';
import { quoteCue, startsLower } from './attribution/cues';
import { findReported } from './attribution/reported';
import {
  SUBJECT_PRONOUNS, descriptionHead, entitySpan, isAnonymousSource, resolveSpeakers, type SpeakerRequest, type TokenRange,
} from './attribution/speaker';

export { findQuoteSpans } from './attribution/marks';

/** Share of a reported clause inside quotation marks from which it counts as a direct quotation. */
const DIRECT_SHARE = 0.9;

/** Int8Array buffers reused from one document to the next (a typed array per document costs more to
 *  allocate and collect than to clear). take() hands out buffer `i` with at least n + 8 entries, all zero:
 *  the part the previous document wrote is cleared first, so reads a little past the last token give 0
 *  as they gave undefined on an exact-length array. */
const buffers = {
  arrays: [new Int8Array(1024), new Int8Array(1024), new Int8Array(1024)],
  dirty: [0, 0, 0],
  take(i: number, n: number): Int8Array {
    let a = this.arrays[i];
    if (a.length < n + 8) {
      a = this.arrays[i] = new Int8Array(Math.max(n + 8, a.length * 2));
    } else if (this.dirty[i] > 0) {
      a.fill(0, 0, this.dirty[i]);
    }
    this.dirty[i] = n;
    return a;
  },
};

/** A segment before attribution ids are numbered; `group` is shared by the segments of one attribution. */
interface Draft {
  quote: Quote; group: number; speakerTokens?: TokenRange; cueTokens?: TokenRange;
  /** First token of a quoted utterance. */
  at?: number;
  /** Set when the speaker is inherited from an earlier attribution: the quotation's first token. */
  continuesAt?: number;
}

/** A draft with every field present from the start: one object shape for all drafts. */
function newDraft(quote: Quote, group: number, at: number | undefined): Draft {
  return { quote, group, speakerTokens: undefined, cueTokens: undefined, at, continuesAt: undefined };
}

export function findQuotes(text: string, doc: Tokenized, entities: Entity[], entityAt: EntityTokenIndex, clusters: Cluster[] = []): Quote[] {
  const { tokens, sentences } = doc;
  const raw = findQuoteSpans(text);
  // Token ranges and utterance flags in typed arrays: V8's optimised code for this function stays valid
  // whatever the documents (arrays made by map() changed their element kinds and deoptimised it).
  const rawA = new Int32Array(raw.length), rawB = new Int32Array(raw.length);
  const utterance = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const q = raw[i];
    const a = tokenAtOrAfter(tokens, q.start);
    let b = tokenAtOrAfter(tokens, q.end) - 1;
    if (b < a) b = a;
    rawA[i] = a;
    rawB[i] = Math.min(b, tokens.length - 1);
    utterance[i] = a < tokens.length && isUtterance(text, q, tokens, a, rawB[i]) ? 1 : 0;
  }
  // Per-token marks in buffers kept across documents (all zero beyond the tokens of this document).
  const n = tokens.length;
  const inQuote = buffers.take(0, n);
  const fragment = buffers.take(1, n);
  const used = buffers.take(2, n);
  for (let i = 0; i < raw.length; i++) {
    const mark = utterance[i] ? inQuote : fragment;
    for (let k = rawA[i]; k <= rawB[i] && k < n; k++) { mark[k] = 1; if (mark === inQuote) used[k] = 1; }
  }
  const scan: QuoteScan = { text, tokens, sentences, entities, entityAt, clusters, inQuote, fragment, used };
  const drafts: Draft[] = [];
  let groups = 0;
  const tokSpan = (r: TokenRange): Span => span(text, tokens, r[0], r[1]);

  const transcript = transcriptLabels(text, raw);

  // Quoted utterances.
  let last: { draft: Draft; raw: RawQuote; end: number } | undefined;
  let lastSpeaker: { draft: Draft; end: number } | undefined;
  raw.forEach((q, qi) => {
    if (!utterance[qi]) return;
    const qa = rawA[qi], qb = rawB[qi];
    const quote: Quote = {
      start: q.start, end: q.end, text: text.slice(q.start, q.end), kind: 'direct', attribution: -1,
      content: { start: q.contentStart, end: q.contentEnd, text: text.slice(q.contentStart, q.contentEnd) },
    };
    const draft = newDraft(quote, -1, qa);
    const sA = tokens[qa].sentence;
    const sB = tokens[qb].sentence;
    const winStart = sentences[sA]?.first ?? 0;
    let winEnd = sentences[sB]?.last ?? tokens.length;
    // The attribution may follow in the sentence after a quote that ends a sentence: “…,” he said.
    // So may “…?” Sanders asked, which the sentence splitter cuts after the question mark.
    if (winEnd < tokens.length && qb + 1 === winEnd && !tokens[winEnd].lineStart &&
        (startsLower(tokens[winEnd].text) || (/^[?!]$/.test(tokens[qb - 1]?.text ?? '') && cueNear(tokens, winEnd)))) {
      winEnd = sentences[tokens[winEnd].sentence].last;
    }
    // A transcript turn in quotation marks (“PENCE: Well, look, …”): the label is the speaker, the
    // colon the cue, and the content starts after them.
    const label = transcript ? transcriptLabel(text, tokens, q, transcript) : undefined;
    if (label) {
      const from = tokens[label[1] + 2].start;
      quote.content = { start: from, end: q.contentEnd, text: text.slice(from, q.contentEnd) };
    }
    const window: QuoteWindow = { qa, qb, winStart, winEnd };
    const found = label ? { cue: [label[1] + 1, label[1] + 1] as TokenRange, speaker: label } : attributeQuote(scan, window);
    // A paragraph that opens a quote without closing it continues into the next paragraph's opening mark.
    const continues = last !== undefined && !last.raw.closed && q.paragraphStart && q.start - last.end <= 16 && !/\S/.test(text.slice(last.end, q.start));
    // “X,” he said, “Y.”: both quotes sit around one attribution clause.
    const lastCue = last?.draft.cueTokens;
    const interrupted = last !== undefined && found !== undefined && lastCue !== undefined &&
      tokens[lastCue[0]].start >= last.end && tokens[lastCue[1]].end <= q.start && tokens[found.cue[0]].start < q.start &&
      tokens[found.cue[0]].start >= last.end && tokens[found.cue[0]].sentence === tokens[lastCue[0]].sentence &&
      !/\n/.test(text.slice(last.end, q.start));
    if (found) {
      for (let k = found.cue[0]; k <= found.cue[1]; k++) used[k] = 1;
      if (found.speaker) for (let k = found.speaker[0]; k <= found.speaker[1]; k++) used[k] = 1;
      quote.cue = tokSpan(found.cue);
      draft.cueTokens = found.cue;
      if (found.speaker) { quote.speaker = tokSpan(found.speaker); draft.speakerTokens = found.speaker; }
      const when = findWhen(scan, found.cue, window);
      if (when) quote.when = { start: when.start, end: when.end, text: when.text };
    }
    if ((continues || interrupted) && last) {
      draft.group = last.draft.group;
      if (!quote.speaker || interrupted) inherit(draft, last.draft);
    } else if (!found && lastSpeaker && q.start - lastSpeaker.end < 1500 &&
               (q.paragraphStart || (startsSentence(tokens, qa) && !/\n/.test(text.slice(lastSpeaker.end, q.start))))) {
      // A quotation standing alone as a paragraph, or opening a sentence right after an attributed one in
      // the same paragraph, continues the previous speaker's attribution.
      draft.group = lastSpeaker.draft.group;
      inherit(draft, lastSpeaker.draft);
      draft.continuesAt = qa;
    } else {
      draft.group = groups++;
    }
    drafts.push(draft);
    last = { draft, raw: q, end: q.end };
    if (quote.speaker) lastSpeaker = { draft, end: q.end };
  });

  // Reported speech, mixed and indirect, outside the quoted utterances and their attribution clauses.
  for (const r of findReported(scan)) {
    const group = groups++;
    for (const seg of r.segments) {
      const content = tokSpan(seg);
      // Reported speech that is nearly all quotation ("He vowed that “billionaires would pay …”") is
      // direct: PolNeAR's rule is at least 90% of the content inside quotation marks.
      const kind = (r.quoted ?? 0) >= DIRECT_SHARE ? 'direct' : r.mixed ? 'mixed' : 'indirect';
      // Written out rather than spread: the same keys in the same order, one object shape for all.
      const quote: Quote = {
        start: content.start, end: content.end, text: content.text, kind,
        content: { start: content.start, end: content.end, text: content.text }, attribution: -1, cue: tokSpan(r.cue),
      };
      if (r.mixed) {
        const fragments = fragmentsIn(text, raw, utterance, content);
        if (fragments.length) quote.fragments = fragments;
      }
      const draft = newDraft(quote, group, undefined);
      if (r.speaker) { quote.speaker = tokSpan(r.speaker); draft.speakerTokens = r.speaker; }
      drafts.push(draft);
    }
  }

  if (drafts.length === 0) return [];

  // A quotation opening the sentence right after reported speech continues it:
  // The event “was a first,” Smith said in an interview. “I'm starting to wonder.”
  afterReported(scan, drafts);

  // Earlier segments of an attribution whose speaker is named only later (the first paragraphs of a
  // multi-paragraph quote) take that speaker.
  // Indexed by group (every group is below `groups`).
  const groupSpeaker: (Draft | undefined)[] = new Array(groups).fill(undefined);
  for (const d of drafts) if (d.quote.speaker && !groupSpeaker[d.group]) groupSpeaker[d.group] = d;
  for (const d of drafts) {
    const from = groupSpeaker[d.group];
    if (!d.quote.speaker && from) inherit(d, from);
  }

  // Usually in order already (quoted utterances only, or reported speech only): the sort is then a no-op.
  if (!inOrder(drafts, true)) drafts.sort((x, y) => x.quote.start - y.quote.start || x.quote.end - y.quote.end);
  resolve(scan, drafts);
  for (const d of drafts) if (d.continuesAt !== undefined) nearestMention(scan, d, d.continuesAt);
  // Attribution ids in order of each attribution's first segment.
  const ids = new Array<number>(groups).fill(-1);
  let nextId = 0;
  for (const d of drafts) {
    if (ids[d.group] < 0) ids[d.group] = nextId++;
    d.quote.attribution = ids[d.group];
  }
  return drafts.map((d) => d.quote);
}

/** The quoted fragments (quotation-mark spans that are not utterances) inside `content`: their words
 *  without the marks. `raw` is sorted by start. */
function fragmentsIn(text: string, raw: RawQuote[], utterance: Uint8Array, content: Span): Span[] {
  const out: Span[] = [];
  for (let i = 0; i < raw.length && raw[i].start < content.end; i++) {
    const q = raw[i];
    if (utterance[i] || q.contentEnd <= content.start || q.contentStart >= content.end) continue;
    const start = Math.max(q.contentStart, content.start), end = Math.min(q.contentEnd, content.end);
    if (end > start && /\S/.test(text.slice(start, end))) out.push({ start, end, text: text.slice(start, end) });
  }
  return out;
}

/** Whether the drafts are sorted by start (and, with `byEnd`, by end among equal starts): a stable sort
 *  would leave them as they are. */
function inOrder(drafts: Draft[], byEnd: boolean): boolean {
  for (let i = 1; i < drafts.length; i++) {
    const x = drafts[i - 1].quote, y = drafts[i].quote;
    if (x.start > y.start || (byEnd && x.start === y.start && x.end > y.end)) return false;
  }
  return true;
}

function inherit(into: Draft, from: Draft): void {
  const q = from.quote;
  if (q.speaker) { into.quote.speaker = q.speaker; into.speakerTokens = from.speakerTokens; }
  if (!into.quote.cue && q.cue) into.quote.cue = q.cue;
}

/** Speaker clusters: a name in the speaker mention gives its cluster; pronouns and descriptions are
 *  resolved in one pass (resolveSpeakers); anonymous sources are flagged and never resolved. Segments
 *  sharing a speaker mention share the outcome. */
function resolve(scan: QuoteScan, drafts: Draft[]): void {
  const { text, tokens, entities, entityAt, clusters } = scan;
  const requests: SpeakerRequest[] = [];
  // The drafts with a speaker, stably sorted by the speaker mention's first token: runs of one first
  // token are the segments sharing a mention, in text order.
  const withSpeaker: Draft[] = [];
  let sorted = true;
  for (const d of drafts) {
    if (!d.speakerTokens) continue;
    if (withSpeaker.length > 0 && withSpeaker[withSpeaker.length - 1].speakerTokens![0] > d.speakerTokens[0]) sorted = false;
    withSpeaker.push(d);
  }
  if (!sorted) withSpeaker.sort((x, y) => x.speakerTokens![0] - y.speakerTokens![0]);
  let previous: number | undefined;
  for (let i = 0, j: number; i < withSpeaker.length; i = j) {
    const key = withSpeaker[i].speakerTokens![0];
    for (j = i + 1; j < withSpeaker.length && withSpeaker[j].speakerTokens![0] === key; j++);
    const from = i, to = j;
    const [a, b] = withSpeaker[from].speakerTokens!;
    const set = (c: number) => { for (let m = from; m < to; m++) withSpeaker[m].quote.speakerCluster = c; };
    let named: number | undefined;
    for (let k = a; k <= b && named === undefined; k++) {
      const e = entityAt.get(k);
      if (e && e.cluster !== undefined && (e.type === 'PERSON' || e.type === 'ORG' || a === b || k === a)) named = e.cluster;
    }
    if (named !== undefined) { set(named); previous = named; continue; }
    if (a === b && SUBJECT_PRONOUNS.has(tokens[a].text)) {
      requests.push({ at: tokens[a].start, pronoun: tokens[a].text, previous, resolve: set });
      continue;
    }
    if (isAnonymousSource(tokens, entityAt, [a, b], text)) {
      for (let m = from; m < to; m++) withSpeaker[m].quote.anonymous = true;
      continue;
    }
    const head = descriptionHead(tokens, [a, b]);
    if (head) requests.push({ at: tokens[a].start, head, previous, resolve: set });
  }
  resolveSpeakers(requests, entities, clusters, text);
}

/** Quoted utterances without cue or speaker that open the sentence (or paragraph) right after the
 *  sentence of a reported attribution take its speaker. One pass over the drafts in text order. */
function afterReported(scan: QuoteScan, drafts: Draft[]): void {
  const { text, tokens } = scan;
  const order = inOrder(drafts, false) ? drafts : drafts.slice().sort((x, y) => x.quote.start - y.quote.start);
  for (let i = 1; i < order.length; i++) {
    const d = order[i];
    const p = order[i - 1];
    if (d.at === undefined || d.quote.speaker || d.cueTokens || p.at !== undefined || !p.speakerTokens) continue;
    const qa = d.at;
    if (qa === 0 || !startsSentence(tokens, qa)) continue;
    // The reported clause, its cue and its speaker all lie in the sentence just before the quotation.
    const prev = tokens[qa - 1].sentence;
    const first = tokenAtOrAfter(tokens, p.quote.start);
    if (first >= tokens.length || tokens[first].sentence !== prev || tokens[p.speakerTokens[0]].sentence !== prev) continue;
    if (text.slice(tokens[qa - 1].end, d.quote.start).split('\n').length > 3) continue;
    d.group = p.group;
    inherit(d, p);
    d.continuesAt = qa;
  }
}

/**
 * A quotation continuing an earlier speaker points at the latest mention of that speaker before it, as
 * annotators do: a name of the same cluster in a later sentence than the inherited mention, or a
 * sentence-initial "He"/"She" with no other person named since the last mention of the cluster
 * ("Smith said ... ¶ He added that ... ¶ “…”" → "He"). Mentions in the inherited mention's own sentence
 * ("Smith said as she left") do not count. The scan runs from the inherited mention to the quotation
 * (within the 1500-character continuation limit, or one sentence after reported speech) and skips quoted text.
 */
function nearestMention(scan: QuoteScan, d: Draft, qa: number): void {
  const { text, tokens, entityAt, inQuote, fragment } = scan;
  const c = d.quote.speakerCluster;
  if (c === undefined || !d.speakerTokens) return;
  let best: TokenRange | undefined;
  let current = true;
  const own = tokens[d.speakerTokens[1]].sentence;
  for (let k = d.speakerTokens[1] + 1; k < qa; k++) {
    if (inQuote[k] || fragment[k]) continue;
    const e = entityAt.get(k);
    if (e && e.cluster !== undefined && (e.type === 'PERSON' || e.type === 'ORG')) {
      const r = entitySpan(tokens, e, k);
      if (e.cluster === c) { if (tokens[k].sentence !== own) best = r; current = true; } else if (e.type === 'PERSON') current = false;
      k = r[1];
      continue;
    }
    if (current && /^(?:He|She)$/.test(tokens[k].text) && tokens[k].sentence !== own && tokens[k - 1].sentence !== tokens[k].sentence) best = [k, k];
  }
  if (!best) return;
  d.speakerTokens = best;
  d.quote.speaker = span(text, tokens, best[0], best[1]);
}

/** Words in capitals before a colon that head a paragraph without being anyone's turn. */
const NOT_SPEAKER_LABELS = new Set(['VIDEO', 'WATCH', 'UPDATE', 'UPDATED', 'BREAKING', 'EXCLUSIVE', 'PHOTOS', 'PHOTO', 'LOOK', 'BOOM', 'BUSTED',
  'EMAIL', 'BYLINE', 'CLARIFICATION', 'CORRECTION', 'NOTE', 'EDITOR’S NOTE', "EDITOR'S NOTE", 'RELATED', 'SOURCE', 'READ', 'READ MORE', 'AUDIO', 'SEE ALSO', 'FULL TEXT', 'Q', 'A']);
const LABEL = /^([A-Z][A-Z.'’ -]{1,30}):[ \t]+\S/;

/** The turn labels of a transcript quoted paragraph by paragraph: the labels that open the contents
 *  of at least two quotations, when there are such (one label alone is more likely a heading). */
function transcriptLabels(text: string, raw: RawQuote[]): Set<string> | undefined {
  let labels: Set<string> | undefined;
  let n = 0;
  for (const q of raw) {
    if (text.charCodeAt(q.contentStart) < 65 || text.charCodeAt(q.contentStart) > 90) continue;
    const m = LABEL.exec(text.slice(q.contentStart, q.contentStart + 40));
    if (!m || NOT_SPEAKER_LABELS.has(m[1].trim())) continue;
    (labels ??= new Set()).add(m[1].trim());
    n++;
  }
  return labels && n >= 2 ? labels : undefined;
}

/** The label tokens of a transcript turn opening quotation q (the colon follows the last of them). */
function transcriptLabel(text: string, tokens: Token[], q: RawQuote, labels: Set<string>): TokenRange | undefined {
  const m = LABEL.exec(text.slice(q.contentStart, q.contentStart + 40));
  if (!m || !labels.has(m[1].trim())) return undefined;
  const colon = q.contentStart + m[1].length;
  const a = tokenAtOrAfter(tokens, q.contentStart);
  let b = a;
  while (b + 1 < tokens.length && tokens[b + 1].start < colon) b++;
  if (b + 2 >= tokens.length || tokens[b + 1].start !== colon || tokens[b + 1].text !== ':') return undefined;
  return [a, b];
}

/** A cue among the first five words from token k, before any punctuation: "Sanders asked", "said Smith". */
function cueNear(tokens: Token[], k: number): boolean {
  for (let j = k; j < tokens.length && j < k + 5 && tokens[j].kind !== 'punct'; j++) if (quoteCue(tokens, j)) return true;
  return false;
}

function startsSentence(tokens: Token[], k: number): boolean {
  return k === 0 || tokens[k - 1].sentence !== tokens[k].sentence;
}

function span(text: string, tokens: Token[], a: number, b: number): Span {
  return { start: tokens[a].start, end: tokens[b].end, text: text.slice(tokens[a].start, tokens[b].end) };
}
