// Magnitude pruning of a model file (tools/train/prune.ts): the same bytes as training with --prune
// (serializeModel's prune argument), and a loadable model without the small weights.
import * as assert from 'node:assert/strict';
import { Gazetteer, NT } from '../../src/engine/ner/features';
import { deserializeModel, serializeModel } from '../../src/engine/ner/model';
import { pruneModel, thresholdForFraction, weightMagnitudes } from '../../tools/train/prune';
import { mulberry32 } from '../../tools/train/trainer';

const BITS = 12;

/** A dense table with rows of every kind: empty, only small weights, sparse, dense, and a few large. */
function table(seed: number): Float32Array {
  const random = mulberry32(seed);
  const rows = new Float32Array((1 << BITS) * NT);
  for (let b = 0; b < 1 << BITS; b++) {
    const kind = b % 5;
    if (kind === 0) continue;
    for (let t = 0; t < NT; t++) {
      if (kind === 1 && t > 2) break;
      if (kind === 2 && random() < 0.7) continue;
      const big = random() < 0.02 ? 40 : 1;
      rows[b * NT + t] = (kind === 1 ? 0.3 : big * 6) * (random() * 2 - 1);
    }
  }
  return rows;
}

function fixture(prune: number): Buffer {
  const trans1 = new Float32Array((NT + 1) * NT).map((_, k) => (k % 7) - 3);
  const trans2 = new Float32Array((NT + 1) * NT).map((_, k) => (k % 5) - 2);
  const gaz = new Gazetteer();
  gaz.add(['new', 'york'], 0);
  gaz.clusters.set(12345, 77);
  return serializeModel(BITS, table(1), trans1, table(2), trans2, gaz, 1, prune);
}

describe('prune: magnitude pruning of a model file', () => {
  const full = fixture(0);

  it('writes the bytes that serialising with --prune W writes, for several thresholds', () => {
    const mags = weightMagnitudes(full);
    // Thresholds that fall exactly on stored magnitudes (ties are kept) and between them.
    const sorted = Float64Array.from(mags).sort();
    const exact = sorted[Math.floor(sorted.length / 3)];
    for (const w of [0.05, 0.5, exact, 1.7, 3]) {
      const pruned = pruneModel(full, w);
      assert.ok(pruned.bytes.equals(fixture(w)), `threshold ${w}: pruned file differs from serialiseModel(prune=${w})`);
      assert.ok(pruned.weightsAfter < pruned.weightsBefore, `threshold ${w} drops weights`);
    }
    assert.ok(pruneModel(full, 0).bytes.equals(full), 'threshold 0 copies the file');
  });

  it('drops exactly the weights below the threshold and the rows left empty; the rest loads unchanged', () => {
    const w = 1;
    const before = weightMagnitudes(full);
    const r = pruneModel(full, w);
    const after = weightMagnitudes(r.bytes);
    assert.equal(after.length, before.filter((m) => m >= w).length);
    assert.ok(after.every((m) => m >= w));
    const a = deserializeModel(full), b = deserializeModel(r.bytes);
    assert.equal(b.weights, r.weightsAfter);
    assert.ok(b.rowCount < a.rowCount, 'rows holding only small weights are gone');
    assert.equal(b.rowCount, r.rowsAfter);
    assert.equal(b.scale1, a.scale1);
    assert.equal(b.scale2, a.scale2);
    assert.deepEqual(b.trans1, a.trans1);
    assert.deepEqual([...b.gaz.map], [...a.gaz.map]);
    assert.deepEqual([...b.gaz.clusters], [...a.gaz.clusters]);
  });

  it('--fraction picks the smallest threshold that drops at least that share', () => {
    const mags = weightMagnitudes(full);
    for (const f of [0.1, 0.5, 0.8]) {
      const w = thresholdForFraction(full, f);
      const dropped = mags.filter((m) => m < w).length;
      assert.ok(dropped >= f * mags.length, `fraction ${f}: ${dropped} of ${mags.length} dropped`);
      const below = mags.filter((m) => m < w).reduce((x, m) => Math.max(x, m), 0);
      assert.ok(mags.filter((m) => m < below).length < f * mags.length, `fraction ${f}: a smaller threshold would do`);
    }
    assert.equal(thresholdForFraction(full, 0), 0);
    assert.throws(() => thresholdForFraction(full, 1), /--fraction/);
  });

  it('rejects what is not a model, or a truncated one, with a clear error', () => {
    assert.throws(() => pruneModel(Buffer.from('hello world, not a model at all'), 1), /not a News Lens NER model/);
    assert.throws(() => pruneModel(full.subarray(0, 3000), 1), /corrupt model: truncated/);
    assert.throws(() => pruneModel(full, -1), /--min/);
  });
});
