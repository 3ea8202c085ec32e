import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, type Analysis, type EntityType } from '../../src/engine';

const SEED = readFileSync(join(__dirname, '..', '..', 'seeds', 'trump-xi-tiktok-call.txt'), 'utf8');

function typesOf(a: Analysis, surface: string): Set<EntityType> {
  return new Set(a.entities.filter((e) => e.text === surface).map((e) => e.type));
}
function clusterOf(a: Analysis, surface: string) {
  const e = a.entities.find((x) => x.text === surface);
  assert.ok(e, `no entity "${surface}"`);
  assert.ok(e.cluster !== undefined, `"${surface}" has no cluster`);
  return a.clusters[e.cluster];
}
function assertOffsets(text: string, a: Analysis) {
  for (const e of a.entities) assert.equal(text.slice(e.start, e.end), e.text, `entity offsets ${e.start}-${e.end}`);
  for (const q of a.quotes) {
    assert.equal(text.slice(q.start, q.end), q.text);
    assert.equal(text.slice(q.content.start, q.content.end), q.content.text);
    if (q.speaker) assert.equal(text.slice(q.speaker.start, q.speaker.end), q.speaker.text);
    if (q.cue) assert.equal(text.slice(q.cue.start, q.cue.end), q.cue.text);
  }
  for (const c of a.clusters) for (const d of c.descriptors) assert.equal(text.slice(d.start, d.end), d.text);
}

describe('analyze() on the seed article', () => {
  const a = analyze(SEED);

  it('types the people, organisations, places and groups', () => {
    const expected: [string, EntityType][] = [
      ['Donald Trump', 'PERSON'], ['Xi Jinping', 'PERSON'], ['Scott Kennedy', 'PERSON'], ['Chenyue Mao', 'PERSON'], ['Trump', 'PERSON'],
      ['CCTV', 'ORG'], ['ByteDance', 'ORG'], ['Reuters', 'ORG'], ['Congress', 'ORG'], ['Wells Fargo', 'ORG'],
      ['Center for Strategic and International Studies', 'ORG'],
      ['South Korea', 'GPE'], ['China', 'GPE'], ['U.S.', 'GPE'],
      ['Chinese', 'NORP'], ['American', 'NORP'],
    ];
    for (const [surface, type] of expected) assert.deepEqual([...typesOf(a, surface)], [type], `${surface} should be ${type}`);
  });

  it('finds the dates, including the range', () => {
    for (const d of ['Friday', 'Thursday', 'January 2025', 'October 30 to November 1']) {
      assert.ok(typesOf(a, d).has('DATE'), `${d} should be a DATE`);
    }
  });

  it('clusters aliases under one canonical name', () => {
    const trump = clusterOf(a, 'Trump');
    assert.equal(trump, clusterOf(a, 'Donald Trump'));
    assert.equal(trump.name, 'Donald Trump');
    assert.ok(trump.aliases.includes('Trump'));
    assert.equal(clusterOf(a, 'U.S.'), clusterOf(a, 'United States'));
    assert.equal(clusterOf(a, 'APEC'), clusterOf(a, 'Asia-Pacific Economic Cooperation'));
    assert.equal(clusterOf(a, 'APEC').name, 'Asia-Pacific Economic Cooperation');
    assert.notEqual(clusterOf(a, 'Donald Trump'), clusterOf(a, 'Xi Jinping'));
  });

  it('attaches descriptors to the right clusters', () => {
    const has = (surface: string, descriptor: string) =>
      assert.ok(clusterOf(a, surface).descriptors.some((d) => d.text === descriptor),
        `${surface} should have descriptor "${descriptor}", has ${JSON.stringify(clusterOf(a, surface).descriptors.map((d) => d.text))}`);
    has('Donald Trump', 'Presidents');
    has('Xi Jinping', 'Presidents');
    has('CCTV', 'Chinese state broadcaster');
    has('Chenyue Mao', 'Wells Fargo banker');
    has('Scott Kennedy', 'of the Center for Strategic and International Studies');
    has('ByteDance', 'its Chinese owner');
    has('TikTok', 'the video app');
    assert.ok(!clusterOf(a, 'Wells Fargo').descriptors.some((d) => /banker/.test(d.text)), 'the banker is Mao, not the bank');
  });

  it('finds all five quotations with their speakers and cues', () => {
    const byStart = (s: string) => {
      const q = a.quotes.find((x) => x.content.text.startsWith(s));
      assert.ok(q, `quote starting "${s}" not found`);
      return q;
    };
    assert.equal(a.quotes.length, 5);
    const trump = clusterOf(a, 'Donald Trump').id;
    for (const s of ['I like TikTok', 'TikTok has tremendous value', 'pretty close to a deal', 'do an extension with China']) {
      const q = byStart(s);
      assert.equal(q.speakerCluster, trump, `"${s}" should be Trump's`);
      assert.equal(q.kind, 'direct');
    }
    assert.equal(byStart('I like TikTok').cue?.text, 'said');
    assert.equal(byStart('TikTok has tremendous value').cue?.text, 'adding');
    assert.equal(byStart('I like TikTok').when?.text, 'Thursday');
    const kennedy = byStart('China’s effective use');
    assert.equal(kennedy.speaker?.text, 'Scott Kennedy');
    assert.equal(kennedy.speakerCluster, clusterOf(a, 'Scott Kennedy').id);
    assert.equal(kennedy.cue?.text, 'according to');
    // The multi-sentence quotation is one quote, marks included.
    assert.ok(byStart('TikTok has tremendous value').text.endsWith('approve it.”'));
  });

  it('reports document facts', () => {
    assert.equal(a.facts.paragraphs, 7);
    assert.ok(a.facts.words > 480 && a.facts.words < 560, `words ${a.facts.words}`);
    assert.equal(a.facts.entityCounts.PERSON, a.entities.filter((e) => e.type === 'PERSON').length);
    assert.equal(a.facts.quotes, 5);
  });

  it('keeps every offset true to the text', () => assertOffsets(SEED, a));
});

describe('analyze() edge cases', () => {
  it('handles empty text', () => {
    const a = analyze('');
    assert.deepEqual([a.entities, a.clusters, a.quotes], [[], [], []]);
    assert.equal(a.facts.words, 0);
    assert.equal(a.facts.paragraphs, 0);
  });

  it('finds nothing in text without entities', () => {
    const a = analyze('it was quiet and nothing much happened here at all.');
    assert.deepEqual(a.entities, []);
    assert.deepEqual(a.quotes, []);
  });

  it('survives an unbalanced quotation mark', () => {
    const text = 'The minister said “we will never agree to this\n\nNext paragraph about Germany.';
    const a = analyze(text);
    assertOffsets(text, a);
    assert.equal(a.quotes.length, 1);
    assert.ok(a.quotes[0].text.endsWith('this'), 'unclosed quote stops at the paragraph end');
    assert.ok(typesOf(a, 'Germany').has('GPE'));
  });

  it('gives the same entities for CRLF line endings, at the right offsets', () => {
    const crlf = SEED.replace(/\n/g, '\r\n');
    const a = analyze(crlf);
    const b = analyze(SEED);
    assertOffsets(crlf, a);
    assert.deepEqual(a.entities.map((e) => `${e.text}/${e.type}`), b.entities.map((e) => `${e.text}/${e.type}`));
    assert.equal(a.quotes.length, b.quotes.length);
    assert.equal(a.facts.paragraphs, b.facts.paragraphs);
  });

  it('keeps offsets right after non-ASCII names and emoji', () => {
    const text = '🎉🇨🇳 Chancellor Angela Merkel met François Hollande and Zoë Müller in Paris on Friday. 👍 “Très bien,” Merkel said.';
    const a = analyze(text);
    assertOffsets(text, a);
    assert.ok(typesOf(a, 'Angela Merkel').has('PERSON'));
    assert.ok(typesOf(a, 'Paris').has('GPE'));
    assert.ok(typesOf(a, 'Friday').has('DATE'));
    const q = a.quotes[0];
    assert.equal(q.content.text, 'Très bien,');
    assert.equal(q.speaker?.text, 'Merkel');
    assert.equal(q.speakerCluster, a.entities.find((e) => e.text === 'Angela Merkel')?.cluster);
  });

  it('attributes straight-quoted speech with the speaker after the cue', () => {
    const text = '"We are ready," said Jane Smith, a spokeswoman for Acme Corp.';
    const a = analyze(text);
    assert.equal(a.quotes.length, 1);
    assert.equal(a.quotes[0].speaker?.text, 'Jane Smith');
    assert.equal(a.quotes[0].cue?.text, 'said');
    assert.ok(typesOf(a, 'Acme Corp.').has('ORG') || typesOf(a, 'Acme Corp').has('ORG'));
  });

  it('types dates, times, durations, money, percentages and numbers', () => {
    const text = 'Yesterday the bank paid $1.5 billion, up 5 percent, after four hours of talks at 3 p.m. ' +
      'This year\'s deal, the third in the past few years, covers 300 km and 1,200 workers since the 20th century.';
    const a = analyze(text);
    const typed = new Map(a.entities.map((e) => [e.text, e.type]));
    const expected: [string, EntityType][] = [
      ['Yesterday', 'DATE'], ['$1.5 billion', 'MONEY'], ['5 percent', 'PERCENT'], ['four hours', 'TIME'], ['3 p.m.', 'TIME'],
      ['This year\'s', 'DATE'], ['third', 'ORDINAL'], ['the past few years', 'DATE'], ['300 km', 'QUANTITY'], ['1,200', 'CARDINAL'],
      ['the 20th century', 'DATE'],
    ];
    for (const [surface, type] of expected) assert.equal(typed.get(surface), type, `${surface} should be ${type}; got ${JSON.stringify([...typed])}`);
    assertOffsets(text, a);
  });

  it('finishes a 1 MB article with offsets intact', () => {
    let big = '';
    while (big.length < 1_000_000) big += SEED + '\n';
    const a = analyze(big);
    assert.ok(a.entities.length > 20_000);
    assert.ok(a.quotes.length > 1500);
    const last = a.entities[a.entities.length - 1];
    assert.equal(big.slice(last.start, last.end), last.text);
  });
});
