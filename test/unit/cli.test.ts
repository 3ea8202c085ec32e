import * as assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { join } from 'node:path';
import { main } from '../../src/cli/cli';

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
});
