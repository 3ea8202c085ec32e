// Reading hostile files (issue 18, items 4 and 7) at the store level: readRegularFile refuses what is
// not a regular file without blocking and never reads past its limit; decodeArticle decodes BOMs,
// refuses binary content and finds the first invalid byte; the store refuses a sidecar that is not a
// regular file before reading it, also through an adapter like the editor's (stat kind only).
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AnnotationStore,
  ArticleDecodeError,
  FileReadError,
  decodeArticle,
  firstInvalidUtf8,
  nodeFileSystem,
  readArticleFile,
  readRegularFile,
} from '../../src/store';
import type { StoreFileSystem } from '../../src/store';

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'newslens-read-'));
}

async function refused(p: Promise<unknown>, code: 'not-a-file' | 'too-large', message: RegExp): Promise<void> {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof FileReadError, String(e));
    assert.equal(e.code, code);
    assert.match(e.message, message);
    return true;
  });
}

describe('store: reading only regular files, bounded', function () {
  this.timeout(10000); // a blocking open or an endless read fails here instead of hanging

  it('refuses /dev/zero, a link to it, a FIFO, a folder and a socket, naming what each is', async () => {
    const dir = tmp();
    await refused(readRegularFile('/dev/zero', 1000), 'not-a-file', /^\/dev\/zero is a character device, not a regular file$/);
    symlinkSync('/dev/zero', join(dir, 'z.txt'));
    await refused(readRegularFile(join(dir, 'z.txt'), 1000), 'not-a-file', /z\.txt \(a symbolic link to \/dev\/zero\) is a character device/);
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    await refused(readRegularFile(join(dir, 'fifo'), 1000), 'not-a-file', /fifo is a named pipe \(FIFO\), not a regular file/);
    mkdirSync(join(dir, 'folder'));
    await refused(readRegularFile(join(dir, 'folder'), 1000), 'not-a-file', /folder is a folder, not a regular file/);
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(join(dir, 'sock'), resolve));
    try {
      await refused(readRegularFile(join(dir, 'sock'), 1000), 'not-a-file', /sock is a socket, not a regular file/);
    } finally {
      server.close();
    }
  });

  it('reads a file of exactly the limit; refuses one byte more, and a file that grows past the limit while read', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'ten'), '0123456789');
    assert.equal(Buffer.from(await readRegularFile(join(dir, 'ten'), 10)).toString(), '0123456789');
    await refused(readRegularFile(join(dir, 'ten'), 9), 'too-large', /ten is 10 bytes, over the size limit of 9 bytes/);
    // A /proc file says it is 0 bytes long and then gives more: the read must stop at the limit.
    await refused(readRegularFile('/proc/self/status', 16), 'too-large', /grew past the size limit of 16 bytes while it was read/);
    assert.ok((await readRegularFile('/proc/self/status', 1 << 20)).byteLength > 16);
  });

  it('nodeFileSystem.stat tells the kind (links followed)', async () => {
    const dir = tmp();
    symlinkSync('/dev/zero', join(dir, 'z'));
    assert.equal((await nodeFileSystem.stat(join(dir, 'z')))?.kind, 'char-device');
    assert.equal((await nodeFileSystem.stat(dir))?.kind, 'directory');
  });
});

describe('store: a sidecar that is not a regular file', function () {
  this.timeout(10000);

  it('a sidecar linked to /dev/zero makes the store invalid (read-only) with a clear error', async () => {
    const dir = tmp();
    const article = join(dir, 'a.txt');
    writeFileSync(article, 'Paris.');
    symlinkSync('/dev/zero', `${article}.annotations.yaml`);
    const store = await AnnotationStore.open(nodeFileSystem, article);
    assert.equal(store.state, 'invalid');
    assert.equal(store.readOnly, true);
    assert.match(store.errors[0]!.message, /a\.txt\.annotations\.yaml is a character device, not a regular file/);
  });

  it('an adapter that only tells the kind (like the editor\'s over workspace.fs) is never asked to read it', async () => {
    let reads = 0;
    const fs: StoreFileSystem = {
      readFile: async () => {
        reads++;
        throw new Error('must not be read: it would never end');
      },
      writeFile: async () => undefined,
      rename: async () => undefined,
      stat: async (p) => (p.endsWith('.yaml') ? { size: 0, mtimeMs: 0, kind: 'other' } : undefined),
    };
    const store = await AnnotationStore.open(fs, '/x/a.txt', { text: 'Paris.' });
    assert.equal(reads, 0);
    assert.equal(store.state, 'invalid');
    assert.match(store.errors[0]!.message, /\/x\/a\.txt\.annotations\.yaml is not a file or folder/);
  });

  it('a sidecar that grows past the size limit while read is too large, not read whole', async () => {
    const fs: StoreFileSystem = {
      readFile: (_p, options) => readRegularFile('/proc/self/status', options?.maxBytes ?? Infinity),
      writeFile: async () => undefined,
      rename: async () => undefined,
      stat: async (p) => (p.endsWith('.yaml') ? { size: 0, mtimeMs: 0, kind: 'file' } : undefined),
    };
    const store = await AnnotationStore.open(fs, '/x/a.txt', { text: 'Paris.', maxBytes: 16 });
    assert.equal(store.state, 'invalid');
    assert.equal(store.errors[0]!.code, 'too-large');
  });

  it('opening a store without text refuses an article linked to /dev/zero', async () => {
    const dir = tmp();
    symlinkSync('/dev/zero', join(dir, 'a.txt'));
    await assert.rejects(AnnotationStore.open(nodeFileSystem, join(dir, 'a.txt')), /a\.txt is a character device/);
  });
});

describe('store: article bytes to text', () => {
  const TEXT = 'Café in Paris — “quoted” 🔥.\n';

  it('drops a UTF-8 BOM; decodes UTF-16 LE and BE by their BOM', () => {
    const u8 = decodeArticle(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT)]));
    assert.deepEqual(u8, { text: TEXT, encoding: 'utf-8', bom: true });
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')]);
    assert.deepEqual(decodeArticle(le), { text: TEXT, encoding: 'utf-16le', bom: true });
    const be = Buffer.from(le).swap16();
    assert.deepEqual(decodeArticle(be), { text: TEXT, encoding: 'utf-16be', bom: true });
    // Only one BOM is dropped (as VS Code does): a second one is text.
    assert.equal(decodeArticle(Buffer.from('\ufeff\ufeffx')).text, '\ufeffx');
  });

  it('refuses binary content: a NUL in the first 8 KB, or over 10% control characters; hints at UTF-16 without a BOM', () => {
    assert.throws(() => decodeArticle(Buffer.from('abc\0def'), 'f.txt'), (e: unknown) => e instanceof ArticleDecodeError && /f\.txt looks like a binary file \(a NUL byte at byte 3\)/.test(e.message));
    assert.throws(() => decodeArticle(Buffer.from('ab\x01\x02\x03cdefg')), /30% control characters in its first 10 bytes/);
    assert.throws(() => decodeArticle(Buffer.from(TEXT, 'utf16le')), /looks like UTF-16 without a byte order mark/);
    const utf16Nul = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('ab\0c', 'utf16le')]);
    assert.throws(() => decodeArticle(utf16Nul), /a NUL character at byte 6/);
    // Tabs, form feeds, CRs and a few escape sequences are text.
    assert.equal(decodeArticle(Buffer.from('a\tb\fc\r\n\x1b[1md\x1b[0m')).text, 'a\tb\fc\r\n\x1b[1md\x1b[0m');
    // A NUL after the first 8 KB is not looked for.
    assert.equal(decodeArticle(Buffer.from('a'.repeat(9000) + '\0')).text.length, 9001);
  });

  it('invalid UTF-8 becomes U+FFFD and invalidAt gives the byte offset of the first bad sequence', () => {
    const bytes = Buffer.concat([Buffer.from('Café '), Buffer.from([0xe2, 0x82]), Buffer.from(' x '), Buffer.from([0xff])]);
    const d = decodeArticle(bytes);
    assert.equal(d.invalidAt, 6);
    assert.equal(d.text, 'Café \ufffd x \ufffd');
    assert.equal(decodeArticle(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf, 0x41]), Buffer.from([0xc0, 0x80])])).invalidAt, 4);
    assert.equal(decodeArticle(Buffer.from(TEXT)).invalidAt, undefined);
    // UTF-16: an unpaired surrogate.
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('ab', 'utf16le'), Buffer.from([0x00, 0xd8]), Buffer.from('c', 'utf16le')]);
    assert.equal(decodeArticle(le).invalidAt, 6);
  });

  it('firstInvalidUtf8 agrees with the WHATWG decoder on random bytes', () => {
    let seed = 12345;
    const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff;
    const fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    const pool = [0x41, 0x80, 0xbf, 0xc2, 0xc0, 0xdf, 0xe0, 0xa0, 0xed, 0x9f, 0xef, 0xf0, 0x90, 0xf4, 0x8f, 0xf5, 0xff];
    for (let n = 0; n < 20000; n++) {
      const b = new Uint8Array(1 + (rand() % 8)).map(() => (rand() % 3 ? pool[rand() % pool.length]! : rand()));
      const at = firstInvalidUtf8(b);
      let valid = true;
      try {
        fatal.decode(b);
      } catch {
        valid = false;
      }
      assert.equal(at === -1, valid, `bytes ${Buffer.from(b).toString('hex')}`);
      if (at > 0) fatal.decode(b.subarray(0, at)); // everything before the offset is valid
    }
  });

  it('readArticleFile refuses an article over its limit without reading it', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'big.txt'), 'x'.repeat(2000));
    await assert.rejects(readArticleFile(nodeFileSystem, join(dir, 'big.txt'), 1000), /big\.txt is 2,000 bytes, over the article size limit of 1,000 bytes/);
    assert.equal((await readArticleFile(nodeFileSystem, join(dir, 'big.txt'), 2000)).text.length, 2000);
  });
});
