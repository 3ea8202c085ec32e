// Quotation-mark spans: curly “…” and ‘…’, straight "…" and doubled ''…'' pairs, one span per paragraph, and the
// shape of each span in its sentence (a whole quoted utterance, or a fragment inside other words).
import { isSpace, type Token } from '../tokenize';
import { quoteCue, reportCue, startsUpper } from './cues';

export interface RawQuote {
  /** With the marks. */
  start: number;
  end: number;
  /** Without the marks. */
  contentStart: number;
  contentEnd: number;
  /** False when the opening mark has no closing mark in its paragraph (the span runs to the paragraph
   *  end, or to the next opening mark): the first paragraphs of a multi-paragraph quote. */
  closed: boolean;
  /** True when the opening mark is the first character of its paragraph (indentation aside). */
  paragraphStart: boolean;
}

/** Paragraph ranges: blank-line separated, or one per line in a text without blank lines. The matches
 *  of /\r?\n[ \t]*\r?\n/g (or /\r?\n/g), found with character scans. */
export function paragraphs(text: string): [number, number][] {
  const out: [number, number][] = [];
  let p = 0;
  // Blank-line breaks: "\n", spaces or tabs, an optional "\r", "\n"; the match takes a "\r" before the
  // first "\n" when it lies at or after where the search resumed.
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    let j = i + 1;
    let c = text.charCodeAt(j);
    while (c === 32 || c === 9) c = text.charCodeAt(++j);
    if (c === 13) c = text.charCodeAt(++j);
    if (c !== 10) continue;
    out.push([p, i > p && text.charCodeAt(i - 1) === 13 ? i - 1 : i]);
    p = j + 1;
    i = j;
  }
  if (out.length === 0) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
      out.push([p, i > p && text.charCodeAt(i - 1) === 13 ? i - 1 : i]);
      p = i + 1;
    }
  }
  out.push([p, text.length]);
  return out;
}

/** The characters that can open a quotation. */
const OPENERS = ['"', "'", '“', '‘'];

/**
 * Offset of the first opening character at or after i, or the text length, for offsets asked in
 * increasing order: one indexOf per character, whose answer is kept in `next` while it still lies ahead
 * (-1: not searched yet, -2: none left). A function over a typed array rather than a small class: the
 * hidden class of a per-call object dies at every full garbage collection, and with it the optimised
 * code that used it.
 */
function nextOpener(text: string, next: Int32Array, i: number): number {
  let best = text.length;
  for (let k = 0; k < 4; k++) {
    let p = next[k];
    if (p === -2) continue;
    if (p < i) {
      p = text.indexOf(OPENERS[k], i);
      next[k] = p < 0 ? -2 : p;
      if (p < 0) continue;
    }
    if (p < best) best = p;
  }
  return best;
}

/** nextOpener's memory, one for all calls (reset by each): allocating a typed array costs more. */
const NEXT_OPENER = new Int32Array(4);

/** Finds quotation spans: curly “…” and ‘…’, straight "…" and ''…'' pairs; an unclosed mark runs to the paragraph end. */
export function findQuoteSpans(text: string): RawQuote[] {
  const out: RawQuote[] = [];
  const next = NEXT_OPENER.fill(-1);
  if (nextOpener(text, next, 0) >= text.length) return out;
  for (const [ps, pe] of paragraphs(text)) {
    let first = -1;
    let i = ps;
    while (i < pe) {
      // Only the four opening characters start anything.
      i = nextOpener(text, next, i);
      if (i >= pe) break;
      if (first < 0) { first = ps; while (first < pe && isSpace(text.charCodeAt(first))) first++; }
      const c = text[i];
      if (c === "'" && text[i + 1] === "'" && isOpeningDouble(text, i)) {
        // Two apostrophes as quotation marks (''…'', a newspaper archive style).
        const found = text.indexOf("''", i + 2);
        if (found >= 0 && found < pe) {
          if (found > i + 2) out.push({ start: i, end: found + 2, contentStart: i + 2, contentEnd: found, closed: true, paragraphStart: i === first });
          i = found + 2;
        } else {
          let end = pe;
          while (end > i + 2 && isSpace(text.charCodeAt(end - 1))) end--;
          if (end > i + 2) out.push({ start: i, end, contentStart: i + 2, contentEnd: end, closed: false, paragraphStart: i === first });
          i = pe;
        }
        continue;
      }
      if (c === '“' || (c === '"' && isOpening(text, i)) || (c === '‘' && isOpeningSingle(text, i))) {
        const closer = c === '“' ? '”' : c === '‘' ? '’' : '"';
        let j = i + 1;
        let found = -1;
        while (j < pe) {
          const dc = text.charCodeAt(j);
          // Only " (34), “ (8220), ” (8221) and ’ (8217) matter here.
          if (dc !== 34 && dc !== 8220 && dc !== 8221 && dc !== 8217) { j++; continue; }
          const d = text[j];
          if (d === closer && (closer !== '’' || !/[\p{L}\p{N}]/u.test(text[j + 1] ?? ''))) { found = j; break; }
          // Mixed marks close too: "…,” and “…," (a straight mark only where a closing one can stand).
          if ((closer === '"' && d === '”') || (closer === '”' && d === '"' && !/[\p{L}\p{N}]/u.test(text[j + 1] ?? ''))) { found = j; break; }
          if (closer === '"' && d === '“') {
            // A curly pair nested in a straight-quoted paragraph (“PENCE: … an episode of “Shark Tank.” But …”)
            // is a quotation inside the quotation; any other curly opening ends it.
            const inner = text.indexOf('”', j + 1);
            const straight = text.indexOf('"', j + 1);
            if (i === first && inner >= 0 && inner < pe && (straight < 0 || straight > inner)) { j = inner + 1; continue; }
            break;
          }
          // A left mark typed where a right one belongs (“abhorrent“ in a tweet): it closes when it stands
          // after a word or punctuation and before a space, punctuation or the end.
          if (closer === '”' && d === '“' && closesHere(text, j)) { found = j; break; }
          if (closer === '”' && d === '“') break; // a new opening before any close: unbalanced
          j++;
        }
        if (found >= 0) {
          if (found > i + 1) out.push({ start: i, end: found + 1, contentStart: i + 1, contentEnd: found, closed: true, paragraphStart: i === first });
          i = found + 1;
          continue;
        }
        if (closer !== '’') {
          // Unbalanced: the quotation runs to the end of the paragraph or the next opening mark.
          let end = j;
          while (end > i + 1 && isSpace(text.charCodeAt(end - 1))) end--;
          if (end > i + 1) out.push({ start: i, end, contentStart: i + 1, contentEnd: end, closed: false, paragraphStart: i === first });
          i = j;
          continue;
        }
      }
      i++;
    }
  }
  return out;
}

/** A mark at i in closing position: after a letter, digit or punctuation that cannot open a quotation,
 *  and before a space, closing punctuation or the end of the text. */
function closesHere(text: string, i: number): boolean {
  const before = text.charCodeAt(i - 1);
  const after = text[i + 1];
  if (Number.isNaN(before) || isSpace(before) || /[([{—–\-“‘"]/.test(text[i - 1])) return false;
  return after === undefined || isSpace(after.charCodeAt(0)) || /[.,;:!?)\]—–]/.test(after);
}

function isOpening(text: string, i: number): boolean {
  const before = text[i - 1];
  const after = text[i + 1];
  if (after === undefined || /\s/.test(after)) return false;
  return before === undefined || /[\s([{—–\-:;,/]/.test(before);
}

function isOpeningDouble(text: string, i: number): boolean {
  const before = text[i - 1];
  const after = text[i + 2];
  if (after === undefined || /[\s']/.test(after)) return false;
  return before === undefined || /[\s([{—–\-:;,/]/.test(before);
}

function isOpeningSingle(text: string, i: number): boolean {
  const before = text[i - 1];
  return (before === undefined || /[\s([{—–"“]/.test(before)) && /[\p{L}\p{N}]/u.test(text[i + 1] ?? '');
}

/** Words that may stand right before a quoted utterance, besides the speech verbs among the cue words (cues.ts). */
const INTRO_WORDS = new Set(['chanted', 'chanting', 'yelled', 'shouted', 'reading', 'tweeting', 'saying', 'says', 'said', 'say', 'adding', 'added', 'wrote', 'writes', 'tweeted', 'asked', 'asks', 'told', 'declared', 'replied', 'responded', 'read', 'reads', 'states', 'stated', 'warned', 'insisted']);

/**
 * Whether a quotation-mark span is a quoted utterance on its own (`direct`: it opens its sentence or
 * follows a colon, comma, dash or a speech verb, and it closes its clause: punctuation inside the
 * closing mark, or the sentence ends with it) or a fragment inside other words (a partial quote, a
 * scare quote or a title: “pretty close to a deal”, so-called “experts”).
 * `qa`/`qb`: the first and last token of the span.
 */
export function isUtterance(text: string, q: RawQuote, tokens: Token[], qa: number, qb: number): boolean {
  // A stage direction in a transcript (“(CROSSTALK.)”, “(APPLAUSE)”) or a sign-off ("Follow Pam Key on
  // Twitter @pamkey") is nobody's utterance, closed or not.
  if (NOT_SPOKEN.test(text.slice(q.contentStart, Math.min(q.contentEnd, q.contentStart + 200)))) return false;
  if (!q.closed) return true;
  const words = countWords(tokens, qa, qb);
  const last = lastNonSpace(text, q.contentStart, q.contentEnd);
  const punctInside = /[.,!?…—–:;-]/.test(last);
  const prev = qa - 1 >= 0 ? tokens[qa - 1] : undefined;
  // A title in marks (“The Apprentice,” “Tough Choices.”): every word capitalised.
  if (words <= 6 && isTitleCase(tokens, qa, qb) && (!attributionFollows(tokens, qb) || afterWorkNoun(tokens, qa))) return false;
  const opensSentence = q.paragraphStart || !prev || prev.sentence !== tokens[qa].sentence || /^[.!?]$/.test(prev.text);
  const afterIntro = prev !== undefined && (/^[:,—–(;-]$/.test(prev.text) || INTRO_WORDS.has(prev.text.toLowerCase()) || quoteCue(tokens, qa - 1) !== undefined);
  // “…,” followed by its attribution (“…,” she said / “…,” according to X): the quote is the content.
  // After a symbol rather than a word (an emoji, a bullet), the quote still stands alone when its
  // attribution follows: “…,” she said / “…,” according to X.
  if (!opensSentence && !afterIntro) return prev !== undefined && prev.kind === 'punct' && /[,!?]/.test(last) && attributionFollows(tokens, qb);
  // "Bolton said that whatever choice voters make, “they should …”": the quotation ends a reported
  // "that" clause begun before it; the clause is the attribution's content, the quotation a fragment of it.
  if (!opensSentence && prev !== undefined && (prev.text === ',' || prev.text === '—' || prev.text === '–') && insideThatClause(tokens, qa - 2)) return false;
  // Right after a verb or noun of voicing or displaying words ("chanting “USA!”", "a sign that read
  // “Hispanics 4 Trump”", "chants of “I'm with her”"), any quotation is what was voiced.
  if (prev !== undefined && (VOICED.has(prev.text.toLowerCase()) || (prev.text === 'of' && VOICED.has(tokens[qa - 2]?.text.toLowerCase() ?? '')))) return true;
  if (punctInside) return words >= 2 || opensSentence;
  // No punctuation inside: the quote still ends its clause when the sentence or paragraph ends right after it.
  const next = tokens[qb + 1];
  const endsClause = !next || next.sentence !== tokens[qb].sentence || /^[.!?]$/.test(next.text) || /\n/.test(text.slice(q.end, next.start));
  return endsClause && words >= 3;
}

/** A reporting verb and "that" ("said that", "told reporters that") earlier in the sentence of token k,
 *  within 30 tokens, with no quotation mark, sentence end or other "that" after it up to k. */
function insideThatClause(tokens: Token[], k: number): boolean {
  const s = tokens[k]?.sentence;
  for (let j = k; j > 0 && k - j < 30 && tokens[j].sentence === s; j--) {
    const w = tokens[j].text;
    if (w === '“' || w === '”' || w === '"' || w === "''" || w === ':' || w === ';') return false;
    if (w !== 'that') continue;
    // The verb right before "that", or before its addressee ("told reporters that").
    for (let v = j - 1; v >= 0 && j - v <= 3 && tokens[v].sentence === s && tokens[v].kind === 'word'; v--) if (reportCue(tokens, v)) return true;
    return false;
  }
  return false;
}

/** Kinds of work whose name follows them in quotation marks: "his 2002 book, “Make Your Kid a Millionaire”". */
const WORK_NOUNS = new Set(['book', 'film', 'movie', 'album', 'song', 'novel', 'memoir', 'documentary', 'play', 'poem', 'show', 'series', 'column', 'editorial', 'op-ed', 'essay', 'magazine', 'podcast', 'musical', 'opera']);

/** A title-case quotation right after the kind of work it names (a comma between allowed): a title
 *  even when a cue follows ("In his book, “Trump and Me,” Smith wrote …"). */
function afterWorkNoun(tokens: Token[], qa: number): boolean {
  let k = qa - 1;
  while (k >= 0 && tokens[k].kind === 'punct' && /^[“"'‘`,]+$/.test(tokens[k].text)) k--;
  return k >= 0 && WORK_NOUNS.has(tokens[k].text.toLowerCase());
}

const NOT_SPOKEN = /^\s*(?:\([^()]*\)[.!?]?\s*$|Follow @?[\w .'’-]{1,40} on (?:Twitter|Instagram|Facebook)\b)/;

/** Verbs and nouns of voicing or displaying words, after which a quotation of any length is an utterance. */
const VOICED = new Set(['chant', 'chants', 'chanted', 'chanting', 'shout', 'shouts', 'shouted', 'shouting', 'yell', 'yells', 'yelled', 'yelling',
  'scream', 'screams', 'screamed', 'screaming', 'cries', 'cried', 'mouthing', 'mouthed', 'echoing', 'echoed', 'interjecting', 'interjected',
  'whispering', 'whispered', 'sang', 'singing', 'read', 'reads', 'reading']);

/** A cue within the four tokens after the quotation (“…,” Merkel said / “…,” according to X). */
function attributionFollows(tokens: Token[], qb: number): boolean {
  for (let k = qb + 1; k < tokens.length && k <= qb + 5; k++) {
    if (/^[.!?;“"]$/.test(tokens[k].text)) return false;
    if (quoteCue(tokens, k)) return true;
  }
  return false;
}

const MINOR_WORDS = new Set(['of', 'the', 'a', 'an', 'and', 'in', 'on', 'to', 'for', 'at', 'by', 'with', 'from', 'or']);

/** Two or more words, all capitalised except short function words: "Bridges of the North". */
function isTitleCase(tokens: Token[], a: number, b: number): boolean {
  let n = 0;
  for (let k = a; k <= b && k < tokens.length; k++) {
    const t = tokens[k];
    if (t.kind !== 'word') continue;
    if (MINOR_WORDS.has(t.text)) continue;
    if (!startsUpper(t.text)) return false;
    n++;
  }
  return n >= 2;
}

function countWords(tokens: Token[], a: number, b: number): number {
  let n = 0;
  for (let k = a; k <= b && k < tokens.length; k++) if (tokens[k].kind !== 'punct') n++;
  return n;
}

/** The last character of the content, past spaces and the closing marks of a nested quote (‘…,’”). */
function lastNonSpace(text: string, start: number, end: number): string {
  let e = end;
  while (e > start && /[\s’'"”]/.test(text[e - 1])) e--;
  return text[e - 1] ?? '';
}
