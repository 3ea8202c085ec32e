// AnnotationStore: the annotations of one article, backed by its sidecar file.

import type { Document } from 'yaml';
import { isMap } from 'yaml';
import type {
  Annotation,
  AnnotationPatch,
  AnnotationStatus,
  Correction,
  FileKind,
  NewCorrectionFields,
  ResolvedCorrection,
  Reply,
  ResolvedAnnotation,
  SidecarError,
  SidecarState,
  StoreFileSystem,
} from './types';
import { AnchorIndex, createTarget } from './anchor';
import { CodePointMapper } from './offsets';
import { newAnnotationId } from './ids';
import { mergeById } from './merge';
import { writeFileAtomic } from './fs';
import { readArticleFile } from './articleText';
import { FileReadError, notAFileMessage } from './safeRead';
import { removeStrayTempFiles, withFileLock } from './lock';
import type { LockOptions } from './lock';
import {
  MAX_SIDECAR_BYTES,
  appendEntry,
  assertReadableBack,
  findEntry,
  insertEntry,
  newSidecarDocument,
  parseSidecarInternal,
  removeEntry,
  sidecarPathFor,
  stringifySidecar,
  updateEntry,
} from './sidecar';
import { patchSidecar } from './sidecar/patch';
import { CorrectionEdits, cloneCorrection, resolveCorrectionAnchors } from './correctionEdits';
import type { ParsedSidecar, StoredAnnotation } from './sidecar';

export interface OpenStoreOptions {
  /** The article's current text (used to convert the file's code-point offsets). When omitted,
   *  the article is read through the file system (an absent article counts as empty text). */
  text?: string;
  /** Size limit for the sidecar (default 5 MB). */
  maxBytes?: number;
  /** Clock, for tests. */
  now?: () => Date;
  /** How `save()` locks the sidecar against other writers (lock.ts); the defaults suit everyone. */
  lock?: LockOptions;
}

export interface NewAnnotationFields {
  label?: string;
  note?: string;
  author?: string;
  status?: AnnotationStatus;
  /** Normally generated (`newAnnotationId`). */
  id?: string;
}

export interface ReloadResult {
  /** False when the file on disk was unchanged since it was last read or written. */
  changed: boolean;
  state: SidecarState;
  errors: SidecarError[];
}

/** Thrown by mutations and `save()` when the sidecar is invalid or conflicted. */
export class ReadOnlyStoreError extends Error {
  constructor(
    readonly state: SidecarState,
    readonly errors: readonly SidecarError[],
    path: string,
  ) {
    const first = errors[0];
    super(
      `${path} is ${state === 'conflicted' ? 'in a merge conflict' : 'invalid'} and will not be modified` +
        (first ? ` (line ${first.line}, column ${first.column}: ${first.message})` : ''),
    );
    this.name = 'ReadOnlyStoreError';
  }
}

type Pending = { kind: 'upsert'; stored: StoredAnnotation } | { kind: 'remove' };

function isoNow(d: Date): string {
  return d.toISOString().replace(/\.\d+Z$/, 'Z');
}

function basename(p: string): string {
  const parts = p.split(/[\\/]/);
  return parts[parts.length - 1] ?? p;
}

/** FNV-1a over bytes: identifies unreadable content between two reads. */
function checksum(bytes: Uint8Array): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return (h >>> 0).toString(16);
}

function clone(a: Annotation): Annotation {
  const c: Annotation = { ...a, target: { ...a.target } };
  if (a.replies) c.replies = a.replies.map((r) => ({ ...r }));
  return c;
}

/**
 * The annotations of one article. Mutations (`add`, `update`, `remove`, `addReply`) are kept in
 * memory until `save()`; `save()` re-reads the sidecar and, if it changed on disk, merges (by id)
 * before writing, so neither side's changes are lost. Only changed entries are touched in the
 * YAML document. An invalid or conflicted sidecar makes the store read-only.
 */
export class AnnotationStore {
  readonly sidecarPath: string;
  private parsed: ParsedSidecar | undefined;
  /** Disk content as last read or written; undefined = no file. */
  private diskSource: string | undefined;
  private readonly pending = new Map<string, Pending>();
  /** Unsaved corrections (the `corrections:` list), kept and saved like the notes. */
  private readonly corrections_ = new CorrectionEdits();
  /** Code-point hints of the entries on disk, by id. */
  private diskCp = new Map<string, { start?: number; end?: number }>();
  /** The annotations on disk by id (built on first use, dropped when the disk content is applied). */
  private diskById: Map<string, Annotation> | undefined;
  private mapper: { text: string; mapper: CodePointMapper } | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private text = '';
  private readonly maxBytes: number;
  private readonly now: () => Date;
  private readonly lockOptions: LockOptions;

  private constructor(
    private readonly fs: StoreFileSystem,
    readonly articlePath: string,
    options: OpenStoreOptions,
  ) {
    this.sidecarPath = sidecarPathFor(articlePath);
    this.maxBytes = options.maxBytes ?? MAX_SIDECAR_BYTES;
    this.now = options.now ?? (() => new Date());
    this.lockOptions = options.lock ?? {};
  }

  /** Open the store of `articlePath` (reads `<articlePath>.annotations.yaml` if it exists). */
  static async open(fs: StoreFileSystem, articlePath: string, options: OpenStoreOptions = {}): Promise<AnnotationStore> {
    const store = new AnnotationStore(fs, articlePath, options);
    if (options.text !== undefined) {
      store.text = options.text;
    } else if (await fs.stat(articlePath)) {
      store.text = (await readArticleFile(fs, articlePath)).text;
    }
    const disk = await store.readDisk();
    store.applyDisk(disk);
    return store;
  }

  /** `missing` | `ok` | `invalid` | `conflicted`. */
  get state(): SidecarState {
    return this.parsed ? this.parsed.state : 'missing';
  }
  /** Validation problems of the sidecar on disk (empty when ok or missing). */
  get errors(): SidecarError[] {
    return this.parsed ? [...this.parsed.errors] : [];
  }
  /** True when the sidecar is invalid or conflicted: nothing will be written. */
  get readOnly(): boolean {
    return this.state === 'invalid' || this.state === 'conflicted';
  }
  /** True when there are unsaved changes. */
  get dirty(): boolean {
    return this.pending.size > 0 || this.corrections_.pending.size > 0;
  }

  /** All corrections (copies), disk order then unsaved new ones; UTF-16 offset hints. */
  get corrections(): Correction[] {
    return this.corrections_.view(this.parsed?.corrections ?? []).map(cloneCorrection);
  }

  /** Re-anchor every correction (target and speaker) on `text` (defaults to the last text given). */
  resolveCorrections(text: string = this.text): ResolvedCorrection[] {
    this.text = text;
    return resolveCorrectionAnchors(text, this.corrections_.view(this.parsed?.corrections ?? []));
  }

  /** Add a correction on `text.slice(range.start, range.end)` (`fields.speaker`: a range in `text`). */
  addCorrection(text: string, range: { start: number; end: number }, fields: NewCorrectionFields): Correction {
    this.assertWritable();
    this.text = text;
    const now = this.now();
    const taken = (x: string): boolean => this.hasCorrection(x) || this.has(x);
    const id = fields.id ?? newAnnotationId(now, taken, 'c');
    if (taken(id)) throw new Error(`correction id "${id}" already exists`);
    return this.corrections_.add(id, text, range, fields, isoNow(now), this.mapperFor(text));
  }

  /** Point a correction at `text.slice(range.start, range.end)` (e.g. accepting a fuzzy match). */
  retargetCorrection(id: string, text: string, range: { start: number; end: number }): Correction {
    this.assertWritable();
    const cur = this.corrections_.view(this.parsed?.corrections ?? []).find((c) => c.id === id);
    if (!cur) throw new Error(`no correction with id "${id}"`);
    const p = this.corrections_.pending.get(id);
    const speakerCp = p?.kind === 'upsert' ? p.stored.speakerCp : this.parsed?.correctionCp?.get(id)?.speaker;
    return this.corrections_.retarget(cur, text, range, this.mapperFor(text), speakerCp);
  }

  /** Delete a correction; false if there is none with that id. */
  removeCorrection(id: string): boolean {
    this.assertWritable();
    if (!this.hasCorrection(id)) return false;
    this.corrections_.remove(id, this.parsed?.correctionLocations?.has(id) ?? false);
    return true;
  }

  /** 1-based line/column of a correction's entry in the sidecar on disk (undefined if unsaved). */
  correctionLocationOf(id: string): { line: number; column: number } | undefined {
    const loc = this.parsed?.correctionLocations?.get(id);
    return loc ? { ...loc } : undefined;
  }

  private hasCorrection(id: string): boolean {
    const p = this.corrections_.pending.get(id);
    if (p) return p.kind === 'upsert';
    return this.parsed?.correctionLocations?.has(id) ?? false;
  }

  /** All annotations (copies), disk order then unsaved new ones; UTF-16 offset hints. */
  get annotations(): Annotation[] {
    return this.view().map(clone);
  }

  get(id: string): Annotation | undefined {
    const a = this.find(id);
    return a ? clone(a) : undefined;
  }

  /** 1-based line/column of an annotation's entry in the sidecar on disk (undefined if unsaved). */
  locationOf(id: string): { line: number; column: number } | undefined {
    const loc = this.parsed?.locations.get(id);
    return loc ? { ...loc } : undefined;
  }

  /** Tell the store the article's current text (used to convert offsets when writing). */
  setText(text: string): void {
    this.text = text;
  }

  /** Re-anchor every annotation on `text` (defaults to the last text given). */
  resolve(text: string = this.text): ResolvedAnnotation[] {
    this.text = text;
    const view = this.view();
    const anchors = new AnchorIndex(text).resolveAll(view.map((a) => a.target));
    return view.map((a, i) => ({ annotation: clone(a), anchor: anchors[i]! }));
  }

  /** Add a note on `text.slice(range.start, range.end)`. Returns the new annotation. */
  add(text: string, range: { start: number; end: number }, fields: NewAnnotationFields = {}): Annotation {
    this.assertWritable();
    this.text = text;
    const now = this.now();
    const taken = (x: string): boolean => this.has(x);
    const id = fields.id ?? newAnnotationId(now, taken);
    if (taken(id)) throw new Error(`annotation id "${id}" already exists`);
    const a: Annotation = { id, target: createTarget(text, range.start, range.end) };
    if (fields.label !== undefined) a.label = fields.label;
    if (fields.note !== undefined) a.note = fields.note;
    if (fields.author !== undefined) a.author = fields.author;
    a.created = isoNow(now);
    if (fields.status !== undefined) a.status = fields.status;
    const mapper = this.mapperFor(text);
    this.pending.set(id, {
      kind: 'upsert',
      stored: { annotation: a, cpStart: mapper.toCodePoint(range.start), cpEnd: mapper.toCodePoint(range.end) },
    });
    return clone(a);
  }

  /**
   * Change fields of an annotation (`null` removes an optional field). A new `target` is stored
   * with its offsets converted using `text` (default: the last text given). Sets `updated`.
   */
  update(id: string, patch: AnnotationPatch, text: string = this.text): Annotation {
    this.assertWritable();
    const cur = this.find(id);
    if (!cur) throw new Error(`no annotation with id "${id}"`);
    const a = clone(cur);
    for (const k of ['label', 'note', 'author', 'status'] as const) {
      const v = patch[k];
      if (v === null) delete a[k];
      else if (v !== undefined) (a as unknown as Record<string, unknown>)[k] = v;
    }
    let cp = this.cpOf(id);
    if (patch.target) {
      if (typeof patch.target.exact !== 'string' || patch.target.exact.length === 0) throw new Error('target.exact must be a non-empty string');
      a.target = { ...patch.target };
      const mapper = this.mapperFor(text);
      cp = {};
      if (patch.target.start !== undefined) cp.start = mapper.toCodePoint(patch.target.start);
      if (patch.target.end !== undefined) cp.end = mapper.toCodePoint(patch.target.end);
    }
    a.updated = isoNow(this.now());
    this.setUpsert(a, cp);
    return clone(a);
  }

  /**
   * Point an annotation at `text.slice(range.start, range.end)` (fresh quote, context and position)
   * — e.g. when the user accepts a fuzzy / needs-review match or drags the note elsewhere.
   */
  retarget(id: string, text: string, range: { start: number; end: number }): Annotation {
    return this.update(id, { target: createTarget(text, range.start, range.end) }, text);
  }

  /** Add a reply to an annotation's thread. */
  addReply(id: string, reply: { body: string; author?: string }): Reply {
    this.assertWritable();
    const cur = this.find(id);
    if (!cur) throw new Error(`no annotation with id "${id}"`);
    const a = clone(cur);
    const now = this.now();
    const replies = a.replies ?? [];
    const taken = new Set(replies.map((r) => r.id));
    const r: Reply = { id: newAnnotationId(now, taken, 'r'), body: reply.body };
    if (reply.author !== undefined) r.author = reply.author;
    r.created = isoNow(now);
    a.replies = [...replies, r];
    a.updated = isoNow(now);
    this.setUpsert(a, this.cpOf(id));
    return { ...r };
  }

  /** Delete an annotation; false if there is none with that id. */
  remove(id: string): boolean {
    this.assertWritable();
    if (!this.has(id)) return false;
    const onDisk = this.parsed?.locations.has(id) ?? false;
    if (onDisk) this.pending.set(id, { kind: 'remove' });
    else this.pending.delete(id);
    return true;
  }

  /** Drop all unsaved changes. */
  discard(): void {
    this.pending.clear();
    this.corrections_.pending.clear();
  }

  /**
   * Write unsaved changes atomically. Holding the sidecar's lock (`<sidecar>.lock`, see lock.ts)
   * against other processes, re-reads the sidecar: if it changed on disk, the changes are merged by
   * id into the new content, then written. Resolves false when there was nothing to write. Rejects
   * with `ReadOnlyStoreError` when the sidecar is invalid, or `LockTimeoutError` when another
   * writer held the lock too long — keeping the unsaved changes either way.
   */
  save(): Promise<boolean> {
    const run = this.queue.then(() => this.doSave());
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Re-read the sidecar from disk (e.g. on a file watcher event), keeping unsaved changes. */
  reload(): Promise<ReloadResult> {
    const run = this.queue.then(async () => {
      const disk = await this.readDisk();
      const changed = disk.source !== this.diskSource || (disk.parsed?.state ?? 'missing') !== this.state;
      if (changed) this.applyDisk(disk);
      return { changed, state: this.state, errors: this.errors };
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  // -------------------------------------------------------------------------------------------

  private assertWritable(): void {
    if (this.readOnly) throw new ReadOnlyStoreError(this.state, this.errors, this.sidecarPath);
  }

  private view(): Annotation[] {
    const disk = this.parsed?.annotations ?? [];
    if (this.pending.size === 0) return disk;
    const changed: string[] = [];
    const removed: string[] = [];
    const local: Annotation[] = [];
    for (const [id, p] of this.pending) {
      if (p.kind === 'remove') removed.push(id);
      else {
        changed.push(id);
        local.push(p.stored.annotation);
      }
    }
    return mergeById(local, disk, { changed, removed });
  }

  /** The code-point mapper of `text`, kept for the last text (adding 10,000 notes to a 1 MB article
   *  built one per note: 48 s). */
  private mapperFor(text: string): CodePointMapper {
    if (this.mapper?.text !== text) this.mapper = { text, mapper: new CodePointMapper(text) };
    return this.mapper.mapper;
  }

  /** Whether the view has `id` (as `view()`, without building it: adding 10,000 notes was quadratic). */
  private has(id: string): boolean {
    const p = this.pending.get(id);
    if (p) return p.kind === 'upsert';
    return this.parsed?.locations.has(id) ?? false;
  }

  /** The annotation `id` of the view (not a copy). */
  private find(id: string): Annotation | undefined {
    const p = this.pending.get(id);
    if (p) return p.kind === 'upsert' ? p.stored.annotation : undefined;
    if (!this.parsed?.locations.has(id)) return undefined;
    this.diskById ??= new Map(this.parsed.annotations.map((a) => [a.id, a] as const));
    return this.diskById.get(id);
  }

  private cpOf(id: string): { start?: number; end?: number } {
    const p = this.pending.get(id);
    if (p?.kind === 'upsert') {
      const cp: { start?: number; end?: number } = {};
      if (p.stored.cpStart !== undefined) cp.start = p.stored.cpStart;
      if (p.stored.cpEnd !== undefined) cp.end = p.stored.cpEnd;
      return cp;
    }
    return { ...(this.diskCp.get(id) ?? {}) };
  }

  private setUpsert(a: Annotation, cp: { start?: number; end?: number }): void {
    const stored: StoredAnnotation = { annotation: a };
    if (cp.start !== undefined) stored.cpStart = cp.start;
    if (cp.end !== undefined) stored.cpEnd = cp.end;
    this.pending.set(a.id, { kind: 'upsert', stored });
  }

  private async readDisk(): Promise<{ source?: string; parsed?: ParsedSidecar }> {
    let st: { size: number; kind?: FileKind } | undefined;
    try {
      st = await this.fs.stat(this.sidecarPath);
    } catch (e) {
      return { source: '\u0000io', parsed: this.ioError(e) };
    }
    if (!st) return {};
    if (st.kind !== undefined && st.kind !== 'file') {
      // /dev/zero, a FIFO, a folder (or a link to one): never read, it would not end or block.
      return { source: `\u0000not-a-file:${st.kind}`, parsed: this.ioError(new Error(`${notAFileMessage(this.sidecarPath, st.kind)}; annotation files are read only from regular files`)) };
    }
    const tooLarge = (size: string) => {
      const parsed = parseSidecarInternal(new Uint8Array(0), {});
      parsed.state = 'invalid';
      parsed.errors = [{ code: 'too-large', message: `annotation file is ${size} bytes; the limit is ${this.maxBytes}`, line: 1, column: 1 }];
      return { source: `\u0000too-large:${size}`, parsed };
    };
    if (st.size > this.maxBytes) return tooLarge(String(st.size));
    let bytes: Uint8Array;
    try {
      // Never more than the limit, even from a file that grows meanwhile.
      bytes = await this.fs.readFile(this.sidecarPath, { maxBytes: this.maxBytes });
    } catch (e) {
      if (e instanceof FileReadError && e.code === 'too-large') return tooLarge(`over ${this.maxBytes}`);
      return { source: '\u0000io', parsed: this.ioError(e) };
    }
    if (this.parsed?.state === 'ok' && this.diskSource !== undefined && this.parsed.source === this.diskSource) {
      // Unchanged since last read or written (a save re-reads under the lock; a watcher fires after
      // our own write): no need to parse it again.
      let same: boolean;
      try {
        same = new TextDecoder('utf-8', { fatal: true }).decode(bytes) === this.diskSource;
      } catch {
        same = false;
      }
      if (same) return { source: this.diskSource, parsed: this.parsed };
    }
    const parsed = parseSidecarInternal(bytes, { articleText: this.text, maxBytes: this.maxBytes });
    const source = parsed.state === 'ok' || parsed.source !== '' ? parsed.source : `\u0000bad:${bytes.byteLength}:${checksum(bytes)}`;
    return { source, parsed };
  }

  private ioError(e: unknown): ParsedSidecar {
    const parsed = parseSidecarInternal('', {});
    parsed.state = 'invalid';
    // FileReadError and the not-a-file message already name the sidecar.
    const message = (e as Error).message?.startsWith(this.sidecarPath) ? (e as Error).message : `could not read ${this.sidecarPath}: ${(e as Error).message}`;
    parsed.errors = [{ code: 'io', message, line: 1, column: 1 }];
    return parsed;
  }

  private applyDisk(disk: { source?: string; parsed?: ParsedSidecar }): void {
    this.diskSource = disk.source;
    this.parsed = disk.parsed;
    this.diskById = undefined;
    this.diskCp = new Map();
    if (!disk.parsed) return;
    for (const [id, cp] of disk.parsed.cp) this.diskCp.set(id, { ...cp });
    // Pending removals of entries that are gone from disk are moot.
    for (const [id, p] of [...this.pending]) {
      if (p.kind === 'remove' && !disk.parsed.locations.has(id)) this.pending.delete(id);
    }
    this.corrections_.dropMoot(disk.parsed);
  }

  private async doSave(): Promise<boolean> {
    this.assertWritable();
    if (!this.dirty) return false;
    return withFileLock(this.fs, this.sidecarPath, () => this.saveLocked(), this.lockOptions);
  }

  /** Under the lock: clean up, re-read, merge, write. */
  private async saveLocked(): Promise<boolean> {
    // Temp files of a writer killed between write and rename (older than the stale-lock bound).
    await removeStrayTempFiles(this.fs, this.sidecarPath, this.lockOptions.staleMs ?? 30_000);
    const disk = await this.readDisk();
    if (disk.source !== this.diskSource) {
      this.applyDisk(disk);
      this.assertWritable();
      if (!this.dirty) return false;
    }
    const ops = new Map(this.pending);
    const cops = new Map(this.corrections_.pending);
    let source = ops.size > 0 || this.diskSource === undefined ? this.render(ops) : this.diskSource;
    if (cops.size > 0) {
      source = this.corrections_.render(source, this.text, cops);
      assertReadableBack(source, this.maxBytes);
    }
    await writeFileAtomic(this.fs, this.sidecarPath, new TextEncoder().encode(source));
    for (const [id, op] of ops) if (this.pending.get(id) === op) this.pending.delete(id);
    for (const [id, op] of cops) if (this.corrections_.pending.get(id) === op) this.corrections_.pending.delete(id);
    this.applyDisk({ source, parsed: parseSidecarInternal(source, { articleText: this.text, maxBytes: Infinity }) });
    return true;
  }

  /** The new sidecar text: the disk content with `ops` applied. A sidecar read by the fast path is
   *  patched entry by entry (sidecar/patch.ts); otherwise the yaml Document is edited and spliced. */
  private render(ops: Map<string, Pending>): string {
    if (this.diskSource !== undefined && this.parsed?.fast) {
      const patched = patchSidecar(this.diskSource, this.parsed, ops);
      if (patched !== undefined) {
        assertReadableBack(patched, this.maxBytes);
        return patched;
      }
    }
    // Fresh document from the disk content (so a failed write leaves nothing half-applied).
    let doc: Document;
    let nodesById: Map<string, ReturnType<typeof findEntry>>;
    const fresh = this.diskSource !== undefined ? parseSidecarInternal(this.diskSource, { articleText: this.text }) : undefined;
    if (fresh?.doc && fresh.doc.contents !== null && isMap(fresh.doc.contents)) {
      doc = fresh.doc;
      nodesById = new Map(fresh.nodes);
    } else {
      doc = newSidecarDocument(basename(this.articlePath));
      // An existing file with only comments: keep them.
      if (fresh?.doc?.commentBefore) doc.commentBefore = fresh.doc.commentBefore;
      if (fresh?.doc?.comment) doc.comment = fresh.doc.comment;
      // Nothing to edit or remove: the new entries in the order insertEntry one by one would give
      // (by start, then id; stable), appended — linear, where inserting 10,000 was quadratic.
      const key = (s: StoredAnnotation): [number, string] => [s.cpStart ?? Infinity, s.annotation.id];
      const adds = [...ops.values()].flatMap((op) => (op.kind === 'upsert' ? [op.stored] : []));
      adds.sort((a, b) => {
        const [x, y] = [key(a), key(b)];
        return x[0] < y[0] || (x[0] === y[0] && x[1] < y[1]) ? -1 : y[0] < x[0] || (x[0] === y[0] && y[1] < x[1]) ? 1 : 0;
      });
      for (const s of adds) appendEntry(doc, s);
      return stringifySidecar(doc, this.diskSource, { maxBytes: this.maxBytes });
    }
    for (const [id, op] of ops) {
      const node = nodesById.get(id) ?? findEntry(doc, id);
      if (op.kind === 'remove') {
        if (node) {
          const seq = doc.get('annotations', true) as { items: unknown[] } | undefined;
          const i = seq?.items.indexOf(node) ?? -1;
          if (i >= 0) seq!.items.splice(i, 1);
          else removeEntry(doc, id);
        }
      } else if (node) {
        updateEntry(doc, node, op.stored);
      } else {
        insertEntry(doc, op.stored);
      }
    }
    return stringifySidecar(doc, this.diskSource, { maxBytes: this.maxBytes });
  }
}
