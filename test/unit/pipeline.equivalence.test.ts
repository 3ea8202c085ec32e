// The hand-written scans that replaced regular expressions in the pipeline must agree with the
// expressions they replaced. The one-off check that the optimised stages give byte-identical output to the
// version before the speed work, on all dev texts, was the one-off scripts/pipeline-equiv.ts (it needed git
// history and the dev data; finished, it is kept in git history only).
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { asciiTokenKind, cliticStart, isSpace, scanAscii, TOKEN_RE } from '../../src/engine/tokenize';
import { mulberry32 } from '../../tools/util/prng';

const SEED = readFileSync(path.resolve(__dirname, '..', '..', 'seeds', 'trump-xi-tiktok-call.txt'), 'utf8');

// Pieces that exercise the tokenizer's and the value patterns' corners, ASCII and not.
const PIECES = [
  'U.S.', 'U.S', 'e.g.', 'i.e', 'Mr.', 'Inc.', 'Jan.', 'J.', 'x.', 'A.5', 'U.S.-China', "U.S.'s", 'O\'Brien', 'O’Brien’s',
  "don't", 'DON’T', "we're", "it's", "'s", "n't", "Beijing's", "rock'n'roll", "ab''s", 'AT&T', 'Asia-Pacific', 'F-16', 'G20',
  'COVID-19', '3.5', '3.', '1,000th', '1990s', '2nd', '3rdly', '5s', '12:30', '78/90', '1,234,567.89', '$5', 'US$5 million',
  '€3bn', '5 percent', '5%', 'ten percent', 'May 5', 'May', 'in May', 'May 5, 2020', '5 May 2020 – 7 May 2020', 'last Friday',
  'Friday morning', '10 a.m.', '10:30 GMT', 'the 1990s', 'fiscal 2020', 'the first quarter of 2021', 'two weeks ago', 'a year',
  'a second', 'one of', 'no one', 'the past few years', 'twenty-one', '3 million', '5 km', 'first', 'Christmas',
  'café', 'café’s', 'naïve', 'Ж.Д.', 'Жук', 'e\u0301t\u0301', '٣٤', 'x٣', '😀', 'a😀b', 'Éric', 'É.', 'ß', 'İstanbul', 'K\u212a',
  '“', '”', '‘', '’', '"', "'", '(', ')', '—', '–', '-', '&', '.', '..', '...', '…', ',', ';', ':', '!', '?', '/', '%', '$',
  '\u00a0', '\u2009', '\u200b', '\ufeff', '\u2028', '\u3000', '\t', '\n', '\r\n', '\n\n', '\n \n', '\r\n\t\r\n', '\u000b', '\u0000',
  'The', 'the', 'THE', 'the\u00a0', 'President', 'Xi', 'Jinping', 'Donald Trump', 'Wells Fargo & Co', 'ByteDance',
];

/** Random strings over a small alphabet of letters, digits, separators and non-ASCII characters: every
 *  character meets every other. */
function charFuzz(count: number, seed: number): string[] {
  const random = mulberry32(seed);
  const alphabet = [..."aAbBdDeEgGhHiIjJlLmMnNrRsStTuUvVxXyYzZ0123456789...,,::/''’’&--%$ \n\t\u00a0éÉŽ٣\u0301😀“”"];
  return Array.from({ length: count }, () => Array.from({ length: 200 }, () => alphabet[Math.floor(random() * alphabet.length)]).join(''));
}

function fuzzTexts(count: number, seed: number): string[] {
  const random = mulberry32(seed);
  const words = SEED.split(/\s+/).filter(Boolean);
  const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)];
  const out: string[] = [];
  for (let t = 0; t < count; t++) {
    const parts: string[] = [];
    const n = 20 + Math.floor(random() * 200);
    for (let i = 0; i < n; i++) {
      const r = random();
      const part = r < 0.5 ? pick(PIECES) : pick(words);
      // Mostly spaced, sometimes glued, so pieces also meet mid-token.
      parts.push(part, r < 0.8 ? ' ' : r < 0.9 ? '' : pick(['\n', '\n\n', ', ', '. ']));
    }
    out.push(random() < 0.2 ? parts.join('').toUpperCase() : parts.join(''));
  }
  return out;
}

describe('pipeline speed work: hand-written scans agree with the regular expressions', () => {
  it('isSpace() is /\\s/ for every UTF-16 code unit', () => {
    for (let c = 0; c < 0x10000; c++) assert.equal(isSpace(c), /\s/.test(String.fromCharCode(c)), `U+${c.toString(16)}`);
  });

  it('scanAscii() ends every token where TOKEN_RE does, or leaves it to the regex', () => {
    let decided = 0;
    for (const text of [SEED, PIECES.join(' '), PIECES.join(''), ...fuzzTexts(200, 1), ...charFuzz(300, 5)]) {
      for (let i = 0; i < text.length; i++) {
        if (isSpace(text.charCodeAt(i))) continue; // the tokenizer skips these before scanning
        const end = scanAscii(text, i);
        if (end < 0) continue;
        decided++;
        TOKEN_RE.lastIndex = i;
        const m = TOKEN_RE.exec(text)!;
        const what = `token at ${i} in ${JSON.stringify(text.slice(i, i + 20))}`;
        assert.equal(end, i + m[0].length, what);
        assert.equal(asciiTokenKind(text.charCodeAt(i)), m[2] !== undefined ? 'number' : m[4] !== undefined ? 'punct' : 'word', what);
      }
    }
    assert.ok(decided > 10_000, `only ${decided} positions decided without the regex`);
  });

  it('cliticStart() splits words as /^(.+?)(clitic)$/u does', () => {
    const CLITIC = /^(.+?)(['’](?:s|S|re|ve|ll|d|m|RE|VE|LL|D|M)|n['’]t|N['’]T)$/u;
    const words = [...PIECES, ...[...fuzzTexts(100, 2), ...charFuzz(100, 7)].flatMap((t) => t.split(/\s+/))];
    const random = mulberry32(3);
    for (let i = 0; i < 3000; i++) words.push(Array.from({ length: 1 + Math.floor(random() * 6) }, () => "abnNtTsSdDmMrReEvVlL'’x"[Math.floor(random() * 23)]).join(''));
    for (const w of words) {
      const m = CLITIC.exec(w);
      assert.equal(cliticStart(w), m ? m[1].length : -1, JSON.stringify(w));
    }
  });
});
