// Value entities (DATE, TIME, MONEY, PERCENT, QUANTITY, ORDINAL, CARDINAL) found by patterns over the text.
import type { ValueType } from './types';
import { isSpace } from './tokenize';

export interface ValueMention {
  start: number;
  end: number;
  type: ValueType;
}

const MONTH = '(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.|Feb\\.|Mar\\.|Apr\\.|Jun\\.|Jul\\.|Aug\\.|Sept?\\.|Oct\\.|Nov\\.|Dec\\.)';
const WEEKDAY = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';
const DAY = '(?:[0-3]?\\d(?:st|nd|rd|th)?(?!\\d))';
const YEAR = "(?:1[5-9]\\d\\d|20\\d\\d|'\\d\\d)";
const NUMWORD = '(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|a few|a couple of|several|many|a|an|\\d+(?:\\.\\d+)?)';
const NUMBER = '(?:\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)';
const SCALE = '(?:thousand|million|billion|trillion|bn|mn|m|k)';
const NUM_WORDS = '(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|dozen|dozens|hundreds|thousands|millions|billions)';

const DATE_UNIT = '(?:days?|weeks?|months?|years?|decades?|centuries|century|weekends?|quarters?)';
const SEASON = '(?:spring|summer|autumn|fall|winter)';
const RANGE_SEP = '(?:\\s*(?:-|–|—|to|through|until|and)\\s*)';
const MONTH_DAY = `${MONTH}\\s+${DAY}(?:,?\\s+${YEAR})?`;

/** The value patterns, in priority order (global; findValues runs sticky copies). Exported for the
 *  reference scan in test/support/valuesReference.ts. */
export const PATTERNS: readonly (readonly [ValueType, RegExp])[] = [
  ['MONEY', new RegExp(`(?:(?:US|U\\.S\\.|A|C|HK|NZ|S)?[$€£¥₹]\\s?${NUMBER}(?:\\s?${SCALE}\\b)?|${NUMBER}(?:\\s?${SCALE})?\\s+(?:dollars|euros?|pounds sterling|yuan|yen|rupees|francs|pesos|roubles|rubles|won|cents|renminbi|dinars|riyals|shekels|lira|rand)\\b|(?:USD|EUR|GBP|CNY|JPY)\\s?${NUMBER}(?:\\s?${SCALE}\\b)?)`, 'g')],
  ['PERCENT', new RegExp(`(?:${NUMBER}|${NUM_WORDS})(?:\\s?%|\\s+(?:percent|per cent|percentage points?)\\b)`, 'gi')],
  ['TIME', new RegExp(`\\b(?:\\d{1,2}(?::\\d{2})?\\s?(?:a\\.m\\.|p\\.m\\.|am\\b|pm\\b|AM\\b|PM\\b)(?:\\s+(?:[A-Z]{2,4}T|GMT|UTC))?|\\d{1,2}:\\d{2}(?:\\s+(?:[A-Z]{2,4}T|GMT|UTC))?|noon|midnight|(?:this|yesterday|tomorrow|last|Friday|Saturday|Sunday|Monday|Tuesday|Wednesday|Thursday)\\s+(?:morning|afternoon|evening|night)|tonight|overnight)`, 'g')],
  // Durations and relative dates, in any letter case ("Yesterday", "This year's", "four hours").
  ['TIME', new RegExp(`\\b(?:(?:nearly|almost|about|around|just over|just under|more than|less than|over|under)\\s+)?(?:half an hour|an hour and a half|(?:${NUMWORD}|a couple of|a few)[ -](?:and a half[ -])?(?:hours?|minutes?|seconds?))(?![\\w-])`, 'gi')],
  ['DATE', new RegExp([
    `\\b(?:(?:earlier|later|early|late)\\s+)?(?:this|last|next|past|coming|previous|same|every|each)\\s+(?:${DATE_UNIT}|${SEASON})\\b(?:['’]s)?`,
    `\\b(?:the\\s+)?(?:past|last|next|coming|previous|first|final)\\s+(?:${NUMWORD}\\s+)${DATE_UNIT}\\b`,
    `\\b${NUMWORD}[ -]${DATE_UNIT}(?:\\s+(?:ago|earlier|later|old))?\\b`,
    `\\b(?:today|yesterday|tomorrow|recently)\\b(?:['’]s)?`,
    `\\bthe\\s+(?:past|last|next|coming)\\s+(?:few|several|couple of)\\s+${DATE_UNIT}\\b`,
    `\\bthe\\s+(?:\\d{1,2}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty-first)\\s+century\\b`,
    `\\bthe\\s+(?:(?:early|mid|late)[ -])?(?:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\\b`,
    `\\b(?:this|last|next|the)\\s+weekends?\\b`,
  ].join('|'), 'gi')],
  ['DATE', new RegExp([
    `${MONTH_DAY}(?:${RANGE_SEP}(?:${MONTH_DAY}|${DAY}(?:,?\\s+${YEAR})?))?`,
    `\\b${DAY}\\s+${MONTH}(?:\\s+${YEAR})?(?:${RANGE_SEP}${DAY}\\s+${MONTH}(?:\\s+${YEAR})?)?`,
    `\\b(?:(?:early|mid|late|the end of|the beginning of|the start of|the middle of)[ -])?${MONTH}(?:\\s+(?:of\\s+)?${YEAR}\\b)?(?![\\w-])`,
    `\\b(?:(?:last|next|this|early|late|on|every)\\s+)?${WEEKDAY}(?:'s)?\\b`,
    `\\b(?:fiscal\\s+|the\\s+)?(?:1[5-9]\\d0|20[0-9]0)s\\b`,
    `\\b(?:(?:early|mid|late|fiscal|since|in|by|until|from|of|the year|before|after)\\s+)?(?:1[7-9]\\d\\d|20\\d\\d)(?:(?:-|–|/)(?:\\d\\d|\\d{4}))?\\b(?![.,]\\d)`,
    `\\b(?:the\\s+)?(?:\\d{1,2}(?:st|nd|rd|th)|[Ff]irst|[Ss]econd|[Tt]hird|[Ff]ourth|[Ff]ifth)?\\s?(?:quarter|half)\\s+of\\s+(?:${YEAR}|the year)\\b`,
    `\\b${SEASON}\\s+(?:of\\s+)?${YEAR}\\b`,
    `\\b(?:Christmas|Easter|Thanksgiving|Halloween|Ramadan|New Year's(?: Day| Eve)?|Election Day|Independence Day|Labor Day|Memorial Day)\\b`,
  ].join('|'), 'g')],
  ['QUANTITY', new RegExp(`\\b(?:${NUMBER}|${NUM_WORDS})(?:\\s?${SCALE})?[ -]?(?:km|kilometers?|kilometres?|miles?|meters?|metres?|feet|foot|ft|inches|inch|cm|mm|kg|kilograms?|grams?|pounds|lbs?|tons?|tonnes?|barrels?|bpd|acres?|hectares?|gallons?|liters?|litres?|mph|km/h|degrees|square (?:miles|kilometers|kilometres|feet|meters|metres)|sq km|megawatts?|MW|GW|gigawatts?|kWh)\\b`, 'g')],
  ['ORDINAL', /\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fifteenth|twentieth|hundredth|\d+(?:st|nd|rd|th))\b/gi],
  ['CARDINAL', new RegExp(`\\b(?:${NUMBER}(?:\\s+${SCALE}\\b)?|(?:${NUM_WORDS})(?:[ -](?:${NUM_WORDS}|one|two|three|four|five|six|seven|eight|nine))*(?:\\s+${SCALE}\\b)?)(?![\\w])`, 'gi')],
];

// The patterns' order is their types' priority (MONEY, PERCENT, TIME, DATE, QUANTITY, ORDINAL, CARDINAL):
// of two matches with the same start and length, the earlier pattern's wins (findValues' merge).
const LEADING_PREP = /^(?:since|in|by|until|from|of|the year|before|after|on|every)\s+/i;

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isLetter = (c: number): boolean => (c | 32) >= 97 && (c | 32) <= 122;
/** [A-Za-z0-9_], what \w and \b see (none of the patterns has the u flag). */
const isWordChar = (c: number): boolean => isLetter(c) || isDigit(c) || c === 95;
/** A character NUMBER can consist of. */
const isNumberChar = (c: number): boolean => isDigit(c) || c === 44 || c === 46;

/** /[\p{L}-]/u.test(text[i]) for c = text.charCodeAt(i), the regex only outside ASCII. */
function isLetterOrHyphen(c: number, text: string, i: number): boolean {
  if (c < 128) return c === 45 || ((c | 32) >= 97 && (c | 32) <= 122);
  return /[\p{L}-]/u.test(text[i]);
}

// ---------------------------------------------------------------------------------------------------
// Gating. Each pattern is run sticky, only at the positions where one of its matches could start, in
// increasing order from the end of the previous match: the first that matches is the match the global
// scan would have found, so the output is the same. Where a match can start is read off the patterns
// (ASCII letters only: no pattern has the u flag, so \w, \b and the i flag concern ASCII alone):
// - a \b-led word alternative starts at a word start (previous character not [A-Za-z0-9_]) whose letter
//   run is one of its first words, exactly when the pattern puts \s, [ -], \b or (?!\w) after that word
//   (WORDS), else one of them is a prefix of the run (PREFIX3, the run's first three letters);
// - a \b-led digit alternative starts at a digit run start with a word-character-free left, and the
//   characters after the number are the ones the pattern then needs (the filters in digitRun());
// - the alternatives without \b start before a trigger: MONEY at a currency sign (prefix up to 4
//   characters before it), an upper-case code, or in the number before \s+ and a currency word; PERCENT in
//   the number or number word before '%' or \s+percent / per cent / percentage; DATE's MONTH_DAY at any
//   upper-case month prefix ("Jan", ..., "Sep"); TIME durations only if a word starts "hou", "min" or
//   "sec" (every match has hours?|minutes?|seconds? or "hour" right after [ -] or a space).
// Hash collisions only add positions. test/unit/values.equivalence.test.ts compares this with the
// ungated scan kept in test/support/valuesReference.ts.

const N_PATTERNS = PATTERNS.length; // 0 MONEY, 1 PERCENT, 2 TIME, 3 TIME durations, 4/5 DATE, 6 QUANTITY, 7 ORDINAL, 8 CARDINAL
const STICKY = PATTERNS.map(([, re]) => new RegExp(re.source, re.flags.replace('g', '') + 'y'));
const P_TIME = 1 << 2, P_DURATION = 1 << 3, P_DATE_REL = 1 << 4, P_DATE = 1 << 5, P_QUANTITY = 1 << 6, P_ORDINAL = 1 << 7, P_CARDINAL = 1 << 8;
const CURRENCY = 1 << 9;     // a currency word after \s+ (MONEY)
const PERCENT_WORD = 1 << 10; // percent, per cent, percentage after \s+ (PERCENT)
const HMS = 1 << 11;         // hours?|minutes?|seconds? (TIME durations gate)
const MONTH3 = 1 << 12;      // upper-case month prefix (DATE, anywhere in a word)
const CODE3 = 1 << 13;       // USD EUR GBP CNY JPY (MONEY, anywhere in a word)
const YEAR_PREP = 1 << 14;   // DATE words that need \s+ and a digit next
const ON = 1 << 15;          // DATE "on", needs \s+ and an upper-case weekday next
const QUARTER = 1 << 16;     // DATE "quarter|half", which \s? may precede after a \b

const NUMBERS = 'one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred';
const NUMWORD_FIRST = `${NUMBERS} a an several many`;
const NUM_WORDS_LIST = `${NUMBERS} dozen dozens hundreds thousands millions billions`;
const WEEKDAYS = 'monday tuesday wednesday thursday friday saturday sunday';

/** Letter-run hash, case-insensitive (c & 31 is the letter's place in the alphabet). */
const hashStep = (h: number, c: number): number => (Math.imul(h, 31) + (c & 31)) | 0;
const MAX_WORD = 12; // the longest exact first word ("thanksgiving", "independence")
const WORD_SLOTS = 1024;
const wordKeys = new Int32Array(WORD_SLOTS);
const wordMasks = new Int32Array(WORD_SLOTS); // 0: empty slot
const slotOf = (h: number): number => (h ^ (h >>> 10)) & (WORD_SLOTS - 1);
function wordMask(h: number): number {
  for (let i = slotOf(h); wordMasks[i] !== 0; i = (i + 1) & (WORD_SLOTS - 1)) if (wordKeys[i] === h) return wordMasks[i]!;
  return 0;
}
const PREFIX3 = new Int32Array(1 << 15);
const key3 = (a: number, b: number, c: number): number => ((a & 31) << 10) | ((b & 31) << 5) | (c & 31);

function addWords(words: string, bits: number, prefix = false): void {
  for (const w of words.split(' ')) {
    if (prefix) { PREFIX3[key3(w.charCodeAt(0), w.charCodeAt(1), w.charCodeAt(2))]! |= bits; continue; }
    if (w.length > MAX_WORD) throw new Error(`values: first word too long: ${w}`);
    let h = 0;
    for (let i = 0; i < w.length; i++) h = hashStep(h, w.charCodeAt(i));
    let i = slotOf(h);
    while (wordMasks[i] !== 0 && wordKeys[i] !== h) i = (i + 1) & (WORD_SLOTS - 1);
    wordKeys[i] = h;
    wordMasks[i]! |= bits;
  }
}
addWords('dollars euros euro pounds yuan yen rupees francs pesos roubles rubles won cents renminbi dinars riyals shekels lira rand', CURRENCY);
addWords('per percent percentage', PERCENT_WORD);
addWords(`this yesterday tomorrow last ${WEEKDAYS}`, P_TIME);
addWords('noon midnight tonight overnight', P_TIME, true);
addWords(`nearly almost about around just more less over under half ${NUMWORD_FIRST}`, P_DURATION);
addWords('hour minute second', HMS, true);
addWords(`earlier later early late this last next past coming previous same every each the first final today yesterday tomorrow recently ${NUMWORD_FIRST}`, P_DATE_REL);
addWords(`early mid late the last next this every ${WEEKDAYS} quarter half spring summer autumn fall winter christmas easter thanksgiving halloween ramadan new election independence labor memorial`, P_DATE);
addWords('first second third fourth fifth', P_DATE, true);
addWords('fiscal since in by until from of before after', YEAR_PREP);
addWords('on', ON);
addWords('quarter half', QUARTER);
addWords('january february march april may june july august september october november december', MONTH3, true);
addWords('usd eur gbp cny jpy', CODE3, true);
addWords(NUM_WORDS_LIST, P_QUANTITY, true);
addWords('first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fifteenth twentieth hundredth', P_ORDINAL);
addWords(NUM_WORDS_LIST, P_CARDINAL);

/** text.charCodeAt(k), or -1 outside the text (no check below is true for -1; out-of-bounds reads deoptimise). */
const at = (text: string, k: number): number => (k >= 0 && k < text.length ? text.charCodeAt(k) : -1);

/** Pushes the digit positions of the run of NUMBER characters that ends at `end`. */
function pushNumberRun(list: number[], text: string, end: number): void {
  let k = end;
  while (isNumberChar(at(text, k - 1))) k--;
  for (; k < end; k++) if (isDigit(text.charCodeAt(k))) list.push(k);
}

/** PERCENT: the number or number word ending at `end` (words are 3 to 9 letters). */
function pushPercentNumber(list: number[], text: string, end: number): void {
  const c = at(text, end - 1);
  if (isDigit(c)) pushNumberRun(list, text, end);
  else if (isLetter(c)) for (let len = 9; len >= 3; len--) if (end - len >= 0) list.push(end - len);
}

/** a, p, A, P: the first letters of a.m. am AM p.m. pm PM. */
const isAmPm = (c: number): boolean => c === 97 || c === 112 || c === 65 || c === 80;
/** J F M A S O N D: the first letters of MONTH. */
const isMonthInitial = (c: number): boolean =>
  c === 74 || c === 70 || c === 77 || c === 65 || c === 83 || c === 79 || c === 78 || c === 68;

/** End of the run of \s that starts at `start`. */
function spacesAfter(text: string, start: number): number {
  while (isSpace(at(text, start))) start++;
  return start;
}

/** Start of the run of \s that ends at `end`. */
function spacesBefore(text: string, end: number): number {
  while (isSpace(at(text, end - 1))) end--;
  return end;
}

type Lists = [number[], number[], number[], number[], number[], number[], number[], number[], number[]];

/** The letter run [s, e), whose lower-case hash is h. Returns whether it holds an HMS word. */
function letterRun(lists: Lists, text: string, s: number, e: number, h: number, upper: boolean): boolean {
  const money = lists[0], percent = lists[1], time = lists[2], duration = lists[3], dateRel = lists[4], date = lists[5];
  const quantity = lists[6], ordinal = lists[7], cardinal = lists[8];
  let hms = false;
  if (!isWordChar(at(text, s - 1))) {
    let m = e - s <= MAX_WORD ? wordMask(h) : 0;
    if (e - s >= 3) m |= PREFIX3[key3(text.charCodeAt(s), text.charCodeAt(s + 1), text.charCodeAt(s + 2))]!;
    if (m !== 0) {
      if (m & HMS) hms = true;
      if (m & P_TIME) time.push(s);
      if (m & P_DURATION) duration.push(s);
      if (m & P_DATE_REL) dateRel.push(s);
      if (m & (YEAR_PREP | ON) && !(m & P_DATE) && isSpace(at(text, e))) {
        let k = e + 1;
        while (isSpace(at(text, k))) k++;
        const next = at(text, k);
        if (m & YEAR_PREP ? isDigit(next) : next >= 65 && next <= 90) m |= P_DATE;
      }
      if (m & QUARTER && isSpace(at(text, s - 1))) date.push(s - 1);
      if (m & P_DATE) date.push(s);
      if (m & P_QUANTITY) quantity.push(s);
      if (m & P_ORDINAL) ordinal.push(s);
      if (m & P_CARDINAL) cardinal.push(s);
      if (m & CURRENCY && isSpace(at(text, s - 1))) {
        // NUMBER(?:\s?SCALE)?\s+word: back over the spaces, the scale's letters and one space.
        let k = spacesBefore(text, s);
        while (isLetter(at(text, k - 1))) k--;
        if (isSpace(at(text, k - 1))) k--;
        if (isDigit(at(text, k - 1))) pushNumberRun(money, text, k);
      }
      if (m & PERCENT_WORD && isSpace(at(text, s - 1))) pushPercentNumber(percent, text, spacesBefore(text, s));
    }
  }
  // Months and currency codes may start anywhere in a run, always upper-case.
  if (upper) for (let k = s; k + 2 < e; k++) {
    const u = text.charCodeAt(k);
    if (u > 90) continue;
    const b = text.charCodeAt(k + 1), d = text.charCodeAt(k + 2);
    const m = PREFIX3[key3(u, b, d)]!;
    if (m & MONTH3 && b >= 97 && d >= 97 && (date.length === 0 || date[date.length - 1] !== k)) date.push(k);
    if (m & CODE3 && b <= 90 && d <= 90) money.push(k);
  }
  return hms;
}

/** The digit run [s, e), not preceded by a word character (\b). */
function digitRun(lists: Lists, text: string, s: number, e: number): void {
  const time = lists[2], duration = lists[3], dateRel = lists[4], date = lists[5], quantity = lists[6], ordinal = lists[7], cardinal = lists[8];
  const len = e - s, after = at(text, e);
  cardinal.push(s);
  // TIME: \d{1,2} then ':', or \s? and a.m./am/AM/p.m./pm/PM.
  if (len <= 2 && (after === 58 || isAmPm(after) || (isSpace(after) && isAmPm(at(text, e + 1))))) time.push(s);
  // NUMWORD \d+(?:\.\d+)? then [ -], then TIME's (and a half|hours?|minutes?|seconds?) or DATE's unit.
  let r = e;
  if (after === 46 && isDigit(at(text, r + 1))) for (r += 2; isDigit(at(text, r)); r++);
  const sep = at(text, r);
  if (sep === 32 || sep === 45) {
    const u = at(text, r + 1) | 32;
    if (u === 97 || u === 104 || u === 109 || u === 115) duration.push(s);
    if (u === 100 || u === 119 || u === 109 || u === 121 || u === 99 || u === 113) dateRel.push(s);
  }
  // DATE (case-sensitive): DAY is 1-2 digits, then st|nd|rd|th (also \d{1,2}(?:st|nd|rd|th) before
  // quarter|half), or \s+ and an upper-case MONTH; years (1[7-9]\d\d|20\d\d) and decades
  // (1[5-9]\d0|20[0-9]0)s are 4 digits, starting 1 or 2.
  if (len <= 2) {
    if (after === 115 || after === 110 || after === 114 || after === 116 || (isSpace(after) && isMonthInitial(at(text, spacesAfter(text, e))))) date.push(s);
  } else if (len === 4) {
    const d = text.charCodeAt(s);
    if (d === 49 || d === 50) date.push(s);
  }
  // QUANTITY: NUMBER ends with the run of NUMBER characters, then a letter, or a space or '-' and a letter.
  let q = e;
  while (isNumberChar(at(text, q))) q++;
  const q0 = at(text, q);
  if (isDigit(at(text, q - 1)) && (isLetter(q0) || ((isSpace(q0) || q0 === 45) && isLetter(at(text, q + 1))))) quantity.push(s);
  // ORDINAL: \d+(?:st|nd|rd|th).
  const o = after | 32;
  if (o === 115 || o === 110 || o === 114 || o === 116) ordinal.push(s);
}

/** Where each pattern may match in `text`, per pattern in increasing order. */
function candidates(text: string): Lists {
  const lists: Lists = [[], [], [], [], [], [], [], [], []];
  let hms = false;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isLetter(c)) {
      const s = i;
      let h = 0, upper = 0;
      for (let l = c; ; l = text.charCodeAt(i)) {
        h = hashStep(h, l);
        upper |= ~l & 32; // 32 for an upper-case letter
        if (++i >= n || !isLetter(text.charCodeAt(i))) break;
      }
      if (letterRun(lists, text, s, i, h, upper > 0)) hms = true;
    } else if (isDigit(c)) {
      const s = i;
      do i++; while (i < n && isDigit(text.charCodeAt(i)));
      if (!isWordChar(at(text, s - 1))) digitRun(lists, text, s, i); // else no \b before it (a letter or _)
    } else {
      if (c === 37) {
        // PERCENT: (?:NUMBER|NUM_WORDS)\s?%
        pushPercentNumber(lists[1], text, isSpace(at(text, i - 1)) ? i - 1 : i);
      } else if (c === 36 || c === 8364 || c === 163 || c === 165 || c === 8377) {
        // MONEY: (?:US|U\.S\.|A|C|HK|NZ|S)?[$€£¥₹]
        for (const back of [4, 2, 1, 0]) if (i - back >= 0) lists[0].push(i - back);
      }
      i++;
    }
  }
  if (!hms) lists[3].length = 0;
  for (const list of lists) {
    for (let k = 1; k < list.length; k++) if (list[k]! < list[k - 1]!) { list.sort((a, b) => a - b); break; }
  }
  return lists;
}

/** The merge's next index into each pattern's list of spans. */
const HEADS = new Int32Array(N_PATTERNS);

/** Finds value mentions, longest-first with type priority, without overlaps. */
export function findValues(text: string): ValueMention[] {
  const starts = candidates(text);
  // Each pattern's matches as [start, end, start, end, ...], in increasing start order (sticky runs from
  // the end of the previous match; a DATE's start only moves forward within its own match).
  const spans: number[][] = [];
  for (let t = 0; t < N_PATTERNS; t++) {
    const type = PATTERNS[t]![0], re = STICKY[t]!, list = starts[t]!;
    const found: number[] = [];
    spans.push(found);
    let from = 0;
    for (const q of list) {
      if (q < from) continue;
      re.lastIndex = q;
      // test() leaves lastIndex at the end of the match (sticky), without building the match array.
      if (!re.test(text)) continue;
      const end = re.lastIndex;
      if (end === q) { from = q + 1; continue; }
      from = end;
      let start = q;
      const c0 = text.charCodeAt(q);
      // The checks below only concern matches that start with a letter (a digit start cannot match them).
      if (type === 'DATE' && !isDigit(c0)) {
        let s = text.slice(q, end);
        // LEADING_PREP's words start with one of s i b u f o t a e.
        const l0 = c0 | 32;
        if (l0 === 115 || l0 === 105 || l0 === 98 || l0 === 117 || l0 === 102 || l0 === 111 || l0 === 116 || l0 === 97 || l0 === 101) {
          const lp = LEADING_PREP.exec(s);
          if (lp && !/^(?:early|mid|late|fiscal|last|next|this)/i.test(s)) { start += lp[0].length; s = s.slice(lp[0].length); }
        }
        if (s === 'May' && !/(?:in|since|until|by|from|of|early|late|mid|last|next|this)\s+$/i.test(text.slice(Math.max(0, start - 8), start))) continue;
        if ((s.charCodeAt(0) | 32) === 97 && /^(?:a|an)[ -]/i.test(s) && !/(?:ago|earlier|later)$/.test(s)) {
          // "a year" alone is vague; keep "a year ago", drop "a week" inside other phrases like "a week-long".
          if (!/\b(?:ago|earlier|later)\b/.test(s)) continue;
        }
        if (s.length === 8 && /^(?:recently)$/i.test(s)) continue;
      }
      // Most matches are CARDINAL digits: the word checks below cannot apply to a match starting with one.
      else if (type === 'CARDINAL' && !isDigit(c0)) {
        const s = text.slice(q, end);
        if (/^(?:a|an|many|several|a few|a couple of)$/i.test(s)) continue;
        if (/^one$/i.test(s) && /^\s+(?:of|another)\b/.test(text.slice(end, end + 9)) === false && /\b(?:no|any|every|each|some)\s+$/i.test(text.slice(Math.max(0, start - 6), start))) continue;
      }
      else if (type === 'TIME' && end - q === 8 && /^a second$/i.test(text.slice(q, end))) continue; // "a second round", not a duration
      else if (type === 'ORDINAL' && end - q === 6 && /^second$/i.test(text.slice(q, end)) && /^s?\b/.test(text.slice(end)) && /\b(?:a|per|every)\s+$/.test(text.slice(Math.max(0, start - 6), start))) continue;
      if (end <= start) continue;
      found.push(start, end);
    }
  }
  // A k-way merge of the patterns' lists in the order of the sort (start, longer first, type priority)
  // the overlap loop needs: the priority never decreases with the pattern's index, and one pattern's
  // starts are distinct, so ties of start and length go to the lower index, as a stable sort would have them.
  const heads = HEADS;
  heads.fill(0);
  const out: ValueMention[] = [];
  let prevEnd = 0; // no start is below 0: nothing is skipped before the first kept value
  for (;;) {
    let best = -1, bs = 0, bl = 0;
    for (let t = 0; t < N_PATTERNS; t++) {
      const list = spans[t]!, h = heads[t]!;
      if (h >= list.length) continue;
      const s = list[h]!, len = list[h + 1]! - s;
      if (best < 0 || s < bs || (s === bs && len > bl)) { best = t; bs = s; bl = len; }
    }
    if (best < 0) break;
    heads[best]! += 2;
    if (bs < prevEnd) continue;
    // Digits glued to letters are codes or names ("F-16", "G20", "COVID-19"), not values.
    if (isDigit(text.charCodeAt(bs)) && bs > 0 && isLetterOrHyphen(text.charCodeAt(bs - 1), text, bs - 1)) continue;
    out.push({ start: bs, end: bs + bl, type: PATTERNS[best]![0] });
    prevEnd = bs + bl;
  }
  return out;
}
