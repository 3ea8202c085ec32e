// The bundled CLI (dist/cli.js, rebuilt by esbuild.mjs first) as a real process: version baked in at
// build time, standard input, and a reader that goes away early (EPIPE).
import * as assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const SEED = join(ROOT, 'seeds', 'trump-xi-tiktok-call.txt');
const VERSION: string = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;

function cli(args: string[], input?: string, cwd = ROOT) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, input, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A folder of `n` copies of the seed article: far more output than a pipe buffer (64 KiB) holds. */
function bigFolder(n = 60): string {
  const dir = mkdtempSync(join(tmpdir(), 'newslens-epipe-'));
  mkdirSync(join(dir, 'articles'));
  for (let i = 0; i < n; i++) copyFileSync(SEED, join(dir, 'articles', `a${String(i).padStart(3, '0')}.txt`));
  return join(dir, 'articles');
}

/** Runs the CLI, reads its first chunk of output, closes the pipe, and reports how it ended. */
function closeEarly(args: string[]): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string; first: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let first = '';
    child.stderr.setEncoding('utf8').on('data', (s: string) => { stderr += s; });
    child.stdout.once('data', (chunk: Buffer) => {
      first = chunk.toString('utf8');
      child.stdout.destroy(); // the reader goes away, like `head -1` after its line
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stderr, first }));
  });
}

describe('news-lens CLI as a process (dist/cli.js)', function () {
  this.timeout(60000);

  before(() => {
    execFileSync(process.execPath, ['esbuild.mjs', '--quiet'], { cwd: ROOT, stdio: 'inherit' });
  });

  it('prints the package version, baked into the bundle at build time', () => {
    assert.deepEqual(cli(['--version']), { code: 0, stdout: `${VERSION}\n`, stderr: '' });
    assert.deepEqual(cli(['-V']), { code: 0, stdout: `${VERSION}\n`, stderr: '' });
    // A copy of the bundle far from package.json still knows it: nothing is read at run time.
    const alone = mkdtempSync(join(tmpdir(), 'newslens-bundle-'));
    copyFileSync(CLI, join(alone, 'cli.js'));
    const r = spawnSync(process.execPath, [join(alone, 'cli.js'), '--version'], { cwd: alone, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, `${VERSION}\n`);
    // Only the version is taken from package.json, not the whole manifest.
    assert.doesNotMatch(readFileSync(CLI, 'utf8'), /semanticTokenScopes|activationEvents/);
  });

  it('answers analyze -h with its usage, not by reading a file "-h"', () => {
    const r = cli(['analyze', '-h']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Usage: news-lens analyze/);
    assert.equal(r.stderr, '');
  });

  it('reads an article from standard input with -', () => {
    const r = cli(['analyze', '-'], readFileSync(SEED, 'utf8'));
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^\(standard input\): 521 words/);
    assert.match(r.stdout, /Donald Trump\s+PERSON/);
    const j = cli(['analyze', '--json', '-'], 'Angela Merkel visited Paris on Monday.');
    assert.equal(j.code, 0, j.stderr);
    assert.equal(JSON.parse(j.stdout).file, '-');
  });

  it('analyses JSON Lines from a real standard input pipe', () => {
    const input = [{ id: 'a', text: 'Angela Merkel visited Paris.' }, { id: 'b', text: '"Yes," said Jane Smith.' }].map((d) => JSON.stringify(d)).join('\n') + '\n';
    const r = cli(['analyze', '--jsonl'], input);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.stdout.trim().split('\n').map((l) => JSON.parse(l).id), ['a', 'b']);
  });

  for (const json of [true, false]) {
    it(`ends quietly with status 0 when the reader closes the pipe early (analyze ${json ? '--json ' : ''}DIR)`, async () => {
      const dir = bigFolder();
      const r = await closeEarly(['analyze', ...(json ? ['--json'] : []), dir]);
      assert.ok(r.first.length > 0, 'some output came before the pipe closed');
      assert.equal(r.stderr, '', 'no stack trace, no message');
      assert.deepEqual({ code: r.code, signal: r.signal }, { code: 0, signal: null });
    });
  }

  it('ends quietly under a shell pipeline into head -1 (pipefail: the CLI\'s own status counts)', () => {
    const dir = bigFolder();
    const r = spawnSync('bash', ['-c', 'set -o pipefail; "$0" "$1" analyze --json "$2" | head -1', process.execPath, CLI, dir], { encoding: 'utf8' });
    assert.equal(r.stderr, '');
    assert.equal(r.stdout, '[\n');
    assert.equal(r.status, 0);
  });
});
