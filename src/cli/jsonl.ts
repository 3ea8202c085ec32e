// One line of `news-lens analyze --jsonl`: parsed, checked and analysed into its output record or
// the message for standard error. Shared by the analysis in the main thread and in the worker
// threads of --jobs (jsonlWorker.ts), so both write the same bytes.
import { analyze, type AnalyzeOptions } from '../engine';
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
  return { stdout: jsonForTerminal(JSON.stringify(toJsonlRecord(id, analyze(text, options)))) + '\n' };
}

/** A batch of consecutive input lines sent to a worker; `first` is the number of its first line. */
export interface JsonlBatch {
  seq: number;
  first: number;
  /** null: a line longer than the limit (see analyzeJsonlLine). */
  lines: (string | null)[];
}

/** A worker's answer: the batch's output as one string, and its problems in order. */
export interface JsonlBatchResult {
  seq: number;
  /** Output and problems interleaved in line order: [stdout, stderr] pieces, in order. */
  pieces: JsonlLineResult[];
}

export function analyzeJsonlBatch(batch: JsonlBatch, options: AnalyzeOptions = {}): JsonlBatchResult {
  const pieces: JsonlLineResult[] = [];
  let out = '';
  batch.lines.forEach((line, i) => {
    const r = analyzeJsonlLine(line, batch.first + i, options);
    if (r.stdout !== undefined) out += r.stdout;
    else if (r.stderr !== undefined) {
      if (out) pieces.push({ stdout: out });
      out = '';
      pieces.push(r);
    }
  });
  if (out) pieces.push({ stdout: out });
  return { seq: batch.seq, pieces };
}
