// Speakers: finding the source mention next to a cue (a name, a pronoun or a description), telling
// anonymous sources apart ("a U.S. official", "experts", "people familiar with the matter"), and
// resolving pronouns and descriptions ("he said", "the president said") to a cluster.
import { clusterGenders, pronounGender } from './gender';
import type { Cluster, Entity } from '../types';
import type { Token } from '../tokenize';
import type { EntityTokenIndex } from '../entityIndex';
import { quoteCue, startsLower, startsUpper } from './cues';

export type TokenRange = [number, number];

export const SUBJECT_PRONOUNS = new Set(['he', 'she', 'they', 'i', 'we', 'it', 'He', 'She', 'They', 'I', 'We', 'It']);
const SKIP_LEFT = new Set(['also', 'later', 'then', 'has', 'had', 'have', 'was', 'is', 'previously', 'recently', 'reportedly', 'once', 'again', 'further', 'simply', 'bluntly', 'flatly', 'repeatedly', 'publicly', 'privately', 'only', 'just', 'already', 'even', 'still', 'often', 'would', 'will', 'did', 'does', 'do', 'not', 'never', 'long', 'first', 'last', 'in', 'on', 'at', 'earlier', 'this', 'week', 'month', 'year', 'so', 'far', 'now', 'since', 'privately', 'openly', 'may', 'might', 'could', 'can', 'should', 'must']);
const NP_STOP = new Set(`of|in|on|at|by|for|with|from|to|as|about|like|and|or|but|while|although|if|that|which|who|whom|whose|is|was|are|were|be|been|has|have|had|did|do|does|not|no|will|would|could|should|can|may|might|must|than|then|when|where|after|before|since|because|so|into|over|under|during|without|it|this`.split('|'));
/** Titles and roles written before a name: "said Sen. Tom Carper", "said Former Secretary ...". */
const TITLE_WORDS = /^(?:(?:Sen|Rep|Gov|Mr|Mrs|Ms|Dr|Gen|Lt|Col|Adm|Prof|Rev|Sgt|Capt|Maj|Supt|Atty)\.?|President|Vice|Secretary|Senator|Representative|Congressman|Congresswoman|Governor|Mayor|Chairman|Chairwoman|Speaker|Minister|Judge|Justice|Attorney|General|Ambassador|Director|Commissioner|Chief|Former|Sheriff|Professor|Leader|Rabbi|Pastor|Bishop|Father|Sister|Prime|Deputy|Assistant|Press|Spokesman|Spokeswoman|Majority|Minority|House|Senate|Democratic|Republican)$/;
export const DETS = new Set(['the', 'a', 'an', 'another', 'one', 'two', 'three', 'several', 'many', 'some', 'its', 'his', 'her', 'their', 'our', 'this', 'that', 'these', 'those']);
const NAME_TYPES = new Set(['PERSON', 'ORG', 'GPE', 'NORP', 'FAC', 'LOC', 'PRODUCT']);
const VALUE_TYPES = new Set(['DATE', 'TIME', 'PERCENT', 'MONEY', 'QUANTITY', 'ORDINAL', 'CARDINAL']);

export function isNameEntity(e: Entity | undefined): boolean {
  return e !== undefined && NAME_TYPES.has(e.type);
}

export function entitySpan(tokens: Token[], ent: Entity, k: number): TokenRange {
  let a = k, b = k;
  while (a - 1 >= 0 && tokens[a - 1].start >= ent.start) a--;
  while (b + 1 < tokens.length && tokens[b + 1].end <= ent.end) b++;
  return [a, b];
}

/** Speaker between a quotation and its cue: “…,” a senior official said / “…,” Jane Doe, an analyst, said. */
export function speakerBetween(tokens: Token[], entityAt: EntityTokenIndex, a: number, b: number): TokenRange | undefined {
  while (a <= b && tokens[a].kind === 'punct') a++;
  if (a > b) return undefined;
  // “…!” and said …: a new clause, not a speaker.
  if (NP_STOP.has(tokens[a].text.toLowerCase())) return undefined;
  // A person wins over an organisation before it: "NEA President Lily Eskelsen García said".
  for (let k = a; k <= b && k - a < 8; k++) {
    const e = entityAt.get(k);
    if (e && e.type === 'PERSON') return entitySpan(tokens, e, k);
  }
  const head = entityAt.get(a);
  if (head && isNameEntity(head)) return entitySpan(tokens, head, a);
  while (b >= a && SKIP_LEFT.has(tokens[b].text.toLowerCase())) b--;
  if (b < a || b - a > 8) return undefined;
  const ent = entityAt.get(b);
  if (ent && isNameEntity(ent)) {
    const span = entitySpan(tokens, ent, b);
    return ent.type === 'PERSON' || ent.type === 'ORG' ? span : withPrepositionHead(tokens, entityAt, span, a, NO_BLOCKS);
  }
  if (SUBJECT_PRONOUNS.has(tokens[b].text)) return [b, b];
  if (SUBJECT_PRONOUNS.has(tokens[a].text)) return [a, a];
  if (tokens[b].kind === 'word') return [a, b];
  return undefined;
}

/** Speaker after a cue: said Smith / according to Scott Kennedy of ... / said a senior official. */
export function speakerRight(tokens: Token[], entityAt: EntityTokenIndex, k: number, end: number, blocked: Int8Array): TokenRange | undefined {
  const start = k;
  // Determiners, common words, numbers ("one district leader") and titles ("Sen.") before the head.
  while (k < end && !blocked[k] && tokens[k].kind !== 'punct') {
    const ent = entityAt.get(k);
    if (isNameEntity(ent)) break;
    const w = tokens[k].text;
    if (NP_STOP.has(w.toLowerCase()) && k > start) break;
    if (!(DETS.has(w.toLowerCase()) || startsLower(w) || ent || TITLE_WORDS.test(w))) break;
    k++;
  }
  if (k < end && !blocked[k]) {
    const ent = entityAt.get(k);
    if (ent && isNameEntity(ent)) {
      const [a, b] = entitySpan(tokens, ent, k);
      if (k - start > 5) return undefined;
      // A name used as a modifier: "said one district GOP leader", "said a U.S. official".
      let h = b;
      while (ent.type !== 'PERSON' && h + 1 < end && h - b < 3 && !blocked[h + 1] && tokens[h + 1].kind === 'word' &&
             startsLower(tokens[h + 1].text) && !NP_STOP.has(tokens[h + 1].text)) h++;
      return h > b ? [start, h] : [a, b];
    }
    if (SUBJECT_PRONOUNS.has(tokens[k].text) && k === start) return [k, k];
  }
  // A common noun phrase: "said a senior official".
  if (k > start && k - start <= 6 && !NP_STOP.has(tokens[start].text.toLowerCase())) return [start, k - 1];
  return undefined;
}

/** Subject of a cue verb, scanning left from token k and skipping relative clauses, appositives and dates. */
export function speakerLeft(tokens: Token[], entityAt: EntityTokenIndex, k: number, winStart: number, blocked: Int8Array): TokenRange | undefined {
  let steps = 0;
  while (k >= winStart && steps++ < 40) {
    if (blocked[k]) { k--; continue; }
    const t = tokens[k];
    const ent = entityAt.get(k);
    if (ent && isNameEntity(ent)) {
      const span = entitySpan(tokens, ent, k);
      if (ent.type === 'PERSON' || ent.type === 'ORG') return span;
      // A place inside an appositive ("Sean Johnson, a salesman from Sumter, South Carolina, says"):
      // the person or organisation the appositive hangs on is the speaker.
      return appositiveHead(tokens, entityAt, span[0] - 1, winStart, blocked) ?? withPrepositionHead(tokens, entityAt, span, winStart, blocked);
    }
    // "52 percent said", "two said": a number as the subject.
    if (ent && (ent.type === 'PERCENT' || ent.type === 'CARDINAL')) return entitySpan(tokens, ent, k);
    if (ent && VALUE_TYPES.has(ent.type)) { k = entitySpan(tokens, ent, k)[0] - 1; continue; } // dates, times
    if (ent) return entitySpan(tokens, ent, k); // a name typed EVENT, LAW, WORK_OF_ART…
    if (SUBJECT_PRONOUNS.has(t.text)) return [k, k];
    if (t.text === ',') {
      // Skip back over ", who ... ," or an appositive ", a former adviser,".
      let j = k - 1;
      while (j >= winStart && tokens[j].text !== ',' && !blocked[j]) j--;
      if (j >= winStart && tokens[j].text === ',' && APPOSITIVE_START.has((tokens[j + 1]?.text ?? '').toLowerCase())) { k = j - 1; continue; }
      k--; continue;
    }
    if (t.kind === 'word' && (SKIP_LEFT.has(t.text.toLowerCase()) || quoteCue(tokens, k))) { k--; continue; }
    if (t.kind === 'word' && startsLower(t.text) && !NP_STOP.has(t.text)) return nounPhraseEndingAt(tokens, entityAt, k, winStart, blocked);
    // A capitalised common noun opening the sentence: "Experts warned ...".
    if (t.kind === 'word' && k === winStart && /^\p{Lu}\p{Ll}+$/u.test(t.text) && !NP_STOP.has(t.text.toLowerCase()) && !DETS.has(t.text.toLowerCase())) return [k, k];
    // A name the recognizer missed: a run of capitalised words ("The U.S. Geological Survey said").
    if (t.kind === 'word' && startsUpper(t.text) && !SUBJECT_PRONOUNS.has(t.text)) {
      let a = k;
      while (a - 1 >= winStart && !blocked[a - 1] && tokens[a - 1].kind === 'word' && startsUpper(tokens[a - 1].text) && k - a < 5) a--;
      return [a, k];
    }
    // A parenthesis after the subject: "Dianne Feinstein (D-Calif.) said".
    if (t.text === ')') {
      let j = k - 1;
      while (j >= winStart && k - j < 12 && tokens[j].text !== '(') j--;
      if (j >= winStart && tokens[j].text === '(') { k = j - 1; continue; }
    }
    return undefined;
  }
  return undefined;
}

/** Words opening a relative clause or an appositive after a comma, lower-cased. */
const APPOSITIVE_START = new Set(['who', 'which', 'whose', 'a', 'an', 'the', 'his', 'her', 'its', 'their']);

/** No token blocked (reads past the end give undefined). */
const NO_BLOCKS = new Int8Array(0);
const PP_PREPS = new Set(['in', 'from', 'at', 'of', 'for', 'across', 'around', 'outside', 'inside']);

/** A place or group inside a prepositional phrase of a common noun subject is not the speaker: "Many
 *  farmers in Iowa feel ...", "Officials in Beijing said ..." → the whole noun phrase. Otherwise the span. */
function withPrepositionHead(tokens: Token[], entityAt: EntityTokenIndex, [a, b]: TokenRange, winStart: number, blocked: Int8Array): TokenRange {
  const p = a - 1;
  const h = a - 2;
  if (h < winStart || blocked[p] || blocked[h] || !PP_PREPS.has(tokens[p].text)) return [a, b];
  const w = tokens[h].text;
  if (tokens[h].kind !== 'word' || entityAt.get(h) || NP_STOP.has(w.toLowerCase()) || SUBJECT_PRONOUNS.has(w) || quoteCue(tokens, h) || !/^\p{L}+$/u.test(w)) return [a, b];
  // A lowercase noun ("farmers"), or a capitalised one opening the sentence ("Officials").
  if (!startsLower(w) && !(h === winStart || tokens[h - 1].sentence !== tokens[h].sentence)) return [a, b];
  if (/(?:ed|ing|ly)$/.test(w)) return [a, b];
  return [startsLower(w) ? nounPhraseEndingAt(tokens, entityAt, h, winStart, blocked)[0] : h, b];
}

/** A person or organisation followed by a comma, within 20 tokens left of k. */
function appositiveHead(tokens: Token[], entityAt: EntityTokenIndex, k: number, winStart: number, blocked: Int8Array): TokenRange | undefined {
  for (let j = k, n = 0; j >= winStart && n < 20; j--, n++) {
    if (blocked[j]) return undefined;
    const e = entityAt.get(j);
    if (e && (e.type === 'PERSON' || e.type === 'ORG') && tokens[j + 1]?.text === ',') return entitySpan(tokens, e, j);
  }
  return undefined;
}

/** A common noun phrase that ends at token k: "a U.S. official", "experts", "the president". */
function nounPhraseEndingAt(tokens: Token[], entityAt: EntityTokenIndex, k: number, winStart: number, blocked: Int8Array): TokenRange {
  let a = k;
  while (a - 1 >= winStart && !blocked[a - 1] && tokens[a - 1].kind === 'word' && !NP_STOP.has(tokens[a - 1].text.toLowerCase()) &&
         (DETS.has(tokens[a - 1].text.toLowerCase()) || startsLower(tokens[a - 1].text) || entityAt.get(a - 1)) && k - a < 5) {
    a--;
    if (DETS.has(tokens[a].text.toLowerCase())) break;
  }
  // Sentence-initial determiner: "A U.S. official", "The president".
  if (a - 1 >= winStart && /^(?:A|An|The|One|Two|Three|Several|Many|Some|Other|Most)$/.test(tokens[a - 1].text) && !blocked[a - 1]) a--;
  // "people familiar with the plan", "sources close to the talks": the phrase is the source, not its object.
  if (a - 2 > winStart && /^(?:with|to|of)$/.test(tokens[a - 1].text) && /^(?:familiar|close|briefed|knowledgeable)$/i.test(tokens[a - 2].text)) {
    const h = a - 3;
    if (tokens[h].kind === 'word' && !blocked[h]) {
      if (startsLower(tokens[h].text)) return [nounPhraseEndingAt(tokens, entityAt, h, winStart, blocked)[0], k];
      if (h === winStart) return [h, k];
    }
  }
  return [a, k];
}

/** The first name or subject pronoun of the clause that ends at token `end`, or a definite noun phrase
 *  opening it ("The president noted ..."). */
export function clauseSubject(tokens: Token[], entityAt: EntityTokenIndex, start: number, end: number, blocked: Int8Array): TokenRange | undefined {
  if (/^(?:The|the)$/.test(tokens[start]?.text ?? '') && start + 1 < end && !blocked[start + 1] && !entityAt.get(start + 1)) {
    let k = start + 1;
    while (k + 1 < end && k - start < 4 && tokens[k + 1].kind === 'word' && startsLower(tokens[k + 1].text) && !NP_STOP.has(tokens[k + 1].text) && !quoteCue(tokens, k + 1)) k++;
    if (startsLower(tokens[k].text) && !NP_STOP.has(tokens[k].text)) return [start, k];
  }
  for (let k = start; k < end; k++) {
    if (blocked[k]) continue;
    const ent = entityAt.get(k);
    if (ent && (ent.type === 'PERSON' || ent.type === 'ORG')) return entitySpan(tokens, ent, k);
    if (SUBJECT_PRONOUNS.has(tokens[k].text) && tokens[k].text.toLowerCase() !== 'it') return [k, k];
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------
// Anonymous sources.

const INDEFINITE = new Set(['a', 'an', 'one', 'two', 'three', 'four', 'several', 'some', 'many', 'other', 'few', 'multiple', 'numerous', 'unnamed', 'anonymous', 'most', 'various']);
const SOURCE_NOUNS = new Set(['official', 'officials', 'source', 'sources', 'expert', 'experts', 'analyst', 'analysts', 'people', 'person', 'aide', 'aides', 'diplomat', 'diplomats', 'observers', 'critics', 'insiders', 'insider', 'economists', 'economist', 'lawmakers', 'lawmaker', 'investigators', 'investigator', 'advisers', 'adviser', 'advisors', 'advisor', 'staffers', 'staffer', 'spokesman', 'spokeswoman', 'spokesperson', 'executive', 'executives', 'witnesses', 'witness', 'residents', 'resident', 'scientists', 'researchers', 'strategists', 'strategist', 'operatives', 'operative', 'members', 'member', 'supporters', 'voters', 'republicans', 'democrats', 'insiders', 'employees', 'employee', 'agents', 'officers', 'officer', 'activists', 'someone', 'somebody']);
const ANONYMITY_WORDS = /\b(?:familiar with|anonymity|not authorized|unauthorized|unnamed|anonymous|declined to be (?:named|identified)|who asked not to be)\b/i;

/**
 * Whether a speaker mention is an anonymous source: no person or organisation name in it, and either an
 * indefinite description ("a U.S. official", "a senior banker", "several aides"), a bare plural source noun ("experts",
 * "officials"), or an explicit anonymity phrase ("people familiar with the matter"). With `text`, the 80
 * characters after the mention are searched for the phrase too (for "a source, who spoke on condition of anonymity").
 */
export function isAnonymousSource(tokens: Token[], entityAt: EntityTokenIndex, [a, b]: TokenRange, text = ''): boolean {
  for (let k = a; k <= b; k++) {
    const e = entityAt.get(k);
    // A person anywhere, or an organisation as the head ("a Reuters", not "a GOP leader"), names the source.
    if (e && (e.type === 'PERSON' || (e.type === 'ORG' && e.end >= tokens[b].end))) return false;
    if (SUBJECT_PRONOUNS.has(tokens[k].text)) return false;
  }
  const words: string[] = [];
  for (let k = a; k <= b; k++) if (tokens[k].kind === 'word') words.push(tokens[k].text.toLowerCase());
  if (words.length === 0) return false;
  // The tests are independent; the regular expressions (and the phrase they need) come last.
  const first = words[0];
  const head = words[words.length - 1];
  // An indefinite description without a name: "a senior banker", "several aides", "one official".
  if (INDEFINITE.has(first) && words.length >= 2 && !DETS.has(words[1])) return true;
  // A bare plural with no determiner: "experts believe", "officials said", "U.S. officials said".
  if (!DETS.has(first) && SOURCE_NOUNS.has(head) && head.endsWith('s') && head !== 'people' || (words.length === 1 && first === 'people')) return true;
  return ANONYMITY_WORDS.test(words.join(' ')) || (text !== '' && ANONYMITY_WORDS.test(text.slice(tokens[b].end, tokens[b].end + 80)));
}

// ---------------------------------------------------------------------------------------------------
// Resolution of pronouns and descriptions, in one left-to-right pass over the entities.

export interface SpeakerRequest {
  /** Offset of the speaker mention: only entities ending before it are antecedents. */
  at: number;
  /** A single pronoun ("he") or the head word of a description ("president" for "the president"). */
  pronoun?: string;
  head?: string;
  /** The cluster of the previous speaker, used for "I"/"we" and when nothing better is found. */
  previous?: number;
  resolve(cluster: number): void;
}

const HEAD_OF = (text: string): string | undefined => {
  const m = /([\p{L}-]+)\W*$/u.exec(text);
  return m ? singular(m[1].toLowerCase()) : undefined;
};

function singular(w: string): string {
  return w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w;
}

/** The head word a description speaker is matched on ("the former president" → "president"); undefined
 *  when the mention is not a definite description ("the"/"this"/possessive + noun). */
export function descriptionHead(tokens: Token[], [a, b]: TokenRange): string | undefined {
  const first = tokens[a].text.toLowerCase();
  if (first !== 'the' && first !== 'this' && first !== 'that' && first !== 'his' && first !== 'her' && first !== 'its' && first !== 'their') return undefined;
  if (b === a) return undefined;
  return HEAD_OF(tokens[b].text);
}

/**
 * Resolves all requests in one pass: requests sorted by offset, entities walked once. A pronoun takes
 * the most recent earlier mention of a compatible type (he/she: a person; they/it: an organisation,
 * country or group); "I"/"we" take the previous speaker. A description takes the most recently
 * mentioned cluster having a descriptor with the same head word ("the president" → a cluster described
 * as "President"); nothing is guessed when no cluster has one.
 */
export function resolveSpeakers(requests: SpeakerRequest[], entities: Entity[], clusters: Cluster[], text?: string): void {
  if (requests.length === 0) return;
  // "he"/"she" skip persons the text marks as the other gender (computed only when a pronoun asks).
  const genders = text !== undefined && requests.some((r) => r.pronoun && pronounGender(r.pronoun))
    ? clusterGenders(text, entities, clusters) : undefined;
  /** Person clusters in order of their latest mention before the current request (latest last). */
  const persons: number[] = [];
  const byHead = new Map<string, number[]>();
  // Descriptors are indexed only when a description asks for one.
  if (requests.some((r) => r.head)) for (const c of clusters) {
    for (const d of c.descriptors) {
      if (d.kind === 'of-phrase') continue;
      const h = HEAD_OF(d.text);
      if (!h) continue;
      const list = byHead.get(h) ?? [];
      if (!list.includes(c.id)) list.push(c.id);
      byHead.set(h, list);
    }
  }
  /** Offset of each cluster's latest mention so far, by cluster id (a hole: none yet). */
  const lastSeen: number[] = [];
  let lastPerson: number | undefined;
  let lastGroup: number | undefined;
  let i = 0;
  for (const r of requests.slice().sort((x, y) => x.at - y.at)) {
    for (; i < entities.length && entities[i].end <= r.at; i++) {
      const e = entities[i];
      if (e.cluster === undefined) continue;
      lastSeen[e.cluster] = e.start;
      if (e.type === 'PERSON') {
        lastPerson = e.cluster;
        if (genders && persons[persons.length - 1] !== e.cluster) {
          const at = persons.indexOf(e.cluster);
          if (at >= 0) persons.splice(at, 1);
          persons.push(e.cluster);
        }
      }
      else if (e.type === 'ORG' || e.type === 'GPE' || e.type === 'NORP') lastGroup = e.cluster;
    }
    let found: number | undefined;
    if (r.pronoun) {
      const w = r.pronoun.toLowerCase();
      if (w === 'i' || w === 'we') found = r.previous;
      else if (w === 'he' || w === 'she') {
        const g = genders ? pronounGender(w) : undefined;
        if (g === undefined) found = lastPerson ?? r.previous;
        else {
          const fits = (c: number | undefined) => c !== undefined && genders!.get(c) !== (g === 'm' ? 'f' : 'm');
          for (let k = persons.length - 1; k >= 0 && found === undefined; k--) if (fits(persons[k])) found = persons[k];
          if (found === undefined && fits(r.previous)) found = r.previous;
        }
      }
      else found = lastGroup ?? r.previous;
    } else if (r.head) {
      let best = -1;
      for (const c of byHead.get(r.head) ?? []) {
        const seen = lastSeen[c] ?? -1;
        if (seen > best) { best = seen; found = c; }
      }
    }
    if (found !== undefined) r.resolve(found);
  }
}
