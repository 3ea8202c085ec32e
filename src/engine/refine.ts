// Refines coarse CoNLL labels (PER/ORG/LOC/MISC) from a recognizer to OntoNotes name types, and name
// mentions to the spans the conventions mark.
import type { NameMention } from './recognizer';
import { isSpace, type Token } from './tokenize';
import { sortByStart, type Entity, type NameType } from './types';
import { givenNameGender } from './givenNames';
import * as L from './wordLists';

/** Last words that make a phrase an organisation even when the recognizer called it MISC. */
const STRONG_ORG_HEADS = new Set(['Cooperation', 'Organization', 'Organisation', 'Association', 'Council', 'Committee', 'Commission', 'Agency', 'Ministry', 'Department', 'Institute', 'Corporation', 'Inc', 'Inc.', 'Ltd', 'Ltd.', 'Bank', 'Fund']);
/** Well-known organisation names that are also buildings or places, which the recognizer may rightly call a place. */
const ORG_OR_PLACE = new Set(['White House', 'Pentagon', 'Kremlin', 'Downing Street', 'Elysee', 'Vatican', 'Congress', 'Parliament', 'Senate', 'Oxford', 'Cambridge', 'Columbia']);

/** Well-known organisation names that are also market indices, which the recognizer may rightly call MISC. */
const ORG_OR_INDEX = new Set(['Dow Jones', 'Nasdaq', 'S&P', 'Standard & Poor\'s', 'Nikkei', 'FTSE', 'Hang Seng']);

const DEMONYM_RE = /(?:an|ans|ian|ians|ese|ish|i|is|ic|ch|sh)$/;

/** The pipeline's names from the recognizer's mentions: OntoNotes types, sorted by start, then the
 *  corrections told by the names themselves (persons, person spans, periods at line ends). */
export function namesFromMentions(text: string, mentions: NameMention[]): Entity[] {
  const names: Entity[] = [];
  for (let i = 0; i < mentions.length; i++) {
    const m = withoutArticle(text, mentions[i]);
    const surface = text.slice(m.start, m.end);
    const type: NameType = refineType(m, surface, text);
    names.push({ start: m.start, end: m.end, text: surface, type });
  }
  sortByStart(names);
  retypePersonsByName(text, names);
  adjustPersonSpans(text, names);
  trimLineFinalPeriods(text, names);
  return names;
}

export function refineType(mention: NameMention, surface: string, text: string): NameType {
  const label = mention.label;
  if (label !== 'PER' && label !== 'ORG' && label !== 'LOC' && label !== 'MISC') return label;
  // A well-known organisation keeps its type whatever the recognizer guessed ("Wells Fargo" is not
  // the city of Fargo), unless the name is also a place or a group, or is also a market index and the
  // recognizer said MISC ("the Dow Jones industrial average", "the Nasdaq composite").
  if (label !== 'ORG' && !(label === 'MISC' && ORG_OR_INDEX.has(surface)) && L.ORG_NAMES.has(surface) && !ORG_OR_PLACE.has(surface) && !L.GPE_NAMES.has(surface) && !L.LOC_NAMES.has(surface) && !L.NORP_WORDS.has(surface)) return 'ORG';
  switch (label) {
    case 'PER':
      return 'PERSON';
    case 'ORG':
      return 'ORG';
    case 'LOC': {
      if (L.LOC_NAMES.has(surface)) return 'LOC';
      if (L.GPE_NAMES.has(surface)) return 'GPE';
      const words = splitSpaces(surface), lastW = words[words.length - 1], firstW = words[0];
      if (words.length > 1 && L.FAC_SUFFIXES.has(lastW)) return 'FAC';
      if (words.length > 1 && L.LOC_SUFFIXES.has(lastW) && !L.GPE_SUFFIXES.has(lastW)) return 'LOC';
      if (/^(?:North|South|East|West|Central|Northern|Southern|Eastern|Western)$/.test(firstW) && words.length > 1 && !L.GPE_NAMES.has(words.slice(1).join(' '))) return 'LOC';
      return 'GPE';
    }
    case 'MISC': {
      if (L.NORP_WORDS.has(surface) || L.NORP_WORDS.has(surface.replace(/s$/, ''))) return 'NORP';
      const words = splitSpaces(surface), lastW = words[words.length - 1];
      if (L.LANGUAGE_WORDS.has(surface) && /\b(?:in|speak|speaks|speaking|spoke|into|language|translated)\s*$/i.test(text.slice(Math.max(0, mention.start - 20), mention.start))) return 'LANGUAGE';
      if (words.length > 1 && STRONG_ORG_HEADS.has(lastW)) return 'ORG';
      if (words.length > 1 && L.EVENT_WORDS.has(lastW)) return 'EVENT';
      if (/\b(?:War|Olympics|Cup|Championships?|Games|Open|Summit)\b/.test(surface)) return 'EVENT';
      if (words.length > 1 && L.LAW_WORDS.has(lastW)) return 'LAW';
      if (L.PRODUCT_WORDS.has(surface) || /\d/.test(surface)) return 'PRODUCT';
      if (/^["“']/.test(text.slice(mention.start - 1, mention.start))) return 'WORK_OF_ART';
      if (words.length === 1 && DEMONYM_RE.test(surface)) return 'NORP';
      if (words.length > 1 && words.some((w) => L.NORP_WORDS.has(w)) && DEMONYM_RE.test(lastW)) return 'NORP';
      if (words.length > 1) return 'EVENT';
      return 'NORP';
    }
  }
}

/** surface.split(/\s+/) without the regex: the pieces between runs of white space (isSpace is /\s/). */
function splitSpaces(s: string): string[] {
  const words: string[] = [];
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    if (!isSpace(s.charCodeAt(i))) continue;
    words.push(s.slice(from, i));
    while (i + 1 < s.length && isSpace(s.charCodeAt(i + 1))) i++;
    from = i + 1;
  }
  words.push(s.slice(from));
  return words;
}

/** Words after a courtesy title that make a form of address, not a name ("Mr. President"). */
const ADDRESS_FORMS = new Set(['President', 'Speaker', 'Chairman', 'Chairwoman', 'Secretary', 'Mayor', 'Ambassador', 'Justice', 'Prime', 'Vice', 'Chief', 'Leader']);
/** Courtesy titles that only ever stand before a person's name. */
const COURTESY_TITLES = new Set(['Mr.', 'Mrs.', 'Ms.', 'Mr', 'Mrs', 'Ms', 'Messrs.', 'Mme.', 'Mme', 'Mlle.']);

/**
 * "Mr. Ferrand", "Mrs Dalton-Smith": the capitalised words right after a courtesy title are a person's
 * name, whatever the recognizer made of them (an unknown surname in a short text is easily taken for
 * an organisation or a place, or missed). A mention starting there is relabelled PER (one starting at the
 * title loses the title); where no mention
 * covers the words, a PER mention of up to three capitalised words is added. Mentions that start
 * elsewhere and cover the words are left alone. Returns the mentions sorted by start.
 */
export function titledPersons(text: string, tokens: Token[], mentions: NameMention[]): NameMention[] {
  // Most texts have no courtesy title at all.
  if (text.indexOf('Mr') < 0 && text.indexOf('Ms') < 0 && text.indexOf('Mme') < 0 && text.indexOf('Mlle') < 0 && text.indexOf('Messrs') < 0) return mentions;
  let out: NameMention[] | undefined;
  let mi = 0;
  const sorted = mentions.slice().sort((a, b) => a.start - b.start);
  for (let k = 0; k + 1 < tokens.length; k++) {
    if (!COURTESY_TITLES.has(tokens[k].text)) continue;
    const first = tokens[k + 1];
    // "Mr. President", "Madam Speaker": a form of address, not a name.
    if (first.kind !== 'word' || !/^\p{Lu}\p{Ll}/u.test(first.text) || L.PERSON_TITLES.has(first.text.toLowerCase()) || ADDRESS_FORMS.has(first.text)) continue;
    while (mi < sorted.length && sorted[mi].end <= first.start) mi++;
    const m = sorted[mi];
    // A mention that takes in the title ("Ms. Le Pen" as a place): the name without the title, a person.
    if (m && m.start === tokens[k].start && m.end > first.start) {
      (out ??= sorted)[mi] = { ...m, start: first.start, label: 'PER' };
      continue;
    }
    if (m && m.start === first.start) {
      if (m.label !== 'PER' && (m.label === 'ORG' || m.label === 'LOC' || m.label === 'MISC')) (out ??= sorted)[mi] = { ...m, label: 'PER' };
      continue;
    }
    if (m && m.start < first.end) continue; // covered by a mention that starts before: leave it
    let last = k + 1;
    while (last + 1 < tokens.length && last - k < 3 && tokens[last + 1].kind === 'word' && /^\p{Lu}\p{Ll}/u.test(tokens[last + 1].text) &&
      !tokens[last + 1].lineStart && (!m || tokens[last + 1].start < m.start)) last++;
    (out ??= sorted).push({ start: first.start, end: tokens[last].end, label: 'PER' });
  }
  if (!out) return mentions;
  return out.sort((a, b) => a.start - b.start);
}

/** Nouns for people that an apposition after a name can end with: "Valeska Paris, an Australian woman". */
const HUMAN_NOUNS = new Set([...L.ROLE_NOUNS, 'woman', 'man', 'girl', 'boy', 'mother', 'father', 'wife', 'husband', 'daughter', 'son',
  'resident', 'student', 'activist', 'member', 'citizen', 'teenager', 'veteran', 'pilot', 'actor', 'actress', 'singer', 'writer',
  'author', 'artist', 'player', 'coach', 'candidate', 'politician', 'businessman', 'businesswoman', 'entrepreneur', 'professor',
  'teacher', 'doctor', 'nurse', 'scientist', 'researcher', 'engineer', 'priest', 'pastor', 'rabbi', 'imam', 'farmer', 'worker']);

const CLAUSE_VERBS = new Set(['said', 'says', 'told', 'tells', 'added', 'adds', 'wrote', 'writes', 'noted', 'explained', 'argued', 'confirmed',
  'announced', 'reported', 'stated', 'declined', 'did', 'does', 'is', 'was', 'has', 'had', 'will', 'would', 'could']);
const PREPOSITIONS = ['of', 'from', 'in', 'at', 'for', 'with', 'on', 'to', 'by', 'over', 'about', 'against', 'under', 'after', 'before',
  'since', 'during', 'between', 'into', 'than', 'like', 'as', 'near', 'across', 'through'];
const PHRASE_ENDS = new Set([...PREPOSITIONS, 'who', 'that', 'which', 'and', 'whose', ...CLAUSE_VERBS]);
const AFTER_PREPOSITION = new RegExp(`\\b(?:${PREPOSITIONS.join('|')})\\s+(?:(?:the|a|an|\\d+\\w*)\\s+)*$`, 'i');

/** Whether the name at offset i follows a preposition ("Chuck Schumer of New York, the future leader":
 *  an apposition after it is about the earlier noun). */
function afterPreposition(text: string, i: number): boolean {
  return AFTER_PREPOSITION.test(text.slice(Math.max(0, i - 30), i));
}

/** Whether ", a/an/the … <person noun>" (the noun phrase's head a noun for people) follows offset i. */
function humanApposition(text: string, i: number): boolean {
  // The regex needs spaces after the comma, then "a", "an" or "the": most commas fail at once.
  let j = i + 1;
  while (isSpace(text.charCodeAt(j))) j++;
  if (j === i + 1 || (text.charCodeAt(j) !== 97 /* a */ && text.charCodeAt(j) !== 116 /* t */)) return false;
  const m = /^,\s+(?:a|an|the)\s+((?:[\p{L}'’-]+\s+){0,4}[\p{L}'’-]+)/u.exec(text.slice(i, i + 80));
  if (!m) return false;
  // The head of the noun phrase: its last word before a preposition or relative pronoun.
  const words = m[1].split(/\s+/);
  const stop = words.findIndex((w) => PHRASE_ENDS.has(w));
  // ", a spokesman said": the noun phrase starts a new clause, it is not about the name.
  if (stop >= 0 && CLAUSE_VERBS.has(words[stop])) return false;
  const head = words[(stop < 0 ? words.length : stop) - 1];
  return head !== undefined && HUMAN_NOUNS.has(head);
}

/** Capitalised words that end names of things, not of people ("Sharon Statement", "Warren Commission"). */
const NOT_SURNAMES = new Set([...L.ORG_SUFFIXES, ...L.LAW_WORDS, ...L.EVENT_WORDS, ...L.FAC_SUFFIXES, ...L.LOC_SUFFIXES,
  'Statement', 'Doctrine', 'Plan', 'Report', 'Prize', 'Award', 'Awards', 'Foundation', 'Institute', 'Center', 'Centre', 'Fund', 'Trust']);

/** /^\p{Lu}\p{Ll}+$/u.test(w), the regex only for words with a non-ASCII character. */
function isCapitalisedWord(w: string): boolean {
  const c = w.charCodeAt(0);
  if (w.length < 2 || c >= 128) return /^\p{Lu}\p{Ll}+$/u.test(w);
  if (c < 65 || c > 90) return false;
  for (let i = 1; i < w.length; i++) {
    const d = w.charCodeAt(i);
    if (d >= 128) return /^\p{Lu}\p{Ll}+$/u.test(w);
    if (d < 97 || d > 122) return false;
  }
  return true;
}

/**
 * Retypes, in place, the persons the tagger typed as something else, told by their names (names sorted):
 * - any name followed by an apposition about a person ("Paris Vance, an American lawyer") → PERSON;
 * - two words, a Cantonese or Taiwanese romanised name (surname, hyphenated given name: "Leung
 *   Kwok-hung") → PERSON;
 * - two words, a common given name then a plain capitalised word ("Nick Moreau" after "Image:", "Phil
 *   Babb"), typed ORG or a place, and not a known organisation or place → PERSON;
 * - one word typed a place, organisation or group that is the surname of a person named in full in the
 *   same article (given name first, or confirmed by an apposition: "Vance" after "Paris Vance, an
 *   American lawyer") → PERSON.
 */
export function retypePersonsByName(text: string, names: Entity[]): void {
  let surnames: Set<string> | undefined;
  for (const e of names) {
    let confirmed = false;
    if (e.type !== 'PERSON' && text.charCodeAt(e.end) === 44 && e.text.includes(' ') && humanApposition(text, e.end) && !afterPreposition(text, e.start)) {
      e.type = 'PERSON'; confirmed = true;
    }
    if (e.type !== 'PERSON') {
      const sp = e.text.indexOf(' ');
      if (sp > 0 && (e.type === 'ORG' || e.type === 'GPE' || e.type === 'LOC') && e.text.indexOf(' ', sp + 1) < 0) {
        const first = e.text.slice(0, sp), last = e.text.slice(sp + 1);
        if (givenNameGender(first) !== undefined && !L.GPE_NAMES.has(first) && isCapitalisedWord(last) && !NOT_SURNAMES.has(last) &&
            !L.ORG_NAMES.has(e.text) && !L.GPE_NAMES.has(e.text) && !L.LOC_NAMES.has(e.text)) e.type = 'PERSON';
        // A Cantonese or Taiwanese romanised name: surname, then a hyphenated given name ("Leung Kwok-hung").
        else if (/^\p{Lu}\p{Ll}{1,5}$/u.test(first) && /^\p{Lu}\p{Ll}{1,5}-\p{Ll}{2,6}$/u.test(last)) e.type = 'PERSON';
      }
    }
    // Surnames only from names that start with a given name: "Valeska Paris" yes, a mis-tagged
    // "Donald Trump Twitter" no.
    if (e.type === 'PERSON') {
      const sp = e.text.lastIndexOf(' ');
      const last = e.text.slice(sp + 1);
      if (sp > 0 && isCapitalisedWord(last) && (confirmed || givenNameGender(e.text.slice(0, e.text.indexOf(' '))) !== undefined)) (surnames ??= new Set()).add(last);
    }
  }
  if (surnames === undefined) return;
  for (const e of names) {
    if ((e.type === 'GPE' || e.type === 'LOC' || e.type === 'ORG' || e.type === 'NORP') && !e.text.includes(' ') && surnames.has(e.text) && !L.ORG_NAMES.has(e.text)) e.type = 'PERSON';
  }
}

/** An organisation's name without a leading "The" ("told The Huffington Post" → "Huffington Post"), as
 *  CoNLL, OntoNotes and GUM all mark names; one-word rests ("The Hill") keep it. */
export function withoutArticle(text: string, m: NameMention): NameMention {
  if (m.label !== 'ORG' || m.end - m.start < 6 || !text.startsWith('The', m.start)) return m;
  const rest = /^The\s+(?=\S+\s+\S)/.exec(text.slice(m.start, Math.min(m.end, m.start + 40)));
  return rest ? { ...m, start: m.start + rest[0].length } : m;
}

/** "Claudia Mo of Civic Party" tagged as one name: a person (a given name and a surname) "of" an
 *  organisation or place is two names, the person's and the organisation's. Mentions stay in order. */
export function splitPersonOf(text: string, mentions: NameMention[]): NameMention[] {
  let out: NameMention[] | undefined;
  // The first ' of ' at or after the mention's start, searched again only when the mention has passed it
  // (the tagger's mentions come in text order, so the text is scanned about once, not once per mention).
  let of = -2, ofFrom = 0;
  for (let i = 0; i < mentions.length; i++) {
    const m = mentions[i];
    if (of === -2 || m.start < ofFrom || (of >= 0 && of < m.start)) { of = text.indexOf(' of ', m.start); ofFrom = m.start; }
    const r = (m.label === 'ORG' || m.label === 'LOC' || m.label === 'MISC') && of >= 0 && of < m.end
      ? /^(\p{Lu}\p{Ll}+\s+\p{Lu}[\p{L}'’-]+)\s+of\s+(?:the\s+)?(?=\p{Lu})/u.exec(text.slice(m.start, Math.min(m.end, m.start + 80)))
      : null;
    if (r && m.start + r[0].length < m.end && givenNameGender(r[1].slice(0, r[1].search(/\s/))) !== undefined) {
      out ??= mentions.slice(0, i);
      out.push({ start: m.start, end: m.start + r[1].length, label: 'PER' }, { ...m, start: m.start + r[0].length });
    } else if (out) out.push(m);
  }
  return out ?? mentions;
}

/** Page furniture: words of web-page chrome (datelines, share widgets, credits) that are never part of
 *  a name. Checked on CoNLL-2003 train and dev, GUM (all genres), UNER EWT and PolNeAR dev: no gold name
 *  has one of these as a whole word. */
const FURNITURE = new Set(['Published', 'Updated', 'Posted', 'Advertisement', 'Share', 'Tweet', 'Subscribe', 'Comments',
  'Photo', 'Photograph', 'Reprints', 'Sponsored', 'Newsletter']);

/** "Canada Published North America Politics", "Updated Tuesday": a name that runs over page furniture
 *  is cut there; the furniture word leaves the name and each rest stays a name of the recognizer's type
 *  (a rest that is a known country or place becomes a place). Mentions stay in order. */
export function withoutFurniture(text: string, mentions: NameMention[]): NameMention[] {
  let out: NameMention[] | undefined;
  for (let i = 0; i < mentions.length; i++) {
    const m = mentions[i];
    const surface = text.slice(m.start, m.end);
    const words = /\S+/g;
    const pieces: NameMention[] = [];
    let cut = false, from = -1, to = -1;
    for (let w = words.exec(surface); w; w = words.exec(surface)) {
      if (FURNITURE.has(w[0])) {
        cut = true;
        if (from >= 0) pieces.push({ ...m, start: m.start + from, end: m.start + to });
        from = -1;
      } else {
        if (from < 0) from = w.index;
        to = w.index + w[0].length;
      }
    }
    if (!cut) { if (out) out.push(m); continue; }
    if (from >= 0) pieces.push({ ...m, start: m.start + from, end: m.start + to });
    out ??= mentions.slice(0, i);
    for (const p of pieces) {
      const rest = text.slice(p.start, p.end);
      out.push(L.GPE_NAMES.has(rest) || L.LOC_NAMES.has(rest) ? { ...p, label: 'LOC' } : p);
    }
  }
  return out ?? mentions;
}

/** "Photo by Mark Wilson/Getty Images": the credit convention photographer/agency. A capitalised run
 *  right after a person and a slash, up to the end of the line, is the agency, an organisation, when the
 *  recognizer found no name there. Mentions stay in order. */
export function creditAgencies(text: string, mentions: NameMention[]): NameMention[] {
  let out: NameMention[] | undefined;
  for (let i = 0; i < mentions.length; i++) {
    const m = mentions[i];
    out?.push(m);
    if (m.label !== 'PER' || text.charCodeAt(m.end) !== 47 /* / */) continue;
    const run = /^\/(\p{Lu}[\p{L}&.'’-]*(?: \p{Lu}[\p{L}&.'’-]*){0,3})[ \t]*(?:\r?\n|$)/u.exec(text.slice(m.end, m.end + 80));
    if (!run) continue;
    const start = m.end + 1, end = start + run[1].length;
    const next = mentions[i + 1];
    if (next && next.start < end) continue;
    out ??= mentions.slice(0, i + 1);
    out.push({ start, end, label: 'ORG' });
  }
  return out ?? mentions;
}

/** The last word of an organisation's name cut at "and" by the tagger: an adjective ("Center for
 *  Strategic" + "International Studies"). */
const ADJECTIVE_END = /\s\p{Lu}\p{Ll}+(?:ic|al|ive|ary|ous)$/u;

/** Two organisation names joined by " and ", the first of the shape "X of/for ADJECTIVE": one name cut
 *  in two by the tagger ("Center for Strategic and International Studies", "Institute of Electrical and
 *  Electronics Engineers", "School of Industrial and Systems Engineering"). A name does not end in an
 *  adjective. Checked on every gold name set (CoNLL-2003 train and dev, GUM's 16 genres, UNER dev and
 *  test): no two gold names stand in that shape, one gold UNER name has it ("School of Industrial and
 *  Systems Engineering"). */
export function joinedAcrossAnd(text: string, mentions: NameMention[]): NameMention[] {
  let out: NameMention[] | undefined;
  for (let i = 0; i < mentions.length; i++) {
    const a = mentions[i], b = mentions[i + 1];
    if (b && a.label === 'ORG' && b.label === 'ORG' && text.slice(a.end, b.start) === ' and ') {
      const first = text.slice(a.start, a.end);
      if (/\s(?:of|for)\s/.test(first) && ADJECTIVE_END.test(first)) {
        out ??= mentions.slice(0, i);
        out.push({ start: a.start, end: b.end, label: 'ORG' });
        i++;
        continue;
      }
    }
    out?.push(a);
  }
  return out ?? mentions;
}

/** Words that can start a two-word place name before "-based": "St. Louis-based", "New York-based". */
const PLACE_PREFIXES = new Set(['St.', 'St', 'Saint', 'New', 'San', 'Santa', 'Los', 'Las', 'Hong', 'Kuala', 'Rio', 'Sao', 'Buenos', 'Tel', 'Abu',
  'Cape', 'Port', 'Fort', 'Mount', 'Lake', 'North', 'South', 'East', 'West', 'Northern', 'Southern', 'Eastern', 'Western', 'Upper', 'Lower', 'Kansas', 'Salt', 'Sri', 'El', 'La', 'Le', 'Hamilton', 'Costa', 'Puerto']);
const COMPOUND = /(?<![\p{L}\p{N}'’.-])(\p{Lu}[\p{L}'’]*\.?)-(?:based|born|owned|controlled|led|backed|made|origin|listed|registered|run|bound)\b|(?<![\p{L}-])(?:Pro|Anti|pro|anti)-\p{Lu}[\p{L}'’]*/gu;

/**
 * "Ontario-based", "St. Louis-based", "Indonesian-origin", "pro-Moscow": a name fused into an adjective is
 * one MISC name, as CoNLL marks it (and not a person or an organisation with the noun after it:
 * "Ontario-based Magna" is the compound and the company). Mentions overlapping the compound are cut
 * back to what lies after it (an organisation when the tagger called the whole a person) or dropped.
 */
export function fusedNames(text: string, mentions: NameMention[]): NameMention[] {
  if (!mayHaveCompound(text) || !/-[a-z]/.test(text)) return mentions;
  const compounds: [number, number][] = [];
  COMPOUND.lastIndex = 0;
  for (let m = COMPOUND.exec(text); m; m = COMPOUND.exec(text)) {
    let start = m.index;
    // A two-word place: "St. Louis-based".
    const before = /(\S+)\s$/.exec(text.slice(Math.max(0, start - 8), start));
    if (before && PLACE_PREFIXES.has(before[1])) start -= before[0].length;
    compounds.push([start, m.index + m[0].length]);
  }
  if (compounds.length === 0) return mentions;
  // One pass over both sorted lists: mentions clear of every compound stay; one overlapping a
  // compound keeps only what follows it inside the mention.
  const sorted = mentions.slice().sort((a, b) => a.start - b.start);
  const out: NameMention[] = compounds.map(([start, end]) => ({ start, end, label: 'MISC' }));
  let c = 0;
  for (const x of sorted) {
    while (c < compounds.length && compounds[c][1] <= x.start) c++;
    let cut = -1;
    for (let k = c; k < compounds.length && compounds[k][0] < x.end; k++) cut = compounds[k][1];
    if (cut < 0) { out.push(x); continue; }
    if (x.end > cut) {
      const rest = /^\s+/.exec(text.slice(cut, x.end));
      if (rest) out.push({ ...x, start: cut + rest[0].length, label: x.label === 'PER' ? 'ORG' : x.label });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** The words after the hyphen in the first alternative of COMPOUND. */
const COMPOUND_WORDS = ['based', 'born', 'owned', 'controlled', 'led', 'backed', 'made', 'origin', 'listed', 'registered', 'run', 'bound'];

/** Whether some hyphen could be the one of a COMPOUND match: followed by one of its words, or right
 *  after "Pro", "pro", "Anti" or "anti". Most texts have none, and this scan costs far less than the
 *  regular expression. */
function mayHaveCompound(text: string): boolean {
  for (let h = text.indexOf('-'); h >= 0; h = text.indexOf('-', h + 1)) {
    // Their first letters: b, o, c, l, m, r.
    const c = text.charCodeAt(h + 1);
    if (c === 98 || c === 111 || c === 99 || c === 108 || c === 109 || c === 114) {
      for (const w of COMPOUND_WORDS) if (text.startsWith(w, h + 1)) return true;
    }
    if (h >= 3 && (text.startsWith('Pro', h - 3) || text.startsWith('pro', h - 3))) return true;
    if (h >= 4 && (text.startsWith('Anti', h - 4) || text.startsWith('anti', h - 4))) return true;
  }
  return false;
}

const ROYAL = /\b(?:King|Queen|Pope|Emperor|Empress|Tsar|Czar|Kaiser|Sultan|Shah|Prince|Princess)\s+$/;
/** Months that are not also given names (April, May, June, August, Jan are), weekdays, titles. */
const LEADING_NOT_NAME = new Set(['January', 'February', 'March', 'July', 'September', 'October', 'November', 'December',
  'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday', 'Cardinal', 'Lieutenant-Colonel', 'Lieutenant-General', 'Major-General', 'Brigadier-General',
  'Vice-Admiral', 'Rear-Admiral', 'Field-Marshal', 'Air-Marshal']);

/**
 * Adjusts, in place, person spans to the conventions (names sorted, non-overlapping):
 * - regnal numbers belong to the name: "Elizabeth I", "Baudouin I", "Henry VIII";
 * - a month, weekday or title the tagger took in is not part of it: "in March Kaczmarek cancelled",
 *   "Lieutenant-Colonel Max Marriner", "Cardinal Wolsey";
 * - a nickname in quotation marks joins the given name and surname around it: Hector "Macho" Camacho
 *   (the two names become one).
 */
export function adjustPersonSpans(text: string, names: Entity[]): void {
  for (let i = 0; i < names.length; i++) {
    const e = names[i];
    if (e.type !== 'PERSON') continue;
    // Leading month, weekday or title.
    for (let sp = e.text.indexOf(' '); sp > 0 && LEADING_NOT_NAME.has(e.text.slice(0, sp)); sp = e.text.indexOf(' ')) {
      e.start += sp + 1; e.text = e.text.slice(sp + 1);
    }
    // Regnal number.
    const after = text.slice(e.end, e.end + 8);
    const roman = / (I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII|XIII|XIV|XV|XVI)(?![\p{L}\p{N}'’])/u.exec(after);
    if (roman && roman.index === 0 && !e.text.includes(' ') && (roman[1] !== 'I' || ROYAL.test(text.slice(Math.max(0, e.start - 12), e.start)) ||
        /^ I (?:born|became|was|of|died|and|[,.;])/.test(text.slice(e.end, e.end + 10))) && (names[i + 1]?.start ?? Infinity) >= e.end + roman[0].length) {
      e.end += roman[0].length; e.text = text.slice(e.start, e.end);
    }
    // Nickname in quotation marks between two parts of the name.
    const next = names[i + 1];
    if (next && next.type === 'PERSON' && next.start > e.end) {
      const gap = text.slice(e.end, next.start);
      if (/^ ["“][\p{L} .'’-]{1,30}["”] $/u.test(gap) && !e.text.includes(' ') && !next.text.includes(' ')) {
        e.end = next.end; e.text = text.slice(e.start, e.end);
        names.splice(i + 1, 1);
      }
    }
  }
}

/** Trims, in place, the abbreviation's period off a name at the end of a line ("in the U.S.\n", "Lear
 *  Corp.\n", "McDonald & Co.\"\n"): the period ends the sentence, as CoNLL's tokenization has it;
 *  mid-line, the period stays ("the U.S. Open", "Lear Corp. said"). */
export function trimLineFinalPeriods(text: string, names: Entity[]): void {
  for (const e of names) {
    if (e.text.length < 3 || !e.text.endsWith('.')) continue;
    // The end of a line, or a closing quotation mark at the end of a line ("… & Co.\"\n").
    let k = e.end;
    const q = text.charCodeAt(k);
    if (q === 34 || q === 0x201d || q === 39 || q === 0x2019) k++;
    const next = text.charCodeAt(k);
    if (k < text.length && next !== 10 && next !== 13) continue;
    e.end -= 1; e.text = e.text.slice(0, -1);
  }
}
