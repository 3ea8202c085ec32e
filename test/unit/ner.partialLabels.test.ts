// Partial labels in the trainer (tools/train/trainer.ts): a corpus without a MISC layer (UNER) must not
// teach that MISC-like names are O. Outside its gold names a token may be O or MISC.
import * as assert from 'node:assert/strict';
import { Gazetteer, NT, TYPES } from '../../src/engine/ner/features';
import { Scratch } from '../../src/engine/ner/model';
import { Perceptron, allowMiscOutsideGold, featurize, projectDoc, sequenceOrder } from '../../tools/train/trainer';

const U = (type: string) => 1 + 4 * TYPES.indexOf(type as (typeof TYPES)[number]) + 3;

function doc() {
  const text = 'Maria Lopez uses Firefox daily.';
  const { doc: d } = projectDoc({ id: 'x', text, entities: [{ start: 0, end: 11, type: 'PER' }] });
  featurize(d, new Gazetteer(), 12);
  return d;
}

/** A perceptron whose weights make the tagger call "Firefox" (token 3) a one-token MISC name. */
function biased(d: ReturnType<typeof doc>): Perceptron {
  const p = new Perceptron(12);
  const fs = d.fs!;
  for (let j = fs.offs[3]; j < fs.offs[4]; j++) p.w[fs.feats[j] * NT + U('MISC')] += 100;
  // and "Maria Lopez" a person (B-PER, L-PER), so that the rest of the sentence is right.
  for (const [i, tag] of [[0, 1 + 4 * TYPES.indexOf('PER')], [1, 1 + 4 * TYPES.indexOf('PER') + 2]] as const) {
    for (let j = fs.offs[i]; j < fs.offs[i + 1]; j++) p.w[fs.feats[j] * NT + tag] += 100;
  }
  return p;
}

describe('trainer: partial labels (UNER has no MISC layer)', () => {
  it('allows O or a MISC tag outside the gold names, only the gold tag inside', () => {
    const d = allowMiscOutsideGold(doc());
    const a = d.allowed!;
    assert.equal(a[0], 1 << d.gold[0]);
    assert.notEqual(d.gold[0], 0);
    assert.ok((a[3] & 1) !== 0 && (a[3] & (1 << U('MISC'))) !== 0);
    assert.equal(a[3] & (1 << U('ORG')), 0);
  });
  it('a MISC prediction outside the gold names is an error with full labels and none with partial labels', () => {
    const full = doc();
    const pFull = biased(full);
    const errFull = pFull.epoch([full], sequenceOrder([full], () => 0.5), 1, new Scratch());
    assert.equal(errFull, 1);
    const part = allowMiscOutsideGold(doc());
    const pPart = biased(part);
    const before = Float32Array.from(pPart.w);
    const errPart = pPart.epoch([part], sequenceOrder([part], () => 0.5), 1, new Scratch());
    assert.equal(errPart, 0);
    assert.deepEqual(pPart.w, before);
  });
  it('an ORG prediction outside the gold names is still an error with partial labels', () => {
    const part = allowMiscOutsideGold(doc());
    const p = new Perceptron(12);
    const fs = part.fs!;
    for (let j = fs.offs[3]; j < fs.offs[4]; j++) p.w[fs.feats[j] * NT + U('ORG')] += 100;
    assert.equal(p.epoch([part], sequenceOrder([part], () => 0.5), 1, new Scratch()), 1);
  });
});
