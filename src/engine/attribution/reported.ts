// Reported speech: attributions whose content is not (only) inside quotation marks.
//   X said (that) ... / X told reporters that ... / X has reported that ... / X confirmed/denied/warned ...
//   ..., X said.  /  ..., said X.  /  ..., X warned, ...   (the attribution after or inside the content)
//   According to X, ...  /  ..., according to X.
//   ... seemed / appears / is expected to ...   (no stated source)
//   Ryan: FBI decision defies explanation / TAPPER: Take a listen.   (a line opening with its source)
// A sentence with quoted fragments inside its reported clause is `mixed`; without any, `indirect`.
// Quoted utterances and their attribution clauses are left to the direct-quote finder; the rest of
// their sentence is searched like any other. Each stretch is scanned left to right, a few times at most.
import type { Token } from '../tokenize';
import type { EntityTokenIndex } from '../entityIndex';
import type { QuoteScan } from './scan';
import {
  ADDRESS_VERBS, CUE_ACCORDING, CUE_ASKED, CUE_NOUN, CUE_REPORT, CUE_SOURCELESS, NOUN_LIKE, PARTICIPLES, cueFlags, lower, reportCue, sourcelessCue, startsLower, startsUpper,
} from './cues';
import { DETS, SUBJECT_PRONOUNS, clauseSubject, entitySpan, speakerBetween, speakerLeft, speakerRight, type TokenRange } from './speaker';

export interface ReportedSpeech {
  cue: TokenRange;
  speaker?: TokenRange;
  /** Content token ranges (inclusive); two when the attribution interrupts the content. */
  segments: TokenRange[];
  /** True when a quoted fragment lies inside the content. */
  mixed: boolean;
  /** Share of the content's word characters inside quotation marks (0 when not mixed). */
  quoted?: number;
}

const OBJECT_WORDS = new Set(['him', 'her', 'them', 'me', 'us', 'you', 'reporters', 'journalists', 'supporters', 'voters', 'lawmakers', 'members', 'viewers', 'listeners', 'congress', 'the', 'a', 'an', 'his', 'their', 'its', 'our']);
/** /^[.!?;:]$/ */
const isSentenceEnd = (w: string): boolean => w === '.' || w === '!' || w === '?' || w === ';' || w === ':';
/** /^(?:and|but|or)$/ */
const isAndButOr = (w: string): boolean => w === 'and' || w === 'but' || w === 'or';
/** Words before "asked" that make it the question of an attribution ("When asked about X, …"), lower-cased. */
const ASKED_AFTER = new Set(['when', 'if', 'after', 'once']);
/** Words that cannot open reported content: place and time phrases, phrasal-verb particles. */
const NOT_CONTENT = new Set(['from', 'on', 'in', 'at', 'after', 'before', 'during', 'with', 'by', 'since', 'until', 'up', 'off', 'back', 'out', 'into', 'over', 'later', 'earlier', 'yesterday', 'today', 'tonight', 'recently', 'repeatedly', 'afterward', 'afterwards']);

/** No token blocked (the speaker scans of reported speech look past quotation marks). Never written. */
const NONE = new Int8Array(0);

/** Reported speech in the stretches of the sentences outside QuoteScan.used. */
export function findReported(scan: QuoteScan): ReportedSpeech[] {
  const { tokens, sentences, used } = scan;
  const out: ReportedSpeech[] = [];
  const flags = cueFlags(tokens);
  // The last token of a reported clause that ran on past its sentence inside a quotation.
  let reach = -1;
  for (const s of sentences) {
    for (let a = Math.max(s.first, reach + 1); a < s.last;) {
      if (used[a]) { a++; continue; }
      let b = a;
      while (b + 1 < s.last && !used[b + 1]) b++;
      const end = stretch(scan, flags, a, b, out);
      if (end > b) { reach = end; break; }
      a = b + 1;
    }
  }
  return out;
}

/** A reported clause ending inside a quoted fragment that runs on into the next sentences ("argues
 *  that “only Ted Cruz can beat Donald Trump. John Kasich can’t do it.”") ends with the quotation, as
 *  PolNeAR marks it: the last token of the fragment when it lies in a later sentence, else `y`. */
function throughQuotation(scan: QuoteScan, y: number): number {
  const { tokens, fragment, used } = scan;
  if (!fragment[y]) return y;
  let j = y;
  while (j + 1 < tokens.length && fragment[j + 1] && !used[j + 1]) j++;
  return tokens[j].sentence !== tokens[y].sentence ? j : y;
}

/** The attributions in tokens [a, b] (a sentence, or the part of one outside quoted utterances). */
function stretch(scan: QuoteScan, flags: Uint8Array, a: number, b: number, out: ReportedSpeech[]): number {
  const { tokens, fragment } = scan;
  if (b - a < 3) return b;
  let e = b;
  while (e > a && ((tokens[e].kind === 'punct' && (isSentenceEnd(tokens[e].text) || tokens[e].text === ',')) || isAndButOr(tokens[e].text))) e--;
  // Several attributions in one sentence when a clause break ends the first one's content.
  for (let from = a; from < e - 2;) {
    const r = reportedIn(scan, flags, from, e, a);
    if (!r) break;
    const last = r.segments[r.segments.length - 1];
    const through = throughQuotation(scan, last[1]);
    if (through !== last[1]) last[1] = through;
    let inside = 0, all = 0;
    for (const [x, y] of r.segments) {
      for (let k = x; k <= y; k++) {
        if (tokens[k].kind === 'punct') continue;
        const n = tokens[k].end - tokens[k].start;
        all += n;
        if (fragment[k]) inside += n;
      }
    }
    r.mixed = inside > 0;
    r.quoted = all > 0 ? inside / all : 0;
    out.push(r);
    if (through > b) return through;
    from = r.segments[r.segments.length - 1][1] + 2;
  }
  return b;
}

/** Words before a plural noun that make it a noun, not a verb after its subject: numbers and
 *  quantifiers ("eight states", "other states"), adjectives, possessives ("his claims"), prepositions ("in states"). */
const QUANTIFIERS = new Set(['other', 'early', 'earlier', 'all', 'both', 'few', 'each', 'every', 'more', 'most', 'remaining', 'key', 'swing', 'battleground', 'southern', 'northern', 'eastern', 'western', 'member', 'such', 'various', 'numerous', 'those', 'these', 'new', 'recent', 'latest', 'previous', 'similar', 'local', 'media', 'news', 'press', 'his', 'her', 'their', 'its', 'our', 'your', 'my',
  'in', 'on', 'of', 'for', 'with', 'to', 'from', 'at', 'by', 'across', 'about', 'among', 'than', 'and', 'or']);

/** Whether the word before a cue that is also a plural noun ("states", "reports", "claims") can be its
 *  subject: not a number ("nine states") nor a quantifier or adjective ("other states", "his claims"). */
function nounLikeSubject(entityAt: EntityTokenIndex, prev: Token, k: number, cue: string, next: Token | undefined): boolean {
  // "states" is nearly always the noun; the verb comes with its clause: "The report states that …".
  if (cue === 'states' && next?.text !== 'that' && next?.text !== ':') return false;
  const ent = entityAt.get(k);
  if (ent && (ent.type === 'CARDINAL' || ent.type === 'ORDINAL' || ent.type === 'QUANTITY')) return false;
  if (/^\d/.test(prev.text)) return false;
  return !QUANTIFIERS.has(prev.text.toLowerCase());
}

/** Attributions in tokens [a, b]; `s0` (≤ a) is where the sentence starts, for the subject of a second
 *  verb after the first attribution's content ("X praised Y and said …"). */
function reportedIn(scan: QuoteScan, flags: Uint8Array, a: number, b: number, s0 = a): ReportedSpeech | undefined {
  const { tokens, entityAt, fragment } = scan;
  const none = NONE;
  const e = b;
  const labelled = speakerLabel(tokens, entityAt, a, e);
  if (labelled) return labelled;
  const poll = pollSource(scan, flags, a, e);
  if (poll) return poll;
  // "according to X" names the source even when a verb comes first ("Experts believe ..., according to X").
  // The first token with any cue flag: the scan for other cues below starts there.
  let firstFlag = -1;
  for (let k = a; k <= e; k++) {
    if (flags[k] && firstFlag < 0) firstFlag = k;
    if (!(flags[k] & CUE_ACCORDING) || fragment[k]) continue;
    {
      const cue: TokenRange = [k, k + 1];
      const speaker = speakerRight(tokens, entityAt, k + 2, e + 1, none);
      if (k - a <= 2) {
        // "According to X, CONTENT."
        let c = (speaker ? speaker[1] : k + 1) + 1;
        for (let n = 0; c <= e && tokens[c].text !== ',' && n < 15; n++) c++;
        if (c >= e || tokens[c].text !== ',') return undefined;
        return { cue, speaker, segments: [[c + 1, e]], mixed: false };
      }
      // "CONTENT, according to X."
      if (tokens[k - 1].text === ',' || tokens[k - 1].text === '—') return k - 2 - a >= 1 ? { cue, speaker, segments: [[a, k - 2]], mixed: false } : undefined;
      // "… that according to X, CONTENT": the clause after the source.
      const after = speaker ? speaker[1] + 1 : k + 2;
      if (after < e && tokens[after].text === ',') return { cue, speaker, segments: [[after + 1, e]], mixed: false };
      return k - 1 - a >= 2 ? { cue, speaker, segments: [[a, k - 1]], mixed: false } : undefined;
    }
  }
  if (firstFlag < 0) return possessiveStance(scan, flags, a, e);
  for (let k = firstFlag; k <= e; k++) {
    if (!flags[k] || fragment[k]) continue;
    // "When asked about X, …" / "Asked whether …, she said …": the question, up to the comma.
    if ((flags[k] & CUE_ASKED) && (k === a || ASKED_AFTER.has(tokens[k - 1].text.toLowerCase()))) {
      let c = k + 1;
      while (c <= e && tokens[c].text !== ',' && c - k < 25) c++;
      if (c <= e && tokens[c].text === ',' && c - k >= 3) return { cue: [k, k], segments: [[k + 1, c - 1]], mixed: false };
    }
    const bare = flags[k] & CUE_SOURCELESS ? sourcelessCue(tokens, k) : undefined;
    if (bare && k > a && e - bare[1] >= 2) {
      const complement: TokenRange = [bare[1] + 1, seemEnd(tokens, flags, bare[1] + 1, e, fragment)];
      // PolNeAR's content of "X seems / appears …" is two segments: the subject and the complement.
      const subject = seemSubject(tokens, a, k);
      return { cue: bare, segments: subject ? [subject, complement] : [complement], mixed: false };
    }
    const cue = flags[k] & CUE_REPORT ? reportCue(tokens, k) : undefined;
    if (!cue || entityAt.get(k)) continue; // "The United States", "Reports Magazine"
    const w = tokens[k].text.toLowerCase();
    const prev = tokens[k - 1];
    if (prev && DETS.has(prev.text.toLowerCase()) && (NOUN_LIKE.has(w) || prev.text.toLowerCase() !== 'that')) continue;
    if (NOUN_LIKE.has(w) && (!prev || prev.kind !== 'word' || !nounLikeSubject(entityAt, prev, k - 1, w, tokens[k + 1]))) continue;
    const post = postPosition(tokens, entityAt, a, e, cue, none);
    if (post) return post;
    // "X said (that) CONTENT."
    // Any reporting verb in -ing after a comma hangs on the clause before it (", citing …", ", calling …").
    // So does one after "by", "while", "after", "without" ("… by criticizing the fact-checkers").
    const participle = (PARTICIPLES.has(w) || w.endsWith('ing')) && (prev?.text === ',' || (w.endsWith('ing') && prev !== undefined && ING_AFTER.has(prev.text.toLowerCase())));
    // A second verb of the subject ("Reid voted on Saturday and says ...") takes the clause subject.
    const prevLower = prev !== undefined ? prev.text.toLowerCase() : '';
    const coordinated = prevLower === 'and' || prevLower === 'but';
    const relative: TokenRange | undefined = (prevLower === 'who' || prevLower === 'that') && k - 1 > a ? [k - 1, k - 1] : undefined;
    // "He’s predicting …", "they’ve argued …": the subject stands before the contracted auxiliary.
    // Not before a word that is also a noun: "Mr. King's show", "Trump's claims" are possessives.
    const contracted = k - 2 >= a && CONTRACTED.has(prevLower) && tokens[k - 2].kind === 'word' && !NOUN_LIKE.has(w);
    // "Clinton is continuing to insist …", "Trump was not willing to say …": the subject of the verb before "to".
    const controlled = prevLower === 'to' && CONTROL_VERBS.has(lower(tokens[k - 2]));
    let subject = participle || coordinated || controlled ? clauseSubject(tokens, entityAt, coordinated && k - 1 < a ? s0 : a, k, none) : undefined;
    // "“…,” she said, adding that …" / "“…” and said that …": the subject before the quotation.
    if (!subject && (participle || coordinated || controlled)) {
      const first = scan.sentences[tokens[a].sentence]?.first ?? a;
      if (first < a) subject = clauseSubject(tokens, entityAt, first, k, scan.inQuote);
    }
    const speaker = relative ?? subject ?? speakerLeft(tokens, entityAt, contracted ? k - 2 : k - 1, a, none);
    if (!speaker) {
      const passive = passiveBy(tokens, entityAt, a, e, k);
      if (passive) return passive;
      continue;
    }
    // "… the wall, which he said Mexico should pay for": PolNeAR's content is the relative pronoun.
    const rel = speaker[0] - 1;
    // When a clause follows the cue ("which he said the Mexican government should pay for"), it is a
    // second segment.
    if (rel >= a && /^(?:which|what)$/i.test(tokens[rel].text)) {
      const after = cue[1] + 1;
      const clause = after + 1 <= e && tokens[after].kind === 'word' && !NOT_CONTENT.has(tokens[after].text.toLowerCase()) ? clauseEnd(tokens, flags, after, e, fragment) : -1;
      return { cue, speaker, segments: clause > after ? [[rel, rel], [after, clause]] : [[rel, rel]], mixed: false };
    }
    let c = cue[1] + 1;
    if (ADDRESS_VERBS.has(w)) c = skipAddressee(tokens, entityAt, c, e);
    if (c <= e && tokens[c].text === ',') c++;
    // "said Tuesday that …": the date belongs to the attribution, not the content.
    const when = c <= e ? entityAt.get(c) : undefined;
    if (when && (when.type === 'DATE' || when.type === 'TIME')) {
      let d = c;
      while (d <= e && entityAt.get(d) === when) d++;
      if (d <= e && /^(?:that|,)$/.test(tokens[d].text)) c = tokens[d].text === ',' ? d + 1 : d;
    }
    // "Christie endorsed Trump last week": a stance toward a named person or group is that name.
    const object = STANCE_VERBS.has(w) ? namedObject(tokens, entityAt, c, e) : undefined;
    if (object) return { cue, speaker, segments: [object], mixed: false };
    if (e - c < 1) continue;
    // "said in a statement that …": the content starts at "that"; "reported from Washington",
    // "asked on Twitter", "called off the talks": no reported content.
    if (NOT_CONTENT.has(tokens[c].text.toLowerCase())) {
      let j = c + 1;
      while (j <= e && j - c < 8 && tokens[j].text.toLowerCase() !== 'that') j++;
      if (j <= e && j - c < 8) c = j;
      else if (e - c < 5) continue;
    }
    return { cue, speaker, segments: [[c, clauseEnd(tokens, flags, c, e, fragment)]], mixed: false };
  }
  return possessiveStance(scan, flags, a, e);
}

/** Words before a possessive stance that leave it the subject or a prepositional object, not a verb's object. */
const POSSESSOR_AFTER = new Set(['in', 'on', 'at', 'of', 'to', 'for', 'from', 'with', 'by', 'about', 'despite', 'after', 'before', 'since', 'over', 'under', 'against',
  'and', 'but', 'or', 'that', 'while', 'although', 'though', 'because', 'as', 'when', 'if', 'so', 'yet', 'amid', 'following', 'including', 'like', 'unlike']);

/** Prepositions after a stance noun before its object, which the content leaves out: "Trump's opposition to trade liberalization". */
const STANCE_PREPS = new Set(['for', 'on', 'against', 'of', 'about', 'to']);

/** "Trump's claim that his net worth exceeds $10 billion" / "his plan to cut taxes" / "Bush's proposal for an
 *  overhaul of …": the possessor is the source, the noun the cue, the clause or object after it the content. */
function possessiveStance(scan: QuoteScan, flags: Uint8Array, a: number, e: number): ReportedSpeech | undefined {
  const { tokens, entityAt, fragment } = scan;
  for (let k = a + 1; k < e - 1; k++) {
    if (!(flags[k] & CUE_NOUN)) continue;
    const noun = tokens[k].text;
    const p = k - 1;
    const pw = lower(tokens[p]);
    let speaker: TokenRange | undefined;
    if (pw === 'his' || pw === 'her' || pw === 'their') speaker = [p, p];
    else if ((pw === '’s' || pw === "'s" || pw === '’' || pw === "'") && p - 1 >= a) {
      const ent = entityAt.get(p - 1);
      if (ent && (ent.type === 'PERSON' || ent.type === 'ORG' || ent.type === 'NORP' || ent.type === 'GPE')) speaker = entitySpan(tokens, ent, p - 1);
      else if (SUBJECT_PRONOUNS.has(tokens[p - 1].text)) speaker = undefined;
    }
    if (!speaker) continue;
    // The object of a verb ("Clinton bashed Trump's proposal to …", "repeated his claim that …"): the
    // verb's subject is the source PolNeAR marks, and the verb's own attribution covers it.
    const before = tokens[speaker[0] - 1];
    if (before && speaker[0] - 1 >= a && before.kind === 'word' && startsLower(before.text) && !POSSESSOR_AFTER.has(before.text)) continue;
    const next = lower(tokens[k + 1]);
    let c: number;
    if (next === 'that') c = k + 1;
    else if (next === 'to' && startsLower(tokens[k + 2]?.text ?? '') && noun !== 'opposition' && noun !== 'support') c = k + 1;
    else if (STANCE_PREPS.has(next)) c = k + 2;
    else continue;
    if (e - c < 1) continue;
    return { cue: [k, k], speaker, segments: [[c, clauseEnd(tokens, flags, c, e, fragment)]], mixed: false };
  }
  return undefined;
}

/** Verbs of a stance toward someone (PolNeAR counts them as attributions): their object is the content. */
const STANCE_VERBS = new Set(['endorsed', 'endorses', 'endorsing', 'supported', 'supports', 'supporting', 'criticized', 'criticised', 'criticizes', 'criticizing',
  'praised', 'praises', 'praising', 'defended', 'defends', 'defending', 'condemned', 'condemns', 'denounced', 'denounces', 'blasted', 'slammed', 'attacked',
  'opposes', 'lauded', 'applauded', 'mocked', 'rejected', 'rejects']);

/** A person's or organisation's name (or him/her/them) at token c as the whole object, not the head of a
 *  longer phrase ("Trump's plan", "Clinton and her husband", "Trump voters"): its range, or undefined. */
function namedObject(tokens: Token[], entityAt: EntityTokenIndex, c: number, e: number): TokenRange | undefined {
  if (c > e) return undefined;
  let end: number;
  const ent = entityAt.get(c);
  if (ent && (ent.type === 'PERSON' || ent.type === 'ORG')) end = entitySpan(tokens, ent, c)[1];
  else if (/^(?:him|her|them)$/.test(tokens[c].text)) end = c;
  else return undefined;
  if (end > e) return undefined;
  const next = tokens[end + 1];
  if (end < e && next && (next.kind === 'word' ? /^(?:and|or|'s|’s|s)$/i.test(next.text) || startsUpper(next.text) || entityAt.get(end + 1) === undefined && /^[a-z]+$/.test(next.text) && !OBJECT_END.has(next.text) : /^['’(]$/.test(next.text))) return undefined;
  return [c, end];
}

/** Words after a named object that leave it the whole object: a time, place or reason follows. */
const OBJECT_END = new Set(['in', 'on', 'at', 'during', 'last', 'this', 'earlier', 'after', 'before', 'for', 'over', 'as', 'because', 'when', 'while', 'since', 'by', 'from', 'with', 'but', 'who', 'which', 'despite', 'yesterday', 'today', 'on', 'again', 'publicly', 'twice', 'outright', 'instead']);

const BE_FORMS = new Set(['is', 'are', 'was', 'were', 'been', 'be', 'being']);

/** "Trump has been criticized by some of his rivals": a reporting verb in the passive with its agent after
 *  "by" (the source) and its subject before the form of "be" (the content, PolNeAR's convention). */
function passiveBy(tokens: Token[], entityAt: EntityTokenIndex, a: number, e: number, k: number): ReportedSpeech | undefined {
  if (!tokens[k].text.endsWith('ed')) return undefined;
  let be = k - 1;
  while (be > a && SUBJECT_ADVERBS.has(lower(tokens[be]))) be--;
  if (be <= a || !BE_FORMS.has(lower(tokens[be]))) return undefined;
  let by = k + 1;
  while (by <= e && by - k <= 3 && lower(tokens[by]) !== 'by' && tokens[by].kind === 'word') by++;
  if (by > e || lower(tokens[by]) !== 'by') return undefined;
  const speaker = speakerRight(tokens, entityAt, by + 1, e + 1, NONE);
  const aux = be > a && /^(?:has|have|had|will|would|could|may|might|must|should|can)$/.test(lower(tokens[be - 1])) ? be - 1 : be;
  const subject = seemSubject(tokens, a, aux);
  if (!speaker || !subject) return undefined;
  return { cue: [be, by], speaker, segments: [subject], mixed: false };
}

/** Verbs and adjectives before "to" whose subject is the subject of the verb after it ("continued to insist"). */
const CONTROL_VERBS = new Set(['continued', 'continues', 'continuing', 'continue', 'wants', 'wanted', 'want', 'tried', 'tries', 'trying', 'began', 'begins', 'beginning',
  'started', 'starts', 'hopes', 'hoped', 'hoping', 'seemed', 'seems', 'appeared', 'appears', 'willing', 'going', 'decided', 'promised', 'vowed', 'sought', 'seeks', 'seeking',
  'likes', 'liked', 'needs', 'needed', 'expected', 'ready', 'able', 'eager', 'set', 'planned', 'plans', 'chose', 'chosen', 'used', 'went', 'rushed', 'moved', 'managed', 'dared']);

/** Words before a verb in -ing that leave the subject of the clause its speaker: "… by criticizing …". */
const ING_AFTER = new Set(['by', 'while', 'after', 'before', 'without', 'when', 'since']);

/** Contracted auxiliaries, a token of their own after the subject ("He’s", "they've"), lower-cased. */
const CONTRACTED = new Set(['’s', "'s", '’ve', "'ve", '’re', "'re", '’d', "'d", '’ll', "'ll"]);

const SUBJECT_BREAK = new Set([',', ';', ':', '—', '–', '(', 'but', 'while', 'and', 'that', 'because', 'if', 'when', 'as', 'though', 'although', 'so', 'since', 'whether', 'where']);
const SUBJECT_ADVERBS = new Set(['now', 'also', 'still', 'even', 'already', 'again', 'just', 'only', 'then', 'increasingly', 'clearly', 'often', 'always', 'never', 'certainly', 'generally', 'largely']);

/** The subject of "seems / appears" at token k: the words back to the clause start (a comma, a
 *  conjunction, "that"), adverbs before the verb left out; "who"/"which" alone. At most 8 tokens. */
function seemSubject(tokens: Token[], a: number, k: number): TokenRange | undefined {
  let b = k - 1;
  while (b >= a && SUBJECT_ADVERBS.has(tokens[b].text.toLowerCase())) b--;
  if (b < a || tokens[b].kind !== 'word') return undefined;
  const w = tokens[b].text.toLowerCase();
  if (w === 'who' || w === 'which' || w === 'what' || w === 'there' || w === 'it') return w === 'it' ? undefined : [b, b];
  let s = b;
  while (s - 1 >= a && !SUBJECT_BREAK.has(tokens[s - 1].text.toLowerCase())) s--;
  return b - s < 8 ? [s, b] : undefined;
}

/** Nouns of a survey that is the source of a finding: "In a CNN poll, 50 percent …". */
const POLL_NOUNS = new Set(['poll', 'polls', 'survey', 'surveys', 'study', 'studies']);

/** "In a CNN/ORC poll released Monday, CONTENT." (the poll is the source, "In" the cue) and
 *  "CONTENT in the latest polls." */
function pollSource(scan: QuoteScan, flags: Uint8Array, a: number, e: number): ReportedSpeech | undefined {
  const { tokens, fragment } = scan;
  if (tokens[a].text === 'In') {
    let p = -1;
    for (let k = a + 1; k <= e && k - a <= 12 && tokens[k].text !== ','; k++) if (POLL_NOUNS.has(tokens[k].text.toLowerCase())) { p = k; break; }
    if (p < 0) return undefined;
    let c = p + 1;
    while (c <= e && c - a <= 22 && tokens[c].text !== ',') c++;
    if (c >= e || tokens[c].text !== ',') return undefined;
    return { cue: [a, a], speaker: [a + 1, c - 1], segments: [[c + 1, clauseEnd(tokens, flags, c + 1, e, fragment)]], mixed: false };
  }
  return undefined;
}

/** The complement of "seems / appears / is expected to" ends at the first comma, dash or semicolon outside
 *  quoted fragments ("… appears to be moving behind Trump, despite big-name holdouts"), or where clauseEnd ends it. */
function seemEnd(tokens: Token[], flags: Uint8Array, c: number, e: number, fragment: Int8Array): number {
  const end = clauseEnd(tokens, flags, c, e, fragment);
  for (let k = c + 1; k < end; k++) if (!fragment[k] && (tokens[k].text === ',' || tokens[k].text === '—' || tokens[k].text === '–')) return k - 1;
  return end;
}

const CLAUSE_BREAK = new Set(['but', 'while', 'although', 'though', 'however', 'whereas', 'yet']);

/** The reported clause that starts at c ends before "; ", ", but …", ", while …", ", which …", a comma
 *  followed by a new subject pronoun or a participle (", he continued", ", calling him …"), or "and"
 *  followed by another reporting verb ("… and said …"), outside quoted fragments. */
function clauseEnd(tokens: Token[], flags: Uint8Array, c: number, e: number, fragment: Int8Array): number {
  for (let k = c + 1; k < e; k++) {
    if (fragment[k]) continue;
    const t = tokens[k].text;
    if (t === ';') return k - 1;
    if (t === 'and' && (flags[k + 1] & CUE_REPORT) && k > c + 1) return k - 1;
    // "…, and three-quarters said …" / "… but most voters say …": a new subject with its own reporting verb.
    if ((t === 'and' || t === 'but') && k > c + 1 && newReporter(tokens, flags, k + 1, e)) return tokens[k - 1].text === ',' ? k - 2 : k - 1;
    if (t !== ',' && t !== '—') continue;
    const next = tokens[k + 1].text;
    const w = next.toLowerCase();
    if ((CLAUSE_BREAK.has(w) && !(w === 'but' && tokens[k + 2]?.text === 'that')) || w === 'which' || (SUBJECT_PRONOUNS.has(next) && w !== 'it' && k + 2 <= e && tokens[k + 2].kind === 'word') ||
        ((flags[k + 1] & CUE_REPORT) && (/^\p{Ll}+ing$/u.test(next) || /^(?:said|says|added|adds|wrote|writes|told|tells)$/.test(next)))) return k - 1;
  }
  return e;
}

/** Words that a subject before a reporting verb does not contain (the verb would not be its verb). */
const NOT_IN_SUBJECT = new Set(['that', 'who', 'which', 'if', 'when', 'because', 'to', 'it', 'there', 'this']);

/** A subject of one to six words from token j, then a verb of saying: "three-quarters said",
 *  "more than 4 in 10 said", "Democrats say" (not "it says", "that said"). */
function newReporter(tokens: Token[], flags: Uint8Array, j: number, e: number): boolean {
  if (j > e || (tokens[j].kind !== 'word' && tokens[j].kind !== 'number')) return false;
  for (let k = j + 1; k <= e && k - j <= 6; k++) {
    const t = tokens[k];
    if ((t.kind !== 'word' && t.kind !== 'number') || NOT_IN_SUBJECT.has(lower(tokens[k - 1]))) return false;
    if ((flags[k] & CUE_REPORT) && SAY_VERBS.has(t.text)) return true;
  }
  return false;
}

/** A line opening with its source and a colon: a headline ("Ryan: FBI decision defies explanation")
 *  or a transcript turn ("FALLIN: Well, I think ..."). */
function speakerLabel(tokens: Token[], entityAt: EntityTokenIndex, a: number, e: number): ReportedSpeech | undefined {
  if (a > 0 && !tokens[a].lineStart) return undefined;
  let colon = -1;
  for (let k = a + 1; k <= e && k - a <= 6; k++) if (tokens[k].text === ':') { colon = k; break; }
  if (colon < 0 || e - colon < 3) return undefined;
  let name: TokenRange | undefined;
  for (let k = colon - 1; k >= a; k--) {
    const ent = entityAt.get(k);
    if (ent && (ent.type === 'PERSON' || ent.type === 'ORG')) { name = [a, colon - 1]; break; }
  }
  // A transcript speaker in capitals: "JAKE TAPPER:".
  if (!name && colon - a <= 3) {
    let caps = true;
    for (let k = a; k < colon; k++) if (!/^\p{Lu}[\p{Lu}.'’-]+$/u.test(tokens[k].text)) caps = false;
    if (caps) name = [a, colon - 1];
  }
  if (!name) return undefined;
  for (let k = a; k < colon; k++) if (tokens[k].kind === 'word' && startsLower(tokens[k].text) && !/^(?:of|at|the|and)$/.test(tokens[k].text)) return undefined;
  return { cue: [colon, colon], speaker: name, segments: [[colon + 1, e]], mixed: false };
}

/** Words that open a phrase of the attribution after its verb: "said in an interview", "said on Fox News". */
const ADJUNCT_START = new Set(['in', 'on', 'at', 'during', 'from', 'after', 'before', 'by', 'via', 'through', 'outside', 'inside', 'earlier', 'later', 'last', 'this', 'late', 'early', 'recently', 'previously', 'repeatedly', 'again', 'afterward', 'afterwards', 'yesterday', 'today', 'tonight', 'while', 'when', 'as', 'without', 'with', 'over']);

/** Verbs of saying (not of stance: "Kasich has sought to …", "CNN reported at least …"). */
const SAY_VERBS = new Set(['said', 'says', 'added', 'adds', 'wrote', 'writes', 'explained', 'noted', 'stated', 'tweeted', 'posted', 'continued', 'argued', 'insisted', 'warned', 'cautioned', 'acknowledged', 'conceded', 'recalled', 'replied', 'responded', 'declared', 'stressed', 'observed', 'remarked', 'predicted']);

/** "CONTENT, X said." / "CONTENT, said X." / "CONTENT1, X warned, CONTENT2." / "CONTENT, X said in an interview." */
function postPosition(tokens: Token[], entityAt: EntityTokenIndex, a: number, e: number, cue: TokenRange, none: Int8Array): ReportedSpeech | undefined {
  const k = cue[0];
  // Closing marks of a quoted fragment between the comma and the cue: "…,'' said X" / "…,” said X".
  let last = k - 1;
  while (last > a && tokens[last].kind === 'punct' && /^['"”’]$/.test(tokens[last].text)) last--;
  let speaker: TokenRange | undefined;
  let comma = -1;
  let afterCue = cue[1] + 1;
  // The nearest comma that leaves a speaker: ", said X" / ", X said" / ", a spokeswoman, Jane Doe, said".
  for (let j = last; j > a && k - j <= 12; j--) {
    if (tokens[j].text !== ',') continue;
    if (j === last) {
      const right = speakerRight(tokens, entityAt, afterCue, e + 1, none);
      if (right) { speaker = right; afterCue = right[1] + 1; comma = j; break; }
    } else {
      speaker = speakerBetween(tokens, entityAt, j + 1, last);
      if (speaker) { comma = j; break; }
    }
  }
  if (!speaker || comma < a + 1) return undefined;
  let rest = afterCue;
  // Skip a date after the cue: "…, she said Tuesday."
  const when = entityAt.get(rest);
  if (when && (when.type === 'DATE' || when.type === 'TIME')) while (rest <= e && entityAt.get(rest) === when) rest++;
  // "…, Hollande said Tuesday in Paris." / "…, he said in an interview on Fox News.": a phrase of the
  // attribution ends the sentence; the content is before the speaker only (not after "…, said X").
  if (rest <= e && tokens[rest].text !== ',') {
    if (afterCue !== cue[1] + 1 || !SAY_VERBS.has(lower(tokens[k])) || !ADJUNCT_START.has(lower(tokens[rest]))) return undefined;
    let j = rest + 1;
    while (j <= e && j - rest < 15 && tokens[j].kind !== 'punct' && !none[j] && tokens[j].text !== 'that') j++;
    if (j <= e) return undefined;
    return comma >= a + 3 ? { cue, speaker, segments: [[a, comma - 1]], mixed: false } : undefined;
  }
  const segments: TokenRange[] = [[a, comma - 1]];
  if (rest < e && e - (rest + 1) >= 2) segments.push([rest + 1, e]);
  // A one-word opening ("Recently, he said, …") only as the first part of an interrupted attribution.
  if (comma < a + 2 && segments.length < 2) return undefined;
  return { cue, speaker, segments, mixed: false };
}

/** After "told", "warned", "urged": skips the addressee ("told reporters that ..." → "that ..."). */
function skipAddressee(tokens: Token[], entityAt: EntityTokenIndex, c: number, e: number): number {
  for (let j = c; j <= e && j - c < 8; j++) if (tokens[j].text.toLowerCase() === 'that') return j;
  const ent = entityAt.get(c);
  if (ent) { while (c <= e && entityAt.get(c) === ent) c++; return c; }
  if (OBJECT_WORDS.has(tokens[c]?.text.toLowerCase() ?? '')) {
    c++;
    while (c <= e && tokens[c].kind === 'word' && startsLower(tokens[c].text) && c < e && !/^(?:to|that|he|she|they|it|we)$/.test(tokens[c].text)) c++;
  }
  return c;
}
