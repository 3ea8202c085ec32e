// The glue between the annotation store and the engine for reviewers' corrections (issue 15): the
// sidecar's corrections, anchored on the current text by the store, applied to an analysis by the
// engine. Both the command line and the editor use it, so both show the same corrected analysis.
// No `vscode` import.
//
// Only corrections whose target (and speaker) anchor confidently — anchored, moved or fuzzy — are
// applied. One that needs review or is orphaned is reported and left out: it never lands on other words.

import { applyCorrections } from '../engine';
import type { Analysis, AnalysisCorrection, EntityType } from '../engine';
import { AnnotationStore } from '../store';
import type { AnchorState, Correction, ResolvedCorrection, SidecarError, SidecarState, StoreFileSystem } from '../store';

/** Anchor states a correction is applied in. */
export const APPLIED_ANCHOR_STATES: ReadonlySet<AnchorState> = new Set(['anchored', 'moved', 'fuzzy']);

/** One correction and what became of it on this text. */
export interface CorrectionReport {
  id: string;
  kind: Correction['kind'];
  action: Correction['action'];
  type?: string;
  author?: string;
  /** The target's anchor state on this text. */
  state: AnchorState;
  applied: boolean;
  /** Why it was not applied. */
  reason?: string;
  /** Where the target is now (UTF-16), when found. */
  start?: number;
  end?: number;
  text?: string;
  speaker?: { start: number; end: number; text: string };
}

export interface CorrectedResult {
  analysis: Analysis;
  reports: CorrectionReport[];
}

/** `analysis` of `text` with the anchored `resolved` corrections applied, and a report for each. */
export function correctAnalysis(text: string, analysis: Analysis, resolved: readonly ResolvedCorrection[]): CorrectedResult {
  const reports: CorrectionReport[] = [];
  const toApply: AnalysisCorrection[] = [];
  const byId = new Map<string, CorrectionReport>();
  for (const r of resolved) {
    const c = r.correction;
    const report: CorrectionReport = { id: c.id, kind: c.kind, action: c.action, state: r.anchor.state, applied: false };
    if (c.type !== undefined) report.type = c.type;
    if (c.author !== undefined) report.author = c.author;
    if (r.anchor.start !== undefined && r.anchor.end !== undefined) {
      report.start = r.anchor.start;
      report.end = r.anchor.end;
      report.text = text.slice(r.anchor.start, r.anchor.end);
    }
    const s = r.speakerAnchor;
    if (s?.start !== undefined && s.end !== undefined) report.speaker = { start: s.start, end: s.end, text: text.slice(s.start, s.end) };
    reports.push(report);
    byId.set(c.id, report);
    if (!APPLIED_ANCHOR_STATES.has(r.anchor.state) || report.start === undefined) {
      report.reason = `its text is ${r.anchor.state} (${r.anchor.reason})`;
      continue;
    }
    if (s && (!APPLIED_ANCHOR_STATES.has(s.state) || !report.speaker)) {
      report.reason = `its speaker is ${s.state} (${s.reason})`;
      continue;
    }
    const a: AnalysisCorrection = { id: c.id, kind: c.kind, action: c.action, start: report.start, end: report.end! };
    if (c.type !== undefined) a.type = c.type as EntityType;
    if (report.speaker) a.speaker = { start: report.speaker.start, end: report.speaker.end };
    toApply.push(a);
  }
  const { analysis: corrected, outcomes } = applyCorrections(text, analysis, toApply);
  for (const o of outcomes) {
    const report = byId.get(o.id)!;
    report.applied = o.applied;
    if (o.reason !== undefined) report.reason = o.reason;
  }
  return { analysis: toApply.length > 0 ? corrected : analysis, reports };
}

/** "FILE.annotations.yaml:LINE:COL: field: message": one problem of a sidecar whose corrections cannot be used. */
export function sidecarErrorText(sidecarPath: string, e: SidecarError): string {
  return `${sidecarPath}:${e.line}:${e.column}: ${e.path ? `${e.path}: ` : ''}${e.message}`;
}

export interface SidecarCorrections {
  state: SidecarState;
  errors: SidecarError[];
  sidecarPath: string;
  resolved: ResolvedCorrection[];
}

/** The corrections of the sidecar beside `articlePath`, anchored on `text` (none when there is no
 *  sidecar; none, with the errors, when it is invalid). */
export async function readSidecarCorrections(fs: StoreFileSystem, articlePath: string, text: string): Promise<SidecarCorrections> {
  const store = await AnnotationStore.open(fs, articlePath, { text });
  const resolved = store.state === 'ok' ? store.resolveCorrections(text) : [];
  return { state: store.state, errors: store.errors, sidecarPath: store.sidecarPath, resolved };
}
