// Hostile and careless inputs to the CLI (issue 18, items 4, 5 and 7): devices, FIFOs, links to them,
// folders named like articles or sidecars, broken links, binary files, other encodings, invalid UTF-8,
// escape sequences, carriage returns in JSON Lines. Each must be a clear error, a warning, or right.
import * as assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/cli';
import { AnnotationStore, nodeFileSystem } from '../../src/store';

async function run(args: string[], stdin: string | Buffer = '') {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (s) => { stdout += s; }, stderr: (s) => { stderr += s; }, stdin: Readable.from([stdin]) });
  return { code, stdout, stderr };
}

const ARTICLE = 'Alice Smith met Bob Jones in Paris on Monday. "We agreed," Smith said.\n';

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'newslens-hostile-'));
}

/** An article with one note on "Paris" in a fresh folder. */
async function annotated(dir: string, name = 'a.txt'): Promise<string> {
  const article = join(dir, name);
  writeFileSync(article, ARTICLE);
  const store = await AnnotationStore.open(nodeFileSystem, article);
  const at = ARTICLE.indexOf('Paris');
  store.add(ARTICLE, { start: at, end: at + 5 }, { label: 'place' });
  await store.save();
  return article;
}

describe('news-lens CLI: hostile inputs', function () {
  // A read that blocks (FIFO) or never ends (/dev/zero) fails by this time-out instead of hanging.
  this.timeout(10000);

  describe('only regular files are read (item 4)', () => {
    it('analyze /dev/zero is refused as a character device, exit 1', async () => {
      const r = await run(['analyze', '/dev/zero']);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /\/dev\/zero is a character device, not a regular file/);
      assert.equal(r.stdout, '');
    });

    it('analyze of a FIFO is refused without waiting for a writer', async () => {
      const dir = tmp();
      execFileSync('mkfifo', [join(dir, 'pipe.txt')]);
      const r = await run(['analyze', join(dir, 'pipe.txt')]);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /pipe\.txt is a named pipe \(FIFO\), not a regular file/);
    });

    it('an article linked to /dev/zero is refused by analyze, annotations, export and annotate', async () => {
      const dir = tmp();
      symlinkSync('/dev/zero', join(dir, 'z.txt'));
      const r = await run(['analyze', '--json', join(dir, 'z.txt')]);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /z\.txt .*is a character device, not a regular file/);
      for (const cmd of ['annotations', 'export', 'annotate']) {
        const extra = cmd === 'annotate' ? ['--exact', 'x', '--label', 'l'] : [];
        const a = await run([cmd, join(dir, 'z.txt'), ...extra]);
        assert.equal(a.code, 1, cmd);
        assert.match(a.stderr, /is a character device/, cmd);
      }
    });

    it('a sidecar linked to /dev/zero makes annotations, export, annotate and check fail clearly', async () => {
      const dir = tmp();
      const article = join(dir, 'a.txt');
      writeFileSync(article, ARTICLE);
      symlinkSync('/dev/zero', `${article}.annotations.yaml`);
      const list = await run(['annotations', article]);
      assert.equal(list.code, 1);
      assert.match(list.stdout, /a\.txt\.annotations\.yaml:1:1: error: .*a\.txt\.annotations\.yaml is a character device, not a regular file/);
      const exp = await run(['export', article]);
      assert.equal(exp.code, 1);
      assert.match(exp.stderr, /is a character device/);
      const add = await run(['annotate', article, '--exact', 'Paris', '--label', 'place']);
      assert.equal(add.code, 1);
      assert.match(add.stderr, /is a character device/);
      const check = await run(['check', dir]);
      assert.equal(check.code, 1);
      assert.match(check.stdout, /a\.txt\.annotations\.yaml is a symbolic link to a character device/);
    });

    it('a FIFO as sidecar is reported, not waited on', async () => {
      const dir = tmp();
      const article = join(dir, 'a.txt');
      writeFileSync(article, ARTICLE);
      execFileSync('mkfifo', [`${article}.annotations.yaml`]);
      const r = await run(['annotations', '--json', article]);
      assert.equal(r.code, 1);
      const out = JSON.parse(r.stdout);
      assert.equal(out.sidecarState, 'invalid');
      assert.match(out.errors[0].message, /is a named pipe \(FIFO\)/);
    });

    it('standard input is read up to the article limit only (not analysed at all past it)', async () => {
      // A stream that never ends, like `news-lens analyze - < /dev/zero`.
      let sent = 0;
      const endless = new Readable({
        read() {
          sent += 1 << 20;
          this.push(Buffer.alloc(1 << 20, 0x61));
        },
      });
      let stderr = '';
      const code = await main(['analyze', '-'], { stdout: () => undefined, stderr: (s) => { stderr += s; }, stdin: endless });
      assert.equal(code, 1);
      assert.match(stderr, /standard input\) is over the size limit of 52,428,800 bytes/);
      assert.ok(sent <= 60 << 20, `read ${sent} bytes`);
    });
  });

  describe('check reports what it cannot check (item 5)', () => {
    it('a folder named like an article is an error for its sidecar, not a crash (exit 1, not 70)', async () => {
      const dir = tmp();
      await annotated(dir, 'ok.txt');
      mkdirSync(join(dir, 'x.txt'));
      writeFileSync(join(dir, 'x.txt.annotations.yaml'), 'version: 1\nannotations: []\n');
      const r = await run(['check', dir]);
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stdout, /x\.txt\.annotations\.yaml:1:1: error: cannot read the article: .*x\.txt is a folder, not a regular file/);
      // The good sidecar beside it is still checked.
      assert.match(r.stdout, /checked 1 annotation file\(s\), 1 note\(s\): 1 anchored.*; 1 could not be checked/);
    });

    it('sidecars that are folders, dangling links or link loops are each reported; a link to a file is checked', async () => {
      const dir = tmp();
      const real = await annotated(dir, 'real.txt');
      // linked.txt's sidecar is a link to real.txt's sidecar (a regular file): checked.
      writeFileSync(join(dir, 'linked.txt'), ARTICLE);
      symlinkSync(`${real}.annotations.yaml`, join(dir, 'linked.txt.annotations.yaml'));
      writeFileSync(join(dir, 'folder.txt'), ARTICLE);
      mkdirSync(join(dir, 'folder.txt.annotations.yaml'));
      symlinkSync(join(dir, 'nowhere.yaml'), join(dir, 'dangling.txt.annotations.yaml'));
      symlinkSync(join(dir, 'loop.txt.annotations.yaml'), join(dir, 'loop.txt.annotations.yaml'));
      const r = await run(['check', dir]);
      assert.equal(r.code, 1);
      assert.match(r.stdout, /folder\.txt\.annotations\.yaml:1:1: error: .* is a folder, not a regular file/);
      assert.match(r.stdout, /dangling\.txt\.annotations\.yaml:1:1: error: .* is a symbolic link to .*nowhere\.yaml that does not exist/);
      assert.match(r.stdout, /loop\.txt\.annotations\.yaml:1:1: error: .* is a loop of symbolic links/);
      assert.match(r.stdout, /checked 2 annotation file\(s\), 2 note\(s\): 2 anchored.*; 3 could not be checked/);
      const json = JSON.parse((await run(['check', '--json', dir])).stdout);
      assert.equal(json.ok, false);
      assert.equal(json.files.filter((f: { state: string }) => f.state === 'unreadable').length, 3);
    });

    it('an article given by name whose sidecar is a folder or a dangling link is reported', async () => {
      const dir = tmp();
      writeFileSync(join(dir, 'a.txt'), ARTICLE);
      mkdirSync(join(dir, 'a.txt.annotations.yaml'));
      const r = await run(['check', join(dir, 'a.txt')]);
      assert.equal(r.code, 1);
      assert.match(r.stdout, /a\.txt\.annotations\.yaml is a folder, not a regular file/);
      writeFileSync(join(dir, 'b.txt'), ARTICLE);
      symlinkSync('gone.yaml', join(dir, 'b.txt.annotations.yaml'));
      const d = await run(['check', join(dir, 'b.txt')]);
      assert.equal(d.code, 1);
      assert.match(d.stdout, /b\.txt\.annotations\.yaml is a symbolic link to gone\.yaml that does not exist/);
    });

    it('analyze DIR reports article names that are no files (a FIFO, a dangling link) instead of skipping them silently', async () => {
      const dir = tmp();
      writeFileSync(join(dir, 'a.txt'), ARTICLE);
      execFileSync('mkfifo', [join(dir, 'p.txt')]);
      symlinkSync('gone.txt', join(dir, 'd.txt'));
      const r = await run(['analyze', dir]);
      assert.equal(r.code, 1);
      assert.match(r.stdout, /a\.txt: \d+ words/);
      assert.match(r.stderr, /p\.txt is a named pipe \(FIFO\), not a regular file/);
      assert.match(r.stderr, /d\.txt is a symbolic link to gone\.txt that does not exist/);
    });
  });

  describe('encodings, binary content and control characters (item 7)', () => {
    it('refuses a binary file (NUL bytes) with a clear error', async () => {
      const dir = tmp();
      // The first 64 KB of the node executable: a real binary, under the size limit.
      const handle = openSync(process.execPath, 'r');
      const head = Buffer.alloc(65536);
      readSync(handle, head, 0, head.length, 0);
      closeSync(handle);
      writeFileSync(join(dir, 'prog.txt'), head);
      const r = await run(['analyze', join(dir, 'prog.txt')]);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /looks like a binary file \(a NUL byte at byte \d+\), not a plain-text article/);
      assert.equal(r.stdout, '');
    });

    it('refuses text that is mostly control characters, but reads an article with a few escape sequences', async () => {
      const dir = tmp();
      writeFileSync(join(dir, 'ctl.txt'), Buffer.from(Array.from({ length: 400 }, (_, i) => (i % 3 ? 0x41 : 0x01))));
      const r = await run(['analyze', join(dir, 'ctl.txt')]);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /looks like a binary file \(34% control characters in its first 400 bytes\)/);
      writeFileSync(join(dir, 'ansi.txt'), `\x1b[31m${ARTICLE}\x1b[0m`);
      assert.equal((await run(['analyze', join(dir, 'ansi.txt')])).code, 0);
    });

    it('decodes UTF-16 LE and BE with a byte order mark like UTF-8', async () => {
      const dir = tmp();
      const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(ARTICLE, 'utf16le')]);
      const be = Buffer.from(le);
      be.swap16();
      writeFileSync(join(dir, 'le.txt'), le);
      writeFileSync(join(dir, 'be.txt'), be);
      writeFileSync(join(dir, 'u8.txt'), ARTICLE);
      const [a, b, c] = await Promise.all(['le', 'be', 'u8'].map(async (n) => (await run(['analyze', '--json', join(dir, `${n}.txt`)]))));
      for (const r of [a!, b!, c!]) assert.equal(r.code, 0, r.stderr);
      const strip = (s: string) => { const j = JSON.parse(s); delete j.file; return j; };
      assert.deepEqual(strip(a!.stdout), strip(c!.stdout));
      assert.deepEqual(strip(b!.stdout), strip(c!.stdout));
      assert.ok(strip(c!.stdout).entities.some((e: { text: string }) => e.text === 'Paris'));
    });

    it('a UTF-8 byte order mark is outside the offsets: --json, the store and annotate agree', async () => {
      const dir = tmp();
      const article = join(dir, 'bom.txt');
      writeFileSync(article, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(ARTICLE)]));
      const r = await run(['analyze', '--json', article]);
      assert.equal(r.code, 0);
      const paris = JSON.parse(r.stdout).entities.find((e: { text: string }) => e.text === 'Paris');
      assert.equal(paris.start, ARTICLE.indexOf('Paris'));
      const added = await run(['annotate', article, '--exact', 'Paris', '--label', 'place', '--json']);
      assert.equal(added.code, 0, added.stderr);
      const listed = JSON.parse((await run(['annotations', '--json', article])).stdout);
      assert.equal(listed.annotations[0].start, paris.start);
      assert.equal(listed.annotations[0].end, paris.end);
      assert.equal(listed.annotations[0].state, 'anchored');
    });

    it('warns about invalid UTF-8 with the byte offset of the first bad sequence', async () => {
      const dir = tmp();
      const bytes = Buffer.concat([Buffer.from('Café in Paris, '), Buffer.from([0xc3, 0x28]), Buffer.from(' said Alice Smith.\n')]);
      writeFileSync(join(dir, 'bad.txt'), bytes);
      const r = await run(['analyze', join(dir, 'bad.txt')]);
      assert.equal(r.code, 0);
      assert.match(r.stderr, /warning: .*bad\.txt is not valid UTF-8 at byte 16; invalid bytes were read as U\+FFFD/);
      const ok = await run(['analyze', '-'], Buffer.from(ARTICLE));
      assert.equal(ok.stderr, '');
    });

    it('shows escape sequences from the article escaped in the readable summary, never raw', async () => {
      const dir = tmp();
      const article = join(dir, 'esc.txt');
      writeFileSync(article, 'Alice Smith met Bob Jones in \x1b]52;c;ZXZpbA==\x07Paris\x1b[2J. "We agreed \x1b[31mtoday\x9b," Smith said.\n');
      const r = await run(['analyze', article]);
      assert.equal(r.code, 0);
      // eslint-disable-next-line no-control-regex
      assert.doesNotMatch(r.stdout, /[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
      assert.match(r.stdout, /\\x1b\[31mtoday\\x9b/);
      const json = await run(['analyze', '--json', article]);
      // eslint-disable-next-line no-control-regex
      assert.doesNotMatch(json.stdout, /[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
      assert.ok(JSON.parse(json.stdout).quotes[0].text.includes('\x1b[31mtoday\x9b'));
    });

    it('shows escape sequences from a sidecar escaped in annotations and check output', async () => {
      const dir = tmp();
      const article = join(dir, 'a.txt');
      writeFileSync(article, ARTICLE);
      const add = await run(['annotate', article, '--exact', 'Paris', '--label', 'l\x1b[2J', '--note', 'see \x1b]8;;http://x\x07here']);
      assert.equal(add.code, 0, add.stderr);
      const r = await run(['annotations', article]);
      // eslint-disable-next-line no-control-regex
      assert.doesNotMatch(r.stdout, /[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
      assert.match(r.stdout, /l\\x1b\[2J .*see \\x1b\]8;;http:\/\/x\\x07here/);
    });

    it('--jsonl ends lines at \\n only: a raw CR inside a line keeps the later line numbers right', async () => {
      const input = `{"id":1,"text":"Paris"}\n{"id":2,"text":"a\rb"}\n{"id":3,"text":"Rome"}\nnot json\n{"id":5,"text":"x"}\r\n`;
      const r = await run(['analyze', '--jsonl'], input);
      assert.equal(r.code, 1);
      // Line 2 is one bad line (a raw CR is not allowed in a JSON string); the bad line 4 keeps its number.
      assert.match(r.stderr, /line 2: not valid JSON/);
      assert.match(r.stderr, /line 4: not valid JSON/);
      assert.doesNotMatch(r.stderr, /line [356]:/);
      assert.match(r.stderr, /2 of 5 lines failed/);
      assert.deepEqual(r.stdout.trim().split('\n').map((l) => JSON.parse(l).id), [1, 3, 5]);
    });

    it('--jsonl output escapes a CR inside a text (one record per line)', async () => {
      const r = await run(['analyze', '--jsonl'], `${JSON.stringify({ id: 'r', text: 'Paris\r"Hi," Smith said.\r\nRome' })}\n`);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout.split('\n').length, 2);
      assert.doesNotMatch(r.stdout, /\r/);
    });
  });
});
