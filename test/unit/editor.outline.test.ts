// The article's outline and a cluster's mentions (src/editor/util/outline.ts, src/editor/analysisQueries.ts):
// what the document symbols, Find All References, the highlights and Go to Definition show (no VS Code needed).
import { strict as assert } from 'assert';
import { readFileSync } from 'fs';
import * as path from 'path';
import { analyze } from '../../src/engine/index';
import type { Analysis, Entity } from '../../src/engine/types';
import { clusterAt, clusterMentions, definingMention, referenceAt } from '../../src/editor/analysisQueries';
import { outlineOf } from '../../src/editor/util/outline';

const SEED = readFileSync(path.join(__dirname, '..', '..', 'seeds', 'trump-xi-tiktok-call.txt'), 'utf8');

describe('outline and mentions of the seed article', () => {
  const analysis = analyze(SEED);
  const outline = outlineOf(analysis);
  const trump = analysis.clusters.find((c) => c.name === 'Donald Trump')!;

  it('groups the names by kind, in a fixed order, each name once at its first full mention', () => {
    assert.deepEqual(outline.entities.map((g) => g.kind), ['person', 'organization', 'place', 'group']);
    const people = outline.entities[0]!.entities;
    assert.deepEqual(people.map((e) => e.cluster.name), ['Donald Trump', 'Xi Jinping', 'Scott Kennedy', 'Chenyue Mao']);
    const dt = people[0]!;
    assert.equal(dt.first.text, 'Donald Trump');
    assert.equal(SEED.slice(dt.first.start, dt.first.end), 'Donald Trump');
    assert.equal(dt.mentions, trump.mentions.length);
    assert.equal(dt.references, analysis.references!.filter((r) => r.cluster === trump.id).length);
    assert.ok(dt.references > 0, 'the seed resolves "He" to Trump');
    const places = outline.entities.find((g) => g.kind === 'place')!.entities.map((e) => e.cluster.name);
    assert.ok(places.includes('China') && places.includes('United States'), places.join(', '));
    // Every cluster of a name appears exactly once.
    const listed = outline.entities.flatMap((g) => g.entities.map((e) => e.cluster.id)).sort((a, b) => a - b);
    assert.deepEqual(listed, analysis.clusters.map((c) => c.id).sort((a, b) => a - b));
    for (const g of outline.entities) for (const e of g.entities) assert.ok(g.span.start <= e.first.start && e.first.end <= g.span.end);
  });

  it('lists the quotations by speaker: one entry per attribution, the anonymous ones pooled', () => {
    const byTrump = outline.quotes.find((g) => g.speaker.status === 'named' && g.speaker.cluster.id === trump.id)!;
    const attributions = new Set(analysis.quotes.filter((q) => q.speakerCluster === trump.id).map((q) => q.attribution));
    assert.equal(byTrump.quotes.length, attributions.size);
    const twoPart = byTrump.quotes.find((q) => q.segments.length === 2);
    assert.ok(twoPart, 'the interrupted quotation is one entry');
    assert.match(twoPart.title, /^“I like TikTok; it helped get me elected, … TikTok has/);
    assert.ok(twoPart.title.length <= 62, twoPart.title);
    const anonymous = outline.quotes.find((g) => g.speaker.status === 'anonymous')!;
    assert.equal(anonymous.quotes[0]!.speakerText, 'A U.S. official');
    assert.equal(outline.quotes.reduce((n, g) => n + g.quotes.reduce((k, q) => k + q.segments.length, 0), 0), analysis.quotes.length);
    const starts = outline.quotes.map((g) => g.span.start);
    assert.deepEqual(starts, [...starts].sort((a, b) => a - b), 'speakers in order of their first quotation');
  });

  it('finds every mention of a cluster from a name or a pronoun, and its first full mention', () => {
    const he = analysis.references!.find((r) => r.cluster === trump.id && r.text === 'He')!;
    const fromPronoun = clusterAt(analysis, he.start);
    const fromName = clusterAt(analysis, SEED.indexOf('Trump', 900));
    assert.equal(fromPronoun?.id, trump.id);
    assert.equal(fromName?.id, trump.id);
    assert.equal(clusterAt(analysis, SEED.indexOf('obstacle')), undefined);
    const mentions = clusterMentions(analysis, trump);
    assert.equal(mentions.length, trump.mentions.length + analysis.references!.filter((r) => r.cluster === trump.id).length);
    assert.ok(mentions.some((m) => m.kind === 'pronoun' && m.start === he.start));
    for (let i = 1; i < mentions.length; i++) assert.ok(mentions[i - 1]!.start < mentions[i]!.start);
    for (const m of mentions) assert.equal(SEED.slice(m.start, m.end), m.text);
    assert.equal(definingMention(analysis, trump)?.start, SEED.indexOf('Donald Trump'));
  });
});

describe('outline and mentions of hand-built analyses', () => {
  const TEXT = 'Lee spoke. Ann Lee met Bo on Friday. “Go,” she said. “Later,” Bo said. “No,” someone said.';
  const at = (text: string, type: Entity['type'], cluster?: number, from = 0): Entity => {
    const start = TEXT.indexOf(text, from);
    return { start, end: start + text.length, text, type, cluster };
  };
  const she = TEXT.indexOf('she');
  const quote = (words: string, attribution: number, extra: object) => {
    const start = TEXT.indexOf(`“${words}”`);
    return { start, end: start + words.length + 2, text: `“${words}”`, kind: 'direct' as const, attribution,
      content: { start: start + 1, end: start + 1 + words.length, text: words }, ...extra };
  };
  const analysis = (): Analysis => ({
    entities: [at('Lee', 'PERSON', 0), at('Ann Lee', 'PERSON', 0, 5), at('Bo', 'PERSON', 1), at('Friday', 'DATE'), at('Bo', 'PERSON', 1, 60)],
    clusters: [
      { id: 0, name: 'Ann Lee', type: 'PERSON', aliases: ['Lee'], descriptors: [], mentions: [0, 1] },
      { id: 1, name: 'Bo', type: 'PERSON', aliases: [], descriptors: [{ start: 0, end: 3, text: 'the banker', kind: 'appositive' }], mentions: [2, 4] },
    ],
    quotes: [
      quote('Go,', 0, { speaker: { start: she, end: she + 3, text: 'she' }, speakerCluster: 0 }),
      quote('Later,', 1, { speaker: at('Bo', 'PERSON', 1, 60), speakerCluster: 1 }),
      quote('No,', 2, {}),
    ],
    references: [{ start: she, end: she + 3, text: 'she', kind: 'pronoun', cluster: 0 }],
    facts: { characters: TEXT.length, words: 0, sentences: 0, paragraphs: 0, entityCounts: {}, quotes: 3 },
  });

  it('the definition is the first mention by the canonical name, not the first mention', () => {
    const a = analysis();
    assert.equal(definingMention(a, a.clusters[0]!)?.text, 'Ann Lee');
    assert.equal(definingMention(a, a.clusters[0]!)?.start, TEXT.indexOf('Ann Lee'));
    const [ann] = outlineOf(a).entities[0]!.entities;
    assert.equal(ann!.first.start, TEXT.indexOf('Ann Lee'), 'the outline places the person at the full name');
    assert.equal(ann!.references, 1);
  });

  it('references at a pronoun, and the pronoun among the mentions', () => {
    const a = analysis();
    assert.equal(referenceAt(a, she + 1)?.text, 'she');
    assert.equal(referenceAt(a, she + 3)?.text, 'she', 'the cursor just after the pronoun');
    assert.equal(referenceAt(a, she - 1), undefined);
    assert.deepEqual(clusterMentions(a, a.clusters[0]!).map((m) => [m.text, m.kind]), [['Lee', 'name'], ['Ann Lee', 'name'], ['she', 'pronoun']]);
    assert.equal(clusterAt(a, TEXT.indexOf('Friday')), undefined, 'a date has no cluster');
  });

  it('values get no group; a role is the first descriptor; quotations without a speaker are pooled', () => {
    const o = outlineOf(analysis());
    assert.deepEqual(o.entities.map((g) => g.kind), ['person']);
    assert.equal(o.entities[0]!.entities[1]!.role, 'the banker');
    assert.deepEqual(o.quotes.map((g) => g.speaker.status), ['named', 'named', 'unattributed']);
    assert.deepEqual(o.quotes.map((g) => g.quotes.map((q) => q.title)), [['“Go,”'], ['“Later,”'], ['“No,”']]);
    assert.equal(o.quotes[0]!.quotes[0]!.speakerText, 'she');
  });

  it('an analysis without names or quotations has an empty outline (and no references list is fine)', () => {
    const empty: Analysis = { entities: [], clusters: [], quotes: [], facts: analysis().facts };
    assert.deepEqual(outlineOf(empty), { entities: [], quotes: [] });
    assert.equal(referenceAt(empty, 0), undefined);
  });
});
