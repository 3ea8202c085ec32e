// The sidecar merge (git merge driver core): nothing that exists on either side is lost, and
// every conflict is visible in the merged file (conflict markers) or kept and reported.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { runMergeDriver } from '../../src/cli/annotations';
import { stringify } from 'yaml';
import { mergeSidecarTexts, parseSidecar } from '../../src/store';
import type { Annotation } from '../../src/store';

const BASE = `# header comment
version: 1
annotations:
  - id: a
    label: claim
    note: base note
    author: Ana
    created: 2026-01-01T00:00:00Z
    updated: 2026-01-01T00:00:00Z
    status: open
    custom: keep-me
    replies:
      - id: r1
        author: Ana
        created: 2026-01-01T01:00:00Z
        body: first reply
    target:
      exact: TikTok
      start: 10
      end: 16
  - id: b
    note: note b
    target:
      exact: Congress
      start: 50
      end: 58
`;

/** BASE without entry `id` (its lines up to the next entry). */
function without(text: string, id: string): string {
  return text.replace(new RegExp(`  - id: ${id}\\n(?:    .*\\n|      .*\\n)*`), '');
}
const addReplyTo = (text: string, after: string, reply: string): string => text.replace(after, after + reply);
const R2 = '      - id: r2\n        author: Bo\n        created: 2026-01-02T00:00:00Z\n        body: second reply\n';
const R3 = '      - id: r3\n        author: Cy\n        created: 2026-01-01T12:00:00Z\n        body: third reply\n';

/** Keep one side of every conflict block. */
function resolve(text: string, side: 'ours' | 'theirs'): string {
  const out: string[] = [];
  let state: 'none' | 'ours' | 'theirs' = 'none';
  for (const line of text.split('\n')) {
    if (state === 'none' && line.startsWith('<<<<<<<')) state = 'ours';
    else if (state === 'ours' && line.startsWith('=======')) state = 'theirs';
    else if (state === 'theirs' && line.startsWith('>>>>>>>')) state = 'none';
    else if (state === 'none' || state === side) out.push(line);
  }
  assert.equal(state, 'none', 'unterminated conflict block');
  return out.join('\n');
}

function notes(text: string): Map<string, Annotation> {
  const p = parseSidecar(text);
  assert.equal(p.state, 'ok', `${JSON.stringify(p.errors)}\n${text}`);
  return new Map(p.annotations.map((a) => [a.id, a]));
}

describe('store: mergeSidecarTexts keeps every note and reply', () => {
  it('a note deleted here and given a reply there is kept with the reply and reported (both directions)', () => {
    const deleted = without(BASE, 'a');
    const replied = addReplyTo(BASE, '        body: first reply\n', R2);
    for (const [ours, theirs] of [[deleted, replied], [replied, deleted]] as const) {
      const r = mergeSidecarTexts(BASE, ours, theirs);
      const a = notes(r.merged!).get('a');
      assert.ok(a, 'note a was dropped');
      assert.deepEqual(a.replies!.map((x) => x.id), ['r1', 'r2']);
      assert.equal(r.conflicts.length, 1, r.conflicts.join('\n'));
      assert.match(r.conflicts[0]!, /^a: deleted on (our|their) side but changed on (theirs|ours)/);
      assert.equal(r.markers, 0);
    }
  });

  it('a note deleted on one side and edited on the other (status, label, note, target) is kept with the edit', () => {
    const edits: [string, (t: string) => string, (a: Annotation) => unknown, unknown][] = [
      ['status', (t) => t.replace('status: open', 'status: resolved'), (a) => a.status, 'resolved'],
      ['label', (t) => t.replace('label: claim', 'label: source'), (a) => a.label, 'source'],
      ['note', (t) => t.replace('base note', 'edited'), (a) => a.note, 'edited'],
      ['target', (t) => t.replace('start: 10', 'start: 11').replace('end: 16', 'end: 17'), (a) => a.target.start, 11],
      ['unknown field', (t) => t.replace('custom: keep-me', 'custom: changed'), () => undefined, undefined],
    ];
    for (const [what, edit, get, want] of edits) {
      for (const oursDeletes of [true, false]) {
        const del = without(BASE, 'a');
        const ed = edit(BASE);
        const r = oursDeletes ? mergeSidecarTexts(BASE, del, ed) : mergeSidecarTexts(BASE, ed, del);
        const a = notes(r.merged!).get('a');
        assert.ok(a, `${what}: note dropped`);
        assert.equal(get(a), want, what);
        if (what === 'unknown field') assert.match(r.merged!, /custom: changed/);
        assert.equal(r.conflicts.length, 1, what);
      }
    }
  });

  it('a note deleted on one side and unchanged on the other is deleted, cleanly', () => {
    for (const [ours, theirs] of [[without(BASE, 'b'), BASE], [BASE.replace('# header comment', '# ours'), without(BASE, 'b')]] as const) {
      const r = mergeSidecarTexts(BASE, ours, theirs);
      assert.deepEqual([...notes(r.merged!).keys()], ['a']);
      assert.deepEqual(r.conflicts, []);
    }
  });

  it('replies added on both sides are united, ordered by created then id', () => {
    const ours = addReplyTo(BASE, '        body: first reply\n', R2);
    const theirs = addReplyTo(BASE, '        body: first reply\n', R3);
    const r = mergeSidecarTexts(BASE, ours, theirs);
    assert.deepEqual(r.conflicts, []);
    assert.deepEqual(notes(r.merged!).get('a')!.replies!.map((x) => x.id), ['r1', 'r3', 'r2']);
    const back = mergeSidecarTexts(BASE, theirs, ours);
    assert.deepEqual(notes(back.merged!).get('a')!.replies!.map((x) => x.id), ['r1', 'r3', 'r2']);
  });

  it('the same reply added on both sides appears once', () => {
    const both = addReplyTo(BASE, '        body: first reply\n', R2);
    const r = mergeSidecarTexts(BASE, both.replace('note: note b', 'note: ours b'), both);
    assert.deepEqual(notes(r.merged!).get('a')!.replies!.map((x) => x.id), ['r1', 'r2']);
    assert.deepEqual(r.conflicts, []);
  });

  it('a reply deleted on one side and unchanged on the other is deleted; a reply added meanwhile stays', () => {
    const base = addReplyTo(BASE, '        body: first reply\n', R2);
    const ours = base.replace(/      - id: r1\n(?:        .*\n)*/, '');
    const theirs = addReplyTo(base, '        body: second reply\n', R3.replace('2026-01-01T12', '2026-01-03T12'));
    for (const [o, t] of [[ours, theirs], [theirs, ours]] as const) {
      const r = mergeSidecarTexts(base, o, t);
      assert.deepEqual(notes(r.merged!).get('a')!.replies!.map((x) => x.id), ['r2', 'r3']);
      assert.deepEqual(r.conflicts, []);
    }
  });

  it('a reply deleted on one side and edited on the other is kept with the edit and reported', () => {
    const ours = BASE.replace(/    replies:\n(?:      .*\n)*/, '');
    const theirs = BASE.replace('body: first reply', 'body: first reply, corrected');
    for (const [o, t] of [[ours, theirs], [theirs, ours]] as const) {
      const r = mergeSidecarTexts(BASE, o, t);
      assert.deepEqual(notes(r.merged!).get('a')!.replies!.map((x) => x.body), ['first reply, corrected']);
      assert.equal(r.conflicts.length, 1);
      assert.match(r.conflicts[0]!, /reply "r1" was deleted/);
    }
  });

  it('both sides bumping `updated` is not a conflict: the later time wins', () => {
    const ours = BASE.replace('status: open', 'status: resolved').replace('updated: 2026-01-01T00:00:00Z', 'updated: 2026-01-05T00:00:00Z');
    const theirs = addReplyTo(BASE, '        body: first reply\n', R2).replace('updated: 2026-01-01T00:00:00Z', 'updated: 2026-01-02T00:00:00Z');
    const r = mergeSidecarTexts(BASE, ours, theirs);
    assert.deepEqual(r.conflicts, []);
    const a = notes(r.merged!).get('a')!;
    assert.equal(a.updated, '2026-01-05T00:00:00Z');
    assert.equal(a.status, 'resolved');
    assert.deepEqual(a.replies!.map((x) => x.id), ['r1', 'r2']);
  });
});

describe('store: mergeSidecarTexts leaves field conflicts in the file', () => {
  const kinds: [string, (t: string, side: 'ours' | 'theirs') => string, (a: Annotation) => unknown, string, string][] = [
    ['note', (t, s) => t.replace('note: base note', `note: ${s} note`), (a) => a.note, 'ours note', 'theirs note'],
    ['label', (t, s) => t.replace('label: claim', `label: ${s}-label`), (a) => a.label, 'ours-label', 'theirs-label'],
    ['status', (t, s) => (s === 'ours' ? t.replace('status: open', 'status: resolved') : t.replace('    status: open\n', '')), (a) => a.status ?? 'none', 'resolved', 'none'],
    ['author', (t, s) => t.replace('author: Ana\n    created', `author: ${s}\n    created`), (a) => a.author, 'ours', 'theirs'],
    ['created', (t, s) => t.replace('created: 2026-01-01T00:00:00Z', `created: 2026-01-0${s === 'ours' ? 2 : 3}T00:00:00Z`), (a) => a.created, '2026-01-02T00:00:00Z', '2026-01-03T00:00:00Z'],
    ['target', (t, s) => t.replace('exact: TikTok\n      start: 10', `exact: TikTok\n      start: ${s === 'ours' ? 9 : 12}`), (a) => a.target.start, '9', '12'],
    ['reply "r1"', (t, s) => t.replace('body: first reply', `body: ${s} reply`), (a) => a.replies![0]!.body, 'ours reply', 'theirs reply'],
  ];
  for (const [kind, edit, get, oursValue, theirsValue] of kinds) {
    it(`${kind} changed differently on both sides: both values between conflict markers, non-clean`, () => {
      // each side also makes a clean change elsewhere, which both resolutions must keep
      const ours = edit(BASE, 'ours').replace('note: note b', 'note: b by ours');
      const theirs = addReplyTo(edit(BASE, 'theirs'), '      end: 58\n', '').replace('custom: keep-me', 'custom: theirs-too');
      const r = mergeSidecarTexts(BASE, ours, theirs);
      assert.equal(r.markers, 1);
      assert.equal(r.conflicts.length, 1);
      assert.ok(r.conflicts[0]!.startsWith(`a: "${kind.replace(/^reply "r1"$/, 'reply "r1')}`) || r.conflicts[0]!.includes(kind), r.conflicts[0]);
      const merged = r.merged!;
      // the parser sees the conflict at the marker line and refuses the file (read-only, nothing written over it)
      const p = parseSidecar(merged);
      assert.equal(p.state, 'conflicted');
      assert.equal(p.errors[0]!.code, 'conflict');
      const line = merged.split('\n').findIndex((l) => l === '<<<<<<< ours') + 1;
      assert.ok(line > 0);
      assert.equal(p.errors[0]!.line, line);
      assert.match(r.conflicts[0]!, new RegExp(`at line ${line}$`));
      for (const [side, want] of [['ours', oursValue], ['theirs', theirsValue]] as const) {
        const n = notes(resolve(merged, side));
        assert.equal(String(get(n.get('a')!)), want, `${kind}, ${side}`);
        assert.equal(n.get('b')!.note, 'b by ours');
        assert.match(resolve(merged, side), /custom: theirs-too/);
      }
    });
  }

  it('keeps CRLF line endings around the markers, and several conflicted notes each get a block', () => {
    const twoConflicts = (s: string): string => BASE.replace('base note', `${s} a`).replace('note b', `${s} b`).replace(/\n/g, '\r\n');
    const r = mergeSidecarTexts(BASE.replace(/\n/g, '\r\n'), twoConflicts('ours'), twoConflicts('theirs'));
    assert.equal(r.markers, 2);
    assert.equal(r.conflicts.length, 2);
    assert.ok(!/[^\r]\n/.test(r.merged!), 'a bare LF in a CRLF file');
    assert.equal((r.merged!.match(/^<<<<<<< ours\r$/gm) ?? []).length, 2);
    const ours = notes(resolve(r.merged!, 'ours'));
    const theirs = notes(resolve(r.merged!, 'theirs'));
    assert.deepEqual([ours.get('a')!.note, ours.get('b')!.note, theirs.get('a')!.note, theirs.get('b')!.note], ['ours a', 'ours b', 'theirs a', 'theirs b']);
  });

  it('a conflicted entry written in flow style gets its markers around block lines', () => {
    const flow = 'version: 1\nannotations: [{id: a, note: base, target: {exact: X}}, {id: b, target: {exact: Y}}]\n';
    const r = mergeSidecarTexts(flow, flow.replace('base', 'ours'), flow.replace('base', 'theirs'));
    assert.equal(r.markers, 1);
    assert.match(r.merged!, /^<<<<<<< ours\n    note: ours\n=======\n    note: theirs\n>>>>>>> theirs$/m);
    assert.deepEqual([...notes(resolve(r.merged!, 'theirs')).values()].map((a) => `${a.id}:${a.note}`), ['a:theirs', 'b:undefined']);
  });

  it('the same id added on both sides with different content conflicts instead of dropping theirs', () => {
    const add = (s: string): string => `${BASE}  - id: c\n    note: ${s} c\n    target:\n      exact: Boeing\n`;
    const r = mergeSidecarTexts(BASE, add('ours'), add('theirs'));
    assert.equal(r.markers, 1);
    assert.equal(notes(resolve(r.merged!, 'theirs')).get('c')!.note, 'theirs c');
    assert.equal(notes(resolve(r.merged!, 'ours')).get('c')!.note, 'ours c');
  });
});

describe('news-lens merge-driver: exit status and file', () => {
  async function drive(ours: string, theirs: string): Promise<{ code: number; file: string; err: string }> {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'newslens-merge3-'));
    const [b, o, t] = ['base', 'ours', 'theirs'].map((n) => path.join(dir, n));
    writeFileSync(b!, BASE);
    writeFileSync(o!, ours);
    writeFileSync(t!, theirs);
    let err = '';
    const code = await runMergeDriver([b!, o!, t!], { stdout: () => undefined, stderr: (s) => (err += s) });
    return { code, file: readFileSync(o!, 'utf8'), err };
  }
  it('exits 0 on a clean merge and writes it', async () => {
    const r = await drive(BASE.replace('note b', 'ours b'), BASE.replace('base note', 'theirs a'));
    assert.equal(r.code, 0, r.err);
    assert.equal(r.err, '');
    assert.deepEqual([...notes(r.file).values()].map((a) => a.note), ['theirs a', 'ours b']);
  });
  it('exits 1 and leaves both values in OURS on a field conflict', async () => {
    const r = await drive(BASE.replace('base note', 'ours a'), BASE.replace('base note', 'theirs a'));
    assert.equal(r.code, 1);
    assert.match(r.err, /^news-lens merge-driver: a: "note" changed differently on both sides; both versions left between conflict markers at line 6$/m);
    assert.match(r.file, /^<<<<<<< ours\n    note: ours a\n=======\n    note: theirs a\n>>>>>>> theirs\n/m);
  });
  it('exits 1 when a deleted note is kept because the other side replied', async () => {
    const r = await drive(without(BASE, 'a'), addReplyTo(BASE, '        body: first reply\n', R2));
    assert.equal(r.code, 1);
    assert.match(r.err, /a: deleted on our side but changed on theirs; kept their version/);
    assert.deepEqual(notes(r.file).get('a')!.replies!.map((x) => x.id), ['r1', 'r2']);
  });
});

// ---------------------------------------------------------------------------------------------
// Random three-way merges with an independent model of what the merge must keep.

interface RNote {
  id: string;
  label?: string;
  note?: string;
  status?: string;
  updated?: string;
  replies?: { id: string; created: string; body: string }[];
  target: { exact: string; start: number; end: number };
}

type Op =
  | { op: 'del'; n: number }
  | { op: 'set'; n: number; field: 'label' | 'note' | 'status' | 'target'; v: number; t: number }
  | { op: 'reply'; n: number; rid: string; body: number; t: number }
  | { op: 'delReply'; n: number; r: number }
  | { op: 'editReply'; n: number; r: number; body: number }
  | { op: 'add'; id: string; v: number };

const T = (k: number): string => `2026-02-0${k + 1}T00:00:00Z`;
const NOTE_VALUES = ['x', 'y', undefined] as const;
const LABEL_VALUES = ['claim', 'person'] as const;
const STATUS_VALUES = ['open', 'resolved', undefined] as const;

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('del' as const), n: fc.nat(5) }),
  fc.record({ op: fc.constant('set' as const), n: fc.nat(5), field: fc.constantFrom('label' as const, 'note' as const, 'status' as const, 'target' as const), v: fc.nat(2), t: fc.nat(8) }),
  fc.record({ op: fc.constant('reply' as const), n: fc.nat(5), rid: fc.constantFrom('ra', 'rb', 'rc'), body: fc.nat(1), t: fc.nat(8) }),
  fc.record({ op: fc.constant('delReply' as const), n: fc.nat(5), r: fc.nat(3) }),
  fc.record({ op: fc.constant('editReply' as const), n: fc.nat(5), r: fc.nat(3), body: fc.nat(1) }),
  fc.record({ op: fc.constant('add' as const), id: fc.constantFrom('n8', 'n9'), v: fc.nat(2) }),
);

function baseNotes(count: number, replies: number[]): RNote[] {
  return Array.from({ length: count }, (_, i) => {
    const n: RNote = { id: `n${i}`, label: 'claim', note: `note ${i}`, status: 'open', updated: T(0), target: { exact: `w${i}`, start: i * 10, end: i * 10 + 2 } };
    const k = replies[i] ?? 0;
    if (k > 0) n.replies = Array.from({ length: k }, (_, j) => ({ id: `r${i}${j}`, created: T(0), body: `reply ${j}` }));
    return n;
  });
}

function applyOps(notes0: RNote[], ops: Op[]): RNote[] {
  const notes = structuredClone(notes0);
  for (const o of ops) {
    if (o.op === 'add') {
      if (!notes.some((n) => n.id === o.id)) notes.push({ id: o.id, note: `new ${o.v}`, target: { exact: 'w', start: 100, end: 101 } });
      continue;
    }
    const n = notes[o.n % Math.max(notes.length, 1)];
    if (!n) continue;
    if (o.op === 'del') notes.splice(notes.indexOf(n), 1);
    else if (o.op === 'set') {
      if (o.field === 'target') n.target = { exact: n.target.exact, start: n.target.start + o.v + 1, end: n.target.end + o.v + 1 };
      else {
        const v = o.field === 'label' ? LABEL_VALUES[o.v % 2] : o.field === 'note' ? NOTE_VALUES[o.v] : STATUS_VALUES[o.v];
        if (v === undefined) delete n[o.field];
        else n[o.field] = v;
      }
      n.updated = T(o.t);
    } else if (o.op === 'reply') {
      if (n.replies?.some((r) => r.id === o.rid)) continue;
      (n.replies ??= []).push({ id: o.rid, created: T(o.t), body: `body ${o.body}` });
      n.updated = T(o.t);
    } else if (n.replies?.length) {
      const r = n.replies[o.r % n.replies.length]!;
      if (o.op === 'delReply') {
        n.replies.splice(n.replies.indexOf(r), 1);
        if (n.replies.length === 0) delete n.replies;
      } else r.body = `edited ${o.body}`;
    }
  }
  return notes;
}

const file = (notes: RNote[]): string => stringify({ version: 1, annotations: notes });
/** JSON with sorted object keys ('absent' for undefined). */
const key = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => a.localeCompare(b))) : x)) ?? 'absent';

interface Expected {
  /** Per note id: per field, the value each resolution must have. */
  notes: Map<string, { ours: Record<string, unknown>; theirs: Record<string, unknown> }>;
  markers: boolean;
  conflicts: boolean;
}

/** What a merge must give, from the rules alone. */
function expected(b: RNote[], o: RNote[], t: RNote[]): Expected {
  const by = (l: RNote[]): Map<string, RNote> => new Map(l.map((n) => [n.id, n]));
  const [B, O, TT] = [by(b), by(o), by(t)];
  const out: Expected = { notes: new Map(), markers: false, conflicts: false };
  for (const id of new Set([...O.keys(), ...TT.keys()])) {
    const [nb, no, nt] = [B.get(id), O.get(id), TT.get(id)];
    if (!no || !nt) {
      const only = (no ?? nt)!;
      if (nb && key(only) === key(nb)) continue; // deleted on one side, unchanged on the other
      if (nb) out.conflicts = true; // deleted vs changed: kept, reported
      const fields = { ...only, replies: (only.replies ?? []).map((r) => key(r)).sort() } as Record<string, unknown>;
      out.notes.set(id, { ours: fields, theirs: fields });
      continue;
    }
    const ours: Record<string, unknown> = {};
    const theirs: Record<string, unknown> = {};
    for (const f of ['label', 'note', 'status', 'updated', 'target'] as const) {
      const [vb, vo, vt] = [key(nb?.[f]), key(no[f]), key(nt[f])];
      let ro: unknown, rt: unknown;
      if (vo === vt || vt === vb) [ro, rt] = [no[f], no[f]];
      else if (vo === vb) [ro, rt] = [nt[f], nt[f]];
      else if (f === 'updated' && no.updated && nt.updated) [ro, rt] = no.updated > nt.updated ? [no.updated, no.updated] : [nt.updated, nt.updated];
      else {
        [ro, rt] = [no[f], nt[f]];
        out.markers = out.conflicts = true;
      }
      ours[f] = ro;
      theirs[f] = rt;
    }
    const rb = new Map((nb?.replies ?? []).map((r) => [r.id, key(r)]));
    const ro = new Map((no.replies ?? []).map((r) => [r.id, key(r)]));
    const rt = new Map((nt.replies ?? []).map((r) => [r.id, key(r)]));
    const [lo, lt]: string[][] = [[], []];
    for (const rid of new Set([...ro.keys(), ...rt.keys()])) {
      const [xb, xo, xt] = [rb.get(rid), ro.get(rid), rt.get(rid)];
      if (xo && xt) {
        if (xo === xt || xt === xb) {
          lo.push(xo);
          lt.push(xo);
        } else if (xo === xb) {
          lo.push(xt);
          lt.push(xt);
        } else {
          lo.push(xo);
          lt.push(xt);
          out.markers = out.conflicts = true;
        }
      } else {
        const x = (xo ?? xt)!;
        if (xb && x === xb) continue;
        if (xb) out.conflicts = true;
        lo.push(x);
        lt.push(x);
      }
    }
    ours.replies = lo.sort();
    theirs.replies = lt.sort();
    out.notes.set(id, { ours, theirs });
  }
  return out;
}

function actual(text: string): Map<string, Record<string, unknown>> {
  return new Map(
    [...notes(text)].map(([id, a]) => [
      id,
      {
        label: a.label,
        note: a.note,
        status: a.status,
        updated: a.updated,
        target: a.target,
        replies: (a.replies ?? []).map((r) => key({ id: r.id, created: r.created, body: r.body })).sort(),
      },
    ]),
  );
}

describe('store: mergeSidecarTexts on random three-way edits', function () {
  this.timeout(60000);
  it('loses no note or reply, and every conflict is visible', () => {
    const seen = { markers: 0, keptDeleted: 0, clean: 0, replyUnion: 0 };
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.nat(2), { minLength: 4, maxLength: 4 }),
        fc.array(opArb, { maxLength: 6 }),
        fc.array(opArb, { maxLength: 6 }),
        (count, replies, oursOps, theirsOps) => {
          const b = baseNotes(count, replies);
          const o = applyOps(b, oursOps);
          const t = applyOps(b, theirsOps);
          const want = expected(b, o, t);
          const r = mergeSidecarTexts(file(b), file(o), file(t));
          assert.equal(r.error, undefined);
          const merged = r.merged!;
          assert.equal(r.markers > 0, want.markers, `markers\n${merged}`);
          assert.equal(r.conflicts.length > 0, want.conflicts, `conflicts ${r.conflicts.join('; ')}\n${merged}`);
          assert.equal(parseSidecar(merged).state, want.markers ? 'conflicted' : 'ok');
          if (want.markers) seen.markers++;
          else if (want.conflicts) seen.keptDeleted++;
          else seen.clean++;
          if (oursOps.some((x) => x.op === 'reply') && theirsOps.some((x) => x.op === 'reply')) seen.replyUnion++;
          for (const side of ['ours', 'theirs'] as const) {
            const got = actual(resolve(merged, side));
            assert.deepEqual([...got.keys()].sort(), [...want.notes.keys()].sort(), `${side}: note ids\n${merged}`);
            for (const [id, w] of want.notes) {
              const g = got.get(id)!;
              for (const f of ['label', 'note', 'status', 'updated', 'target', 'replies']) {
                assert.deepEqual(g[f], w[side][f], `${side}: ${id}.${f}\n${merged}`);
              }
            }
          }
        },
      ),
      { numRuns: 600 },
    );
    // the generator reaches every kind of outcome
    for (const [k, n] of Object.entries(seen)) assert.ok(n >= 15, `only ${n} runs of kind ${k}: ${JSON.stringify(seen)}`);
  });
});
