// Cross-process lock of one sidecar: `<sidecar>.lock`, taken by exclusive create, so that every
// writer (the editor, the CLI, scripts) re-reads, merges and writes the sidecar one at a time.
//
// Protocol:
// - Take: `createExclusive(<sidecar>.lock, owner)` where owner is JSON {pid, hostname, created, token}.
//   When the file exists, wait (exponential backoff with jitter, 5 ms doubling up to 100 ms) until it
//   is gone or stale, at most `timeoutMs`; then fail with `LockTimeoutError` naming the owner.
// - Stale: the owner is on this host and its pid is dead, or the lock is older than `staleMs`
//   (a save takes milliseconds; the bound only matters when the owner hangs or is on another host).
//   An unreadable/empty lock (its owner is between create and write) counts as stale only by age.
// - Break: only one waiter at a time may break a lock: it takes `<sidecar>.lock.break` by exclusive
//   create, re-reads the lock and checks it is still the very lock it judged stale (same bytes,
//   same mtime), then renames it away to a unique name and checks the renamed file once more before
//   deleting it. If the renamed file turns out to be another, live lock (its owner released and a new
//   one took it in between), it is put back with an exclusive create. Two waiters therefore cannot
//   both break the same lock and both write. A `.break` file left by a killed breaker is removed once
//   it is itself stale (residual risk: a breaker killed mid-break AND two others racing on its
//   leftover within the same few milliseconds).
// - Release: on every path (try/finally), delete the lock if it still holds our token.
//
// File systems without exclusive create (`createExclusive` absent or resolving `undefined`, e.g. a
// virtual file system in the editor) are not locked across processes; `save()` stays serialised
// within the process by the store's queue.

import { hostname as osHostname } from 'node:os';
import { randomBytes } from './ids';
import type { StoreFileSystem } from './types';

export interface LockOptions {
  /** Give up waiting after this long (default 10 s). */
  timeoutMs?: number;
  /** A lock older than this is stale whoever holds it (default 30 s). */
  staleMs?: number;
  /** First retry delay (default 5 ms); doubles up to `maxDelayMs` (default 100 ms), with jitter. */
  minDelayMs?: number;
  maxDelayMs?: number;
  /** Identity and liveness, injectable for tests. */
  pid?: number;
  hostname?: string;
  isAlive?: (pid: number) => boolean;
  now?: () => number;
}

export interface LockOwner {
  pid: number;
  hostname: string;
  /** ISO time the lock was taken. */
  created: string;
  token: string;
}

/** `save()` could not take the sidecar's lock in time. The unsaved changes are kept. */
export class LockTimeoutError extends Error {
  readonly code = 'ELOCKED';
  constructor(
    readonly lockPath: string,
    readonly owner: LockOwner | undefined,
    waitedMs: number,
  ) {
    super(
      `could not lock ${lockPath} within ${Math.round(waitedMs)} ms: ` +
        (owner
          ? `held by process ${owner.pid} on ${owner.hostname} since ${owner.created}`
          : 'another writer holds it') +
        '. Nothing was written; the changes are kept. If no editor or news-lens process is writing this ' +
        'sidecar, delete the lock file.',
    );
    this.name = 'LockTimeoutError';
  }
}

export const LOCK_SUFFIX = '.lock';

export function lockPathFor(sidecarPath: string): string {
  return sidecarPath + LOCK_SUFFIX;
}

/** Default liveness check: signal 0 (ESRCH = no such process; EPERM = exists, not ours). */
export function processIsAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function hex(n: number): string {
  return Array.from(randomBytes(n), (b) => b.toString(16).padStart(2, '0')).join('');
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function parseOwner(text: string): LockOwner | undefined {
  try {
    const o = JSON.parse(text) as Partial<LockOwner>;
    if (typeof o.pid === 'number' && typeof o.hostname === 'string' && typeof o.created === 'string' && typeof o.token === 'string') {
      return o as LockOwner;
    }
  } catch {
    // being written, or not ours
  }
  return undefined;
}

interface Seen {
  text: string;
  owner: LockOwner | undefined;
  mtimeMs: number;
}

/** Whether `fs` can lock `path` across processes (tries nothing; see `withFileLock`). */
export function canLock(fs: StoreFileSystem): boolean {
  return typeof fs.createExclusive === 'function';
}

class FileLock {
  private readonly timeoutMs: number;
  private readonly staleMs: number;
  private readonly minDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly pid: number;
  private readonly hostname: string;
  private readonly isAlive: (pid: number) => boolean;
  private readonly now: () => number;
  readonly owner: LockOwner;
  private readonly bytes: Uint8Array;

  constructor(
    private readonly fs: StoreFileSystem,
    readonly path: string,
    options: LockOptions,
  ) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.staleMs = options.staleMs ?? 30_000;
    this.minDelayMs = options.minDelayMs ?? 5;
    this.maxDelayMs = options.maxDelayMs ?? 100;
    this.pid = options.pid ?? process.pid;
    this.hostname = options.hostname ?? osHostname();
    this.isAlive = options.isAlive ?? processIsAlive;
    this.now = options.now ?? Date.now;
    this.owner = { pid: this.pid, hostname: this.hostname, created: new Date(this.now()).toISOString(), token: hex(8) };
    this.bytes = new TextEncoder().encode(JSON.stringify(this.owner) + '\n');
  }

  /** Resolves true when taken, false when the file system cannot lock this path. */
  async acquire(): Promise<boolean> {
    const start = this.now();
    let delay = this.minDelayMs;
    let last: Seen | undefined;
    for (;;) {
      const created = await this.fs.createExclusive!(this.path, this.bytes);
      if (created === undefined) return false;
      if (created) return true;
      last = await this.read(this.path);
      if (last && this.isStale(last)) {
        await this.breakStale(this.path, last);
        continue; // try at once
      }
      const waited = this.now() - start;
      if (waited >= this.timeoutMs) throw new LockTimeoutError(this.path, last?.owner, waited);
      await sleep(Math.min(delay * (0.5 + Math.random()), this.timeoutMs - waited));
      delay = Math.min(delay * 2, this.maxDelayMs);
    }
  }

  /** Delete the lock if it is still ours. Never throws for a lock that is already gone. */
  async release(): Promise<void> {
    const seen = await this.read(this.path);
    if (seen?.owner?.token === this.owner.token) await this.remove(this.path);
  }

  private async read(path: string): Promise<Seen | undefined> {
    let st: { mtimeMs: number } | undefined;
    let bytes: Uint8Array;
    try {
      st = await this.fs.stat(path);
      if (!st) return undefined;
      bytes = await this.fs.readFile(path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT' || /not ?found|ENOENT/i.test(String((e as Error).message))) return undefined;
      throw e;
    }
    const text = new TextDecoder().decode(bytes);
    return { text, owner: parseOwner(text), mtimeMs: st.mtimeMs };
  }

  private isStale(seen: Seen, staleMs = this.staleMs): boolean {
    const o = seen.owner;
    if (o && o.hostname === this.hostname && o.pid !== this.pid && !this.isAlive(o.pid)) return true;
    // Age by the file's mtime (the file system's clock), not the owner's clock.
    return this.now() - seen.mtimeMs > staleMs;
  }

  private same(a: Seen, b: Seen | undefined): boolean {
    return !!b && a.text === b.text && a.mtimeMs === b.mtimeMs;
  }

  private async remove(path: string): Promise<void> {
    if (this.fs.delete) await this.fs.delete(path);
    else throw new Error(`cannot delete ${path}: the file system has no delete`);
  }

  /** Break the stale lock `seen` at `path`, unless another waiter is doing it or did it. */
  private async breakStale(path: string, seen: Seen): Promise<void> {
    const breakPath = `${path}.break`;
    const got = await this.fs.createExclusive!(breakPath, this.bytes);
    if (!got) {
      // Another waiter is breaking it; a .break left by a killed breaker is stale after a few seconds.
      const b = await this.read(breakPath);
      if (b && this.isStale(b, Math.min(this.staleMs, 5_000))) {
        const again = await this.read(breakPath);
        if (this.same(b, again)) await this.remove(breakPath).catch(() => undefined);
      }
      await sleep(this.minDelayMs);
      return;
    }
    try {
      const now = await this.read(path);
      if (!this.same(seen, now)) return; // released or already broken meanwhile: just retry
      const aside = `${path}.stale-${hex(4)}`;
      try {
        await this.fs.rename(path, aside);
      } catch (e) {
        if ((await this.fs.stat(path)) === undefined) return; // gone meanwhile
        throw e;
      }
      const moved = await this.read(aside);
      if (moved && moved.text !== seen.text) {
        // Not the stale lock any more but a live one taken in between: put it back.
        await this.fs.createExclusive!(path, new TextEncoder().encode(moved.text));
      }
      await this.remove(aside).catch(() => undefined);
    } finally {
      await this.remove(breakPath).catch(() => undefined);
    }
  }
}

/**
 * Run `body` holding `<target>.lock` (see the top of this file). When `fs` cannot lock across
 * processes, `body` runs without the lock. The lock is released on every path.
 */
export async function withFileLock<T>(
  fs: StoreFileSystem,
  target: string,
  body: () => Promise<T>,
  options: LockOptions = {},
): Promise<T> {
  if (!canLock(fs)) return body();
  const lock = new FileLock(fs, lockPathFor(target), options);
  const held = await lock.acquire();
  if (!held) return body();
  try {
    return await body();
  } finally {
    await lock.release();
  }
}

/** Temp files of `writeFileAtomic` for `target`: `<target>.tmp-<hex>`. */
export function isTempFileOf(target: string, name: string): boolean {
  const base = target.split(/[\\/]/).pop() ?? target;
  return name.startsWith(`${base}.tmp-`) && name.length > base.length + 5;
}

/**
 * Remove `writeFileAtomic` temp files of `target` older than `maxAgeMs` (left by a writer that was
 * killed between writing and renaming). Call it holding the lock: then no locked writer is between
 * those two steps; the age bound spares a writer that does not lock. Returns the paths removed.
 * Does nothing when the file system cannot list folders or delete.
 */
export async function removeStrayTempFiles(
  fs: StoreFileSystem,
  target: string,
  maxAgeMs: number,
  now: () => number = Date.now,
): Promise<string[]> {
  if (!fs.readDirectory || !fs.delete) return [];
  const cut = Math.max(target.lastIndexOf('/'), target.lastIndexOf('\\'));
  const dir = cut >= 0 ? target.slice(0, cut) || target.slice(0, 1) : '.';
  const sep = cut >= 0 ? target[cut]! : '/';
  let names: string[];
  try {
    names = await fs.readDirectory(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    if (!isTempFileOf(target, name)) continue;
    const p = cut >= 0 ? `${dir}${dir.endsWith(sep) ? '' : sep}${name}` : name;
    try {
      const st = await fs.stat(p);
      if (st && now() - st.mtimeMs > maxAgeMs) {
        await fs.delete(p);
        removed.push(p);
      }
    } catch {
      // gone meanwhile, or not ours to remove: leave it
    }
  }
  return removed;
}
