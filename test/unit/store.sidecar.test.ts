// Sidecar parsing, validation (line/column), hostile input and comment-preserving rewrites.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, readdirSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AnnotationStore, ReadOnlyStoreError, nodeFileSystem, parseSidecar, MAX_SIDECAR_BYTES } from '../../src/store';
import type { SidecarError } from '../../src/store';

const SEED = readFileSync(path.join(__dirname, '..', '..', 'seeds', 'trump-xi-tiktok-call.txt'), 'utf8');

const EXAMPLE = `# News Lens annotations for trump-xi-tiktok-call.txt
version: 1
file: trump-xi-tiktok-call.txt
annotations:
  - id: a-20261125T193000-x7k2
    label: claim
    note: Check whether Congress must approve the deal.
    author: Ana Reviewer
    created: 2026-11-25T19:30:00Z
    target:
      exact: whether Congress will approve the arrangement
      prefix: "the level of control China would retain, and "
      suffix: ". Reuters has reported that the deal"
      start: 1479
      end: 1524
`;

function one(errors: SidecarError[]): SidecarError {
  assert.ok(errors.length >= 1, 'expected an error');
  return errors[0]!;
}

function tmpArticle(text = SEED, sidecar?: string | Buffer): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'newslens-store-'));
  const article = path.join(dir, 'article.txt');
  writeFileSync(article, text);
  if (sidecar !== undefined) writeFileSync(article + '.annotations.yaml', sidecar);
  return article;
}

describe('store: sidecar parsing', () => {
  it('reads the documented example', () => {
    const r = parseSidecar(EXAMPLE, { articleText: SEED });
    assert.equal(r.state, 'ok');
    assert.deepEqual(r.errors, []);
    assert.equal(r.version, 1);
    assert.equal(r.file, 'trump-xi-tiktok-call.txt');
    assert.equal(r.annotations.length, 1);
    const a = r.annotations[0]!;
    assert.equal(a.id, 'a-20261125T193000-x7k2');
    assert.equal(a.label, 'claim');
    assert.equal(a.created, '2026-11-25T19:30:00Z');
    assert.equal(SEED.slice(a.target.start, a.target.end), a.target.exact);
  });

  it('loads a hand-written sidecar with only exact, with a stable derived id', () => {
    const src = 'annotations:\n  - target:\n      exact: Boeing airplanes\n';
    const r = parseSidecar(src);
    assert.equal(r.state, 'ok');
    assert.equal(r.annotations[0]!.target.exact, 'Boeing airplanes');
    assert.ok(r.annotations[0]!.id.length > 0);
    assert.equal(parseSidecar(src).annotations[0]!.id, r.annotations[0]!.id);
  });

  it('accepts an empty file', () => {
    assert.equal(parseSidecar('').state, 'ok');
    assert.equal(parseSidecar('# nothing yet\n').annotations.length, 0);
  });

  it('converts code-point offsets in the file to UTF-16 offsets', () => {
    const text = '😀😀 Hello world, this is it.';
    const src = 'version: 1\nannotations:\n  - id: x\n    target:\n      exact: Hello world\n      start: 3\n      end: 14\n';
    const a = parseSidecar(src, { articleText: text }).annotations[0]!;
    assert.equal(a.target.start, 5);
    assert.equal(text.slice(a.target.start, a.target.end), 'Hello world');
  });

  it('reads status, replies and updated', () => {
    const src = `version: 1
annotations:
  - id: a1
    status: resolved
    updated: 2026-11-26T10:00:00Z
    replies:
      - id: r1
        author: Bo
        created: 2026-11-26T09:00:00Z
        body: Confirmed with the desk.
    target: {exact: TikTok}
`;
    const a = parseSidecar(src).annotations[0]!;
    assert.equal(a.status, 'resolved');
    assert.equal(a.updated, '2026-11-26T10:00:00Z');
    assert.deepEqual(a.replies, [{ id: 'r1', author: 'Bo', created: '2026-11-26T09:00:00Z', body: 'Confirmed with the desk.' }]);
  });
});

describe('store: bad input is reported with line and column', () => {
  it('YAML syntax error', () => {
    const r = parseSidecar('version: 1\nannotations:\n  - id: a\n    note: "unterminated\n');
    assert.equal(r.state, 'invalid');
    const e = one(r.errors);
    assert.equal(e.code, 'yaml');
    assert.ok(e.line >= 4, `line ${e.line}`);
    assert.ok(e.column >= 1);
  });

  it('bad indentation', () => {
    const r = parseSidecar('version: 1\nannotations:\n  - id: a\n   label: x\n');
    assert.equal(r.state, 'invalid');
    assert.equal(one(r.errors).code, 'yaml');
  });

  it('duplicate keys', () => {
    const r = parseSidecar('version: 1\nversion: 1\n');
    assert.equal(r.state, 'invalid');
    assert.equal(one(r.errors).line, 2);
  });

  it('wrong types point at the value', () => {
    const r = parseSidecar('version: 1\nannotations:\n  - id: a\n    label: [x, y]\n    target:\n      exact: TikTok\n      start: -3\n');
    assert.equal(r.state, 'invalid');
    const label = r.errors.find((e) => e.path === 'annotations[0].label')!;
    assert.deepEqual([label.code, label.line, label.column], ['schema', 4, 12]);
    const start = r.errors.find((e) => e.path === 'annotations[0].target.start')!;
    assert.deepEqual([start.line, start.column], [7, 14]);
    assert.match(start.message, /non-negative integer/);
  });

  it('missing exact', () => {
    const r = parseSidecar('version: 1\nannotations:\n  - id: a\n    target:\n      prefix: foo\n');
    const e = one(r.errors);
    assert.equal(e.path, 'annotations[0].target.exact');
    assert.equal(e.line, 5);
    assert.match(e.message, /missing "exact"/);
  });

  it('annotations not a list; root not a map', () => {
    assert.equal(one(parseSidecar('annotations: 3\n').errors).message, 'annotations must be a list');
    assert.equal(parseSidecar('- a\n- b\n').state, 'invalid');
  });

  it('duplicate ids', () => {
    const r = parseSidecar('annotations:\n  - id: a\n    target: {exact: x}\n  - id: a\n    target: {exact: y}\n');
    const e = one(r.errors);
    assert.match(e.message, /duplicate annotation id "a"/);
    assert.equal(e.line, 4);
  });

  it('unknown future version', () => {
    const r = parseSidecar('version: 2\nannotations: []\n');
    assert.equal(r.state, 'invalid');
    const e = one(r.errors);
    assert.deepEqual([e.code, e.line, e.column], ['version', 1, 10]);
    assert.match(e.message, /newer/);
  });

  it('merge-conflict markers: conflicted, nothing half-read', () => {
    const src = `version: 1
annotations:
  - id: a
    target: {exact: TikTok}
<<<<<<< HEAD
  - id: b
    target: {exact: Boeing}
=======
  - id: c
    target: {exact: Congress}
>>>>>>> feature
`;
    const r = parseSidecar(src);
    assert.equal(r.state, 'conflicted');
    assert.deepEqual(r.annotations, []);
    const e = one(r.errors);
    assert.deepEqual([e.code, e.line, e.column], ['conflict', 5, 1]);
  });

  it('YAML alias bomb is refused quickly', () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 12; i++) {
      const prev = String.fromCharCode(96 + i);
      const cur = String.fromCharCode(97 + i);
      lines.push(`${cur}: &${cur} [${Array(9).fill('*' + prev).join(',')}]`);
    }
    lines.push('annotations: []');
    const t0 = Date.now();
    const r = parseSidecar(lines.join('\n') + '\n');
    assert.ok(Date.now() - t0 < 2000);
    assert.equal(r.state, 'invalid');
    assert.equal(one(r.errors).code, 'alias');
  });

  it('scalar aliases are fine', () => {
    const r = parseSidecar('annotations:\n  - id: a\n    author: &me Ana\n    target: {exact: x}\n  - id: b\n    author: *me\n    target: {exact: y}\n');
    assert.equal(r.state, 'ok');
    assert.equal(r.annotations[1]!.author, 'Ana');
  });

  it('binary content (NUL bytes)', () => {
    const r = parseSidecar(Buffer.from('version: 1\nannot\u0000ations: []\n'));
    assert.equal(r.state, 'invalid');
    const e = one(r.errors);
    assert.deepEqual([e.code, e.line, e.column], ['binary', 2, 6]);
    assert.equal(parseSidecar(Buffer.from([0xff, 0xfe, 0x41])).errors[0]!.code, 'binary');
  });

  it('oversized input', () => {
    const big = 'version: 1\n# ' + 'x'.repeat(MAX_SIDECAR_BYTES) + '\n';
    const t0 = Date.now();
    const r = parseSidecar(big);
    assert.ok(Date.now() - t0 < 1000);
    assert.equal(one(r.errors).code, 'too-large');
    assert.equal(parseSidecar('version: 1\n', { maxBytes: 5 }).errors[0]!.code, 'too-large');
  });

  it('deeply nested input is refused quickly (no stack overflow, no hang)', () => {
    const t0 = Date.now();
    const r = parseSidecar('annotations: ' + '['.repeat(2_000_000) + ']'.repeat(2_000_000) + '\n');
    assert.equal(r.state, 'invalid');
    assert.match(one(r.errors).message, /nested deeper/);
    let s = 'annotations:\n';
    for (let i = 1; i < 2000; i++) s += ' '.repeat(i * 2) + '- \n';
    const r2 = parseSidecar(s);
    assert.equal(r2.state, 'invalid');
    assert.ok(Date.now() - t0 < 3000, `${Date.now() - t0} ms`);
  });
});

describe('store: an invalid sidecar is never overwritten', () => {
  for (const [name, content] of [
    ['bad YAML', 'version: 1\nannotations:\n  - id: "x\n'],
    ['future version', 'version: 7\nannotations: []\n'],
    ['conflict', 'version: 1\n<<<<<<< HEAD\nannotations: []\n=======\nannotations: [1]\n>>>>>>> b\n'],
  ] as const) {
    it(name, async () => {
      const article = tmpArticle(SEED, content);
      const store = await AnnotationStore.open(nodeFileSystem, article);
      assert.equal(store.readOnly, true);
      assert.ok(store.errors.length > 0);
      assert.throws(() => store.add(SEED, { start: 0, end: 9 }, { label: 'x' }), ReadOnlyStoreError);
      await assert.rejects(store.save(), ReadOnlyStoreError);
      assert.equal(readFileSync(article + '.annotations.yaml', 'utf8'), content);
    });
  }

  it('a file that became invalid on disk is not overwritten by save(); local changes are kept', async () => {
    const article = tmpArticle(SEED, EXAMPLE);
    const store = await AnnotationStore.open(nodeFileSystem, article);
    store.add(SEED, { start: 0, end: 9 }, { label: 'date' });
    writeFileSync(article + '.annotations.yaml', 'version: 1\nannotations: [\n');
    await assert.rejects(store.save(), ReadOnlyStoreError);
    assert.equal(store.state, 'invalid');
    assert.equal(store.dirty, true);
    assert.equal(readFileSync(article + '.annotations.yaml', 'utf8'), 'version: 1\nannotations: [\n');
    // fixed on disk → reload → save works and keeps the local note
    writeFileSync(article + '.annotations.yaml', EXAMPLE);
    const rl = await store.reload();
    assert.equal(rl.state, 'ok');
    assert.equal(await store.save(), true);
    const back = parseSidecar(readFileSync(article + '.annotations.yaml'), { articleText: SEED });
    assert.deepEqual(back.annotations.map((a) => a.label).sort(), ['claim', 'date']);
  });

  it('oversized sidecar on disk is refused without reading it all', async () => {
    const article = tmpArticle(SEED, 'version: 1\n#' + 'x'.repeat(2000) + '\n');
    const store = await AnnotationStore.open(nodeFileSystem, article, { maxBytes: 1000 });
    assert.equal(store.state, 'invalid');
    assert.equal(store.errors[0]!.code, 'too-large');
  });
});

describe('store: round trip keeps comments, order, quoting and unknown fields', () => {
  const ORIGINAL = `# News Lens annotations for article.txt
# Reviewed by the night desk.
version: 1
file: article.txt
reviewRound: 3          # unknown top-level field
annotations:
  # Ana's first note
  - id: a-20261125T193000-x7k2
    label: claim
    note: 'Check whether Congress must approve the deal.'
    author: "Ana Reviewer"
    created: 2026-11-25T19:30:00Z
    priority: high       # unknown per-annotation field
    target:
      exact: whether Congress will approve the arrangement
      prefix: "the level of control China would retain, and "
      suffix: ". Reuters has reported that the deal"
      start: 1479
      end: 1524
      selectorVersion: 2   # unknown target field

  - id: a-20261125T194500-q9zz
    label: person
    note: |
      Multi-line note
      kept as a block.
    target: { exact: "Chenyue Mao", start: 3100, end: 3111 }
`;

  it('saving without changes writes nothing', async () => {
    const article = tmpArticle(SEED, ORIGINAL);
    const store = await AnnotationStore.open(nodeFileSystem, article);
    assert.equal(store.state, 'ok');
    assert.equal(await store.save(), false);
    assert.equal(readFileSync(article + '.annotations.yaml', 'utf8'), ORIGINAL);
  });

  it('adding a note leaves the other entries byte-identical', async () => {
    const article = tmpArticle(SEED, ORIGINAL);
    const store = await AnnotationStore.open(nodeFileSystem, article);
    const i = SEED.indexOf('Boeing airplanes');
    store.add(SEED, { start: i, end: i + 16 }, { label: 'org', note: 'Boeing: check the order numbers', author: 'Bo' });
    await store.save();
    const out = readFileSync(article + '.annotations.yaml', 'utf8');
    // Every original line is still there, in the same order.
    const lines = ORIGINAL.split('\n');
    let k = 0;
    for (const line of out.split('\n')) if (k < lines.length && line === lines[k]) k++;
    assert.equal(k, lines.length, `original line ${k + 1} changed or moved:\n${out}`);
    assert.match(out, /exact: Boeing airplanes/);
    // sorted by start: between the two existing entries (1479 < Boeing < 3100)
    assert.ok(out.indexOf('Boeing airplanes') > out.indexOf('whether Congress') && out.indexOf('Boeing airplanes') < out.indexOf('Chenyue Mao'));
    const back = parseSidecar(out, { articleText: SEED });
    assert.equal(back.state, 'ok');
    assert.equal(back.annotations.length, 3);
  });

  it('updating one note changes only that entry; unknown fields survive', async () => {
    const article = tmpArticle(SEED, ORIGINAL);
    const store = await AnnotationStore.open(nodeFileSystem, article, { now: () => new Date('2026-11-26T08:00:00Z') });
    store.update('a-20261125T193000-x7k2', { note: 'Congress must approve: confirmed.', status: 'resolved' });
    await store.save();
    const out = readFileSync(article + '.annotations.yaml', 'utf8');
    assert.match(out, /reviewRound: 3 +# unknown top-level field/);
    assert.match(out, /priority: high +# unknown per-annotation field/);
    assert.match(out, /selectorVersion: 2 +# unknown target field/);
    assert.match(out, /# Ana's first note/);
    assert.match(out, /# Reviewed by the night desk\./);
    assert.match(out, /note: 'Congress must approve: confirmed\.'/); // quoting style of the field kept
    assert.match(out, /author: "Ana Reviewer"/);
    assert.match(out, /updated: 2026-11-26T08:00:00Z/);
    assert.match(out, /status: resolved/);
    // second entry untouched
    assert.ok(out.includes('    note: |\n      Multi-line note\n      kept as a block.\n'));
    assert.ok(out.includes('target: { exact: "Chenyue Mao", start: 3100, end: 3111 }'));
  });

  it('removing a note leaves the others', async () => {
    const article = tmpArticle(SEED, ORIGINAL);
    const store = await AnnotationStore.open(nodeFileSystem, article);
    assert.equal(store.remove('a-20261125T193000-x7k2'), true);
    assert.equal(store.remove('nope'), false);
    await store.save();
    const out = readFileSync(article + '.annotations.yaml', 'utf8');
    assert.ok(!out.includes('whether Congress'));
    assert.ok(out.includes('target: { exact: "Chenyue Mao", start: 3100, end: 3111 }'));
    assert.match(out, /reviewRound: 3/);
  });

  it('keeps CRLF line endings of an existing file', async () => {
    const crlf = ORIGINAL.replace(/\n/g, '\r\n');
    const article = tmpArticle(SEED, crlf);
    const store = await AnnotationStore.open(nodeFileSystem, article);
    store.update('a-20261125T193000-x7k2', { status: 'resolved' });
    await store.save();
    const out = readFileSync(article + '.annotations.yaml', 'utf8');
    assert.equal(out.replace(/\r\n/g, '').includes('\n'), false, 'mixed line endings');
    assert.ok(out.includes('reviewRound: 3          # unknown top-level field\r\n'));
    assert.match(out, /status: resolved\r\n/);
  });

  it('a hand-written entry without id gets its derived id written when it is changed', async () => {
    const src = '# mine\nannotations:\n  - label: person\n    target:\n      exact: Chenyue Mao\n  - note: untouched\n    target: {exact: Boeing}\n';
    const article = tmpArticle(SEED, src);
    const store = await AnnotationStore.open(nodeFileSystem, article);
    const [a, b] = store.annotations;
    store.update(a!.id, { note: 'Wells Fargo banker' });
    await store.save();
    const out = readFileSync(article + '.annotations.yaml', 'utf8');
    assert.ok(out.includes(`  - id: ${a!.id}\n    label: person\n    note: Wells Fargo banker\n`), out);
    assert.ok(out.includes('  - note: untouched\n    target: {exact: Boeing}\n'), out);
    const again = await AnnotationStore.open(nodeFileSystem, article);
    assert.deepEqual(again.annotations.map((x) => x.id), [a!.id, b!.id]);
  });

  it('replies written by hand without ids survive an update and a new reply', async () => {
    const src = 'annotations:\n  - id: a\n    replies:\n      - author: Ana\n        body: first\n      - body: second\n    target: {exact: TikTok}\n';
    const article = tmpArticle(SEED, src);
    const store = await AnnotationStore.open(nodeFileSystem, article);
    store.update('a', { note: 'n' });
    store.addReply('a', { body: 'third', author: 'Bo' });
    await store.save();
    const back = parseSidecar(readFileSync(article + '.annotations.yaml')).annotations[0]!;
    assert.deepEqual(back.replies!.map((r) => r.body), ['first', 'second', 'third']);
    assert.equal(back.note, 'n');
  });

  it('writes atomically, leaving no temp files', async () => {
    const article = tmpArticle(SEED);
    const store = await AnnotationStore.open(nodeFileSystem, article);
    assert.equal(store.state, 'missing');
    store.add(SEED, { start: 10, end: 30 }, { label: 'x' });
    await store.save();
    assert.deepEqual(readdirSync(path.dirname(article)).sort(), ['article.txt', 'article.txt.annotations.yaml']);
    const out = readFileSync(article + '.annotations.yaml', 'utf8');
    assert.match(out, /^# News Lens annotations for article\.txt\nversion: 1\nfile: article\.txt\nannotations:\n  - id: a-/);
  });
});
