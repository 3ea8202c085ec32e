// news-lens analyze --jsonl --jobs N (dist/cli.js, rebuilt first, as a process: the worker threads
// run dist/jsonl-worker.js): the same bytes on standard output and standard error as one thread,
// in input order, with bad lines reported by their number; usage errors for a bad N.
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { analyzeJsonlBatch } from '../../src/cli/jsonl';
import { analyzeJsonlInWorkers, headWorkers } from '../../src/cli/jobs';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const SEED = readFileSync(join(ROOT, 'seeds', 'trump-xi-tiktok-call.txt'), 'utf8');

function cli(args: string[], input: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, input, encoding: 'utf8', maxBuffer: 1 << 28 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Many documents of different sizes (so batches finish out of order), bad lines and blank lines. */
function input(): string {
  const paragraphs = SEED.split('\n').filter((p) => p.trim());
  const lines: string[] = [];
  for (let i = 0; i < 300; i++) {
    if (i === 17) lines.push('{not json');
    else if (i === 150) lines.push('{"id": 3}');
    else if (i % 50 === 49) lines.push('');
    else lines.push(JSON.stringify({ id: `d${i}`, text: paragraphs.slice(0, 1 + ((i * 7) % paragraphs.length)).join('\n') }));
  }
  return lines.join('\n') + '\n';
}

describe('news-lens analyze --jsonl --jobs N (worker threads)', function () {
  this.timeout(120_000);

  before(() => {
    execFileSync(process.execPath, ['esbuild.mjs', '--quiet'], { cwd: ROOT, stdio: 'inherit' });
  });

  it('writes the same bytes as one thread, in input order, for 2, 3 and 4 workers', () => {
    const text = input();
    const one = cli(['analyze', '--jsonl'], text);
    assert.equal(one.code, 1);
    assert.equal(one.stdout.split('\n').length - 1, 300 - 2 - 6);
    for (const jobs of ['2', '3', '4']) {
      const many = cli(['analyze', '--jsonl', '--jobs', jobs], text);
      assert.equal(many.code, 1, many.stderr);
      assert.equal(many.stdout, one.stdout, `--jobs ${jobs}: stdout differs`);
      assert.equal(many.stderr, one.stderr, `--jobs ${jobs}: stderr differs`);
    }
    assert.match(one.stderr, /line 18: not valid JSON/);
    assert.match(one.stderr, /line 151: expected an object with a string "text" field/);
    assert.match(one.stderr, /2 of 300 lines failed/);
  });

  it('splits lines at \\n only, like one thread: a raw \\r inside a line does not shift later line numbers', () => {
    const ok = (i: number) => JSON.stringify({ id: i, text: 'Joe Biden met Xi Jinping in Beijing.' });
    const text = [ok(1), `{"id": 2,\r"text": "x"`, ok(3), '{bad', ok(5)].join('\n') + '\n';
    const one = cli(['analyze', '--jsonl'], text);
    const two = cli(['analyze', '--jsonl', '--jobs', '2'], text);
    assert.match(one.stderr, /line 2: not valid JSON/);
    assert.match(one.stderr, /line 4: not valid JSON/);
    assert.match(one.stderr, /2 of 5 lines failed/);
    assert.deepEqual(two, one);
  });

  it('exits 0 on clean input, and handles empty input', () => {
    const clean = `${JSON.stringify({ id: 1, text: 'Joe Biden met Xi Jinping in Beijing.' })}\n`;
    const r = cli(['analyze', '--jsonl', '--jobs', '2'], clean);
    assert.deepEqual([r.code, r.stderr], [0, '']);
    assert.equal(JSON.parse(r.stdout).id, 1);
    assert.deepEqual(cli(['analyze', '--jsonl', '--jobs', '2'], ''), { code: 0, stdout: '', stderr: '' });
  });

  it('rejects a bad N, and --jobs without --jsonl, as usage errors', () => {
    for (const n of ['0', '-1', 'two', '1.5', '65']) {
      const r = cli(['analyze', '--jsonl', `--jobs=${n}`], '');
      assert.equal(r.code, 2, n);
      assert.match(r.stderr, /--jobs must be a whole number from 1 to 64/);
    }
    const r = cli(['analyze', '--jobs', '2', '-'], 'x');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--jobs works with --jsonl/);
  });

  it('with one worker (no head workers) analyses the documents whole: the same bytes', async () => {
    const text = input().split('\n').slice(0, 40).join('\n') + '\n';
    const one = cli(['analyze', '--jsonl'], text);
    let stdout = '', stderr = '';
    const io = { stdout: (s: string) => (stdout += s), stderr: (s: string) => (stderr += s), stdin: Readable.from([Buffer.from(text)]) };
    assert.equal(headWorkers(1), 0);
    const code = await analyzeJsonlInWorkers(io, 1, join(ROOT, 'dist', 'jsonl-worker.js'));
    assert.deepEqual({ code, stdout, stderr }, one);
    assert.ok(stdout.split('\n').length > 30);
  });

  it('reads standard input redirected from a file (read directly, 1 MB at a time) as it reads a pipe', () => {
    // Lines that straddle the 1 MB read boundary, a CRLF line end, and no line feed at the end.
    const filler = 'x'.repeat((1 << 20) - 40);
    const text = [JSON.stringify({ id: 'a', text: 'Jane Smith spoke in Paris.' }), JSON.stringify({ id: 'long', text: filler }),
      JSON.stringify({ id: 'b', text: 'Acme Corp. hired Bo Li.' }) + '\r', JSON.stringify({ id: 'c', text: 'Xi met Trump.' })].join('\n');
    const dir = mkdtempSync(join(tmpdir(), 'news-lens-stdin-'));
    try {
      const file = join(dir, 'in.jsonl');
      writeFileSync(file, text);
      for (const jobs of [[], ['--jobs', '2']]) {
        const fd = openSync(file, 'r');
        let r;
        try {
          r = spawnSync(process.execPath, [CLI, 'analyze', '--jsonl', ...jobs], { cwd: ROOT, stdio: [fd, 'pipe', 'pipe'], encoding: 'utf8', maxBuffer: 1 << 28 });
        } finally {
          closeSync(fd);
        }
        const piped = cli(['analyze', '--jsonl', ...jobs], text);
        assert.deepEqual({ code: r.status, stdout: r.stdout, stderr: r.stderr }, piped);
        assert.deepEqual(r.stdout.trim().split('\n').map((l) => JSON.parse(l).id), ['a', 'long', 'b', 'c']);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a batch answers its lines in order, output of consecutive lines joined, problems between', () => {
    const r = analyzeJsonlBatch({ seq: 4, first: 10, lines: ['{"text":"Ada spoke."}', '{"text":"Bo spoke."}', 'x', '', '{"text":"Cy spoke."}'] });
    assert.equal(r.seq, 4);
    assert.equal(r.pieces.length, 3);
    assert.equal(r.pieces[0]!.stdout!.split('\n').length, 3);
    assert.match(r.pieces[1]!.stderr!, /^news-lens: line 12: not valid JSON/);
    assert.equal(r.pieces[2]!.stdout!.split('\n').length, 2);
  });
});
