// Unsaved corrections of one article, for AnnotationStore (store.ts): the same model as its notes —
// changes kept by id until `save()`, merged by id into whatever is on disk when saving (so a
// concurrent writer's corrections are kept), and written by replacing only the `corrections:` block
// of the file (sidecar/corrections.ts).

import type { YAMLMap } from 'yaml';
import type { AnchorResult, Correction, NewCorrectionFields, ResolvedCorrection } from './types';
import { CORRECTION_ACTIONS, CORRECTION_TYPES } from './types';
import { AnchorIndex, createTarget } from './anchor';
import type { CodePointMapper } from './offsets';
import { parseSidecarInternal } from './sidecar';
import { correctionsKeyStart, plainCorrection, replaceCorrectionsBlock } from './sidecar/corrections';
import type { CorrectionOp, StoredCorrection } from './sidecar/corrections';
import type { ParsedSidecar } from './sidecar';

export function cloneCorrection(c: Correction): Correction {
  const out: Correction = { ...c, target: { ...c.target } };
  if (c.speaker) out.speaker = { ...c.speaker };
  return out;
}

/** The problem with `fields` for a new correction, or undefined. */
export function correctionFieldsProblem(fields: NewCorrectionFields): string | undefined {
  const allowed = CORRECTION_ACTIONS[fields.kind];
  if (!allowed) return `kind must be "entity" or "quote", not ${JSON.stringify(fields.kind)}`;
  if (!allowed.includes(fields.action)) return `action must be one of ${allowed.join(', ')} for a ${fields.kind} correction`;
  if (fields.type !== undefined && !(CORRECTION_TYPES as readonly string[]).includes(fields.type)) return `type must be an OntoNotes label, not ${JSON.stringify(fields.type)}`;
  if (fields.kind === 'entity' && fields.action !== 'reject' && fields.type === undefined) return `an entity ${fields.action} needs a type`;
  if (fields.kind === 'quote' && fields.type !== undefined) return 'type is for entity corrections only';
  if (fields.kind === 'entity' && fields.speaker) return 'speaker is for quote corrections only';
  if (fields.kind === 'quote' && fields.action === 'speaker' && !fields.speaker) return 'a speaker correction needs a speaker';
  return undefined;
}

export class CorrectionEdits {
  readonly pending = new Map<string, CorrectionOp>();

  /** Disk corrections with the unsaved changes: disk order, changed ones replaced, removed ones
   *  left out, then the new ones in the order they were made. */
  view(disk: readonly Correction[]): Correction[] {
    if (this.pending.size === 0) return [...disk];
    const out: Correction[] = [];
    const seen = new Set<string>();
    for (const d of disk) {
      seen.add(d.id);
      const p = this.pending.get(d.id);
      if (p?.kind === 'remove') continue;
      out.push(p ? p.stored.correction : d);
    }
    for (const [id, p] of this.pending) if (!seen.has(id) && p.kind === 'upsert') out.push(p.stored.correction);
    return out;
  }

  add(id: string, text: string, range: { start: number; end: number }, fields: NewCorrectionFields, created: string, mapper: CodePointMapper): Correction {
    const problem = correctionFieldsProblem(fields);
    if (problem) throw new Error(problem);
    if (range.end <= range.start) throw new Error('a correction needs a non-empty range');
    const c: Correction = { id, kind: fields.kind, action: fields.action, target: createTarget(text, range.start, range.end) };
    if (fields.type !== undefined) c.type = fields.type;
    const stored: StoredCorrection = { correction: c, cpStart: mapper.toCodePoint(range.start), cpEnd: mapper.toCodePoint(range.end) };
    if (fields.speaker) {
      if (fields.speaker.end <= fields.speaker.start) throw new Error('a speaker needs a non-empty range');
      const s = createTarget(text, fields.speaker.start, fields.speaker.end);
      // The speaker is stored as in the example: its words and position (context kept too,
      // for re-anchoring a common pronoun).
      c.speaker = s;
      stored.speakerCp = { start: mapper.toCodePoint(fields.speaker.start), end: mapper.toCodePoint(fields.speaker.end) };
    }
    if (fields.author !== undefined) c.author = fields.author;
    c.created = created;
    if (fields.note !== undefined) c.note = fields.note;
    this.pending.set(id, { kind: 'upsert', stored });
    return cloneCorrection(c);
  }

  /** Re-point a correction (e.g. the user accepted a fuzzy match). */
  retarget(current: Correction, text: string, range: { start: number; end: number }, mapper: CodePointMapper, speakerCp?: { start?: number; end?: number }): Correction {
    const c = cloneCorrection(current);
    c.target = createTarget(text, range.start, range.end);
    const stored: StoredCorrection = { correction: c, cpStart: mapper.toCodePoint(range.start), cpEnd: mapper.toCodePoint(range.end) };
    if (speakerCp) stored.speakerCp = speakerCp;
    this.pending.set(c.id, { kind: 'upsert', stored });
    return cloneCorrection(c);
  }

  remove(id: string, onDisk: boolean): void {
    if (onDisk) this.pending.set(id, { kind: 'remove' });
    else this.pending.delete(id);
  }

  /** After the disk content changed: pending removals of corrections gone from disk are moot. */
  dropMoot(parsed: ParsedSidecar | undefined): void {
    for (const [id, p] of [...this.pending]) {
      if (p.kind === 'remove' && !parsed?.correctionLocations?.has(id)) this.pending.delete(id);
    }
  }

  /**
   * `base` (the sidecar text with the notes already written, and the corrections block as on disk)
   * with `ops` applied to its corrections: entries kept as their nodes (comments and all), changed
   * ones re-rendered in place, removed ones dropped, new ones appended.
   */
  render(base: string, articleText: string, ops: ReadonlyMap<string, CorrectionOp>): string {
    const parsed = base === '' ? undefined : parseSidecarInternal(base, { articleText });
    const list: (YAMLMap | Record<string, unknown>)[] = [];
    const seen = new Set<string>();
    for (const c of parsed?.corrections ?? []) {
      seen.add(c.id);
      const op = ops.get(c.id);
      if (op?.kind === 'remove') continue;
      if (op) list.push(plainCorrection(op.stored));
      else list.push(parsed!.correctionNodes!.get(c.id)!);
    }
    for (const [id, op] of ops) if (!seen.has(id) && op.kind === 'upsert') list.push(plainCorrection(op.stored));
    return replaceCorrectionsBlock(base, list, parsed?.doc?.get('corrections', true), correctionsKeyStart(parsed));
  }
}

/** Anchor corrections (target and speaker) on `text`, with one index for all. */
export function resolveCorrectionAnchors(text: string, corrections: readonly Correction[]): ResolvedCorrection[] {
  if (corrections.length === 0) return [];
  const index = new AnchorIndex(text);
  const targets = index.resolveAll(corrections.map((c) => c.target));
  const withSpeaker = corrections.filter((c) => c.speaker);
  const speakers = withSpeaker.length > 0 ? index.resolveAll(withSpeaker.map((c) => c.speaker!)) : [];
  const speakerOf = new Map<string, AnchorResult>(withSpeaker.map((c, i) => [c.id, speakers[i]!] as const));
  return corrections.map((c, i) => {
    const r: ResolvedCorrection = { correction: cloneCorrection(c), anchor: targets[i]! };
    const s = speakerOf.get(c.id);
    if (s) r.speakerAnchor = s;
    return r;
  });
}
