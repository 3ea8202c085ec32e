// Places written in lower case ("a trip to mexico", "i live in san francisco"): informal web text drops
// capitals, and the name tagger, which leans on them, misses these names. A run of lower-case words that
// is exactly a country or a well-known place of the tagger's own lists (ner/lists.ts) is a place, unless
// the words are also ordinary words or given names ("chad", "turkey", "china", "manila" envelopes, "pacific").
// Found on the cross-validated errors of UNER English web text dev (41 of its 136 wholly missed names are
// lower-case places); checked on UNER test, GUM's 16 genres and CoNLL-2003 dev (docs/quality.md).
import type { NameMention } from './recognizer';
import type { Token } from './tokenize';
import { COUNTRIES, PLACES, splitList } from './ner/lists';

/** List entries that are also common lower-case words, given names or adjectives. */
const AMBIGUOUS = new Set(['chad', 'china', 'turkey', 'jordan', 'georgia', 'guinea', 'niger', 'gulf', 'pacific', 'atlantic',
  'arctic', 'mediterranean', 'caribbean', 'midwest', 'phoenix', 'sydney', 'lima', 'santiago', 'victoria', 'us', 'america',
  'manila', 'panama', 'brussels', 'wall street', 'white house', 'capitol hill', 'red sea', 'black sea', 'alps', 'sahara', 'balkans', 'asia-pacific']);

let places: { keys: Set<string>; first: Set<string> } | undefined;
/** The lower-case place keys (words joined by one space), and the words they start with. */
function placeKeys(): { keys: Set<string>; first: Set<string> } {
  if (places) return places;
  places = { keys: new Set(), first: new Set() };
  for (const list of [COUNTRIES, PLACES]) {
    for (const words of splitList(list)) {
      const key = words.join(' ');
      if (AMBIGUOUS.has(key) || !/^[a-z][a-z. -]*$/.test(key)) continue;
      places.keys.add(key);
      places.first.add(words[0]);
    }
  }
  return places;
}

const MAX_WORDS = 3;

/** Adds a LOC mention for each lower-case run of words that is a listed place and overlaps no mention. */
export function lowercasePlaces(text: string, tokens: Token[], mentions: NameMention[]): NameMention[] {
  const { keys, first } = placeKeys();
  let added: NameMention[] | undefined;
  let m = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    // Most words start no listed place: one set lookup, before anything else.
    if (t.kind !== 'word' || !first.has(t.text)) continue;
    while (m < mentions.length && mentions[m].end <= t.start) m++;
    let key = '';
    for (let n = 1; n <= MAX_WORDS && i + n - 1 < tokens.length; n++) {
      const w = tokens[i + n - 1];
      if (w.kind !== 'word' || w.sentence !== t.sentence || !/^[a-z][a-z.-]*$/.test(w.text)) break;
      if (n > 1 && text.slice(tokens[i + n - 2].end, w.start) !== ' ') break;
      key = n === 1 ? w.text : `${key} ${w.text}`;
      if (!keys.has(key)) continue;
      // The longest match wins: look one word further before taking this one.
      const next = tokens[i + n];
      if (n < MAX_WORDS && next && next.kind === 'word' && text.slice(w.end, next.start) === ' ' && keys.has(`${key} ${next.text}`)) continue;
      const start = t.start, end = w.end;
      const overlaps = m < mentions.length && mentions[m].start < end;
      if (!overlaps && (i === 0 || !/[@/.\w]$/.test(text.slice(Math.max(0, start - 1), start)))) {
        (added ??= []).push({ start, end, label: 'LOC' });
        i += n - 1;
      }
      break;
    }
  }
  if (!added) return mentions;
  return [...mentions, ...added].sort((a, b) => a.start - b.start);
}
