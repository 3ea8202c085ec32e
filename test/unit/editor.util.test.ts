// Pure helpers of the editor layer: src/editor/util/text.ts and src/editor/analysisQueries.ts (no VS Code needed).
import { strict as assert } from 'assert';
import type { Analysis, Entity } from '../../src/engine/types';
import { clusterById, entityAt, quoteAt } from '../../src/editor/analysisQueries';
import { shorten } from '../../src/editor/util/text';

describe('shorten', () => {
  it('flattens whitespace and cuts with an ellipsis', () => {
    assert.equal(shorten('  Chenyue\n Mao  '), 'Chenyue Mao');
    assert.equal(shorten('abcdefgh', 5), 'abcd…');
    assert.equal(shorten('abcde', 5), 'abcde');
    assert.equal(shorten('x'.repeat(61)), `${'x'.repeat(59)}…`);
  });
});

describe('analysis queries (src/editor/analysisQueries.ts)', () => {
  const TEXT = 'Ann Lee met Bo in Paris. “Go,” he said.';
  const entity = (text: string, type: Entity['type'], cluster?: number): Entity => {
    const start = TEXT.indexOf(text);
    return { start, end: start + text.length, text, type, cluster };
  };
  const analysis = (): Analysis => ({
    entities: [entity('Ann Lee', 'PERSON', 0), entity('Bo', 'PERSON', 1), entity('Paris', 'GPE')],
    clusters: [
      { id: 0, name: 'Ann Lee', type: 'PERSON', aliases: [], descriptors: [], mentions: [0] },
      { id: 1, name: 'Bo', type: 'PERSON', aliases: [], descriptors: [], mentions: [1] },
    ],
    quotes: [],
    facts: { characters: TEXT.length, words: 0, sentences: 0, paragraphs: 0, entityCounts: {}, quotes: 0 },
  });

  it('entityAt: the entity containing the offset, or ending exactly there; nothing between entities', () => {
    const a = analysis();
    const names = (offsets: number[]) => offsets.map((o) => entityAt(a, o)?.text ?? '-');
    // Inside "Ann Lee" (0-7), its end, the space after "met", "Bo" (12-14), before "Paris" (18-23), its end, after it.
    assert.deepEqual(names([0, 3, 7, 8, 11, 12, 14, 17, 18, 23, 24]), ['Ann Lee', 'Ann Lee', 'Ann Lee', '-', '-', 'Bo', 'Bo', '-', 'Paris', 'Paris', '-']);
    assert.equal(entityAt({ ...a, entities: [] }, 0), undefined);
  });

  it('entityAt: a zero-length entity is never "at" its own end', () => {
    const a = analysis();
    a.entities = [{ start: 5, end: 5, text: '', type: 'PERSON' }];
    assert.equal(entityAt(a, 5), undefined);
  });

  it('quoteAt: the smallest span containing the offset, end excluded', () => {
    const a = analysis();
    const span = (text: string) => ({ start: TEXT.indexOf(text), end: TEXT.indexOf(text) + text.length, text });
    const said = span('“Go,” he said');
    const go = span('“Go,”');
    a.quotes = [
      { ...said, kind: 'mixed', attribution: 0, content: said },
      { ...go, kind: 'direct', attribution: 1, content: go },
    ];
    assert.equal(quoteAt(a, go.start)?.kind, 'direct');
    assert.equal(quoteAt(a, go.end)?.kind, 'mixed');
    assert.equal(quoteAt(a, said.end), undefined);
    assert.equal(quoteAt(a, 3), undefined);
  });

  it('clusterById: by index when the numbering holds, else by search; undefined for no id', () => {
    const a = analysis();
    assert.equal(clusterById(a, 1)?.name, 'Bo');
    assert.equal(clusterById(a, undefined), undefined);
    assert.equal(clusterById(a, 7), undefined);
    a.clusters.reverse();
    assert.equal(clusterById(a, 0)?.name, 'Ann Lee');
  });
});
