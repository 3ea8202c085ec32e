// Alias clustering: groups name mentions that refer to the same thing and picks a canonical name.
import type { Entity, EntityType, Cluster } from './types';
import * as L from './wordLists';
import { isSpace } from './tokenize';

/** Known alternative names, each group one referent. */
const ALIAS_GROUPS: string[][] = [
  ['United States', 'United States of America', 'U.S.', 'US', 'USA', 'U.S.A.', 'America'],
  ['United Kingdom', 'U.K.', 'UK', 'Britain', 'Great Britain'],
  ['United Nations', 'UN', 'U.N.'],
  ['European Union', 'EU', 'E.U.'],
  ['Soviet Union', 'USSR', 'U.S.S.R.'],
  ['United Arab Emirates', 'UAE', 'U.A.E.'],
  ['Federal Reserve', 'Fed'],
  ['Republican Party', 'GOP'],
  ['Associated Press', 'AP'],
  ['Agence France-Presse', 'AFP'],
  ['Islamic State', 'ISIS', 'ISIL'],
];
const ALIAS_KEY = new Map<string, string>();
for (const group of ALIAS_GROUPS) for (const name of group) ALIAS_KEY.set(normalize(name), normalize(group[0]));

const GROUPABLE: ReadonlySet<EntityType> = new Set(['PERSON', 'NORP', 'FAC', 'ORG', 'GPE', 'LOC', 'PRODUCT', 'EVENT', 'WORK_OF_ART', 'LAW', 'LANGUAGE']);

// The helpers below are hand-written scans equivalent to the regular expressions in their comments: they
// run several times per mention, where regular expressions and temporary arrays would cost most of the
// stage's time.

/** Length of a leading /^the\s+/i, or 0. */
function theLength(s: string): number {
  // `c | 32` lower-cases an ASCII letter, and only 'T'/'t' (and so on) give 't'.
  if (s.length < 4 || (s.charCodeAt(0) | 32) !== 116 || (s.charCodeAt(1) | 32) !== 104 || (s.charCodeAt(2) | 32) !== 101) return 0;
  let k = 3;
  while (k < s.length && isSpace(s.charCodeAt(k))) k++;
  return k > 3 ? k : 0;
}

function isDotOrSpace(c: number): boolean {
  return c === 46 || isSpace(c);
}

/** s.replace(/^the\s+/i, '').replace(/['’]s$/, '').replace(/[.\s]+/g, ' ').trim().toLowerCase() */
export function normalize(s: string): string {
  let i = theLength(s);
  let end = s.length;
  const q = s.charCodeAt(end - 2);
  if (end - i >= 2 && s.charCodeAt(end - 1) === 115 /* s */ && (q === 39 || q === 0x2019)) end -= 2;
  // Runs of dots and spaces become one space; at either end they go (the trim).
  while (i < end && isDotOrSpace(s.charCodeAt(i))) i++;
  while (end > i && isDotOrSpace(s.charCodeAt(end - 1))) end--;
  let out = '';
  let from = i;
  while (i < end) {
    const c = s.charCodeAt(i);
    if (!isDotOrSpace(c)) { i++; continue; }
    let j = i + 1;
    while (j < end && isDotOrSpace(s.charCodeAt(j))) j++;
    if (c !== 32 || j > i + 1) { out += s.slice(from, i) + ' '; from = j; } // else a lone ' ' stays as it is
    i = j;
  }
  out += s.slice(from, end);
  return out.toLowerCase();
}

/** s.replace(/^the\s+/i, '').split(/\s+/).filter(Boolean) */
function words(s: string): string[] {
  const out: string[] = [];
  const n = s.length;
  let i = theLength(s);
  while (i < n) {
    while (i < n && isSpace(s.charCodeAt(i))) i++;
    if (i >= n) break;
    const a = i;
    while (i < n && !isSpace(s.charCodeAt(i))) i++;
    out.push(s.slice(a, i));
  }
  return out;
}

/** words(s).length, without the words. */
function wordCount(s: string): number {
  let n = 0;
  for (let i = theLength(s); i < s.length; i++) {
    if (!isSpace(s.charCodeAt(i)) && (i === 0 || isSpace(s.charCodeAt(i - 1)))) n++;
  }
  return n;
}

/** The first letter of each word and of each hyphen-joined part, connectors left out, upper-cased. */
function initialsOf(ws: string[]): string {
  let out = '';
  for (const w of ws) {
    if (L.NAME_CONNECTORS.has(w)) continue;
    // As w.split('-').map((part) => part[0] ?? ''): an empty part ("--", a final "-") adds nothing.
    for (let p = 0; ;) {
      if (p < w.length && w.charCodeAt(p) !== 45 /* - */) out += w[p];
      const h = w.indexOf('-', p);
      if (h < 0) break;
      p = h + 1;
    }
  }
  return out.toUpperCase();
}

const ACRONYM_RE = /^(?:\p{Lu}\.?){2,}$/u;

/** /^(?:\p{Lu}\.?){2,}$/u.test(s.replace(/\s+/g, '')): two or more capitals, each with at most one dot. */
function isAcronym(s: string): boolean {
  let capitals = 0;
  let dotAllowed = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) { capitals++; dotAllowed = true; } else if (c === 46 && dotAllowed) dotAllowed = false;
    else if (c >= 128) return ACRONYM_RE.test(s.replace(/\s+/g, '')); // non-ASCII capitals: the regex decides
    else if (!isSpace(c)) return false;
  }
  return capitals >= 2;
}

/** s.replace(/[.\s]/g, '') */
function withoutDotsAndSpaces(s: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    if (isDotOrSpace(s.charCodeAt(i))) { out += s.slice(from, i); from = i + 1; }
  }
  return from === 0 ? s : out + s.slice(from);
}

/** s.replace(/^the\s+/i, '').replace(/\s+/g, ' ') */
function surfaceForm(s: string): string {
  let i = theLength(s);
  let out = '';
  let from = i;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (!isSpace(c)) { i++; continue; }
    let j = i + 1;
    while (j < s.length && isSpace(s.charCodeAt(j))) j++;
    if (c !== 32 || j > i + 1) { out += s.slice(from, i) + ' '; from = j; }
    i = j;
  }
  return out + s.slice(from);
}

interface Working {
  type: EntityType;
  /** Distinct surface forms in first-seen order, and how often each was seen. Arrays rather than a
   *  Map: most clusters have one or two forms, and a Map per cluster cost more to build than to search. */
  forms: string[];
  counts: number[];
  mentions: number[];
  familyFirst: boolean;
}

const compatible = (a: EntityType, b: EntityType) => a === b || (a === 'GPE' && b === 'LOC') || (a === 'LOC' && b === 'GPE');

/** Assigns `cluster` on name entities and returns the clusters. Entities must be sorted by start. */
export function buildAliasClusters(entities: Entity[]): Cluster[] {
  const work: Working[] = [];
  // Look-up tables, kept up to date as forms are added, so each mention costs a few Map look-ups.
  const byKey = new Map<EntityType, Map<string, number>>(); // type -> normalized form -> cluster
  const bySurname = new Map<string, number>(); // last word of a multi-word PERSON form (first word for "Xi Jinping")
  const byInitials = new Map<string, number>(); // initials of a multi-word form -> cluster
  // Multi-word forms whose initials are not in byInitials yet: added, in order, only when an acronym
  // asks (few mentions are acronyms), which leaves the map as if each had been added when seen.
  const pendingInitials: { words: string[]; idx: number }[] = [];
  let initialsDone = 0;
  const orgLongForms: { words: string[]; idx: number }[] = []; // ORG forms ending in an organisation word
  const keyed = (type: EntityType, k: string) => byKey.get(type)?.get(k);
  const setKey = (type: EntityType, k: string, idx: number) => {
    let m = byKey.get(type);
    if (!m) byKey.set(type, (m = new Map()));
    m.set(k, idx);
  };

  const find = (e: Entity, key: string, ws: string[]): number | undefined => {
    const aliasKey = ALIAS_KEY.get(key);
    for (let pass = 0; pass < (aliasKey ? 2 : 1); pass++) {
      const k = pass === 0 ? key : aliasKey!;
      const idx = keyed(e.type, k) ?? (e.type === 'GPE' || e.type === 'LOC' ? keyed(e.type === 'GPE' ? 'LOC' : 'GPE', k) : undefined);
      if (idx !== undefined) return idx;
    }
    // A surname (or family-first name) alone: "Trump" -> "Donald Trump", "Xi" -> "Xi Jinping".
    if (e.type === 'PERSON' && ws.length === 1) {
      const idx = bySurname.get(ws[0]);
      if (idx !== undefined) return idx;
    }
    // Acronyms: "APEC" <- "Asia-Pacific Economic Cooperation".
    if (isAcronym(e.text)) {
      for (; initialsDone < pendingInitials.length; initialsDone++) {
        const f = pendingInitials[initialsDone];
        byInitials.set(initialsOf(f.words), f.idx);
      }
      const idx = byInitials.get(withoutDotsAndSpaces(e.text));
      if (idx !== undefined && (compatible(work[idx].type, e.type) || e.type === 'ORG' || work[idx].type === 'ORG')) return idx;
    }
    // An organisation's name without its corporate word: "Wells Fargo" <- "Wells Fargo & Co".
    if (e.type === 'ORG' && joinedLength(ws) >= 4) {
      for (let i = orgLongForms.length - 1; i >= 0; i--) {
        const f = orgLongForms[i];
        if (f.words.length > ws.length && ws.every((x, j) => f.words[j] === x)) return f.idx;
      }
    }
    return undefined;
  };

  for (let index = 0; index < entities.length; index++) {
    const e = entities[index];
    if (!GROUPABLE.has(e.type)) continue;
    let key = normalize(e.text);
    if (e.type === 'NORP' && key.endsWith('s')) key = key.slice(0, -1);
    const ws = words(e.text);
    let idx = find(e, key, ws);
    if (idx === undefined) {
      idx = work.length;
      work.push({ type: e.type, forms: [], counts: [], mentions: [], familyFirst: ws.length >= 2 && L.FAMILY_FIRST_SURNAMES.has(ws[0]) });
    }
    const w = work[idx];
    setKey(w.type, key, idx);
    const aliasKey = ALIAS_KEY.get(key);
    if (aliasKey) setKey(w.type, aliasKey, idx);
    const surface = surfaceForm(e.text);
    const seen = w.forms.indexOf(surface);
    if (seen >= 0) w.counts[seen]++;
    else { w.forms.push(surface); w.counts.push(1); }
    w.mentions.push(index);
    if (seen < 0) {
      // words(surface) is ws unless the surface itself opens with another "the " ("The The Band").
      const fw = theLength(surface) === 0 ? ws : words(surface);
      if (fw.length >= 2) {
        if (w.type === 'PERSON') {
          bySurname.set(fw[fw.length - 1], idx);
          if (w.familyFirst) bySurname.set(fw[0], idx);
        }
        pendingInitials.push({ words: fw, idx });
        if (w.type === 'ORG' && L.ORG_SUFFIXES.has(fw[fw.length - 1])) orgLongForms.push({ words: fw, idx });
      }
    }
  }

  const clusters: Cluster[] = [];
  for (let id = 0; id < work.length; id++) {
    const w = work[id];
    const name = canonicalName(w.type, w.forms, w.counts);
    for (const m of w.mentions) entities[m].cluster = id;
    const aliases: string[] = [];
    // "U.S" at the end of a line is "U.S." with its period left to the sentence: not another alias.
    if (w.forms.length > 1) for (const f of w.forms) if (f !== name && !(f + '.' === name || w.forms.includes(f + '.'))) aliases.push(f);
    clusters.push({ id, name, type: w.type, aliases, descriptors: [], mentions: w.mentions });
  }
  return clusters;
}

/** ws.join(' ').length */
function joinedLength(ws: string[]): number {
  let n = ws.length - 1;
  for (const w of ws) n += w.length;
  return Math.max(n, 0);
}

/** The form with the highest score, ties to the first in locale order (then the first seen). Scores
 *  are computed once per form, not once per comparison. */
function canonicalName(type: EntityType, names: string[], counts: number[]): string {
  if (names.length === 1) return names[0];
  // Scores in a typed array: V8's optimised code stays valid whatever their values (an array made by
  // map() changed its element kind between documents and deoptimised the clustering).
  const scores = new Float64Array(names.length);
  for (let i = 0; i < names.length; i++) {
    const form = names[i], count = counts[i];
    scores[i] = type === 'PERSON'
      ? wordCount(form) * 1000 + count
      : (isAcronym(form) && expandsAcronym(names, withoutDotsAndSpaces(form)) ? -10000 : 0) + count * 100 + form.length;
  }
  let best = 0;
  for (let i = 1; i < names.length; i++) {
    // The first element of a stable sort by (score desc, localeCompare): strictly better only.
    const d = scores[i] - scores[best];
    if (d > 0 || (d === 0 && names[i].localeCompare(names[best]) < 0)) best = i;
  }
  return names[best];
}

/** Whether a multi-word form among `names` has these initials. */
function expandsAcronym(names: string[], letters: string): boolean {
  return names.some((f) => { const ws = words(f); return ws.length >= 2 && initialsOf(ws) === letters; });
}
