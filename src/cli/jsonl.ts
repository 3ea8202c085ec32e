// One line of `news-lens analyze --jsonl`: parsed, checked and analysed into its output record or
// the message for standard error. Shared by the analysis in the main thread and in the worker
// threads of --jobs (jsonlWorker.ts), so both write the same bytes.
import { analyze, type AnalyzeOptions } from '../engine';
import type { Analysis } from '../engine';
import { analyzeHead, analyzeTail, type HeadResult } from '../engine/split';
import type { TransferableModel } from '../engine/ner/transfer';
import { MAX_ARTICLE_BYTES } from '../store/articleText';
import { toJsonlRecord } from './format';
import { forTerminal, jsonForTerminal } from './terminal';

/** What one input line gives: its output line (with the line break), a problem, or nothing (a
 *  blank line). */
export interface JsonlLineResult {
  stdout?: string;
  stderr?: string;
}

/** `line` is null for a line longer than MAX_ARTICLE_BYTES (not read; reported and skipped). */
export function analyzeJsonlLine(line: string | null, lineNo: number, options: AnalyzeOptions = {}): JsonlLineResult {
  const doc = parseJsonlLine(line, lineNo);
  return 'text' in doc ? { stdout: jsonlRecord(doc.id, analyze(doc.text, options)) } : doc;
}

/** The document on a line ({id, text}), or what the line gives instead: a problem, or nothing (a blank
 *  line). */
export function parseJsonlLine(line: string | null, lineNo: number): { id: unknown; text: string } | JsonlLineResult {
  if (line === null) return { stderr: `news-lens: line ${lineNo}: longer than the limit of ${MAX_ARTICLE_BYTES.toLocaleString('en-US')} bytes; skipped\n` };
  if (!line.trim()) return {};
  let doc: unknown;
  try {
    doc = JSON.parse(line);
  } catch (err) {
    return { stderr: `news-lens: line ${lineNo}: not valid JSON (${forTerminal((err as Error).message)})\n` };
  }
  if (typeof doc !== 'object' || doc === null || typeof (doc as { text?: unknown }).text !== 'string') {
    return { stderr: `news-lens: line ${lineNo}: expected an object with a string "text" field\n` };
  }
  const { id, text } = doc as { id?: unknown; text: string };
  return { id, text };
}

/** The output line (with its line break) of a document's analysis. */
export function jsonlRecord(id: unknown, analysis: Analysis): string {
  return jsonForTerminal(JSON.stringify(toJsonlRecord(id, analysis))) + '\n';
}

/** A batch of consecutive input lines sent to a worker; `first` is the number of its first line. */
export interface JsonlBatch {
  seq: number;
  first: number;
  /** null: a line longer than the limit (see analyzeJsonlLine). */
  lines: (string | null)[];
  /** For the tail of the pipeline (--jobs N): per line what analyzeHead handed over, null for a line
   *  that is not a document (see analyzeJsonlHeads). */
  heads?: (HeadResult | null)[];
}

/** What a worker of --jobs N receives: a batch, or (a head worker, first) the name tagger's model. */
export type JsonlWorkerMessage = JsonlBatch | { model: TransferableModel };

/** A worker's answer: the batch's output as one string, and its problems in order. */
export interface JsonlBatchResult {
  seq: number;
  /** Output and problems interleaved in line order: [stdout, stderr] pieces, in order. */
  pieces: JsonlLineResult[];
}

/** The batch's output and problems. Its documents are analysed whole, or when the batch carries the
 *  heads of their analyses (analyzeJsonlHeads), by the tail of the pipeline: the same bytes. */
export function analyzeJsonlBatch(batch: JsonlBatch, options: AnalyzeOptions = {}): JsonlBatchResult {
  const pieces: JsonlLineResult[] = [];
  let out = '';
  batch.lines.forEach((line, i) => {
    const doc = parseJsonlLine(line, batch.first + i);
    if ('text' in doc) {
      const head = batch.heads?.[i];
      if (head === null) throw new Error(`line ${batch.first + i}: no head analysis for a document`);
      out += jsonlRecord(doc.id, head ? analyzeTail(doc.text, head) : analyze(doc.text, options));
    } else if (doc.stderr !== undefined) {
      if (out) pieces.push({ stdout: out });
      out = '';
      pieces.push(doc);
    }
  });
  if (out) pieces.push({ stdout: out });
  return { seq: batch.seq, pieces };
}

/** A head worker's answer (--jobs N): per line of the batch, analyzeHead of its document, or null for
 *  a line that is not one (the tail reports it). */
export interface JsonlHeadsResult {
  seq: number;
  heads: (HeadResult | null)[];
}

export function analyzeJsonlHeads(batch: JsonlBatch): JsonlHeadsResult {
  const heads = batch.lines.map((line, i) => {
    const doc = parseJsonlLine(line, batch.first + i);
    return 'text' in doc ? analyzeHead(doc.text) : null;
  });
  return { seq: batch.seq, heads };
}
