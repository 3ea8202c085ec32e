// Data model of the annotation store. No `vscode` import: used by the CLI, tests and the editor.
//
// OFFSETS: everywhere in this API, offsets are JavaScript string indices (UTF-16 code units) into
// the article text, end-exclusive (`text.slice(start, end)`). Only the sidecar FILE stores Unicode
// code points (W3C TextPositionSelector); the conversion happens inside the store (see offsets.ts).

/** Where an annotation points: a W3C TextQuoteSelector plus an optional TextPositionSelector hint. */
export interface AnnotationTarget {
  /** The annotated text, exactly as it was when the note was made. Required, non-empty. */
  exact: string;
  /** Up to 32 characters of text just before `exact` (context for disambiguation). */
  prefix?: string;
  /** Up to 32 characters of text just after `exact`. */
  suffix?: string;
  /** Hint: UTF-16 start offset of `exact` in the text it was made on. */
  start?: number;
  /** Hint: UTF-16 end offset (exclusive). */
  end?: number;
}

export type AnnotationStatus = 'open' | 'resolved';

export interface Reply {
  id: string;
  author?: string;
  /** ISO 8601 UTC timestamp. */
  created?: string;
  body: string;
}

/** One reviewer note as stored in the sidecar (offsets converted to UTF-16). */
export interface Annotation {
  /** Unique, never reused (see `newAnnotationId`). */
  id: string;
  label?: string;
  note?: string;
  author?: string;
  /** ISO 8601 UTC timestamp, e.g. 2026-11-25T19:30:00Z. */
  created?: string;
  updated?: string;
  status?: AnnotationStatus;
  replies?: Reply[];
  target: AnnotationTarget;
}

/** Fields a caller may change with `AnnotationStore.update`. `undefined` leaves a field as it is;
 *  `null` removes an optional field. */
export interface AnnotationPatch {
  label?: string | null;
  note?: string | null;
  author?: string | null;
  status?: AnnotationStatus | null;
  /** New target (e.g. after re-anchoring, or the user moved the note). */
  target?: AnnotationTarget;
}

/**
 * Result of re-anchoring one target on the current text.
 * - `anchored`: the stored position still holds `exact`, byte for byte.
 * - `moved`: `exact` found (modulo line endings / whitespace runs / quote style) elsewhere, uniquely
 *   or clearly best by context and position.
 * - `fuzzy`: the text changed a little (≤ ~12% edits) and the context agrees; confident.
 * - `needs-review`: a plausible place was found but it is uncertain (ambiguous duplicate, larger
 *   change, context disagrees). `start`/`end` say where it probably is; show it flagged.
 * - `orphaned`: not found. `start`/`end` are undefined.
 */
export type AnchorState = 'anchored' | 'moved' | 'fuzzy' | 'needs-review' | 'orphaned';

export interface AnchorResult {
  state: AnchorState;
  /** UTF-16 offsets into the current text (undefined when orphaned). */
  start?: number;
  end?: number;
  /** `text.slice(start, end)` (undefined when orphaned). */
  text?: string;
  /** Confidence in [0, 1]; 1 for `anchored`. */
  score: number;
  /** Short human-readable explanation, e.g. "2 occurrences, context decides". */
  reason: string;
}

/** An annotation together with where it is in the current text. */
export interface ResolvedAnnotation {
  annotation: Annotation;
  anchor: AnchorResult;
}

/** One text change, in the coordinates of the text just before this change (UTF-16). */
export interface TextEdit {
  start: number;
  end: number;
  /** Length of the inserted text. */
  newLength: number;
}

/** A live range tracked while the user types (see `shiftAnnotations`). */
export interface TrackedRange {
  start: number;
  end: number;
  /** Set when an edit touched the inside of the range: re-run `resolveAnchor` on it. */
  needsRecheck?: boolean;
}

export type SidecarErrorCode =
  | 'yaml' // YAML syntax error
  | 'schema' // wrong type, missing field, bad value
  | 'version' // unknown (future) format version
  | 'conflict' // git merge-conflict markers
  | 'too-large' // size limit exceeded
  | 'binary' // NUL bytes / not text
  | 'alias' // YAML alias to a collection (alias bombs), or too many aliases
  | 'io'; // could not read the file

/** A validation problem, with 1-based line and column in the sidecar file. */
export interface SidecarError {
  code: SidecarErrorCode;
  message: string;
  line: number;
  column: number;
  /** Dotted path of the offending value, e.g. "annotations[2].target.exact". */
  path?: string;
}

/**
 * State of the store for one article:
 * - `missing`: no sidecar yet (writable; the first save creates it);
 * - `ok`: loaded and valid (writable);
 * - `invalid`: the file exists but failed validation — READ-ONLY, never overwritten;
 * - `conflicted`: git conflict markers — READ-ONLY, no annotation is read from it.
 */
export type SidecarState = 'missing' | 'ok' | 'invalid' | 'conflicted';

/** What is at a path (after following symbolic links): only a `file` is read. `other` is what an
 *  adapter cannot tell apart (VS Code's FileType.Unknown: a device, a FIFO, a socket, a dangling link). */
export type FileKind = 'file' | 'directory' | 'char-device' | 'block-device' | 'fifo' | 'socket' | 'other';

/**
 * Minimal file-system interface (Promises), so the editor can pass a `vscode.workspace.fs`
 * adapter and the CLI `nodeFileSystem`. Paths are whatever the adapter understands; the store
 * only appends suffixes to the article path.
 */
export interface StoreFileSystem {
  /**
   * Rejects if the file does not exist. An adapter that can should also reject what is not a
   * regular file (a device such as /dev/zero, a FIFO, a socket, a folder) without blocking, and a
   * file over `options.maxBytes` (reading no more than that, even from a file that grows meanwhile):
   * see `readRegularFile` (safeRead.ts).
   */
  readFile(path: string, options?: { maxBytes?: number }): Promise<Uint8Array>;
  /** Creates or truncates. */
  writeFile(path: string, data: Uint8Array): Promise<void>;
  /** Must replace `to` if it exists (atomic on the same volume). */
  rename(from: string, to: string): Promise<void>;
  /** Resolves `undefined` when the file does not exist. `kind` (following symbolic links), when the
   *  adapter knows it: the store reads only a `file`. */
  stat(path: string): Promise<{ size: number; mtimeMs: number; kind?: FileKind } | undefined>;
  /** Optional: used to clean up a temp file after a failed write. */
  delete?(path: string): Promise<void>;
  /**
   * Optional: create `path` holding `data` only if nothing exists there, atomically (O_CREAT|O_EXCL,
   * `open(path, 'wx')`). Resolves true when created, false when the file already exists, and
   * `undefined` when this path's file system has no exclusive create: then `save()` is serialised
   * within this process only, not across processes (see lock.ts). Without this method, likewise.
   */
  createExclusive?(path: string, data: Uint8Array): Promise<boolean | undefined>;
  /** Optional: the names of the entries of a folder (used to remove stray temp files). */
  readDirectory?(path: string): Promise<string[]>;
}

// ---- Corrections (issue 15): a reviewer's fix to the analysis, anchored like a note ----------

/** What a correction fixes: an extracted entity (name, date, number) or a quotation's attribution. */
export type CorrectionKind = 'entity' | 'quote';
/**
 * - entity `add`: an entity of `type` at the target (replacing extracted ones that overlap it);
 * - entity `retype`: the extracted entity at the target gets `type`;
 * - entity `reject` / quote `reject`: the extracted entity / attribution at the target is removed;
 * - quote `add`: an attribution of the target text (to `speaker`, when given);
 * - quote `speaker`: the attribution at the target is to `speaker` (a mention in the text).
 */
export type CorrectionAction = 'add' | 'retype' | 'reject' | 'speaker';

/** The OntoNotes 5 labels a correction may give (the engine's ENTITY_TYPES; a unit test keeps them equal). */
export const CORRECTION_TYPES = [
  'PERSON', 'NORP', 'FAC', 'ORG', 'GPE', 'LOC', 'PRODUCT', 'EVENT', 'WORK_OF_ART', 'LAW', 'LANGUAGE',
  'DATE', 'TIME', 'PERCENT', 'MONEY', 'QUANTITY', 'ORDINAL', 'CARDINAL',
] as const;

/** Which actions each kind allows. */
export const CORRECTION_ACTIONS: Readonly<Record<CorrectionKind, readonly CorrectionAction[]>> = {
  entity: ['add', 'retype', 'reject'],
  quote: ['add', 'reject', 'speaker'],
};

/** One correction as stored in the sidecar's `corrections:` list (offsets converted to UTF-16). */
export interface Correction {
  /** Unique, never reused (`c-…`, see `newAnnotationId`). */
  id: string;
  kind: CorrectionKind;
  action: CorrectionAction;
  /** OntoNotes label: required for entity `add` and `retype`. */
  type?: string;
  /** The source mention: required for quote `speaker`, optional for quote `add`. Anchored like the target. */
  speaker?: AnnotationTarget;
  author?: string;
  created?: string;
  /** Optional free text: why. */
  note?: string;
  target: AnnotationTarget;
}

/** Fields of a new correction (`AnnotationStore.addCorrection`); offsets are UTF-16 into the text. */
export interface NewCorrectionFields {
  kind: CorrectionKind;
  action: CorrectionAction;
  type?: string;
  speaker?: { start: number; end: number };
  author?: string;
  note?: string;
  id?: string;
}

/** A correction with where its target (and speaker) are in the current text. Only corrections whose
 *  anchors are `anchored`, `moved` or `fuzzy` are applied; `needs-review` and `orphaned` ones are kept
 *  and reported, never applied to other words. */
export interface ResolvedCorrection {
  correction: Correction;
  anchor: AnchorResult;
  speakerAnchor?: AnchorResult;
}
