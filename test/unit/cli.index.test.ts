// news-lens index / query (src/cli/indexCommands.ts): incremental runs (unchanged, changed, removed,
// sidecar-only changes), a foreign or damaged database left untouched with a clear error, an older
// index rebuilt, the JSON shapes of every query, and --jobs 2 in worker threads (dist/cli.js).
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Database } from 'node-sqlite3-wasm';
import { main } from '../../src/cli/cli';
import { WorkspaceIndex } from '../../src/workspace';
import { version as PACKAGE_VERSION } from '../../package.json';

const ROOT = join(__dirname, '..', '..');
const SEED = readFileSync(join(ROOT, 'seeds', 'trump-xi-tiktok-call.txt'), 'utf8');

async function run(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (s) => { stdout += s; }, stderr: (s) => { stderr += s; }, stdin: Readable.from(['']) });
  return { code, stdout, stderr };
}

function workspace(): { dir: string; db: string } {
  const dir = mkdtempSync(join(tmpdir(), 'newslens-index-cli-'));
  mkdirSync(join(dir, 'news', 'desk'), { recursive: true });
  writeFileSync(join(dir, 'news', 'one.txt'), SEED);
  writeFileSync(join(dir, 'news', 'desk', 'two.txt'), 'Trump said on Monday that "the deal is done." Scott Kennedy disagreed.\n');
  writeFileSync(join(dir, 'news', 'desk', 'three.txt'), 'Ana Silva of Helios Energy said: "We will appeal." A spokesman said nothing.\n');
  writeFileSync(join(dir, 'news', 'one.txt.annotations.yaml'),
    'version: 1\nannotations:\n  - id: n1\n    label: claim\n    status: open\n    author: Ana\n    note: Check it.\n    target:\n      exact: Xi Jinping\n');
  return { dir, db: join(dir, 'index.db') };
}

const json = (s: string): unknown => JSON.parse(s);

describe('news-lens index and query', function () {
  this.timeout(60_000);

  it('indexes the corrected analysis and the corrections; a sidecar that adds or takes back corrections re-analyses', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'newslens-index-corr-'));
    const file = join(dir, 'a.txt');
    const text = 'Harlow Whitfield rose on Monday. Analysts at Harlow Whitfield were pleased.\n';
    writeFileSync(file, text);
    const db = join(dir, 'index.db');
    const typeOf = async (): Promise<string | undefined> =>
      (json((await run(['query', 'entities', '--name', 'Harlow', '--db', db, '--json'])).stdout) as { name: string; type: string }[])
        .find((e) => e.name === 'Harlow Whitfield')?.type;
    const analysed = async (): Promise<number> => (json((await run(['index', dir, '--db', db, '--json'])).stdout) as { analysed: number }).analysed;
    assert.equal(await analysed(), 1);
    const raw = await typeOf();
    assert.ok(raw && raw !== 'ORG', `the fixture needs a name the model does not type ORG (got ${raw})`);
    // A correction: the index now holds the corrected analysis and lists the correction (not as a note).
    writeFileSync(file + '.annotations.yaml', `version: 1
annotations:
  - id: n1
    label: claim
    note: Which firm?
    target: { exact: Analysts }
corrections:
  - id: c-1
    kind: entity
    action: retype
    type: ORG
    author: Ana
    target: { exact: Harlow Whitfield, start: 0, end: 16 }
  - id: c-2
    kind: entity
    action: reject
    target: { exact: Nowhere in the text }
`);
    assert.equal(await analysed(), 1, 'a sidecar with corrections re-analyses the article');
    assert.equal(await typeOf(), 'ORG');
    const ix = WorkspaceIndex.open(db, PACKAGE_VERSION);
    assert.equal(ix.rebuilt, undefined, 'the same index, not a rebuilt one');
    try {
      assert.deepEqual(ix.corrections().map((c) => [c.id, c.action, c.status, c.author, c.start]),
        [['c-2', 'entity reject', 'orphaned', null, -1], ['c-1', 'entity retype ORG', 'applied', 'Ana', 0]]);
      assert.deepEqual(ix.notes().map((n) => n.id), ['n1'], 'corrections are not notes');
    } finally {
      ix.close();
    }
    // The corrections taken back: analysed again, the model's type is back.
    writeFileSync(file + '.annotations.yaml', 'version: 1\nannotations:\n  - id: n1\n    label: claim\n    target: { exact: Analysts }\n');
    assert.equal(await analysed(), 1);
    assert.equal(await typeOf(), raw);
    // A notes-only change does not analyse again.
    writeFileSync(file + '.annotations.yaml', 'version: 1\nannotations:\n  - id: n2\n    label: claim\n    target: { exact: Analysts }\n');
    assert.equal(await analysed(), 0);
  });

  it('analyses only what changed: a second run nothing, an edited file, a removed file, a changed sidecar', async () => {
    const { dir, db } = workspace();
    const news = join(dir, 'news');
    let r = await run(['index', news, '--db', db, '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual({ ...(json(r.stdout) as object), seconds: 0 }, { analysed: 3, unchanged: 0, removed: 0, seconds: 0 });
    r = await run(['index', news, '--db', db, '--json']);
    assert.deepEqual({ ...(json(r.stdout) as object), seconds: 0 }, { analysed: 0, unchanged: 3, removed: 0, seconds: 0 });
    appendFileSync(join(news, 'desk', 'two.txt'), 'Caroline Adler said "fine."\n');
    r = await run(['index', news, '--db', db, '--json']);
    assert.deepEqual({ ...(json(r.stdout) as object), seconds: 0 }, { analysed: 1, unchanged: 2, removed: 0, seconds: 0 });
    r = await run(['query', 'entities', '--db', db, '--name', 'adler', '--json']);
    assert.deepEqual((json(r.stdout) as { name: string }[]).map((e) => e.name), ['Caroline Adler']);
    rmSync(join(news, 'desk', 'three.txt'));
    r = await run(['index', news, '--db', db, '--json']);
    assert.deepEqual({ ...(json(r.stdout) as object), seconds: 0 }, { analysed: 0, unchanged: 2, removed: 1, seconds: 0 });
    r = await run(['query', 'entities', '--db', db, '--name', 'silva', '--json']);
    assert.deepEqual(json(r.stdout), []);
    // The sidecar changes, the article does not: the notes are read again, nothing is analysed.
    writeFileSync(join(news, 'one.txt.annotations.yaml'), readFileSync(join(news, 'one.txt.annotations.yaml'), 'utf8').replace('status: open', 'status: resolved'));
    r = await run(['index', news, '--db', db, '--json']);
    assert.deepEqual({ ...(json(r.stdout) as object), seconds: 0 }, { analysed: 0, unchanged: 2, removed: 0, seconds: 0 });
    r = await run(['query', 'notes', '--status', 'resolved', '--db', db, '--json']);
    assert.deepEqual((json(r.stdout) as { id: string }[]).map((n) => n.id), ['n1']);
    // A touched file with the same bytes is not analysed again.
    writeFileSync(join(news, 'one.txt'), SEED);
    r = await run(['index', news, '--db', db, '--json']);
    assert.equal((json(r.stdout) as { analysed: number }).analysed, 0);
  });

  it('answers every query with the documented JSON shapes', async () => {
    const { dir, db } = workspace();
    assert.equal((await run(['index', join(dir, 'news'), '--db', db])).code, 0);
    const entities = json((await run(['query', 'entities', '--db', db, '--type', 'person', '--json'])).stdout) as Record<string, unknown>[];
    assert.deepEqual(Object.keys(entities[0]!).sort(), ['aliases', 'articles', 'mentions', 'name', 'type']);
    assert.equal(entities[0]!['name'], 'Donald Trump');
    assert.equal(entities[0]!['articles'], 2, 'the "Trump" of two.txt is Donald Trump');
    const mentions = json((await run(['query', 'mentions', 'Trump', '--db', db, '--json'])).stdout) as Record<string, unknown>[];
    assert.deepEqual(Object.keys(mentions[0]!).sort(), ['character', 'end', 'file', 'kind', 'line', 'start', 'text']);
    assert.ok(mentions.some((m) => String(m['file']).endsWith('two.txt')) && mentions.some((m) => m['text'] === 'Donald Trump'));
    for (const m of mentions.filter((x) => String(x['file']).endsWith('one.txt'))) assert.equal(SEED.slice(Number(m['start']), Number(m['end'])), m['text']);
    const quotes = json((await run(['query', 'quotes', '--speaker', 'Donald Trump', '--db', db, '--json'])).stdout) as Record<string, unknown>[];
    assert.deepEqual(Object.keys(quotes[0]!).sort(), ['anonymous', 'end', 'file', 'kind', 'speaker', 'start', 'text']);
    assert.ok(quotes.every((q) => q['speaker'] === 'Donald Trump'));
    assert.ok(quotes.some((q) => String(q['file']).endsWith('two.txt')));
    const notes = json((await run(['query', 'notes', '--label', 'claim', '--db', db, '--json'])).stdout) as Record<string, unknown>[];
    assert.equal(notes.length, 1);
    assert.equal(SEED.slice(Number(notes[0]!['start']), Number(notes[0]!['end'])), 'Xi Jinping');
    const sources = json((await run(['query', 'sources', '--db', db, '--json'])).stdout) as Record<string, unknown>[];
    assert.deepEqual(Object.keys(sources[0]!).sort(), ['files', 'quotes', 'speaker', 'type']);
    const readable = await run(['query', 'entities', '--db', db, '--type', 'person']);
    assert.match(readable.stdout, /^Donald Trump \(PERSON\): \d+ mentions in 2 articles; also Trump/m);
  });

  it('never overwrites a foreign or damaged database file, and says why', async () => {
    const { dir } = workspace();
    const foreign = join(dir, 'foreign.db');
    writeFileSync(foreign, 'not a database at all\n');
    let r = await run(['index', join(dir, 'news'), '--db', foreign]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /foreign\.db is not a News Lens index \(not an SQLite database\); it was left as it is/);
    assert.equal(readFileSync(foreign, 'utf8'), 'not a database at all\n');
    const other = join(dir, 'other.db');
    const d = new Database(other);
    d.exec('CREATE TABLE t(x)');
    d.close();
    const before = readFileSync(other);
    r = await run(['query', 'entities', '--db', other]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /another application, not a News Lens index/);
    assert.deepEqual(readFileSync(other), before);
    r = await run(['query', 'entities', '--db', join(dir, 'missing.db')]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /no index at .*missing\.db \(make one with news-lens index/);
  });

  it('rebuilds an index made by an older version, and says so', async () => {
    const { dir, db } = workspace();
    assert.equal((await run(['index', join(dir, 'news'), '--db', db])).code, 0);
    const d = new Database(db);
    d.exec('PRAGMA user_version = 0');
    d.close();
    const r = await run(['index', join(dir, 'news'), '--db', db, '--json']);
    assert.equal(r.code, 0);
    assert.match(r.stderr, /was made by an older version of News Lens; it was emptied and is rebuilt/);
    assert.equal((json(r.stdout) as { analysed: number }).analysed, 3);
  });

  it('checks its arguments', async () => {
    assert.match((await run(['index', '.'])).stderr, /--db FILE/);
    assert.equal((await run(['query', 'persons', '--db', 'x.db'])).code, 2);
    assert.match((await run(['query', 'quotes', '--label', 'x', '--db', 'x.db'])).stderr, /--label does not apply to query quotes/);
    assert.match((await run(['query', 'mentions', '--db', 'x.db'])).stderr, /name one entity/);
  });

  it('--jobs 2 (worker threads of dist/cli.js) writes the same index as one thread', () => {
    execFileSync(process.execPath, ['esbuild.mjs', '--quiet'], { cwd: ROOT, stdio: 'inherit' });
    const { dir } = workspace();
    const cli = (...args: string[]) => spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), ...args], { encoding: 'utf8' });
    const one = cli('index', join(dir, 'news'), '--db', join(dir, 'one.db'), '--json');
    const two = cli('index', join(dir, 'news'), '--db', join(dir, 'two.db'), '--jobs', '2', '--json');
    assert.equal(two.status, 0, two.stderr);
    assert.equal((json(two.stdout) as { analysed: number }).analysed, 3);
    for (const q of [['entities'], ['quotes'], ['notes'], ['mentions', 'Trump']]) {
      const a = cli('query', ...q, '--db', join(dir, 'one.db'), '--json');
      const b = cli('query', ...q, '--db', join(dir, 'two.db'), '--json');
      assert.equal(a.status, 0, a.stderr);
      assert.equal(b.stdout, a.stdout, q.join(' '));
    }
    assert.equal(one.status, 0);
  });
});
