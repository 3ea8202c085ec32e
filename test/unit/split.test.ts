// The pipeline cut in two (src/engine/split.ts, the head and tail threads of `analyze --jsonl --jobs N`):
// the tail's analysis of what the head handed over, copied as between threads, is analyze()'s.
import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../src/engine/analyze';
import { STAGES, type Stage } from '../../src/engine/pipeline';
import { HANDED_OVER, HEAD_LAST_STAGE, analyzeHead, analyzeTail, splitStages } from '../../src/engine/split';
import { packTokens, unpackTokens } from '../../src/engine/tokenCodec';
import { tokenize } from '../../src/engine/tokenize';
import { analyzeJsonlBatch, analyzeJsonlHeads, type JsonlBatch } from '../../src/cli/jsonl';

const SEEDS = join(__dirname, '..', '..', 'seeds');
const TEXTS = [
  ...readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).map((f) => readFileSync(join(SEEDS, f), 'utf8')),
  '',
  '“We will appeal,” said Jane Smith, a lawyer for Acme Corp. in Paris, on Monday. She added: “No.”',
  'PRESIDENT BIDEN SPEAKS\nJoe Biden met Xi Jinping in Beijing on March 3, 2024, and said they agreed on $5 billion.',
];

describe('pipeline split in a head and a tail (analyze --jsonl --jobs N)', () => {
  it('hands the tail the name mentions and the tokens: what its stages read that the head wrote', () => {
    assert.deepEqual([...HANDED_OVER], ['mentions', 'doc']);
    const { head, tail } = splitStages(STAGES, HEAD_LAST_STAGE);
    assert.equal(head.length + tail.length, STAGES.length);
    assert.deepEqual(tail.map((s) => s.name).slice(0, 2), ['refineType', 'findValues']);
  });

  it('lists every field a tail stage reads from the head, and refuses a cut it cannot make', () => {
    const stage = (name: string, reads: string[], writes: string[]): Stage =>
      ({ name, reads, writes, run: () => undefined }) as unknown as Stage;
    const stages = [stage('tokenize', ['text'], ['doc']), stage('a', ['doc'], ['names', 'values']), stage('b', ['names', 'doc', 'text'], ['quotes'])];
    assert.deepEqual(splitStages(stages, 'a').handed, ['names', 'doc']);
    assert.deepEqual(splitStages(stages, 'tokenize').handed, ['doc']);
    assert.throws(() => splitStages(stages, 'nope'), /no pipeline stage "nope"/);
  });

  it('packs tokens into typed arrays and back to the same tokens and sentences', () => {
    for (const text of TEXTS) {
      const packed = structuredClone(packTokens(tokenize(text)));
      assert.ok(packed.tokens instanceof Int32Array);
      assert.deepEqual(unpackTokens(text, packed), tokenize(text));
    }
    const doc = tokenize(TEXTS[0]!);
    assert.ok(doc.tokens.some((t) => t.lineStart) && doc.tokens.some((t) => t.kind === 'number') && doc.sentences.length > 5);
  });

  it('gives analyze()\'s analysis, from a structured clone of the head (as a worker receives it)', () => {
    for (const text of TEXTS) {
      const head = structuredClone(analyzeHead(text));
      assert.deepEqual(analyzeTail(text, head), analyze(text), text.slice(0, 60));
    }
    assert.ok(analyze(TEXTS[0]!).entities.length > 10, 'the seed has entities (the comparison is not vacuous)');
  });

  it('refuses a head result without the name mentions', () => {
    assert.throws(() => analyzeTail('Jane Smith spoke.', {}), /lacks mentions/);
  });

  it('answers a JSON Lines batch with the same pieces through heads as whole, problems included', () => {
    const lines = [JSON.stringify({ id: 1, text: TEXTS[0] }), '{bad', '', null, JSON.stringify({ id: 'x', text: TEXTS[3] }), '{"id": 2}'];
    const batch: JsonlBatch = { seq: 7, first: 10, lines };
    const heads = analyzeJsonlHeads(batch);
    assert.equal(heads.seq, 7);
    assert.deepEqual(heads.heads.map((h) => h === null), [false, true, true, true, false, true]);
    const split = analyzeJsonlBatch({ ...batch, heads: structuredClone(heads.heads) });
    const whole = analyzeJsonlBatch(batch);
    assert.deepEqual(split, whole);
    assert.equal(whole.pieces.length, 5); // record, 2 problems (line 11, 13), record, problem (line 15)
    assert.match(whole.pieces[1]!.stderr!, /line 11: not valid JSON/);
    assert.throws(() => analyzeJsonlBatch({ ...batch, heads: [null, null, null, null, null, null] }), /line 10: no head analysis/);
  });
});
