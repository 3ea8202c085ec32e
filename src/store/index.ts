// Public entry of the annotation store (no `vscode` import: runs in the CLI, tests and the editor).
//
// Overview
//   - Sidecar file: article `x.txt` → `x.txt.annotations.yaml` beside it (format v1, see
//     schemas/annotations.schema.json). In the FILE, target.start/end count Unicode code points;
//     in this API every offset is a JavaScript string index (UTF-16), end-exclusive.
//   - `AnnotationStore` (store.ts): load / add / update / remove / reply / save / reload for one
//     article, over an injectable `StoreFileSystem`. Edits go through the yaml Document, so
//     comments, key order, quoting and unknown fields of untouched entries survive a rewrite.
//     Writes are atomic (temp file in the same directory + rename). An invalid or conflicted
//     sidecar makes the store read-only (`store.readOnly`, `store.state`, `store.errors`); it is
//     never overwritten.
//   - Anchoring (anchor/): `resolveAnchor(text, target)` → anchored | moved | fuzzy |
//     needs-review | orphaned. For many annotations on one text, build one `AnchorIndex`
//     (`new AnchorIndex(text)`, then `index.resolve(target)`) or call `resolveAnchors`.
//   - Exports (export.ts, pure): `exportAnnotations('w3c' | 'csv' | 'markdown', input)` turns
//     resolved notes into W3C Web Annotation JSON-LD, spreadsheet-safe CSV or a Markdown report.
//   - Live tracking (shift.ts): `shiftAnnotations(ranges, edits)` moves ranges while the user
//     types, flagging ranges edited inside with `needsRecheck`.
//
// A vscode.workspace.fs adapter (the store never imports vscode):
//   const uri = (p: string) => vscode.Uri.file(p);
//   const fsAdapter: StoreFileSystem = {
//     readFile: async (p) => vscode.workspace.fs.readFile(uri(p)),
//     writeFile: async (p, d) => vscode.workspace.fs.writeFile(uri(p), d),
//     rename: async (a, b) => vscode.workspace.fs.rename(uri(a), uri(b), { overwrite: true }),
//     delete: async (p) => vscode.workspace.fs.delete(uri(p)),
//     stat: async (p) => {
//       try { const s = await vscode.workspace.fs.stat(uri(p)); return { size: s.size, mtimeMs: s.mtime }; }
//       catch (e) { if (e instanceof vscode.FileSystemError && e.code === 'FileNotFound') return undefined; throw e; }
//     },
//   };
//
// Typical editor use:
//   const store = await AnnotationStore.open(fsAdapter, articlePath, { text: document.getText() });
//   const resolved = store.resolve(document.getText());           // ResolvedAnnotation[]
//   const a = store.add(document.getText(), { start, end }, { label: 'claim', note, author });
//   await store.save();                                          // merges with disk if it changed
//   if (store.readOnly) show(store.errors);                      // SidecarError[] with line/column
//   // while typing: ranges = shiftAnnotations(ranges, edits); re-resolve those with needsRecheck
//   // on a file-watcher event: await store.reload()  (unsaved local changes are kept)
//   // accepting a fuzzy match: store.retarget(id, text, { start, end }); await store.save()

export * from './types';
export { toCodePointOffset, fromCodePointOffset, CodePointMapper } from './offsets';
export { normalizeForMatch, normalizeString } from './normalize';
export type { NormalizedText } from './normalize';
export {
  resolveAnchor,
  resolveAnchors,
  AnchorIndex,
  createTarget,
  isShortTarget,
  editDistance,
  FUZZY_CONFIDENT_MAX_ERROR_RATE,
  FUZZY_REVIEW_MAX_ERROR_RATE,
  CONTEXT_LENGTH,
} from './anchor';
export { shiftAnnotations } from './shift';
export { newAnnotationId } from './ids';
export {
  parseSidecar,
  sidecarPathFor,
  articlePathFor,
  isSidecarPath,
  SIDECAR_SUFFIX,
  SIDECAR_VERSION,
  MAX_SIDECAR_BYTES,
  UnwritableSidecarError,
} from './sidecar';
export type { SidecarParseResult, ParseSidecarOptions } from './sidecar';
export { mergeById } from './merge';
export { mergeSidecarTexts } from './merge3';
export type { Merge3Result } from './merge3';
export type { MergeChanges } from './merge';
export { readRegularFile, FileReadError, fileKindOf, describeFileKind, notAFileMessage } from './safeRead';
export { decodeArticle, decodeWarning, readArticleFile, firstInvalidUtf8, ArticleDecodeError, MAX_ARTICLE_BYTES, BINARY_SNIFF_BYTES } from './articleText';
export type { DecodedArticle, ArticleEncoding } from './articleText';
export { nodeFileSystem, writeFileAtomic, createFileExclusive, FileWriteError } from './fs';
export type { WriteAwareFileSystem, WriteTarget } from './fs';
export { withFileLock, lockPathFor, removeStrayTempFiles, LockTimeoutError, processIsAlive, LOCK_SUFFIX } from './lock';
export type { LockOptions, LockOwner } from './lock';
export { AnnotationStore, ReadOnlyStoreError } from './store';
export type { OpenStoreOptions, NewAnnotationFields, ReloadResult } from './store';
export { exportAnnotations, toW3C, toCsv, toMarkdown, csvField, oneLine, CSV_HEADER, EXPORT_FORMATS } from './export';
export type { ExportInput, ExportFormat, ExportOptions } from './export';
export { resolveCorrectionAnchors, correctionFieldsProblem } from './correctionEdits';
