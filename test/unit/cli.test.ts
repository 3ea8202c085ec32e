import * as assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COMMANDS, main } from '../../src/cli/cli';

const SEED = join(__dirname, '..', '..', 'seeds', 'trump-xi-tiktok-call.txt');

async function run(args: string[], stdin = '') {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (s) => { stdout += s; }, stderr: (s) => { stderr += s; }, stdin: Readable.from([stdin]) });
  return { code, stdout, stderr };
}

describe('news-lens CLI', () => {
  it('prints a readable summary of an article', async () => {
    const r = await run(['analyze', SEED]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Donald Trump\s+PERSON\s+×\d+\s+aka Trump/);
    assert.match(r.stdout, /Chenyue Mao\s+PERSON.*"Wells Fargo banker"/);
    assert.match(r.stdout, /Quotations/);
    assert.match(r.stdout, /— Scott Kennedy, according to/);
  });

  it('prints the whole analysis with --json', async () => {
    const r = await run(['analyze', '--json', SEED]);
    assert.equal(r.code, 0);
    const a = JSON.parse(r.stdout);
    assert.equal(a.file, SEED);
    assert.ok(Array.isArray(a.entities) && a.entities.length > 40);
    assert.ok(a.quotes.length >= 8);
    assert.ok(a.quotes.some((q: { kind: string }) => q.kind === 'indirect'));
  });

  it('processes JSON Lines in order, reporting bad lines by number and still processing the rest', async () => {
    const input = [
      JSON.stringify({ id: 'a', text: 'Angela Merkel visited Paris on Monday.' }),
      'this is not json',
      JSON.stringify({ id: 'c' }),
      '',
      JSON.stringify({ id: 7, text: '"We are ready," said Jane Smith.' }),
    ].join('\n');
    const r = await run(['analyze', '--jsonl'], input);
    assert.equal(r.code, 1, 'a failed line makes the exit status non-zero');
    assert.match(r.stderr, /line 2: not valid JSON/);
    assert.match(r.stderr, /line 3: expected an object with a string "text" field/);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(lines.map((l) => l.id), ['a', 7]);
    const merkel = lines[0].entities.find((e: { text: string }) => e.text === 'Angela Merkel');
    assert.deepEqual({ type: merkel.type, conll: merkel.conll, start: merkel.start, end: merkel.end }, { type: 'PERSON', conll: 'PER', start: 0, end: 13 });
    const monday = lines[0].entities.find((e: { text: string }) => e.text === 'Monday');
    assert.equal(monday.type, 'DATE');
    assert.equal('conll' in monday, false, 'value types carry no CoNLL label');
    const q = lines[1].quotes[0];
    assert.equal(q.kind, 'direct');
    assert.deepEqual(q.speaker, { start: 21, end: 31, text: 'Jane Smith' });
    assert.deepEqual(q.cue, { start: 16, end: 20, text: 'said' });
    assert.equal(lines[1].clusters[q.speakerCluster].name, 'Jane Smith');
  });

  it('gives every attribution its kind, attribution id, anonymity and resolved speaker in JSON Lines', async () => {
    const text = 'Ruth Adler chairs the board. “We will sell,” she said, “but not this year.” ' +
      'A senior banker said the price was too low. Adler said the offer was “simply insulting” to the staff.';
    const r = await run(['analyze', '--jsonl'], JSON.stringify({ id: 'x', text }) + '\n');
    assert.equal(r.code, 0, r.stderr);
    const line = JSON.parse(r.stdout.trim());
    const adler = line.clusters.find((c: { name: string }) => c.name === 'Ruth Adler').id;
    const [first, second] = line.quotes.filter((q: { kind: string }) => q.kind === 'direct');
    assert.equal(first.attribution, second.attribution, 'one attribution, two segments');
    assert.deepEqual([first.speakerCluster, second.speakerCluster], [adler, adler]);
    assert.equal(first.speaker.text, 'she');
    const banker = line.quotes.find((q: { text: string }) => q.text.startsWith('the price was too low'));
    assert.deepEqual([banker.kind, banker.anonymous, 'speakerCluster' in banker], ['indirect', true, false]);
    const mixed = line.quotes.find((q: { kind: string }) => q.kind === 'mixed');
    assert.ok(mixed.text.includes('“simply insulting”'));
    assert.equal(mixed.speakerCluster, adler);
    assert.equal('anonymous' in first, false, 'anonymous is only written when true');
    for (const q of line.quotes) assert.equal(text.slice(q.start, q.end), q.text);
  });

  it('exits 0 on clean JSON Lines input', async () => {
    const r = await run(['analyze', '--jsonl'], JSON.stringify({ id: 1, text: 'Nothing here.' }) + '\n');
    assert.equal(r.code, 0);
    assert.equal(r.stderr, '');
  });

  it('reports a missing file clearly, without a stack trace', async () => {
    const r = await run(['analyze', '/no/such/article.txt']);
    assert.equal(r.code, 1);
    assert.equal(r.stderr.trim(), 'news-lens: cannot read /no/such/article.txt: no such file');
  });

  it('rejects unknown commands and options with usage', async () => {
    assert.equal((await run(['frobnicate'])).code, 2);
    const r = await run(['analyze', '--bogus', SEED]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown option --bogus/);
  });

  it('reads standard input for the file argument -', async () => {
    const text = 'Angela Merkel visited Paris on Monday. "We are ready," said Jane Smith.';
    const r = await run(['analyze', '-'], text);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^\(standard input\): \d+ words/);
    assert.match(r.stdout, /Angela Merkel\s+PERSON/);
    const j = await run(['analyze', '--json', '-'], text);
    assert.equal(j.code, 0, j.stderr);
    const a = JSON.parse(j.stdout);
    assert.equal(a.file, '-');
    assert.ok(a.entities.some((e: { text: string }) => e.text === 'Jane Smith'));
    // with files: standard input takes its place in the order
    const m = await run(['analyze', '--json', SEED, '-'], text);
    assert.deepEqual(JSON.parse(m.stdout).map((x: { file: string }) => x.file), [SEED, '-']);
    // standard input cannot be read twice
    const twice = await run(['analyze', '-', '-'], text);
    assert.equal(twice.code, 2);
    assert.match(twice.stderr, /standard input \(-\) can be named only once/);
  });

  describe('folders', () => {
    function tree(): string {
      const dir = mkdtempSync(join(tmpdir(), 'newslens-analyze-'));
      const seed = readFileSync(SEED, 'utf8');
      for (const f of ['b.txt', 'a.txt', 'sub/c.txt', 'sub/deeper/d.txt', 'node_modules/pkg/x.txt', '.hidden/y.txt', 'sub/.git/z.txt']) {
        mkdirSync(join(dir, f, '..'), { recursive: true });
        writeFileSync(join(dir, f), `${f}: Angela Merkel visited Paris. ${f === 'a.txt' ? seed : ''}`);
      }
      writeFileSync(join(dir, 'a.txt.annotations.yaml'), 'version: 1\n');
      writeFileSync(join(dir, 'notes.md'), '# not an article\n');
      return dir;
    }

    it('expands a folder to its *.txt articles, recursively and sorted, leaving out sidecars, node_modules and dot-folders', async () => {
      const dir = tree();
      const r = await run(['analyze', '--json', dir]);
      assert.equal(r.code, 0, r.stderr);
      const files = JSON.parse(r.stdout).map((x: { file: string }) => x.file);
      assert.deepEqual(files, ['a.txt', 'b.txt', 'sub/c.txt', 'sub/deeper/d.txt'].map((f) => join(dir, f)));
      const s = await run(['analyze', dir]);
      assert.equal(s.code, 0, s.stderr);
      const headers = s.stdout.split('\n').filter((l) => /^\S.*: \d+ words/.test(l)).map((l) => l.slice(0, l.indexOf(': ')));
      assert.deepEqual(headers, files);
    });

    it('takes a symbolic link to an article, and does not follow links to folders (no cycles)', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'newslens-analyze-'));
      const elsewhere = mkdtempSync(join(tmpdir(), 'newslens-elsewhere-'));
      writeFileSync(join(elsewhere, 'real.txt'), 'Angela Merkel visited Paris.');
      writeFileSync(join(elsewhere, 'other.txt'), 'Angela Merkel visited Rome.');
      writeFileSync(join(dir, 'own.txt'), 'Jane Smith visited Berlin.');
      symlinkSync(join(elsewhere, 'real.txt'), join(dir, 'linked.txt'));
      symlinkSync(elsewhere, join(dir, 'folder-link'));
      symlinkSync(dir, join(dir, 'loop'));
      const r = await run(['analyze', '--json', dir]);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(JSON.parse(r.stdout).map((x: { file: string }) => x.file), [join(dir, 'linked.txt'), join(dir, 'own.txt')]);
    });

    it('gives an array for a folder even with one article, and writes the same JSON as one stringify', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'newslens-analyze-'));
      writeFileSync(join(dir, 'only.txt'), 'Angela Merkel visited Paris on Monday.');
      const r = await run(['analyze', '--json', dir]);
      assert.equal(r.code, 0, r.stderr);
      const parsed = JSON.parse(r.stdout);
      assert.ok(Array.isArray(parsed) && parsed.length === 1);
      const many = await run(['analyze', '--json', tree(), SEED]);
      assert.equal(many.stdout, JSON.stringify(JSON.parse(many.stdout), null, 2) + '\n', 'streamed array = JSON.stringify(array, null, 2)');
    });

    it('reports a folder without articles, and still analyses the other arguments', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'newslens-analyze-'));
      writeFileSync(join(dir, 'x.txt.annotations.yaml'), 'version: 1\n');
      mkdirSync(join(dir, 'node_modules'));
      writeFileSync(join(dir, 'node_modules', 'x.txt'), 'Not an article of ours.');
      const r = await run(['analyze', '--json', dir, SEED]);
      assert.equal(r.code, 1);
      assert.equal(r.stderr, `news-lens: no articles in ${dir} (looked for *.txt files, skipping node_modules and dot-folders)\n`);
      assert.deepEqual(JSON.parse(r.stdout).map((x: { file: string }) => x.file), [SEED]);
    });
  });

  describe('conventions', () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8'));

    it('prints the package version for --version and -V', async () => {
      for (const flag of ['--version', '-V']) {
        const r = await run([flag]);
        assert.deepEqual(r, { code: 0, stdout: `${pkg.version}\n`, stderr: '' });
      }
    });

    it('prints the overview for --help, -h and help, listing every command', async () => {
      for (const args of [['--help'], ['-h'], ['help']]) {
        const r = await run(args);
        assert.equal(r.code, 0, args.join(' '));
        assert.equal(r.stderr, '');
        assert.match(r.stdout, /^Usage: news-lens COMMAND/);
        for (const c of ['analyze', 'annotations', 'annotate', 'check', 'export', 'merge-driver', 'learn', 'help']) assert.match(r.stdout, new RegExp(`^  ${c} `, 'm'), c);
        assert.match(r.stdout, /-V, --version/);
      }
      const none = await run([]);
      assert.equal(none.code, 2);
      assert.equal(none.stdout, '');
      assert.match(none.stderr, /^news-lens: name a command\nUsage: news-lens COMMAND/);
    });

    it('knows the commands it was asked about', () => {
      assert.deepEqual(COMMANDS.map((c) => c.spec.name), ['analyze', 'annotations', 'annotate', 'check', 'export', 'merge-driver', 'learn', 'index', 'query', 'help']);
    });

    for (const command of ['analyze', 'annotations', 'annotate', 'check', 'export', 'merge-driver', 'learn', 'index', 'query', 'help']) {
      it(`${command}: --help and -h print its usage and every option to stdout, exit 0`, async () => {
        const spec = COMMANDS.find((c) => c.spec.name === command)!.spec;
        const texts: string[] = [];
        for (const args of [[command, '--help'], [command, '-h'], ['help', command], ['--help', command], [command, 'x', '--help', '--bogus']]) {
          const r = await run(args);
          assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
          assert.equal(r.stderr, '', args.join(' '));
          texts.push(r.stdout);
        }
        assert.ok(texts.every((t) => t === texts[0]), 'the same help every way');
        const help = texts[0]!;
        assert.ok(help.startsWith(`Usage: news-lens ${command}`), help);
        for (const option of [...Object.keys(spec.options), 'help']) assert.match(help, new RegExp(`--${option}\\b`), option);
        assert.match(help, /-h, --help/);
        for (const line of help.split('\n')) assert.ok(line.length <= 100, `line longer than 100 columns: ${line}`);
      });

      it(`${command}: an unknown option is a usage error naming it, with the command's usage, exit 2`, async () => {
        const r = await run([command, '--bogus']);
        assert.equal(r.code, 2);
        assert.equal(r.stdout, '');
        assert.match(r.stderr, new RegExp(`^news-lens ${command}: unknown option --bogus\\nUsage: news-lens ${command}`));
        assert.match(r.stderr, new RegExp(`Run "news-lens ${command} --help" for the options\\.\\n$`));
      });
    }

    it('names the option in other usage errors', async () => {
      const cases: [string[], RegExp][] = [
        [['analyze', '-x', SEED], /^news-lens analyze: unknown option -x \(a file named "-x" goes after --/],
        [['analyze', '--json=yes', SEED], /^news-lens analyze: option --json takes no value\n/],
        [['export', 'a.txt', '--format'], /^news-lens export: option --format needs a value\n/],
        [['export', '--format', '--bom', 'a.txt'], /^news-lens export: option --format needs a value \(a value starting with "-" is written --format=VALUE\)/],
        [['analyze', '--json', '--jsonl'], /^news-lens analyze: --json and --jsonl cannot be combined/],
        [['analyze', '--jsonl', SEED], /^news-lens analyze: --jsonl reads standard input; name no files/],
        [['analyze'], /^news-lens analyze: name at least one file or folder, or - for standard input\n/],
        [['--bogus'], /^news-lens: unknown option --bogus\nUsage: news-lens COMMAND/],
        [['help', 'nope'], /^news-lens help: unknown command "nope"/],
      ];
      for (const [args, re] of cases) {
        const r = await run(args);
        assert.equal(r.code, 2, args.join(' '));
        assert.match(r.stderr, re, args.join(' '));
      }
    });

    it('reads -h after -- as a file name, not as help', async () => {
      const r = await run(['analyze', '--', '-h']);
      assert.equal(r.code, 1);
      assert.equal(r.stderr, 'news-lens: cannot read -h: no such file\n');
    });

    it('accepts - with --jsonl (it reads standard input anyway)', async () => {
      const r = await run(['analyze', '--jsonl', '-'], JSON.stringify({ id: 1, text: 'Angela Merkel spoke.' }) + '\n');
      assert.equal(r.code, 0, r.stderr);
      assert.equal(JSON.parse(r.stdout).id, 1);
    });
  });
});
