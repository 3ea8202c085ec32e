// The sidecar file (format v1) as the rest of the store sees it. One job per module:
//   paths.ts   where the sidecar of an article lives
//   types.ts   format version, size limit, and the shapes shared below
//   decode.ts  bytes → text the YAML parser may see (size, binary, nesting bombs, conflict markers)
//   parse.ts   yaml Document → validated annotations, errors with line/column
//   entry.ts   one entry: field validation, UTF-16 offsets, derived ids
//   edit.ts    edits to the Document that keep comments, key order and quoting
//   write.ts   Document → text, copying unchanged entries byte for byte
//   origin.ts  what parse records and edit marks for write (source text, changed entries)

export { SIDECAR_SUFFIX, sidecarPathFor, articlePathFor, isSidecarPath } from './paths';
export { SIDECAR_VERSION, MAX_SIDECAR_BYTES } from './types';
export type { ParseSidecarOptions, SidecarParseResult, ParsedSidecar, StoredAnnotation } from './types';
export { parseSidecar, parseSidecarInternal } from './parse';
export { newSidecarDocument, annotationsSeq, appendEntry, insertEntry, insertNode, removeEntry, findEntry, updateEntry } from './edit';
export { stringifySidecar, assertReadableBack, UnwritableSidecarError } from './write';
export type { StringifySidecarOptions } from './write';
