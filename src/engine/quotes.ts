// Quotations in straight or curly marks, and who said them: the cue ("said", "adding", "according to"),
// the speaker mention and its cluster, and when it was said if the attribution clause says.
import type { Entity, Quote, Span } from './types';
import type { Tokenized, Token } from './tokenize';
import { tokenAtOrAfter, type EntityTokenIndex } from './entityIndex';

const CUE_VERBS = new Set(`said|says|say|told|tells|tell|added|adds|adding|asked|asks|wrote|writes|writing|stated|states|explained|explains|explaining|noted|notes|noting|argued|argues|arguing|claimed|claims|claiming|insisted|insists|insisting|warned|warns|warning|declared|declares|continued|continues|recalled|recalls|replied|replies|responded|responds|tweeted|tweets|posted|announced|announces|acknowledged|acknowledges|admitted|admits|suggested|suggests|remarked|quipped|joked|jokes|described|urged|urges|cautioned|conceded|concedes|countered|observed|observes|predicted|predicts|promised|promises|vowed|vows|demanded|testified|reported|reports|saying|telling|asking|believes|believe|believed|thinks|think|thought|complained|complains|boasted|boasts|blasted|slammed|charged|contended|contends|stressed|stresses|emphasized|emphasised|maintained|maintains|mused|shouted|yelled|added:|wondered|explained:|commented|comments|confirmed|confirms|denied|denies|alleged|alleges|pointed|concluded|concludes|asserted|asserts|announced|reiterated|repeated|agreed|agrees|disagreed|exclaimed|confessed|interrupted|interjected|reads|read|responded|continued|observed|reveals|revealed|writes|wrote|explains|notes|insists|tweeted|posted|retorted|snapped|scoffed|sighed|laughed|whispered|added|recounted|remembered|reminded|answered|began|concluded|opined|proclaimed|pledged|advised|instructed|ordered|testified|suggested|acknowledged|according`.split('|'));
const PARTICIPLES = new Set(['adding', 'saying', 'noting', 'telling', 'arguing', 'explaining', 'insisting', 'warning', 'writing', 'asking', 'claiming']);
const SUBJECT_PRONOUNS = new Set(['he', 'she', 'they', 'i', 'we', 'it', 'He', 'She', 'They', 'I', 'We', 'It']);
const SKIP_LEFT = new Set(['also', 'later', 'then', 'has', 'had', 'have', 'was', 'is', 'previously', 'recently', 'reportedly', 'once', 'again', 'further', 'simply', 'bluntly', 'flatly', 'repeatedly', 'publicly', 'privately', 'only', 'just', 'already', 'even', 'still', 'often', 'had', 'would', 'will', 'did', 'does', 'do', 'not', 'never', 'has', 'long', 'first', 'last', 'once', 'in', 'on', 'at', 'last', 'earlier', 'this', 'week', 'month', 'year']);
const NP_STOP = new Set(`of|in|on|at|by|for|with|from|to|as|about|like|and|or|but|while|although|if|that|which|who|whom|whose|is|was|are|were|be|been|has|have|had|did|do|does|not|no|will|would|could|should|can|may|might|must|than|then|when|where|after|before|since|because|so|into|over|under|during|without|it|this`.split('|'));
const DETS = new Set(['the', 'a', 'an', 'another', 'one', 'two', 'three', 'several', 'many', 'some', 'its', 'his', 'her', 'their', 'our', 'this', 'that', 'these', 'those']);
const NAME_TYPES = new Set(['PERSON', 'ORG', 'GPE', 'NORP', 'FAC', 'LOC', 'PRODUCT']);

interface RawQuote { start: number; end: number; contentStart: number; contentEnd: number; closed: boolean }

/** Finds quotation spans: curly “…” and ‘…’ and straight "…" pairs; an unclosed mark runs to the paragraph end. */
export function findQuoteSpans(text: string): RawQuote[] {
  const out: RawQuote[] = [];
  const paraBreak = /\n[ \t]*\r?\n/.test(text) ? /\r?\n[ \t]*\r?\n/g : /\r?\n/g;
  const paragraphs: [number, number][] = [];
  let p = 0;
  paraBreak.lastIndex = 0;
  for (let m = paraBreak.exec(text); m; m = paraBreak.exec(text)) { paragraphs.push([p, m.index]); p = m.index + m[0].length; }
  paragraphs.push([p, text.length]);
  for (const [ps, pe] of paragraphs) {
    let i = ps;
    while (i < pe) {
      const c = text[i];
      if (c === '“' || (c === '"' && isOpening(text, i)) || (c === '‘' && isOpeningSingle(text, i))) {
        const closer = c === '“' ? '”' : c === '‘' ? '’' : '"';
        let j = i + 1;
        let found = -1;
        while (j < pe) {
          const d = text[j];
          if (d === closer && (closer !== '’' || !/[\p{L}\p{N}]/u.test(text[j + 1] ?? ''))) { found = j; break; }
          if (closer === '"' && d === '“') break;
          if (closer === '”' && d === '“') break; // a new opening before any close: unbalanced
          j++;
        }
        if (found >= 0) {
          if (found > i + 1) out.push({ start: i, end: found + 1, contentStart: i + 1, contentEnd: found, closed: true });
          i = found + 1;
          continue;
        }
        if (closer !== '’') {
          // Unbalanced: the quotation runs to the end of the paragraph or the next opening mark.
          let end = j;
          while (end > i + 1 && /\s/.test(text[end - 1])) end--;
          if (end > i + 1) out.push({ start: i, end, contentStart: i + 1, contentEnd: end, closed: false });
          i = j;
          continue;
        }
      }
      i++;
    }
  }
  return out;
}

function isOpening(text: string, i: number): boolean {
  const before = text[i - 1];
  const after = text[i + 1];
  if (after === undefined || /\s/.test(after)) return false;
  return before === undefined || /[\s([{—–\-:;,/]/.test(before);
}

function isOpeningSingle(text: string, i: number): boolean {
  const before = text[i - 1];
  return (before === undefined || /[\s([{—–"“]/.test(before)) && /[\p{L}\p{N}]/u.test(text[i + 1] ?? '');
}

export function findQuotes(text: string, doc: Tokenized, entities: Entity[], entityAt: EntityTokenIndex): Quote[] {
  const raw = findQuoteSpans(text);
  const { tokens, sentences } = doc;
  const inQuote = new Int8Array(tokens.length);
  const quoteTok: [number, number][] = raw.map((q) => {
    const a = tokenAtOrAfter(tokens, q.start);
    let b = tokenAtOrAfter(tokens, q.end) - 1;
    if (b < a) b = a;
    for (let k = a; k <= b && k < tokens.length; k++) inQuote[k] = 1;
    return [a, b];
  });

  const quotes: Quote[] = [];
  let lastSpeaker: { speaker: Span; cluster?: number; end: number } | undefined;
  raw.forEach((q, qi) => {
    const [qa, qb] = quoteTok[qi];
    const quote: Quote = {
      start: q.start, end: q.end, text: text.slice(q.start, q.end), kind: 'direct', attribution: qi,
      content: { start: q.contentStart, end: q.contentEnd, text: text.slice(q.contentStart, q.contentEnd) },
    };
    if (qa >= tokens.length) { quotes.push(quote); return; }
    const sA = tokens[qa].sentence;
    const sB = tokens[Math.min(qb, tokens.length - 1)].sentence;
    const winStart = sentences[sA]?.first ?? 0;
    let winEnd = sentences[sB]?.last ?? tokens.length;
    // The attribution may follow in the sentence after a quote that ends a sentence: “…,” he said.
    if (winEnd < tokens.length && qb + 1 === winEnd && !tokens[winEnd].lineStart && /^\p{Ll}/u.test(tokens[winEnd].text)) {
      winEnd = sentences[tokens[winEnd].sentence].last;
    }
    const attribution = attributeQuote(tokens, entityAt, inQuote, qa, qb, winStart, winEnd);
    if (attribution) {
      quote.cue = span(text, tokens, attribution.cue[0], attribution.cue[1]);
      if (attribution.speaker) {
        quote.speaker = span(text, tokens, attribution.speaker[0], attribution.speaker[1]);
        const ent = entityAt.get(attribution.speaker[0]);
        if (ent && ent.cluster !== undefined) quote.speakerCluster = ent.cluster;
        else if (SUBJECT_PRONOUNS.has(tokens[attribution.speaker[0]].text) && attribution.speaker[0] === attribution.speaker[1]) {
          quote.speakerCluster = resolvePronoun(tokens[attribution.speaker[0]].text, attribution.speaker[0], entities, tokens, lastSpeaker?.cluster);
        }
      }
      const when = findWhen(entityAt, inQuote, attribution.cue[0], attribution.cue[1], winStart, winEnd);
      if (when) quote.when = { start: when.start, end: when.end, text: when.text };
    } else if (lastSpeaker && q.start - lastSpeaker.end < 1500 &&
               (isWholeParagraphQuote(text, q) || (startsSentence(tokens, qa) && !/\n/.test(text.slice(lastSpeaker.end, q.start))))) {
      // A quotation standing alone as a paragraph, or opening a sentence right after an attributed one in
      // the same paragraph, continues the previous speaker.
      quote.speaker = lastSpeaker.speaker;
      if (lastSpeaker.cluster !== undefined) quote.speakerCluster = lastSpeaker.cluster;
    }
    if (quote.speaker) lastSpeaker = { speaker: quote.speaker, cluster: quote.speakerCluster, end: q.end };
    quotes.push(quote);
  });
  return quotes;
}

function startsSentence(tokens: Token[], k: number): boolean {
  return k === 0 || tokens[k - 1].sentence !== tokens[k].sentence;
}

function isWholeParagraphQuote(text: string, q: RawQuote): boolean {
  const before = text.slice(Math.max(0, q.start - 3), q.start);
  return q.start === 0 || /\n\s*$/.test(before);
}


function span(text: string, tokens: Token[], a: number, b: number): Span {
  return { start: tokens[a].start, end: tokens[b].end, text: text.slice(tokens[a].start, tokens[b].end) };
}

interface Attribution { cue: [number, number]; speaker?: [number, number] }

function isCue(tokens: Token[], k: number): [number, number] | undefined {
  const t = tokens[k];
  if (!t || t.kind !== 'word') return undefined;
  const w = t.text.toLowerCase();
  if (w === 'according') return tokens[k + 1]?.text === 'to' ? [k, k + 1] : undefined;
  if (w === 'pointed') return tokens[k + 1]?.text === 'out' ? [k, k + 1] : undefined;
  return CUE_VERBS.has(w) ? [k, k] : undefined;
}

function attributeQuote(tokens: Token[], entityAt: EntityTokenIndex, inQuote: Int8Array, qa: number, qb: number, winStart: number, winEnd: number): Attribution | undefined {
  // 1. After the quotation: “…,” X said / said X / according to X.
  for (let k = qb + 1, n = 0; k < winEnd && n < 10; k++) {
    if (inQuote[k]) break;
    const t = tokens[k];
    if (t.kind === 'punct' && /^[.!?;]$/.test(t.text) && n > 0) break;
    if (t.kind !== 'punct') n++;
    const cue = isCue(tokens, k);
    if (!cue) continue;
    if (tokens[k].text.toLowerCase() === 'according') {
      const sp = speakerRight(tokens, entityAt, cue[1] + 1, winEnd, inQuote);
      return { cue, speaker: sp };
    }
    const left = speakerBetween(tokens, entityAt, qb + 1, k - 1);
    if (left) return { cue, speaker: left };
    const right = speakerRight(tokens, entityAt, cue[1] + 1, winEnd, inQuote);
    if (right) return { cue, speaker: right };
    return { cue };
  }
  // "…,” according to X" further along in the same sentence.
  for (let k = qb + 1; k < winEnd; k++) {
    if (inQuote[k]) break;
    if (tokens[k].text.toLowerCase() === 'according' && tokens[k + 1]?.text === 'to') {
      return { cue: [k, k + 1], speaker: speakerRight(tokens, entityAt, k + 2, winEnd, inQuote) };
    }
  }
  // 2. Before the quotation: X said: “…” / X said on Thursday that they were “…”.
  for (let k = qa - 1; k >= winStart && qa - k < 40; k--) {
    if (inQuote[k]) continue;
    const cue = isCue(tokens, k);
    if (!cue) continue;
    if (tokens[k].text.toLowerCase() === 'according') {
      // "According to the newspaper, “…”"
      const sp = speakerRight(tokens, entityAt, cue[1] + 1, qa, inQuote);
      if (sp) return { cue, speaker: sp };
      continue;
    }
    // A participle ("…, telling Reuters, “…”") takes the subject of its clause, not the nearest name.
    const sp = (PARTICIPLES.has(tokens[k].text.toLowerCase()) && tokens[k - 1]?.text === ',' ? clauseSubject(tokens, entityAt, winStart, k, inQuote) : undefined) ??
      speakerLeft(tokens, entityAt, k - 1, winStart, inQuote);
    if (sp) return { cue, speaker: sp };
    // Participles ("adding") borrow the subject of the clause they hang on; otherwise look right: "said Smith".
    if (PARTICIPLES.has(tokens[k].text.toLowerCase())) continue;
    return { cue, speaker: speakerRight(tokens, entityAt, cue[1] + 1, qa, inQuote) };
  }
  // 3. Introduced by a colon, possibly at the end of the previous paragraph: "Cruz continued:\n\n“…”".
  const colon = qa - 1;
  if (colon >= 0 && tokens[colon].text === ':' && !inQuote[colon]) {
    const sentStart = firstOfSentence(tokens, colon);
    for (let k = colon - 1; k >= sentStart && colon - k < 30; k--) {
      if (inQuote[k]) continue;
      const cue = isCue(tokens, k);
      if (!cue) continue;
      if (tokens[k].text.toLowerCase() === 'according') return { cue, speaker: speakerRight(tokens, entityAt, cue[1] + 1, colon, inQuote) };
      const sp = speakerLeft(tokens, entityAt, k - 1, sentStart, inQuote) ?? speakerRight(tokens, entityAt, cue[1] + 1, colon, inQuote);
      return { cue, speaker: sp };
    }
    // No verb: the name nearest before the colon ("President Clinton released the following statement:").
    for (let k = colon - 1; k >= sentStart; k--) {
      if (inQuote[k]) continue;
      const ent = entityAt.get(k);
      if (ent && NAME_TYPES.has(ent.type) && ent.type !== 'GPE' && ent.type !== 'NORP') return { cue: [colon, colon], speaker: entitySpan(tokens, ent, k) };
    }
  }
  return undefined;
}

/** The first name or subject pronoun of the clause that ends at token `end`. */
function clauseSubject(tokens: Token[], entityAt: EntityTokenIndex, start: number, end: number, inQuote: Int8Array): [number, number] | undefined {
  for (let k = start; k < end; k++) {
    if (inQuote[k]) continue;
    const ent = entityAt.get(k);
    if (ent && (ent.type === 'PERSON' || ent.type === 'ORG')) return entitySpan(tokens, ent, k);
    if (SUBJECT_PRONOUNS.has(tokens[k].text) && tokens[k].text.toLowerCase() !== 'it') return [k, k];
  }
  return undefined;
}

function firstOfSentence(tokens: Token[], k: number): number {
  const s = tokens[k].sentence;
  while (k - 1 >= 0 && tokens[k - 1].sentence === s) k--;
  return k;
}

/** Speaker between a quotation and its cue: “…,” a senior official said / “…,” Jane Doe, an analyst, said. */
function speakerBetween(tokens: Token[], entityAt: EntityTokenIndex, a: number, b: number): [number, number] | undefined {
  while (a <= b && tokens[a].kind === 'punct') a++;
  if (a > b) return undefined;
  const head = entityAt.get(a);
  if (head && NAME_TYPES.has(head.type)) return entitySpan(tokens, head, a);
  while (b >= a && SKIP_LEFT.has(tokens[b].text.toLowerCase())) b--;
  if (b < a || b - a > 8) return undefined;
  const ent = entityAt.get(b);
  if (ent && NAME_TYPES.has(ent.type)) return entitySpan(tokens, ent, b);
  if (SUBJECT_PRONOUNS.has(tokens[b].text)) return [b, b];
  if (SUBJECT_PRONOUNS.has(tokens[a].text)) return [a, a];
  if (tokens[b].kind === 'word') return [a, b];
  return undefined;
}

function entitySpan(tokens: Token[], ent: Entity, k: number): [number, number] {
  let a = k, b = k;
  while (a - 1 >= 0 && tokens[a - 1].start >= ent.start) a--;
  while (b + 1 < tokens.length && tokens[b + 1].end <= ent.end) b++;
  return [a, b];
}

/** Speaker after a cue: said Smith / according to Scott Kennedy of ... */
function speakerRight(tokens: Token[], entityAt: EntityTokenIndex, k: number, end: number, inQuote: Int8Array): [number, number] | undefined {
  const start = k;
  while (k < end && !inQuote[k] && tokens[k].kind === 'word' && (DETS.has(tokens[k].text.toLowerCase()) || /^\p{Ll}/u.test(tokens[k].text)) && !entityAt.get(k)) {
    if (NP_STOP.has(tokens[k].text.toLowerCase()) && k > start) break;
    k++;
  }
  if (k < end && !inQuote[k]) {
    const ent = entityAt.get(k);
    if (ent && NAME_TYPES.has(ent.type)) {
      const [a, b] = entitySpan(tokens, ent, k);
      return k - start <= 5 ? [a, b] : undefined;
    }
    if (SUBJECT_PRONOUNS.has(tokens[k].text) && k === start) return [k, k];
  }
  // A common noun phrase: "said a senior official".
  if (k > start && k - start <= 6 && !NP_STOP.has(tokens[start].text.toLowerCase())) return [start, k - 1];
  return undefined;
}

/** Subject of a cue verb, scanning left and skipping relative clauses and dates. */
function speakerLeft(tokens: Token[], entityAt: EntityTokenIndex, k: number, winStart: number, inQuote: Int8Array): [number, number] | undefined {
  let steps = 0;
  while (k >= winStart && steps++ < 40) {
    if (inQuote[k]) { k--; continue; }
    const t = tokens[k];
    const ent = entityAt.get(k);
    if (ent && NAME_TYPES.has(ent.type)) {
      // "Trump, who has positioned his foreign policy as ..., said": the relative clause is skipped below.
      return entitySpan(tokens, ent, k);
    }
    if (ent) { k = lowerBoundEntity(tokens, ent, k) - 1; continue; } // dates, numbers
    if (SUBJECT_PRONOUNS.has(t.text)) return [k, k];
    if (t.text === ',') {
      // Skip back over ", who ... ," or an appositive ", a former adviser,".
      let j = k - 1;
      while (j >= winStart && tokens[j].text !== ',' && !inQuote[j]) j--;
      if (j >= winStart && tokens[j].text === ',' && /^(?:who|which|whose|a|an|the|his|her|its|their)$/i.test(tokens[j + 1]?.text ?? '')) { k = j - 1; continue; }
      k--; continue;
    }
    if (t.kind === 'word' && (SKIP_LEFT.has(t.text.toLowerCase()) || isCue(tokens, k))) { k--; continue; }
    if (t.kind === 'word' && /^\p{Ll}/u.test(t.text) && !NP_STOP.has(t.text)) {
      // A common noun phrase subject: "a U.S. official said", "experts believe".
      let a = k;
      while (a - 1 >= winStart && !inQuote[a - 1] && tokens[a - 1].kind === 'word' && !NP_STOP.has(tokens[a - 1].text.toLowerCase()) &&
             (DETS.has(tokens[a - 1].text.toLowerCase()) || /^\p{Ll}/u.test(tokens[a - 1].text) || entityAt.get(a - 1)) && k - a < 5) {
        a--;
        if (DETS.has(tokens[a].text.toLowerCase())) break;
      }
      return [a, k];
    }
    return undefined;
  }
  return undefined;
}

function lowerBoundEntity(tokens: Token[], ent: Entity, k: number): number {
  while (k - 1 >= 0 && tokens[k - 1].start >= ent.start) k--;
  return k;
}

function resolvePronoun(word: string, k: number, entities: Entity[], tokens: Token[], previous?: number): number | undefined {
  const w = word.toLowerCase();
  if (w === 'i' || w === 'we') return previous;
  const at = tokens[k].start;
  for (let i = entities.length - 1; i >= 0; i--) {
    const e = entities[i];
    if (e.end > at) continue;
    if ((w === 'he' || w === 'she') && e.type === 'PERSON') return e.cluster;
    if ((w === 'they' || w === 'it') && (e.type === 'ORG' || e.type === 'GPE' || e.type === 'NORP')) return e.cluster;
  }
  return previous;
}

function findWhen(entityAt: EntityTokenIndex, inQuote: Int8Array, a: number, b: number, winStart: number, winEnd: number): Entity | undefined {
  for (let d = 1; d <= 4; d++) {
    for (const k of [b + d, a - d]) {
      if (k < winStart || k >= winEnd || inQuote[k]) continue;
      const e = entityAt.get(k);
      if (e && (e.type === 'DATE' || e.type === 'TIME')) return e;
    }
  }
  return undefined;
}
