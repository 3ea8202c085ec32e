// The tagger's Viterbi (src/engine/ner/decode.ts: viterbi, decodeCandidates) is unrolled and takes exact
// shortcuts (a dominance bound over predecessors, emissions read as integer sums times their scale). It must
// give exactly the tags of a plain textbook BILOU Viterbi, ties included: the first maximum in increasing
// tag order wins, for each predecessor choice and for the last tag. Emissions and transitions are drawn
// from a few small multiples of 1/4 or 1/2 (exact in floating point), so that ties are frequent.
import * as assert from 'node:assert/strict';
import { NT } from '../../src/engine/ner/features';
import { Scratch, decodeCandidates, viterbi } from '../../src/engine/ner/decode';
import { mulberry32 } from '../../tools/util/prng';

// Tag layout: O = 0; type x: B = 1 + 4x, I = 2 + 4x, L = 3 + 4x, U = 4 + 4x.
const kind = (t: number) => (t === 0 ? 'O' : 'BILU'[(t - 1) & 3]);
const type = (t: number) => (t - 1) >> 2;
/** BILOU: after B or I of a type come I or L of that type; after O, L, U (or at the start) come O, B, U. */
function allowed(p: number, t: number): boolean {
  const kp = p < 0 ? 'O' : kind(p), kt = kind(t);
  if (kp === 'B' || kp === 'I') return (kt === 'I' || kt === 'L') && type(p) === type(t);
  return kt === 'O' || kt === 'B' || kt === 'U';
}
const canEnd = (t: number) => { const k = kind(t); return k === 'O' || k === 'L' || k === 'U'; };

/**
 * Textbook Viterbi over em[i * NT + t] (n tokens), with trans[p * NT + t] and the start row at NT * NT.
 * `only[i]`, if given, restricts token i to O (tokens fixed to O). Paths start from the sentence start
 * (afterO: from O) and end at the sentence end (beforeO: with the transition to O). Ties: first maximum.
 */
function textbook(em: ArrayLike<number>, n: number, trans: ArrayLike<number>, afterO: boolean, beforeO: boolean,
  onlyO?: ArrayLike<number>): number[] {
  const ok = (i: number, t: number) => !onlyO || !onlyO[i] || t === 0;
  const score: number[][] = [], from: number[][] = [];
  for (let i = 0; i < n; i++) {
    score.push(new Array(NT).fill(-Infinity)); from.push(new Array(NT).fill(-1));
    for (let t = 0; t < NT; t++) {
      if (!ok(i, t)) continue;
      if (i === 0) {
        if (allowed(-1, t)) score[0][t] = (afterO ? trans[t] : trans[NT * NT + t]) + em[t];
        continue;
      }
      let best = -Infinity, arg = -1;
      for (let p = 0; p < NT; p++) {
        if (score[i - 1][p] === -Infinity || !allowed(p, t)) continue;
        const v = score[i - 1][p] + trans[p * NT + t];
        if (arg < 0 || v > best) { best = v; arg = p; }
      }
      if (arg >= 0) { score[i][t] = best + em[i * NT + t]; from[i][t] = arg; }
    }
  }
  let best = -Infinity, arg = -1;
  for (let t = 0; t < NT; t++) {
    if (!canEnd(t) || score[n - 1][t] === -Infinity) continue;
    const v = score[n - 1][t] + (beforeO ? trans[t * NT] : 0);
    if (arg < 0 || v > best) { best = v; arg = t; }
  }
  const tags = new Array<number>(n);
  for (let i = n - 1; i >= 0; i--) { tags[i] = arg; arg = from[i][arg]; }
  return tags;
}

/** A value among `levels` multiples of `step` around zero (few distinct values: frequent exact ties). */
const pick = (r: () => number, levels: number, step: number) => (Math.floor(r() * levels) - (levels >> 1)) * step;

/** Transitions: random where BILOU allows them (disallowed ones are never read by either decoder). */
function randomTrans(r: () => number, levels: number, step: number): Float32Array {
  const trans = new Float32Array((NT + 1) * NT);
  for (let p = 0; p <= NT; p++) for (let t = 0; t < NT; t++) trans[p * NT + t] = allowed(p === NT ? -1 : p, t) ? pick(r, levels, step) : -99;
  return trans;
}

describe('tagger: BILOU Viterbi equals a textbook Viterbi, ties included', () => {
  // Few levels: mostly ties and the full comparison; many levels and a wide range: mostly the shortcut.
  const regimes = [
    { emLevels: 3, emStep: 1, trLevels: 3, trStep: 1 },
    { emLevels: 5, emStep: 0.5, trLevels: 2, trStep: 0.5 },
    { emLevels: 9, emStep: 1, trLevels: 5, trStep: 0.25 },
    { emLevels: 41, emStep: 0.5, trLevels: 9, trStep: 0.25 },
    { emLevels: 401, emStep: 0.25, trLevels: 17, trStep: 0.5 },
  ];

  it('viterbi: start / after O, end / before O, offsets, lengths 1..40', () => {
    const r = mulberry32(20240611);
    const scratch = new Scratch();
    let runs = 0, nonO = 0;
    for (const g of regimes) {
      for (let round = 0; round < 25; round++) {
        const trans = randomTrans(r, g.trLevels, g.trStep);
        for (let len = 1; len <= 40; len++) {
          const afterO = r() < 0.5, beforeO = r() < 0.5;
          const emOff = r() < 0.5 ? 0 : NT * Math.floor(r() * 3), from = Math.floor(r() * 3);
          const em = new Float64Array(emOff + len * NT + NT).map(() => pick(r, g.emLevels, g.emStep));
          const want = textbook(em.subarray(emOff), len, trans, afterO, beforeO);
          const out = new Int8Array(from + len + 2).fill(-1);
          scratch.ensure(len);
          if (afterO || beforeO || emOff || from) viterbi(em, len, trans, out, from, scratch.delta, scratch.back, emOff, afterO, beforeO);
          else viterbi(em, len, trans, out, from, scratch.delta, scratch.back);
          assert.deepEqual([...out.subarray(from, from + len)], want, `len ${len} afterO ${afterO} beforeO ${beforeO} round ${round}`);
          assert.equal(out[from + len], -1, 'wrote past the sequence');
          if (from > 0) assert.equal(out[from - 1], -1, 'wrote before the sequence');
          runs++;
          nonO += want.filter((t) => t !== 0).length;
        }
      }
    }
    assert.ok(runs === regimes.length * 25 * 40 && nonO > runs, `${runs} runs, ${nonO} non-O tags`);
  });

  it('decodeCandidates: sentences with tokens fixed to O, integer sums times a scale', () => {
    const r = mulberry32(77);
    const scratch = new Scratch();
    let stretches = 0;
    for (const g of regimes) {
      for (let round = 0; round < 150; round++) {
        const trans = randomTrans(r, g.trLevels, g.trStep);
        // Sentences of 1..40 tokens, back to back.
        const seqStart: number[] = [], seqEnd: number[] = [];
        let n = 0;
        for (let s = 1 + Math.floor(r() * 4); s > 0; s--) { seqStart.push(n); n += 1 + Math.floor(r() * 40); seqEnd.push(n); }
        const scale = r() < 0.5 ? 0.25 : 0.5;
        const q = new Int32Array(n * NT).map(() => pick(r, g.emLevels, g.emStep) / scale);
        const pCand = r();
        const cand = Uint8Array.from({ length: n }, () => (r() < pCand ? 1 : 0));
        const want: number[] = [];
        for (let s = 0; s < seqStart.length; s++) {
          const a = seqStart[s], len = seqEnd[s] - a;
          const em = Float64Array.from(q.subarray(a * NT, seqEnd[s] * NT), (x) => x * scale);
          want.push(...textbook(em, len, trans, false, false, Array.from(cand.subarray(a, seqEnd[s]), (c) => (c ? 0 : 1))));
          for (let i = a; i < seqEnd[s]; i++) if (cand[i] && (i === a || !cand[i - 1])) stretches++;
        }
        const out = new Int8Array(n).fill(-1);
        decodeCandidates(q, scale, trans, out, cand, seqStart, seqEnd, seqStart.length, scratch);
        assert.deepEqual([...out], want, `round ${round}: cand ${[...cand].join('')}`);
      }
    }
    assert.ok(stretches > 2000, `only ${stretches} stretches were decoded`);
  });
});
