// findValues() runs each value pattern only where one of its matches could start (src/engine/values.ts);
// it must give exactly what the plain global scans give (test/support/valuesReference.ts), on the seeds
// and on generated texts that put the patterns' triggers at the edges: text start and end, across
// newlines and long runs of spaces, in any letter case, glued to non-ASCII letters and digits.
// The same comparison on the dev and training data was the one-off scripts/values-equiv.ts (in git history).
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { findValues } from '../../src/engine/values';
import { mulberry32 } from '../../tools/util/prng';
import { findValuesReference } from '../support/valuesReference';

const SEEDS_DIR = path.resolve(__dirname, '..', '..', 'seeds');
const SEEDS = readdirSync(SEEDS_DIR).filter((f) => f.endsWith('.txt')).map((f) => readFileSync(path.join(SEEDS_DIR, f), 'utf8'));

// Value phrases and their pieces, and words that are near misses.
const FRAGMENTS = [
  // MONEY
  '$5', '$ 5', '$5.5bn', 'US$ 5', 'US$5 million', 'U.S.$3', 'A$2', 'C$ 10', 'HK$7.8', 'NZ$1', 'S$4', '€3bn', '£1,000', '¥500', '₹20', 'XUS$5',
  '5 dollars', '5 million dollars', '5m dollars', '5 \n million dollars', '1,234.5 euros', '7 euro', '9 pounds sterling', '3 yen', '4 won',
  '12 rand', '2 renminbi', 'USD 5', 'USD5m', 'EUR 3', 'GBP1', 'CNY 2', 'JPY9', 'xUSD5', 'Usd 5', 'dollars', 'won', 'she', '5  \t cents',
  // PERCENT
  '5%', '5 %', '5\n%', '5.5 percent', '5 per cent', '5 percentage points', '5 percentage point', 'ten percent', 'TEN PERCENT', 'often %',
  'twenty  \n percent', 'x12%', '1234,567%', '1,234%', '%', 'percent', 'per', 'per cent', 'Percentage', '3percent', 'seventeen %', 'dozens %',
  // TIME
  '10 a.m.', '10am', '10 pm', '10PM', '10:30', '10:30 GMT', '9:15 EST', '7 p.m. EDT', '123pm', 'noon', 'noonday', 'midnight', 'tonight',
  'overnight', 'this morning', 'Friday  night', 'yesterday\nafternoon', 'last evening', 'This Morning',
  // durations
  'four hours', 'about\n\n  four hours', 'nearly two-and-a-half hours', 'half an hour', 'an hour and a half', 'a few minutes', 'a couple of seconds',
  'just over 3.5 hours', '3.5-hour', '90 minutes', 'MORE THAN TEN MINUTES', 'a second', 'A Second', 'several hours', 'many minutes',
  'hour', 'minutes', 'second', '5 hours-long',
  // relative dates
  'this year', "this year's", 'last week', 'next month', 'early next year', 'the past two years', 'the next few months', 'two years ago',
  'a year ago', 'a year', 'a week-long', 'an hour', '3 days', '3-day', '2.5 years later', 'today', "today's", 'Yesterday', 'tomorrow',
  'recently', 'the 21st century', 'the twentieth century', 'the early nineties', 'the mid-sixties', 'this weekend', 'the weekend',
  'every summer', 'THIS WINTER', 'last decade', 'coming quarters', 'each century',
  '3 quarters', '2-century', '5 decades', '4 weekends', '6 weeks', '7 months', '1 day', '10 years old', '2.5-week', 'one year earlier',
  // absolute dates
  'March 3', 'March 3 - April 5, 1999', 'March 3–5', 'Jan. 5, 2020', 'Sept. 11', 'Sep. 1', 'May 5', 'May', 'in May', 'may', 'XMarch 3',
  '5 May 2020', '5 May 2020 - 7 May 2020', '3rd March', '31st Dec. 1999', '123 March', 'early March', 'mid-March', 'the end of June',
  'June 2021', 'June of 2021', 'on Monday', "Monday's", 'Mondays', 'last Friday', 'every Sunday', 'on\n\nTuesday', 'the 1990s', 'fiscal 1980s',
  '1980s', 'fiscal 2020', 'in 1999', 'since  2001', 'of\n2019', 'the year 2000', '1999-2000', '2001–02', '2010/11', '2020.5', '1,999',
  'the first quarter of 2021', 'first half of the year', 'X quarter of 2020', 'firstquarter of 2020', '3rd quarter of 2019',
  'second half of 2020', 'Second half of the year', 'spring 2020', 'summer of 2019', 'Christmas', 'Easter', "New Year's Eve",
  "New Year's", 'Election Day', 'Independence Day', 'Labor Day', 'Memorial Day', 'Ramadan', 'Halloween', 'Thanksgiving',
  // QUANTITY, ORDINAL, CARDINAL
  '5 km', '5km', '5-km', '5 million barrels', '5m tonnes', '10 sq km', '3 square miles', '100 km/h', '60 mph', 'twokm', 'two km',
  'dozens of', 'five kilometres', '30 degrees', '5 MW', '5\nkm', '5.km',
  'first', 'second', 'a second', 'per second', 'every second', 'twentieth', '21st', '3rd', '2nd', '1,000th', '5TH', 'hundredth',
  'one', 'no one', 'one of', 'any one', 'twenty-one', 'twenty one', 'two hundred', 'three million', '3 million', '3 bn', '1,234,567.89',
  '3.', '3.5', '.5', '1,23', 'twentyone', 'eighteen', 'tenth', 'dozen', 'thousands', 'several', 'a few', 'many', 'a', 'an', 'A', 'AN',
  // codes and names glued to digits
  'F-16', 'G20', 'COVID-19', 'x5', '_5', '5_', 'é5', 'Ж3', '٣٤', 'a5b',
  // words that share a prefix with a trigger
  'the', 'The', 'THE', 'this', 'last', 'for', 'former', 'thirty', 'those', 'tennis', 'military', 'president', 'company', 'new', 'New',
  'Europe', 'Jane', 'Mark', 'Octopus', 'in', 'by', 'of', 'on', 'from', 'before', 'after', 'since', 'until', 'fiscal', 'early', 'late', 'mid',
];
const SEPARATORS = [' ', ' ', ' ', '', '\n', '\n\n', '  \n  ', '\t', '\u00a0', '\u2009', '\u3000', ', ', '. ', '-', '–', '—', '/', "'", '’', 'é', 'Ж', '_', '0', 'x'];

function pick<T>(random: () => number, xs: readonly T[]): T {
  return xs[Math.floor(random() * xs.length)]!;
}

function recase(random: () => number, s: string): string {
  const r = random();
  if (r < 0.7) return s;
  if (r < 0.8) return s.toUpperCase();
  if (r < 0.9) return s.toLowerCase();
  return [...s].map((ch) => (random() < 0.5 ? ch.toUpperCase() : ch.toLowerCase())).join('');
}

/** Fragments joined by separators, some texts starting or ending mid-fragment. Deterministic. */
function fragmentTexts(count: number, seed: number): string[] {
  const random = mulberry32(seed);
  const out: string[] = [];
  for (let t = 0; t < count; t++) {
    const n = 1 + Math.floor(random() * (random() < 0.3 ? 3 : 40));
    let text = '';
    for (let i = 0; i < n; i++) text += (i > 0 ? pick(random, SEPARATORS) : '') + recase(random, pick(random, FRAGMENTS));
    if (random() < 0.2) text = text.slice(Math.floor(random() * Math.min(5, text.length)));
    if (random() < 0.2) text = text.slice(0, text.length - Math.floor(random() * Math.min(5, text.length)));
    out.push(text);
  }
  return out;
}

/** Random characters from an alphabet of the patterns' trigger characters and neighbours. */
function charTexts(count: number, seed: number): string[] {
  const random = mulberry32(seed);
  const alphabet = [...'0123456789012345,.:%$€£¥₹-–/ \n\t\u00a0amphsnrtdkAMPHSNRTDKUSEGCJ\'’_éЖ'];
  return Array.from({ length: count }, () => Array.from({ length: 1 + Math.floor(random() * 120) }, () => pick(random, alphabet)).join(''));
}

/** Seed text with words replaced by fragments, at random places. */
function seededTexts(count: number, seed: number): string[] {
  const random = mulberry32(seed);
  return Array.from({ length: count }, (_, t) => {
    const words = SEEDS[t % SEEDS.length]!.split(/(\s+)/);
    for (let k = 0; k < 40; k++) words[Math.floor(random() * words.length)] = recase(random, pick(random, FRAGMENTS));
    return words.join('');
  });
}

function assertSame(text: string): void {
  const got = findValues(text), want = findValuesReference(text);
  assert.deepEqual(got, want, `findValues differs from the reference on ${JSON.stringify(text.length > 400 ? text.slice(0, 400) + '…' : text)}`);
}

describe('findValues: the gated scan equals the plain global scans', () => {
  it('on the seed articles', () => {
    assert.ok(SEEDS.length > 0);
    for (const text of SEEDS) assertSame(text);
  });

  it('on every fragment alone, at text start and end, and between spaces and newlines', () => {
    for (const f of FRAGMENTS) {
      for (const text of [f, f.toUpperCase(), f.toLowerCase(), ` ${f} `, `\n${f}\n`, `x${f}x`, `5${f}5`, `é${f}é`, `${f}.`, `${f}${f}`, `${f} ${f}`]) assertSame(text);
    }
  });

  it('on generated texts of fragments, of trigger characters and of the seeds with fragments put in', () => {
    const texts = [...fragmentTexts(6000, 1), ...charTexts(4000, 2), ...seededTexts(200, 3)];
    const types = new Map<string, number>();
    for (const text of texts) {
      assertSame(text);
      for (const v of findValuesReference(text)) types.set(v.type, (types.get(v.type) ?? 0) + 1);
    }
    // The generated texts must reach every kind of value, so a gate that drops a kind's matches shows.
    for (const type of ['DATE', 'TIME', 'MONEY', 'PERCENT', 'QUANTITY', 'ORDINAL', 'CARDINAL']) assert.ok((types.get(type) ?? 0) > 100, `${type}: ${types.get(type) ?? 0}`);
  });
});
