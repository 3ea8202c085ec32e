// Grammatical gender of person clusters, for "he"/"she" speakers: a pronoun never resolves to a person
// the text marks as the other gender. Evidence, in order of strength: courtesy titles before a mention
// ("Mr.", "Mrs.", "Ms."), gendered descriptors ("spokeswoman", "his wife"), and a given name from
// ../givenNames.ts. Conflicting or missing evidence leaves the gender unknown, and unknown is compatible
// with both pronouns: the lists only ever rule a candidate out.
import type { Cluster, Entity } from '../types';
import { givenNameGender, type Gender } from '../givenNames';
import { isSpace } from '../tokenize';

export type { Gender } from '../givenNames';

const words = (s: string): Set<string> => new Set(s.split(/\s+/).filter(Boolean));

/** Courtesy titles and other words before a name that mark its gender. */
const MALE_TITLES = words('mr mr. sir lord king prince father brother uncle');
const FEMALE_TITLES = words('mrs mrs. ms ms. miss madam lady queen princess sister aunt dame');

/** Heads of descriptors ("a spokeswoman", "his wife", "the congresswoman") that mark gender. */
const MALE_NOUNS = words(`man men spokesman congressman chairman businessman husband father son brother uncle nephew
  grandfather boyfriend king prince actor widower gentleman boy dad`);
const FEMALE_NOUNS = words(`woman women spokeswoman congresswoman chairwoman businesswoman wife mother daughter sister
  aunt niece grandmother girlfriend queen princess actress widow lady girl mom`);

/** The gender the text marks for each person cluster (clusters with none are absent). */
export function clusterGenders(text: string, entities: Entity[], clusters: Cluster[]): Map<number, Gender> {
  // Plain arrays: per call, cheaper to allocate than typed arrays.
  const male: number[] = new Array(clusters.length).fill(0);
  const female: number[] = new Array(clusters.length).fill(0);
  for (const e of entities) {
    if (e.type !== 'PERSON' || e.cluster === undefined) continue;
    // The word before the mention: "Mr. Smith", "Mrs Clinton".
    let b = e.start;
    while (b > 0 && text.charCodeAt(b - 1) === 32) b--;
    let a = b;
    while (a > 0 && b - a < 10 && text.charCodeAt(a - 1) > 32) a--;
    const w = a < b ? text.slice(a, b).toLowerCase() : '';
    if (MALE_TITLES.has(w)) male[e.cluster] += 3;
    else if (FEMALE_TITLES.has(w)) female[e.cluster] += 3;
  }
  const out = new Map<number, Gender>();
  for (const c of clusters) {
    if (c.type !== 'PERSON') continue;
    let m = male[c.id], f = female[c.id];
    for (const d of c.descriptors) {
      for (const word of d.text.toLowerCase().split(/[^a-z]+/)) {
        if (MALE_NOUNS.has(word)) m += 2;
        else if (FEMALE_NOUNS.has(word)) f += 2;
      }
    }
    // A first name counts only in a name of two words or more ("Kathryn Waters", not "Warhol").
    if (c.name.includes(' ')) {
      const first = firstWord(c.name);
      const given = givenNameGender(first);
      if (given === 'm') m += 1;
      else if (given === 'f') f += 1;
    }
    if (m > f) out.set(c.id, 'm');
    else if (f > m) out.set(c.id, 'f');
  }
  return out;
}

/** name.split(/\s+/)[0].toLowerCase().replace(/[.'’]+$/, ''): the first word, lower-cased, without
 *  final periods and apostrophes ("Jr." → "jr"). */
function firstWord(name: string): string {
  let end = 0;
  while (end < name.length && !isSpace(name.charCodeAt(end))) end++;
  const w = name.slice(0, end).toLowerCase();
  let k = w.length;
  for (let c = w.charCodeAt(k - 1); c === 46 || c === 39 || c === 0x2019; c = w.charCodeAt(k - 1)) k--;
  return k === w.length ? w : w.slice(0, k);
}

/** The gender of a third-person singular pronoun, if it has one. */
export function pronounGender(pronoun: string): Gender | undefined {
  const w = pronoun.toLowerCase();
  return w === 'he' ? 'm' : w === 'she' ? 'f' : undefined;
}
