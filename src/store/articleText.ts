// From the bytes of an article file to the text every part of News Lens works on (the CLI's
// analysis and offsets, the store's anchoring; the editor gets the same text from VS Code):
// - a byte order mark selects the encoding (UTF-8, UTF-16 LE or BE) and is not part of the text,
//   so offsets count from the first character after it (as in VS Code, which hides the BOM);
// - binary content (a NUL byte, or many control characters, in the first 8 KB) is refused;
// - bytes that are not valid in their encoding become U+FFFD, and `invalidAt` says where the first
//   one was, so the caller can warn (decodeWarning);
// - files are read only when regular and at most MAX_ARTICLE_BYTES long (readArticleFile).

import { FileReadError, notAFileMessage } from './safeRead';
import type { StoreFileSystem } from './types';

/** Size limit for an article file: 50 MB (the largest news article is far below 1 MB; the limit
 *  keeps a mistaken argument, such as a disk image or a log, from filling the memory). */
export const MAX_ARTICLE_BYTES = 50 * 1024 * 1024;

/** How much of the start of a file is looked at to tell binary content. */
export const BINARY_SNIFF_BYTES = 8192;

export type ArticleEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

export interface DecodedArticle {
  /** The text, without the byte order mark. */
  text: string;
  encoding: ArticleEncoding;
  /** The file started with a byte order mark (not part of `text`). */
  bom: boolean;
  /** Byte offset in the file of the first sequence that was not valid in `encoding` (each became U+FFFD). */
  invalidAt?: number;
}

/** The file is not text (binary content); nothing was analysed. */
export class ArticleDecodeError extends Error {
  readonly code = 'binary';
  constructor(message: string) {
    super(message);
    this.name = 'ArticleDecodeError';
  }
}

/** C0 controls other than tab, line feed, vertical tab, form feed, carriage return and escape; DEL. */
function isBinaryControl(c: number): boolean {
  return c < 0x20 ? !(c >= 9 && c <= 13) && c !== 0x1b : c === 0x7f;
}

/** Why these first code units look binary, or undefined. `unit` is 1 (bytes) or 2 (UTF-16 units). */
function binaryReason(units: ArrayLike<number>, unit: 1 | 2, offset: number): string | undefined {
  let controls = 0;
  for (let i = 0; i < units.length; i++) {
    const c = units[i]!;
    if (c === 0) return unit === 1 ? `a NUL byte at byte ${offset + i}` : `a NUL character at byte ${offset + 2 * i}`;
    if (isBinaryControl(c)) controls++;
  }
  if (units.length && controls * 10 > units.length) {
    return `${Math.round((100 * controls) / units.length)}% control characters in its first ${(units.length * unit).toLocaleString('en-US')} bytes`;
  }
  return undefined;
}

/** True when zero bytes sit almost only at even or almost only at odd positions: UTF-16 without a BOM. */
function looksLikeUtf16(sample: Uint8Array): boolean {
  let even = 0;
  let odd = 0;
  for (let i = 0; i < sample.length; i++) {
    if (sample[i] !== 0) continue;
    if (i % 2) odd++;
    else even++;
  }
  const half = sample.length / 2;
  return half >= 2 && ((odd > 0.4 * half && even < 0.05 * half) || (even > 0.4 * half && odd < 0.05 * half));
}

/** Byte offset of the first invalid UTF-8 sequence (WHATWG rules: no overlongs, surrogates or
 *  values above U+10FFFF), or -1 when all of `b` is valid. */
export function firstInvalidUtf8(b: Uint8Array): number {
  const n = b.length;
  let i = 0;
  while (i < n) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      if (c === 0xe0) lo = 0xa0;
      else if (c === 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      if (c === 0xf0) lo = 0x90;
      else if (c === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const d = b[i + k];
      if (d === undefined) return i;
      if (k === 1 ? d < lo || d > hi : d < 0x80 || d > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
}

/** Byte offset of the first unpaired surrogate or odd trailing byte in UTF-16 `b`, or -1. */
function firstInvalidUtf16(b: Uint8Array, littleEndian: boolean): number {
  const n = b.length - (b.length % 2);
  const unit = (i: number) => (littleEndian ? b[i]! | (b[i + 1]! << 8) : (b[i]! << 8) | b[i + 1]!);
  for (let i = 0; i < n; i += 2) {
    const u = unit(i);
    if (u >= 0xd800 && u <= 0xdbff) {
      if (i + 2 < n && unit(i + 2) >= 0xdc00 && unit(i + 2) <= 0xdfff) {
        i += 2;
        continue;
      }
      return i;
    }
    if (u >= 0xdc00 && u <= 0xdfff) return i;
  }
  return b.length % 2 ? n : -1;
}

/**
 * The text of an article file's bytes (see the top of this file). Throws an `ArticleDecodeError`
 * naming `name` when the content is binary.
 */
export function decodeArticle(bytes: Uint8Array, name = 'the article'): DecodedArticle {
  let encoding: ArticleEncoding = 'utf-8';
  let skip = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) skip = 3;
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) [encoding, skip] = ['utf-16le', 2];
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) [encoding, skip] = ['utf-16be', 2];
  const body = bytes.subarray(skip);
  const result: DecodedArticle = { text: '', encoding, bom: skip > 0 };
  if (encoding === 'utf-8') {
    const sample = body.subarray(0, BINARY_SNIFF_BYTES);
    const why = binaryReason(sample, 1, skip);
    if (why) {
      const hint = looksLikeUtf16(sample) ? '; it looks like UTF-16 without a byte order mark: save it as UTF-8 (or UTF-16 with a BOM)' : '';
      throw new ArticleDecodeError(`${name} looks like a binary file (${why}), not a plain-text article${hint}`);
    }
  }
  try {
    result.text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    const at = encoding === 'utf-8' ? firstInvalidUtf8(body) : firstInvalidUtf16(body, encoding === 'utf-16le');
    result.invalidAt = skip + Math.max(0, at);
    result.text = new TextDecoder(encoding, { ignoreBOM: true }).decode(body);
  }
  if (encoding !== 'utf-8') {
    const sample = result.text.slice(0, BINARY_SNIFF_BYTES / 2);
    const why = binaryReason(Array.from(sample, (ch) => ch.charCodeAt(0)), 2, skip);
    if (why) throw new ArticleDecodeError(`${name} looks like a binary file (${why}), not a plain-text article`);
  }
  return result;
}

/** The warning to show for a decoded article, if any (bytes that were not valid text). */
export function decodeWarning(name: string, article: DecodedArticle): string | undefined {
  if (article.invalidAt === undefined) return undefined;
  const enc = article.encoding === 'utf-8' ? 'UTF-8' : article.encoding === 'utf-16le' ? 'UTF-16 LE' : 'UTF-16 BE';
  return `${name} is not valid ${enc} at byte ${article.invalidAt}; invalid bytes were read as U+FFFD (\u{FFFD})`;
}

/**
 * Read and decode the article at `path` through `fs`: refuses (FileReadError) what is not a regular
 * file and what is over `maxBytes` (default MAX_ARTICLE_BYTES), and (ArticleDecodeError) binary
 * content; rejects with the adapter's error when the file cannot be read (ENOENT…).
 */
export async function readArticleFile(fs: StoreFileSystem, path: string, maxBytes = MAX_ARTICLE_BYTES): Promise<DecodedArticle> {
  const st = await fs.stat(path);
  if (st?.kind !== undefined && st.kind !== 'file') throw new FileReadError('not-a-file', path, notAFileMessage(path, st.kind), st.kind);
  if (st && st.size > maxBytes) {
    throw new FileReadError('too-large', path, `${path} is ${st.size.toLocaleString('en-US')} bytes, over the article size limit of ${maxBytes.toLocaleString('en-US')} bytes; it was not read`);
  }
  const bytes = await fs.readFile(path, { maxBytes });
  if (bytes.byteLength > maxBytes) {
    throw new FileReadError('too-large', path, `${path} is over the article size limit of ${maxBytes.toLocaleString('en-US')} bytes; it was not read`);
  }
  return decodeArticle(bytes, path);
}
