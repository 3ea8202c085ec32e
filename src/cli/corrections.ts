// How `news-lens analyze` reports the sidecar's corrections: in the JSON (`corrections`, additive,
// present only when the sidecar has corrections; docs/cli-json.md) and under the readable summary.

import type { CorrectionReport } from '../corrections';

export interface CorrectionsJson {
  sidecar: string;
  applied: CorrectionReport[];
  notApplied: CorrectionReport[];
}

export function correctionsJson(sidecar: string, reports: readonly CorrectionReport[]): CorrectionsJson {
  return { sidecar, applied: reports.filter((r) => r.applied), notApplied: reports.filter((r) => !r.applied) };
}

function describe(r: CorrectionReport): string {
  const what = `${r.kind} ${r.action}${r.type ? ` ${r.type}` : ''}`;
  const where = r.text !== undefined ? ` "${r.text}"` : '';
  const speaker = r.speaker ? ` → ${r.speaker.text}` : '';
  return `${r.id} (${what}${where}${speaker})`;
}

/** Lines appended to the readable summary (starting with a line break). */
export function correctionsSummary(sidecar: string, reports: readonly CorrectionReport[]): string {
  const applied = reports.filter((r) => r.applied);
  const not = reports.filter((r) => !r.applied);
  let out = `\n\nCorrections (${sidecar}): ${applied.length} applied, ${not.length} not applied`;
  for (const r of applied) out += `\n  applied: ${describe(r)}`;
  for (const r of not) out += `\n  NOT applied: ${describe(r)}: ${r.reason ?? ''}`;
  return out;
}
