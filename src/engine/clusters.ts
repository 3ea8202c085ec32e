// Alias clustering: groups name mentions that refer to the same thing and picks a canonical name.
import type { Entity, EntityType, Cluster } from './types';
import * as L from './lexicon';

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

export function normalize(s: string): string {
  return s.replace(/^the\s+/i, '').replace(/['’]s$/, '').replace(/[.\s]+/g, ' ').trim().toLowerCase();
}

function words(s: string): string[] {
  return s.replace(/^the\s+/i, '').split(/\s+/).filter(Boolean);
}

function initials(name: string): string {
  return words(name)
    .filter((w) => !L.NAME_CONNECTORS.has(w))
    .flatMap((w) => w.split('-'))
    .map((w) => w[0] ?? '')
    .join('')
    .toUpperCase();
}

function isAcronym(s: string): boolean {
  return /^(?:\p{Lu}\.?){2,}$/u.test(s.replace(/\s+/g, ''));
}

interface Working {
  type: EntityType;
  keys: Set<string>;
  forms: Map<string, number>; // surface -> count
  mentions: number[];
  familyFirst: boolean;
}

/** Assigns `cluster` on name entities and returns the clusters. Entities must be sorted by start. */
export function buildClusters(entities: Entity[]): Cluster[] {
  const work: Working[] = [];
  // Look-up tables, kept up to date as forms are added, so each mention costs a few Map look-ups.
  const byKey = new Map<string, number>(); // "TYPE|normalized form" -> cluster
  const bySurname = new Map<string, number>(); // last word of a multi-word PERSON form (first word for "Xi Jinping")
  const byInitials = new Map<string, number>(); // initials of a multi-word form -> cluster
  const orgLongForms: { words: string[]; idx: number }[] = []; // ORG forms ending in an organisation word
  const compatible = (a: EntityType, b: EntityType) => a === b || (a === 'GPE' && b === 'LOC') || (a === 'LOC' && b === 'GPE');

  const find = (e: Entity, key: string): number | undefined => {
    const aliasKey = ALIAS_KEY.get(key);
    for (const k of aliasKey ? [key, aliasKey] : [key]) {
      const idx = byKey.get(`${e.type}|${k}`) ?? (e.type === 'GPE' || e.type === 'LOC' ? byKey.get(`${e.type === 'GPE' ? 'LOC' : 'GPE'}|${k}`) : undefined);
      if (idx !== undefined) return idx;
    }
    const ws = words(e.text);
    // A surname (or family-first name) alone: "Trump" -> "Donald Trump", "Xi" -> "Xi Jinping".
    if (e.type === 'PERSON' && ws.length === 1) {
      const idx = bySurname.get(ws[0]);
      if (idx !== undefined) return idx;
    }
    // Acronyms: "APEC" <- "Asia-Pacific Economic Cooperation".
    if (isAcronym(e.text)) {
      const idx = byInitials.get(e.text.replace(/[.\s]/g, ''));
      if (idx !== undefined && (compatible(work[idx].type, e.type) || e.type === 'ORG' || work[idx].type === 'ORG')) return idx;
    }
    // An organisation's name without its corporate word: "Wells Fargo" <- "Wells Fargo & Co".
    if (e.type === 'ORG' && ws.join(' ').length >= 4) {
      for (let i = orgLongForms.length - 1; i >= 0; i--) {
        const f = orgLongForms[i];
        if (f.words.length > ws.length && ws.every((x, j) => f.words[j] === x)) return f.idx;
      }
    }
    return undefined;
  };

  entities.forEach((e, index) => {
    if (!GROUPABLE.has(e.type)) return;
    let key = normalize(e.text);
    if (e.type === 'NORP') key = key.replace(/s$/, '');
    let idx = find(e, key);
    if (idx === undefined) {
      idx = work.length;
      const ws = words(e.text);
      work.push({ type: e.type, keys: new Set(), forms: new Map(), mentions: [], familyFirst: ws.length >= 2 && L.FAMILY_FIRST_SURNAMES.has(ws[0]) });
    }
    const w = work[idx];
    w.keys.add(key);
    byKey.set(`${w.type}|${key}`, idx);
    const aliasKey = ALIAS_KEY.get(key);
    if (aliasKey) byKey.set(`${w.type}|${aliasKey}`, idx);
    const surface = e.text.replace(/^the\s+/i, '').replace(/\s+/g, ' ');
    const seen = w.forms.get(surface);
    w.forms.set(surface, (seen ?? 0) + 1);
    w.mentions.push(index);
    if (seen === undefined) {
      const fw = words(surface);
      if (fw.length >= 2) {
        if (w.type === 'PERSON') {
          bySurname.set(fw[fw.length - 1], idx);
          if (w.familyFirst) bySurname.set(fw[0], idx);
        }
        byInitials.set(initials(surface), idx);
        if (w.type === 'ORG' && L.ORG_SUFFIXES.has(fw[fw.length - 1])) orgLongForms.push({ words: fw, idx });
      }
    }
  });

  const clusters: Cluster[] = [];
  work.forEach((w, id) => {
    const forms = [...w.forms.entries()];
    const name = canonicalName(w.type, forms);
    for (const m of w.mentions) entities[m].cluster = id;
    clusters.push({
      id,
      name,
      type: w.type,
      aliases: forms.map(([f]) => f).filter((f) => f !== name),
      descriptors: [],
      mentions: w.mentions,
    });
  });
  return clusters;
}

function canonicalName(type: EntityType, forms: [string, number][]): string {
  const score = ([form, count]: [string, number]) => {
    const n = words(form).length;
    if (type === 'PERSON') return n * 1000 + count;
    const acronymPenalty = isAcronym(form) && forms.some(([f]) => words(f).length >= 2 && initials(f) === form.replace(/[.\s]/g, '')) ? -10000 : 0;
    return acronymPenalty + count * 100 + form.length;
  };
  return forms.slice().sort((a, b) => score(b) - score(a) || a[0].localeCompare(b[0]))[0][0];
}
