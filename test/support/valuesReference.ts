// Reference for test/unit/values.equivalence.test.ts and scripts/values-equiv.ts: findValues() (src/engine/values.ts)
// as it was before the trigger gating, kept verbatim. Never bundled.
// Value entities (DATE, TIME, MONEY, PERCENT, QUANTITY, ORDINAL, CARDINAL) found by patterns over the text.
import type { ValueType } from '../../src/engine/types';

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

const PATTERNS: [ValueType, RegExp][] = [
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

const PRIORITY: Record<ValueType, number> = { MONEY: 0, PERCENT: 1, TIME: 2, DATE: 3, QUANTITY: 4, ORDINAL: 5, CARDINAL: 6 };
const LEADING_PREP = /^(?:since|in|by|until|from|of|the year|before|after|on|every)\s+/i;

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** /[\p{L}\-]/u.test(text[i]) for c = text.charCodeAt(i), the regex only outside ASCII. */
function isLetterOrHyphen(c: number, text: string, i: number): boolean {
  if (c < 128) return c === 45 || ((c | 32) >= 97 && (c | 32) <= 122);
  return /[\p{L}\-]/u.test(text[i]);
}

/** Finds value mentions, longest-first with type priority, without overlaps. */
export function findValuesReference(text: string): ValueMention[] {
  const found: ValueMention[] = [];
  for (const [type, re] of PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (m[0].length === 0) { re.lastIndex++; continue; }
      let start = m.index;
      let end = m.index + m[0].length;
      let s = m[0];
      if (type === 'DATE') {
        const lp = LEADING_PREP.exec(s);
        if (lp && !/^(?:early|mid|late|fiscal|last|next|this)/i.test(s)) { start += lp[0].length; s = s.slice(lp[0].length); }
        if (/^May$/.test(s) && !/(?:in|since|until|by|from|of|early|late|mid|last|next|this)\s+$/i.test(text.slice(Math.max(0, start - 8), start))) continue;
        if (/^(?:a|an)[ -]/i.test(s) && !/(?:ago|earlier|later)$/.test(s)) {
          // "a year" alone is vague; keep "a year ago", drop "a week" inside other phrases like "a week-long".
          if (!/\b(?:ago|earlier|later)\b/.test(s)) continue;
        }
        if (/^(?:recently)$/i.test(s)) continue;
      }
      // Most matches are CARDINAL digits: the word checks below cannot apply to a match starting with one.
      if (type === 'CARDINAL' && !isDigit(s.charCodeAt(0))) {
        if (/^(?:a|an|many|several|a few|a couple of)$/i.test(s)) continue;
        if (/^one$/i.test(s) && /^\s+(?:of|another)\b/.test(text.slice(end, end + 9)) === false && /\b(?:no|any|every|each|some)\s+$/i.test(text.slice(Math.max(0, start - 6), start))) continue;
      }
      if (type === 'TIME' && /^a second$/i.test(s)) continue; // "a second round", not a duration
      if (type === 'ORDINAL' && /^second$/i.test(s) && /^s?\b/.test(text.slice(end)) && /\b(?:a|per|every)\s+$/.test(text.slice(Math.max(0, start - 6), start))) continue;
      if (end <= start) continue;
      found.push({ start, end, type });
    }
  }
  found.sort((a, b) => a.start - b.start || (b.end - b.start) - (a.end - a.start) || PRIORITY[a.type] - PRIORITY[b.type]);
  const out: ValueMention[] = [];
  for (const v of found) {
    const prev = out[out.length - 1];
    if (prev && v.start < prev.end) continue;
    // Digits glued to letters are codes or names ("F-16", "G20", "COVID-19"), not values.
    if (isDigit(text.charCodeAt(v.start)) && v.start > 0 && isLetterOrHyphen(text.charCodeAt(v.start - 1), text, v.start - 1)) continue;
    out.push(v);
  }
  return out;
}
