// Hover cards stay short (src/editor/entityCard.ts, pure): top few of each list, and how many more.
import { strict as assert } from 'assert';
import { readFileSync } from 'fs';
import { join } from 'path';
import { analyze } from '../../src/engine/index';
import type { Analysis } from '../../src/engine/types';
import type { ResolvedAnnotation } from '../../src/store/index';
import { CARD_LIMITS, entityCardModel, hasMore, topOf } from '../../src/editor/entityCard';

function note(i: number, start: number, end: number): ResolvedAnnotation {
  return {
    annotation: { id: `n${i}`, label: 'note', note: `note ${i}` },
    anchor: { state: 'anchored', start, end },
  } as unknown as ResolvedAnnotation;
}

describe('hover card model (src/editor/entityCard.ts)', () => {
  it('topOf keeps the first n in order and counts the rest', () => {
    assert.deepEqual(topOf([1, 2, 3, 4, 5], 3), { shown: [1, 2, 3], more: 2 });
    assert.deepEqual(topOf([1, 2], 3), { shown: [1, 2], more: 0 });
    assert.deepEqual(topOf([], 3), { shown: [], more: 0 });
    assert.deepEqual(topOf([1, 2], 0), { shown: [], more: 2 });
  });

  it('a person with many aliases, descriptions, quotations and notes: three of each, and the counts of the rest', () => {
    const names = ['Ann Lee', 'Lee', 'Ann', 'A. Lee', 'Annie', 'Ms. Lee'];
    const text = names.join(' said "x". ');
    let at = 0;
    const entities = names.map((n) => {
      const start = text.indexOf(n, at);
      at = start + n.length;
      return { start, end: start + n.length, text: n, type: 'PERSON' as const, cluster: 0 };
    });
    const analysis: Analysis = {
      entities,
      clusters: [{
        id: 0, name: 'Ann Lee', type: 'PERSON', aliases: names, mentions: entities.map((_, i) => i),
        descriptors: ['the minister', 'a lawyer', 'the  minister', 'an author', 'a mother of two'].map((d) => ({ start: 0, end: 0, text: d, kind: 'appositive' as const })),
      }],
      quotes: [0, 1, 2, 3, 4].map((i) => ({ start: i, end: i + 1, text: 'x', kind: 'direct' as const, attribution: i, speakerCluster: 0, content: { start: i, end: i + 1, text: 'x' } })),
      facts: { characters: 0, words: 0, sentences: 0, paragraphs: 0, entityCounts: {}, quotes: 5 },
    };
    const notes = [0, 1, 2, 3].map((i) => note(i, entities[i + 1]!.start, entities[i + 1]!.end));
    const card = entityCardModel(analysis, entities[0]!, notes);
    assert.deepEqual(card.aliases, { shown: ['Lee', 'Ann', 'A. Lee'], more: 2 });
    // "the  minister" is the same description once whitespace is folded.
    assert.deepEqual(card.descriptors, { shown: ['the minister', 'a lawyer', 'an author'], more: 1 });
    assert.equal(card.quotes.shown.length, CARD_LIMITS.quotes);
    assert.equal(card.quotes.more, 2);
    assert.deepEqual(card.notes.shown.map((n) => n.annotation.id), ['n0', 'n1', 'n2']);
    assert.equal(card.notes.more, 1);
    assert.equal(card.mentions.length, 6);
    assert.ok(hasMore(card));
    const roomy = entityCardModel(analysis, entities[0]!, notes, { aliases: 9, descriptors: 9, quotes: 9, notes: 9 });
    assert.ok(!hasMore(roomy));
  });

  it('on the seed: Donald Trump is quoted three times (not "declined to enforce the ban"); the card shows all three', () => {
    const text = readFileSync(join(__dirname, '..', '..', 'seeds', 'trump-xi-tiktok-call.txt'), 'utf8');
    const analysis = analyze(text);
    const trump = analysis.entities.find((e) => e.text === 'Trump')!;
    const card = entityCardModel(analysis, trump, []);
    assert.equal(card.name, 'Donald Trump');
    assert.equal(card.quotes.shown.length, 3);
    assert.equal(card.quotes.more, 0);
    assert.ok(!card.quotes.shown.some((q) => q[0]!.content.text.includes('enforce the ban')));
  });

  it('on the seed with one more attribution of Trump: quoted four times; the card shows three and one more', () => {
    const seed = readFileSync(join(__dirname, '..', '..', 'seeds', 'trump-xi-tiktok-call.txt'), 'utf8');
    const cut = seed.indexOf('\n') + 1;
    const text = `${seed.slice(0, cut)}Trump told reporters on Friday that the call had gone very well.\n${seed.slice(cut)}`;
    const analysis = analyze(text);
    const trump = analysis.entities.find((e) => e.text === 'Trump')!;
    const card = entityCardModel(analysis, trump, []);
    assert.equal(card.name, 'Donald Trump');
    assert.equal(card.quotes.shown.length, 3);
    assert.equal(card.quotes.more, 1);
    assert.ok(hasMore(card));
  });
});
