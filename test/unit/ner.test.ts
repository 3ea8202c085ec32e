import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { tokenize } from '../../src/engine/tokenize';
import { PerceptronRecognizer, defaultModelPath, loadModel } from '../../src/engine/ner';
import { Gazetteer, NT } from '../../src/engine/ner/features';
import { addRowPass, deserializeModel, featureOffset, serializeModel } from '../../src/engine/ner/model';
import type { NameMention } from '../../src/engine/recognizer';

const SEED = path.resolve(__dirname, '..', '..', 'seeds', 'trump-xi-tiktok-call.txt');

function labelsOf(text: string, mentions: NameMention[]): Map<string, Set<string>> {
  const m = new Map<string, Set<string>>();
  for (const x of mentions) {
    const s = text.slice(x.start, x.end);
    if (!m.has(s)) m.set(s, new Set());
    m.get(s)!.add(x.label);
  }
  return m;
}

describe('PerceptronRecognizer (src/engine/ner)', () => {
  const rec = new PerceptronRecognizer();
  const run = (text: string) => rec.recognize(text, tokenize(text));

  it('finds the shipped model and keeps it small', () => {
    const file = defaultModelPath();
    assert.ok(existsSync(file), `model missing at ${file}`);
    assert.equal(path.basename(file), 'ner.bin');
    assert.ok(statSync(file).size <= 5 * 1024 * 1024, 'model must be at most 5 MB');
  });

  it('loads the model once and caches it', () => {
    const a = loadModel();
    const b = loadModel(defaultModelPath());
    assert.equal(a, b);
    assert.ok(a.weights > 10000);
    assert.ok(a.gaz.map.size > 100);
  });

  it('returns no mentions for empty or name-free text', () => {
    assert.deepEqual(run(''), []);
    assert.deepEqual(run('   \n\n  '), []);
    assert.deepEqual(run('it was raining and nobody went out.'), []);
  });

  it('tags the key names of the seed article with the right labels', () => {
    const text = readFileSync(SEED, 'utf8');
    const labels = labelsOf(text, run(text));
    const expect: [string, string][] = [
      ['Donald Trump', 'PER'], ['Xi Jinping', 'PER'], ['Scott Kennedy', 'PER'], ['Chenyue Mao', 'PER'],
      ['CCTV', 'ORG'], ['ByteDance', 'ORG'], ['Reuters', 'ORG'], ['Congress', 'ORG'],
      ['Center for Strategic', 'ORG'], // known error: the name is split at "and" (models/README.md)
      ['South Korea', 'LOC'], ['China', 'LOC'], ['U.S.', 'LOC'], ['Beijing', 'LOC'],
      ['Chinese', 'MISC'], ['American', 'MISC'],
    ];
    const missing = expect.filter(([s, l]) => !labels.get(s)?.has(l)).map(([s, l]) => `${s}/${l}`);
    assert.deepEqual(missing, [], `missing: ${missing.join(', ')}; got ${JSON.stringify([...labels].map(([k, v]) => [k, [...v]]))}`);
    // Known error: "Wells Fargo" is found as one span but labelled LOC (CoNLL knows Fargo as a city).
    assert.ok(labels.has('Wells Fargo'), 'Wells Fargo should at least be found as one name');
  });

  it('returns offsets that slice back to the text, in order and without overlaps', () => {
    const text = readFileSync(SEED, 'utf8');
    const ms = run(text);
    assert.ok(ms.length > 20);
    let last = 0;
    for (const m of ms) {
      assert.ok(m.start >= last && m.end > m.start && m.end <= text.length);
      const s = text.slice(m.start, m.end);
      assert.equal(s, s.trim());
      assert.ok(['PER', 'ORG', 'LOC', 'MISC'].includes(m.label));
      last = m.end;
    }
  });

  it('keeps offsets right after emoji and non-ASCII text', () => {
    const text = '🎉🇨🇳 Überraschung — “Great news,” said Angela Merkel in Berlin on Monday.';
    const ms = run(text);
    const per = ms.find((m) => m.label === 'PER');
    assert.ok(per, JSON.stringify(ms));
    assert.equal(text.slice(per.start, per.end), 'Angela Merkel');
    const loc = ms.find((m) => text.slice(m.start, m.end) === 'Berlin');
    assert.equal(loc?.label, 'LOC');
  });

  it('handles ALL-CAPS headlines and lower-case text', () => {
    const ms = run('GERMANY BEAT FRANCE IN PARIS.\nGerman coach Berti Vogts praised his team.');
    const text = 'GERMANY BEAT FRANCE IN PARIS.\nGerman coach Berti Vogts praised his team.';
    const labels = labelsOf(text, ms);
    assert.ok(labels.get('Berti Vogts')?.has('PER'), JSON.stringify([...labels]));
    assert.ok(labels.get('PARIS')?.has('LOC'), JSON.stringify([...labels]));
  });

  it('uses document memory: a surname alone keeps the person type', () => {
    const text = 'Analyst Maria Kowalczyk of the bank said prices would rise.\nKowalczyk added that demand was weak.';
    const labels = labelsOf(text, run(text));
    assert.ok(labels.get('Kowalczyk')?.has('PER'), JSON.stringify([...labels]));
  });

  it('is deterministic and works without a pre-tokenized document', () => {
    const text = readFileSync(SEED, 'utf8');
    const a = run(text);
    const b = new PerceptronRecognizer(defaultModelPath()).recognize(text, tokenize(text));
    const c = rec.recognize(text, tokenize(text));
    assert.deepEqual(a, b);
    assert.deepEqual(a, c);
  });

  it('finds exactly the stored feature buckets through the index and weight blob, with their quantised weights', () => {
    const bits = 9, buckets = 1 << bits;
    const w1 = new Float32Array(buckets * NT), w2 = new Float32Array(buckets * NT);
    // Some buckets with a few weights (sparse rows), some with many (dense rows), most empty; both ends.
    const stored = [0, 1, 31, 32, 33, 63, 64, 200, 257, 500, 510, 511];
    stored.forEach((b, k) => {
      const n = k % 3 === 0 ? NT : 1 + (k % 5);
      for (let t = 0; t < n; t++) (k % 2 ? w1 : w2)[b * NT + ((t * 7 + k) % NT)] = ((k + 1) * (t % 2 ? -1 : 1) * (t + 1)) / 8;
      w1[b * NT + (k % NT)] = k + 0.5;
    });
    const trans = new Float32Array((NT + 1) * NT);
    const m = deserializeModel(serializeModel(bits, w1, trans, w2, trans, new Gazetteer()));
    assert.equal(m.rowCount, stored.length);
    const weightsOf = (off: number, pass: 1 | 2): number[] => {
      const out = new Int32Array(NT);
      addRowPass(m.blob, off, pass, out, 0);
      return [...out];
    };
    const offsets = new Set<number>();
    for (let f = 0; f < buckets; f++) {
      const o = featureOffset(m.index, m.blob, f);
      assert.equal(o >= 0, stored.includes(f), `bucket ${f}`);
      if (o < 0) continue;
      assert.ok(!offsets.has(o), `bucket ${f} shares a row`);
      offsets.add(o);
      for (const [pass, w, scale] of [[1, w1, m.scale1], [2, w2, m.scale2]] as const) {
        const got = weightsOf(o, pass);
        for (let t = 0; t < NT; t++) assert.equal(got[t], Math.round(w[f * NT + t] / scale), `bucket ${f} pass ${pass} tag ${t}`);
      }
    }
  });

  it('tags a long document quickly', () => {
    const text = readFileSync(SEED, 'utf8');
    const big = Array.from({ length: 40 }, () => text).join('\n\n');
    const doc = tokenize(big);
    rec.recognize(big, doc);
    const c0 = process.cpuUsage();
    rec.recognize(big, doc);
    const cu = process.cpuUsage(c0);
    const seconds = (cu.user + cu.system) / 1e6;
    // CPU time, with a generous bound so that shared CI machines do not flake: >= 150k chars per CPU-second.
    assert.ok(big.length / seconds > 150_000, `${(big.length / seconds).toFixed(0)} chars per CPU-second`);
  });
});
