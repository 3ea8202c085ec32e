// Cue words: the words that introduce or close a quotation ("said", "adding", "according to")
// and the reporting verbs that carry reported speech without quotation marks ("X said (that) ...",
// "X has reported that ...", "X confirmed/denied/warned ...").
import type { Token } from '../tokenize';

/** Speech verbs seen next to quotations. */
const QUOTE_CUES = new Set(`said|says|say|told|tells|tell|added|adds|adding|asked|asks|wrote|writes|writing|stated|states|explained|explains|explaining|noted|notes|noting|argued|argues|arguing|claimed|claims|claiming|insisted|insists|insisting|warned|warns|warning|declared|declares|continued|continues|recalled|recalls|replied|replies|responded|responds|tweeted|tweets|posted|announced|announces|acknowledged|acknowledges|admitted|admits|suggested|suggests|remarked|quipped|joked|jokes|described|urged|urges|cautioned|conceded|concedes|countered|observed|observes|predicted|predicts|promised|promises|vowed|vows|demanded|testified|reported|reports|saying|telling|asking|believes|believe|believed|thinks|think|thought|complained|complains|boasted|boasts|blasted|slammed|charged|contended|contends|stressed|stresses|emphasized|emphasised|maintained|maintains|mused|shouted|yelled|wondered|commented|comments|confirmed|confirms|denied|denies|alleged|alleges|concluded|concludes|asserted|asserts|reiterated|repeated|agreed|agrees|disagreed|exclaimed|confessed|interrupted|interjected|reads|read|reveals|revealed|retorted|snapped|scoffed|sighed|laughed|whispered|recounted|remembered|reminded|answered|began|opined|proclaimed|pledged|advised|instructed|ordered|chanted|chanting|screamed|retaliated|texted|emailed|pressed|fumed|tweeting|quoted|quoting|summed|marveled|marvelled|recalling|adds`.split('|'));

/** Reporting verbs that take a reported clause or object without quotation marks. */
const REPORT_VERBS = new Set(`said|says|say|told|tells|tell|added|adds|adding|wrote|writes|stated|states|explained|explains|noted|notes|noting|argued|argues|arguing|claimed|claims|claiming|insisted|insists|warned|warns|warning|declared|declares|announced|announces|acknowledged|acknowledges|admitted|admits|suggested|suggests|urged|urges|cautioned|conceded|concedes|countered|predicted|predicts|promised|promises|vowed|vows|testified|reported|reports|saying|believes|believe|believed|thinks|think|thought|complained|complains|charged|contended|contends|stressed|stresses|emphasized|emphasised|maintained|maintains|confirmed|confirms|denied|denies|alleged|alleges|concluded|concludes|asserted|asserts|reiterated|agreed|agrees|revealed|reveals|pledged|estimated|estimates|expects|hopes|fears|feared|indicated|indicates|showed|shows|show|found|finds|recalled|recalls|disclosed|speculated|worries|worried|doubted|doubts|acknowledge|argue|claim|warn|insist|predict|suggest|estimate|expect|hope|fear|know|knows|learned|assured|reassured|announced|mentioned|signaled|signalled|hinted|questioned|wondered|asked|asks|called|calling|calls|accused|accuses|criticized|criticised|criticizes|endorsed|endorses|praised|praises|defended|defends|described|describes|cited|citing|cites|wants|want|wanted|supported|supports|supporting|opposes|proposed|proposes|rejected|rejects|dismissed|dismisses|blamed|blames|sought|refused|declined|offered|blasted|slammed|attacked|questioned|demanded|requested|recommended|recommends|mocked|condemned|condemns|touted|touts|highlighted|lamented|acknowledging|insisting|suggesting|arguing|warning|claiming|predicting|endorsed|endorses|endorsing|denounced|denounces|emphasizes|considered|considers|pledges|pledging|vowing|hoping|welcomed|welcomes|applauded|lauded|disputed|disputes|conceding|admitting|describing|explaining|promising|rejecting|criticizing|accusing|praising|blaming|defending|demanding|urging`.split('|'));

/** Third-person forms that are also plural nouns ("his claims", "the reports"): a cue only after a subject. */
export const NOUN_LIKE = new Set(['claims', 'reports', 'notes', 'states', 'shows', 'show', 'estimates', 'hopes', 'fears', 'doubts', 'worries', 'finds', 'charged', 'read', 'reads', 'know', 'claim', 'estimate', 'hope', 'fear', 'warn', 'calls', 'wants', 'want', 'supports', 'demands', 'touts', 'cites', 'attacked', 'demands']);

/** Participles that hang on the clause before them and borrow its subject ("…, adding …"). */
export const PARTICIPLES = new Set(['adding', 'saying', 'noting', 'telling', 'arguing', 'explaining', 'insisting', 'warning', 'writing', 'asking', 'claiming']);

/** Verbs whose object is the addressee, not the content: "told reporters that ...". */
export const ADDRESS_VERBS = new Set(['told', 'tells', 'tell', 'telling', 'assured', 'reassured', 'warned', 'warns', 'urged', 'urges', 'reminded', 'asked', 'asks']);

/** Nouns after "expressed"/"voiced"/"raised" that make a reporting phrase: "has expressed concerns that ...". */
const EXPRESSED_NOUNS = new Set(['concern', 'concerns', 'doubt', 'doubts', 'hope', 'hopes', 'confidence', 'fear', 'fears', 'worry', 'worries', 'frustration', 'optimism', 'skepticism', 'scepticism', 'support', 'opposition', 'regret']);

/** A token's text in lower case; words starting in lower case (nearly all cue candidates) are taken as
 *  they are, which spares a string per token in the scans. */
export function lower(t: Token | undefined): string {
  if (!t) return '';
  const c = t.text.charCodeAt(0);
  return c >= 97 && c <= 122 ? t.text : t.text.toLowerCase();
}

/** /^\p{Ll}/u.test(s), the regular expression only for a non-ASCII first character. */
export function startsLower(s: string): boolean {
  const c = s.charCodeAt(0);
  return c < 128 ? c >= 97 && c <= 122 : /^\p{Ll}/u.test(s);
}

/** /^\p{Lu}/u.test(s), the regular expression only for a non-ASCII first character. */
export function startsUpper(s: string): boolean {
  const c = s.charCodeAt(0);
  return c < 128 ? c >= 65 && c <= 90 : /^\p{Lu}/u.test(s);
}

/** A cue next to a quotation at token k: its token range, or undefined. */
export function quoteCue(tokens: Token[], k: number): [number, number] | undefined {
  const t = tokens[k];
  if (!t || t.kind !== 'word') return undefined;
  const w = lower(t);
  if (w === 'according') return lower(tokens[k + 1]) === 'to' ? [k, k + 1] : undefined;
  if (w === 'pointed') return lower(tokens[k + 1]) === 'out' ? [k, k + 1] : undefined;
  return QUOTE_CUES.has(w) ? [k, k] : expressed(tokens, k);
}

/** A reporting cue at token k (reported speech without marks): its token range, or undefined. */
export function reportCue(tokens: Token[], k: number): [number, number] | undefined {
  const t = tokens[k];
  if (!t || t.kind !== 'word') return undefined;
  const w = lower(t);
  if (w === 'pointed') return lower(tokens[k + 1]) === 'out' ? [k, k + 1] : undefined;
  if (REPORT_VERBS.has(w)) return notSpeech(tokens, k, w) ? undefined : [k, k];
  if (TALK_VERBS.has(w)) return lower(tokens[k + 1]) === 'about' && (!w.endsWith('ing') || TALKING_AFTER.has(lower(tokens[k - 1]))) ? [k, k + 1] : undefined;
  return expressed(tokens, k);
}

/** Verbs of talking whose topic follows "about": "Trump talked about the wall", "she spoke about her family". */
const TALK_VERBS = new Set(['talked', 'spoke', 'speaks', 'talking', 'speaking']);
/** Words before "talking about" / "speaking about" that make it a verb of the clause's subject ("was
 *  talking about", "by talking about", ", speaking about"), not a phrase after a noun ("officials
 *  speaking about the plan declined …"). "talks" and "talk" are left out: nearly always the noun ("peace talks about …"). */
const TALKING_AFTER = new Set(['is', 'was', 'are', 'were', 'been', 'be', 'by', ',', 'and', 'while', 'when', 'after', 'before', 'keeps', 'kept', 'started', 'began', 'spent', 'also', 'not', 'even', 'still']);

/** Verbs that state an action, not speech, when "to" and a verb (or a noun) follow: "declined to
 *  enforce the ban", "agreed to pay", "refused to sign", "offered to help". */
const ACTION_VERBS = new Set(['declined', 'declines', 'declining', 'refused', 'refuses', 'refusing', 'agreed', 'agrees', 'agreeing', 'offered', 'offers', 'offering']);
/** The verbs after "declined to" / "refused to" / "agreed to" that make the phrase about speech:
 *  "declined to comment", "refused to say", "agreed to discuss", "declined to criticize Clinton". */
const SPEECH_COMPLEMENTS = new Set(['comment', 'say', 'discuss', 'answer', 'respond', 'reply', 'elaborate', 'speculate', 'confirm', 'deny', 'name',
  'identify', 'specify', 'disclose', 'reveal', 'detail', 'explain', 'address', 'talk', 'speak', 'testify', 'debate', 'describe', 'characterize',
  'characterise', 'estimate', 'predict', 'weigh', 'rule', 'criticize', 'criticise', 'condemn', 'denounce', 'endorse', 'disavow', 'repudiate',
  'apologize', 'apologise', 'acknowledge', 'concede', 'admit', 'affirm', 'concur', 'define', 'offer', 'state', 'tell']);
/** Nouns after a bare "declined" / "refused" that make it speech: "declined comment", "declined an interview request". */
const SPEECH_OBJECTS = new Set(['comment', 'comments', 'interview', 'interviews', 'request', 'requests', 'question', 'questions']);
const ARTICLES = new Set(['a', 'an', 'the', 'to', 'multiple', 'several', 'repeated', 'numerous', 'our', 'his', 'her', 'their', 'its', 'further']);

/**
 * Whether the reporting verb `w` at token k states an action or a non-speech sense, not speech, so that no
 * attribution comes from it (a fact-checker's worst error is an invented quote):
 * - "declined/refused/agreed/offered to VERB" unless VERB is a speech verb ("declined to comment" is speech,
 *   "declined to enforce the ban" is not); "agreed to a settlement" (a noun after "to") neither;
 * - a bare "declined"/"refused" (numbers decline; "declined, even though…") unless a speech noun follows
 *   ("declined comment", "refused requests for an interview");
 * - "added to / adding to" a thing ("adding to her delegate lead"), not "added to People" (an addressee);
 * - "maintained a lead / his silence" (an object), not "maintained that …";
 * - "pledged delegates".
 */
export function notSpeech(tokens: Token[], k: number, w: string): boolean {
  const next = lower(tokens[k + 1]);
  if (ACTION_VERBS.has(w)) {
    if (next === 'to') return !SPEECH_COMPLEMENTS.has(lower(tokens[k + 2]));
    if (w.startsWith('agree') || w.startsWith('offer')) return false;
    let j = k + 1;
    while (j < k + 4 && ARTICLES.has(lower(tokens[j]))) j++;
    // A speech noun, or a noun before one: "declined comment", "declined an interview request".
    return !SPEECH_OBJECTS.has(lower(tokens[j])) && !SPEECH_OBJECTS.has(lower(tokens[j + 1]));
  }
  if (w === 'added' || w === 'adding' || w === 'adds') return next === 'to' && !startsUpper(tokens[k + 2]?.text ?? '');
  if (w === 'maintained' || w === 'maintains') return next !== 'that' && next !== ',' && next !== ':' && !/^(?:he|she|they|we|i|it)$/.test(next);
  if (w === 'pledged') return next === 'delegates' || next === 'delegate';
  return false;
}

function expressed(tokens: Token[], k: number): [number, number] | undefined {
  const w = lower(tokens[k]);
  if (w !== 'expressed' && w !== 'voiced' && w !== 'raised' && w !== 'expresses' && w !== 'voices') return undefined;
  return EXPRESSED_NOUNS.has(lower(tokens[k + 1])) ? [k, k + 1] : undefined;
}

/** "according to" at token k. */
export function isAccordingTo(tokens: Token[], k: number): boolean {
  return lower(tokens[k]) === 'according' && lower(tokens[k + 1]) === 'to';
}

/** Verbs of appearance and expectation that PolNeAR counts as attributions with no stated source:
 *  "X seemed to …", "the vote is expected to …". Returns the cue range. */
export function sourcelessCue(tokens: Token[], k: number): [number, number] | undefined {
  const w = lower(tokens[k]);
  if (w === 'seemed' || w === 'seems' || w === 'appears' || w === 'appeared') return [k, k];
  if ((w === 'is' || w === 'are' || w === 'was' || w === 'were') && lower(tokens[k + 1]) === 'expected' && lower(tokens[k + 2]) === 'to') return [k, k + 1];
  return undefined;
}

export const CUE_ACCORDING = 1, CUE_REPORT = 2, CUE_SOURCELESS = 4, CUE_ASKED = 8, CUE_NOUN = 16;

/** Nouns of a stated stance after a possessive: "Trump's claim that …", "Clinton's plan to …" (CUE_NOUN). */
const STANCE_NOUNS = new Set(['claim', 'claims', 'assertion', 'assertions', 'statement', 'proposal', 'proposals', 'plan', 'plans', 'recommendation',
  'vow', 'promise', 'promises', 'pledge', 'call', 'calls', 'demand', 'demands', 'insistence', 'warning', 'warnings', 'argument', 'belief', 'view', 'views',
  'opposition', 'support', 'desire', 'suggestion', 'contention', 'accusation', 'accusations', 'allegation', 'allegations', 'announcement', 'admission',
  'criticism', 'attacks', 'threat', 'threats', 'hope', 'hopes', 'fear', 'fears', 'wish', 'comments', 'remarks', 'denial', 'assurance', 'assurances', 'prediction', 'predictions']);
const BE = new Set(['is', 'are', 'was', 'were']);
const EXPRESS_VERBS = new Set(['expressed', 'voiced', 'raised', 'expresses', 'voices']);
const SEEM_VERBS = new Set(['seemed', 'seems', 'appears', 'appeared']);

/** How cueFlags treats a lower-case word, in the order of its tests: a reporting verb; "according"
 *  (before "to"); "pointed" (before "out"); "expressed"-like (before a noun of EXPRESSED_NOUNS); a verb
 *  of appearance; a form of "be" (before "expected to"). ASKED is or-ed in. One map lookup per word. */
const W_REPORT = 1, W_ACCORDING = 2, W_POINTED = 3, W_EXPRESS = 4, W_SEEM = 5, W_BE = 6, W_TALK = 7, W_ASKED = 16, W_STANCE_NOUN = 32;
const WORD_CLASS = new Map<string, number>();
for (const w of [...REPORT_VERBS, 'according', 'pointed', ...EXPRESS_VERBS, ...SEEM_VERBS, ...BE, ...TALK_VERBS, 'asked', ...STANCE_NOUNS]) {
  const c = REPORT_VERBS.has(w) ? W_REPORT : w === 'according' ? W_ACCORDING : w === 'pointed' ? W_POINTED
    : EXPRESS_VERBS.has(w) ? W_EXPRESS : SEEM_VERBS.has(w) ? W_SEEM : BE.has(w) ? W_BE : TALK_VERBS.has(w) ? W_TALK : 0;
  WORD_CLASS.set(w, c | (w === 'asked' ? W_ASKED : 0) | (STANCE_NOUNS.has(w) ? W_STANCE_NOUN : 0));
}
/** For each first letter, last letter (a-z) and length (< 32), 1 when some word of WORD_CLASS has
 *  them: nearly every other word is ruled out before the map lookup (which hashes the token's string). */
const SHAPE = new Uint8Array(26 * 26 * 32);
const shapeIndex = (first: number, last: number, length: number): number => ((first - 97) * 26 + (last - 97)) * 32 + length;
for (const w of WORD_CLASS.keys()) SHAPE[shapeIndex(w.charCodeAt(0), w.charCodeAt(w.length - 1), w.length)] = 1;

/** The flags buffer, kept from one document to the next (cleared where the previous one wrote). */
let flagBuffer = new Uint8Array(1024);
let flagDirty = 0;

/** What each token can start (CUE_* bits), computed in one pass per document so that the scans for
 *  reported speech test a byte instead of the word sets: the tests of reportCue, sourcelessCue and
 *  isAccordingTo, on lower-case words (a capitalised reporting verb is taken only in "According to"
 *  and "Asked"). The array is reused by the next call; entries past the last token are 0. */
export function cueFlags(tokens: Token[]): Uint8Array {
  const n = tokens.length;
  if (flagBuffer.length < n + 8) flagBuffer = new Uint8Array(Math.max(n + 8, flagBuffer.length * 2));
  else if (flagDirty > 0) flagBuffer.fill(0, 0, flagDirty);
  flagDirty = n;
  const flags = flagBuffer;
  for (let k = 0; k < n; k++) {
    const t = tokens[k];
    if (t.kind !== 'word') continue;
    const c = t.text.charCodeAt(0);
    // Capitalised words start a cue only sentence-initially, and only these two do in practice.
    if (c < 97 || c > 122) {
      if (c !== 65) continue;
      if (t.text === 'According' && lower(tokens[k + 1]) === 'to') flags[k] = CUE_ACCORDING;
      else if (t.text === 'Asked') flags[k] = CUE_ASKED;
      continue;
    }
    const len = t.text.length;
    const l = t.text.charCodeAt(len - 1);
    if (len > 31 || l < 97 || l > 122 || SHAPE[shapeIndex(c, l, len)] === 0) continue;
    const cls = WORD_CLASS.get(t.text);
    if (cls === undefined) continue;
    let f = 0;
    switch (cls & 15) {
      case W_REPORT: f = CUE_REPORT; break;
      case W_ACCORDING: if (lower(tokens[k + 1]) === 'to') f = CUE_ACCORDING; break;
      case W_POINTED: if (lower(tokens[k + 1]) === 'out') f = CUE_REPORT; break;
      case W_EXPRESS: if (EXPRESSED_NOUNS.has(lower(tokens[k + 1]))) f = CUE_REPORT; break;
      case W_SEEM: f = CUE_SOURCELESS; break;
      case W_TALK: if (lower(tokens[k + 1]) === 'about') f = CUE_REPORT; break;
      case W_BE: if (lower(tokens[k + 1]) === 'expected' && lower(tokens[k + 2]) === 'to') f = CUE_SOURCELESS; break;
    }
    if (cls & W_ASKED) f |= CUE_ASKED;
    if (cls & W_STANCE_NOUN) f |= CUE_NOUN;
    flags[k] = f;
  }
  return flags;
}
