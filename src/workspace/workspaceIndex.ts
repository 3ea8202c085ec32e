// The workspace index: every article's names, quotations and notes in one SQLite database (schema.ts),
// written one transaction per batch of articles, read by the CLI's `query` and the editor's workspace
// features. No vscode import. Statements are prepared once and cached; every read runs to its end
// (a statement left mid-way keeps its read lock). The per-entity summary (`entity`) is refreshed
// after writes for the keys they touched (dirty_key), so listing entities is one indexed read.
// Cross-article identity (identity.ts): an entity is (type, key); the key of a cluster is its
// normalised canonical name, or, for a one-word name joined by rule 3, the longer name in name_key.
import type { Database, Statement } from 'node-sqlite3-wasm';
import { isOneWord, lastWord, normName } from './identity';
import type { ArticleRecord, FileStamp, NoteRecord } from './record';
import { checked, openIndexDatabase } from './schema';
import type { OpenedIndex } from './schema';
import * as q from './queries';
import { CLUSTERS_OF, JOIN_KEY, KEY } from './queries';
import type { EntityRow, IndexSql, MentionRow, NoteRow, QuoteRow, SourceRow, SymbolRow } from './queries';

/** What the index knows of an article file (the pre-check of an incremental run). */
export interface KnownArticle {
  id: number;
  stamp: FileStamp;
  sidecarStamp: FileStamp | null;
  hash: string;
  /** Its sidecar had corrections when it was indexed (the indexed analysis is a corrected one). */
  corrected: boolean;
}

export class WorkspaceIndex implements IndexSql {
  private readonly statements = new Map<string, Statement>();
  /** Bumped by every write: callers cache query answers by it. */
  generation = 0;

  private constructor(
    readonly db: Database,
    readonly file: string,
    readonly rebuilt: OpenedIndex['rebuilt'],
  ) {}

  /** Opens or creates the index (see schema.ts for what happens to foreign, corrupt and older files). */
  static open(file: string, engineVersion: string): WorkspaceIndex {
    const { db, rebuilt } = openIndexDatabase(file, engineVersion);
    return new WorkspaceIndex(db, file, rebuilt);
  }

  close(): void {
    for (const s of this.statements.values()) s.finalize();
    this.statements.clear();
    this.db.close();
  }

  /** The first row of a cached statement, run to its end: a statement left mid-way would keep its
   *  read transaction, and its file lock, open (other processes then find the index locked). */
  private first(sql: string, values: unknown[] | string): Record<string, unknown> | undefined {
    return this.all(sql, typeof values === 'string' ? [values] : values)[0];
  }

  /** Every row of a cached statement (IndexSql). */
  all(sql: string, values: unknown[] = []): Record<string, unknown>[] {
    return this.stmt(sql).all(values as Parameters<Statement['all']>[0]);
  }

  private stmt(sql: string): Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  // -------------------------------------------------------------------------------------------
  // Writing

  /** Every article the index holds, by path. */
  known(): Map<string, KnownArticle> {
    return checked(this.file, () => this.knownRows());
  }

  private knownRows(): Map<string, KnownArticle> {
    const out = new Map<string, KnownArticle>();
    for (const r of this.stmt(`SELECT id, path, size, mtime, sc_size, sc_mtime, hash,
        EXISTS(SELECT 1 FROM note n WHERE n.article = article.id AND n.kind = 'correction') AS corrected FROM article`).iterate()) {
      out.set(String(r['path']), {
        id: Number(r['id']),
        stamp: { size: Number(r['size']), mtimeMs: Number(r['mtime']) },
        sidecarStamp: r['sc_size'] === null ? null : { size: Number(r['sc_size']), mtimeMs: Number(r['sc_mtime']) },
        hash: String(r['hash']),
        corrected: !!r['corrected'],
      });
    }
    return out;
  }

  /** Runs `f` in one transaction (rolled back if it throws). */
  transaction<T>(f: () => T): T {
    return checked(this.file, () => this.inTransaction(f));
  }

  private inTransaction<T>(f: () => T): T {
    this.db.exec('BEGIN');
    try {
      const r = f();
      this.db.exec('COMMIT');
      this.generation++;
      return r;
    } catch (e) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw e;
    }
  }

  /** Writes whole articles (replacing what was there) and re-links the names they touch. */
  upsert(records: readonly ArticleRecord[]): void {
    if (!records.length) return;
    this.transaction(() => {
      const words = new Set<string>();
      for (const r of records) this.upsertOne(r, words);
      this.relink(words);
    });
  }

  /** Records new stamps of files whose content did not change (touched, copied back). */
  restamp(path: string, stamp: FileStamp, sidecarStamp: FileStamp | null): void {
    this.stmt('UPDATE article SET size = ?, mtime = ?, sc_size = ?, sc_mtime = ? WHERE path = ?')
      .run([stamp.size, stamp.mtimeMs, sidecarStamp?.size ?? null, sidecarStamp?.mtimeMs ?? null, path]);
  }

  /** Replaces the notes of an article whose text did not change (its sidecar did). */
  replaceNotes(path: string, sidecarStamp: FileStamp | null, notes: readonly NoteRecord[], errors: readonly string[]): void {
    const found = this.first('SELECT id FROM article WHERE path = ?', path)?.['id'];
    if (found === undefined || found === null) return;
    const id = Number(found);
    this.stmt('UPDATE article SET sc_size = ?, sc_mtime = ?, sidecar_errors = ? WHERE id = ?')
      .run([sidecarStamp?.size ?? null, sidecarStamp?.mtimeMs ?? null, errors.length ? errors.join('\n') : null, id]);
    this.stmt('DELETE FROM note WHERE article = ?').run(id);
    this.insertNotes(Number(id), notes);
  }

  /** Removes articles (deleted or renamed files) and re-links the names they had. */
  remove(paths: readonly string[]): void {
    if (!paths.length) return;
    this.transaction(() => {
      const words = new Set<string>();
      for (const p of paths) {
        const id = this.first('SELECT id FROM article WHERE path = ?', p)?.['id'];
        if (id === undefined || id === null) continue;
        this.deleteArticleRows(Number(id), words);
        this.stmt('DELETE FROM article WHERE id = ?').run(Number(id));
      }
      this.relink(words);
    });
  }

  private deleteArticleRows(id: number, words: Set<string>): void {
    const touched: string[] = [];
    for (const r of this.all('SELECT type, norm, last, one_word FROM cluster WHERE article = ?', [id])) {
      words.add(`${r['type']}\t${r['one_word'] ? r['norm'] : r['last']}`);
      touched.push(`${r['type']}\t${r['norm']}`);
    }
    this.markDirty(touched);
    for (const r of this.all('SELECT type, norm FROM alias WHERE article = ?', [id])) {
      if (isOneWord(String(r['norm']))) words.add(`${r['type']}\t${r['norm']}`);
    }
    for (const t of ['cluster', 'alias', 'quote', 'note']) this.stmt(`DELETE FROM ${t} WHERE article = ?`).run(id);
  }

  private upsertOne(r: ArticleRecord, words: Set<string>): void {
    const existing = this.first('SELECT id FROM article WHERE path = ?', r.path)?.['id'];
    let id: number;
    const cols = [r.stamp.size, r.stamp.mtimeMs, r.sidecarStamp?.size ?? null, r.sidecarStamp?.mtimeMs ?? null, r.hash, r.chars,
      r.sidecarErrors.length ? r.sidecarErrors.join('\n') : null];
    if (existing !== undefined && existing !== null) {
      id = Number(existing);
      this.deleteArticleRows(id, words);
      this.stmt('UPDATE article SET size = ?, mtime = ?, sc_size = ?, sc_mtime = ?, hash = ?, chars = ?, sidecar_errors = ? WHERE id = ?')
        .run([...cols, id]);
    } else {
      id = Number(this.stmt('INSERT INTO article(size, mtime, sc_size, sc_mtime, hash, chars, sidecar_errors, path) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run([...cols, r.path]).lastInsertRowid);
    }
    const insertCluster = this.stmt(`INSERT INTO cluster(article, cid, name, norm, type, one_word, last, mentions, first_start, first_end,
      first_line, first_col, spans) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const insertAlias = this.stmt('INSERT INTO alias(article, type, norm, text, canon) VALUES (?, ?, ?, ?, ?)');
    for (const c of r.clusters) {
      const norm = normName(c.name);
      const one = isOneWord(norm);
      const last = lastWord(norm);
      words.add(`${c.type}\t${one ? norm : last}`);
      this.markDirty([`${c.type}\t${norm}`]);
      const first = c.mentions.find((m) => m[3] === 'name') ?? c.mentions[0];
      insertCluster.run([id, c.cid, c.name, norm, c.type, one ? 1 : 0, last, c.mentions.filter((m) => m[3] === 'name').length,
        first?.[0] ?? null, first?.[1] ?? null, first?.[4] ?? null, first?.[5] ?? null, JSON.stringify(c.mentions)]);
      const seen = new Set<string>([norm]);
      for (const a of c.aliases) {
        const an = normName(a);
        if (!an || seen.has(an)) continue;
        seen.add(an);
        if (isOneWord(an)) words.add(`${c.type}\t${an}`);
        insertAlias.run([id, c.type, an, a, norm]);
      }
    }
    const insertQuote = this.stmt(`INSERT INTO quote(article, start_at, end_at, kind, text, speaker, speaker_cid, anonymous, speaker_norm)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    for (const x of r.quotes) {
      insertQuote.run([id, x.start, x.end, x.kind, x.text, x.speakerText ?? null, x.speakerCid ?? null, x.anonymous ? 1 : 0,
        x.speakerText === undefined ? null : normName(x.speakerText)]);
    }
    this.insertNotes(id, r.notes);
  }

  private insertNotes(id: number, notes: readonly NoteRecord[]): void {
    const insert = this.stmt(`INSERT INTO note(article, kind, id, label, status, author, body, created, updated, start_at, end_at, exact, replies)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    for (const n of notes) {
      insert.run([id, n.kind, n.id, n.label ?? null, n.status, n.author ?? null, n.body ?? null, n.created ?? null, n.updated ?? null,
        n.start, n.end, n.exact, n.replies]);
    }
  }

  /**
   * Rule 3 of identity.ts for the one-word names in `words` ("TYPE\tword"): a one-word canonical name joins the only longer name of its type that has it as a
   * surface form or (people) as last word; none or several: it stays its own.
   */
  relink(words: ReadonlySet<string>): void {
    const isName = this.stmt('SELECT 1 FROM cluster WHERE type = ? AND norm = ? AND one_word = 1 LIMIT 1');
    const candidates = this.stmt(`SELECT DISTINCT canon FROM (
        SELECT norm AS canon FROM cluster WHERE ?1 = 'PERSON' AND type = ?1 AND last = ?2 AND one_word = 0
        UNION ALL SELECT canon FROM alias WHERE type = ?1 AND norm = ?2 AND instr(canon, ' ') > 0) LIMIT 2`);
    const del = this.stmt('DELETE FROM name_key WHERE type = ? AND norm = ?');
    const put = this.stmt('INSERT INTO name_key(type, norm, canon) VALUES (?, ?, ?)');
    const dirty: string[] = [];
    for (const w of words) {
      const [type, norm] = w.split('\t') as [string, string];
      const old = this.first('SELECT canon FROM name_key WHERE type = ? AND norm = ?', [type, norm])?.['canon'];
      if (old !== undefined) dirty.push(`${type}\t${old}`);
      del.run([type, norm]);
      if (!isName.all([type, norm]).length) continue;
      dirty.push(w);
      const found = candidates.all([type, norm]);
      if (found.length === 1) {
        put.run([type, norm, String(found[0]!['canon'])]);
        dirty.push(`${type}\t${found[0]!['canon']}`);
      }
    }
    this.markDirty(dirty);
  }

  // -------------------------------------------------------------------------------------------
  // Entities: the `entity` table, refreshed for the keys the writes marked in dirty_key

  /** Marks the entity keys of `norms` ("TYPE\tnorm") dirty: their own, and the key each joins. */
  private markDirty(norms: Iterable<string>): void {
    const mark = this.stmt('INSERT OR IGNORE INTO dirty_key(type, key) VALUES (?, ?)');
    for (const n of norms) mark.run(n.split('\t'));
  }

  /** Brings the entity table up to date (after updates; queries call it first). Many dirty keys: one
   *  pass over all clusters; a few: each key from its clusters through the indexes. */
  refreshEntities(): void {
    const dirty = this.all('SELECT type, key FROM dirty_key');
    if (!dirty.length) return;
    this.transaction(() => {
      if (dirty.length > 200) {
        this.db.exec('DELETE FROM entity');
        this.db.run(`INSERT INTO entity(type, key, name, articles, mentions, aliases)
          SELECT c.type, ${KEY}, min(CASE WHEN k.canon IS NULL THEN c.name END), count(DISTINCT c.article), sum(c.mentions), '[]'
          FROM cluster c ${JOIN_KEY} GROUP BY c.type, ${KEY}`);
        const aliases = new Map<string, Set<string>>();
        const add = (type: unknown, key: unknown, text: unknown): void => {
          const id = `${type}\t${key}`;
          let set = aliases.get(id);
          if (!set) aliases.set(id, (set = new Set()));
          set.add(String(text));
        };
        for (const r of this.all(`SELECT a.type AS type, COALESCE(k.canon, a.canon) AS key, a.text AS text FROM alias a
            LEFT JOIN name_key k ON k.type = a.type AND k.norm = a.canon GROUP BY 1, 2, 3`)) add(r['type'], r['key'], r['text']);
        for (const r of this.all(`SELECT k.type AS type, k.canon AS key, c.name AS name FROM name_key k
            JOIN cluster c ON c.type = k.type AND c.norm = k.norm GROUP BY 1, 2, 3`)) add(r['type'], r['key'], r['name']);
        const set = this.stmt('UPDATE entity SET aliases = ?3 WHERE type = ?1 AND key = ?2 AND name IS NOT NULL');
        for (const [id, texts] of aliases) {
          const [type, key] = id.split('\t') as [string, string];
          const name = this.first('SELECT name FROM entity WHERE type = ? AND key = ?', [type, key])?.['name'];
          set.run([type, key, JSON.stringify([...texts].filter((t) => t !== name).sort())]);
        }
      } else {
        for (const d of dirty) this.refreshEntity(String(d['type']), String(d['key']));
      }
      this.db.exec('DELETE FROM dirty_key');
    });
  }

  private refreshEntity(type: string, key: string): void {
    this.stmt('DELETE FROM entity WHERE type = ? AND key = ?').run([type, key]);
    const r = this.first(`SELECT min(CASE WHEN c.norm = ?2 THEN c.name END) AS name, count(DISTINCT c.article) AS articles,
        sum(c.mentions) AS mentions, count(*) AS n FROM cluster c WHERE ${CLUSTERS_OF}`, [type, key]);
    if (!r || !Number(r['n'])) return;
    const name = String(r['name'] ?? key);
    const texts = new Set<string>();
    for (const a of this.all(`SELECT DISTINCT text FROM alias WHERE type = ?1 AND canon IN
        (SELECT ?2 UNION ALL SELECT norm FROM name_key WHERE type = ?1 AND canon = ?2)`, [type, key])) texts.add(String(a['text']));
    for (const a of this.all(`SELECT DISTINCT c.name AS name FROM name_key k JOIN cluster c ON c.type = k.type AND c.norm = k.norm
        WHERE k.type = ?1 AND k.canon = ?2`, [type, key])) texts.add(String(a['name']));
    texts.delete(name);
    this.stmt('INSERT INTO entity(type, key, name, articles, mentions, aliases) VALUES (?, ?, ?, ?, ?, ?)')
      .run([type, key, name, Number(r['articles']), Number(r['mentions']), JSON.stringify([...texts].sort())]);
  }

  // -------------------------------------------------------------------------------------------
  // Reading (queries.ts)

  /** Numbers of articles, clusters, quotations and notes. */
  counts(): { articles: number; clusters: number; quotes: number; notes: number; chars: number } {
    const n = (sql: string): number => Number(this.first(sql, [])?.['n'] ?? 0);
    return {
      articles: n('SELECT count(*) AS n FROM article'),
      clusters: n('SELECT count(*) AS n FROM cluster'),
      quotes: n('SELECT count(*) AS n FROM quote'),
      notes: n('SELECT count(*) AS n FROM note'),
      chars: n('SELECT coalesce(sum(chars), 0) AS n FROM article'),
    };
  }

  private reader(): IndexSql {
    this.refreshEntities();
    return this;
  }

  entities(filter: Parameters<typeof q.entities>[1] = {}): EntityRow[] {
    return checked(this.file, () => q.entities(this.reader(), filter));
  }

  mentions(name: string, type?: string): MentionRow[] {
    return checked(this.file, () => q.mentions(this.reader(), name, type));
  }

  quotes(filter: Parameters<typeof q.quotes>[1] = {}): QuoteRow[] {
    return checked(this.file, () => q.quotes(this.reader(), filter));
  }

  /** Every quotation, each as its row's JSON text (see queries.quotesJson). */
  quotesJson(): string[] {
    return checked(this.file, () => q.quotesJson(this.reader()));
  }

  /** Who is quoted (the Sources view). Kept until the next write: one pass over every quotation. */
  sources(): SourceRow[] {
    return this.memo('sources', () => checked(this.file, () => q.sources(this.reader())));
  }

  private readonly memos = new Map<string, { generation: number; value: unknown }>();

  private memo<T>(key: string, f: () => T): T {
    const m = this.memos.get(key);
    if (m && m.generation === this.generation) return m.value as T;
    const value = f();
    this.memos.set(key, { generation: this.generation, value });
    return value;
  }

  unattributed(): ReturnType<typeof q.unattributed> {
    return checked(this.file, () => q.unattributed(this.reader()));
  }

  notes(filter: Parameters<typeof q.notes>[1] = {}): NoteRow[] {
    return checked(this.file, () => q.notes(this.reader(), filter));
  }

  /** The reviewers' corrections of the analysis (the analysis indexed is the corrected one). */
  corrections(filter: Parameters<typeof q.corrections>[1] = {}): q.CorrectionRow[] {
    return checked(this.file, () => q.corrections(this.reader(), filter));
  }

  openNoteCounts(): Map<string, number> {
    return checked(this.file, () => q.openNoteCounts(this.reader()));
  }

  symbols(query: string, limit?: number): SymbolRow[] {
    return checked(this.file, () => q.symbols(this.reader(), query, limit));
  }
}
