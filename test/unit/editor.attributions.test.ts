// What the editor says about attributions (src/editor/attributions.ts, pure: no VS Code needed).
import { strict as assert } from 'assert';
import type { Analysis, Quote, QuoteKind } from '../../src/engine/types';
import { quoteAt } from '../../src/editor/analysisQueries';
import { attributionHints, attributionsBy, sourceOf } from '../../src/editor/attributions';

const TEXT =
  '“We will not wait,” Maria Lopez said, “not another day.” She said the plan was late. ' +
  'A senior official said the talks had stalled. “Nobody knows,” the spokesman added. “Fine.”';

function at(words: string, from = 0): { start: number; end: number; text: string } {
  const start = TEXT.indexOf(words, from);
  assert.ok(start >= 0, words);
  return { start, end: start + words.length, text: words };
}

function quote(kind: QuoteKind, attribution: number, words: string, extra: Partial<Quote> = {}): Quote {
  const s = at(words);
  return { ...s, kind, attribution, content: s, ...extra };
}

function analysis(): Analysis {
  const maria = at('Maria Lopez');
  return {
    entities: [{ ...maria, type: 'PERSON', cluster: 0 }],
    clusters: [{ id: 0, name: 'Maria Lopez', type: 'PERSON', aliases: [], descriptors: [], mentions: [0] }],
    quotes: [
      quote('direct', 0, '“We will not wait,”', { speaker: maria, speakerCluster: 0 }),
      quote('direct', 0, '“not another day.”', { speaker: maria, speakerCluster: 0 }),
      quote('indirect', 1, 'the plan was late', { speaker: at('She'), speakerCluster: 0 }),
      quote('indirect', 2, 'the talks had stalled', { speaker: at('A senior official'), anonymous: true }),
      quote('direct', 3, '“Nobody knows,”', { speaker: at('the spokesman') }),
      quote('direct', 4, '“Fine.”'),
    ],
    facts: { characters: TEXT.length, words: 0, sentences: 0, paragraphs: 0, entityCounts: {}, quotes: 6 },
  };
}

const ALL = { unattributed: true, anonymous: true };

describe('attributions (src/editor)', () => {
  it('tells a named, an anonymous, an unresolved and an unattributed source apart', () => {
    const a = analysis();
    assert.deepEqual(a.quotes.map((q) => sourceOf(a, q).status), ['named', 'named', 'named', 'anonymous', 'unresolved', 'unattributed']);
    assert.equal(sourceOf(a, a.quotes[2]!).cluster?.name, 'Maria Lopez');
    assert.equal(sourceOf(a, a.quotes[2]!).mention?.text, 'She');
  });

  it('lists what a person said once per attribution, segments together, indirect speech included', () => {
    const said = attributionsBy(analysis(), 0);
    assert.deepEqual(said.map((segments) => segments.map((q) => q.content.text)), [
      ['“We will not wait,”', '“not another day.”'],
      ['the plan was late'],
    ]);
  });

  it('hints at the anonymous, the unresolved and the unattributed attributions, nothing else', () => {
    const hints = attributionHints(analysis(), [], ALL);
    assert.deepEqual(hints.map((h) => [h.code, TEXT.slice(h.start, h.end)]), [
      ['anonymous-source', 'the talks had stalled'],
      ['unattributed-quote', '“Nobody knows,”'],
      ['unattributed-quote', '“Fine.”'],
    ]);
    assert.match(hints[0]!.message, /anonymous source \(“A senior official”\)/);
    assert.match(hints[1]!.message, /“the spokesman”, who is not identified/);
    assert.match(hints[2]!.message, /no identifiable speaker/);
  });

  it('drops a hint once a note overlaps the attribution, and keeps the others', () => {
    const fine = at('Fine');
    const unrelated = at('Maria');
    const hints = attributionHints(analysis(), [unrelated, { start: fine.start, end: fine.start + 2 }], ALL);
    assert.deepEqual(hints.map((h) => h.attribution), [2, 3]);
    // A note that ends exactly where the quote starts does not overlap it.
    const touching = attributionHints(analysis(), [{ start: 0, end: at('“Fine.”').start }], ALL);
    assert.ok(touching.some((h) => h.attribution === 4));
  });

  it('obeys the settings for each kind of hint', () => {
    assert.deepEqual(attributionHints(analysis(), [], { unattributed: false, anonymous: true }).map((h) => h.code), ['anonymous-source']);
    assert.deepEqual(attributionHints(analysis(), [], { unattributed: true, anonymous: false }).map((h) => h.code), ['unattributed-quote', 'unattributed-quote']);
  });

  it('finds the innermost quotation under the cursor', () => {
    const a = analysis();
    const outer = at('She said the plan was late.');
    a.quotes.push({ ...outer, kind: 'mixed', attribution: 9, content: outer });
    assert.equal(quoteAt(a, at('plan').start)?.kind, 'indirect');
    assert.equal(quoteAt(a, at('She said').start + 4)?.kind, 'mixed');
    assert.equal(quoteAt(a, TEXT.indexOf(' A senior')), undefined);
  });
});
