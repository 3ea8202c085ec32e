// Places written in lower case (src/engine/lowercasePlaces.ts): listed countries and places found in
// lower case, the longest listed run, not the ambiguous ones, not inside a name, a web address or an email.
import * as assert from 'node:assert/strict';
import { analyze } from '../../src/engine';
import { lowercasePlaces } from '../../src/engine/lowercasePlaces';
import { tokenize } from '../../src/engine/tokenize';

const places = (text: string) => analyze(text).entities.filter((e) => e.type === 'GPE' || e.type === 'LOC').map((e) => e.text);

describe('lower-case places (informal web text)', () => {
  it('finds listed countries and places written in lower case, the longest listed run', () => {
    assert.deepEqual(places('we went to mexico and then san francisco last year, then new york and new delhi.'), ['mexico', 'san francisco', 'new york', 'new delhi']);
    assert.deepEqual(places('i live in chicago, near the lake.'), ['chicago']);
  });

  it('leaves words that are also ordinary words or given names, and "us"', () => {
    assert.deepEqual(places('my friend chad cooked turkey on china plates for us.'), []);
  });

  it('adds nothing inside a mention, a web address or an email, and keeps the mentions sorted', () => {
    const text = 'see www.france.com or mail paris.trip@example.org, then fly to france with Air France.';
    const doc = tokenize(text);
    const airFrance = { start: text.indexOf('Air France'), end: text.indexOf('Air France') + 10, label: 'ORG' as const };
    const out = lowercasePlaces(text, doc.tokens, [airFrance]);
    assert.deepEqual(out.map((m) => [text.slice(m.start, m.end), m.label]), [['france', 'LOC'], ['Air France', 'ORG']]);
    const none = [airFrance];
    assert.equal(lowercasePlaces('Nothing here.', tokenize('Nothing here.').tokens, none), none, 'nothing added: the same array');
  });
});
