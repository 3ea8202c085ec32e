// v0 rule-and-lexicon name recognizer: capitalised token runs, trimmed of sentence-initial common words
// and titles, typed by gazetteers, suffixes and context. Replaceable by any NameRecognizer.
import type { NameRecognizer, NameMention } from '../../src/engine/recognizer';
import type { Token, Tokenized } from '../../src/engine/tokenize';
import type { NameType } from '../../src/engine/types';
import * as L from '../../src/engine/wordLists';

const CAP_RE = /^[\p{Lu}]/u;
const ACRONYM_RE = /^(?:\p{Lu}\.){2,}$|^\p{Lu}[\p{Lu}\d&]{1,6}s?$/u;
const CAMEL_RE = /^\p{Lu}\p{Ll}+\p{Lu}/u;
const PERSON_VERBS = new Set(['said', 'says', 'told', 'added', 'asked', 'wrote', 'tweeted', 'argued', 'insisted', 'explained', 'noted', 'warned', 'recalled', 'believes', 'thinks', 'who', 'himself', 'herself']);
const PLACE_PREPS = new Set(['in', 'from', 'to', 'near', 'across', 'throughout', 'outside', 'inside', 'into', 'around', 'visit', 'visited', 'visiting']);

export function isCapitalisedWord(tok: Token): boolean {
  return tok.kind === 'word' && CAP_RE.test(tok.text) && !/^['’]/.test(tok.text);
}

interface Candidate {
  first: number; // token index
  last: number; // exclusive
  title?: number; // token index of a title right before
  sawOfFor: boolean;
}

export class RuleRecognizer implements NameRecognizer {
  readonly id = 'rules-v0';

  recognize(text: string, doc: Tokenized): NameMention[] {
    const { tokens } = doc;
    const lowerSeen = new Set<string>();
    for (const t of tokens) if (t.kind === 'word' && !CAP_RE.test(t.text)) lowerSeen.add(t.text);
    const candidates = this.candidates(tokens, lowerSeen);
    const mentions: NameMention[] = [];
    const personTokens = new Set<string>();
    const typed: { c: Candidate; type: NameType | undefined; surface: string }[] = [];
    for (const c of candidates) {
      const surface = text.slice(tokens[c.first].start, tokens[c.last - 1].end);
      const type = this.typeOf(c, surface, tokens);
      typed.push({ c, type, surface });
      if (type === 'PERSON') for (let k = c.first; k < c.last; k++) personTokens.add(tokens[k].text);
    }
    // Document memory: a bare surname or unknown capitalised word that is part of a person's name
    // elsewhere in the article is that person.
    const typedBySurface = new Map<string, NameType>();
    for (const t of typed) if (t.type && !typedBySurface.has(t.surface)) typedBySurface.set(t.surface, t.type);
    for (const t of typed) {
      let type = t.type;
      const single = t.c.last - t.c.first === 1;
      if ((!type || (single && type === 'ORG' && !L.ORG_NAMES.has(t.surface) && !ACRONYM_RE.test(t.surface))) &&
          personTokens.has(t.surface)) type = 'PERSON';
      if (!type) type = typedBySurface.get(t.surface);
      if (!type) type = this.fallbackType(t.c, tokens);
      if (!type) continue;
      mentions.push({ start: tokens[t.c.first].start, end: tokens[t.c.last - 1].end, label: type });
    }
    return mentions;
  }

  private candidates(tokens: Token[], lowerSeen: Set<string>): Candidate[] {
    const out: Candidate[] = [];
    let k = 0;
    while (k < tokens.length) {
      if (!isCapitalisedWord(tokens[k])) { k++; continue; }
      const sentenceStart = k === 0 || tokens[k - 1].sentence !== tokens[k].sentence ||
        (tokens[k - 1].kind === 'punct' && /^["“‘'([:—–-]$/.test(tokens[k - 1].text));
      let first = k;
      let last = k + 1;
      let sawOfFor = false;
      while (last < tokens.length && !tokens[last].lineStart && tokens[last].sentence === tokens[k].sentence) {
        const t = tokens[last];
        if (isCapitalisedWord(t)) { last++; continue; }
        // Connectors between capitalised words.
        const next = tokens[last + 1];
        const lower = t.text.toLowerCase();
        if (t.text === '&' && next && isCapitalisedWord(next)) { last += 2; continue; }
        if ((lower === 'of' || lower === 'for') && next && L.OF_HEADS.has(tokens[last - 1].text)) {
          const after = next.text === 'the' && tokens[last + 2] && isCapitalisedWord(tokens[last + 2]) ? last + 3 : last + 2;
          if (isCapitalisedWord(tokens[after - 1]) && !L.MONTHS.has(tokens[after - 1].text) && !L.WEEKDAYS.has(tokens[after - 1].text)) {
            last = after; sawOfFor = true; continue;
          }
        }
        if (lower === 'and' && sawOfFor && next && isCapitalisedWord(next)) { last += 2; continue; }
        if (/^(?:de|del|della|der|van|von|da|du|dos|bin|al|el|le|la)$/.test(t.text) && next && isCapitalisedWord(next) &&
            last > first && !sentenceStart) { last += 2; continue; }
        break;
      }
      const runStart = k;
      k = last;
      // Trim from the left: sentence-initial common words, titles, determiners.
      let title: number | undefined;
      while (first < last) {
        const t = tokens[first];
        if (L.PERSON_TITLES.has(t.text) && first + 1 < last) { title = first; first++; continue; }
        if (t.text === 'The' && first + 1 < last && !L.ORG_NAMES.has(spanText(tokens, first, last))) { first++; continue; }
        if (first === runStart && sentenceStart &&
            (L.COMMON_SENTENCE_STARTERS.has(t.text) || (lowerSeen.has(t.text.toLowerCase()) && !isKnown(t.text)))) {
          first++; continue;
        }
        break;
      }
      // Split off month / weekday / holiday tokens: those are dates, not names.
      let s = first;
      for (let j = first; j <= last; j++) {
        const boundary = j === last || L.MONTHS.has(tokens[j].text) || L.WEEKDAYS.has(tokens[j].text) ||
          tokens[j].text === 'I' || (L.PERSON_TITLES.has(tokens[j].text) && j + 1 < last && j > s && isCapitalisedWord(tokens[j + 1]) && !L.OF_HEADS.has(tokens[j].text));
        if (!boundary) continue;
        let e = j;
        // Do not end on a connector.
        while (e > s && !isCapitalisedWord(tokens[e - 1])) e--;
        if (e > s) out.push({ first: s, last: e, title: s === first ? title : undefined, sawOfFor });
        s = j + 1;
        if (j < last && L.PERSON_TITLES.has(tokens[j].text)) { title = j; }
      }
    }
    return out.filter((c) => !isNonName(spanText(tokens, c.first, c.last)));
  }

  private typeOf(c: Candidate, surface: string, tokens: Token[]): NameType | undefined {
    const words = tokens.slice(c.first, c.last).map((t) => t.text);
    const firstW = words[0];
    const lastW = words[words.length - 1];
    const prev = tokens[c.first - 1];
    const next = tokens[c.last];
    if (L.HOLIDAYS.has(surface)) return undefined;
    if (L.ORG_NAMES.has(surface)) return 'ORG';
    if (L.GPE_NAMES.has(surface)) return 'GPE';
    if (L.LOC_NAMES.has(surface)) return 'LOC';
    if (L.NORP_WORDS.has(surface)) return 'NORP';
    if (L.PRODUCT_WORDS.has(surface)) return 'PRODUCT';
    if (c.title !== undefined) {
      const titleText = tokens[c.title].text;
      if (!/^(?:King|Queen|Prince|Princess|Pope|Saint|St\.)$/.test(titleText) || words.length <= 3) return 'PERSON';
    }
    if (words.length > 1) {
      if (L.FAC_SUFFIXES.has(lastW)) return 'FAC';
      if (L.LAW_WORDS.has(lastW) || (L.LAW_WORDS.has(firstW) && c.sawOfFor)) return 'LAW';
      if (L.EVENT_WORDS.has(lastW) || /^(?:World War|Battle of)/.test(surface)) return 'EVENT';
      if (L.GPE_SUFFIXES.has(lastW) && !L.ORG_SUFFIXES.has(lastW)) return 'GPE';
      if (L.LOC_SUFFIXES.has(lastW)) return 'LOC';
      if (L.ORG_SUFFIXES.has(lastW) || (L.OF_HEADS.has(firstW) && c.sawOfFor && L.ORG_SUFFIXES.has(firstW))) return 'ORG';
      if (L.LOC_SUFFIXES.has(firstW) && c.sawOfFor) return 'LOC';
      if (L.GPE_NAMES.has(lastW) && /^(?:North|South|East|West|Northern|Southern|Eastern|Western|Central|New)$/.test(firstW)) return 'GPE';
      if (words.every((w) => L.NORP_WORDS.has(w) || L.ORG_SUFFIXES.has(w))) return 'ORG';
      if (L.FIRST_NAMES.has(firstW) && words.length <= 4 && words.every((w) => /^\p{Lu}[\p{Ll}'’.-]/u.test(w) || /^\p{Lu}\.$/u.test(w))) return 'PERSON';
      if (L.FAMILY_FIRST_SURNAMES.has(firstW) && words.length <= 3) return 'PERSON';
    }
    if (ACRONYM_RE.test(surface) && !L.GPE_NAMES.has(surface)) return 'ORG';
    if (CAMEL_RE.test(surface) && words.length === 1) return 'ORG';
    if (L.NORP_WORDS.has(firstW) && words.length > 1) return 'ORG';
    // Context: a role noun before, or a speech verb after, says person.
    if (prev && L.ROLE_NOUNS.has(prev.text) && words.length <= 3) return 'PERSON';
    if (next && PERSON_VERBS.has(next.text) && words.length <= 3 && words.length >= 2) return 'PERSON';
    if (next?.text === ',' && tokens[c.last + 1] && PERSON_VERBS.has(tokens[c.last + 1].text) && words.length >= 2) return 'PERSON';
    if (words.length >= 2 && words.length <= 3 && words.every((w) => /^\p{Lu}\p{Ll}+$/u.test(w))) return 'PERSON';
    return undefined;
  }

  private fallbackType(c: Candidate, tokens: Token[]): NameType | undefined {
    const prev = tokens[c.first - 1];
    const next = tokens[c.last];
    const single = c.last - c.first === 1;
    if (next && PERSON_VERBS.has(next.text)) return 'PERSON';
    if (prev && PLACE_PREPS.has(prev.text.toLowerCase()) && single) return 'GPE';
    if (single && /(?:an|ian|ese|ish|i)$/.test(tokens[c.first].text) && next && /^\p{Ll}/u.test(next.text)) return 'NORP';
    return 'ORG';
  }
}

function spanText(tokens: Token[], first: number, last: number): string {
  return tokens.slice(first, last).map((t, i) => (i > 0 && tokens[first + i - 1].end < t.start ? ' ' : '') + t.text).join('');
}

function isKnown(word: string): boolean {
  return L.ORG_NAMES.has(word) || L.GPE_NAMES.has(word) || L.NORP_WORDS.has(word) || L.LOC_NAMES.has(word) || L.FIRST_NAMES.has(word);
}

function isNonName(surface: string): boolean {
  return L.MONTHS.has(surface) || L.WEEKDAYS.has(surface) || L.PERSON_TITLES.has(surface) || surface === 'I' ||
    L.COMMON_SENTENCE_STARTERS.has(surface) && !isKnown(surface) && surface !== 'Fed';
}

