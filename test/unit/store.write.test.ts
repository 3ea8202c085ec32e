// Writes keep what they should: permission bits, read-only files, symbolic links, and never a
// sidecar the parser would refuse to read back. Real node:fs in a temp directory.
import * as assert from 'node:assert/strict';
import {
  chmodSync,
  copyFileSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  AnnotationStore,
  FileWriteError,
  MAX_SIDECAR_BYTES,
  UnwritableSidecarError,
  nodeFileSystem,
  parseSidecar,
  sidecarPathFor,
  writeFileAtomic,
} from '../../src/store';
import type { WriteAwareFileSystem } from '../../src/store';

const TEXT = 'The minister said "we will not raise taxes" on Tuesday in Berlin.\n';
const isWindows = process.platform === 'win32';

function tmpDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'newslens-write-'));
}

/** An article with a saved sidecar holding one note; returns both paths. */
async function articleWithSidecar(dir = tmpDir()): Promise<{ article: string; sidecar: string }> {
  const article = path.join(dir, 'article.txt');
  writeFileSync(article, TEXT);
  const store = await AnnotationStore.open(nodeFileSystem, article);
  store.add(TEXT, { start: 4, end: 12 }, { note: 'first', id: 'a-1' });
  await store.save();
  return { article, sidecar: sidecarPathFor(article) };
}

const mode = (p: string): number => statSync(p).mode & 0o7777;
const tempFilesIn = (dir: string): string[] => readdirSync(dir).filter((n) => n.includes('.tmp-'));

describe('store: writes keep what they replace', () => {
  (isWindows ? it.skip : it)('keeps the permission bits of the sidecar (0600 stays 0600)', async () => {
    const { article, sidecar } = await articleWithSidecar();
    chmodSync(sidecar, 0o600);
    const store = await AnnotationStore.open(nodeFileSystem, article);
    store.add(TEXT, { start: 30, end: 37 }, { note: 'second', id: 'a-2' });
    assert.equal(await store.save(), true);
    assert.equal(mode(sidecar).toString(8), '600');
    assert.deepEqual(parseSidecar(readFileSync(sidecar)).annotations.map((a) => a.id), ['a-1', 'a-2']);
    // Bits the umask would remove are kept too.
    chmodSync(sidecar, 0o664);
    store.update('a-2', { note: 'changed' });
    await store.save();
    assert.equal(mode(sidecar).toString(8), '664');
    assert.deepEqual(tempFilesIn(path.dirname(sidecar)), []);
  });

  (isWindows ? it.skip : it)('a new file gets the default permissions', async () => {
    const dir = tmpDir();
    const file = path.join(dir, 'new.yaml');
    await writeFileAtomic(nodeFileSystem, file, new TextEncoder().encode('x: 1\n'));
    const umask = process.umask();
    assert.equal(mode(file).toString(8), (0o666 & ~umask).toString(8));
  });

  it('refuses to replace a read-only sidecar (0444), even as root, and keeps the note in memory', async () => {
    const { article, sidecar } = await articleWithSidecar();
    chmodSync(sidecar, 0o444);
    const before = readFileSync(sidecar, 'utf8');
    const store = await AnnotationStore.open(nodeFileSystem, article);
    store.add(TEXT, { start: 30, end: 37 }, { note: 'second', id: 'a-2' });
    await assert.rejects(store.save(), (e: unknown) => {
      assert.ok(e instanceof FileWriteError);
      assert.equal(e.code, 'read-only');
      assert.equal(e.message, `${sidecar} is read-only; News Lens did not change it`);
      return true;
    });
    assert.equal(readFileSync(sidecar, 'utf8'), before);
    assert.equal(mode(sidecar).toString(8), '444');
    assert.deepEqual(tempFilesIn(path.dirname(sidecar)), []);
    assert.equal(store.dirty, true);
    assert.equal(store.get('a-2')?.note, 'second');
    // Once the user makes it writable again, the note is saved.
    chmodSync(sidecar, 0o644);
    assert.equal(await store.save(), true);
    assert.deepEqual(parseSidecar(readFileSync(sidecar)).annotations.map((a) => a.id), ['a-1', 'a-2']);
  });

  (isWindows ? it.skip : it)('writes through a symbolic link: the link stays a link, its target gets the new content and keeps its mode', async () => {
    const dir = tmpDir();
    const shared = path.join(dir, 'shared');
    mkdirSync(shared);
    const { sidecar: real } = await articleWithSidecar(shared);
    chmodSync(real, 0o640);
    const work = path.join(dir, 'work');
    mkdirSync(work);
    const article = path.join(work, 'article.txt');
    writeFileSync(article, TEXT);
    const link = sidecarPathFor(article);
    const relative = path.relative(work, real);
    symlinkSync(relative, link);

    const store = await AnnotationStore.open(nodeFileSystem, article);
    assert.deepEqual(store.annotations.map((a) => a.id), ['a-1']);
    store.add(TEXT, { start: 30, end: 37 }, { note: 'through the link', id: 'a-2' });
    assert.equal(await store.save(), true);

    assert.ok(lstatSync(link).isSymbolicLink(), 'the sidecar is still a symbolic link');
    assert.equal(readlinkSync(link), relative);
    assert.deepEqual(parseSidecar(readFileSync(real)).annotations.map((a) => a.note), ['first', 'through the link']);
    assert.equal(mode(real).toString(8), '640');
    assert.deepEqual(tempFilesIn(work), []);
    assert.deepEqual(tempFilesIn(shared), []);
  });

  (isWindows ? it.skip : it)('refuses a dangling symbolic link with a clear error and leaves it alone', async () => {
    const dir = tmpDir();
    const article = path.join(dir, 'article.txt');
    writeFileSync(article, TEXT);
    const link = sidecarPathFor(article);
    symlinkSync('gone/article.txt.annotations.yaml', link);
    const store = await AnnotationStore.open(nodeFileSystem, article);
    store.add(TEXT, { start: 4, end: 12 }, { note: 'kept', id: 'a-1' });
    await assert.rejects(store.save(), (e: unknown) => {
      assert.ok(e instanceof FileWriteError);
      assert.equal(e.code, 'dangling-link');
      assert.equal(e.message, `${link} is a symbolic link to gone/article.txt.annotations.yaml that does not exist; News Lens did not change it`);
      return true;
    });
    assert.ok(lstatSync(link).isSymbolicLink());
    assert.equal(readlinkSync(link), 'gone/article.txt.annotations.yaml');
    assert.deepEqual(tempFilesIn(dir), []);
    assert.equal(store.get('a-1')?.note, 'kept');
    assert.equal(store.dirty, true);
  });

  (isWindows ? it.skip : it)('a file system that cannot resolve links writes in place through the link', async () => {
    const dir = tmpDir();
    const real = path.join(dir, 'real.yaml');
    writeFileSync(real, 'old\n');
    const link = path.join(dir, 'link.yaml');
    symlinkSync('real.yaml', link);
    // What the editor's vscode.workspace.fs adapter reports: a link, but not where it points.
    const fs: WriteAwareFileSystem = { ...nodeFileSystem, writeTarget: async () => ({ kind: 'link', readOnly: false }) };
    delete (fs as Partial<WriteAwareFileSystem>).chmod;
    await writeFileAtomic(fs, link, new TextEncoder().encode('new\n'));
    assert.ok(lstatSync(link).isSymbolicLink());
    assert.equal(readFileSync(real, 'utf8'), 'new\n');
  });

  (isWindows ? it.skip : it)('a file system that cannot read or set permission bits keeps them by starting from a copy', async () => {
    const dir = tmpDir();
    const file = path.join(dir, 'notes.yaml');
    writeFileSync(file, 'old\n');
    chmodSync(file, 0o600);
    // What the editor's vscode.workspace.fs adapter offers: no mode, no chmod, but a copy that keeps the bits.
    const fs: WriteAwareFileSystem = {
      ...nodeFileSystem,
      writeTarget: async () => ({ kind: 'file', readOnly: false }),
      copyFile: async (from, to) => {
        copyFileSync(from, to);
        chmodSync(to, statSync(from).mode & 0o7777);
      },
    };
    delete (fs as Partial<WriteAwareFileSystem>).chmod;
    await writeFileAtomic(fs, file, new TextEncoder().encode('new\n'));
    assert.equal(readFileSync(file, 'utf8'), 'new\n');
    assert.equal(mode(file).toString(8), '600');
    assert.deepEqual(tempFilesIn(dir), []);
  });

  it('refuses a directory where the file should be', async () => {
    const dir = tmpDir();
    const target = path.join(dir, 'x.yaml');
    mkdirSync(target);
    await assert.rejects(writeFileAtomic(nodeFileSystem, target, new TextEncoder().encode('a')), /is not a regular file; News Lens did not change it/);
    assert.ok(statSync(target).isDirectory());
  });
});

describe('store: never writes what cannot be read back', () => {
  it('refuses a 6 MB note: clear error with size and limit, sidecar unchanged, note still in the store', async () => {
    const { article, sidecar } = await articleWithSidecar();
    const before = readFileSync(sidecar, 'utf8');
    const store = await AnnotationStore.open(nodeFileSystem, article);
    const huge = 'x'.repeat(6 * 1024 * 1024);
    store.update('a-1', { note: huge });
    await assert.rejects(store.save(), (e: unknown) => {
      assert.ok(e instanceof UnwritableSidecarError);
      assert.equal(e.error.code, 'too-large');
      assert.match(e.message, /^the annotation file would be 6,29\d,\d{3} bytes, over the size limit of 5,242,880 bytes \(5 MB\) that News Lens reads; it was not written/);
      return true;
    });
    assert.equal(readFileSync(sidecar, 'utf8'), before);
    assert.deepEqual(tempFilesIn(path.dirname(sidecar)), []);
    assert.equal(store.dirty, true);
    assert.equal(store.get('a-1')?.note?.length, huge.length);
    // The user shortens the note: it saves, and the file reads back.
    store.update('a-1', { note: 'short again' });
    assert.equal(await store.save(), true);
    const reread = await AnnotationStore.open(nodeFileSystem, article);
    assert.equal(reread.state, 'ok');
    assert.equal(reread.get('a-1')?.note, 'short again');
  });

  it('counts UTF-8 bytes, not characters (2 M three-byte characters are 6 MB)', async () => {
    const dir = tmpDir();
    const article = path.join(dir, 'article.txt');
    writeFileSync(article, TEXT);
    const store = await AnnotationStore.open(nodeFileSystem, article);
    store.add(TEXT, { start: 4, end: 12 }, { note: '€'.repeat(2 * 1024 * 1024), id: 'a-1' });
    assert.ok('€'.repeat(2 * 1024 * 1024).length < MAX_SIDECAR_BYTES);
    await assert.rejects(store.save(), UnwritableSidecarError);
    assert.deepEqual(readdirSync(dir), ['article.txt']);
    assert.equal(store.annotations.length, 1);
  });

  it('a sidecar just under the limit is written and reads back', async () => {
    const dir = tmpDir();
    const article = path.join(dir, 'article.txt');
    writeFileSync(article, TEXT);
    const store = await AnnotationStore.open(nodeFileSystem, article);
    store.add(TEXT, { start: 4, end: 12 }, { note: 'y'.repeat(MAX_SIDECAR_BYTES - 400), id: 'a-1' });
    assert.equal(await store.save(), true);
    assert.ok(statSync(sidecarPathFor(article)).size <= MAX_SIDECAR_BYTES);
    const reread = await AnnotationStore.open(nodeFileSystem, article);
    assert.equal(reread.state, 'ok');
  });
});
