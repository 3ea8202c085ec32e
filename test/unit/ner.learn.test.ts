// Adapted models (src/engine/ner/adapt.ts, learn.ts): the overlay file format and its checks, the exact
// application of an overlay to the shipped model, and learning from corrected analyses.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { analyze } from '../../src/engine';
import { tokenize } from '../../src/engine/tokenize';
import { PerceptronRecognizer, defaultModelPath } from '../../src/engine/ner';
import { NT } from '../../src/engine/ner/features';
import { addRowPass, deserializeModel, featureOffset } from '../../src/engine/ner/model';
import { tagTokenized } from '../../src/engine/ner/infer';
import {
  AdaptedModelError, applyAdapted, deserializeAdapted, fingerprint, serializeAdapted, type AdaptedModel,
} from '../../src/engine/ner/adapt';
import { goldTags, learnAdapted, learnModelBytes, type TrainingExample } from '../../src/engine/ner/learn';

const BYTES = readFileSync(defaultModelPath());
const BASE = deserializeModel(BYTES);
const FP = fingerprint(BYTES);
const SEED = readFileSync(`${__dirname}/../../seeds/trump-xi-tiktok-call.txt`, 'utf8');

function empty(): AdaptedModel {
  return { baseFingerprint: FP, bits: BASE.bits, examples: 0, names: 0, gaz: new Map(), trans2: new Float32Array((NT + 1) * NT), rows: new Map() };
}
const names = (rec: PerceptronRecognizer, text: string) =>
  rec.recognize(text, tokenize(text)).map((m) => `${text.slice(m.start, m.end)}/${m.label}`);

// The shipped model gets some of these wrong (Okonjo-Iweala as ORG, Endeavour missed): the example corrects them.
const TEXT = 'Okonjo-Iweala urged members to act. Shares of Nvidia rose after Endeavour docked. The Mulberry Gazette said Ballarat is cold.';
const at = (s: string, type: string) => ({ start: TEXT.indexOf(s), end: TEXT.indexOf(s) + s.length, type });
const TRAIN: TrainingExample = {
  text: TEXT,
  entities: [at('Okonjo-Iweala', 'PERSON'), at('Nvidia', 'ORG'), at('Endeavour', 'PRODUCT'), at('Mulberry Gazette', 'ORG'), at('Ballarat', 'GPE'), at('cold', 'DATE')],
};
const GOLD = ['Okonjo-Iweala/PER', 'Nvidia/ORG', 'Endeavour/MISC', 'Mulberry Gazette/ORG', 'Ballarat/LOC'];

describe('adapted models (src/engine/ner/adapt.ts)', () => {
  it('round-trips through its file format', () => {
    const a = empty();
    a.examples = 3; a.names = 7;
    a.gaz.set(12345, 1).set(999, 0);
    a.trans2[5] = 1.5; a.trans2[(NT + 1) * NT - 1] = -2.25;
    a.rows.set(7, Int32Array.from({ length: NT }, (_, t) => (t === 3 ? -40000 : t === 16 ? 5 : 0)));
    a.rows.set((1 << BASE.bits) - 1, Int32Array.from({ length: NT }, (_, t) => t * 1000 - 8000));
    const back = deserializeAdapted(serializeAdapted(a));
    assert.deepEqual(back, a);
  });

  it('refuses a file that is not an overlay, is truncated or has a changed byte, saying which', () => {
    const bytes = serializeAdapted({ ...empty(), gaz: new Map([[1, 2]]) });
    assert.throws(() => deserializeAdapted(BYTES), (e: Error) => e instanceof AdaptedModelError && /not a News Lens adapted model/.test(e.message));
    assert.throws(() => deserializeAdapted(new TextEncoder().encode('hello')), /not a News Lens adapted model/);
    assert.throws(() => deserializeAdapted(bytes.subarray(0, bytes.length - 9)), /corrupt adapted model/);
    const flipped = bytes.slice();
    flipped[20] ^= 1;
    assert.throws(() => deserializeAdapted(flipped), /checksum mismatch/);
    assert.doesNotThrow(() => deserializeAdapted(bytes));
  });

  it('an empty overlay rebuilds the shipped model exactly (same tags on a real article)', () => {
    const m = applyAdapted(BASE, empty());
    assert.notEqual(m.blob, BASE.blob);
    assert.equal(m.rowCount, BASE.rowCount);
    assert.equal(m.weights, BASE.weights);
    assert.deepEqual(Array.from(m.blob), Array.from(BASE.blob));
    assert.deepEqual(Array.from(m.index), Array.from(BASE.index));
    const doc = tokenize(SEED);
    assert.deepEqual(tagTokenized(m, doc).tags, tagTokenized(BASE, doc).tags);
  });

  it('adds a delta to a bucket with a row and creates a row for a bucket without one', () => {
    let withRow = -1, without = -1;
    for (let f = 0; f < 1 << BASE.bits && (withRow < 0 || without < 0); f++) {
      if (featureOffset(BASE.index, BASE.blob, f) >= 0) { if (withRow < 0) withRow = f; } else if (without < 0) without = f;
    }
    const a = empty();
    const d = Int32Array.from({ length: NT }, (_, t) => t + 1);
    a.rows.set(withRow, d).set(without, d);
    const m = applyAdapted(BASE, a);
    const sum = (model: typeof BASE, f: number, pass: 1 | 2) => {
      const e = new Int32Array(NT);
      const o = featureOffset(model.index, model.blob, f);
      if (o >= 0) addRowPass(model.blob, o, pass, e, 0);
      return Array.from(e);
    };
    assert.deepEqual(sum(m, withRow, 2), sum(BASE, withRow, 2).map((v, t) => v + t + 1));
    assert.deepEqual(sum(m, withRow, 1), sum(BASE, withRow, 1), 'pass 1 is not changed');
    assert.deepEqual(sum(m, without, 2), Array.from(d));
    assert.equal(m.rowCount, BASE.rowCount + 1);
  });

  it('refuses an overlay learned with another number of feature buckets', () => {
    assert.throws(() => applyAdapted(BASE, { ...empty(), bits: BASE.bits - 1 }), /feature buckets/);
  });
});

describe('learning from corrected analyses (src/engine/ner/learn.ts)', () => {
  const shipped = new PerceptronRecognizer(BASE);

  it('projects names onto BILOU tags of our tokens (values ignored, OntoNotes and CoNLL labels)', () => {
    const text = 'Ann Lee met IBM on Monday in Paris.';
    const doc = tokenize(text);
    const tags = goldTags(doc, [{ start: 0, end: 7, type: 'PERSON' }, { start: 12, end: 15, type: 'ORG' }, { start: 19, end: 25, type: 'DATE' }, { start: 29, end: 34, type: 'LOC' }]);
    // PER = B1 I2 L3 U4, ORG 5..8, LOC 9..12
    assert.deepEqual(Array.from(tags), [1, 3, 0, 8, 0, 0, 0, 12, 0]);
  });

  it('learns the corrected names: the adapted model finds them, in the example and in a new article', () => {
    assert.notDeepEqual(names(shipped, TEXT), GOLD, 'the shipped model already gets it right: pick another example');
    const a = learnAdapted(BASE, FP, [TRAIN]);
    assert.equal(a.examples, 1);
    assert.equal(a.names, 5, 'the DATE is not a name');
    assert.ok(a.rows.size > 0 && a.gaz.size > 0);
    const rec = new PerceptronRecognizer(applyAdapted(BASE, deserializeAdapted(serializeAdapted(a))));
    assert.deepEqual(names(rec, TEXT), GOLD);
    const next = 'Okonjo-Iweala urged Nvidia to act.';
    assert.ok(!names(shipped, next).includes('Okonjo-Iweala/PER'), 'the shipped model already gets it right: pick another example');
    assert.deepEqual(names(rec, next), ['Okonjo-Iweala/PER', 'Nvidia/ORG']);
    // Through analyze(): OntoNotes types as usual.
    assert.deepEqual(analyze(next, { recognizer: rec }).entities.map((e) => `${e.text}/${e.type}`), ['Okonjo-Iweala/PERSON', 'Nvidia/ORG']);
  });

  it('the gazetteer part alone carries the names to a new article', () => {
    const a = learnAdapted(BASE, FP, [TRAIN], { weights: false });
    assert.equal(a.rows.size, 0);
    assert.ok(a.gaz.size > 0);
    assert.deepEqual(names(new PerceptronRecognizer(applyAdapted(BASE, a)), 'Okonjo-Iweala urged Nvidia to act.'), ['Okonjo-Iweala/PER', 'Nvidia/ORG']);
  });

  for (const features of ['lexical', 'all'] as const) {
    it(`the weight part alone (${features} features) fits the example`, () => {
      // Lexical deltas move the shipped model less: Okonjo-Iweala needs 20 epochs without the gazetteer.
      const a = learnAdapted(BASE, FP, [TRAIN], { gazetteer: false, features, epochs: features === 'lexical' ? 20 : 5 });
      assert.equal(a.gaz.size, 0);
      assert.ok(a.rows.size > 0);
      assert.equal(a.trans2.some((v) => v !== 0), features === 'all', 'transitions change with all features only');
      assert.deepEqual(names(new PerceptronRecognizer(applyAdapted(BASE, a)), TEXT), GOLD);
    });
  }

  it('is deterministic and its result crosses a worker boundary (structured clone)', () => {
    const a = learnAdapted(BASE, FP, [TRAIN]);
    const b = learnAdapted(BASE, FP, [structuredClone(TRAIN)]);
    assert.deepEqual(serializeAdapted(structuredClone(a)), serializeAdapted(b));
    // The worker entry: bytes and plain examples in, bytes out.
    const bytes = learnModelBytes(structuredClone(new Uint8Array(BYTES)), structuredClone([TRAIN]));
    assert.deepEqual(bytes, serializeAdapted(a));
  });

  it('no examples learn nothing', () => {
    const none = learnAdapted(BASE, FP, []);
    assert.equal(none.rows.size + none.gaz.size, 0);
    const m = applyAdapted(BASE, none);
    assert.deepEqual(tagTokenized(m, tokenize(SEED)).tags, tagTokenized(BASE, tokenize(SEED)).tags);
  });
});
