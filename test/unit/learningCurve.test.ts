// The simulated reviewer of tools/eval/learningCurve.ts: the corrected analysis it leaves (the gold
// names, the analysis's values, and on a corpus without MISC layer the analysis's MISC names) and the
// number of corrections that takes.
import * as assert from 'node:assert/strict';
import type { Analysis, Entity } from '../../src/engine/types';
import { simulatedReview } from '../../tools/eval/learningCurve';

const ent = (start: number, end: number, type: Entity['type']): Entity => ({ start, end, type, text: '' });
const analysis = (entities: Entity[]): Analysis => ({
  entities, clusters: [], quotes: [], facts: { characters: 0, words: 0, sentences: 0, paragraphs: 0, entityCounts: {}, quotes: 0 },
});

describe('learning curve: the simulated reviewer', () => {
  const a = analysis([
    ent(0, 5, 'PERSON'), // right
    ent(10, 15, 'GPE'), // gold says ORG: retyped
    ent(20, 25, 'ORG'), // not in the gold: rejected
    ent(30, 36, 'DATE'), // a value: kept
    ent(40, 47, 'NORP'), // MISC, not in the gold
    ent(50, 60, 'ORG'), // gold is 50-55: replaced by the added gold name
  ]);
  const gold = [
    { start: 0, end: 5, type: 'PER' }, { start: 10, end: 15, type: 'ORG' }, { start: 50, end: 55, type: 'LOC' }, { start: 70, end: 75, type: 'MISC' },
  ];

  it('with a MISC layer: exactly the gold names (finer type kept where it agrees) plus the values', () => {
    const r = simulatedReview(a, gold, true);
    assert.deepEqual(r.example.entities, [
      { start: 0, end: 5, type: 'PERSON' }, { start: 10, end: 15, type: 'ORG' }, { start: 30, end: 36, type: 'DATE' },
      { start: 50, end: 55, type: 'GPE' }, { start: 70, end: 75, type: 'NORP' },
    ]);
    // retype 10-15, add 50-55 (replacing 50-60), add 70-75, reject 20-25, reject 40-47
    assert.equal(r.corrections, 5);
  });

  it('without a MISC layer (UNER): the analysis\'s MISC names that overlap no gold name stay', () => {
    const r = simulatedReview(a, gold.filter((g) => g.type !== 'MISC'), false);
    assert.ok(r.example.entities.some((e) => e.start === 40 && e.type === 'NORP'));
    assert.equal(r.corrections, 3);
  });
});
