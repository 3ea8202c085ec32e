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
// (O'Brien) and ampersands (AT&T). Numbers: digits with internal , . : / separators.
const TOKEN_RE =
  /(\p{L}\.(?:\p{L}\.)+)|(\d+(?:[.,:/]\d+)*(?:st|nd|rd|th|s)?)|([\p{L}\p{M}\p{N}]+(?:[-'’&.][\p{L}\p{M}\p{N}]+)*)|(\S)/uy;

const CLITIC_RE = /^(.+?)(['’](?:s|S|re|ve|ll|d|m|RE|VE|LL|D|M)|n['’]t|N['’]T)$/u;

export function tokenize(text: string): Tokenized {
  const tokens: Token[] = [];
  let i = 0;
  let sawNewline = true;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) { sawNewline = true; i++; continue; }
    if (c === 32 || c === 9 || c === 0xa0 || c === 0x2009 || c === 0x200b || c === 0xfeff || c === 12 || c === 11) { i++; continue; }
    TOKEN_RE.lastIndex = i;
    const m = TOKEN_RE.exec(text);
    if (!m) { i++; continue; }
    let tokText = m[0];
    let kind: TokenKind = m[2] !== undefined ? 'number' : m[4] !== undefined ? 'punct' : 'word';
    if (m[4] !== undefined && /\s/u.test(tokText)) { i += tokText.length; continue; }
    // Keep the abbreviation period: "Mr." "Inc." "Jan."
    let end = i + tokText.length;
    if (kind === 'word' && text.charCodeAt(end) === 46 /* . */) {
      const lower = tokText.toLowerCase();
      if (TITLE_ABBREVIATIONS.has(lower) || FINAL_ABBREVIATIONS.has(lower) || /^\p{Lu}$/u.test(tokText) ||
          (/^(?:\p{L}+\.)+\p{L}+$/u.test(tokText))) {
        tokText += '.';
        end++;
      }
    }
    // Split clitics: "Beijing's" -> "Beijing" "'s"; "didn't" -> "did" "n't".
    if (kind === 'word') {
      const cm = CLITIC_RE.exec(tokText);
      if (cm && cm[1].length > 0 && !/['’]$/.test(cm[1])) {
        const head = cm[1];
        pushToken(tokens, i, i + head.length, head, 'word', sawNewline);
        sawNewline = false;
        pushToken(tokens, i + head.length, end, cm[2], 'word', false);
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
  if (tok.kind === 'word' && tok.text.endsWith('.')) {
    const base = tok.text.slice(0, -1).toLowerCase();
    if (TITLE_ABBREVIATIONS.has(base) || /^\p{L}$/u.test(base)) return false;
    return true; // "Inc." "U.S." may end a sentence; decided by what follows
  }
  return false;
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
      const prevLineBlank = /\n[ \t]*\r?\n/.test(text.slice(tokens[k - 1].end, tok.start));
      if (prevLineBlank || !/^\p{Ll}/u.test(tok.text) || isSentenceFinal(tokens[k - 1])) close(k);
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
  for (let s = 0; s < sentences.length; s++) {
    for (let k = sentences[s].first; k < sentences[s].last; k++) tokens[k].sentence = s;
  }
  return sentences;
}
