// Re-anchoring rules for duplicated paragraphs, moved sentences and hostile quotes (issue 18, items 6
// and 9; docs/anchoring.md):
//   - the quote with its context in one place only          → anchored / moved (confident)
//   - the quote with the same context in several places     → needs-review, at the stored position or
//     (a duplicated paragraph)                                 the copy nearest it, never picked silently
//   - a short quote whose sentence moved (one side of its
//     context intact, one such place)                       → needs-review there (was orphaned)
//   - never on other words; a quote too long to search approximately gets the exact search only.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { AnchorIndex, createTarget } from '../../src/store';
import type { AnnotationTarget } from '../../src/store';
import { normalizeString } from '../../src/store/normalize';
import { CONTEXT_LENGTH, FUZZY_WORK_BUDGET } from '../../src/store/anchor/thresholds';
import { benchText } from '../../tools/bench/anchoring';

const SEED = readFileSync(path.join(__dirname, '..', '..', 'seeds', 'trump-xi-tiktok-call.txt'), 'utf8');
const LINES = SEED.split('\n');

/** Offset of line `i` of the seed (its paragraphs are lines). */
function lineStart(text: string, i: number): number {
  let at = 0;
  for (let k = 0; k < i; k++) at = text.indexOf('\n', at) + 1;
  return at;
}

/** A target on `exact` in paragraph `p` of the seed. */
function targetIn(p: number, exact: string): AnnotationTarget {
  const at = SEED.indexOf(exact, lineStart(SEED, p));
  assert.ok(at >= 0 && at < lineStart(SEED, p + 1), `${exact} not in paragraph ${p}`);
  return createTarget(SEED, at, at + exact.length);
}

/** The seed with paragraph `p` copied in front of paragraph `before` (default: right before itself). */
function duplicate(p: number, before = p): string {
  const lines = [...LINES];
  lines.splice(before, 0, LINES[p]!);
  return lines.join('\n');
}

describe('store: re-anchoring duplicated paragraphs and moved sentences', () => {
  const exact = 'the level of control China would retain';
  const P = 3; // "Key questions about the potential deal remain, including ... the level of control China would retain ..."

  it('a paragraph copied right before its own: the stored offsets now hold the copy → needs-review, not anchored', () => {
    const t = targetIn(P, exact);
    const r = new AnchorIndex(duplicate(P)).resolve(t);
    assert.equal(r.state, 'needs-review', r.reason);
    assert.match(r.reason, /ambiguous.*2 times/);
    assert.equal(r.start, t.start);
    assert.equal(r.text, exact);
  });

  it('a paragraph copied right after its own → needs-review at the stored position', () => {
    const t = targetIn(P, exact);
    const r = new AnchorIndex(duplicate(P, P + 1)).resolve(t);
    assert.equal(r.state, 'needs-review', r.reason);
    assert.equal(r.start, t.start);
  });

  it('a paragraph copied far away and the text shifted → needs-review on the copy nearest the old position', () => {
    const t = targetIn(P, exact);
    const intro = 'An editor’s note was added at the top of the story.\n';
    const text = intro + duplicate(P, LINES.length - 1);
    const r = new AnchorIndex(text).resolve(t);
    assert.equal(r.state, 'needs-review', r.reason);
    assert.match(r.reason, /2 places with the same words and context/);
    assert.equal(r.start, t.start! + intro.length, 'the copy nearest the old position (the original, shifted)');
  });

  it('only the notes inside the duplicated paragraph are flagged; the others stay confident', () => {
    const targets = [targetIn(P, exact), targetIn(0, 'Presidents Donald Trump and Xi Jinping'), targetIn(6, 'China allowed the departure')];
    const rs = new AnchorIndex(duplicate(P)).resolveAll(targets);
    assert.deepEqual(rs.map((r) => r.state), ['needs-review', 'anchored', 'moved']);
  });

  it('a quote whose context tells the copies apart is still moved confidently (pull quote with other context)', () => {
    const t = targetIn(P, exact);
    const text = `${LINES.slice(0, 2).join('\n')}\nPull quote: ${exact}.\n${LINES.slice(2).join('\n')}`;
    const r = new AnchorIndex(text).resolve(t);
    assert.equal(r.state, 'moved', r.reason);
    assert.equal(text.slice(r.start, r.end), exact);
    assert.ok(r.start! > text.indexOf('Pull quote') + 20);
  });

  it('a short note whose sentence moved to another paragraph is found for review, not orphaned', () => {
    // "Reuters" opens a sentence of paragraph 3: its prefix is the end of the sentence before.
    const t = targetIn(P, 'Reuters');
    const sentenceStart = SEED.indexOf('Reuters has reported');
    const sentenceEnd = SEED.indexOf('.', sentenceStart) + 1;
    const sentence = SEED.slice(sentenceStart, sentenceEnd);
    const without = SEED.slice(0, sentenceStart - 1) + SEED.slice(sentenceEnd);
    const lines = without.split('\n');
    lines[5] = `${lines[5]} ${sentence}`;
    const text = lines.join('\n');
    assert.equal(text.split('Reuters').length, 2, 'the word is there once');
    const r = new AnchorIndex(text).resolve(t);
    assert.equal(r.state, 'needs-review', r.reason);
    assert.match(r.reason, /one side of its context/);
    assert.equal(r.start, text.indexOf('Reuters'));
  });

  it('a short note whose own word was deleted never jumps to the same word elsewhere keeping only one side', () => {
    // "Congress" (paragraph 3) deleted; the other "Congress" has neither side of its context.
    const t = targetIn(P, 'Congress');
    const at = t.start!;
    const text = SEED.slice(0, at) + 'lawmakers' + SEED.slice(at + 'Congress'.length);
    const r = new AnchorIndex(text).resolve(t);
    assert.equal(r.state, 'orphaned', `${r.state} ${r.reason} at ${r.start}`);
  });

  it('property: a duplicated paragraph never silently picks a copy — needs-review on one of the copies, on the same words', () => {
    fc.assert(
      fc.property(fc.nat({ max: LINES.length - 2 }), fc.nat(), fc.integer({ min: 3, max: 60 }), fc.nat({ max: LINES.length - 1 }), fc.boolean(), (p, offset, len, where, shift) => {
        const para = LINES[p]!;
        if (para.length < 2 * CONTEXT_LENGTH + len + 2) return;
        // A span whose 32-character context lies inside the paragraph: the copies agree on it.
        const from = CONTEXT_LENGTH + (offset % (para.length - 2 * CONTEXT_LENGTH - len));
        let s = lineStart(SEED, p) + from;
        let e = s + len;
        while (s < e && /\s/.test(SEED[s]!)) s++;
        while (e > s && /\s/.test(SEED[e - 1]!)) e--;
        if (e - s < 2) return;
        const t = createTarget(SEED, s, e);
        const intro = shift ? 'Editor’s note: this story was updated.\n' : '';
        const text = intro + duplicate(p, where);
        const r = new AnchorIndex(text).resolve(t);
        const info = `${JSON.stringify(t.exact)} p${p}→${where} → ${r.state} ${r.start} (${r.reason})`;
        assert.equal(r.state, 'needs-review', info);
        assert.equal(normalizeString(r.text!), normalizeString(t.exact), info);
        const paraStarts = [...text.matchAll(new RegExp(para.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'g'))].map((m) => m.index!);
        assert.equal(paraStarts.length, 2, info);
        assert.ok(paraStarts.some((ps) => r.start === ps + (s - lineStart(SEED, p))), info);
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 200), ...(process.env.FC_RUNS ? {} : { seed: 18 }) },
    );
  });
});

describe('store: re-anchoring does bounded work per note (hostile sidecars)', function () {
  this.timeout(60000);
  const text = benchText(1_000_000, 1);

  it('10 notes with 90 KB quotes on a 1 MB article: searched within the budget, none placed on other words, none dropped', () => {
    const targets: AnnotationTarget[] = [];
    for (let i = 0; i < 10; i++) {
      const start = 20_000 + i * 90_000;
      let exact: string;
      if (i % 3 === 0) exact = benchText(90_000, 100 + i); // words that are nowhere
      else {
        // the article's own passage with a character changed every 500: close, but not exact
        const c = text.slice(start, start + 90_000).split('');
        for (let k = 250; k < c.length; k += 500) c[k] = c[k] === 'x' ? 'y' : 'x';
        exact = c.join('');
      }
      targets.push({ exact, prefix: text.slice(start - 32, start), suffix: text.slice(start + 90_000, start + 90_032), start, end: start + 90_000 });
    }
    // One more, found exactly: the exact search still runs for long quotes.
    targets.push({ exact: text.slice(5_000, 95_000), start: 5_001, end: 95_001 });
    const index = new AnchorIndex(text);
    const results = index.resolveAll(targets);
    assert.equal(results.length, targets.length);
    results.slice(0, 10).forEach((r, i) => {
      assert.equal(r.state, 'orphaned', `note ${i}: ${r.state} ${r.reason}`);
      assert.match(r.reason, /too long to search approximately/);
    });
    assert.equal(results[10]!.state, 'moved');
    assert.equal(results[10]!.start, 5_000);
    // The bound itself: never more than the budget per note (these cost nothing: every search would
    // have cost more than the budget, so none ran; unbounded, each took seconds).
    assert.ok(index.searchWork <= 11 * FUZZY_WORK_BUDGET, `work ${index.searchWork}`);
    assert.equal(index.searchWork, 0);
  });

  it('a 2,000-character quote with an edit is still found approximately, within its budget', () => {
    const start = 400_000;
    const c = text.slice(start, start + 2000).split('');
    c[1000] = c[1000] === 'x' ? 'y' : 'x';
    const target: AnnotationTarget = { exact: c.join(''), prefix: text.slice(start - 32, start), suffix: text.slice(start + 2000, start + 2032), start: start + 100, end: start + 2100 };
    const index = new AnchorIndex('Inserted.\n' + text);
    const r = index.resolve(target);
    assert.equal(r.state, 'fuzzy', r.reason);
    assert.equal(r.start, start + 'Inserted.\n'.length);
    assert.ok(index.searchWork > 0 && index.searchWork <= FUZZY_WORK_BUDGET, `work ${index.searchWork}`);
  });

  it('a hostile context (90 KB prefix and suffix) is cut to the part next to the quote', () => {
    const start = 300_000;
    const exact = text.slice(start, start + 60);
    const target: AnnotationTarget = { exact, prefix: text.slice(start - 90_000, start), suffix: text.slice(start + 60, start + 90_060) };
    const r = new AnchorIndex('x' + text).resolve(target);
    assert.equal(r.state, 'moved', r.reason);
    assert.equal(r.start, start + 1);
  });
});
