// What the workspace index stores of one article: built from the text, its analysis and its sidecar
// (pure: no file system, no database, no vscode). The CLI's worker threads and the editor build
// these records; workspaceIndex.ts writes them in one transaction per batch.
import { createHash } from 'node:crypto';
import { NAME_TYPES, analyze } from '../engine';
import type { Analysis, QuoteKind } from '../engine';
import { parseSidecar, resolveAnchors, resolveCorrectionAnchors } from '../store';
import type { AnnotationStatus, SidecarParseResult } from '../store';
import { correctAnalysis } from '../corrections';
import { normName } from './identity';

/** A name cluster of one article: its canonical name, surface forms and every mention. */
export interface ClusterRecord {
  /** The cluster's id in the article's analysis. */
  cid: number;
  name: string;
  type: string;
  /** Surface forms other than the canonical name. */
  aliases: string[];
  /** Name mentions and resolved pronouns/descriptions: [start, end, text, kind, line, character] (the
   *  0-based line and UTF-16 column of start, as an editor counts them), in text order. */
  mentions: [number, number, string, 'name' | 'pronoun' | 'description', number, number][];
}

export interface QuoteRecord {
  start: number;
  end: number;
  text: string;
  kind: QuoteKind;
  /** The speaker as written ("he", "a U.S. official", "Trump"); absent when unattributed. */
  speakerText?: string;
  /** The cluster the speaker resolves to (ClusterRecord.cid). */
  speakerCid?: number;
  anonymous: boolean;
}

/** A reviewer's note, or a correction of the analysis (`kind`). A correction's `label` says what it does
 *  ("entity retype ORG", "quote speaker") and its `status` whether it applies to the indexed text
 *  ("applied", or why not: "orphaned", "needs-review", "not applied"). */
export interface NoteRecord {
  kind: 'note' | 'correction';
  id: string;
  label?: string;
  status: AnnotationStatus | 'applied' | 'orphaned' | 'needs-review' | 'not applied';
  author?: string;
  body?: string;
  created?: string;
  updated?: string;
  /** Where the note's target is in the indexed text (re-anchored as the editor does; -1 when orphaned). */
  start: number;
  end: number;
  exact: string;
  replies: number;
}

/** The stat of a file as the index compares it (the fast pre-check of an unchanged re-run). */
export interface FileStamp {
  size: number;
  mtimeMs: number;
}

export interface ArticleRecord {
  path: string;
  stamp: FileStamp;
  /** The sidecar's stamp, or null when the article has none. */
  sidecarStamp: FileStamp | null;
  /** sha1 of the article's bytes: decides whether the analysis is redone. */
  hash: string;
  chars: number;
  clusters: ClusterRecord[];
  quotes: QuoteRecord[];
  notes: NoteRecord[];
  /** Problems reading the sidecar (the notes that could be read are kept). */
  sidecarErrors: string[];
}

export function contentHash(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('hex');
}

const NAME_TYPE_SET: ReadonlySet<string> = new Set(NAME_TYPES);

/** Maps offsets to [line, character] (line breaks: \r\n, \r, \n, as VS Code counts them). */
export function lineMapper(text: string): (offset: number) => [number, number] {
  const starts = [0];
  for (const m of text.matchAll(/\r\n|\r|\n/g)) starts.push(m.index + m[0].length);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return [lo, offset - starts[lo]!];
  };
}

/** The clusters and quotations of an analysis as the index stores them. */
export function analysisRecord(text: string, analysis: Analysis): Pick<ArticleRecord, 'clusters' | 'quotes'> {
  const at = lineMapper(text);
  const byId = new Map<number, ClusterRecord>();
  for (const c of analysis.clusters) {
    if (!NAME_TYPE_SET.has(c.type) || !normName(c.name)) continue;
    const mentions: ClusterRecord['mentions'] = [];
    for (const m of c.mentions) {
      const e = analysis.entities[m];
      if (e) mentions.push([e.start, e.end, e.text, 'name', ...at(e.start)]);
    }
    byId.set(c.id, { cid: c.id, name: c.name, type: c.type, aliases: c.aliases.slice(), mentions });
  }
  for (const r of analysis.references ?? []) byId.get(r.cluster)?.mentions.push([r.start, r.end, r.text, r.kind, ...at(r.start)]);
  for (const c of byId.values()) c.mentions.sort((a, b) => a[0] - b[0]);
  const quotes = analysis.quotes.map((q): QuoteRecord => {
    const out: QuoteRecord = { start: q.start, end: q.end, text: text.slice(q.start, q.end), kind: q.kind, anonymous: !!q.anonymous };
    if (q.speaker) out.speakerText = q.speaker.text;
    if (q.speakerCluster !== undefined && byId.has(q.speakerCluster)) out.speakerCid = q.speakerCluster;
    return out;
  });
  return { clusters: [...byId.values()], quotes };
}

/** The notes and corrections of a sidecar (its text; offsets converted on `articleText`), and the
 *  analysis with the corrections applied (as the editor and `news-lens analyze` show it). */
export function sidecarNotes(sidecarText: string, articleText: string, analysis?: Analysis): { notes: NoteRecord[]; errors: string[]; analysis?: Analysis } {
  const parsed = parseSidecar(sidecarText, { articleText });
  const anchors = resolveAnchors(articleText, parsed.annotations.map((a) => a.target));
  const notes = parsed.annotations.map((a, i): NoteRecord => {
    const n: NoteRecord = {
      kind: 'note',
      id: a.id,
      status: a.status ?? 'open',
      start: anchors[i]?.start ?? -1,
      end: anchors[i]?.end ?? -1,
      exact: a.target.exact,
      replies: a.replies?.length ?? 0,
    };
    if (a.label !== undefined) n.label = a.label;
    if (a.author !== undefined) n.author = a.author;
    if (a.note !== undefined) n.body = a.note;
    if (a.created !== undefined) n.created = a.created;
    if (a.updated !== undefined) n.updated = a.updated;
    return n;
  });
  const corrected = corrections(parsed, articleText, analysis);
  return { notes: [...notes, ...corrected.records], errors: parsed.errors.map((e) => `${e.line}:${e.column}: ${e.message}`), analysis: corrected.analysis };
}

function corrections(parsed: SidecarParseResult, text: string, analysis?: Analysis): { records: NoteRecord[]; analysis?: Analysis } {
  if (parsed.corrections.length === 0) return { records: [], analysis };
  const resolved = resolveCorrectionAnchors(text, parsed.corrections);
  const reports = analysis ? correctAnalysis(text, analysis, resolved) : undefined;
  const records = resolved.map((r, i): NoteRecord => {
    const c = r.correction;
    const report = reports?.reports[i];
    const state = r.anchor.state;
    const n: NoteRecord = {
      kind: 'correction',
      id: c.id,
      label: `${c.kind} ${c.action}${c.type ? ` ${c.type}` : ''}`,
      status: report ? (report.applied ? 'applied' : state === 'orphaned' || state === 'needs-review' ? state : 'not applied')
        : state === 'orphaned' || state === 'needs-review' ? state : 'applied',
      start: r.anchor.start ?? -1,
      end: r.anchor.end ?? -1,
      exact: c.target.exact,
      replies: 0,
    };
    if (c.author !== undefined) n.author = c.author;
    if (c.created !== undefined) n.created = c.created;
    return n;
  });
  return { records, analysis: reports?.analysis ?? analysis };
}

/** The whole record of an article from its bytes' hash, its text and its sidecar's text. */
export function buildArticleRecord(
  path: string,
  stamp: FileStamp,
  hash: string,
  text: string,
  sidecar: { stamp: FileStamp; text: string } | null,
  analyzeText: (text: string) => Analysis = analyze,
): ArticleRecord {
  const raw = analyzeText(text);
  const { notes, errors, analysis } = sidecar ? sidecarNotes(sidecar.text, text, raw) : { notes: [], errors: [], analysis: raw };
  const { clusters, quotes } = analysisRecord(text, analysis ?? raw);
  return { path, stamp, sidecarStamp: sidecar?.stamp ?? null, hash, chars: text.length, clusters, quotes, notes, sidecarErrors: errors };
}
