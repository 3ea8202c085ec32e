// File arguments of the CLI: `-` (standard input), folders expanded to the articles in them.

import { fstatSync, promises as fsp, readSync } from 'node:fs';
import type { Dirent } from 'node:fs';
import * as path from 'node:path';
import { FileReadError, describeFileKind, fileKindOf, isSidecarPath } from '../store';
import type { FileKind } from '../store';

/** The file argument that means standard input. */
export const STDIN_ARG = '-';

/** The name standard input goes by in readable output. */
export const STDIN_NAME = '(standard input)';

export type ArticleSource =
  | { kind: 'file'; path: string }
  | { kind: 'stdin' }
  /** An argument that gave no article: a missing path, an unreadable or empty folder. */
  | { kind: 'error'; message: string };

/** What an fs error means, in a few words. */
export function describeFsError(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  switch (e.code) {
    case 'ENOENT': return 'no such file';
    case 'ENOTDIR': return 'no such file';
    case 'EISDIR': return 'it is a directory';
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'ELOOP': return 'a loop of symbolic links';
    default: return e.message ?? String(err);
  }
}

/** Is `name` an article file (`*.txt`, not a sidecar)? */
export function isArticleName(name: string): boolean {
  return name.endsWith('.txt') && !isSidecarPath(name);
}

/** Folders never entered when expanding a folder argument: node_modules and dot-folders. */
export function isSkippedDir(name: string): boolean {
  return name === 'node_modules' || name.startsWith('.');
}

/** Why an entry with an accepted name is not a file to read: what it is, or what its link is. */
export type SkippedKind = FileKind | 'dangling-link' | 'link-loop' | 'link-to-folder';

/** What the entry at `full` is when it is not a regular file (or a link to one); undefined when it is. */
async function notAFile(full: string, e: Dirent): Promise<{ kind: SkippedKind; message: string } | undefined> {
  if (e.isFile()) return undefined;
  if (e.isSymbolicLink()) {
    let st;
    try {
      st = await fsp.stat(full);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ELOOP') return { kind: 'link-loop', message: `${full} is a loop of symbolic links` };
      const to = await fsp.readlink(full).catch(() => undefined);
      if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'dangling-link', message: `${full} is a symbolic link to ${to ?? 'a file'} that does not exist` };
      return { kind: 'other', message: `${full}: ${describeFsError(err)}` };
    }
    if (st.isFile()) return undefined;
    if (st.isDirectory()) return { kind: 'link-to-folder', message: `${full} is a symbolic link to a folder (not followed)` };
    const kind = fileKindOf(st);
    return { kind, message: `${full} is a symbolic link to ${describeFileKind(kind)}, not to a regular file` };
  }
  const kind = fileKindOf(e);
  return { kind, message: `${full} is ${describeFileKind(kind)}, not a regular file` };
}

/**
 * Files under `dir` (recursively) whose name `accept`s, each folder's entries in code-unit order,
 * a folder's contents where the folder sorts. Folders whose name `skipDir` says are not entered
 * (the root itself always is); a symbolic link counts if it points to a file, links to folders are
 * not followed (no cycles). Throws an fs error (with `path`) when `dir` cannot be read; a folder
 * below it that cannot be read goes to `onUnreadable` and is left out (or throws without it).
 * An entry with an accepted name that is not a regular file (a folder, a FIFO, a device, a socket,
 * or a symbolic link to one of them, to nothing or in a loop) goes to `onSkipped` (a folder is
 * still entered).
 */
export async function walkFiles(
  dir: string,
  accept: (name: string) => boolean,
  skipDir: (name: string) => boolean,
  onUnreadable?: (folder: string, err: unknown) => void,
  onSkipped?: (path: string, kind: SkippedKind, message: string) => void,
): Promise<string[]> {
  const out: string[] = [];
  const visit = async (d: string): Promise<void> => {
    let entries;
    try {
      entries = await fsp.readdir(d, { withFileTypes: true });
    } catch (err) {
      if (d === dir || !onUnreadable) throw err;
      onUnreadable(d, err);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) {
        if (onSkipped && accept(e.name)) onSkipped(full, 'directory', `${full} is a folder, not a regular file`);
        if (!skipDir(e.name)) await visit(full);
      } else if (accept(e.name)) {
        const skipped = await notAFile(full, e);
        if (!skipped) out.push(full);
        else onSkipped?.(full, skipped.kind, skipped.message);
      }
    }
  };
  await visit(dir);
  return out;
}

/**
 * The articles named by `args`, in order: `-` is standard input; a folder gives every `*.txt` in it
 * (recursively, sorted; sidecars, node_modules and dot-folders left out); any other path is taken as
 * an article whatever its name. Problems come as `error` entries in place, so the caller can report
 * them and go on with the rest.
 */
export async function* expandArticleArgs(args: readonly string[]): AsyncGenerator<ArticleSource> {
  for (const arg of args) {
    if (arg === STDIN_ARG) {
      yield { kind: 'stdin' };
      continue;
    }
    let isDir: boolean;
    try {
      isDir = (await fsp.stat(arg)).isDirectory();
    } catch (err) {
      yield { kind: 'error', message: `cannot read ${arg}: ${describeFsError(err)}` };
      continue;
    }
    if (!isDir) {
      yield { kind: 'file', path: arg };
      continue;
    }
    let files: string[];
    const unreadable: ArticleSource[] = [];
    try {
      files = await walkFiles(
        arg,
        isArticleName,
        isSkippedDir,
        (folder, err) => {
          unreadable.push({ kind: 'error', message: `cannot read ${folder}: ${describeFsError(err)}` });
        },
        // A folder named like an article is a folder (entered); anything else that is no file is reported.
        (_p, kind, message) => {
          if (kind !== 'directory' && kind !== 'link-to-folder') unreadable.push({ kind: 'error', message: `skipped ${message}` });
        },
      );
    } catch (err) {
      yield { kind: 'error', message: `cannot read ${arg}: ${describeFsError(err)}` };
      continue;
    }
    yield* unreadable;
    if (!files.length) {
      yield { kind: 'error', message: `no articles in ${arg} (looked for *.txt files, skipping node_modules and dot-folders)` };
      continue;
    }
    for (const f of files) yield { kind: 'file', path: f };
  }
}

/** All of a stream's bytes, at most `maxBytes`: past that it stops reading and rejects with a
 *  FileReadError (`too-large`) naming `name` (standard input fed from /dev/zero ends). */
export async function readAllBytes(stream: NodeJS.ReadableStream, maxBytes: number, name = STDIN_NAME): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const c of stream) {
    const chunk = typeof c === 'string' ? Buffer.from(c, 'utf8') : Buffer.from(c as Uint8Array);
    length += chunk.length;
    if (length > maxBytes) {
      (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
      throw new FileReadError('too-large', name, `${name} is over the size limit of ${maxBytes.toLocaleString('en-US')} bytes; it was not read`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, length);
}

/** The chunks of `stream`. A stream over a regular file (standard input redirected from a file) is read
 *  directly, 1 MB at a time: the stream reads 64 KB per round trip through libuv's thread pool, which
 *  took 15-20 ms for 1 MB of JSON Lines, on the thread that also runs the head of --jobs N. */
async function* chunksOf(stream: NodeJS.ReadableStream): AsyncGenerator<string | Uint8Array> {
  const fd = (stream as { fd?: unknown }).fd;
  if (typeof fd === 'number' && fstatSync(fd).isFile()) {
    for (;;) {
      const buf = Buffer.allocUnsafe(1 << 20);
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n <= 0) return;
      yield buf.subarray(0, n);
    }
  }
  for await (const c of stream) yield c as string | Uint8Array;
}

/**
 * The lines of a stream of UTF-8 text, split at line feeds only (a line ends at `\n` or `\r\n`;
 * a carriage return anywhere else stays in the line, so line numbers match what `wc -l` and
 * editors count for JSON Lines). A line longer than `maxLineBytes` is given as `{ tooLong: true }`
 * (its bytes are dropped as they come, never all held).
 */
export async function* readLines(stream: NodeJS.ReadableStream, maxLineBytes: number): AsyncGenerator<string | { tooLong: true }> {
  let parts: Buffer[] = [];
  let length = 0;
  let tooLong = false;
  const finish = (): string | { tooLong: true } => {
    const line = tooLong ? ({ tooLong: true } as const) : Buffer.concat(parts, length).toString('utf8').replace(/\r$/, '');
    parts = [];
    length = 0;
    tooLong = false;
    return line;
  };
  for await (const c of chunksOf(stream)) {
    let chunk = typeof c === 'string' ? Buffer.from(c, 'utf8') : Buffer.from(c as Uint8Array);
    for (let nl = chunk.indexOf(10); nl >= 0; nl = chunk.indexOf(10)) {
      if (!tooLong) parts.push(chunk.subarray(0, nl));
      length += nl;
      if (length > maxLineBytes) tooLong = true;
      yield finish();
      chunk = chunk.subarray(nl + 1);
    }
    length += chunk.length;
    if (length > maxLineBytes) {
      tooLong = true;
      parts = [];
    }
    if (!tooLong && chunk.length) parts.push(chunk);
  }
  if (length || parts.length || tooLong) yield finish();
}
