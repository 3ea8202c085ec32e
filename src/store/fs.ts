// File-system access for the store: a node:fs adapter and atomic writes.

import { promises as fsp } from 'node:fs';
import { randomBytes } from './ids';
import type { StoreFileSystem } from './types';

/** `StoreFileSystem` over node:fs (for the CLI and tests). */
export const nodeFileSystem: StoreFileSystem = {
  async readFile(path) {
    return new Uint8Array(await fsp.readFile(path));
  },
  async writeFile(path, data) {
    await fsp.writeFile(path, data);
  },
  async rename(from, to) {
    await fsp.rename(from, to);
  },
  async stat(path) {
    try {
      const s = await fsp.stat(path);
      return { size: s.size, mtimeMs: s.mtimeMs };
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
};

/**
 * Write atomically: a temp file in the same directory (`<path>.tmp-<random>`), then rename over
 * `path`, so readers never see a half-written file. The temp file is removed if the rename fails.
 */
export async function writeFileAtomic(fs: StoreFileSystem, path: string, data: Uint8Array): Promise<void> {
  const tmp = `${path}.tmp-${Array.from(randomBytes(4), (b) => b.toString(16).padStart(2, '0')).join('')}`;
  try {
    await fs.writeFile(tmp, data);
    await fs.rename(tmp, path);
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
