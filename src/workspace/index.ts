// Public entry of the workspace index (no `vscode` import: used by the CLI's index/query commands and
// the editor). SQLite in WebAssembly (node-sqlite3-wasm), one database file per workspace.
export { WorkspaceIndex } from './workspaceIndex';
export type { KnownArticle } from './workspaceIndex';
export type { EntityRow, MentionRow, QuoteRow, NoteRow, SymbolRow, SourceRow } from './queries';
export { IndexFileError, SCHEMA_VERSION, APPLICATION_ID, openIndexDatabase } from './schema';
export { updateIndex, inlineRunner, WorkerRunner } from './indexer';
export type { JobRunner, UpdateSummary, UpdateOptions } from './indexer';
export { runIndexJob, statArticle } from './job';
export type { IndexJob, JobResult } from './job';
export { buildArticleRecord, analysisRecord, sidecarNotes, contentHash } from './record';
export type { ArticleRecord, ClusterRecord, QuoteRecord, NoteRecord, FileStamp } from './record';
export { normName, isOneWord, lastWord } from './identity';
