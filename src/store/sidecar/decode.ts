// From the bytes of a sidecar to text the YAML parser may see. Refuses, with line and column,
// what must never reach the parser: files over the size limit, binary or non-UTF-8 content,
// nesting bombs, and unresolved merge-conflict markers. A BOM is dropped.

import type { SidecarError } from '../types';

/** Size limit, then UTF-8 decoding without NULs; drops a leading BOM. */
export function decode(source: string | Uint8Array, maxBytes: number): { text?: string; error?: SidecarError } {
  let size: number;
  if (typeof source !== 'string') size = source.byteLength;
  else if (source.length > maxBytes || source.length * 3 <= maxBytes) size = source.length; // ≤ UTF-8 length ≤ 3×
  else size = new TextEncoder().encode(source).byteLength;
  if (size > maxBytes) {
    return { error: { code: 'too-large', message: `annotation file is over the size limit of ${maxBytes} bytes (${size})`, line: 1, column: 1 } };
  }
  let text: string;
  if (typeof source === 'string') {
    text = source;
  } else {
    const nul = source.indexOf(0);
    if (nul >= 0) {
      const before = new TextDecoder().decode(source.subarray(0, nul));
      return { error: { ...position(before), code: 'binary', message: 'annotation file contains NUL bytes (binary content)' } };
    }
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(source);
    } catch {
      return { error: { code: 'binary', message: 'annotation file is not valid UTF-8 text', line: 1, column: 1 } };
    }
  }
  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    return { error: { ...position(text.slice(0, nul)), code: 'binary', message: 'annotation file contains NUL characters (binary content)' } };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text };
}

/** 1-based line/column just after `before`. */
function position(before: string): { line: number; column: number } {
  const lines = before.split(/\r\n|\r|\n/);
  return { line: lines.length, column: lines[lines.length - 1]!.length + 1 };
}

/** Deeper flow nesting or indentation than this is refused (the YAML parser recurses). */
const MAX_NESTING = 1000;
const MAX_INDENT = 512;

/** Cheap pre-scan against nesting bombs ("[[[[…", very deep indentation). */
export function nestingError(text: string): SidecarError | undefined {
  let depth = 0;
  let line = 1;
  let col = 0;
  let indent = 0;
  let inIndent = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    col++;
    if (c === 10) {
      line++;
      col = 0;
      indent = 0;
      inIndent = true;
      continue;
    }
    if (inIndent) {
      if (c === 32 || c === 9 || c === 45 /* - */) {
        if (++indent > MAX_INDENT) return { code: 'yaml', message: `indentation deeper than ${MAX_INDENT} columns`, line, column: col };
      } else inIndent = false;
    }
    if (c === 91 || c === 123) {
      if (++depth > MAX_NESTING) return { code: 'yaml', message: `lists or maps nested deeper than ${MAX_NESTING} levels`, line, column: col };
    } else if ((c === 93 || c === 125) && depth > 0) depth--;
  }
  return undefined;
}

const CONFLICT_RE = /^(<{7}|={7}|>{7}|\|{7})(?:[ \t].*)?$/m;

/** The first unresolved merge-conflict marker line ("<<<<<<<", "=======", ">>>>>>>", "|||||||"). */
export function conflictError(text: string): SidecarError | undefined {
  const conflict = CONFLICT_RE.exec(text);
  if (!conflict) return undefined;
  return { ...position(text.slice(0, conflict.index)), code: 'conflict', message: 'annotation file has unresolved merge-conflict markers; resolve the conflict, then reload' };
}
