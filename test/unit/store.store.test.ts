// AnnotationStore behaviour: add/update/reply/remove, ids, reload merge, offsets, live tracking.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  AnnotationStore,
  mergeById,
  newAnnotationId,
  nodeFileSystem,
  parseSidecar,
  shiftAnnotations,
  toCodePointOffset,
  fromCodePointOffset,
  CodePointMapper,
  createTarget,
  resolveAnchor,
} from '../../src/store';
import type { Annotation, StoreFileSystem, TrackedRange } from '../../src/store';

const SEED = readFileSync(path.join(__dirname, '..', '..', 'seeds', 'trump-xi-tiktok-call.txt'), 'utf8');

function tmpArticle(text = SEED): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'newslens-store-'));
  const article = path.join(dir, 'article.txt');
  writeFileSync(article, text);
  return article;
}

function range(text: string, q: string, n = 0): { start: number; end: number } {
  let i = -1;
  for (let k = 0; k <= n; k++) i = text.indexOf(q, i + 1);
  assert.ok(i >= 0, q);
  return { start: i, end: i + q.length };
}

/** In-memory StoreFileSystem (what a vscode.workspace.fs adapter looks like to the store). */
function memoryFs(): StoreFileSystem & { files: Map<string, Uint8Array>; ops: string[] } {
  const files = new Map<string, Uint8Array>();
  const ops: string[] = [];
  return {
    files,
    ops,
    async readFile(p) {
      const f = files.get(p);
      if (!f) throw new Error(`ENOENT ${p}`);
      return f;
    },
    async writeFile(p, d) {
      ops.push(`write ${p}`);
      files.set(p, d);
    },
    async rename(a, b) {
      ops.push(`rename ${a} ${b}`);
      const f = files.get(a);
      if (!f) throw new Error(`ENOENT ${a}`);
      files.set(b, f);
      files.delete(a);
    },
    async stat(p) {
      const f = files.get(p);
      return f ? { size: f.byteLength, mtimeMs: 0 } : undefined;
    },
    async delete(p) {
      files.delete(p);
    },
  };
}

describe('store: AnnotationStore', () => {
  it('add → save → reopen → resolve', async () => {
    const article = tmpArticle();
    const store = await AnnotationStore.open(nodeFileSystem, article);
    assert.equal(store.state, 'missing');
    const a = store.add(SEED, range(SEED, 'Scott Kennedy'), { label: 'person', note: 'Who is he?', author: 'Ana' });
    assert.match(a.id, /^a-\d{8}T\d{6}-[0-9a-z]{6}$/);
    assert.equal(store.dirty, true);
    assert.equal(await store.save(), true);
    assert.equal(store.dirty, false);
    assert.equal(store.state, 'ok');
    const again = await AnnotationStore.open(nodeFileSystem, article);
    assert.deepEqual(again.annotations, [a]);
    const [r] = again.resolve(SEED);
    assert.equal(r!.anchor.state, 'anchored');
    assert.equal(r!.anchor.text, 'Scott Kennedy');
  });

  it('update, reply, resolve status, remove', async () => {
    const article = tmpArticle();
    let t = 0;
    const store = await AnnotationStore.open(nodeFileSystem, article, { now: () => new Date(Date.UTC(2026, 10, 26, 10, 0, t++)) });
    const a = store.add(SEED, range(SEED, 'Boeing airplanes'), { label: 'org', note: 'n1' });
    await store.save();
    store.update(a.id, { note: 'n2', label: null });
    const reply = store.addReply(a.id, { body: 'Agreed.', author: 'Bo' });
    store.update(a.id, { status: 'resolved' });
    await store.save();
    const back = parseSidecar(readFileSync(article + '.annotations.yaml'), { articleText: SEED }).annotations[0]!;
    assert.equal(back.note, 'n2');
    assert.equal(back.label, undefined);
    assert.equal(back.status, 'resolved');
    assert.deepEqual(back.replies, [reply]);
    assert.ok(back.updated! > back.created!);
    assert.equal(store.remove(a.id), true);
    await store.save();
    assert.equal(parseSidecar(readFileSync(article + '.annotations.yaml')).annotations.length, 0);
  });

  it('works over an injected file system with temp file + rename', async () => {
    const fs = memoryFs();
    fs.files.set('/w/a.txt', new TextEncoder().encode(SEED));
    const store = await AnnotationStore.open(fs, '/w/a.txt');
    store.add(SEED, range(SEED, 'Xi Jinping'), { label: 'person' });
    await store.save();
    assert.equal(fs.ops.length, 2);
    assert.match(fs.ops[0]!, /^write \/w\/a\.txt\.annotations\.yaml\.tmp-[0-9a-f]+$/);
    assert.match(fs.ops[1]!, /^rename \/w\/a\.txt\.annotations\.yaml\.tmp-[0-9a-f]+ \/w\/a\.txt\.annotations\.yaml$/);
    assert.deepEqual([...fs.files.keys()].sort(), ['/w/a.txt', '/w/a.txt.annotations.yaml']);
  });

  it('a failed rename keeps the old file and the unsaved changes', async () => {
    const fs = memoryFs();
    fs.files.set('/w/a.txt', new TextEncoder().encode(SEED));
    const store = await AnnotationStore.open(fs, '/w/a.txt');
    store.add(SEED, range(SEED, 'Xi Jinping'), { label: 'person' });
    fs.rename = async () => {
      throw new Error('disk full');
    };
    await assert.rejects(store.save(), /disk full/);
    assert.equal(store.dirty, true);
    assert.deepEqual([...fs.files.keys()], ['/w/a.txt']); // temp file cleaned up
  });

  it('stores code points in the file, UTF-16 in the API', async () => {
    const text = '🔥🔥 Breaking: 🇨🇳 China said the talks were productive.';
    const article = tmpArticle(text);
    const store = await AnnotationStore.open(nodeFileSystem, article);
    const r = range(text, 'China said');
    store.add(text, r, { label: 'claim' });
    await store.save();
    const yaml = readFileSync(article + '.annotations.yaml', 'utf8');
    const cpStart = [...text.slice(0, r.start)].length;
    assert.match(yaml, new RegExp(`start: ${cpStart}\\n`));
    assert.notEqual(cpStart, r.start);
    const again = await AnnotationStore.open(nodeFileSystem, article);
    assert.equal(again.annotations[0]!.target.start, r.start);
    assert.equal(again.resolve(text)[0]!.anchor.state, 'anchored');
  });

  it('reload keeps unsaved local changes when the file changed on disk', async () => {
    const article = tmpArticle();
    const s1 = await AnnotationStore.open(nodeFileSystem, article);
    const a = s1.add(SEED, range(SEED, 'Xi Jinping'), { label: 'person' });
    await s1.save();
    // another process (or reviewer) edits the file
    const s2 = await AnnotationStore.open(nodeFileSystem, article);
    const b = s2.add(SEED, range(SEED, 'Chenyue Mao'), { label: 'person' });
    s2.update(a.id, { note: 'from s2' });
    await s2.save();
    // s1 has unsaved changes
    const c = s1.add(SEED, range(SEED, 'Scott Kennedy'), { label: 'person' });
    const res = await s1.reload();
    assert.equal(res.changed, true);
    const ids = s1.annotations.map((x) => x.id).sort();
    assert.deepEqual(ids, [a.id, b.id, c.id].sort());
    assert.equal(s1.get(a.id)!.note, 'from s2');
    assert.equal(s1.dirty, true);
    await s1.save();
    const final = parseSidecar(readFileSync(article + '.annotations.yaml')).annotations;
    assert.deepEqual(final.map((x) => x.id).sort(), [a.id, b.id, c.id].sort());
  });

  it('save merges with a file changed on disk since it was read', async () => {
    const article = tmpArticle();
    const s1 = await AnnotationStore.open(nodeFileSystem, article);
    const s2 = await AnnotationStore.open(nodeFileSystem, article);
    const a = s1.add(SEED, range(SEED, 'Xi Jinping'), {});
    const b = s2.add(SEED, range(SEED, 'Chenyue Mao'), {});
    await s1.save();
    await s2.save(); // must not drop a
    const final = parseSidecar(readFileSync(article + '.annotations.yaml')).annotations;
    assert.deepEqual(final.map((x) => x.id).sort(), [a.id, b.id].sort());
  });

  it('concurrent saves are serialised', async () => {
    const article = tmpArticle();
    const s = await AnnotationStore.open(nodeFileSystem, article);
    s.add(SEED, range(SEED, 'Xi Jinping'), {});
    const p1 = s.save();
    s.add(SEED, range(SEED, 'Chenyue Mao'), {});
    const p2 = s.save();
    await Promise.all([p1, p2]);
    assert.equal(parseSidecar(readFileSync(article + '.annotations.yaml')).annotations.length, 2);
    assert.equal(s.dirty, false);
  });

  it('retarget stores a fresh quote and position after a fuzzy match is accepted', async () => {
    const article = tmpArticle();
    const s = await AnnotationStore.open(nodeFileSystem, article);
    const q = 'whether Congress will approve the arrangement';
    const a = s.add(SEED, range(SEED, q), { label: 'claim' });
    await s.save();
    const edited = 'New intro.\n' + SEED.replace('will approve', 'would approve');
    const [r] = s.resolve(edited);
    assert.equal(r!.anchor.state, 'fuzzy');
    s.retarget(a.id, edited, { start: r!.anchor.start!, end: r!.anchor.end! });
    await s.save();
    const again = await AnnotationStore.open(nodeFileSystem, article, { text: edited });
    const [r2] = again.resolve(edited);
    assert.equal(r2!.anchor.state, 'anchored');
    assert.equal(r2!.annotation.target.exact, 'whether Congress would approve the arrangement');
  });

  it('refuses duplicate ids and unknown ids', async () => {
    const s = await AnnotationStore.open(nodeFileSystem, tmpArticle());
    s.add(SEED, { start: 0, end: 9 }, { id: 'x' });
    assert.throws(() => s.add(SEED, { start: 0, end: 9 }, { id: 'x' }), /already exists/);
    assert.throws(() => s.update('nope', { note: 'a' }), /no annotation/);
    assert.throws(() => s.add(SEED, { start: 5, end: 5 }), RangeError);
  });

  it('locationOf gives the line of an entry', async () => {
    const article = tmpArticle();
    const s = await AnnotationStore.open(nodeFileSystem, article);
    const a = s.add(SEED, range(SEED, 'Xi Jinping'), {});
    assert.equal(s.locationOf(a.id), undefined);
    await s.save();
    assert.deepEqual(s.locationOf(a.id), { line: 5, column: 5 });
  });
});

describe('store: ids', () => {
  it('are time-based and random, never reused', () => {
    const d = new Date('2026-11-25T19:30:00.123Z');
    const ids = new Set<string>();
    for (let i = 0; i < 5000; i++) ids.add(newAnnotationId(d, ids));
    assert.equal(ids.size, 5000);
    for (const id of ids) assert.match(id, /^a-20261125T193000-[0-9a-z]{6}$/);
  });
});

describe('store: mergeById', () => {
  const mk = (id: string, note: string, updated?: string): Annotation => ({ id, note, ...(updated ? { updated } : {}), target: { exact: id } });
  it('with tracked changes: local edits and additions win, local removals apply, disk additions kept', () => {
    const disk = [mk('a', 'disk'), mk('b', 'disk'), mk('d', 'disk-new')];
    const local = [mk('a', 'local'), mk('b', 'stale'), mk('c', 'local-new')];
    const out = mergeById(local, disk, { changed: ['a', 'c'], removed: ['b'] });
    assert.deepEqual(out.map((x) => `${x.id}:${x.note}`), ['a:local', 'd:disk-new', 'c:local-new']);
  });
  it('without tracked changes: union, newer wins', () => {
    const disk = [mk('a', 'disk', '2026-01-02T00:00:00Z'), mk('b', 'disk', '2026-01-02T00:00:00Z')];
    const local = [mk('a', 'local', '2026-01-03T00:00:00Z'), mk('b', 'local', '2026-01-01T00:00:00Z'), mk('c', 'local')];
    assert.deepEqual(mergeById(local, disk).map((x) => `${x.id}:${x.note}`), ['a:local', 'b:disk', 'c:local']);
  });
});

describe('store: code point offsets', () => {
  const text = 'a😀b🇨🇳c';
  it('round-trips and matches [...text]', () => {
    for (let cp = 0; cp <= [...text].length; cp++) {
      const u = fromCodePointOffset(text, cp);
      assert.equal(toCodePointOffset(text, u), cp);
      assert.equal([...text.slice(0, u)].length, cp);
    }
    assert.equal(toCodePointOffset(text, 2), 1); // inside the surrogate pair rounds down
    assert.equal(fromCodePointOffset(text, 99), text.length);
    assert.equal(toCodePointOffset(text, -4), 0);
  });
  it('CodePointMapper agrees with the plain functions', () => {
    const m = new CodePointMapper(text);
    for (let u = 0; u <= text.length; u++) assert.equal(m.toCodePoint(u), toCodePointOffset(text, u), `u=${u}`);
    for (let cp = 0; cp <= 8; cp++) assert.equal(m.fromCodePoint(cp), fromCodePointOffset(text, cp), `cp=${cp}`);
    const plain = new CodePointMapper('abc');
    assert.equal(plain.toCodePoint(2), 2);
  });
});

describe('store: shiftAnnotations (live tracking)', () => {
  const r = (start: number, end: number): TrackedRange => ({ start, end });
  it('shifts for edits before, ignores edits after', () => {
    assert.deepEqual(shiftAnnotations([r(10, 20)], [{ start: 0, end: 0, newLength: 5 }]), [r(15, 25)]);
    assert.deepEqual(shiftAnnotations([r(10, 20)], [{ start: 2, end: 8, newLength: 0 }]), [r(4, 14)]);
    assert.deepEqual(shiftAnnotations([r(10, 20)], [{ start: 20, end: 25, newLength: 1 }]), [r(10, 20)]);
    assert.deepEqual(shiftAnnotations([r(10, 20)], [{ start: 10, end: 10, newLength: 3 }]), [r(13, 23)]); // typing at the start
    assert.deepEqual(shiftAnnotations([r(10, 20)], [{ start: 20, end: 20, newLength: 3 }]), [r(10, 20)]); // typing at the end
  });
  it('marks edits inside for recheck', () => {
    assert.deepEqual(shiftAnnotations([r(10, 20)], [{ start: 12, end: 14, newLength: 5 }]), [{ start: 10, end: 23, needsRecheck: true }]);
    assert.deepEqual(shiftAnnotations([r(10, 20)], [{ start: 5, end: 12, newLength: 1 }]), [{ start: 6, end: 14, needsRecheck: true }]);
    assert.deepEqual(shiftAnnotations([r(10, 20)], [{ start: 15, end: 30, newLength: 2 }]), [{ start: 10, end: 15, needsRecheck: true }]);
    assert.deepEqual(shiftAnnotations([r(10, 20)], [{ start: 5, end: 30, newLength: 4 }]), [{ start: 5, end: 9, needsRecheck: true }]);
  });
  it('applies a sequence of edits, keeps extra properties, does not mutate', () => {
    const input = [{ start: 10, end: 20, id: 'x' }, { start: 30, end: 35, id: 'y' }];
    const out = shiftAnnotations(input, [
      { start: 32, end: 33, newLength: 0 },
      { start: 0, end: 0, newLength: 2 },
    ]);
    assert.deepEqual(out, [{ start: 12, end: 22, id: 'x' }, { start: 32, end: 36, id: 'y', needsRecheck: true }]);
    assert.deepEqual(input[0], { start: 10, end: 20, id: 'x' });
  });
  it('shifted ranges still hold their text after edits outside them', () => {
    let text = SEED;
    const q = 'Wells Fargo banker Chenyue Mao';
    let tracked = [{ ...range(text, q) }];
    const edits = [
      { start: 0, end: 0, newLength: 6, insert: 'Hello ' },
      { start: 100, end: 140, newLength: 3, insert: 'abc' },
    ];
    for (const e of edits) {
      text = text.slice(0, e.start) + e.insert + text.slice(e.end);
      tracked = shiftAnnotations(tracked, [e]);
    }
    assert.equal(text.slice(tracked[0]!.start, tracked[0]!.end), q);
    assert.equal(resolveAnchor(text, { ...createTarget(SEED, SEED.indexOf(q), SEED.indexOf(q) + q.length), ...tracked[0]! }).state, 'anchored');
  });
});
