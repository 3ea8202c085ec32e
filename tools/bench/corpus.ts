// A generated corpus of news articles for the workspace-index bench (and its tests): the seed
// article's paragraphs recombined per article with a fixed PRNG, its people, organisations and places
// replaced by names drawn from pools (so the same people recur across articles, some only by
// surname), and a sidecar with reviewers' notes beside every seventh article. Deterministic; needs
// nothing but seeds/.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { mulberry32 } from '../util/prng';

const FIRST = ['Anna', 'Ben', 'Carla', 'David', 'Elena', 'Farid', 'Grace', 'Hiro', 'Ines', 'James', 'Keiko', 'Liam', 'Maria',
  'Nadia', 'Omar', 'Priya', 'Quentin', 'Rosa', 'Samuel', 'Tara', 'Umar', 'Vera', 'Walter', 'Yusuf', 'Zoe'];
const LAST = ['Adler', 'Brennan', 'Castillo', 'Dumont', 'Eriksen', 'Fischer', 'Garcia', 'Hoffman', 'Ivanova', 'Jensen', 'Kowalski',
  'Lindqvist', 'Moreau', 'Nakamura', 'Okafor', 'Petrov', 'Quinn', 'Rossi', 'Schneider', 'Tanaka', 'Ulrich', 'Varga', 'Weber',
  'Yamamoto', 'Zimmermann', 'Kennedy', 'Novak', 'Silva', 'Larsen', 'Dubois'];
const ORGS = ['Meridian Systems', 'Northwind Bank', 'Helios Energy', 'Atlas Freight', 'Corvid Media', 'Bluefin Capital', 'Orion Health',
  'Granite Telecom', 'Summit Foods', 'Vantage Motors', 'Pinecrest Labs', 'Harbor Shipping', 'Quasar Semiconductors', 'Redwood Pharma'];
const PLACES: readonly [string, string][] = [['Brazil', 'Brasilia'], ['India', 'New Delhi'], ['Japan', 'Tokyo'], ['Germany', 'Berlin'],
  ['Canada', 'Ottawa'], ['Mexico', 'Mexico City'], ['Kenya', 'Nairobi'], ['Australia', 'Canberra'], ['France', 'Paris'], ['Egypt', 'Cairo']];

/** Names replaced in the seed, longest first (a full name before its surname). */
function substitutions(random: () => number): [RegExp, string][] {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const person = (): [string, string] => [pick(FIRST), pick(LAST)];
  const [a1, a2] = person();
  const [b1, b2] = person();
  const [c1, c2] = person();
  const [d1, d2] = person();
  const [country, capital] = pick(PLACES);
  const org1 = pick(ORGS);
  let org2 = pick(ORGS);
  if (org2 === org1) org2 = ORGS[(ORGS.indexOf(org1) + 1) % ORGS.length]!;
  // One article in four names its main person by surname only.
  const aFull = random() < 0.25 ? a2 : `${a1} ${a2}`;
  return [
    [/\bDonald Trump\b/g, aFull], [/\bTrump\b/g, a2],
    [/\bXi Jinping\b/g, `${b1} ${b2}`], [/\bXi\b/g, b2],
    [/\bScott Kennedy\b/g, `${c1} ${c2}`], [/\bChenyue Mao\b/g, `${d1} ${d2}`],
    [/\bTikTok\b/g, org1], [/\bByteDance\b/g, org2],
    [/\bChina\b/g, country], [/\bBeijing\b/g, capital], [/\bChinese\b/g, `${country}'s`],
  ];
}

const LABELS = ['claim', 'source', 'style', 'legal'];
const AUTHORS = ['Ana Reviewer', 'Ben Checker', 'Chloe Editor'];

function sidecarFor(text: string, random: () => number): string {
  const words = [...text.matchAll(/[A-Z][a-z]+(?: [a-z]+){2,4}/g)];
  const lines = ['version: 1', 'annotations:'];
  for (let i = 0; i < 2 && i < words.length; i++) {
    const m = words[Math.floor(random() * words.length)]!;
    lines.push(`  - id: n${i}-${m.index}`, `    label: ${LABELS[Math.floor(random() * LABELS.length)]}`,
      `    note: Check this (${i}).`, `    author: ${AUTHORS[Math.floor(random() * AUTHORS.length)]}`,
      `    status: ${random() < 0.6 ? 'open' : 'resolved'}`, '    target:', `      exact: ${JSON.stringify(m[0])}`,
      `      start: ${[...text.slice(0, m.index)].length}`, `      end: ${[...text.slice(0, m.index + m[0].length)].length}`);
  }
  return lines.join('\n') + '\n';
}

export interface CorpusSummary {
  articles: number;
  bytes: number;
  sidecars: number;
  files: string[];
}

/** Writes `count` articles of about `meanBytes` each under `dir` (in 20 sub-folders). */
export function generateCorpus(seedText: string, dir: string, count: number, meanBytes: number, seed = 17): CorpusSummary {
  const paragraphs = seedText.split(/\n+/).map((p) => p.trim()).filter(Boolean);
  const random = mulberry32(seed);
  const files: string[] = [];
  let bytes = 0;
  let sidecars = 0;
  for (let i = 0; i < count; i++) {
    const subs = substitutions(random);
    const target = meanBytes * (0.6 + 0.8 * random());
    const out: string[] = [];
    let length = 0;
    while (length < target) {
      const order = paragraphs.map((_, k) => k);
      for (let k = order.length - 1; k > 0; k--) {
        const j = Math.floor(random() * (k + 1));
        [order[k], order[j]] = [order[j]!, order[k]!];
      }
      for (const k of order) {
        let p = paragraphs[k]!;
        for (const [re, name] of subs) p = p.replace(re, name);
        out.push(p);
        length += Buffer.byteLength(p) + 1;
        if (length >= target) break;
      }
    }
    const text = out.join('\n') + '\n';
    const folder = path.join(dir, `desk-${String(i % 20).padStart(2, '0')}`);
    fs.mkdirSync(folder, { recursive: true });
    const file = path.join(folder, `article-${String(i).padStart(5, '0')}.txt`);
    fs.writeFileSync(file, text);
    bytes += Buffer.byteLength(text);
    files.push(file);
    if (i % 7 === 0) {
      fs.writeFileSync(`${file}.annotations.yaml`, sidecarFor(text, random));
      sidecars++;
    }
  }
  return { articles: count, bytes, sidecars, files };
}
