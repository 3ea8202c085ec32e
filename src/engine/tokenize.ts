// Tokenizer and sentence splitter close to the Penn Treebank / CoNLL-2003 conventions
// ("U.S." is one token, "Beijing's" is "Beijing" + "'s", "Asia-Pacific" stays whole), so that a model
// trained on CoNLL tokens sees the same units at run time. Offsets index the original string.

export type TokenKind = 'word' | 'number' | 'punct';

export interface Token {
  start: number;
  end: number;
  text: string;
  kind: TokenKind;
  /** Index of the sentence this token belongs to. */
  sentence: number;
  /** True when a line break separates this token from the previous one. */
  lineStart: boolean;
}

export interface Sentence {
  start: number;
  end: number;
  /** Token index range [first, last). */
  first: number;
  last: number;
}

export interface Tokenized {
  tokens: Token[];
  sentences: Sentence[];
}

/** Whether UTF-16 unit `c` is one that /\s/ matches (and String.prototype.trim removes). */
export function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || (c >= 0xa0 && (c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff));
}

/** Abbreviations that keep their period and usually do not end a sentence. */
const TITLE_ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'gen', 'sen', 'rep', 'gov', 'lt', 'col', 'maj', 'capt', 'sgt', 'adm',
  'rev', 'fr', 'st', 'mt', 'ft', 'pres', 'supt', 'insp', 'hon', 'messrs', 'mme', 'mlle', 'no', 'nos', 'vs',
  'v', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'approx', 'est',
  'dept', 'univ', 'assn', 'bros', 'e.g', 'i.e', 'cf', 'al', 'fig',
]);
/** Abbreviations that keep their period but may end a sentence. */
const FINAL_ABBREVIATIONS = new Set(['inc', 'corp', 'co', 'ltd', 'jr', 'sr', 'plc', 'llc', 'etc', 'bhd', 'ag', 'sa', 'nv']);

// A word: letters/digits with internal hyphens, periods (abbreviations like U.S.), apostrophes
// (O'Brien) and ampersands (AT&T). Numbers: digits with internal , . : / separators. This regex is the
// definition; scanAscii() below gives the same tokens without it where only ASCII characters decide.
export const TOKEN_RE =
  /(\p{L}\.(?:\p{L}\.)+)|(\d+(?:[.,:/]\d+)*(?:st|nd|rd|th|s)?)|([\p{L}\p{M}\p{N}]+(?:[-'’&.][\p{L}\p{M}\p{N}]+)*)|(\S)/uy;

const isAsciiLetter = (c: number): boolean => (c | 32) >= 97 && (c | 32) <= 122;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isAsciiAlnum = (c: number): boolean => isAsciiLetter(c) || isDigit(c);
const isApostrophe = (c: number): boolean => c === 39 || c === 0x2019;
/** text.charCodeAt(k), but -1 instead of NaN past the end: the same for every comparison scanAscii makes,
 *  and V8's optimised code is not thrown away (deoptimised) at the first read past the end. */
const codeAt = (text: string, k: number): number => (k < text.length ? text.charCodeAt(k) : -1);

/** The kind of a token scanAscii() found, from its first character: TOKEN_RE's number group starts with
 *  a digit, its word groups with a letter, and anything else is a one-character token. */
export function asciiTokenKind(c: number): TokenKind {
  return isDigit(c) ? 'number' : isAsciiLetter(c) ? 'word' : 'punct';
}

/**
 * The end of the token TOKEN_RE matches at i (kind: asciiTokenKind), or -1 when a non-ASCII character
 * could change the match (a letter, mark or digit outside ASCII) and the regex must decide. Saves a
 * regex call and its match array per token.
 */
export function scanAscii(text: string, i: number): number {
  const c = codeAt(text, i);
  if (c >= 128) return -1;
  if (isDigit(c)) {
    // \d+(?:[.,:/]\d+)*(?:st|nd|rd|th|s)? — \d is ASCII only, so nothing else can matter.
    let k = i + 1;
    while (isDigit(codeAt(text, k))) k++;
    for (;;) {
      const sep = codeAt(text, k);
      if ((sep === 46 || sep === 44 || sep === 58 || sep === 47) && isDigit(codeAt(text, k + 1))) {
        k += 2;
        while (isDigit(codeAt(text, k))) k++;
      } else break;
    }
    const a = codeAt(text, k), b = codeAt(text, k + 1);
    if ((a === 115 && b === 116) || (a === 110 && b === 100) || (a === 114 && b === 100) || (a === 116 && b === 104)) k += 2; // st nd rd th
    else if (a === 115) k++; // s
    return k;
  }
  if (!isAsciiLetter(c)) return i + 1; // \S (the caller has skipped ASCII white space)
  // \p{L}\.(?:\p{L}\.)+ : "U.S.", "e.g."
  if (codeAt(text, i + 1) === 46) {
    let k = i + 2;
    for (;;) {
      const l = codeAt(text, k);
      if (l >= 128) return -1;
      if (!isAsciiLetter(l) || codeAt(text, k + 1) !== 46) break;
      k += 2;
    }
    if (k > i + 2) return k;
  }
  // [\p{L}\p{M}\p{N}]+(?:[-'’&.][\p{L}\p{M}\p{N}]+)*
  let k = i + 1;
  for (;;) {
    const d = codeAt(text, k);
    if (isAsciiAlnum(d)) { k++; continue; }
    if (d >= 128 && d !== 0x2019) return -1;
    if (d === 45 || d === 39 || d === 0x2019 || d === 38 || d === 46) {
      const e = codeAt(text, k + 1);
      if (isAsciiAlnum(e)) { k += 2; continue; }
      if (e >= 128) return -1;
    }
    break;
  }
  return k;
}

/** Where the clitic of a word starts ("Beijing|'s", "did|n't"), or -1: the split of
 *  /^(.+?)(['’](?:s|S|re|ve|ll|d|m|RE|VE|LL|D|M)|n['’]t|N['’]T)$/u. */
export function cliticStart(w: string): number {
  const n = w.length;
  // The lazy head takes the shortest head, so a three-letter clitic wins over a two-letter one.
  if (n >= 4) {
    const a = w.charCodeAt(n - 3), b = w.charCodeAt(n - 2), c = w.charCodeAt(n - 1);
    if (isApostrophe(a) && ((b === 114 && c === 101) || (b === 118 && c === 101) || (b === 108 && c === 108) ||
        (b === 82 && c === 69) || (b === 86 && c === 69) || (b === 76 && c === 76))) return n - 3; // re ve ll RE VE LL
    if (isApostrophe(b) && ((a === 110 && c === 116) || (a === 78 && c === 84))) return n - 3; // n't N'T
  }
  if (n >= 3 && isApostrophe(w.charCodeAt(n - 2))) {
    const c = w.charCodeAt(n - 1);
    if (c === 115 || c === 83 || c === 100 || c === 109 || c === 68 || c === 77) return n - 2; // s S d m D M
  }
  return -1;
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 128) return false;
  return true;
}

/** Whether a word followed by "." keeps the period: a known abbreviation, a single capital ("J."),
 *  or letters joined by periods ("U.S" of "U.S."). */
function keepsPeriod(w: string): boolean {
  const lower = w.toLowerCase();
  if (TITLE_ABBREVIATIONS.has(lower) || FINAL_ABBREVIATIONS.has(lower)) return true;
  if (!isAscii(w)) return /^\p{Lu}$/u.test(w) || /^(?:\p{L}+\.)+\p{L}+$/u.test(w);
  if (w.length === 1) return w.charCodeAt(0) >= 65 && w.charCodeAt(0) <= 90;
  // /^(?:\p{L}+\.)+\p{L}+$/ in ASCII: letters, single inner periods, at least one.
  let dots = 0;
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c === 46) {
      if (i === 0 || i === w.length - 1 || w.charCodeAt(i - 1) === 46) return false;
      dots++;
    } else if (!isAsciiLetter(c)) return false;
  }
  return dots > 0;
}

export function tokenize(text: string): Tokenized {
  const tokens: Token[] = [];
  let i = 0;
  let sawNewline = true;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 32) { i++; continue; } // the usual separator, first
    if (c === 10 || c === 13) { sawNewline = true; i++; continue; }
    if (c === 32 || c === 9 || c === 0xa0 || c === 0x2009 || c === 0x200b || c === 0xfeff || c === 12 || c === 11) { i++; continue; }
    let end = scanAscii(text, i);
    let kind: TokenKind;
    if (end >= 0) kind = asciiTokenKind(c);
    else {
      TOKEN_RE.lastIndex = i;
      const m = TOKEN_RE.exec(text);
      if (!m) { i++; continue; }
      if (m[4] !== undefined && /\s/u.test(m[0])) { i += m[0].length; continue; }
      end = i + m[0].length;
      kind = m[2] !== undefined ? 'number' : m[4] !== undefined ? 'punct' : 'word';
    }
    let tokText = text.slice(i, end);
    // Keep the abbreviation period: "Mr." "Inc." "Jan."
    if (kind === 'word' && text.charCodeAt(end) === 46 /* . */ && keepsPeriod(tokText)) {
      tokText += '.';
      end++;
    }
    // Split clitics: "Beijing's" -> "Beijing" "'s"; "didn't" -> "did" "n't".
    if (kind === 'word') {
      const cut = cliticStart(tokText);
      if (cut > 0 && !isApostrophe(tokText.charCodeAt(cut - 1))) {
        pushToken(tokens, i, i + cut, tokText.slice(0, cut), 'word', sawNewline);
        sawNewline = false;
        pushToken(tokens, i + cut, end, tokText.slice(cut), 'word', false);
        i = end;
        continue;
      }
    }
    pushToken(tokens, i, end, tokText, kind, sawNewline);
    sawNewline = false;
    i = end;
  }
  const sentences = splitSentences(text, tokens);
  return { tokens, sentences };
}

function pushToken(tokens: Token[], start: number, end: number, text: string, kind: TokenKind, lineStart: boolean) {
  tokens.push({ start, end, text, kind, sentence: 0, lineStart });
}

const CLOSERS = new Set(['"', '”', '’', "'", ')', ']', '»']);
const OPENERS = new Set(['"', '“', '‘', "'", '(', '[', '«']);

function isSentenceFinal(tok: Token): boolean {
  if (tok.kind === 'punct') return tok.text === '.' || tok.text === '!' || tok.text === '?' || tok.text === '…';
  if (tok.kind === 'word' && tok.text.charCodeAt(tok.text.length - 1) === 46 /* . */) {
    const base = tok.text.slice(0, -1).toLowerCase();
    if (TITLE_ABBREVIATIONS.has(base) || /^\p{L}$/u.test(base)) return false;
    return true; // "Inc." "U.S." may end a sentence; decided by what follows
  }
  return false;
}

/** /\n[ \t]*\r?\n/.test(text.slice(from, to)), without the slice and only looking between from and to. */
function hasBlankLine(text: string, from: number, to: number): boolean {
  for (let p = from; p < to; p++) {
    if (text.charCodeAt(p) !== 10) continue;
    let q = p + 1;
    while (q < to && (text.charCodeAt(q) === 32 || text.charCodeAt(q) === 9)) q++;
    if (q < to && text.charCodeAt(q) === 13) q++; // \r? (a \r not followed by \n cannot match either way)
    if (q < to && text.charCodeAt(q) === 10) return true;
  }
  return false;
}

/** /^\p{Ll}/u.test(s) */
function startsLowerCase(s: string): boolean {
  const c = s.charCodeAt(0);
  return c < 128 ? c >= 97 && c <= 122 : /^\p{Ll}/u.test(s);
}

function splitSentences(text: string, tokens: Token[]): Sentence[] {
  const sentences: Sentence[] = [];
  let first = 0;
  const close = (last: number) => {
    if (last <= first) return;
    sentences.push({ start: tokens[first].start, end: tokens[last - 1].end, first, last });
    first = last;
  };
  for (let k = 0; k < tokens.length; k++) {
    const tok = tokens[k];
    if (k > first && tok.lineStart) {
      // A line break ends a sentence unless the line was wrapped mid-sentence (next line starts lower-case).
      if (hasBlankLine(text, tokens[k - 1].end, tok.start) || !startsLowerCase(tok.text) || isSentenceFinal(tokens[k - 1])) close(k);
    }
    if (!isSentenceFinal(tok)) continue;
    let j = k + 1;
    while (j < tokens.length && tokens[j].kind === 'punct' && CLOSERS.has(tokens[j].text) && !tokens[j].lineStart &&
           tokens[j].start === tokens[j - 1].end) j++;
    const next = tokens[j];
    if (!next) continue;
    if (next.lineStart) continue; // handled above
    if (next.start === tokens[j - 1].end) continue; // no space: "3.5", "U.S.-China"
    const abbrev = tok.kind === 'word';
    const startsUpper = /^[\p{Lu}\d]/u.test(next.text) || (OPENERS.has(next.text) && next.kind === 'punct');
    if (!startsUpper) continue;
    if (abbrev && FINAL_ABBREVIATIONS.has(tok.text.slice(0, -1).toLowerCase()) === false && !/^(?:\p{L}\.)+$/u.test(tok.text)) {
      continue;
    }
    if (abbrev && /^(?:\p{L}\.)+$/u.test(tok.text)) {
      // "U.S. officials" vs "in the U.S. The": only break before a likely sentence opener.
      if (!/^(?:The|A|An|But|And|He|She|It|They|We|I|In|On|At|This|That|These|Those|His|Her|Their|Its|Our|After|Before|When|While|Although|However|Since|As|If|There|What|Who|Why|How)$/.test(next.text)) continue;
    }
    close(j);
    k = j - 1;
  }
  close(tokens.length);
  // Tokens are made with sentence 0: the first sentence's need no write.
  for (let s = 1; s < sentences.length; s++) {
    for (let k = sentences[s].first; k < sentences[s].last; k++) tokens[k].sentence = s;
  }
  return sentences;
}
