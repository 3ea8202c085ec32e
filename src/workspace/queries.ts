// Read queries of the workspace index (workspaceIndex.ts owns the database and the writes). Each
// runs its statements to the end (see IndexSql). Entity rows come from the `entity` table, kept up
// to date by WorkspaceIndex.refreshEntities(); cross-article identity: identity.ts.
import { normName } from './identity';

/** What the queries need of the index: cached statements, every one run to its end. */
export interface IndexSql {
  all(sql: string, values?: unknown[]): Record<string, unknown>[];
}

export interface EntityRow {
  name: string;
  type: string;
  aliases: string[];
  articles: number;
  mentions: number;
}

export interface MentionRow {
  file: string;
  start: number;
  end: number;
  text: string;
  kind: 'name' | 'pronoun' | 'description';
  /** 0-based line and UTF-16 column of `start` (as an editor counts them). */
  line: number;
  character: number;
}

export interface QuoteRow {
  file: string;
  start: number;
  end: number;
  text: string;
  kind: string;
  /** The speaker's entity name when resolved, the words naming the source otherwise; null when unattributed. */
  speaker: string | null;
  anonymous: boolean;
}

export interface NoteRow {
  file: string;
  id: string;
  label: string | null;
  status: string;
  author: string | null;
  note: string | null;
  created: string | null;
  start: number;
  end: number;
  exact: string;
  replies: number;
}

/** One entity in one article (a workspace symbol): where it is first named. */
export interface SymbolRow {
  file: string;
  name: string;
  type: string;
  start: number;
  end: number;
  /** 0-based line and UTF-16 column of `start`. */
  line: number;
  character: number;
}

export interface SourceRow {
  speaker: string;
  /** The entity type of a resolved speaker; null for a source named only by words ("a U.S. official"). */
  type: string | null;
  quotes: number;
  files: string[];
}

const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/** The clusters of entity (type, key), as SQL: its own name's clusters unless joined elsewhere,
 *  and one-word clusters joined to it. Parameters ?1 type, ?2 key. */
export const CLUSTERS_OF = `c.type = ?1 AND c.norm IN (SELECT ?2 UNION ALL SELECT norm FROM name_key WHERE type = ?1 AND canon = ?2)
  AND NOT EXISTS (SELECT 1 FROM name_key x WHERE x.type = c.type AND x.norm = c.norm AND x.canon <> ?2)`;

/** The entity key of a cluster `c` (with name_key `k` joined). */
export const KEY = 'COALESCE(k.canon, c.norm)';
export const JOIN_KEY = 'LEFT JOIN name_key k ON k.type = c.type AND k.norm = c.norm';

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** One row per entity across articles, most mentioned first; `name`: a case-insensitive part of its
 *  name or of one of its aliases. */
export function entities(sql: IndexSql, filter: { type?: string; name?: string; limit?: number } = {}): EntityRow[] {
  return entityRows(sql, filter).map(({ key: _key, ...e }) => e);
}

function entityRows(sql: IndexSql, filter: { type?: string; name?: string; limit?: number }): (EntityRow & { key: string })[] {
  const needle = filter.name ? normName(filter.name) || filter.name.toLowerCase() : null;
  return sql.all(`SELECT type, key, name, articles, mentions, aliases FROM entity
      WHERE (?1 IS NULL OR type = ?1) AND (?2 IS NULL OR key LIKE ?2 ESCAPE '\\' OR lower(aliases) LIKE ?2 ESCAPE '\\')
      ORDER BY mentions DESC, key LIMIT ?3`,
  [filter.type ?? null, needle === null ? null : likePattern(needle), filter.limit ?? -1])
    .map((r) => ({ key: String(r['key']), name: String(r['name']), type: String(r['type']), aliases: JSON.parse(String(r['aliases'])) as string[],
      articles: Number(r['articles']), mentions: Number(r['mentions']) }));
}

/** The entities a name means: the one whose key is its normalised form (through rule 3 for one word),
 *  else those that have it as an alias. */
export function resolveName(sql: IndexSql, name: string, type?: string): { type: string; key: string }[] {
  const norm = normName(name);
  if (!norm) return [];
  const direct = sql.all(`SELECT DISTINCT c.type AS type, ${KEY} AS key FROM cluster c ${JOIN_KEY}
    WHERE c.norm = ?1 AND (?2 IS NULL OR c.type = ?2)`, [norm, type ?? null]);
  const rows = direct.length ? direct : sql.all(`SELECT DISTINCT a.type AS type, COALESCE(k.canon, a.canon) AS key FROM alias a
    LEFT JOIN name_key k ON k.type = a.type AND k.norm = a.canon WHERE a.norm = ?1 AND (?2 IS NULL OR a.type = ?2)`, [norm, type ?? null]);
  return rows.map((r) => ({ type: String(r['type']), key: String(r['key']) }));
}

function byFileThenStart<T extends { file: string; start: number }>(a: T, b: T): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.start - b.start;
}

/** Every mention of the entity NAME means (aliases and resolved pronouns included), by file and offset. */
export function mentions(sql: IndexSql, name: string, type?: string): MentionRow[] {
  const out: MentionRow[] = [];
  for (const e of resolveName(sql, name, type)) {
    for (const r of sql.all(`SELECT a.path AS path, c.spans AS spans FROM cluster c JOIN article a ON a.id = c.article WHERE ${CLUSTERS_OF}`, [e.type, e.key])) {
      for (const [start, end, text, kind, line, character] of JSON.parse(String(r['spans'])) as [number, number, string, MentionRow['kind'], number, number][]) {
        out.push({ file: String(r['path']), start, end, text, kind, line, character });
      }
    }
  }
  return out.sort(byFileThenStart);
}

const QUOTE_COLUMNS = `a.path AS path, q.start_at AS start_at, q.end_at AS end_at, q.text AS text, q.kind AS kind,
  q.speaker AS speaker, q.anonymous AS anonymous`;

function quoteRow(r: Record<string, unknown>, speaker: string | null): QuoteRow {
  return { file: String(r['path']), start: Number(r['start_at']), end: Number(r['end_at']), text: String(r['text']),
    kind: String(r['kind']), speaker, anonymous: !!r['anonymous'] };
}

/** Quotations, by file and offset; `speaker`: only those of the entity that name means, or whose
 *  source is written so ("a U.S. official"); `file`: only that article's. */
export function quotes(sql: IndexSql, filter: { speaker?: string; file?: string } = {}): QuoteRow[] {
  if (filter.speaker !== undefined) {
    const out: QuoteRow[] = [];
    const seen = new Set<string>();
    for (const e of resolveName(sql, filter.speaker)) {
      const name = str(sql.all('SELECT name FROM entity WHERE type = ? AND key = ?', [e.type, e.key])[0]?.['name']) ?? e.key;
      for (const r of sql.all(`SELECT ${QUOTE_COLUMNS} FROM cluster c JOIN quote q ON q.article = c.article AND q.speaker_cid = c.cid
          JOIN article a ON a.id = c.article WHERE ${CLUSTERS_OF}`, [e.type, e.key])) {
        seen.add(`${r['path']}\t${r['start_at']}`);
        out.push(quoteRow(r, name));
      }
    }
    for (const r of sql.all(`SELECT ${QUOTE_COLUMNS} FROM quote q JOIN article a ON a.id = q.article
        WHERE q.speaker_norm = ? AND q.speaker_cid IS NULL`, [normName(filter.speaker)])) {
      if (!seen.has(`${r['path']}\t${r['start_at']}`)) out.push(quoteRow(r, str(r['speaker'])));
    }
    return out.filter((q) => filter.file === undefined || q.file === filter.file).sort(byFileThenStart);
  }
  return sql.all(`SELECT ${QUOTE_COLUMNS}, e.name AS entity FROM quote q JOIN article a ON a.id = q.article
      LEFT JOIN cluster c ON c.article = q.article AND c.cid = q.speaker_cid ${JOIN_KEY}
      LEFT JOIN entity e ON e.type = c.type AND e.key = ${KEY}
      WHERE ?1 IS NULL OR a.path = ?1 ORDER BY a.path, q.start_at`, [filter.file ?? null])
    .map((r) => quoteRow(r, str(r['entity']) ?? str(r['speaker'])));
}

/** Every quotation as the JSON text of its QuoteRow (the same fields, order and values as
 *  JSON.stringify(quotes(sql)[i])), by file and offset: SQLite writes the JSON, so listing tens of
 *  thousands of quotations does not build an object per column in JavaScript. */
export function quotesJson(sql: IndexSql): string[] {
  return sql.all(`SELECT json_object('file', a.path, 'start', q.start_at, 'end', q.end_at, 'text', q.text, 'kind', q.kind,
      'speaker', COALESCE(e.name, q.speaker), 'anonymous', json(CASE WHEN q.anonymous THEN 'true' ELSE 'false' END)) AS j
      FROM quote q JOIN article a ON a.id = q.article
      LEFT JOIN cluster c ON c.article = q.article AND c.cid = q.speaker_cid ${JOIN_KEY}
      LEFT JOIN entity e ON e.type = c.type AND e.key = ${KEY}
      ORDER BY a.path, q.start_at`)
    .map((r) => String(r['j']));
}

/** The Sources view: who is quoted, how often and where (resolved speakers by entity, others by their words). */
export function sources(sql: IndexSql): SourceRow[] {
  return sql.all(`SELECT COALESCE(min(e.name), min(q.speaker)) AS speaker, min(c.type) AS type, count(*) AS quotes,
        json_group_array(DISTINCT a.path) AS files
      FROM quote q JOIN article a ON a.id = q.article
        LEFT JOIN cluster c ON c.article = q.article AND c.cid = q.speaker_cid ${JOIN_KEY}
        LEFT JOIN entity e ON e.type = c.type AND e.key = ${KEY}
      WHERE q.speaker IS NOT NULL
      GROUP BY CASE WHEN c.type IS NULL THEN char(9) || q.speaker_norm ELSE c.type || char(9) || ${KEY} END
      ORDER BY quotes DESC, speaker`)
    .map((r) => ({ speaker: String(r['speaker']), type: str(r['type']), quotes: Number(r['quotes']),
      files: (JSON.parse(String(r['files'])) as string[]).sort() }));
}

/** Per article: quotations with an anonymous source, and quotations with no source at all. */
export function unattributed(sql: IndexSql): { file: string; anonymous: number; unattributed: number }[] {
  return sql.all(`SELECT a.path AS path, sum(q.anonymous) AS anon, sum(q.speaker IS NULL) AS none
    FROM quote q JOIN article a ON a.id = q.article GROUP BY a.path HAVING anon > 0 OR none > 0 ORDER BY a.path`)
    .map((r) => ({ file: String(r['path']), anonymous: Number(r['anon']), unattributed: Number(r['none']) }));
}

/** Notes of every article, by file and offset. */
export function notes(sql: IndexSql, filter: { label?: string; status?: string; author?: string; file?: string } = {}): NoteRow[] {
  return sql.all(`SELECT a.path AS path, n.id AS id, n.label AS label, n.status AS status, n.author AS author, n.body AS body,
      n.created AS created, n.start_at AS start_at, n.end_at AS end_at, n.exact AS exact, n.replies AS replies
    FROM note n JOIN article a ON a.id = n.article
    WHERE n.kind = 'note' AND (?1 IS NULL OR n.label = ?1) AND (?2 IS NULL OR n.status = ?2) AND (?3 IS NULL OR n.author = ?3) AND (?4 IS NULL OR a.path = ?4)
    ORDER BY a.path, n.start_at, n.id`, [filter.label ?? null, filter.status ?? null, filter.author ?? null, filter.file ?? null])
    .map((r) => ({
      file: String(r['path']), id: String(r['id']), label: str(r['label']), status: String(r['status']), author: str(r['author']),
      note: str(r['body']), created: str(r['created']), start: Number(r['start_at']), end: Number(r['end_at']),
      exact: String(r['exact']), replies: Number(r['replies']),
    }));
}

/** The reviewers' corrections of the analysis, by file and offset: `action` ("entity retype ORG"),
 *  `status` ("applied", or why not), the words they are on now (start -1 when orphaned). */
export function corrections(sql: IndexSql, filter: { file?: string } = {}): CorrectionRow[] {
  return sql.all(`SELECT a.path AS path, n.id AS id, n.label AS label, n.status AS status, n.author AS author,
      n.created AS created, n.start_at AS start_at, n.end_at AS end_at, n.exact AS exact
    FROM note n JOIN article a ON a.id = n.article
    WHERE n.kind = 'correction' AND (?1 IS NULL OR a.path = ?1) ORDER BY a.path, n.start_at, n.id`, [filter.file ?? null])
    .map((r) => ({
      file: String(r['path']), id: String(r['id']), action: String(r['label']), status: String(r['status']), author: str(r['author']),
      created: str(r['created']), start: Number(r['start_at']), end: Number(r['end_at']), exact: String(r['exact']),
    }));
}

export interface CorrectionRow {
  file: string;
  id: string;
  action: string;
  status: string;
  author: string | null;
  created: string | null;
  start: number;
  end: number;
  exact: string;
}

/** Files with open notes and how many (the Explorer badges). */
export function openNoteCounts(sql: IndexSql): Map<string, number> {
  return new Map(sql.all(`SELECT a.path AS path, count(*) AS n FROM note n JOIN article a ON a.id = n.article
    WHERE n.kind = 'note' AND n.status = 'open' GROUP BY a.path`).map((r) => [String(r['path']), Number(r['n'])]));
}

/** Workspace symbols: the entities whose name or an alias contains `query` (any case), one symbol per
 *  article at its first mention, most mentioned entities first; at most `limit`. */
export function symbols(sql: IndexSql, query: string, limit = 500): SymbolRow[] {
  const out: SymbolRow[] = [];
  for (const e of entityRows(sql, { name: query })) {
    for (const r of sql.all(`SELECT a.path AS path, c.name AS name, c.type AS type, c.first_start AS s, c.first_end AS e,
        c.first_line AS line, c.first_col AS col FROM cluster c JOIN article a ON a.id = c.article WHERE ${CLUSTERS_OF} AND c.first_start IS NOT NULL`,
    [e.type, e.key])) {
      out.push({ file: String(r['path']), name: String(r['name']), type: String(r['type']), start: Number(r['s']), end: Number(r['e']),
        line: Number(r['line']), character: Number(r['col']) });
      if (out.length >= limit) return out;
    }
  }
  return out;
}
