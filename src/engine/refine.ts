// Refines coarse CoNLL labels (PER/ORG/LOC/MISC) from a recognizer to OntoNotes name types.
import type { NameMention } from './recognizer';
import type { NameType } from './types';
import * as L from './lexicon';

/** Last words that make a phrase an organisation even when the recognizer called it MISC. */
const STRONG_ORG_HEADS = new Set(['Cooperation', 'Organization', 'Organisation', 'Association', 'Council', 'Committee', 'Commission', 'Agency', 'Ministry', 'Department', 'Institute', 'Corporation', 'Inc', 'Inc.', 'Ltd', 'Ltd.', 'Bank', 'Fund']);
/** Well-known organisation names that are also buildings or places, which the recognizer may rightly call a place. */
const ORG_OR_PLACE = new Set(['White House', 'Pentagon', 'Kremlin', 'Downing Street', 'Elysee', 'Vatican', 'Congress', 'Parliament', 'Senate', 'Oxford', 'Cambridge', 'Columbia']);

/** Well-known organisation names that are also market indices, which the recognizer may rightly call MISC. */
const ORG_OR_INDEX = new Set(['Dow Jones', 'Nasdaq', 'S&P', 'Standard & Poor\'s', 'Nikkei', 'FTSE', 'Hang Seng']);

const DEMONYM_RE = /(?:an|ans|ian|ians|ese|ish|i|is|ic|ch|sh)$/;

export function refineType(mention: NameMention, surface: string, text: string): NameType {
  const label = mention.label;
  if (label !== 'PER' && label !== 'ORG' && label !== 'LOC' && label !== 'MISC') return label;
  const words = surface.split(/\s+/);
  const lastW = words[words.length - 1];
  const firstW = words[0];
  // A well-known organisation keeps its type whatever the recognizer guessed ("Wells Fargo" is not
  // the city of Fargo), unless the name is also a place or a group, or is also a market index and the
  // recognizer said MISC ("the Dow Jones industrial average", "the Nasdaq composite").
  if (label !== 'ORG' && !(label === 'MISC' && ORG_OR_INDEX.has(surface)) && L.ORG_NAMES.has(surface) && !ORG_OR_PLACE.has(surface) && !L.GPE_NAMES.has(surface) && !L.LOC_NAMES.has(surface) && !L.NORP_WORDS.has(surface)) return 'ORG';
  switch (label) {
    case 'PER':
      return 'PERSON';
    case 'ORG':
      return 'ORG';
    case 'LOC':
      if (L.LOC_NAMES.has(surface)) return 'LOC';
      if (L.GPE_NAMES.has(surface)) return 'GPE';
      if (words.length > 1 && L.FAC_SUFFIXES.has(lastW)) return 'FAC';
      if (words.length > 1 && L.LOC_SUFFIXES.has(lastW) && !L.GPE_SUFFIXES.has(lastW)) return 'LOC';
      if (/^(?:North|South|East|West|Central|Northern|Southern|Eastern|Western)$/.test(firstW) && words.length > 1 && !L.GPE_NAMES.has(words.slice(1).join(' '))) return 'LOC';
      return 'GPE';
    case 'MISC': {
      if (L.NORP_WORDS.has(surface) || L.NORP_WORDS.has(surface.replace(/s$/, ''))) return 'NORP';
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
