// Property-based tests (fast-check): random edit sequences on an article with annotations.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import search from 'approx-string-match';
import {
  AnchorIndex,
  AnnotationStore,
  createTarget,
  editDistance,
  FUZZY_CONFIDENT_MAX_ERROR_RATE,
  parseSidecar,
} from '../../src/store';
import { normalizeString } from '../../src/store/normalize';
import type { StoreFileSystem } from '../../src/store';

const SEED = readFileSync(path.join(__dirname, '..', '..', 'seeds', 'trump-xi-tiktok-call.txt'), 'utf8');

interface Edit {
  pos: number;
  del: number;
  insert: string;
}

const insertChars = fc.constantFrom('a', 'e', 'x', 'T', ' ', ' ', '\n', '\r\n', ',', '.', '“', '”', '"', "'", '’', '😀', '🇨🇳', 'é', 'the ', 'Congress', 'TikTok');
const editArb: fc.Arbitrary<Edit> = fc.record({
  pos: fc.nat({ max: SEED.length + 200 }),
  del: fc.oneof(fc.constant(0), fc.nat({ max: 12 }), fc.nat({ max: 400 })),
  insert: fc.array(insertChars, { maxLength: 6 }).map((a) => a.join('')),
});

/** Random span of the seed, trimmed to non-space ends, not splitting surrogate pairs. */
const spanArb = fc.record({ start: fc.nat({ max: SEED.length - 2 }), len: fc.integer({ min: 2, max: 90 }) }).map(({ start, len }) => {
  let s = start;
  let e = Math.min(SEED.length, start + len);
  while (s < e && /\s/.test(SEED[s]!)) s++;
  while (e > s && /\s/.test(SEED[e - 1]!)) e--;
  if (e <= s) {
    s = 0;
    e = 9;
  }
  return { start: s, end: e };
});

function countOccurrences(text: string, q: string): number {
  let n = 0;
  for (let i = text.indexOf(q); i >= 0; i = text.indexOf(q, i + 1)) n++;
  return n;
}

interface Tracked {
  start: number;
  end: number;
  damaged: boolean;
}

/** Apply an edit to the text and to the true positions of the spans. */
function apply(text: string, tracked: Tracked[], edit: Edit): string {
  let pos = Math.min(edit.pos, text.length);
  // never split a surrogate pair or a CRLF
  if (pos > 0 && pos < text.length && /[\udc00-\udfff]/.test(text[pos]!)) pos--;
  let end = Math.min(text.length, pos + edit.del);
  if (end < text.length && /[\udc00-\udfff]/.test(text[end]!)) end++;
  const delta = edit.insert.length - (end - pos);
  for (const t of tracked) {
    if (t.damaged) continue;
    if (end <= t.start && !(pos === end && pos === t.start && false)) {
      t.start += delta;
      t.end += delta;
    } else if (pos >= t.end) {
      // after
    } else {
      t.damaged = true;
    }
  }
  return text.slice(0, pos) + edit.insert + text.slice(end);
}

const HAND_WRITTEN_ENTRIES = [
  `  # first note
  - id: h1
    note: 'single-quoted note'   # aligned comment
    custom: kept
    target:
      exact: Xi Jinping
      start: 39
      end: 49
`,
  `  - {id: h2, note: flow style, target: {exact: Boeing airplanes, start: 2272, end: 2288}}
`,
];
const HAND_WRITTEN = `# hand-written
version: 1
extra: 1    # unknown top-level field
annotations:
${HAND_WRITTEN_ENTRIES.join('\n')}# the end
`;

describe('store: anchoring properties (fast-check)', function () {
  this.timeout(120000);

  it('never reports a found span whose text differs from the annotated text beyond the threshold; intact unique spans are found exactly', () => {
    fc.assert(
      fc.property(fc.array(spanArb, { minLength: 1, maxLength: 8 }), fc.array(editArb, { minLength: 1, maxLength: 6 }), (spans, edits) => {
        const targets = spans.map((s) => createTarget(SEED, s.start, s.end));
        const tracked: Tracked[] = spans.map((s) => ({ ...s, damaged: false }));
        let text = SEED;
        for (const e of edits) text = apply(text, tracked, e);
        const index = new AnchorIndex(text);
        const results = targets.map((t) => index.resolve(t));
        assert.equal(results.length, targets.length); // none disappears
        results.forEach((r, k) => {
          const t = targets[k]!;
          const exactN = normalizeString(t.exact);
          const info = `target ${JSON.stringify(t.exact)} → ${r.state} ${JSON.stringify(r.text)} (${r.reason})`;
          if (r.state === 'orphaned') {
            assert.equal(r.start, undefined, info);
            return;
          }
          assert.ok(r.start! >= 0 && r.end! <= text.length && r.start! <= r.end!, info);
          assert.equal(text.slice(r.start, r.end), r.text, info);
          if (r.state === 'anchored') assert.equal(r.text, t.exact, info);
          if (r.state === 'moved') assert.equal(normalizeString(r.text!), exactN, info);
          if (r.state === 'fuzzy') {
            const d = editDistance(normalizeString(r.text!), exactN);
            assert.ok(d <= Math.floor(exactN.length * FUZZY_CONFIDENT_MAX_ERROR_RATE), `${info}: ${d} edits`);
          }
          const tr = tracked[k]!;
          if (!tr.damaged && t.exact.length >= 20 && countOccurrences(SEED, t.exact) === 1 && countOccurrences(text, t.exact) === 1) {
            assert.ok(r.state === 'anchored' || r.state === 'moved', info);
            assert.equal(r.start, tr.start, info);
            assert.equal(r.end, tr.end, info);
          }
          if (!tr.damaged && r.state !== 'needs-review' && (r.state === 'anchored' || r.state === 'moved') && countOccurrences(text, t.exact) === 1) {
            // the only copy of the text is the annotated one: found there
            assert.equal(r.start, tr.start, info);
          }
        });
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 300), ...(process.env.FC_RUNS ? {} : { seed: 20261126 }) },
    );
  });

  it('the filtered approximate search finds the same best matches as a full scan', () => {
    const big = (SEED + '\n').repeat(40); // ~130 KB, large enough for the filter path
    fc.assert(
      fc.property(fc.nat({ max: SEED.length - 130 }), fc.integer({ min: 20, max: 120 }), fc.array(editArb, { maxLength: 4 }), fc.nat({ max: 39 }), (start, len, edits, copy) => {
        let pattern = SEED.slice(start, start + len);
        for (const e of edits) {
          const pos = e.pos % (pattern.length + 1);
          pattern = pattern.slice(0, pos) + e.insert + pattern.slice(pos + Math.min(e.del, 3));
        }
        const text = big.slice(0, copy * (SEED.length + 1)) + SEED.replace(SEED.slice(start, start + len), 'REPLACED') + big.slice((copy + 1) * (SEED.length + 1));
        const index = new AnchorIndex(text);
        const p = normalizeString(pattern);
        if (p.length < 10) return;
        const maxErr = Math.floor(p.length * FUZZY_CONFIDENT_MAX_ERROR_RATE);
        const filtered = index.approximateCandidates(p, maxErr);
        const full = search(index.norm.text, p, maxErr);
        const best = (xs: { errors: number }[]): number => Math.min(Infinity, ...xs.map((x) => x.errors));
        assert.equal(best(filtered), best(full));
        // every full-scan best match is covered by a filtered region
        const b = best(full);
        for (const f of full.filter((x) => x.errors === b)) {
          assert.ok(filtered.some((r) => r.start < f.end && f.start < r.end && r.errors === b), `missed match at ${f.start}`);
        }
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 150), ...(process.env.FC_RUNS ? {} : { seed: 99 }) },
    );
  });

  it('the filtered approximate search finds matches with edits spread over the whole quote', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: SEED.length - 130 }),
        fc.integer({ min: 25, max: 120 }),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom('sub', 'del', 'ins')), { minLength: 1, maxLength: 20 }),
        (start, len, errs) => {
          const original = normalizeString(SEED.slice(start, start + len));
          const maxErr = Math.floor(original.length * FUZZY_CONFIDENT_MAX_ERROR_RATE);
          const chars = original.split('');
          // apply up to maxErr edits at distinct positions
          const used = new Set<number>();
          for (const [p, kind] of errs.slice(0, maxErr)) {
            const at = p % chars.length;
            if (used.has(at)) continue;
            used.add(at);
            if (kind === 'sub') chars[at] = chars[at] === '#' ? '%' : '#';
            else if (kind === 'del') chars[at] = '';
            else chars[at] = chars[at] + '#';
          }
          const pattern = chars.join('');
          const index = new AnchorIndex(SEED + '\n' + SEED.split('').reverse().join(''));
          const m = Math.floor(pattern.length * FUZZY_CONFIDENT_MAX_ERROR_RATE);
          const filtered = index.approximateCandidates(pattern, m);
          const full = search(index.norm.text, pattern, m);
          const best = (xs: { errors: number }[]): number => Math.min(Infinity, ...xs.map((x) => x.errors));
          assert.equal(best(filtered), best(full), `pattern ${JSON.stringify(pattern)}`);
        },
      ),
      { numRuns: Number(process.env.FC_RUNS ?? 300), ...(process.env.FC_RUNS ? {} : { seed: 5 }) },
    );
  });

  it('parseSidecar never throws, and every error has a 1-based line and column inside the file', () => {
    const pieces = fc.constantFrom('version: 1\n', 'annotations:\n', '  - id: a\n', '    target:\n', '      exact: x\n', '  - ', '[', ']', '{', '}', '&a ', '*a ', '"', "'", '#', ':', '\n', '  ', '\t', '<<<<<<< x\n', '---\n', '!!binary ', '? ', '- ', 'start: -1\n', 'version: 99\n', '\u0000', '😀');
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.array(pieces, { maxLength: 40 }).map((a) => a.join(''))), (src) => {
        const r = parseSidecar(src);
        assert.ok(['ok', 'invalid', 'conflicted'].includes(r.state));
        if (r.state === 'ok') assert.deepEqual(r.errors, []);
        else assert.ok(r.errors.length > 0);
        const lines = src.split(/\r\n|\r|\n/).length;
        for (const e of r.errors) {
          assert.ok(e.line >= 1 && e.line <= lines + 1, `line ${e.line} of ${lines}`);
          assert.ok(e.column >= 1);
          assert.ok(e.message.length > 0);
        }
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 500), ...(process.env.FC_RUNS ? {} : { seed: 11 }) },
    );
  });

  it('short targets never move to an occurrence without their context', () => {
    const words = ['Congress', 'TikTok', 'Trump', 'China', 'U.S.', 'Beijing', 'ByteDance', 'deal'];
    fc.assert(
      fc.property(fc.constantFrom(...words), fc.nat(), fc.array(editArb, { maxLength: 4 }), (w, n, edits) => {
        const count = countOccurrences(SEED, w);
        let at = -1;
        for (let k = 0; k <= n % count; k++) at = SEED.indexOf(w, at + 1);
        const target = createTarget(SEED, at, at + w.length);
        const tracked: Tracked[] = [{ start: at, end: at + w.length, damaged: false }];
        let text = SEED;
        for (const e of edits) text = apply(text, tracked, e);
        const r = new AnchorIndex(text).resolve(target);
        if (r.state === 'anchored' || r.state === 'moved') {
          assert.equal(r.text, w);
          // found where its context is: the true position, or a place whose 32-char context still largely agrees
          // (a position within the edited area of the original occurrence counts as staying)
          if (Math.abs(r.start! - tracked[0]!.start) > 40) {
            const before = text.slice(Math.max(0, r.start! - 32), r.start);
            const after = text.slice(r.end, r.end! + 32);
            const ctxDist = editDistance(before, target.prefix ?? '') + editDistance(after, target.suffix ?? '');
            assert.ok(ctxDist <= 0.4 * ((target.prefix ?? '').length + (target.suffix ?? '').length), `jumped to ${r.start} (true ${tracked[0]!.start})`);
          }
        }
        assert.notEqual(r.state, 'fuzzy');
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 300), ...(process.env.FC_RUNS ? {} : { seed: 42 }) },
    );
  });

  it('the store never loses annotations across add/update/remove/save/reload sequences', async () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('add' as const), span: spanArb, note: fc.string({ maxLength: 20 }) }),
      fc.record({ kind: fc.constant('update' as const), which: fc.nat(), note: fc.string({ maxLength: 20 }) }),
      fc.record({ kind: fc.constant('remove' as const), which: fc.nat() }),
      fc.record({ kind: fc.constant('save' as const) }),
      fc.record({ kind: fc.constant('reload' as const) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.array(op, { maxLength: 20 }), async (startWithFile, ops) => {
        const files = new Map<string, Uint8Array>();
        const fs: StoreFileSystem = {
          async readFile(p) {
            const f = files.get(p);
            if (!f) throw new Error('ENOENT');
            return f;
          },
          async writeFile(p, d) {
            files.set(p, d);
          },
          async rename(a, b) {
            files.set(b, files.get(a)!);
            files.delete(a);
          },
          async stat(p) {
            const f = files.get(p);
            return f ? { size: f.byteLength, mtimeMs: 0 } : undefined;
          },
        };
        files.set('/a.txt', new TextEncoder().encode(SEED));
        if (startWithFile) files.set('/a.txt.annotations.yaml', new TextEncoder().encode(HAND_WRITTEN));
        const store = await AnnotationStore.open(fs, '/a.txt');
        const model = new Map<string, string>(store.annotations.map((a) => [a.id, a.note ?? '']));
        const touched = new Set<string>();
        for (const o of ops) {
          const ids = [...model.keys()];
          if (o.kind === 'add') model.set(store.add(SEED, o.span, { note: o.note }).id, o.note);
          else if (o.kind === 'update' && ids.length) {
            const id = ids[o.which % ids.length]!;
            store.update(id, { note: o.note });
            model.set(id, o.note);
            touched.add(id);
          } else if (o.kind === 'remove' && ids.length) {
            const id = ids[o.which % ids.length]!;
            assert.equal(store.remove(id), true);
            model.delete(id);
            touched.add(id);
          } else if (o.kind === 'save') await store.save();
          else if (o.kind === 'reload') await store.reload();
          const view = new Map(store.annotations.map((a) => [a.id, a.note ?? '']));
          assert.deepEqual(view, model);
        }
        await store.save();
        const onDisk = files.get('/a.txt.annotations.yaml');
        const parsed = onDisk ? parseSidecar(onDisk, { articleText: SEED }) : { state: 'ok', annotations: [] };
        assert.equal(parsed.state, 'ok');
        assert.deepEqual(new Map(parsed.annotations.map((a) => [a.id, a.note ?? ''])), model);
        for (const r of store.resolve(SEED)) assert.equal(r.anchor.state === 'anchored' || r.anchor.state === 'moved' || r.anchor.state === 'needs-review', true);
        if (startWithFile && onDisk) {
          const text = new TextDecoder().decode(onDisk);
          // entries never touched keep their original text, byte for byte
          HAND_WRITTEN_ENTRIES.forEach((chunk, k) => {
            if (!touched.has(`h${k + 1}`)) assert.ok(text.includes(chunk), `lost formatting of:\n${chunk}\nin:\n${text}`);
          });
          assert.ok(text.includes('# unknown top-level field'));
        }
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 100), ...(process.env.FC_RUNS ? {} : { seed: 7 }) },
    );
  });
});
