// Learning options that limit how far an adapted model moves from its base (src/engine/ner/learn.ts:
// scope 'novel', maxDelta, minExamples; docs/learning.md "CoNLL guard"), the learning-curve tool's CoNLL
// halves, and the trainer's --uner-splits.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { defaultModelPath } from '../../src/engine/ner';
import { deserializeModel, featureOffset } from '../../src/engine/ner/model';
import { fingerprint } from '../../src/engine/ner/adapt';
import { learnAdapted, type TrainingExample } from '../../src/engine/ner/learn';
import { conllHalves } from '../../tools/eval/learningCurve';
import { parseUnerSplits } from '../../tools/train/trainer';
import type { EntitySuiteResult } from '../../tools/eval/evaluate';

const BYTES = readFileSync(defaultModelPath());
const BASE = deserializeModel(BYTES);
const FP = fingerprint(BYTES);

function example(text: string, names: [string, string][]): TrainingExample {
  return { text, entities: names.map(([s, type]) => ({ start: text.indexOf(s), end: text.indexOf(s) + s.length, type })) };
}
// Names the shipped model gets wrong, in ordinary contexts (the contexts' words are in the base model).
const A = example('Okonjo-Iweala urged members to act. Shares of Nvidia rose after Endeavour docked. The Mulberry Gazette said Ballarat is cold.',
  [['Okonjo-Iweala', 'PERSON'], ['Nvidia', 'ORG'], ['Endeavour', 'PRODUCT'], ['Mulberry Gazette', 'ORG'], ['Ballarat', 'GPE']]);
const B = example('The Mulberry Gazette said Okonjo-Iweala will visit Ballarat. Endeavour docked on Monday.',
  [['Mulberry Gazette', 'ORG'], ['Okonjo-Iweala', 'PERSON'], ['Ballarat', 'GPE'], ['Endeavour', 'PRODUCT']]);
const C = example('Residents of Quokkaville cheered as Tumbleweed Partners left.', [['Quokkaville', 'GPE'], ['Tumbleweed Partners', 'ORG']]);

const largest = (rows: Map<number, Int32Array>) => Math.max(...[...rows.values()].flatMap((r) => Array.from(r, Math.abs)));

describe('learning guards (src/engine/ner/learn.ts)', () => {
  const unit = Math.max(1, Math.round(1 / BASE.scale2)); // one update (rate 1) in quantisation units

  it('maxDelta caps every delta at that many updates', () => {
    const free = learnAdapted(BASE, FP, [A, B], { gazetteer: false, epochs: 20 });
    assert.ok(largest(free.rows) > 2 * unit, 'without a cap some delta is larger than 2 updates: pick another example');
    const capped = learnAdapted(BASE, FP, [A, B], { gazetteer: false, epochs: 20, maxDelta: 2 });
    assert.ok(capped.rows.size > 0);
    assert.ok(largest(capped.rows) <= 2 * unit, `largest delta ${largest(capped.rows)} > ${2 * unit}`);
    assert.deepEqual([...capped.rows.keys()].sort(), [...free.rows.keys()].sort(), 'the cap changes sizes, not which buckets');
  });

  it("scope 'novel' gives deltas only to buckets the base model has no row for", () => {
    const all = learnAdapted(BASE, FP, [A, B, C]);
    const known = [...all.rows.keys()].filter((b) => featureOffset(BASE.index, BASE.blob, b) >= 0);
    assert.ok(known.length > 0, 'the default learns deltas for known buckets too');
    const novel = learnAdapted(BASE, FP, [A, B, C], { scope: 'novel' });
    assert.ok(novel.rows.size > 0);
    for (const b of novel.rows.keys()) assert.ok(featureOffset(BASE.index, BASE.blob, b) < 0, `bucket ${b} has a base row`);
    assert.deepEqual(novel.gaz, all.gaz, 'the gazetteer part is the same');
  });

  it('minExamples keeps only the deltas that enough examples updated', () => {
    // Without the gazetteer, so that B's names are corrected by updates as A's are.
    const all = learnAdapted(BASE, FP, [A, B, C], { gazetteer: false });
    const two = learnAdapted(BASE, FP, [A, B, C], { gazetteer: false, minExamples: 2 });
    assert.ok(two.rows.size > 0 && two.rows.size < all.rows.size, `${two.rows.size} of ${all.rows.size}`);
    for (const [b, row] of two.rows) assert.deepEqual(row, all.rows.get(b), 'kept deltas are unchanged');
    // C shares no name with A and B: its own words' deltas (Quokkaville) are dropped with minExamples 2.
    const onlyC = learnAdapted(BASE, FP, [C], { minExamples: 2 });
    assert.equal(onlyC.rows.size, 0);
    assert.ok(onlyC.gaz.size > 0, 'the names are still remembered');
  });
});

describe('learning curve: CoNLL-2003 dev in halves', () => {
  it('scores the even- and odd-indexed documents apart, and the whole as their sum', () => {
    const docs = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
    const seen: string[][] = [];
    const fake = (ds: readonly { id: string }[]): EntitySuiteResult => {
      const ids = ds.map((d) => d.id);
      seen.push(ids);
      const tp = ids.length === 2 ? 8 : 3; // even half: a, c
      return { micro: { tp, fp: 2, fn: 0, precision: 0, recall: 0, f1: 0 } } as unknown as EntitySuiteResult;
    };
    const r = conllHalves(docs, fake);
    assert.deepEqual(seen, [['a', 'c'], ['b']]);
    assert.deepEqual([r.even.tp, r.odd.tp, r.all.tp, r.all.fp], [8, 3, 11, 4]);
    assert.equal(r.all.precision, 11 / 15);
  });
});

describe('trainer: --uner-splits', () => {
  it('names the UNER splits to train on, in file order, and refuses anything else', () => {
    assert.deepEqual(parseUnerSplits(undefined), ['dev', 'test']);
    assert.deepEqual(parseUnerSplits('dev'), ['dev']);
    assert.deepEqual(parseUnerSplits('test,dev'), ['dev', 'test']);
    assert.throws(() => parseUnerSplits('train'), /--uner-splits takes dev, test or dev,test \(got "train"\)/);
    assert.throws(() => parseUnerSplits(''), /--uner-splits/);
  });
});
