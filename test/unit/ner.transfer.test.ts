// The name tagger's model as handed to the head workers of `analyze --jsonl --jobs N`
// (src/engine/ner/transfer.ts): after a structured clone, as postMessage copies it, the same model.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PerceptronRecognizer, loadModel } from '../../src/engine/ner';
import { modelFromTransfer, modelToTransfer } from '../../src/engine/ner/transfer';
import { tokenize } from '../../src/engine/tokenize';

describe('name tagger model handed to another thread', () => {
  it('decodes to the same weights, transitions and gazetteer', () => {
    const model = loadModel();
    const copy = modelFromTransfer(structuredClone(modelToTransfer(model)));
    assert.notEqual(copy.blob, model.blob);
    assert.deepEqual(copy, model);
    assert.ok(model.blob.length > 1000 && model.gaz.map.size > 100, 'a real model (the comparison is not vacuous)');
  });

  it('finds the same names', () => {
    const text = readFileSync(join(__dirname, '..', '..', 'seeds', 'trump-xi-tiktok-call.txt'), 'utf8');
    const copy = modelFromTransfer(structuredClone(modelToTransfer(loadModel())));
    const names = new PerceptronRecognizer(copy).recognize(text, tokenize(text));
    assert.ok(names.length > 10);
    assert.deepEqual(names, new PerceptronRecognizer(loadModel()).recognize(text, tokenize(text)));
  });
});
