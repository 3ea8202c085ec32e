// File-system access for the store: a node:fs adapter and atomic writes that keep what they
// replace (permission bits, a symbolic link) and refuse to replace a read-only file.

import { promises as fsp } from 'node:fs';
import { randomBytes } from './ids';
import { MAX_ARTICLE_BYTES } from './articleText';
import { fileKindOf, readRegularFile } from './safeRead';
import type { StoreFileSystem } from './types';

/**
 * What is at a path that is about to be written:
 * - `missing`: nothing (a new file is created with the default permissions);
 * - `file`: a file; `mode` = its permission bits when the file system knows them;
 * - `link`: a symbolic link to a file; `target` = the file it finally points to, when the file
 *   system can resolve links (the new content then replaces the target and the link stays as it
 *   is); without `target` the file is written in place, through the link (not atomically);
 * - `dangling`: a symbolic link to nothing (`link` = what it points to, when known);
 * - `other`: a directory or something else that is not a file.
 */
export type WriteTarget =
  | { kind: 'missing' }
  | { kind: 'file'; readOnly: boolean; mode?: number }
  | { kind: 'link'; readOnly: boolean; mode?: number; target?: string }
  | { kind: 'dangling'; link?: string }
  | { kind: 'other' };

/**
 * A `StoreFileSystem` that can tell `writeFileAtomic` what it is about to replace. Adapters
 * without `writeTarget` are written as before (temp file, rename), with nothing kept or checked.
 */
export interface WriteAwareFileSystem extends StoreFileSystem {
  writeTarget(path: string): Promise<WriteTarget>;
  /** Creates or truncates; a new file gets `options.mode` (minus the umask) instead of the default. */
  writeFile(path: string, data: Uint8Array, options?: { mode?: number }): Promise<void>;
  /** Sets the permission bits of `path` (used with the `mode` of `writeTarget`). */
  chmod?(path: string, mode: number): Promise<void>;
  /** A copy of `from` at the new path `to`, with `from`'s permission bits. For file systems that
   *  cannot tell or set the bits: the temp file starts as a copy, so it has them, then is overwritten. */
  copyFile?(from: string, to: string): Promise<void>;
}

/** Why `writeFileAtomic` refused to write; the file on disk is unchanged. */
export class FileWriteError extends Error {
  constructor(
    readonly code: 'read-only' | 'dangling-link' | 'not-a-file',
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = 'FileWriteError';
  }
}

function hasWriteTarget(fs: StoreFileSystem): fs is WriteAwareFileSystem {
  return typeof (fs as Partial<WriteAwareFileSystem>).writeTarget === 'function';
}

/** Whether this process may write a file of this mode and owner, judged by the mode bits alone:
 *  root can write anything, but a file without any write bit is meant to stay as it is. */
function writableByMode(mode: number, uid: number, gid: number): boolean {
  const me = typeof process.getuid === 'function' ? process.getuid() : undefined;
  if (me === undefined) return (mode & 0o200) !== 0; // Windows: the read-only attribute clears 0o200
  if (me === 0) return (mode & 0o222) !== 0;
  if (me === uid) return (mode & 0o200) !== 0;
  const groups = typeof process.getgroups === 'function' ? process.getgroups() : [];
  if (groups.includes(gid) || (typeof process.getgid === 'function' && process.getgid() === gid)) return (mode & 0o020) !== 0;
  return (mode & 0o002) !== 0;
}

/** `StoreFileSystem` over node:fs (for the CLI and tests). */
export const nodeFileSystem: WriteAwareFileSystem = {
  /** Only a regular file, never blocking, at most `maxBytes` (default: the article limit). */
  async readFile(path, options) {
    return readRegularFile(path, options?.maxBytes ?? MAX_ARTICLE_BYTES);
  },
  async writeFile(path, data, options) {
    await fsp.writeFile(path, data, options?.mode !== undefined ? { mode: options.mode } : undefined);
  },
  async rename(from, to) {
    await fsp.rename(from, to);
  },
  async stat(path) {
    try {
      const s = await fsp.stat(path);
      return { size: s.size, mtimeMs: s.mtimeMs, kind: fileKindOf(s) };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
  },
  async delete(path) {
    await fsp.rm(path, { force: true });
  },
  createExclusive: createFileExclusive,
  readDirectory: (path) => fsp.readdir(path),
  async writeTarget(path) {
    let l;
    try {
      l = await fsp.lstat(path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
      throw e;
    }
    if (!l.isSymbolicLink()) {
      if (!l.isFile()) return { kind: 'other' };
      return { kind: 'file', readOnly: !writableByMode(l.mode, l.uid, l.gid), mode: l.mode & 0o7777 };
    }
    let target: string;
    try {
      target = await fsp.realpath(path);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw e;
      const link = await fsp.readlink(path).catch(() => undefined);
      return link === undefined ? { kind: 'dangling' } : { kind: 'dangling', link };
    }
    const s = await fsp.stat(target);
    if (!s.isFile()) return { kind: 'other' };
    return { kind: 'link', target, readOnly: !writableByMode(s.mode, s.uid, s.gid), mode: s.mode & 0o7777 };
  },
  async chmod(path, mode) {
    await fsp.chmod(path, mode);
  },
};

/** `<path>.tmp-<8 hex digits>`: beside `path`, so the rename stays on one volume. */
function tempPathBeside(path: string): string {
  const suffix = Array.from(randomBytes(4), (b) => b.toString(16).padStart(2, '0')).join('');
  return `${path}.tmp-${suffix}`;
}

/** Copy `from` to `to` if possible; if not (it vanished meanwhile), `to` is written as a new file. */
async function copyIfPossible(fs: WriteAwareFileSystem, from: string, to: string): Promise<void> {
  try {
    await fs.copyFile!(from, to);
  } catch {
    if (fs.delete) await fs.delete(to).catch(() => undefined);
  }
}

/**
 * Write atomically: a temp file in the same directory (`<path>.tmp-<random>`), then rename over
 * `path`, so readers never see a half-written file. The temp file is removed if the rename fails.
 *
 * When the file system can say what is at `path` (`WriteAwareFileSystem`), what is replaced is
 * kept: the permission bits of an existing file, and a symbolic link (the temp file is written
 * beside the link's final target and renamed onto it). A read-only file, a dangling link or a
 * directory is refused with a `FileWriteError` and left unchanged.
 */
export async function writeFileAtomic(fs: StoreFileSystem, path: string, data: Uint8Array): Promise<void> {
  let dest = path;
  let mode: number | undefined;
  let existing = false;
  if (hasWriteTarget(fs)) {
    const where = await fs.writeTarget(path);
    switch (where.kind) {
      case 'missing':
        break;
      case 'dangling':
        throw new FileWriteError(
          'dangling-link',
          path,
          `${path} is a symbolic link to ${where.link ?? 'a file'} that does not exist; News Lens did not change it`,
        );
      case 'other':
        throw new FileWriteError('not-a-file', path, `${path} is not a regular file; News Lens did not change it`);
      case 'file':
      case 'link':
        if (where.readOnly) {
          const via = where.kind === 'link' && where.target !== undefined ? ` (a link to ${where.target})` : '';
          throw new FileWriteError('read-only', path, `${path}${via} is read-only; News Lens did not change it`);
        }
        mode = where.mode;
        existing = true;
        if (where.kind === 'link') {
          if (where.target === undefined) {
            // The file system cannot resolve the link: write through it, in place, so it stays a link.
            await fs.writeFile(path, data);
            return;
          }
          dest = where.target;
        }
        break;
    }
  }
  const tmp = tempPathBeside(dest);
  try {
    if (mode !== undefined && hasWriteTarget(fs)) {
      // Created with the old bits already (never more open than the file it replaces), then set
      // exactly (the umask may have removed some).
      await fs.writeFile(tmp, data, { mode });
      if (fs.chmod) await fs.chmod(tmp, mode);
    } else {
      // Starting from a copy keeps the bits when they cannot be read (overwriting keeps them).
      if (existing && hasWriteTarget(fs) && fs.copyFile) await copyIfPossible(fs, dest, tmp);
      await fs.writeFile(tmp, data);
    }
    await fs.rename(tmp, dest);
  } catch (e) {
    if (fs.delete) await fs.delete(tmp).catch(() => undefined);
    throw e;
  }
}

/**
 * Create `path` holding `data` only if nothing exists there (`open(path, 'wx')`, O_CREAT|O_EXCL):
 * true when created, false when it exists. Used for the sidecar lock (lock.ts).
 */
export async function createFileExclusive(path: string, data: Uint8Array): Promise<boolean> {
  let handle: import('node:fs/promises').FileHandle;
  try {
    handle = await fsp.open(path, 'wx');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  try {
    await handle.writeFile(data);
  } catch (e) {
    await handle.close().catch(() => undefined);
    await fsp.rm(path, { force: true }).catch(() => undefined);
    throw e;
  }
  await handle.close();
  return true;
}
