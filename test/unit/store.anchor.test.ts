// Re-anchoring fixtures (test/fixtures/anchoring/cases.json): each case annotates a quote in a
// "before" text, edits the text, and checks the state and position found in the "after" text.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  AnchorIndex,
  createTarget,
  editDistance,
  isShortTarget,
  normalizeForMatch,
  resolveAnchor,
  resolveAnchors,
  FUZZY_CONFIDENT_MAX_ERROR_RATE,
} from '../../src/store';
import type { AnnotationTarget } from '../../src/store';

const ROOT = path.join(__dirname, '..', '..');
const FIX = path.join(ROOT, 'test', 'fixtures', 'anchoring');
const SEED = readFileSync(path.join(ROOT, 'seeds', 'trump-xi-tiktok-call.txt'), 'utf8');

interface Case {
  name: string;
  description: string;
  before: string;
  after: string;
  exact: string;
  occurrence: number;
  targetFields?: Record<string, null>;
  expected: { state: string; text?: string; start?: number };
}

const cases: Case[] = JSON.parse(readFileSync(path.join(FIX, 'cases.json'), 'utf8'));

function nth(text: string, s: string, n: number): number {
  let i = -1;
  for (let k = 0; k <= n; k++) {
    i = text.indexOf(s, i + 1);
    if (i < 0) throw new Error(`occurrence ${n} of ${JSON.stringify(s)} not found`);
  }
  return i;
}

describe('store: re-anchoring fixtures', () => {
  it('has the fixture set', () => {
    assert.ok(cases.length >= 15);
  });
  for (const c of cases) {
    it(`${c.name}: ${c.description} → ${c.expected.state}`, () => {
      const before = c.before === 'seed' ? SEED : readFileSync(path.join(FIX, c.before), 'utf8');
      const after = readFileSync(path.join(FIX, c.after), 'utf8');
      const at = nth(before, c.exact, c.occurrence);
      const target: AnnotationTarget = createTarget(before, at, at + c.exact.length);
      for (const [k, v] of Object.entries(c.targetFields ?? {})) {
        if (v === null) delete (target as unknown as Record<string, unknown>)[k];
      }
      const r = resolveAnchor(after, target);
      assert.equal(r.state, c.expected.state, `state (${r.reason})`);
      if (c.expected.text !== undefined) {
        assert.equal(r.text, c.expected.text);
        assert.equal(r.start, c.expected.start);
        assert.equal(r.end, c.expected.start! + c.expected.text.length);
        assert.equal(after.slice(r.start, r.end), r.text);
      } else {
        assert.equal(r.start, undefined);
        assert.equal(r.text, undefined);
      }
    });
  }
});

describe('store: anchoring rules', () => {
  it('anchored needs the exact text at the stored position', () => {
    const i = SEED.indexOf('Wells Fargo banker');
    const t = createTarget(SEED, i, i + 18);
    assert.equal(resolveAnchor(SEED, t).state, 'anchored');
    // same length, different text at the stored position → not anchored
    const changed = SEED.slice(0, i) + 'Wells Fargo banker'.toUpperCase() + SEED.slice(i + 18);
    assert.notEqual(resolveAnchor(changed, t).state, 'anchored');
  });

  it('a short target at its old offset but with other context is not anchored there', () => {
    const a = 'xx TikTok alpha beta gamma. yy TikTok delta epsilon zeta.';
    const i = a.indexOf('TikTok delta');
    const t = createTarget(a, i, i + 6);
    // Text inserted above so that ANOTHER "TikTok" now sits exactly at the stored offset.
    const c = 'Q'.repeat(i) + 'TikTok omega. ' + a;
    assert.equal(c.slice(i, i + 6), 'TikTok');
    const r = resolveAnchor(c, t);
    assert.equal(r.state, 'moved');
    assert.equal(r.start, c.indexOf('TikTok delta'));
  });

  it('short targets never fuzzy-match', () => {
    const text = 'The minister Jane Smithson said on Monday that talks would continue.';
    const i = text.indexOf('Smithson');
    const t = createTarget(text, i, i + 8);
    const r = resolveAnchor(text.replace('Smithson', 'Smithsen'), t);
    assert.equal(r.state, 'orphaned');
    assert.ok(isShortTarget('Smithson'));
    assert.ok(isShortTarget('Donald Trump'));
    assert.ok(!isShortTarget('whether Congress will approve'));
  });

  it('a fuzzy match is close to the original by the confident threshold', () => {
    const q = 'whether Congress will approve the arrangement';
    const i = SEED.indexOf(q);
    const t = createTarget(SEED, i, i + q.length);
    const after = SEED.replace('will approve', 'will aprove');
    const r = resolveAnchor(after, t);
    assert.equal(r.state, 'fuzzy');
    assert.ok(editDistance(r.text!, q) <= Math.floor(q.length * FUZZY_CONFIDENT_MAX_ERROR_RATE));
  });

  it('snaps fuzzy matches to word boundaries', () => {
    const q = 'Trump has so far declined to enforce the ban';
    const i = SEED.indexOf(q);
    const t = createTarget(SEED, i, i + q.length);
    const after = SEED.replace('Trump has so far declined', 'Trump has thus far declined');
    const r = resolveAnchor(after, t);
    assert.equal(r.state, 'fuzzy');
    assert.equal(r.text, 'Trump has thus far declined to enforce the ban');
  });

  it('fuzzy matching needs agreeing context', () => {
    const q = 'whether Congress will approve the arrangement';
    const i = SEED.indexOf(q);
    const t = createTarget(SEED, i, i + q.length);
    // the clause moved into an unrelated sentence and changed a little
    const after = SEED.replace(q, 'the matter').replace('As a sign of goodwill', 'Nobody knows whether Congress would approve the arrangement. As a sign of goodwill');
    const r = resolveAnchor(after, t);
    assert.equal(r.state, 'needs-review');
    assert.equal(r.text, 'whether Congress would approve the arrangement');
  });

  it('resolveAnchors and AnchorIndex agree with resolveAnchor', () => {
    const targets = ['Xi Jinping', 'TikTok', 'Boeing airplanes', 'Scott Kennedy of the Center for Strategic'].map((q) => {
      const i = SEED.indexOf(q);
      return createTarget(SEED, i, i + q.length);
    });
    const after = 'New lead paragraph.\n' + SEED;
    const a = resolveAnchors(after, targets);
    const idx = new AnchorIndex(after);
    targets.forEach((t, k) => {
      assert.deepEqual(a[k], resolveAnchor(after, t));
      assert.deepEqual(idx.resolve(t), a[k]);
      assert.equal(a[k]!.state, 'moved');
      assert.equal(a[k]!.text, t.exact);
    });
  });

  it('occurrence index finds every occurrence', () => {
    const idx = new AnchorIndex(SEED);
    for (const w of ['TikTok', 'the', 'U.S.', 'a', 'China', 'Trump said on Thursday', 'zzz']) {
      const expected: number[] = [];
      const nt = normalizeForMatch(SEED).text;
      for (let i = nt.indexOf(w); i >= 0; i = nt.indexOf(w, i + 1)) expected.push(i);
      assert.deepEqual(idx.occurrences(w), expected, w);
    }
  });

  it('normalisation maps back to original offsets', () => {
    const text = 'a  b\r\n\r\nc “d” ‘e’\u00a0f';
    const n = normalizeForMatch(text);
    assert.equal(n.text, 'a b c "d" \'e\' f');
    assert.equal(n.starts[2], 3); // 'b'
    assert.equal(n.starts[4], 8); // 'c'
    assert.equal(n.ends[3], 8); // the CRLF run
  });

  it('createTarget keeps 32 chars of context and never splits a surrogate pair', () => {
    const text = '😀'.repeat(20) + 'target words here' + '😀'.repeat(20);
    const i = text.indexOf('target');
    const t = createTarget(text, i, i + 17);
    assert.ok(t.prefix!.length <= 32 && t.suffix!.length <= 32);
    assert.ok(!/^[\udc00-\udfff]/.test(t.prefix!));
    assert.ok(!/[\ud800-\udbff]$/.test(t.suffix!));
    assert.throws(() => createTarget(text, 5, 5));
  });

  it('empty quote is orphaned rather than throwing', () => {
    assert.equal(resolveAnchor(SEED, { exact: '' }).state, 'orphaned');
  });
});
