// One article's turn in an index update: read it (and its sidecar), hash it, and analyse it only when
// its content changed. Runs in a worker thread of the CLI (worker.ts) or inline. Node's fs.
import * as fs from 'node:fs';
import { MAX_ARTICLE_BYTES, MAX_SIDECAR_BYTES, decodeArticle, sidecarPathFor } from '../store';
import { buildArticleRecord, contentHash, sidecarNotes } from './record';
import type { ArticleRecord, FileStamp, NoteRecord } from './record';

export interface IndexJob {
  path: string;
  /** The hash the index holds for this article, when it holds it. */
  knownHash?: string;
  /** The sidecar changed since the index read it (re-read the notes even when the text did not). */
  sidecarChanged: boolean;
  /** The indexed analysis has corrections applied (taking them back means analysing again). */
  knownCorrected?: boolean;
}

export type JobResult =
  | { kind: 'record'; record: ArticleRecord }
  /** Same bytes as indexed: new stamps, and the notes when the sidecar changed. */
  | { kind: 'same'; path: string; stamp: FileStamp; sidecarStamp: FileStamp | null; notes?: { notes: NoteRecord[]; errors: string[] } }
  | { kind: 'error'; path: string; message: string };

function stampOf(st: fs.Stats): FileStamp {
  return { size: st.size, mtimeMs: st.mtimeMs };
}

/** The stamps of an article and its sidecar (null: no sidecar); undefined when the article is gone. */
export function statArticle(path: string): { stamp: FileStamp; sidecarStamp: FileStamp | null } | undefined {
  const st = fs.statSync(path, { throwIfNoEntry: false });
  if (!st?.isFile()) return undefined;
  const sc = fs.statSync(sidecarPathFor(path), { throwIfNoEntry: false });
  return { stamp: stampOf(st), sidecarStamp: sc?.isFile() ? stampOf(sc) : null };
}

function readSidecar(path: string): { stamp: FileStamp; text: string } | null {
  const file = sidecarPathFor(path);
  const st = fs.statSync(file, { throwIfNoEntry: false });
  if (!st?.isFile() || st.size > MAX_SIDECAR_BYTES) return null;
  return { stamp: stampOf(st), text: fs.readFileSync(file, 'utf8') };
}

export function runIndexJob(job: IndexJob): JobResult {
  try {
    const st = fs.statSync(job.path);
    if (!st.isFile()) return { kind: 'error', path: job.path, message: `${job.path} is not a regular file` };
    if (st.size > MAX_ARTICLE_BYTES) return { kind: 'error', path: job.path, message: `${job.path} is over the article size limit; not indexed` };
    const bytes = fs.readFileSync(job.path);
    const stamp = stampOf(st);
    const hash = contentHash(bytes);
    const text = decodeArticle(bytes, job.path).text;
    const sidecar = readSidecar(job.path);
    if (hash === job.knownHash) {
      const same: JobResult = { kind: 'same', path: job.path, stamp, sidecarStamp: sidecar?.stamp ?? null };
      if (!job.sidecarChanged) return same;
      // Only the sidecar changed: its notes are read again; corrections (added, or all taken back)
      // change the analysis, so then the article is analysed again.
      const notes = sidecar ? sidecarNotes(sidecar.text, text) : { notes: [], errors: [] };
      if (!job.knownCorrected && !notes.notes.some((n) => n.kind === 'correction')) {
        same.notes = notes;
        return same;
      }
    }
    return { kind: 'record', record: buildArticleRecord(job.path, stamp, hash, text, sidecar) };
  } catch (e) {
    return { kind: 'error', path: job.path, message: e instanceof Error ? e.message : String(e) };
  }
}
