// The tagger decodes only tokens near a capital (src/engine/ner/decode.ts markCandidates /
// decodeCandidates); the rest are O. Decoding the stretches of candidates one by one must give exactly
// what one Viterbi over the whole sentence gives when the other tokens are forced to O.
import * as assert from 'node:assert/strict';
import { NT } from '../../src/engine/ner/features';
import { CANDIDATE_WINDOW, Scratch, decodeCandidates, markCandidates, viterbi } from '../../src/engine/ner/decode';
import { PerceptronRecognizer } from '../../src/engine/ner';
import { mulberry32 } from '../../tools/util/prng';

describe('tagger: only tokens near a capital are decoded', () => {
  it('marks the tokens within the window of an upper-case token, in its sentence only', () => {
    assert.equal(CANDIDATE_WINDOW, 2);
    // Two sentences: tokens 0-7 and 8-11; upper-case letters at 3 and 8.
    const sent = Int32Array.from([0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1]);
    const upper = Uint8Array.from([0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0]);
    const cand = new Uint8Array(12).fill(7);
    markCandidates(12, sent, upper, cand);
    assert.deepEqual([...cand], [0, 1, 1, 1, 1, 1, 0, 0, 1, 1, 1, 0]);
  });

  it('decodes stretches of candidates exactly like a whole-sentence Viterbi with the others forced to O', () => {
    const r = mulberry32(7);
    const trans = new Float32Array((NT + 1) * NT).map(() => (r() - 0.5) * 4);
    const scratch = new Scratch();
    let stretches = 0;
    for (let round = 0; round < 300; round++) {
      const n = 1 + Math.floor(r() * 30);
      const q = new Int32Array(n * NT).map(() => Math.round((r() - 0.5) * 6000));
      const scale = 1 / 1024;
      const cand = Uint8Array.from({ length: n }, () => (r() < 0.6 ? 1 : 0));
      // The reference: one sequence, non-candidates may only be O (other tags far below any path).
      const forced = Float64Array.from(q, (x) => x * scale);
      for (let i = 0; i < n; i++) if (!cand[i]) for (let t = 1; t < NT; t++) forced[i * NT + t] = -1e9;
      const want = new Int8Array(n);
      scratch.ensure(n);
      viterbi(forced, n, trans, want, 0, scratch.delta, scratch.back);
      const got = new Int8Array(n).fill(-1);
      decodeCandidates(q, scale, trans, got, cand, [0], [n], 1, scratch);
      assert.deepEqual([...got], [...want], `round ${round}: cand ${[...cand].join('')}`);
      for (let i = 0; i < n; i++) if (cand[i] && (i === 0 || !cand[i - 1])) stretches++;
    }
    assert.ok(stretches > 500, `only ${stretches} stretches were decoded`);
  });

  it('still finds a name whose words are lower-case next to a capitalised one, and nothing in lower-case text', () => {
    const rec = new PerceptronRecognizer();
    const text = 'Officials at the Bank of England said on Tuesday that rates would stay where they are for now.';
    const names = rec.recognize(text).map((m) => `${text.slice(m.start, m.end)}/${m.label}`);
    assert.ok(names.includes('Bank of England/ORG'), names.join(', '));
    assert.deepEqual(rec.recognize('the interior ministry said on tuesday that the talks would go on.'), []);
  });
});
