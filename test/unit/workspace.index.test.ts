// The workspace index (src/workspace): cross-article identity (identity.ts rule 3), the incremental
// writes and their entity summary, the queries, and what opening does with foreign, corrupt, older
// and newer database files.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from 'node-sqlite3-wasm';
import { APPLICATION_ID, IndexFileError, SCHEMA_VERSION, WorkspaceIndex, analysisRecord, normName } from '../../src/workspace';
import { lineMapper } from '../../src/workspace/record';
import type { ArticleRecord, ClusterRecord } from '../../src/workspace';
import { analyze } from '../../src/engine';

/** A cluster named `name` with one mention per surface form in `forms` (name first). */
function cluster(cid: number, name: string, type: string, aliases: string[] = [], at = 0): ClusterRecord {
  const forms = [name, ...aliases];
  return { cid, name, type, aliases, mentions: forms.map((f, i): ClusterRecord['mentions'][number] => [at + i * 100, at + i * 100 + f.length, f, 'name', 0, at + i * 100]) };
}

function article(path: string, clusters: ClusterRecord[], extra: Partial<ArticleRecord> = {}): ArticleRecord {
  return { path, stamp: { size: 1, mtimeMs: 1 }, sidecarStamp: null, hash: path, chars: 1000, clusters, quotes: [], notes: [], sidecarErrors: [], ...extra };
}

function names(ix: WorkspaceIndex, type = 'PERSON'): string[] {
  return ix.entities({ type }).map((e) => `${e.name}:${e.articles}`).sort();
}

describe('workspace index: cross-article identity', () => {
  it('normalises names: case, typographic apostrophes, "the", possessives, spaces', () => {
    assert.equal(normName('  Donald   TRUMP '), 'donald trump');
    assert.equal(normName('The Washington Post'), 'washington post');
    assert.equal(normName('Trump’s'), 'trump');
    assert.equal(normName('—'), '');
  });

  it('joins a one-word name to the only longer name with that surname, and splits it when a second one arrives', () => {
    const ix = WorkspaceIndex.open(':memory:', 'test');
    ix.upsert([article('/a.txt', [cluster(0, 'Donald Trump', 'PERSON', ['Trump'])]), article('/b.txt', [cluster(0, 'Trump', 'PERSON')])]);
    ix.refreshEntities();
    assert.deepEqual(names(ix), ['Donald Trump:2']);
    assert.deepEqual(ix.entities({ type: 'PERSON' })[0]!.aliases, ['Trump']);
    assert.deepEqual(ix.mentions('Trump').map((m) => `${m.file}:${m.text}`), ['/a.txt:Donald Trump', '/a.txt:Trump', '/b.txt:Trump']);
    // A second Trump contradicts the join: "Trump" alone is its own entity again.
    ix.upsert([article('/c.txt', [cluster(0, 'Melania Trump', 'PERSON')])]);
    assert.deepEqual(names(ix), ['Donald Trump:1', 'Melania Trump:1', 'Trump:1']);
    assert.deepEqual(ix.mentions('Trump').map((m) => m.file), ['/b.txt']);
    // Removing her article restores the join.
    ix.remove(['/c.txt']);
    assert.deepEqual(names(ix), ['Donald Trump:2']);
    ix.close();
  });

  it('joins by alias for any type, never across types, never two longer names with each other', () => {
    const ix = WorkspaceIndex.open(':memory:', 'test');
    ix.upsert([
      article('/a.txt', [cluster(0, 'Asia-Pacific Economic Cooperation', 'ORG', ['APEC']), cluster(1, 'Kennedy', 'ORG')]),
      article('/b.txt', [cluster(0, 'APEC', 'ORG'), cluster(1, 'Scott Kennedy', 'PERSON'), cluster(2, 'Robert Kennedy Jr', 'PERSON')]),
      article('/c.txt', [cluster(0, 'Kennedy', 'PERSON'), cluster(1, 'Caroline Kennedy', 'PERSON')]),
    ]);
    assert.deepEqual(names(ix, 'ORG'), ['Asia-Pacific Economic Cooperation:2', 'Kennedy:1']);
    // Two people end in Kennedy ("Robert Kennedy Jr" ends in "jr"): Scott and Caroline: no join.
    assert.deepEqual(names(ix), ['Caroline Kennedy:1', 'Kennedy:1', 'Robert Kennedy Jr:1', 'Scott Kennedy:1']);
    ix.close();
  });

  it('keeps the entity summary right when an article is rewritten (counts move, old names go)', () => {
    const ix = WorkspaceIndex.open(':memory:', 'test');
    ix.upsert([article('/a.txt', [cluster(0, 'Ana Silva', 'PERSON', ['Silva'])]), article('/b.txt', [cluster(0, 'Ana Silva', 'PERSON')])]);
    assert.deepEqual(ix.entities(), [{ name: 'Ana Silva', type: 'PERSON', aliases: ['Silva'], articles: 2, mentions: 3 }]);
    ix.upsert([article('/b.txt', [cluster(0, 'Rui Costa', 'PERSON')])]);
    assert.deepEqual(ix.entities().map((e) => [e.name, e.articles, e.mentions]), [['Ana Silva', 1, 2], ['Rui Costa', 1, 1]]);
    ix.close();
  });
});

describe('workspace index: line and column of a mention', () => {
  it('counts lines as VS Code does: \\r\\n, \\r and \\n each end one', () => {
    const text = 'ab\r\ncd\ref\ngh';
    const at = lineMapper(text);
    assert.deepEqual([0, 1, 4, 5, 7, 8, 10, 11].map(at), [[0, 0], [0, 1], [1, 0], [1, 1], [2, 0], [2, 1], [3, 0], [3, 1]]);
  });
});

describe('workspace index: queries', () => {
  const text = readFileSync(join(__dirname, '..', '..', 'seeds', 'trump-xi-tiktok-call.txt'), 'utf8');
  const seedRecord = (path: string): ArticleRecord => ({ ...article(path, []), ...analysisRecord(text, analyze(text)) });

  it('lists entities most mentioned first, quotations by speaker, sources and symbols across articles', () => {
    const ix = WorkspaceIndex.open(':memory:', 'test');
    ix.upsert([seedRecord('/one.txt'), seedRecord('/two.txt'), article('/three.txt', [cluster(0, 'Trump', 'PERSON')], {
      quotes: [{ start: 0, end: 10, text: '"Go," he said', kind: 'direct', speakerText: 'Trump', speakerCid: 0, anonymous: false },
        { start: 20, end: 30, text: '"No," said a U.S. official', kind: 'direct', speakerText: 'a U.S. official', anonymous: true },
        { start: 40, end: 50, text: '"Maybe."', kind: 'direct', anonymous: false }],
    })]);
    const all = ix.entities();
    for (let i = 1; i < all.length; i++) assert.ok(all[i - 1]!.mentions >= all[i]!.mentions, 'most mentioned first');
    const trump = all.find((e) => e.name === 'Donald Trump')!;
    assert.equal(trump.articles, 3);
    assert.ok(trump.aliases.includes('Trump'));
    assert.deepEqual(Object.keys(trump).sort(), ['aliases', 'articles', 'mentions', 'name', 'type']);
    assert.deepEqual(ix.entities({ name: 'kenned' }).map((e) => e.name), ['Scott Kennedy']);
    const quotes = ix.quotes({ speaker: 'Trump' });
    assert.ok(quotes.length >= 3);
    assert.ok(quotes.every((q) => q.speaker === 'Donald Trump'));
    assert.deepEqual([...new Set(quotes.map((q) => q.file))], ['/one.txt', '/three.txt', '/two.txt']);
    assert.deepEqual(ix.quotes({ speaker: 'a U.S. official' }).map((q) => q.file), ['/one.txt', '/three.txt', '/two.txt']);
    const sources = ix.sources();
    assert.equal(sources[0]!.speaker, 'Donald Trump');
    assert.deepEqual(sources[0]!.files, ['/one.txt', '/three.txt', '/two.txt']);
    assert.deepEqual(ix.unattributed().find((u) => u.file === '/three.txt'), { file: '/three.txt', anonymous: 1, unattributed: 1 });
    const symbols = ix.symbols('Kennedy');
    assert.deepEqual(symbols.map((s) => s.file).sort(), ['/one.txt', '/two.txt']);
    assert.equal(text.slice(symbols[0]!.start, symbols[0]!.end), 'Scott Kennedy');
    const mentions = ix.mentions('Donald Trump');
    assert.ok(mentions.some((m) => m.kind === 'pronoun'), 'resolved pronouns are mentions too');
    const lines = text.split('\n');
    for (const m of mentions.filter((x) => x.file === '/one.txt')) {
      assert.equal(text.slice(m.start, m.end), m.text);
      assert.equal(lines[m.line]!.slice(m.character, m.character + m.text.length), m.text, 'line and character of the mention');
    }
    ix.close();
  });

  it('quotesJson is the JSON text of every quotes() row: resolved, anonymous and unattributed speakers, awkward text', () => {
    const ix = WorkspaceIndex.open(':memory:', 'test');
    ix.upsert([seedRecord('/one.txt'), article('/three.txt', [cluster(0, 'Trump', 'PERSON')], {
      quotes: [{ start: 0, end: 10, text: '"Go," he said\n\ttab "q" \\ \u0001 é 😀', kind: 'direct', speakerText: 'Trump', speakerCid: 0, anonymous: false },
        { start: 20, end: 30, text: '"No," said a U.S. official', kind: 'direct', speakerText: 'a U.S. official', anonymous: true },
        { start: 40, end: 50, text: '"Maybe."', kind: 'mixed', anonymous: false }],
    })]);
    const rows = ix.quotes();
    assert.ok(rows.length > 3 && rows.some((r) => r.speaker === null) && rows.some((r) => r.anonymous) && rows.some((r) => r.speaker === 'Donald Trump'));
    assert.deepEqual(ix.quotesJson(), rows.map((r) => JSON.stringify(r)));
    ix.close();
  });

  it('filters notes by label, status and author and counts open notes per file', () => {
    const ix = WorkspaceIndex.open(':memory:', 'test');
    const note = (id: string, label: string, status: 'open' | 'resolved', author: string) =>
      ({ kind: 'note' as const, id, label, status, author, start: 0, end: 4, exact: 'Text', replies: 0 });
    ix.upsert([article('/a.txt', [], { notes: [note('1', 'claim', 'open', 'ana'), note('2', 'style', 'resolved', 'ben')] }),
      article('/b.txt', [], { notes: [note('3', 'claim', 'resolved', 'ana')] })]);
    assert.deepEqual(ix.notes({ label: 'claim' }).map((n) => n.id), ['1', '3']);
    assert.deepEqual(ix.notes({ status: 'resolved', author: 'ana' }).map((n) => n.id), ['3']);
    assert.deepEqual([...ix.openNoteCounts()], [['/a.txt', 1]]);
    ix.replaceNotes('/a.txt', null, [], []);
    assert.deepEqual([...ix.openNoteCounts()], []);
    ix.close();
  });
});

describe('workspace index: the database file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'newslens-ix-'));

  it('refuses a file that is not SQLite and leaves it as it is', () => {
    const file = join(dir, 'notes.db');
    writeFileSync(file, 'my precious notes\n');
    assert.throws(() => WorkspaceIndex.open(file, 'test'), (e: Error) => e instanceof IndexFileError && /not a News Lens index \(not an SQLite database\)/.test(e.message));
    assert.equal(readFileSync(file, 'utf8'), 'my precious notes\n');
  });

  it("refuses another application's SQLite database and leaves it as it is", () => {
    const file = join(dir, 'other.db');
    const db = new Database(file);
    db.exec("CREATE TABLE accounts(name TEXT); INSERT INTO accounts VALUES ('x')");
    db.close();
    const before = readFileSync(file);
    assert.throws(() => WorkspaceIndex.open(file, 'test'), /SQLite database of another application/);
    assert.deepEqual(readFileSync(file), before);
  });

  it('reports a damaged index (a News Lens header, garbage after it) without touching it', () => {
    const file = join(dir, 'damaged.db');
    const ix = WorkspaceIndex.open(file, 'test');
    ix.upsert([article('/a.txt', [cluster(0, 'Ana Silva', 'PERSON')])]);
    ix.close();
    const bytes = readFileSync(file);
    for (let i = 4096; i < bytes.length; i++) bytes[i] = (i * 7) & 0xff;
    writeFileSync(file, bytes);
    assert.throws(() => { const x = WorkspaceIndex.open(file, 'test'); try { x.entities(); } finally { x.close(); } }, IndexFileError);
    assert.deepEqual(readFileSync(file), bytes);
  });

  it('rebuilds an index of an older schema or another engine, and refuses a newer one', () => {
    const file = join(dir, 'old.db');
    let ix = WorkspaceIndex.open(file, 'test');
    assert.equal(ix.rebuilt, 'new');
    ix.upsert([article('/a.txt', [cluster(0, 'Ana Silva', 'PERSON')])]);
    ix.close();
    ix = WorkspaceIndex.open(file, 'test');
    assert.equal(ix.rebuilt, undefined);
    assert.equal(ix.counts().articles, 1);
    ix.close();
    const db = new Database(file);
    db.exec(`PRAGMA user_version = ${SCHEMA_VERSION - 1}`);
    db.close();
    ix = WorkspaceIndex.open(file, 'test');
    assert.equal(ix.rebuilt, 'older-schema');
    assert.equal(ix.counts().articles, 0);
    ix.close();
    ix = WorkspaceIndex.open(file, 'test-2');
    assert.equal(ix.rebuilt, 'other-engine');
    ix.close();
    const newer = new Database(file);
    newer.exec(`PRAGMA user_version = ${SCHEMA_VERSION + 1}`);
    assert.equal(Number(newer.get('PRAGMA application_id')?.['application_id']), APPLICATION_ID);
    newer.close();
    assert.throws(() => WorkspaceIndex.open(file, 'test-2'), /made by a newer News Lens/);
  });
});
