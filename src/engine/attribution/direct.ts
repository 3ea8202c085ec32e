// The attribution clause of a quoted utterance: the cue and the speaker around the quotation marks.
//   “…,” X said / said X / according to X        (after)
//   X said: “…” / X said on Thursday, “…”         (before)
//   X continued:\n\n“…”                          (a colon ending the previous paragraph)
import type { Token } from '../tokenize';
import type { Entity } from '../types';
import type { QuoteScan, QuoteWindow } from './scan';
import { PARTICIPLES, isAccordingTo, quoteCue } from './cues';
import { SUBJECT_PRONOUNS, clauseSubject, entitySpan, speakerBetween, speakerLeft, speakerRight, type TokenRange } from './speaker';

/** Cues whose object is the person spoken to, not the speaker. */
const ADDRESSEE_CUES = /^(?:told|tell|tells|telling|asked|asks|asking|reminded|reminding|assured|urged|urging|informed)$/;

/** Words after a quotation that open a new clause of an earlier subject, lower-cased. */
const NEW_CLAUSE = new Set(['and', 'but', 'then']);

export interface QuoteAttribution { cue: TokenRange; speaker?: TokenRange }

/** Cue and speaker of a quotation, looked for inside its sentence window. */
export function attributeQuote(scan: QuoteScan, w: QuoteWindow): QuoteAttribution | undefined {
  const { tokens, entityAt, inQuote } = scan;
  const { qa, qb, winStart, winEnd } = w;
  // 1. After the quotation: “…,” X said / said X / according to X.
  for (let k = qb + 1, n = 0; k < winEnd && n < 10; k++) {
    if (inQuote[k]) break;
    const t = tokens[k];
    if (t.kind === 'punct' && /^[.!?;]$/.test(t.text) && n > 0) break;
    if (t.kind !== 'punct') n++;
    const cue = quoteCue(tokens, k);
    if (!cue) continue;
    if (isAccordingTo(tokens, k)) return { cue, speaker: speakerRight(tokens, entityAt, cue[1] + 1, winEnd, inQuote) };
    // “…!” and said that …: the verb starts a new clause of an earlier subject; look before the quote.
    if (NEW_CLAUSE.has(tokens[qb + 1].text.toLowerCase())) break;
    const left = speakerBetween(tokens, entityAt, qb + 1, k - 1);
    if (left) return { cue, speaker: left };
    const right = speakerRight(tokens, entityAt, cue[1] + 1, winEnd, inQuote);
    if (right) return { cue, speaker: right };
    return { cue };
  }
  // “…,” Jane Doe, 30, a nurse from Ohio who attended the rally, said …: a person's name, then an
  // appositive or parenthesis longer than the ten words above, closed by a comma or parenthesis before the cue.
  if (/^[,?!]$/.test(tokens[qb - 1]?.text ?? '') || (/^[,?!]$/.test(tokens[qb - 2]?.text ?? '') && /^['’]$/.test(tokens[qb - 1].text))) {
    // A title before the name ("Rep.", "Sen.") that the recognizer left out of it; the speaker is the name.
    let h = qb + 1;
    while (h < qb + 4 && h < winEnd && entityAt.get(h)?.type !== 'PERSON' && /^(?:(?:Rep|Sen|Gov|Mr|Mrs|Ms|Dr|Gen|Prof|Rev)\.?|\.)$/.test(tokens[h].text)) h++;
    const ent = h + 1 < winEnd && !inQuote[qb + 1] ? entityAt.get(h) : undefined;
    if (ent && ent.type === 'PERSON') {
      const sp = entitySpan(tokens, ent, h);
      if (sp[1] + 1 < winEnd && /^[,(]$/.test(tokens[sp[1] + 1].text)) {
        let depth = 0;
        for (let k = sp[1] + 1; k < winEnd && k - sp[1] <= 40 && !inQuote[k]; k++) {
          if (tokens[k].text === '(') depth++;
          else if (tokens[k].text === ')') depth--;
          if (/^[.;!?]$/.test(tokens[k].text) && depth <= 0) break;
          if (!/^[,)]$/.test(tokens[k - 1].text)) continue;
          const cue = quoteCue(tokens, k);
          if (cue && !isAccordingTo(tokens, k)) return { cue, speaker: sp };
        }
      }
    }
  }
  // “…,” Toomey fumed / “…?” she wondered: a name or pronoun, then a verb not among the cue words.
  if (/^[,?!]$/.test(tokens[qb - 1]?.text ?? '') && qb + 2 < winEnd && !inQuote[qb + 1]) {
    const ent = entityAt.get(qb + 1);
    const sp: TokenRange | undefined = ent && (ent.type === 'PERSON' || ent.type === 'ORG') ? entitySpan(tokens, ent, qb + 1)
      : SUBJECT_PRONOUNS.has(tokens[qb + 1].text) && tokens[qb + 1].text.toLowerCase() !== 'it' ? [qb + 1, qb + 1] : undefined;
    const verb = sp ? sp[1] + 1 : -1;
    if (sp && verb < winEnd && tokens[verb].kind === 'word' && /^\p{Ll}+(?:ed|es|s)$/u.test(tokens[verb].text)) return { cue: [verb, verb], speaker: sp };
    // “…!” beamed Jane Doe: a verb not among the cue words, then a person's name.
    const after = entityAt.get(qb + 2);
    if (!ent && after && after.type === 'PERSON' && tokens[qb + 1].kind === 'word' && /^\p{Ll}+ed$/u.test(tokens[qb + 1].text)) {
      return { cue: [qb + 1, qb + 1], speaker: entitySpan(tokens, after, qb + 2) };
    }
    // “…,” Jane Doe, the head of X, tweeted: a person's name, an appositive, then a verb in -ed/-s.
    if (ent && ent.type === 'PERSON' && sp) {
      const comma = sp[1] + 1;
      if (comma < winEnd && tokens[comma].text === ',') {
        for (let k = comma + 1; k < winEnd && k - comma <= 15 && !inQuote[k]; k++) {
          if (tokens[k].text !== ',') continue;
          const v = k + 1;
          if (v < winEnd && tokens[v].kind === 'word' && /^\p{L}\p{Ll}*(?:ed|es|s)$/u.test(tokens[v].text) && !entityAt.get(v)) return { cue: [v, v], speaker: sp };
          break;
        }
      }
    }
  }
  // "…,” according to X" further along in the same sentence.
  for (let k = qb + 1; k < winEnd; k++) {
    if (inQuote[k]) break;
    if (isAccordingTo(tokens, k)) return { cue: [k, k + 1], speaker: speakerRight(tokens, entityAt, k + 2, winEnd, inQuote) };
  }
  // 2. Before the quotation: X said: “…” / X said on Thursday, “…”.
  for (let k = qa - 1; k >= winStart && qa - k < 40; k--) {
    if (inQuote[k]) continue;
    const cue = quoteCue(tokens, k);
    if (!cue) continue;
    if (isAccordingTo(tokens, k)) {
      // "According to the newspaper, “…”"
      const sp = speakerRight(tokens, entityAt, cue[1] + 1, qa, inQuote);
      if (sp) return { cue, speaker: sp };
      continue;
    }
    // A participle ("…, telling Reuters, “…”") takes the subject of its clause, not the nearest name.
    const participle = PARTICIPLES.has(tokens[k].text.toLowerCase());
    const sp = (participle && tokens[k - 1]?.text === ',' ? clauseSubject(tokens, entityAt, winStart, k, inQuote) : undefined) ??
      speakerLeft(tokens, entityAt, k - 1, winStart, inQuote);
    if (sp) return { cue, speaker: sp };
    if (participle) continue;
    // "said X: “…”", else the subject of the sentence ("The president noted ..., and added: “…”"). After
    // "told"/"asked" the noun phrase is the addressee ("but told his supporters, “…”"): the subject speaks.
    const addressee = ADDRESSEE_CUES.test(tokens[k].text);
    return { cue, speaker: (addressee ? undefined : speakerRight(tokens, entityAt, cue[1] + 1, qa, inQuote)) ?? clauseSubject(tokens, entityAt, winStart, k, inQuote) };
  }
  // 3. Introduced by a colon, possibly at the end of the previous paragraph: "Cruz continued:\n\n“…”".
  const colon = qa - 1;
  if (colon >= 0 && tokens[colon].text === ':' && !inQuote[colon]) {
    const sentStart = firstOfSentence(tokens, colon);
    for (let k = colon - 1; k >= sentStart && colon - k < 30; k--) {
      if (inQuote[k]) continue;
      const cue = quoteCue(tokens, k);
      if (!cue) continue;
      if (isAccordingTo(tokens, k)) return { cue, speaker: speakerRight(tokens, entityAt, cue[1] + 1, colon, inQuote) };
      return { cue, speaker: speakerLeft(tokens, entityAt, k - 1, sentStart, inQuote) ?? speakerRight(tokens, entityAt, cue[1] + 1, colon, inQuote) };
    }
    // No verb: the name nearest before the colon ("President Clinton released the following statement:").
    for (let k = colon - 1; k >= sentStart; k--) {
      if (inQuote[k]) continue;
      const ent = entityAt.get(k);
      if (ent && (ent.type === 'PERSON' || ent.type === 'ORG')) return { cue: [colon, colon], speaker: entitySpan(tokens, ent, k) };
    }
    // Nor a name: the subject pronoun of the clause ("She then turned to the crowd:").
    const sp = clauseSubject(tokens, entityAt, sentStart, colon, inQuote);
    if (sp && sp[0] === sp[1] && SUBJECT_PRONOUNS.has(tokens[sp[0]].text)) return { cue: [colon, colon], speaker: sp };
  }
  return undefined;
}

function firstOfSentence(tokens: Token[], k: number): number {
  const s = tokens[k].sentence;
  let steps = 0;
  while (k - 1 >= 0 && tokens[k - 1].sentence === s && steps++ < 200) k--;
  return k;
}

/** A date or time expression within four tokens of the cue, inside the window. */
export function findWhen(scan: QuoteScan, [a, b]: TokenRange, w: QuoteWindow) {
  for (let d = 1; d <= 4; d++) {
    const e = whenAt(scan, b + d, w) ?? whenAt(scan, a - d, w);
    if (e) return e;
  }
  return undefined;
}

/** The date or time entity at token k, when k lies inside the window and outside quotations. */
function whenAt(scan: QuoteScan, k: number, w: QuoteWindow): Entity | undefined {
  if (k < w.winStart || k >= w.winEnd || scan.inQuote[k]) return undefined;
  const e = scan.entityAt.get(k);
  return e && (e.type === 'DATE' || e.type === 'TIME') ? e : undefined;
}
