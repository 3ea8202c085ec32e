// The sidecar lock (src/store/lock.ts): save() serialised across stores through the real node fs,
// stale locks broken (dead pid, age) by one waiter only, released on every path, a clear timeout,
// stray temp files of a killed writer removed.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AnnotationStore, LockTimeoutError, lockPathFor, nodeFileSystem, parseSidecar, withFileLock } from '../../src/store';
import type { StoreFileSystem } from '../../src/store';

const TEXT = 'Reporters met in Paris on Monday. The talks ran late into the night in Paris.\n';

function tmpArticle(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'newslens-lock-'));
  const article = path.join(dir, 'article.txt');
  writeFileSync(article, TEXT);
  return article;
}

function notesOnDisk(article: string): string[] {
  return parseSidecar(readFileSync(`${article}.annotations.yaml`, 'utf8')).annotations.map((a) => a.label ?? '');
}

/** A pid that is certainly dead: a child process that has exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', '0']);
  assert.ok(r.pid);
  return r.pid;
}

function lockText(owner: { pid: number; hostname?: string; created?: string }): string {
  return JSON.stringify({ hostname: os.hostname(), created: new Date().toISOString(), token: 'other', ...owner }) + '\n';
}

/** node fs whose renames wait a little: widens the read-merge-write window, as a busy disk would. */
function slowFs(delayMs = 3): StoreFileSystem {
  return {
    ...nodeFileSystem,
    async rename(from, to) {
      await new Promise((r) => setTimeout(r, delayMs));
      await nodeFileSystem.rename(from, to);
    },
  };
}

describe('sidecar lock', function () {
  this.timeout(20000);

  it('two stores on the same file, saving at the same time through node fs, keep every note', async () => {
    const article = tmpArticle();
    const fs = slowFs();
    const a = await AnnotationStore.open(fs, article);
    const b = await AnnotationStore.open(fs, article);
    const N = 30;
    const writer = async (store: AnnotationStore, name: string) => {
      for (let i = 0; i < N; i++) {
        store.add(TEXT, { start: 17, end: 22 }, { label: `${name}-${i}` });
        assert.equal(await store.save(), true);
      }
    };
    await Promise.all([writer(a, 'a'), writer(b, 'b')]);
    const labels = notesOnDisk(article);
    assert.equal(labels.length, 2 * N, `kept ${labels.length} of ${2 * N}`);
    assert.equal(new Set(labels).size, 2 * N);
    assert.deepEqual(readdirSync(path.dirname(article)).sort(), ['article.txt', 'article.txt.annotations.yaml']);
  });

  it('no two writers are ever between reading and writing the sidecar at once', async () => {
    const article = tmpArticle();
    const sidecar = `${article}.annotations.yaml`;
    let inside = 0;
    let most = 0;
    const fs: StoreFileSystem = {
      ...nodeFileSystem,
      async stat(p) {
        if (p === sidecar) most = Math.max(most, ++inside);
        return nodeFileSystem.stat(p);
      },
      async rename(from, to) {
        await new Promise((r) => setTimeout(r, 2));
        await nodeFileSystem.rename(from, to);
        if (to === sidecar) inside--;
      },
    };
    const stores = await Promise.all([0, 1, 2, 3].map(() => AnnotationStore.open(nodeFileSystem, article)));
    // The same stores, now through the counting fs: re-open them over it.
    const counted = await Promise.all(stores.map(() => AnnotationStore.open(fs, article)));
    inside = 0;
    most = 0;
    await Promise.all(
      counted.map(async (s, k) => {
        for (let i = 0; i < 5; i++) {
          s.add(TEXT, { start: 17, end: 22 }, { label: `${k}-${i}` });
          await s.save();
        }
      }),
    );
    assert.equal(most, 1, `${most} writers were inside the read-merge-write window at once`);
    assert.equal(notesOnDisk(article).length, 20);
  });

  it('breaks a stale lock whose owner (on this host) is dead, and saves', async () => {
    const article = tmpArticle();
    const lock = lockPathFor(`${article}.annotations.yaml`);
    writeFileSync(lock, lockText({ pid: deadPid() }));
    const store = await AnnotationStore.open(nodeFileSystem, article, { lock: { timeoutMs: 3000 } });
    store.add(TEXT, { start: 17, end: 22 }, { label: 'after-dead-owner' });
    const t0 = Date.now();
    assert.equal(await store.save(), true);
    assert.ok(Date.now() - t0 < 2000, 'the dead owner is noticed at once, not after the timeout');
    assert.deepEqual(notesOnDisk(article), ['after-dead-owner']);
    assert.equal(existsSync(lock), false);
    assert.deepEqual(readdirSync(path.dirname(article)).filter((f) => f.includes('.lock')), []);
  });

  it('breaks a lock older than the bound (owner on another host), but not a fresh one', async () => {
    const article = tmpArticle();
    const lock = lockPathFor(`${article}.annotations.yaml`);
    writeFileSync(lock, lockText({ pid: 1, hostname: 'elsewhere.example' }));
    const store = await AnnotationStore.open(nodeFileSystem, article, { lock: { timeoutMs: 300, staleMs: 5000 } });
    store.add(TEXT, { start: 17, end: 22 }, { label: 'x' });
    await assert.rejects(store.save(), LockTimeoutError, 'a fresh lock of another host is respected');
    const old = (Date.now() - 60_000) / 1000;
    utimesSync(lock, old, old);
    assert.equal(await store.save(), true);
    assert.equal(existsSync(lock), false);
    assert.deepEqual(notesOnDisk(article), ['x']);
  });

  it('many waiters on one stale lock: it is broken once and every note is kept', async () => {
    const article = tmpArticle();
    const lock = lockPathFor(`${article}.annotations.yaml`);
    writeFileSync(lock, lockText({ pid: deadPid() }));
    const stores = await Promise.all([0, 1, 2, 3, 4, 5].map(() => AnnotationStore.open(slowFs(), article)));
    stores.forEach((s, k) => s.add(TEXT, { start: 17, end: 22 }, { label: `w${k}` }));
    await Promise.all(stores.map((s) => s.save()));
    assert.deepEqual(notesOnDisk(article).sort(), ['w0', 'w1', 'w2', 'w3', 'w4', 'w5']);
    assert.deepEqual(readdirSync(path.dirname(article)).sort(), ['article.txt', 'article.txt.annotations.yaml']);
  });

  it('a waiter that judged a lock stale does not break the fresh lock another waiter took meanwhile', async () => {
    const article = tmpArticle();
    const lock = lockPathFor(article);
    writeFileSync(lock, lockText({ pid: deadPid() }));
    let aInside!: () => void;
    const aEntered = new Promise<void>((r) => (aInside = r));
    let firstRead = true;
    // B reads the stale lock, then is held up until A has broken it and holds a lock of its own.
    const slowB: StoreFileSystem = {
      ...nodeFileSystem,
      async readFile(p) {
        const bytes = await nodeFileSystem.readFile(p);
        if (p === lock && firstRead) {
          firstRead = false;
          await aEntered;
        }
        return bytes;
      },
    };
    let inside = 0;
    let most = 0;
    const body = (name: string) => async () => {
      most = Math.max(most, ++inside);
      if (name === 'a') aInside();
      await new Promise((r) => setTimeout(r, 150));
      inside--;
    };
    const b = withFileLock(slowB, article, body('b'), { timeoutMs: 5000 });
    await new Promise((r) => setTimeout(r, 20)); // B has read the stale lock and waits
    const a = withFileLock(nodeFileSystem, article, body('a'), { timeoutMs: 5000 });
    await Promise.all([a, b]);
    assert.equal(most, 1, 'A and B held the lock at the same time');
    assert.equal(existsSync(lock), false);
  });

  it('times out with a clear error naming the owner; nothing is written and nothing lost', async () => {
    const article = tmpArticle();
    const lock = lockPathFor(`${article}.annotations.yaml`);
    const held = lockText({ pid: process.ppid }); // alive, on this host
    writeFileSync(lock, held);
    const store = await AnnotationStore.open(nodeFileSystem, article, { lock: { timeoutMs: 250 } });
    const note = store.add(TEXT, { start: 17, end: 22 }, { label: 'waiting' });
    const t0 = Date.now();
    await assert.rejects(store.save(), (e: Error) => {
      assert.ok(e instanceof LockTimeoutError);
      assert.match(e.message, new RegExp(`could not lock .*article\\.txt\\.annotations\\.yaml\\.lock within \\d+ ms: held by process ${process.ppid} on `));
      assert.match(e.message, /changes are kept/);
      return true;
    });
    assert.ok(Date.now() - t0 >= 240, 'waited for the lock');
    assert.equal(readFileSync(lock, 'utf8'), held, 'a live lock is not broken');
    assert.equal(existsSync(`${article}.annotations.yaml`), false);
    assert.equal(store.dirty, true);
    assert.equal(store.get(note.id)?.label, 'waiting');
    // Once the other writer is done, the same save goes through.
    await nodeFileSystem.delete!(lock);
    assert.equal(await store.save(), true);
    assert.deepEqual(notesOnDisk(article), ['waiting']);
  });

  it('releases the lock when the write fails, keeps the changes, and the next save works', async () => {
    const article = tmpArticle();
    const lock = lockPathFor(`${article}.annotations.yaml`);
    let failing = true;
    const fs: StoreFileSystem = {
      ...nodeFileSystem,
      async rename(from, to) {
        if (failing) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
        await nodeFileSystem.rename(from, to);
      },
    };
    const store = await AnnotationStore.open(fs, article, { lock: { timeoutMs: 300 } });
    store.add(TEXT, { start: 17, end: 22 }, { label: 'kept' });
    await assert.rejects(store.save(), /ENOSPC/);
    assert.equal(existsSync(lock), false, 'lock released after the error');
    assert.equal(store.dirty, true);
    // Another store can take the lock at once (it would time out if the lock had been left behind).
    const other = await AnnotationStore.open(nodeFileSystem, article, { lock: { timeoutMs: 300 } });
    other.add(TEXT, { start: 23, end: 25 }, { label: 'other' });
    assert.equal(await other.save(), true);
    failing = false;
    assert.equal(await store.save(), true);
    assert.deepEqual(notesOnDisk(article).sort(), ['kept', 'other']);
    assert.equal(existsSync(lock), false);
  });

  it('withFileLock releases after the body throws, and does not remove a lock it does not own', async () => {
    const article = tmpArticle();
    const lock = lockPathFor(article);
    await assert.rejects(
      withFileLock(nodeFileSystem, article, async () => {
        assert.equal(existsSync(lock), true, 'held while the body runs');
        throw new Error('boom');
      }),
      /boom/,
    );
    assert.equal(existsSync(lock), false);
    // Body that finds its lock replaced (it was broken as stale): leaves the new owner's lock alone.
    const theirs = lockText({ pid: process.ppid, created: new Date().toISOString() });
    await withFileLock(nodeFileSystem, article, async () => {
      writeFileSync(lock, theirs);
    });
    assert.equal(readFileSync(lock, 'utf8'), theirs);
  });

  it('removes the temp files of a killed writer (old ones of this sidecar only)', async () => {
    const article = tmpArticle();
    const dir = path.dirname(article);
    const sidecar = `${article}.annotations.yaml`;
    const old = (Date.now() - 3_600_000) / 1000;
    for (const f of [`${sidecar}.tmp-0badc0de`, path.join(dir, 'other.txt.annotations.yaml.tmp-0badc0de')]) {
      writeFileSync(f, 'half a sidecar');
      utimesSync(f, old, old);
    }
    writeFileSync(`${sidecar}.tmp-f00df00d`, 'a writer that does not lock, writing right now');
    const store = await AnnotationStore.open(nodeFileSystem, article);
    store.add(TEXT, { start: 17, end: 22 }, { label: 'x' });
    await store.save();
    assert.deepEqual(readdirSync(dir).sort(), [
      'article.txt',
      'article.txt.annotations.yaml',
      'article.txt.annotations.yaml.tmp-f00df00d',
      'other.txt.annotations.yaml.tmp-0badc0de',
    ]);
  });

  it('a file system without exclusive create saves unlocked (serialised in-process only)', async () => {
    const article = tmpArticle();
    const fs: StoreFileSystem = { ...nodeFileSystem, createExclusive: async () => undefined };
    const store = await AnnotationStore.open(fs, article);
    store.add(TEXT, { start: 17, end: 22 }, { label: 'x' });
    assert.equal(await store.save(), true);
    assert.deepEqual(notesOnDisk(article), ['x']);
    assert.equal(existsSync(lockPathFor(`${article}.annotations.yaml`)), false);
  });
});
