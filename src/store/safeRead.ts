// Reading a file that may be hostile: only a regular file is read (not /dev/zero, a FIFO, a socket
// or a folder, even behind a symbolic link), the open itself never blocks (O_NONBLOCK: a FIFO with
// no writer), and never more than a size limit is read, even from a file that grows meanwhile.

import { constants, promises as fsp } from 'node:fs';
import type { Stats } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import type { FileKind } from './types';

/** What `stats` (or a Dirent) is; they follow symbolic links when they come from stat/fstat. */
export function fileKindOf(stats: Pick<Stats, 'isFile' | 'isDirectory' | 'isCharacterDevice' | 'isBlockDevice' | 'isFIFO' | 'isSocket'>): FileKind {
  if (stats.isFile()) return 'file';
  if (stats.isDirectory()) return 'directory';
  if (stats.isCharacterDevice()) return 'char-device';
  if (stats.isBlockDevice()) return 'block-device';
  if (stats.isFIFO()) return 'fifo';
  if (stats.isSocket()) return 'socket';
  return 'other';
}

/** "a character device", "a named pipe (FIFO)", … for messages. */
export function describeFileKind(kind: FileKind): string {
  switch (kind) {
    case 'file': return 'a regular file';
    case 'directory': return 'a folder';
    case 'char-device': return 'a character device';
    case 'block-device': return 'a block device';
    case 'fifo': return 'a named pipe (FIFO)';
    case 'socket': return 'a socket';
    default: return 'not a file or folder (a device, pipe, socket or dangling link)';
  }
}

/** `path is a character device, not a regular file` (or, for `other`, what describeFileKind says). */
export function notAFileMessage(path: string, kind: FileKind): string {
  return kind === 'other' ? `${path} is ${describeFileKind(kind)}` : `${path} is ${describeFileKind(kind)}, not a regular file`;
}

/** Why a file was not read: not a regular file, or over the size limit. Nothing was read past the limit. */
export class FileReadError extends Error {
  readonly code: 'not-a-file' | 'too-large';
  constructor(
    code: 'not-a-file' | 'too-large',
    readonly path: string,
    message: string,
    readonly kind?: FileKind,
  ) {
    super(message);
    this.code = code;
    this.name = 'FileReadError';
  }
}

function tooLarge(path: string, size: number | undefined, maxBytes: number): FileReadError {
  const limit = `${maxBytes.toLocaleString('en-US')} bytes`;
  return new FileReadError(
    'too-large',
    path,
    size === undefined
      ? `${path} grew past the size limit of ${limit} while it was read; it was not read`
      : `${path} is ${size.toLocaleString('en-US')} bytes, over the size limit of ${limit}; it was not read`,
  );
}

/** Opened read-only, without blocking on a FIFO, without becoming the controlling terminal. */
const READ_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

/**
 * The bytes of the regular file at `path` (symbolic links followed), at most `maxBytes` of them.
 * Rejects with a `FileReadError` when it is not a regular file (`not-a-file`, with its `kind`) or is
 * larger than `maxBytes` (`too-large`, also when it grows past the limit while being read), and with
 * the fs error otherwise (ENOENT, EACCES, ELOOP…). Never blocks on a FIFO, never reads a device.
 */
export async function readRegularFile(path: string, maxBytes: number): Promise<Uint8Array> {
  let handle: FileHandle;
  try {
    handle = await fsp.open(path, READ_FLAGS);
  } catch (e) {
    // A socket cannot be opened (ENXIO); say what it is.
    if ((e as NodeJS.ErrnoException).code === 'ENXIO' || (e as NodeJS.ErrnoException).code === 'EOPNOTSUPP') {
      const kind = await fsp.stat(path).then(fileKindOf, () => undefined);
      if (kind && kind !== 'file') throw new FileReadError('not-a-file', path, notAFileMessage(path, kind), kind);
    }
    throw e;
  }
  try {
    const stats = await handle.stat();
    const kind = fileKindOf(stats);
    if (kind !== 'file') {
      // Name the target of a link: "z.txt (a symbolic link to /dev/zero) is a character device".
      const link = await fsp.lstat(path).then((l) => l.isSymbolicLink(), () => false);
      const target = link ? await fsp.realpath(path).catch(() => undefined) : undefined;
      const message = notAFileMessage(path, kind);
      throw new FileReadError('not-a-file', path, target ? message.replace(path, `${path} (a symbolic link to ${target})`) : message, kind);
    }
    if (stats.size > maxBytes) throw tooLarge(path, stats.size, maxBytes);
    // One byte more than the limit tells a file that grew past it.
    const cap = maxBytes + 1;
    let buf = Buffer.allocUnsafe(Math.min(cap, Math.max(stats.size + 1, 64 * 1024)));
    let length = 0;
    for (;;) {
      if (length === buf.length) {
        if (length >= cap) break;
        const bigger = Buffer.allocUnsafe(Math.min(cap, buf.length * 2));
        buf.copy(bigger, 0, 0, length);
        buf = bigger;
      }
      const { bytesRead } = await handle.read(buf, length, buf.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > maxBytes) throw tooLarge(path, undefined, maxBytes);
    return new Uint8Array(buf.buffer, buf.byteOffset, length);
  } finally {
    await handle.close();
  }
}
