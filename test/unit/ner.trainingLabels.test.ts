// Training-label hygiene in the trainer (tools/train/trainer.ts): GUM's fragmented "X for Y" names are
// left unlabelled (--gum-loose-fragments), and gazetteer dropout (--gaz-dropout) clears lexicon codes.
import * as assert from 'node:assert/strict';
import { Gazetteer, GAZ_CATS } from '../../src/engine/ner/features';
import { featurize, fragmentedNameRuns, leaveUnlabelled, mulberry32, projectDoc } from '../../tools/train/trainer';

function gumLike(text: string, names: [string, string][]) {
  const entities = names.map(([s, type]) => { const start = text.indexOf(s); return { start, end: start + s.length, type }; });
  return projectDoc({ id: 'x', text, entities }).doc;
}

describe('trainer: GUM fragmented names', () => {
  it('finds ORG + connector + MISC runs, chained, with an optional "the"', () => {
    const d = gumLike('He joined the Center for Advanced Study in the Behavioral Sciences at Stanford.', [
      ['Center', 'ORG'], ['Advanced Study', 'MISC'], ['Behavioral Sciences', 'MISC'], ['Stanford', 'ORG']]);
    const runs = fragmentedNameRuns(d);
    assert.equal(runs.length, 1);
    const [f, l] = runs[0];
    const toks = d.doc.tokens;
    assert.equal(d.text.slice(toks[f].start, toks[l - 1].end), 'Center for Advanced Study in the Behavioral Sciences');
  });
  it('leaves adjacent names of other kinds alone', () => {
    const d = gumLike('Talks between China and Japan, and Paul Kay of Berkeley.', [
      ['China', 'LOC'], ['Japan', 'LOC'], ['Paul Kay', 'PER'], ['Berkeley', 'ORG']]);
    assert.deepEqual(fragmentedNameRuns(d), []);
    const e = gumLike('The Association for Computational Linguistics and Google.', [['Association', 'ORG'], ['Google', 'ORG']]);
    assert.deepEqual(fragmentedNameRuns(e), [], 'an ORG followed by a connector and another ORG is two names');
  });
  it('unlabels exactly the run: every tag allowed there, the gold kept elsewhere', () => {
    const d = gumLike('The Association for Computational Linguistics met Noam Chomsky.', [
      ['Association', 'ORG'], ['Computational Linguistics', 'MISC'], ['Noam Chomsky', 'PER']]);
    const runs = fragmentedNameRuns(d);
    const before = Int8Array.from(d.gold);
    leaveUnlabelled(d, runs);
    const [f, l] = runs[0];
    for (let i = 0; i < d.gold.length; i++) {
      if (i >= f && i < l) { assert.equal(d.gold[i], 0); assert.equal(d.allowed![i], (1 << 17) - 1); }
      else { assert.equal(d.gold[i], before[i]); assert.equal(d.allowed![i], 1 << before[i]); }
    }
  });
});

describe('trainer: gazetteer dropout', () => {
  const text = 'Maria Lopez met John Smith and Anna Bell in Paris , London and Berlin .';
  const gaz = () => { const g = new Gazetteer(); for (const w of ['maria', 'john', 'anna']) g.add([w], GAZ_CATS.indexOf('FIRSTNAME')); for (const w of ['paris', 'london', 'berlin']) g.add([w], GAZ_CATS.indexOf('PLACE')); return g; };
  const coded = (d: ReturnType<typeof projectDoc>['doc']) => { const g = d.prepared!.gaz, n = GAZ_CATS.length; let k = 0; for (let i = 0; i < d.prepared!.n; i++) if (g.subarray(i * n, (i + 1) * n).some((x) => x)) k++; return k; };
  it('keeps every code at 0, clears them all near 1, and is seeded', () => {
    const none = projectDoc({ id: 'a', text, entities: [] }).doc; featurize(none, gaz(), 12);
    assert.equal(coded(none), 6);
    const most = projectDoc({ id: 'b', text, entities: [] }).doc; featurize(most, gaz(), 12, 0.999, mulberry32(1));
    assert.equal(coded(most), 0);
    const a = projectDoc({ id: 'c', text, entities: [] }).doc; featurize(a, gaz(), 12, 0.5, mulberry32(7));
    const b = projectDoc({ id: 'c', text, entities: [] }).doc; featurize(b, gaz(), 12, 0.5, mulberry32(7));
    assert.deepEqual(a.prepared!.gaz, b.prepared!.gaz);
    assert.deepEqual(a.fs!.feats, b.fs!.feats);
  });
});
