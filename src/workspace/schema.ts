// The workspace index's database file: SQLite compiled to WebAssembly (node-sqlite3-wasm: a real
// file on disk written page by page through Node's fs, no native module). Opening checks what the
// file is before anything is written:
// - missing or empty: a new index is created;
// - not an SQLite file, or an SQLite database of another application: IndexFileError, the file is
//   left untouched;
// - a News Lens index of an older schema (PRAGMA user_version) or written by another News Lens
//   version (meta.engine, whose analyses may differ): emptied and rebuilt (`rebuilt` says why);
// - of a newer schema: IndexFileError (an older News Lens does not downgrade a newer index).
import * as fs from 'node:fs';
import type { Database } from 'node-sqlite3-wasm';

/** node-sqlite3-wasm, loaded on first use: it compiles its WebAssembly module (dist/node-sqlite3-wasm.wasm
 *  beside the bundle) when loaded, which the commands and editor features without the index skip. */
function sqlite(): typeof import('node-sqlite3-wasm') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('node-sqlite3-wasm') as typeof import('node-sqlite3-wasm');
}

/** Bumped whenever the tables change; an index with a lower number is rebuilt. */
export const SCHEMA_VERSION = 3; // 3: corrections indexed (note.kind 'correction'), the analysis corrected
/** PRAGMA application_id of a News Lens index ('NLWI'): tells our file from another program's. */
export const APPLICATION_ID = 0x4e4c5749;

const SQLITE_HEADER = 'SQLite format 3\0';

/** The database file cannot be used as an index (foreign, corrupt, newer, locked). */
export class IndexFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IndexFileError';
  }
}

const DDL = `
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
CREATE TABLE article(
  id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, size INTEGER, mtime REAL,
  sc_size INTEGER, sc_mtime REAL, hash TEXT, chars INTEGER, sidecar_errors TEXT);
CREATE TABLE cluster(
  article INTEGER NOT NULL, cid INTEGER NOT NULL, name TEXT NOT NULL, norm TEXT NOT NULL, type TEXT NOT NULL,
  one_word INTEGER NOT NULL, last TEXT NOT NULL, mentions INTEGER NOT NULL, first_start INTEGER, first_end INTEGER,
  first_line INTEGER, first_col INTEGER,
  spans TEXT NOT NULL, PRIMARY KEY(article, cid)) WITHOUT ROWID;
CREATE INDEX cluster_norm ON cluster(type, norm, mentions, name, first_start, first_end, first_line, first_col);
CREATE INDEX cluster_last ON cluster(type, last) WHERE one_word = 0;
CREATE INDEX cluster_bynorm ON cluster(norm);
CREATE TABLE alias(article INTEGER NOT NULL, type TEXT NOT NULL, norm TEXT NOT NULL, text TEXT NOT NULL, canon TEXT NOT NULL);
CREATE INDEX alias_norm ON alias(type, norm);
CREATE INDEX alias_canon ON alias(type, canon, text);
CREATE INDEX alias_article ON alias(article);
CREATE TABLE quote(
  article INTEGER NOT NULL, start_at INTEGER, end_at INTEGER, kind TEXT, text TEXT, speaker TEXT,
  speaker_cid INTEGER, anonymous INTEGER, speaker_norm TEXT);
CREATE INDEX quote_article ON quote(article, speaker_cid);
CREATE INDEX quote_speaker ON quote(speaker_norm);
CREATE TABLE note(
  article INTEGER NOT NULL, kind TEXT NOT NULL, id TEXT, label TEXT, status TEXT, author TEXT, body TEXT,
  created TEXT, updated TEXT, start_at INTEGER, end_at INTEGER, exact TEXT, replies INTEGER);
CREATE INDEX note_article ON note(article);
CREATE TABLE name_key(type TEXT NOT NULL, norm TEXT NOT NULL, canon TEXT NOT NULL, PRIMARY KEY(type, norm)) WITHOUT ROWID;
CREATE INDEX name_key_canon ON name_key(type, canon);
CREATE TABLE entity(
  type TEXT NOT NULL, key TEXT NOT NULL, name TEXT NOT NULL, articles INTEGER NOT NULL, mentions INTEGER NOT NULL,
  aliases TEXT NOT NULL, PRIMARY KEY(type, key)) WITHOUT ROWID;
CREATE INDEX entity_mentions ON entity(mentions DESC, key);
CREATE TABLE dirty_key(type TEXT NOT NULL, key TEXT NOT NULL, PRIMARY KEY(type, key)) WITHOUT ROWID;
`;

export interface OpenedIndex {
  db: Database;
  /** Why the index was (re)built empty: a new file, an older schema, another engine; undefined when reused. */
  rebuilt?: 'new' | 'older-schema' | 'other-engine';
}

function readHeader(file: string): Buffer | undefined {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new IndexFileError(`cannot open the index ${file}: ${(e as Error).message}`);
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) throw new IndexFileError(`the index ${file} is not a regular file`);
    const buf = Buffer.alloc(100);
    const n = fs.readSync(fd, buf, 0, 100, 0);
    return buf.subarray(0, n);
  } finally {
    fs.closeSync(fd);
  }
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Runs `f` on the open database; SQLite errors become IndexFileErrors that name the file. */
export function checked<T>(file: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof IndexFileError) throw e;
    const m = describe(e);
    if (/locked|busy/i.test(m)) {
      throw new IndexFileError(`the index ${file} is in use by another process (or a stale lock folder ${file}.lock is left from one that stopped): ${m}`);
    }
    throw new IndexFileError(`the index ${file} is damaged or not a News Lens index (${m}); it was left as it is — move it away or name another --db`);
  }
}

/** Opens (creating if needed) the index at `file` (':memory:' for a throwaway one). */
export function openIndexDatabase(file: string, engineVersion: string): OpenedIndex {
  if (file !== ':memory:') {
    const header = readHeader(file);
    if (header && header.length > 0 && (header.length < 16 || header.subarray(0, 16).toString('latin1') !== SQLITE_HEADER)) {
      throw new IndexFileError(`${file} is not a News Lens index (not an SQLite database); it was left as it is`);
    }
  }
  let db: Database;
  try {
    db = new (sqlite().Database)(file);
  } catch (e) {
    throw new IndexFileError(`cannot open the index ${file}: ${describe(e)}`);
  }
  try {
    const rebuilt = checked(file, () => prepare(db, file, engineVersion));
    return rebuilt ? { db, rebuilt } : { db };
  } catch (e) {
    db.close();
    throw e;
  }
}

function prepare(db: Database, file: string, engineVersion: string): OpenedIndex['rebuilt'] {
  const appId = Number(db.get('PRAGMA application_id')?.['application_id'] ?? 0);
  const version = Number(db.get('PRAGMA user_version')?.['user_version'] ?? 0);
  const tables = db.all("SELECT name FROM sqlite_master WHERE type = 'table'").map((r) => String(r['name']));
  if (appId !== APPLICATION_ID) {
    if (appId !== 0 || tables.length) {
      throw new IndexFileError(`${file} is an SQLite database of another application, not a News Lens index; it was left as it is`);
    }
    create(db, engineVersion);
    return 'new';
  }
  if (version > SCHEMA_VERSION) {
    throw new IndexFileError(`the index ${file} was made by a newer News Lens (schema ${version}; this one reads ${SCHEMA_VERSION}); it was left as it is`);
  }
  db.exec('PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY; PRAGMA cache_size = -32000;');
  const expected = [...DDL.matchAll(/CREATE TABLE (\w+)/g)].map((m) => m[1]!);
  if (version < SCHEMA_VERSION || expected.some((t) => !tables.includes(t))) {
    dropAll(db, tables);
    create(db, engineVersion);
    return 'older-schema';
  }
  const engine = db.get("SELECT value FROM meta WHERE key = 'engine'")?.['value'];
  if (engine !== engineVersion) {
    dropAll(db, tables);
    create(db, engineVersion);
    return 'other-engine';
  }
  return undefined;
}

function dropAll(db: Database, tables: string[]): void {
  db.exec('BEGIN');
  for (const t of tables) if (!t.startsWith('sqlite_')) db.exec(`DROP TABLE IF EXISTS "${t}"`);
  db.exec('COMMIT');
}

function create(db: Database, engineVersion: string): void {
  db.exec('PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY; PRAGMA cache_size = -32000;');
  db.exec('BEGIN');
  db.exec(DDL);
  db.run("INSERT INTO meta(key, value) VALUES ('engine', ?), ('created', ?)", [engineVersion, new Date().toISOString()]);
  db.exec(`PRAGMA application_id = ${APPLICATION_ID}; PRAGMA user_version = ${SCHEMA_VERSION};`);
  db.exec('COMMIT');
}
