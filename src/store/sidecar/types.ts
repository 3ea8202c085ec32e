// Sidecar format v1: its version, its size limit, and the shapes that parsing and editing share.

import type { Document, YAMLMap } from 'yaml';
import type { Annotation, Correction, SidecarError, SidecarState } from '../types';
import type { SidecarScan } from './scan';

export const SIDECAR_VERSION = 1;
/** Sidecars larger than this are refused (5 MB). */
export const MAX_SIDECAR_BYTES = 5 * 1024 * 1024;

export interface ParseSidecarOptions {
  /** The article text the stored code-point offsets refer to; without it, offsets are returned
   *  unconverted (code points). */
  articleText?: string;
  maxBytes?: number;
}

export interface SidecarParseResult {
  /** `ok`, `invalid` (read-only) or `conflicted` (read-only, no annotation read). */
  state: Exclude<SidecarState, 'missing'>;
  version?: number;
  file?: string;
  /** Valid annotations, in file order, offsets in UTF-16. Empty when conflicted or unparsable. */
  annotations: Annotation[];
  /** Valid corrections (the `corrections:` list), in file order, offsets in UTF-16. */
  corrections: Correction[];
  errors: SidecarError[];
}

/** Internal: parse result with the Document and the node of every valid entry. */
export interface ParsedSidecar extends SidecarParseResult {
  source: string;
  doc?: Document.Parsed;
  /** Per annotation id: its map node in the document. */
  nodes: Map<string, YAMLMap>;
  /** Ids that were missing in the file and were derived from the content. */
  derivedIds: Set<string>;
  /** 1-based line/column of each valid entry in the file, by id. */
  locations: Map<string, { line: number; column: number }>;
  /** Code-point offsets stored in each valid entry's target, by id. */
  cp: Map<string, { start?: number; end?: number }>;
  /** The corrections' nodes, locations and code-point offsets, by id (Document path only: a sidecar
   *  with corrections is never read by the fast path). */
  correctionNodes?: Map<string, YAMLMap>;
  correctionLocations?: Map<string, { line: number; column: number }>;
  correctionCp?: Map<string, { start?: number; end?: number; speaker?: { start?: number; end?: number } }>;
  /** Set when the fast path read the file (scan.ts): where each entry is, and its sort key
   *  (start, id as written). `doc` and `nodes` are then built on first use. */
  fast?: { scan: SidecarScan; keys: [number, string][] };
}

/** What the file stores for one annotation: offsets in code points. */
export interface StoredAnnotation {
  annotation: Annotation;
  /** Code-point start/end hints (already converted). */
  cpStart?: number;
  cpEnd?: number;
}
