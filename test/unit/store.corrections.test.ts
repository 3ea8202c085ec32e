// Corrections in the sidecar (issue 15 item 1): read with specific errors, written beside the notes
// without touching them, anchored and re-anchored like notes, merged by id with a concurrent writer.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AnnotationStore, CORRECTION_TYPES, mergeSidecarTexts, nodeFileSystem, parseSidecar, resolveCorrectionAnchors } from '../../src/store';
import { ENTITY_TYPES } from '../../src/engine';

const TEXT = 'Donald Trump met Xi Jinping in Beijing. Trump said the deal was close, Scott Kennedy said.\n';

function tmpArticle(text = TEXT): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'newslens-corr-'));
  const article = path.join(dir, 'article.txt');
  writeFileSync(article, text);
  return article;
}

function createTargetPrefix(text: string, q: string): string {
  const i = text.indexOf(q);
  return text.slice(Math.max(0, i - 32), i);
}

function range(text: string, q: string, n = 0): { start: number; end: number } {
  let i = -1;
  for (let k = 0; k <= n; k++) i = text.indexOf(q, i + 1);
  assert.ok(i >= 0, q);
  return { start: i, end: i + q.length };
}

const HAND_WRITTEN = `# reviewed by hand
version: 1
file: article.txt   # aligned comment
annotations:
  # a note with a comment
  - id: a-1
    note: check this
    target: { exact: Beijing, start: 30, end: 37 }
corrections:
  # Trump here is the deal's name, not the man (hand comment)
  - id: c-20261207T101500-k3j9x2
    kind: entity
    action: retype
    type: ORG
    author: Jane Reviewer
    created: 2026-12-07T10:15:00Z
    target: { exact: Trump, prefix: "Beijing. ", suffix: " said", start: 40, end: 45 }
`;

describe('store: corrections in the sidecar', () => {
  it('the store keeps the engine\'s OntoNotes labels', () => {
    assert.deepEqual([...CORRECTION_TYPES], [...ENTITY_TYPES]);
    const schema = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'schemas', 'annotations.schema.json'), 'utf8'));
    assert.deepEqual(schema.definitions.correction.properties.type.enum, [...CORRECTION_TYPES]);
    assert.deepEqual(schema.definitions.correction.required, ['id', 'kind', 'action', 'target']);
    assert.equal(schema.properties.corrections.items.$ref, '#/definitions/correction');
  });

  it('a hand-written corrections list is read, with UTF-16 offsets', () => {
    const text = '😀 ' + TEXT; // a surrogate pair before: code points ≠ UTF-16
    const src = 'version: 1\ncorrections:\n  - id: c-1\n    kind: entity\n    action: reject\n    target: { exact: Trump, start: 9, end: 14 }\n';
    const r = parseSidecar(src, { articleText: text });
    assert.equal(r.state, 'ok', JSON.stringify(r.errors));
    assert.equal(r.corrections.length, 1);
    assert.deepEqual(r.corrections[0], { id: 'c-1', kind: 'entity', action: 'reject', target: { exact: 'Trump', start: 10, end: 15 } });
    assert.equal(text.slice(10, 15), 'Trump');
  });

  it('bad fields are rejected with their path, line and what is wrong; the store is read-only', async () => {
    const cases: [string, string, number, RegExp][] = [
      ['  - id: c-1\n    kind: entity\n    action: retype\n    type: PERSONS\n    target: { exact: Trump }\n', 'corrections[0].type', 7, /OntoNotes label/],
      ['  - id: c-1\n    kind: entity\n    action: speaker\n    target: { exact: Trump }\n', 'corrections[0].action', 6, /add, retype, reject for a entity/],
      ['  - id: c-1\n    kind: person\n    action: reject\n    target: { exact: Trump }\n', 'corrections[0].kind', 5, /"entity" or "quote"/],
      ['  - id: c-1\n    kind: entity\n    action: add\n    target: { exact: Trump }\n', 'corrections[0].type', 4, /missing "type"/],
      ['  - id: c-1\n    kind: quote\n    action: speaker\n    target: { exact: Trump }\n', 'corrections[0].speaker', 4, /missing "speaker"/],
      ['  - id: c-1\n    kind: quote\n    action: speaker\n    speaker: { exact: "" }\n    target: { exact: Trump }\n', 'corrections[0].speaker.exact', 7, /must not be empty/],
      ['  - id: c-1\n    kind: entity\n    action: reject\n    target: { exact: Trump, start: -1 }\n', 'corrections[0].target.start', 7, /non-negative integer/],
      ['  - kind: entity\n    action: reject\n    target: { exact: Trump }\n', 'corrections[0].id', 4, /missing "id"/],
      ['  - id: c-1\n    kind: entity\n    action: reject\n    target: { exact: A }\n  - id: c-1\n    kind: entity\n    action: reject\n    target: { exact: B }\n', 'corrections[1].id', 8, /duplicate correction id/],
    ];
    for (const [body, p, line, message] of cases) {
      const src = 'version: 1\nannotations: []\ncorrections:\n' + body;
      const r = parseSidecar(src, { articleText: TEXT });
      assert.equal(r.state, 'invalid', body);
      const e = r.errors.find((x) => x.path === p);
      assert.ok(e, `${p} in ${JSON.stringify(r.errors)}`);
      assert.equal(e.line, line, `${p}: ${JSON.stringify(e)}`);
      assert.match(e.message, message);
    }
    const scalar = parseSidecar('version: 1\ncorrections: nope\n');
    assert.equal(scalar.errors[0]?.path, 'corrections');
    // The store refuses to write an invalid sidecar, and leaves it as it is.
    const article = tmpArticle();
    const bad = 'version: 1\ncorrections:\n  - id: c-1\n    kind: entity\n    action: retype\n    type: PERSONS\n    target: { exact: Trump }\n';
    writeFileSync(article + '.annotations.yaml', bad);
    const store = await AnnotationStore.open(nodeFileSystem, article);
    assert.equal(store.readOnly, true);
    assert.throws(() => store.addCorrection(TEXT, range(TEXT, 'Beijing'), { kind: 'entity', action: 'reject' }), /invalid and will not be modified.*line 6/);
    assert.equal(readFileSync(article + '.annotations.yaml', 'utf8'), bad);
  });

  it('add, save, reopen: the entry has the issue\'s fields, code-point offsets and context', async () => {
    const text = 'é😀 ' + TEXT;
    const article = tmpArticle(text);
    const store = await AnnotationStore.open(nodeFileSystem, article, { now: () => new Date('2026-12-07T10:15:00.123Z') });
    const retype = store.addCorrection(text, range(text, 'Trump', 1), { kind: 'entity', action: 'retype', type: 'ORG', author: 'Jane Reviewer' });
    assert.match(retype.id, /^c-20261207T101500-[0-9a-z]{6}$/);
    const speaker = store.addCorrection(text, range(text, 'the deal was close'), { kind: 'quote', action: 'speaker', speaker: range(text, 'Scott Kennedy') });
    assert.equal(await store.save(), true);
    const file = readFileSync(article + '.annotations.yaml', 'utf8');
    assert.match(file, /^corrections:\n {2}- id: c-/m);
    // The issue's key order; code points in the file (the emoji is one), UTF-16 in the API.
    assert.match(file, /kind: entity\n {4}action: retype\n {4}type: ORG\n {4}author: Jane Reviewer\n {4}created: 2026-12-07T10:15:00Z\n {4}target:\n {6}exact: Trump\n {6}prefix: .*Beijing\. "\n {6}suffix: " said the deal was close, Scott "\n {6}start: 43\n {6}end: 48\n/);
    assert.equal(range(text, 'Trump', 1).start, 44);
    const reopened = await AnnotationStore.open(nodeFileSystem, article);
    assert.deepEqual(reopened.corrections.map((c) => c.id), [retype.id, speaker.id]);
    const [r1, r2] = reopened.resolveCorrections(text);
    assert.equal(r1!.anchor.state, 'anchored');
    assert.equal(text.slice(r1!.anchor.start, r1!.anchor.end), 'Trump');
    assert.equal(r1!.anchor.start, range(text, 'Trump', 1).start);
    assert.equal(r2!.speakerAnchor?.state, 'anchored');
    assert.equal(r2!.speakerAnchor?.text, 'Scott Kennedy');
    assert.equal(r2!.correction.speaker?.start, range(text, 'Scott Kennedy').start);
  });

  it('a hand-edited sidecar keeps its comments; notes-only saves leave the corrections block byte for byte', async () => {
    const article = tmpArticle();
    const side = article + '.annotations.yaml';
    writeFileSync(side, HAND_WRITTEN);
    const store = await AnnotationStore.open(nodeFileSystem, article);
    assert.equal(store.state, 'ok', JSON.stringify(store.errors));
    assert.equal(store.corrections.length, 1);
    store.update('a-1', { note: 'checked' });
    await store.save();
    const afterNote = readFileSync(side, 'utf8');
    assert.equal(afterNote, HAND_WRITTEN.replace('note: check this', 'note: checked').replace(/(note: checked.*\n)/, '$1    updated: ' + /updated: (\S+)/.exec(afterNote)![1] + '\n'));
    // Adding a correction: the notes part stays byte for byte, the hand comment in the list stays.
    store.addCorrection(TEXT, range(TEXT, 'Xi Jinping'), { kind: 'entity', action: 'reject' });
    await store.save();
    const afterCorr = readFileSync(side, 'utf8');
    const head = afterNote.slice(0, afterNote.indexOf('corrections:'));
    assert.equal(afterCorr.slice(0, head.length), head);
    assert.match(afterCorr, /# Trump here is the deal's name, not the man \(hand comment\)\n {2}- id: c-20261207T101500-k3j9x2/);
    assert.match(afterCorr, /action: reject\n(?:.*\n)*? {6}exact: Xi Jinping/);
    // Removing the hand-written one keeps the new one.
    store.removeCorrection('c-20261207T101500-k3j9x2');
    await store.save();
    const afterRemove = parseSidecar(readFileSync(side, 'utf8'), { articleText: TEXT });
    assert.deepEqual(afterRemove.corrections.map((c) => c.target.exact), ['Xi Jinping']);
    assert.equal(afterRemove.annotations.length, 1);
  });

  it('a sidecar without corrections is byte-identical after a notes-only save (the fast path)', async () => {
    const article = tmpArticle();
    const side = article + '.annotations.yaml';
    const src = 'version: 1\nfile: article.txt\nannotations:\n  - id: a-1\n    note: one   # c\n    target: { exact: Beijing, start: 30, end: 37 }\n';
    writeFileSync(side, src);
    const store = await AnnotationStore.open(nodeFileSystem, article);
    store.add(TEXT, range(TEXT, 'Trump', 1), { id: 'a-2', note: 'two' });
    await store.save();
    const out = readFileSync(side, 'utf8');
    assert.ok(out.startsWith(src), out);
    assert.doesNotMatch(out, /corrections/);
  });

  it('concurrent writers: corrections of both are kept (merged by id under the lock)', async () => {
    const article = tmpArticle();
    const a = await AnnotationStore.open(nodeFileSystem, article);
    const b = await AnnotationStore.open(nodeFileSystem, article);
    const ca = a.addCorrection(TEXT, range(TEXT, 'Beijing'), { kind: 'entity', action: 'retype', type: 'GPE' });
    const cb = b.addCorrection(TEXT, range(TEXT, 'Trump', 1), { kind: 'entity', action: 'reject' });
    b.add(TEXT, range(TEXT, 'Xi'), { note: 'b note' });
    await Promise.all([a.save(), b.save()]);
    const c = await AnnotationStore.open(nodeFileSystem, article);
    assert.deepEqual(c.corrections.map((x) => x.id).sort(), [ca.id, cb.id].sort());
    assert.equal(c.annotations.length, 1);
    // A removal by one writer does not drop what the other added meanwhile.
    a.removeCorrection(ca.id);
    const cc = b.addCorrection(TEXT, range(TEXT, 'Scott Kennedy'), { kind: 'entity', action: 'add', type: 'PERSON' });
    await a.save();
    await b.save();
    const d = await AnnotationStore.open(nodeFileSystem, article);
    assert.deepEqual(d.corrections.map((x) => x.id).sort(), [cb.id, cc.id].sort());
  });

  it('re-anchoring after edits: moved with the text; orphaned kept, not moved to other words', async () => {
    const article = tmpArticle();
    const store = await AnnotationStore.open(nodeFileSystem, article);
    const c = store.addCorrection(TEXT, range(TEXT, 'Scott Kennedy'), { kind: 'entity', action: 'retype', type: 'ORG' });
    await store.save();
    const edited = 'A new first paragraph.\n\n' + TEXT;
    const [moved] = store.resolveCorrections(edited);
    assert.ok(['anchored', 'moved'].includes(moved!.anchor.state), moved!.anchor.state);
    assert.equal(edited.slice(moved!.anchor.start, moved!.anchor.end), 'Scott Kennedy');
    const gone = TEXT.replace('Scott Kennedy said', 'analysts said');
    const [orphan] = store.resolveCorrections(gone);
    assert.equal(orphan!.anchor.state, 'orphaned');
    assert.equal(orphan!.anchor.start, undefined);
    // Still in the store (never dropped), and saving something else keeps it.
    store.add(gone, range(gone, 'Beijing'), { note: 'x' });
    await store.save();
    const again = await AnnotationStore.open(nodeFileSystem, article);
    assert.deepEqual(again.corrections.map((x) => x.id), [c.id]);
  });

  it('retargetCorrection (a moved correction written back, as notes are on save) keeps its fields and speaker', async () => {
    const article = tmpArticle();
    const store = await AnnotationStore.open(nodeFileSystem, article);
    const c = store.addCorrection(TEXT, range(TEXT, 'the deal was close'), { kind: 'quote', action: 'speaker', speaker: range(TEXT, 'Scott Kennedy'), author: 'Ana' });
    await store.save();
    const edited = 'A new first paragraph.\n\n' + TEXT;
    const [moved] = store.resolveCorrections(edited);
    store.retargetCorrection(c.id, edited, { start: moved!.anchor.start!, end: moved!.anchor.end! });
    await store.save();
    const again = await AnnotationStore.open(nodeFileSystem, article, { text: edited });
    const [r] = again.corrections;
    assert.equal(r!.target.start, edited.indexOf('the deal was close'));
    assert.equal(r!.target.prefix, createTargetPrefix(edited, 'the deal was close'));
    assert.deepEqual([r!.kind, r!.action, r!.author, r!.speaker?.exact], ['quote', 'speaker', 'Ana', 'Scott Kennedy']);
    assert.equal(again.resolveCorrections(edited)[0]!.anchor.state, 'anchored');
  });

  it('resolveCorrectionAnchors anchors speakers too', () => {
    const [r] = resolveCorrectionAnchors(TEXT, [
      { id: 'c-1', kind: 'quote', action: 'speaker', speaker: { exact: 'Scott Kennedy', start: 71, end: 84 }, target: { exact: 'the deal was close' } },
    ]);
    assert.equal(r!.anchor.text, 'the deal was close');
    assert.equal(r!.speakerAnchor?.text, 'Scott Kennedy');
    assert.equal(r!.speakerAnchor?.start, TEXT.indexOf('Scott Kennedy'));
  });

  it('addCorrection refuses incoherent fields', async () => {
    const store = await AnnotationStore.open(nodeFileSystem, tmpArticle());
    assert.throws(() => store.addCorrection(TEXT, range(TEXT, 'Trump'), { kind: 'entity', action: 'retype' }), /needs a type/);
    assert.throws(() => store.addCorrection(TEXT, range(TEXT, 'Trump'), { kind: 'entity', action: 'retype', type: 'PERSONS' }), /OntoNotes/);
    assert.throws(() => store.addCorrection(TEXT, range(TEXT, 'Trump'), { kind: 'quote', action: 'retype' }), /add, reject, speaker/);
    assert.throws(() => store.addCorrection(TEXT, range(TEXT, 'Trump'), { kind: 'quote', action: 'speaker' }), /needs a speaker/);
    assert.equal(store.dirty, false);
  });

  describe('the git merge driver merges corrections by id', () => {
    const entry = (id: string, type: string, exact = 'Trump') => `  - id: ${id}\n    kind: entity\n    action: retype\n    type: ${type}\n    target: { exact: ${exact} }\n`;
    const file = (notes: string, corrections: string) => `version: 1\nannotations:\n${notes}corrections:\n${corrections}`;
    const note = (id: string) => `  - id: ${id}\n    note: n\n    target: { exact: Beijing }\n`;

    it('additions on both sides, a change on one side, a deletion on one side: all kept as they should be', () => {
      const base = file(note('a-1'), entry('c-1', 'ORG') + entry('c-del', 'GPE', 'Beijing'));
      const ours = file(note('a-1') + note('a-2'), entry('c-1', 'ORG') + entry('c-del', 'GPE', 'Beijing') + entry('c-ours', 'PERSON', 'Xi'));
      const theirs = file(note('a-1'), entry('c-1', 'NORP') + entry('c-theirs', 'LOC', 'Scott'));
      const r = mergeSidecarTexts(base, ours, theirs);
      assert.deepEqual(r.conflicts, []);
      const merged = parseSidecar(r.merged!);
      assert.equal(merged.state, 'ok', JSON.stringify(merged.errors));
      assert.deepEqual(merged.corrections.map((c) => [c.id, c.type]), [['c-1', 'NORP'], ['c-ours', 'PERSON'], ['c-theirs', 'LOC']]);
      assert.deepEqual(merged.annotations.map((a) => a.id), ['a-1', 'a-2']);
    });

    it('a correction changed differently on both sides: both versions kept, reported', () => {
      const base = file(note('a-1'), entry('c-1', 'ORG'));
      const ours = file(note('a-1'), entry('c-1', 'PERSON'));
      const theirs = file(note('a-1') + note('a-3'), entry('c-1', 'NORP'));
      const r = mergeSidecarTexts(base, ours, theirs);
      assert.equal(r.conflicts.length, 1);
      assert.match(r.conflicts[0]!, /correction c-1: changed differently on both sides; .*c-1-theirs/);
      const merged = parseSidecar(r.merged!);
      assert.deepEqual(merged.corrections.map((c) => [c.id, c.type]), [['c-1', 'PERSON'], ['c-1-theirs', 'NORP']]);
      assert.deepEqual(merged.annotations.map((a) => a.id), ['a-1', 'a-3']);
    });
  });
});
