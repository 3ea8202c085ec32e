// news-lens annotate: adds one note through the store (and its lock); offsets in code points.
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runAnnotate } from '../../src/cli/annotations';
import { lockPathFor, parseSidecar } from '../../src/store';

// An astral character first: code points and UTF-16 indices differ by one after it.
const TEXT = '🔥 Reporters met in Paris on Monday. The talks in Paris ran late.\n';

function article(text = TEXT): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'newslens-annotate-'));
  const file = path.join(dir, 'story.txt');
  writeFileSync(file, text);
  return file;
}

async function annotate(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runAnnotate(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

function sidecar(file: string) {
  return parseSidecar(readFileSync(`${file}.annotations.yaml`, 'utf8'), { articleText: TEXT });
}

describe('news-lens annotate', () => {
  it('--exact: adds the note, prints its id, writes the sidecar (code points on disk) and leaves no lock', async () => {
    const file = article();
    const r = await annotate([file, '--exact', 'Monday', '--label', 'date', '--note', 'which Monday?', '--author', 'Ana']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    const [a, ...rest] = sidecar(file).annotations;
    assert.equal(rest.length, 0);
    assert.equal(r.stdout, `${a!.id}\n`);
    assert.deepEqual([a!.label, a!.note, a!.author, a!.target.exact], ['date', 'which Monday?', 'Ana', 'Monday']);
    assert.equal(a!.target.start, TEXT.indexOf('Monday'), 'UTF-16 in the API');
    assert.match(readFileSync(`${file}.annotations.yaml`, 'utf8'), new RegExp(`start: ${TEXT.indexOf('Monday') - 1}\\n`), 'code points in the file');
    assert.equal(existsSync(lockPathFor(`${file}.annotations.yaml`)), false);
  });

  it('--start/--end count code points, like the sidecar; --json prints the note', async () => {
    const file = article();
    const cpStart = [...TEXT].join('').indexOf('Reporters') - 1; // one astral character before it
    const r = await annotate([file, '--start', String(cpStart), '--end', String(cpStart + 9), '--label', 'who', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.exact, 'Reporters');
    assert.deepEqual([out.start, out.end, out.offsets, out.label, out.note], [cpStart, cpStart + 9, 'code points', 'who', null]);
    assert.equal(out.id, sidecar(file).annotations[0]!.id);
    assert.equal(sidecar(file).annotations[0]!.target.exact, 'Reporters');
  });

  it('a second note goes beside the first (same store, merged by id)', async () => {
    const file = article();
    const one = await annotate([file, '--exact', 'Monday', '--label', 'a']);
    const two = await annotate([`${file}.annotations.yaml`, '--exact', 'late', '--label', 'b']);
    assert.equal(one.code + two.code, 0);
    assert.deepEqual(sidecar(file).annotations.map((a) => a.label).sort(), ['a', 'b']);
  });

  it('--exact must occur exactly once: the error names the count, nothing is written', async () => {
    const file = article();
    const twice = await annotate([file, '--exact', 'Paris', '--label', 'x']);
    assert.equal(twice.code, 1);
    assert.match(twice.stderr, /^news-lens annotate: --exact "Paris" occurs 2 times in .*story\.txt; it must occur exactly once/);
    const never = await annotate([file, '--exact', 'London', '--label', 'x']);
    assert.equal(never.code, 1);
    assert.match(never.stderr, /--exact "London" occurs 0 times/);
    assert.equal(existsSync(`${file}.annotations.yaml`), false);
  });

  it('offsets past the end of the article are an error naming its length in code points', async () => {
    const file = article();
    const length = [...TEXT].length;
    const r = await annotate([file, '--start', '3', '--end', String(length + 1), '--label', 'x']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, new RegExp(`--end ${length + 1} is past the end of .*story\\.txt \\(${length} code points\\)`));
    assert.equal((await annotate([file, '--start', '3', '--end', String(length), '--label', 'x'])).code, 0);
  });

  it('usage errors exit 2 and say what is wrong', async () => {
    const file = article();
    const cases: [string[], RegExp][] = [
      [[file, '--label', 'x'], /say what to annotate: --exact TEXT, or --start N --end N/],
      [[file, '--exact', 'Monday'], /--label is required/],
      [[file, '--exact', 'Monday', '--start', '1', '--end', '2', '--label', 'x'], /either --exact or --start and --end, not both/],
      [[file, '--start', '1', '--label', 'x'], /--start and --end go together/],
      [[file, '--start', '1.5', '--end', '3', '--label', 'x'], /--start takes a whole number of code points, not "1\.5"/],
      [[file, '--start', '5', '--end', '5', '--label', 'x'], /--end \(5\) must be greater than --start \(5\)/],
      [['--exact', 'Monday', '--label', 'x'], /name the article/],
      [['-', '--exact', 'Monday', '--label', 'x'], /standard input \(-\) is not supported/],
    ];
    for (const [args, message] of cases) {
      const r = await annotate(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, message, args.join(' '));
      assert.match(r.stderr, /Usage: news-lens annotate FILE/);
    }
    assert.equal(existsSync(`${file}.annotations.yaml`), false);
  });

  it('a missing article or an invalid sidecar is an error, and the sidecar is left as it was', async () => {
    const missing = await annotate([path.join(os.tmpdir(), 'no-such-dir-newslens', 'x.txt'), '--exact', 'a', '--label', 'x']);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /article not found/);
    const file = article();
    writeFileSync(`${file}.annotations.yaml`, 'version: 1\nannotations: [\n');
    const r = await annotate([file, '--exact', 'Monday', '--label', 'x']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /is invalid and will not be modified/);
    assert.equal(readFileSync(`${file}.annotations.yaml`, 'utf8'), 'version: 1\nannotations: [\n');
  });
});
