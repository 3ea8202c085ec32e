// The CLI's readable summary (cli/format.ts) stays linear in the number of values: grouping the
// dates, times, money and numbers by type must not copy a group's list for every value (issue 18,
// item 6: 20 MB of text took 4 min 42 s and 2.8 GB while --json took 16 s).
import * as assert from 'node:assert/strict';
import { analyze } from '../../src/engine';
import type { Analysis } from '../../src/engine';
import { formatSummary, groupDistinct } from '../../src/cli/format';

/** Number of steps taken by array iterators (spreads, for-of over arrays) while `fn` runs: a copy of
 *  a k-element array through spread costs k steps, so a copy per value shows up as n²/2 steps. */
function arrayIteratorSteps(fn: () => void): number {
  const proto = Array.prototype as unknown as { [Symbol.iterator]: () => Iterator<unknown> };
  const original = proto[Symbol.iterator];
  let steps = 0;
  proto[Symbol.iterator] = function (this: unknown[]) {
    const it = original.call(this);
    return {
      next() {
        steps++;
        return it.next();
      },
      [Symbol.iterator]() {
        return this;
      },
    } as Iterator<unknown>;
  };
  try {
    fn();
  } finally {
    proto[Symbol.iterator] = original;
  }
  return steps;
}

/** An analysis with `n` number values of one type (no names, no quotes), built directly. */
function manyValues(n: number): { text: string; analysis: Analysis } {
  const real = analyze('Sales rose 12 percent.');
  const entities = [];
  let text = '';
  for (let i = 0; i < n; i++) {
    const word = String(1000 + (i % (n >> 1 || 1)));
    entities.push({ start: text.length, end: text.length + word.length, text: word, type: 'CARDINAL' });
    text += `${word} `;
  }
  const analysis = { ...real, entities, clusters: [], quotes: [], facts: { ...real.facts, entityCounts: { CARDINAL: n } } } as unknown as Analysis;
  return { text, analysis };
}

describe('cli: readable summary (format.ts)', () => {
  it('groups values by type with each distinct value once, in first-seen order', () => {
    const groups = groupDistinct(['b1', 'a1', 'b2', 'b1', 'a1', 'a2'], (s) => s[0]!, (s) => s);
    assert.deepEqual([...groups], [['b', ['b1', 'b2']], ['a', ['a1', 'a2']]]);
    const { text, analysis } = manyValues(10);
    const out = formatSummary('x.txt', text, analysis);
    assert.match(out, /\n {2}CARDINAL {2}1000; 1001; 1002; 1003; 1004\n?/);
  });

  it('does work linear in the number of values (no copy of a list per value)', () => {
    const small = manyValues(2000);
    const large = manyValues(8000);
    let outSmall = '';
    const stepsSmall = arrayIteratorSteps(() => (outSmall = formatSummary('s.txt', small.text, small.analysis)));
    const stepsLarge = arrayIteratorSteps(() => formatSummary('l.txt', large.text, large.analysis));
    assert.ok(outSmall.includes('CARDINAL'), outSmall);
    // Linear: 4× the values, about 4× the steps (a copy per value would be 16×, and ≥ n²/2 steps).
    assert.ok(stepsLarge <= 5 * stepsSmall + 100, `steps ${stepsSmall} → ${stepsLarge}`);
    assert.ok(stepsLarge <= 10 * 8000, `steps ${stepsLarge} for 8000 values`);
  });

  it('lists every distinct value of a large summary once (100,000 values, 50,000 distinct)', function () {
    this.timeout(60000);
    const { text, analysis } = manyValues(100_000);
    const line = formatSummary('big.txt', text, analysis).split('\n').find((l) => l.trimStart().startsWith('CARDINAL'));
    assert.equal(line?.split('; ').length, 50_000);
  });
});
